"""/healthz: the state of the database, the cache and the broker, as JSON for monitors.

Anyone may ask, so the public answer is the overall status and one ok flag per check; error
text (addresses, ports, driver messages) is for staff signed in and for the logs only.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def _timed(name, check):
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as exc:  # a health check reports every failure, whatever its type
        logger.warning("Health check %s failed: %s: %s", name, type(exc).__name__, exc)
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result = {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
    if detail:
        result["detail"] = detail
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("value written was not read back")
    return cache.__class__.__name__


def _broker():
    if not settings.CELERY_BROKER_URL:
        return "eager (no broker configured)"
    from portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return conn.transport_cls if isinstance(conn.transport_cls, str) else "connected"


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


def _shown_to(user, checks):
    """Staff see timings, backends and errors; everyone else only whether each part is ok."""
    if user is not None and user.is_authenticated and user.is_active and user.is_staff:
        return checks
    return {name: {"ok": check["ok"]} for name, check in checks.items()}


def healthz(request):
    checks = {name: _timed(name, check) for name, check in CHECKS.items()}
    healthy = all(check["ok"] for check in checks.values())
    status = "ok" if healthy else ("degraded" if checks["database"]["ok"] else "down")
    # A degraded cache or broker delays mail but the site still serves: only a dead database is 503.
    # Who is asking is read from the session, in the database: not when the database is down.
    shown = _shown_to(request.user, checks) if checks["database"]["ok"] else _shown_to(None, checks)
    response = JsonResponse(
        {"status": status, "checks": shown},
        status=503 if status == "down" else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
