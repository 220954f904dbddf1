"""Each registration gets its own check-in code, apart from its private token.

The field is added empty, every existing registration gets a code of its own (a default on
AddField would give all of them the same value), then it becomes unique and required.
"""

import secrets

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
