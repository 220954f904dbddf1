"""The outbox against a real broker and a real Celery worker (DESIGN §5 "Nothing is lost").

Needs what .ci/run starts for its second stage: PostgreSQL, Redis as CELERY_BROKER_URL and one
`celery -A portal worker --pool=solo` on the test database, delivering with the file-based
backend into EMAIL_FILE_PATH (which this process reads too). Skipped by tests/conftest.py when
CELERY_BROKER_URL is not set.
"""

import email
import email.policy
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from portal.choices import EmailStatus
from portal.mail import write_email
from portal.models import OutboundEmail
from portal.tasks import send_outbound_email

# transaction=True: the worker only sees committed rows. serialized_rollback, as every
# transactional test here (tests/conftest.py enforces it): a plain flush recreates content types
# with new ids, and the next serialized test could not restore its snapshot.
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUBJECT = "确认 · Inscription confirmée"
BODY_TEXT = "您的报名已确认。\nVotre inscription est confirmée : à bientôt à Créteil."
BODY_HTML = "<p>您的报名已确认。</p><p>Votre inscription est confirmée : à bientôt à Créteil.</p>"
DELIVERY_TIMEOUT = 30  # seconds
# django.core.mail.backends.filebased writes each message followed by a line of 79 dashes.
FILE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def outbox_email(to, subject=SUBJECT, language="fr"):
    return write_email(
        to=to,
        subject=subject,
        body_text=BODY_TEXT,
        body_html=BODY_HTML,
        language=language,
        kind="test.worker",
        attachments=(),
        reply_to="",
    )


def wait_until_sent(*pks, timeout=DELIVERY_TIMEOUT):
    """Poll the rows (committed, so the worker sees them) until all are sent or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        rows = {row.pk: row for row in OutboundEmail.objects.filter(pk__in=pks)}
        done = all(row.status == EmailStatus.SENT for row in rows.values())
        if done or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    for pk in pks:
        row = rows[pk]
        assert row.status == EmailStatus.SENT, (
            f"email {pk} not sent within {timeout}s: status={row.status} "
            f"attempts={row.attempts} last_error={row.last_error!r} "
            "(is the Celery worker running on the test database?)"
        )
    return [rows[pk] for pk in pks]


def delivered(row):
    """(file, parsed message) for every message in EMAIL_FILE_PATH carrying row's Message-ID."""
    mail_dir = Path(settings.EMAIL_FILE_PATH)
    assert mail_dir.is_dir(), f"EMAIL_FILE_PATH {mail_dir} does not exist"
    found = []
    for path in sorted(mail_dir.iterdir()):
        if not path.is_file():
            continue
        for chunk in path.read_bytes().split(FILE_SEPARATOR):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk, policy=email.policy.default)
            if (message["Message-ID"] or "").strip() == row.message_id:
                found.append((path, message))
    return found


def subject_of(message):
    """The decoded Subject. A subject too long for one encoded word on the `Subject:` line is
    folded by Django onto a continuation line ("Subject: \n =?utf-8?b?…?="), which the email
    package unfolds with a leading space: strip it, as mail clients do."""
    return message["Subject"].strip()


def test_worker_delivers_an_email_written_in_a_committed_transaction():
    with transaction.atomic():
        row = outbox_email("participante@example.org")
        assert OutboundEmail.objects.get(pk=row.pk).status == EmailStatus.PENDING

    (row,) = wait_until_sent(row.pk)

    messages = delivered(row)
    assert len(messages) == 1, f"expected one delivered copy, found {[str(p) for p, _ in messages]}"
    _path, message = messages[0]
    assert subject_of(message) == SUBJECT
    assert message["To"] == "participante@example.org"
    assert message["Content-Language"] == "fr"
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert "您的报名已确认。" in plain
    assert "à bientôt à Créteil" in plain
    assert row.attempts == 1
    assert row.sent_at is not None


def test_a_row_enqueued_several_times_is_sent_once():
    with transaction.atomic():
        rows = [
            outbox_email(f"participant{n}@example.org", subject=f"{SUBJECT} #{n}") for n in range(4)
        ]
    target = rows[1]
    # The commit enqueued every row once; two more deliveries of the same row race the first.
    send_outbound_email.delay(target.pk)
    send_outbound_email.delay(target.pk)
    # Enqueued after the duplicates: with the single solo worker of .ci/run (FIFO queue), once
    # this one is sent the duplicate tasks have been processed too.
    with transaction.atomic():
        sentinel = outbox_email("sentinel@example.org", subject=f"{SUBJECT} (sentinel)")

    sent = wait_until_sent(*(row.pk for row in rows), sentinel.pk)

    for row in sent:
        messages = delivered(row)
        assert len(messages) == 1, (
            f"email {row.pk} delivered {len(messages)} times: {[str(p) for p, _ in messages]}"
        )
        assert subject_of(messages[0][1]) == row.subject
        assert row.attempts == 1, f"email {row.pk} claimed {row.attempts} times"
