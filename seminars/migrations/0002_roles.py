"""Grant the seminar permissions listed in portal.roles now that the models exist."""

from django.db import migrations

from portal.roles import apply_roles


class Migration(migrations.Migration):
    dependencies = [
        ("seminars", "0001_initial"),
        ("portal", "0002_roles"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
