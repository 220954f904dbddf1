import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.utils import timezone

from portal import mail as outbox
from portal.choices import EmailStatus
from portal.models import OutboundEmail
from portal.tasks import send_outbound_email, sweep_outbox


class FailsOnceBackend(LocmemBackend):
    """Fails the first send of the test, then behaves like locmem."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 1:
            raise ConnectionRefusedError("SMTP server unavailable")
        return super().send_messages(messages)


class AlwaysFailsBackend(LocmemBackend):
    def send_messages(self, messages):
        raise TimeoutError("SMTP timeout")


def _queue(**overrides):
    fields = {
        "to": "li.na@example.cn",
        "template": "test_notice",
        "context": {"name": "李娜", "message": "Réunion à Créteil"},
        "language": "fr",
        "kind": "tests.notice",
    }
    return outbox.queue_email(**{**fields, **overrides})


@pytest.mark.django_db
def test_email_is_written_and_sent_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(
            attachments=[outbox.Attachment("x.ics", b"BEGIN:VCALENDAR", "text/calendar")]
        )

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["li.na@example.cn"]
    assert sent.subject == "Notice for 李娜"
    assert "Réunion à Créteil" in sent.body
    assert sent.extra_headers["Message-ID"] == email.message_id
    assert sent.attachments[0][0] == "x.ics"


@pytest.mark.django_db
def test_rolled_back_change_leaves_no_email(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError("the state change failed")

    assert not OutboundEmail.objects.filter(kind="tests.notice").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_failing_send_is_retried_and_delivered_exactly_once(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FailsOnceBackend"
    FailsOnceBackend.calls = 0
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()

    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert "SMTP server unavailable" in email.last_error
    assert email.next_attempt_at > timezone.now()

    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    send_outbound_email.delay(email.pk)  # the retry
    send_outbound_email.delay(email.pk)  # a duplicate delivery of the same task
    sweep_outbox.delay()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_unreachable_broker_leaves_the_email_pending_until_the_sweep(
    celery_broker, django_capture_on_commit_callbacks
):
    celery_broker("redis://127.0.0.1:9/0")  # nothing listens on port 9
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()

    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert mail.outbox == []

    assert outbox.sweep_outbox() == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sweep_frees_a_claim_left_by_a_dead_worker():
    email = _queue()
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )

    assert outbox.sweep_outbox() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_sweep_leaves_a_fresh_claim_alone():
    email = _queue()
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now()
    )

    assert outbox.sweep_outbox() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_email_fails_for_good_after_the_last_attempt(settings):
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.AlwaysFailsBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = _queue()

    for _attempt in range(5):
        OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        outbox.sweep_outbox()

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 3
    assert "SMTP timeout" in email.last_error


@pytest.mark.django_db
def test_backoff_grows_and_is_capped():
    delays = [outbox.retry_delay(n) for n in (1, 2, 3, 10, 50)]

    assert delays[:3] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert delays[-1] == timedelta(hours=6)


@pytest.mark.django_db
def test_django_and_wagtail_mail_goes_through_the_outbox(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "portal.mail.OutboxEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Réinitialisation", "Lien", None, ["a@example.fr", "b@example.cn"])

    rows = OutboundEmail.objects.filter(kind="django.mail").order_by("to")
    assert [row.to for row in rows] == ["a@example.fr", "b@example.cn"]
    assert all(row.status == EmailStatus.SENT for row in rows)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.fr", "b@example.cn"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_racing_for_one_email_send_it_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs row-level concurrency (PostgreSQL)")
    monkeypatch.setattr(outbox, "enqueue_delivery", lambda email_id: None)
    email = _queue()
    barrier = threading.Barrier(8)
    results = []

    def worker():
        barrier.wait()
        try:
            results.append(outbox.deliver_outbound_email(email.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False] * 7 + [True]
    assert len(mail.outbox) == 1


def _worker_died_after_the_server_accepted(email, seconds_ago):
    """The row as a worker leaves it when it dies between the send and marking the row sent."""
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now() - timedelta(seconds=seconds_ago)
    )


@pytest.mark.django_db
def test_a_repeated_delivery_carries_the_same_stored_message_id(settings):
    email = _queue()
    assert outbox.deliver_outbound_email(email.pk)
    _worker_died_after_the_server_accepted(email, seconds_ago=3600)
    # The sender's address changes (a deploy) between the crash and the sweep's new attempt.
    settings.DEFAULT_FROM_EMAIL = "Exchange portal <noreply@exchange.example.org>"

    assert outbox.sweep_outbox() == 1

    first, second = mail.outbox
    stored = OutboundEmail.objects.values_list("message_id", flat=True).get(pk=email.pk)
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"] == stored
    assert first.message()["Message-ID"] == stored


@pytest.mark.django_db
def test_every_row_gets_its_own_message_id_when_written():
    first, second = _queue(), _queue(to="wang.fang@example.cn")

    assert first.message_id.startswith("<") and first.message_id.endswith(">")
    assert first.message_id != second.message_id


@pytest.mark.django_db
def test_sweep_frees_and_sends_a_row_claimed_two_minutes_ago_by_a_dead_worker():
    email = _queue()
    _worker_died_after_the_server_accepted(email, seconds_ago=120)

    assert outbox.sweep_outbox() == 1

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_a_crashed_send_is_retried_within_two_minutes_at_worst(settings):
    sweep_every = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]["schedule"]

    assert outbox.CLAIM_TIMEOUT.total_seconds() + sweep_every < 120


@pytest.mark.django_db
def test_sweep_leaves_a_claim_alone_while_a_slow_smtp_exchange_may_still_run(settings):
    email = _queue()
    _worker_died_after_the_server_accepted(email, seconds_ago=3 * settings.EMAIL_TIMEOUT)

    assert outbox.sweep_outbox() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_late_failure_does_not_undo_a_later_attempts_success():
    email = _queue()
    slow = outbox._claim(email.pk)  # an attempt still talking to a slow server …
    _worker_died_after_the_server_accepted(email, seconds_ago=3600)
    assert outbox.sweep_outbox() == 1  # … so the sweep freed its claim and sent the row

    outbox._record_failure(slow, TimeoutError("timed out"))  # then the slow attempt fails

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and len(mail.outbox) == 1
