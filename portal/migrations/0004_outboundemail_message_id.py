from django.db import migrations, models

import portal.models


def store_message_ids(apps, schema_editor):
    """Rows written before the field existed keep the Message-ID they were already sent with
    (it was derived from their uuid), so a retry of one of them still matches the first copy."""
    OutboundEmail = apps.get_model("portal", "OutboundEmail")
    rows = list(OutboundEmail.objects.only("pk", "uuid"))
    for row in rows:
        row.message_id = portal.models.new_message_id(row.uuid)
    OutboundEmail.objects.bulk_update(rows, ["message_id"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_issueddocument"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboundemail",
            name="message_id",
            field=models.CharField(editable=False, max_length=255, null=True),
        ),
        migrations.RunPython(store_message_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outboundemail",
            name="message_id",
            field=models.CharField(
                default=portal.models.new_message_id,
                editable=False,
                max_length=255,
                unique=True,
                verbose_name="Message-ID",
            ),
        ),
    ]
