import logging

import pytest

UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def stopped_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }


@pytest.mark.django_db
def test_healthz_reports_every_part_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_stopped_redis_cache_degrades_but_still_answers(client, stopped_cache):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_unreachable_broker_degrades(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = UNREACHABLE_REDIS
    monkeypatch.setenv("CELERY_BROKER_URL", UNREACHABLE_REDIS)  # Celery prefers the environment
    from portal.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = UNREACHABLE_REDIS
    try:
        body = client.get("/healthz").json()
    finally:
        app.conf.broker_url = previous

    assert body["status"] == "degraded"
    assert body["checks"]["broker"]["ok"] is False


@pytest.mark.django_db
def test_public_healthz_shows_only_ok_flags_and_logs_the_error(client, stopped_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.health"):
        response = client.get("/healthz")

    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {
        "database": {"ok": True},
        "cache": {"ok": False},
        "broker": {"ok": True},
    }
    assert b"127.0.0.1" not in response.content
    assert "127.0.0.1:9" in caplog.text


@pytest.mark.django_db
def test_signed_in_staff_see_the_error_details(client, stopped_cache, staff):
    client.force_login(staff("Editors"))

    cache_check = client.get("/healthz").json()["checks"]["cache"]

    assert cache_check["ok"] is False
    assert "127.0.0.1:9" in cache_check["error"]


@pytest.mark.django_db
def test_signed_in_non_staff_get_the_public_answer(client, stopped_cache, user_factory):
    client.force_login(user_factory(email="trainee@example.cn"))

    assert client.get("/healthz").json()["checks"]["cache"] == {"ok": False}


@pytest.mark.django_db
def test_a_dead_database_answers_503_without_reading_the_session(client, staff, monkeypatch):
    from portal import health

    client.force_login(staff("Editors"))

    def refused():
        raise ConnectionError("database refused the connection")

    monkeypatch.setitem(health.CHECKS, "database", refused)
    # Loading the signed-in user would query the dead database: it must not be asked.
    monkeypatch.setattr(
        "django.contrib.auth.middleware.get_user", lambda request: pytest.fail("session read")
    )

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False}
