"""Two selected applicants decline at the same moment: each freed place goes to its own reserve,
in rank order, never the same reserve twice. The promotion locks the call's reserve rows.

The race runs with threads on SQLite (its writers queue) and on PostgreSQL (row locks); a delay
between reading the reserve list and locking it widens the window, so that the control without
the lock, on PostgreSQL, promotes the same reserve twice. The same declines one after the other
give the same result.
"""

import threading
import time

import pytest
from django.db import connection

from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.services import decisions, offers
from portal.models import OutboundEmail
from tests.exchange.decision_helpers import grant_decisions, in_review, release_date_passed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
Status = ApplicationStatus


@pytest.fixture
def released(call, make_applicant, staff):
    """Two places, both selected and released; three reserves ranked 1, 2, 3."""
    coordinator = grant_decisions(staff("Programme coordinators", email="coordinator@example.org"))
    call.places = 2
    call.save()
    outcomes = [Status.SELECTED, Status.SELECTED, Status.RESERVE, Status.RESERVE, Status.RESERVE]
    applications = []
    for n, outcome in enumerate(outcomes):
        application = in_review(call, make_applicant(email=f"person{n}@example.org"))
        decisions.decide_application(application, by=coordinator, outcome=outcome)
        applications.append(application)
    release_date_passed(call)
    decisions.release_decisions(call)
    OutboundEmail.objects.all().delete()
    return applications


@pytest.fixture
def slow_promotion(monkeypatch):
    """Wait after reading the reserve list and before locking it, as a loaded server might."""
    original = offers._as_promoted

    def slow(application, now):
        prepared = original(application, now)
        time.sleep(0.2)
        return prepared

    monkeypatch.setattr(offers, "_as_promoted", slow)


def _decline_together(applications):
    barrier = threading.Barrier(len(applications))
    errors = []

    def decline(application):
        try:
            barrier.wait()
            offers.decline_offer(application, by=application.applicant)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=decline, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]


def _statuses(applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


def _promotion_emails():
    return sorted(
        OutboundEmail.objects.filter(kind="exchange.application.promoted").values_list(
            "to", flat=True
        )
    )


def test_two_simultaneous_declines_promote_the_first_two_reserves(released, slow_promotion):
    first, second, *reserves = released

    _decline_together([first, second])

    assert _statuses([first, second]) == [Status.OFFER_DECLINED] * 2
    assert _statuses(reserves) == [Status.SELECTED, Status.SELECTED, Status.RESERVE]
    assert _promotion_emails() == ["person2@example.org", "person3@example.org"]


def test_the_same_declines_one_after_the_other_promote_the_same_reserves(released):
    first, second, *reserves = released

    offers.decline_offer(first, by=first.applicant)
    offers.decline_offer(second, by=second.applicant)

    assert _statuses(reserves) == [Status.SELECTED, Status.SELECTED, Status.RESERVE]
    assert _promotion_emails() == ["person2@example.org", "person3@example.org"]


def test_control_without_the_lock_promotes_the_same_reserve_twice(
    released, slow_promotion, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises whole write transactions)")
    original = offers._reserves

    def unlocked(call):
        queryset = original(call)
        queryset.select_for_update = lambda *args, **kwargs: queryset
        return queryset

    monkeypatch.setattr(offers, "_reserves", unlocked)
    first, second, *reserves = released

    _decline_together([first, second])

    assert _statuses(reserves).count(Status.SELECTED) == 1  # one freed place is lost
    assert _promotion_emails() == ["person2@example.org", "person2@example.org"]
