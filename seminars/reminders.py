"""Reminders before a seminar, each sent exactly once per registration (beat, every 5 minutes)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from seminars import notifications
from seminars.choices import RegistrationStatus
from seminars.models import Registration, SeminarPage, SentReminder

LONGEST_LEAD = 60  # days: seminars further ahead than this have nothing due
THANKS_WINDOW = 30  # days: seminars that ended longer ago than this send no thank-you
THANKS = "thanks"  # SentReminder.kind of the thank-you after the seminar


def due_reminders(now=None):
    """(registration, kind) pairs whose reminder is due and not yet sent."""
    now = now or timezone.now()
    seminars = SeminarPage.objects.live().filter(
        starts_at__gt=now, starts_at__lte=now + timedelta(days=LONGEST_LEAD)
    )
    for seminar in seminars:
        for kind, lead in seminar.reminder_lead_times().items():
            if seminar.starts_at - lead > now:
                continue
            registrations = (
                Registration.objects.filter(seminar=seminar, status=RegistrationStatus.CONFIRMED)
                .exclude(reminders__kind=kind)
                .select_related("seminar")
            )
            for registration in registrations:
                yield registration, kind


def send_due_reminders(now=None):
    """Send every due reminder, each exactly once. Returns the number sent."""
    return _send_once((registration, kind, "reminder") for registration, kind in due_reminders(now))


def _send_once(due):
    """Send each (registration, SentReminder kind, email kind) in `due`. The unique
    SentReminder row, written in the email's transaction, makes each go out exactly once, even
    with two beats or a retried task. Returns the number sent."""
    sent = 0
    for registration, marker, email_kind in due:
        try:
            with transaction.atomic():
                SentReminder.objects.create(registration=registration, kind=marker)
                notifications.send(registration, email_kind)
        except IntegrityError:
            continue  # another run sent it first
        sent += 1
    return sent


def due_thanks(now=None):
    """Attended registrations of seminars that ended in the last THANKS_WINDOW days and have
    not been thanked yet. No-shows, cancelled and every other status get nothing."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(
            status=RegistrationStatus.ATTENDED,
            seminar__live=True,
            seminar__ends_at__lte=now,
            seminar__ends_at__gt=now - timedelta(days=THANKS_WINDOW),
        )
        .exclude(reminders__kind=THANKS)
        .select_related("seminar")
    )


def send_due_thanks(now=None):
    """Thank each attendee once after the seminar, with the certificate and feedback links.
    Returns the number sent."""
    return _send_once((registration, THANKS, "thank_you") for registration in due_thanks(now))
