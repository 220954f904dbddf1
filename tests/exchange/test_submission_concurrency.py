"""Submissions at the same moment: the same draft from two tabs is submitted once, and
simultaneous submissions of different applications get distinct, consecutive references.

The races run on SQLite (a file, as under `make run`: one writer at a time, the others queue)
and on PostgreSQL (CI's second stage), where the row locks do the work. A delay between reading
the year's counter and writing it back widens the race window; the control without the lock,
PostgreSQL's alone, shows it is the lock that keeps the numbers apart.
"""

import threading
import time

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange.choices import ApplicationStatus
from exchange.models import Application, ReferenceCounter
from exchange.services import submission
from portal.models import OutboundEmail
from tests.exchange.submission_helpers import complete_application

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SUBMISSIONS = 20


@pytest.fixture
def slow_counter(monkeypatch):
    """Sleep between taking the next number and saving the counter, as a loaded server might."""
    original = ReferenceCounter.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.02)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ReferenceCounter, "save", slow_save)


def _all_at_once(jobs):
    """Run every job in its own thread, released together; [(result or exception)]."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # collected and asserted by the caller
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _applications(call, make_applicant):
    return [
        complete_application(call, make_applicant(email=f"applicant{n}@example.org"))
        for n in range(SUBMISSIONS)
    ]


def test_twenty_simultaneous_submissions_get_twenty_consecutive_references(
    call, make_applicant, slow_counter
):
    applications = _applications(call, make_applicant)
    jobs = [
        lambda a=application: submission.submit_application(a, by=a.applicant)
        for application in applications
    ]

    results = _all_at_once(jobs)

    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors[:3]
    year = timezone.localtime().year
    references = sorted(Application.objects.values_list("reference", flat=True))
    assert references == [f"HX-{year}-{n:04d}" for n in range(1, SUBMISSIONS + 1)]
    assert ReferenceCounter.objects.get(year=year).last_number == SUBMISSIONS
    assert OutboundEmail.objects.filter(kind="exchange.application.submitted").count() == (
        SUBMISSIONS
    )


def test_control_without_the_counter_lock_gives_a_number_twice(
    call, make_applicant, slow_counter, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI's second stage)")
    ReferenceCounter.objects.create(year=timezone.localtime().year)
    monkeypatch.setattr(
        ReferenceCounter.objects, "select_for_update", lambda: ReferenceCounter.objects.all()
    )
    applications = _applications(call, make_applicant)
    jobs = [
        lambda a=application: submission.submit_application(a, by=a.applicant)
        for application in applications
    ]

    results = _all_at_once(jobs)

    # The unique reference refuses the repeats: fewer submissions got through than were made.
    assert any(isinstance(result, Exception) for result in results)
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() < SUBMISSIONS


@pytest.fixture
def slow_checks(monkeypatch):
    """Every submission takes its time between the lock and the change of status."""
    original = submission.eligibility.check_eligibility

    def slow(application):
        time.sleep(0.05)
        return original(application)

    monkeypatch.setattr(submission.eligibility, "check_eligibility", slow)


def test_the_same_draft_submitted_from_two_tabs_is_submitted_once(call, applicant, slow_checks):
    draft = complete_application(call, applicant)
    tab = lambda: submission.submit_application(  # noqa: E731
        Application.objects.get(pk=draft.pk), by=applicant
    )

    results = _all_at_once([tab, tab])

    submitted = [result for result in results if isinstance(result, Application)]
    refused = [result for result in results if isinstance(result, submission.AlreadySubmitted)]
    assert len(submitted) == 1 and len(refused) == 1, results
    assert refused[0].application.reference == submitted[0].reference
    assert OutboundEmail.objects.filter(kind="exchange.application.submitted").count() == 1
    entries = ModelLogEntry.objects.filter(
        object_id=str(draft.pk), action="exchange.application.submitted"
    )
    assert entries.count() == 1
    assert ReferenceCounter.objects.get().last_number == 1
