from datetime import UTC

from django.db import migrations, models

SCHEDULE_TIMES = ("starts_at", "ends_at")
SCHEDULE_TEXTS = (
    "format", "venue_name", "venue_address", "city", "online_platform", "online_join_url"
)


def remember_current_schedules(apps, schema_editor):
    """Attendees know today's schedules: the first change published after this is told."""
    SeminarPage = apps.get_model("seminars", "SeminarPage")
    for page in SeminarPage.objects.all():
        page.notified_schedule = {
            **{name: getattr(page, name).astimezone(UTC).isoformat() for name in SCHEDULE_TIMES},
            **{name: getattr(page, name) for name in SCHEDULE_TEXTS},
        }
        page.save(update_fields=["notified_schedule"])


class Migration(migrations.Migration):

    dependencies = [
        ('seminars', '0009_registration_seminar_protect'),
    ]

    operations = [
        migrations.AddField(
            model_name='seminarpage',
            name='cancellation_message',
            field=models.TextField(blank=True, editable=False, verbose_name='cancellation message'),
        ),
        migrations.AddField(
            model_name='seminarpage',
            name='cancelled_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cancelled at'),
        ),
        migrations.AddField(
            model_name='seminarpage',
            name='contact_email',
            field=models.EmailField(blank=True, help_text="Attendees' replies to the seminar's emails go here. Empty: the contact address of the site settings.", max_length=254, verbose_name='contact email'),
        ),
        migrations.AddField(
            model_name='seminarpage',
            name='notified_schedule',
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(remember_current_schedules, migrations.RunPython.noop),
    ]
