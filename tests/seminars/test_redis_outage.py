"""Redis is a helper, not a dependency of correctness (DESIGN §3): with the Redis behind the
cache and the broker really stopped, pages are served, registrations are accepted, queuing
email does not hold requests up, and the sweep sends every email once Redis is back."""

import time

import pytest
from django.core import mail

from portal import mail as outbox
from portal.choices import EmailStatus
from portal.models import OutboundEmail
from portal.settings.base import redis_cache
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration

EMAILS = 20


@pytest.fixture
def redis(redis_server, settings, celery_broker, monkeypatch):
    """One redis-server of the test's own as both the cache and the broker; the rate limiter
    counts there too (the suite otherwise gives each test counters of its own in memory)."""
    from django.core.cache import cache

    from portal import ratelimit

    settings.CACHES = {"default": redis_cache(redis_server.url(1))}
    monkeypatch.setattr(ratelimit, "cache", cache)
    settings.CELERY_BROKER_URL = redis_server.url(2)
    celery_broker(redis_server.url(2))
    return redis_server


def _form(**fields):
    return {
        "full_name": "欧阳娜娜",
        "email": "ouyang.nana@example.cn",
        "institution": "Hôpital Tenon",
        "department": "Sénologie",
        "profession": "surgeon",
        "country": "France",
        "mode": AttendanceMode.ONSITE,
        "language": "fr",
        "consent": "on",
        **fields,
    }


def test_pages_and_registrations_go_on_while_redis_is_stopped(
    client, make_seminar, redis, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    assert client.get("/en/").status_code == 200  # Redis up: Wagtail caches the site roots there
    redis.stop()

    with django_capture_on_commit_callbacks(execute=True):
        home = client.get("/en/")
        page = client.get(seminar.url)
        registered = client.post(seminar.url, _form())

    assert home.status_code == 200
    assert page.status_code == 200
    assert registered.status_code == 302
    registration = Registration.objects.get(seminar=seminar)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert OutboundEmail.objects.get(to="ouyang.nana@example.cn").status == EmailStatus.PENDING
    health = client.get("/healthz").json()
    assert health["status"] == "degraded"
    assert not health["checks"]["cache"]["ok"] and not health["checks"]["broker"]["ok"]


def test_emails_queued_while_redis_is_stopped_wait_and_go_out_once_when_it_returns(
    redis, django_capture_on_commit_callbacks
):
    redis.stop()
    with django_capture_on_commit_callbacks() as publish_after_commit:
        rows = [
            outbox.queue_email(
                to=f"participant{n}@example.org",
                template="test_notice",
                context={"name": f"Participant {n}", "message": "Réunion à Créteil"},
                language="fr",
                kind="tests.notice",
            )
            for n in range(EMAILS)
        ]

    started = time.perf_counter()
    for publish in publish_after_commit:
        publish()
    queuing = time.perf_counter() - started

    assert queuing < 1.0, f"queuing {EMAILS} emails with the broker down took {queuing:.2f}s"
    assert mail.outbox == []
    redis.start()
    assert outbox.sweep_outbox() == EMAILS
    assert outbox.sweep_outbox() == 0
    sent_ids = sorted(message.extra_headers["Message-ID"] for message in mail.outbox)
    assert sent_ids == sorted(row.message_id for row in rows)
    assert set(
        OutboundEmail.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True)
    ) == {EmailStatus.SENT}
