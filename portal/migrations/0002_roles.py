"""Create the staff role groups of portal.roles with their permissions."""

from django.db import migrations

from portal.roles import apply_roles


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
