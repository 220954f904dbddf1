"""A bulk action on registrations commits row by row through the real admin URL: nothing (no
ATOMIC_REQUESTS, no transaction of Wagtail's) wraps the loop, so the seminar lock a row takes is
released before the next row starts, and a refusal undoes nothing done before it."""

import threading

import pytest
from django.db import connection, transaction

from seminars import services
from seminars.choices import RegistrationStatus
from seminars.models import Registration, SeminarPage
from seminars.viewsets import ApproveBulkAction

Status = RegistrationStatus
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def from_another_connection(seminar, registration):
    """What another database connection sees of `registration`, and whether it can lock
    `seminar` at once (PostgreSQL; SQLite locks the whole database, never a row)."""
    seen = {}

    def look():
        try:
            seen["status"] = Registration.objects.get(pk=registration.pk).status
            if connection.vendor == "postgresql":
                with transaction.atomic():
                    SeminarPage.objects.select_for_update(nowait=True).get(pk=seminar.pk)
                seen["locked"] = True
        except Exception as exc:  # asserted by the test
            seen["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    return seen


def test_row_one_is_committed_and_unlocked_before_row_three_and_survives_row_twos_refusal(
    client, organiser, make_organised_seminar, details, monkeypatch
):
    seminar = make_organised_seminar(requires_approval=True, capacity_onsite=10)
    first, refused, third = (
        services.register_for_seminar(seminar, details=details(n), language="en") for n in (1, 2, 3)
    )
    services.decline_registration(refused, by=organiser)
    seen_before_third = {}

    def approve(registration, *, by):
        if registration.pk == third.pk:
            seen_before_third.update(from_another_connection(seminar, first))
        return services.approve_registration(registration, by=by)

    monkeypatch.setattr(ApproveBulkAction, "service", staticmethod(approve))
    client.force_login(organiser)

    ids = "&".join(f"id={r.pk}" for r in (first, refused, third))
    response = client.post(f"/admin/bulk/seminars/registration/approve/?{ids}")

    assert response.status_code == 302
    assert "error" not in seen_before_third, seen_before_third
    assert seen_before_third["status"] == Status.CONFIRMED  # committed, visible to others
    if connection.vendor == "postgresql":
        assert seen_before_third["locked"]  # the seminar row is free again
    statuses = [Registration.objects.get(pk=r.pk).status for r in (first, refused, third)]
    assert statuses == [Status.CONFIRMED, Status.DECLINED, Status.CONFIRMED]
