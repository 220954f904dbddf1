"""Grant the programme coordinators' permissions on applications and reviews listed in
portal.roles now that the models exist."""

from django.db import migrations

from portal.roles import apply_roles


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0004_referees"),
        ("portal", "0002_roles"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
