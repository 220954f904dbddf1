from celery import shared_task

from . import mail


@shared_task(bind=True, max_retries=None, acks_late=True)
def send_outbound_email(self, email_id):
    """Deliver one outbox row; retried with back-off by Celery (or later by the sweep)."""
    try:
        return mail.deliver_outbound_email(email_id)
    except mail.DeliveryError as exc:
        if self.request.is_eager:
            return False  # in-process mode has no delayed retries: the sweep takes over
        from .models import OutboundEmail

        attempts = OutboundEmail.objects.filter(pk=email_id).values_list("attempts", flat=True)
        if attempts and attempts[0] < mail.settings.OUTBOX_MAX_ATTEMPTS:
            countdown = mail.retry_delay(attempts[0]).total_seconds()
            raise self.retry(exc=exc, countdown=countdown) from exc
        return False


@shared_task
def sweep_outbox():
    """Periodic (beat): send what is still pending."""
    return mail.sweep_outbox()
