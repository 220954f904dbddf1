from celery import shared_task

from seminars import reminders


@shared_task
def send_seminar_reminders():
    """Periodic (beat): the reminders due now, each exactly once per registration."""
    return reminders.send_due_reminders()


@shared_task
def send_seminar_thanks():
    """Periodic (beat): the thank-you after a seminar, once per attendee."""
    return reminders.send_due_thanks()
