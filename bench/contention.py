"""Many people registering for the last seats at once (PostgreSQL only).

`clients` threads wait at a barrier, then each calls seminars.services.register_for_seminar once,
on its own database connection (closed at the end). The service locks the seminar row
(select_for_update), so exactly `seats` are confirmed and the rest waitlisted.

PostgreSQL refuses connections beyond max_connections (100 by default): when the server cannot
take one connection per client at once, a semaphore lets at most `slots` threads hold a
connection at a time, as a connection pool would; latency is measured from the barrier, so it
includes the wait for a slot (and the service time alone is reported too).
"""

import copy
import datetime
import statistics
import threading
import time

from django.db import connection, connections
from django.utils import timezone

from seminars import services
from seminars.choices import RegistrationStatus
from seminars.models import Registration, SeminarPage

SKIPPED = (
    "skipped: needs PostgreSQL (set DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench)"
)
SPARE_CONNECTIONS = 5  # left for the main thread, other sessions and superuser slots


def _free_connections():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        most = int(cursor.fetchone()[0])
        cursor.execute("SHOW superuser_reserved_connections")
        reserved = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        used = cursor.fetchone()[0]
    return most - reserved - used - SPARE_CONNECTIONS, most


def _seminar(index, seats):
    starts = timezone.now() + datetime.timedelta(days=30)
    seminar = SeminarPage(
        title="Bench contention seminar",
        slug="bench-contention-seminar",
        summary="Fifty seats, two hundred people registering at the same moment.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
        format="onsite",
        venue_name="Hunan Cancer Hospital, Academic Lecture Hall",
        city="Changsha",
        capacity_onsite=seats,
    )
    index.add_child(instance=seminar)
    seminar.save_revision().publish()
    return seminar


def _details(n):
    return {
        "full_name": f"Rush attendee {n:03d}",
        "email": f"rush.{n:03d}@example.org",
        "institution": "Hunan Cancer Hospital",
        "profession": "surgeon",
        "country": "China",
        "mode": "onsite",
    }


def _client(n, seminar, barrier, slots, database, out):
    result = {}
    barrier.wait()
    started = time.perf_counter()
    with slots:
        served = time.perf_counter()
        try:
            if connection.settings_dict["NAME"] != database:
                raise RuntimeError(f"thread on {connection.settings_dict['NAME']}")
            registration = services.register_for_seminar(
                seminar, details=_details(n), language="en"
            )
            result["status"] = registration.status
        except Exception as error:  # reported, not raised: one failure must not hide the rest
            result["error"] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()
        done = time.perf_counter()
    result["latency"] = done - started
    result["service"] = done - served
    out[n] = result


def _ms(values, fraction):
    if len(values) < 2:
        return round(values[0] * 1000, 1) if values else None
    return round(statistics.quantiles(values, n=100, method="inclusive")[fraction - 1] * 1000, 1)


def run(index, clients=200, seats=50):
    if connection.vendor != "postgresql":
        return {"skipped": SKIPPED}
    seminar = _seminar(index, seats)
    free, most = _free_connections()
    slots = max(1, min(clients, free))
    gate = threading.BoundedSemaphore(slots)
    barrier = threading.Barrier(clients + 1)
    out = {}
    database = connection.settings_dict["NAME"]
    threads = [
        threading.Thread(target=_client, args=(n, copy.copy(seminar), barrier, gate, database, out))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    statuses = dict.fromkeys(("confirmed", "waitlisted"), 0)
    for status in Registration.objects.filter(seminar=seminar).values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    errors = [row["error"] for row in out.values() if "error" in row]
    latencies = sorted(row["latency"] for row in out.values())
    service = sorted(row["service"] for row in out.values())
    confirmed = statuses.get(RegistrationStatus.CONFIRMED, 0)
    waitlisted = statuses.get(RegistrationStatus.WAITLISTED, 0)
    return {
        "clients": clients,
        "seats": seats,
        "connection_slots": slots,
        "max_connections": most,
        "seconds": round(elapsed, 2),
        "registrations_per_second": round((clients - len(errors)) / elapsed, 1),
        "statuses": statuses,
        "confirmed_ok": confirmed == seats,
        "waitlisted_ok": waitlisted == clients - seats,
        "errors": len(errors),
        "error_examples": errors[:3],
        "latency_p50_ms": _ms(latencies, 50),
        "latency_p95_ms": _ms(latencies, 95),
        "service_p50_ms": _ms(service, 50),
        "service_p95_ms": _ms(service, 95),
        "open_connections_after": _open_connections(database),
    }


def _open_connections(database):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database])
        return cursor.fetchone()[0] - 1  # not this one
