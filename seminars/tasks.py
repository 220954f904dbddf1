from celery import shared_task

from seminars import reminders


@shared_task
def send_seminar_reminders():
    """Periodic (beat): the reminders due now, each exactly once per registration."""
    return reminders.send_due_reminders()
