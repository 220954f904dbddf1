"""Each registration gets its own check-in code, apart from its private token; and document
files leave the public media tree.

The field is added empty, every existing registration gets a code of its own (a default on
AddField would give all of them the same value), then it becomes unique and required.

Wagtail documents (registrants-only seminar materials among them) now live under
PRIVATE_ROOT/documents (portal.storage); files uploaded before sit under MEDIA_ROOT/documents,
where /media/ serves them to anyone, so they are moved. Their names in the database do not
change. Nothing to do when the folder does not exist (a new site, or a bucket storage).
"""

import filecmp
import secrets
import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import seminars.models.registrations

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _new_code(taken):
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(12))
        if code not in taken:
            taken.add(code)
            return code


def give_every_registration_a_code(apps, schema_editor):
    Registration = apps.get_model("seminars", "Registration")
    taken = set()
    pks = list(Registration.objects.filter(checkin_code__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(pks), 2000):
        batch = [
            Registration(pk=pk, checkin_code=_new_code(taken)) for pk in pks[start : start + 2000]
        ]
        Registration.objects.bulk_update(batch, ["checkin_code"])


def _move_tree(source, target):
    """Move every file under `source` to the same place under `target`. A file already there
    wins; an identical copy left behind is deleted, a different one is kept and reported."""
    if not source.is_dir():
        return
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        destination = target / path.relative_to(source)
        if not destination.exists():
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, destination)
        elif filecmp.cmp(path, destination, shallow=False):
            path.unlink()
        else:
            print(f"\n  Not moved, a different file has its name: {path}")
    for folder in sorted((p for p in source.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(source.iterdir()):
        source.rmdir()


def move_document_files_out_of_media(apps, schema_editor):
    _move_tree(Path(settings.MEDIA_ROOT) / "documents", Path(settings.PRIVATE_ROOT) / "documents")


def move_document_files_back_to_media(apps, schema_editor):
    _move_tree(Path(settings.PRIVATE_ROOT) / "documents", Path(settings.MEDIA_ROOT) / "documents")


class Migration(migrations.Migration):
    dependencies = [
        ("seminars", "0007_seminarpage_organisers"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="checkin_code",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(give_every_registration_a_code, migrations.RunPython.noop),
        migrations.RunPython(move_document_files_out_of_media, move_document_files_back_to_media),
        migrations.AlterField(
            model_name="registration",
            name="checkin_code",
            field=models.CharField(
                default=seminars.models.registrations.new_checkin_code,
                editable=False,
                max_length=12,
                unique=True,
                verbose_name="check-in code",
            ),
        ),
    ]
