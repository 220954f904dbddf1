"""No seat is ever sold twice: the seat check and the insert happen under a lock on the seminar.

The race runs on SQLite (a file, as under `make run`: writers must queue, not fail) and on
PostgreSQL (CI's second stage). A delay between counting the seats and inserting the row widens
the race window, so the control without the lock overbooks every time on PostgreSQL, and the
real code shows the lock is what prevents it; SQLite serialises whole write transactions, so
the control is PostgreSQL's alone.
"""

import threading
import time

import pytest
from django.db import connection

from seminars import services
from seminars.choices import SEAT_HOLDING, RegistrationStatus
from seminars.models import Registration, SeminarPage

CLIENTS = 60
SEATS = 5

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def slow_seat_check(monkeypatch):
    """Sleep between the seat count and the insert, as a loaded server might."""
    original = services.has_free_seat

    def slow(seminar, mode):
        free = original(seminar, mode)
        time.sleep(0.02)
        return free

    monkeypatch.setattr(services, "has_free_seat", slow)


def _race(seminar, details):
    barrier = threading.Barrier(CLIENTS)
    errors = []

    def client(n):
        try:
            barrier.wait()
            services.register_for_seminar(seminar, details=details(n), language="en")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    return Registration.objects.filter(seminar=seminar, status__in=SEAT_HOLDING).count()


def test_last_seats_go_to_exactly_as_many_of_sixty_simultaneous_registrations(
    make_seminar, details, slow_seat_check
):
    seminar = make_seminar(capacity_onsite=SEATS)

    confirmed = _race(seminar, details)

    assert confirmed == SEATS
    assert Registration.objects.filter(seminar=seminar).count() == CLIENTS
    waiting = Registration.objects.filter(seminar=seminar, status=RegistrationStatus.WAITLISTED)
    assert waiting.count() == CLIENTS - SEATS


def test_control_without_the_lock_overbooks(make_seminar, details, slow_seat_check, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI's second stage)")
    monkeypatch.setattr(
        services, "lock_seminar", lambda seminar: SeminarPage.objects.get(pk=seminar.canonical.pk)
    )
    seminar = make_seminar(capacity_onsite=SEATS)

    confirmed = _race(seminar, details)

    assert confirmed > SEATS
