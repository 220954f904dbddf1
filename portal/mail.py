"""The outbox: the one way the project sends email (DESIGN §5 "Nothing is lost").

queue_email() renders a message in the recipient's language and writes it as a row in the
caller's transaction; after commit a Celery task delivers it. If the broker is unreachable the
row simply stays pending and the periodic sweep delivers it later. Delivery claims the row with
an atomic UPDATE, so two workers (or a retry racing the sweep) never send the same row twice.

Delivery is at least once: a worker that dies after the mail server accepted a message but
before the row is marked sent leaves a claim the sweep frees after CLAIM_TIMEOUT, and the
message goes out again, with the row's stored Message-ID, so the repeat is recognisable.
"""

import logging
import time
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from email.headerregistry import Address
from email.mime.base import MIMEBase
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from .choices import EmailStatus
from .models import OutboundAttachment, OutboundEmail

logger = logging.getLogger(__name__)

# A row claimed longer ago than this belongs to a worker that died mid-send: the sweep frees it.
# Short, so with the sweep every 30 s a crash delays the mail by under two minutes; well above
# one SMTP exchange (each network step may take EMAIL_TIMEOUT, 20 s), so a slow but live send
# is not sent twice.
CLAIM_TIMEOUT = timedelta(seconds=80)
SWEEP_BATCH = 200


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


class DeliveryError(Exception):
    """Sending failed; the row is pending again (or failed for good) and the error recorded."""


def queue_email(*, to, template, context, language, kind, attachments=(), reply_to=""):
    """Render `emails/<template>.{subject.txt,txt,html}` in `language` and write it to the outbox.

    Call inside the transaction of the state change that causes the email: if that transaction
    rolls back, no email exists. Returns the OutboundEmail row.
    """
    return render_email(
        to=to,
        template=template,
        context=context,
        language=language,
        kind=kind,
        attachments=attachments,
        reply_to=reply_to,
    ).queue()


@dataclass(frozen=True)
class RenderedEmail:
    """An email rendered but not yet in the outbox: `queue()` writes it (see write_email)."""

    to: str
    subject: str
    body_text: str
    body_html: str
    language: str
    kind: str
    attachments: tuple = ()
    reply_to: str = ""

    def queue(self):
        return write_email(**{field.name: getattr(self, field.name) for field in fields(self)})

    def fill(self, **values):
        """This email with each late(name) stand-in replaced by its value (escaped in the HTML
        part): a string replacement, cheap enough to run under a lock."""
        texts = {"subject": self.subject, "body_text": self.body_text, "body_html": self.body_html}
        for name, value in values.items():
            for part, text in texts.items():
                shown = escape(value) if part == "body_html" else str(value)
                texts[part] = text.replace(late(name), shown)
        return replace(self, **texts)


def late(name):
    """A stand-in to render in place of a value known only under the service's lock (the
    reference a submission takes); RenderedEmail.fill(name=value) puts the value in."""
    return f"\u27e6{name}\u27e7"


def queue_all(*emails):
    """Write prepared emails (RenderedEmail, lists of them, or None) to the outbox.

    The one way a service sends email (DESIGN §5): render with render_email() before taking
    its lock, then call this inside the transaction of the change, after the change is made.
    A rolled-back change leaves no row; a committed one always has its rows. Returns the rows.
    """
    rows = []
    for item in emails:
        if item is None:
            continue
        if isinstance(item, RenderedEmail):
            rows.append(item.queue())
        else:
            rows.extend(queue_all(*item))
    return rows


def render_email(*, to, template, context, language, kind, attachments=(), reply_to=""):
    """What queue_email() writes, rendered now and written later (queue_all, or `.queue()`): a
    service renders before it takes its lock and writes the row inside the transaction of its
    change (DESIGN §5: locks cover the decision and the insert, no rendering)."""
    with translation.override(language):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, "language": language, **context}
        subject = render_to_string(f"emails/{template}.subject.txt", context)
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    return RenderedEmail(
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=language,
        kind=kind,
        attachments=tuple(attachments),
        reply_to=reply_to,
    )


def write_email(*, to, subject, body_text, body_html, language, kind, attachments, reply_to):
    """Write one already-rendered email to the outbox; delivery is queued after commit."""
    email = OutboundEmail.objects.create(
        kind=kind,
        to=to,
        reply_to=reply_to,
        language=language,
        subject=" ".join(subject.split())[:250],
        body_text=body_text.strip() + "\n",
        body_html=body_html,
    )
    OutboundAttachment.objects.bulk_create(
        OutboundAttachment(email=email, filename=a.filename, mimetype=a.mimetype, content=a.content)
        for a in attachments
    )
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


class OutboxEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: mail sent by Django or Wagtail (password reset, moderation notices) goes
    through the outbox too, one row per recipient, delivered later by EMAIL_DELIVERY_BACKEND."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", [])
                    if mimetype == "text/html"
                ),
                "",
            )
            attachments = [
                Attachment(item[0], _as_bytes(item[1]), item[2] or "application/octet-stream")
                for item in message.attachments
                if not isinstance(item, MIMEBase)  # pre-built MIME parts are not kept
            ]
            for recipient in message.recipients():
                write_email(
                    to=recipient,
                    subject=message.subject,
                    body_text=message.body,
                    body_html=html,
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                    kind="django.mail",
                    attachments=attachments,
                    reply_to=(message.reply_to or [""])[0],
                )
                count += 1
        return count


def _as_bytes(content):
    return content.encode() if isinstance(content, str) else bytes(content)


class BrokerBreaker:
    """After a failed publish, stop trying for a while. Each attempt against a dead broker can
    cost its connect timeout, and a bulk action queues one email per registration: without
    this, a request could outlive the server's timeout. Process-local on purpose: the rows are
    in the outbox and the sweep sends them, so a process that skips publishing loses nothing."""

    def __init__(self, seconds):
        self.seconds = seconds
        self._open = {}  # broker URL -> monotonic time until which publishing is skipped

    def is_open(self, url):
        return time.monotonic() < self._open.get(url, 0)

    def trip(self, url):
        self._open[url] = time.monotonic() + self.seconds

    def reset(self, url):
        self._open.pop(url, None)


broker_breaker = BrokerBreaker(seconds=30)


def enqueue_delivery(email_id):
    """Hand the row to Celery. A broker outage is logged, not raised: the sweep sends it later."""
    from .celery import app
    from .tasks import send_outbound_email

    url = "" if app.conf.task_always_eager else app.conf.broker_url
    if url and broker_breaker.is_open(url):
        logger.info("Broker recently unreachable; outgoing email %s waits for the sweep", email_id)
        return
    try:
        send_outbound_email.delay(email_id)
    except Exception:  # kombu raises several types for an unreachable broker
        broker_breaker.trip(url)
        logger.warning(
            "Broker unreachable; outgoing email %s stays pending", email_id, exc_info=True
        )
    else:
        broker_breaker.reset(url)


def _claim(email_id):
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(
        pk=email_id, status=EmailStatus.PENDING, next_attempt_at__lte=now
    ).update(status=EmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return OutboundEmail.objects.get(pk=email_id) if claimed else None


def sender(language):
    """DEFAULT_FROM_EMAIL's address under the site's name in `language` (the recipient's)."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    with translation.override(language):
        name = str(settings.WAGTAIL_SITE_NAME)
    return str(Address(display_name=name, addr_spec=address))


def _build_message(email, connection):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=sender(email.language),
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id, "Content-Language": email.language},
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments.order_by("pk"):
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def retry_delay(attempts):
    """Exponential back-off: 1, 2, 4 … minutes, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def deliver_outbound_email(email_id):
    """Send one outbox row if it is pending and due; return True if this call sent it.

    Raises DeliveryError when the backend fails: the row goes back to pending with a back-off,
    or to failed after OUTBOX_MAX_ATTEMPTS, and the error text is kept for the admin listing.
    """
    email = _claim(email_id)
    if email is None:
        return False
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
        _build_message(email, connection).send()
    except Exception as exc:
        _record_failure(email, exc)
        raise DeliveryError(str(exc)) from exc
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _record_failure(email, exc):
    """Only while the claim is still this attempt's: a send slow enough for the sweep to free
    its row must not turn a later attempt's success back into pending."""
    gave_up = email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    mine = {"status": EmailStatus.SENDING, "claimed_at": email.claimed_at}
    OutboundEmail.objects.filter(pk=email.pk, **mine).update(
        status=EmailStatus.FAILED if gave_up else EmailStatus.PENDING,
        next_attempt_at=timezone.now() + retry_delay(email.attempts),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
    logger.warning(
        "Sending outgoing email %s failed (attempt %s): %s", email.pk, email.attempts, exc
    )


def sweep_outbox(limit=SWEEP_BATCH):
    """Deliver rows still pending (broker was down, retries due) and free stale claims.

    Returns the number of emails sent by this sweep.
    """
    now = timezone.now()
    OutboundEmail.objects.filter(
        status=EmailStatus.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=EmailStatus.PENDING)
    due = OutboundEmail.objects.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)
    sent = 0
    for email_id in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        try:
            sent += deliver_outbound_email(email_id)
        except DeliveryError:
            continue
    return sent
