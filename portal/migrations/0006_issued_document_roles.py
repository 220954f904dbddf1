"""Let seminar organisers and programme coordinators see, revoke and re-issue the documents
they manage (portal.roles: view and change on portal.issueddocument)."""

from django.db import migrations

from portal.roles import apply_roles


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_issueddocument_one_active_per_kind"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
