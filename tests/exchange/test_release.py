"""The release: at the call's release date a periodic job publishes every decided application,
each in its own transaction with its letter, audit entry and one email in the applicant's
language; it is idempotent, and a run that crashed half-way sends nobody twice and skips nobody
when it runs again."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import letters
from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.services import decisions
from exchange.services.drafts import ApplicationError
from portal.models import IssuedDocument, OutboundEmail
from portal.scheduler import run_task
from tests.exchange.conftest import translate_call
from tests.exchange.decision_helpers import grant_decisions, in_review, release_date_passed

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


@pytest.fixture
def coordinator(staff):
    return grant_decisions(staff("Programme coordinators", email="coordinator@example.org"))


@pytest.fixture
def decided(call, make_applicant, coordinator):
    """Four decisions on `call`: a Chinese applicant selected, a French one on the reserve
    list, an English one not selected, and one application still in review."""
    people = {
        "selected": make_applicant(
            email="li.na@example.cn", full_name="李娜", preferred_language="zh-hans"
        ),
        "reserve": make_applicant(
            email="claire@example.fr", full_name="Claire Martin", preferred_language="fr"
        ),
        "not_selected": make_applicant(
            email="sam@example.org", full_name="Sam Taylor", preferred_language="en"
        ),
        "in_review": make_applicant(
            email="wang@example.cn", full_name="王芳", preferred_language="zh-hans"
        ),
    }
    applications = {outcome: in_review(call, person) for outcome, person in people.items()}
    for outcome, application in applications.items():
        if outcome != "in_review":
            decisions.decide_application(application, by=coordinator, outcome=outcome)
    return applications


def emails_to(address):
    return OutboundEmail.objects.filter(to=address)


def test_decisions_are_not_released_before_the_call_date(call, decided):
    with pytest.raises(ApplicationError):
        decisions.release_decisions(call)

    assert decisions.release_due_decisions() == 0
    assert not Application.objects.filter(decision_released_at__isnull=False).exists()
    assert not OutboundEmail.objects.exists()


def test_the_release_publishes_each_decided_application_once(call, decided):
    release_date_passed(call)

    released = decisions.release_decisions(call)

    assert released == 3
    for outcome in ("selected", "reserve", "not_selected"):
        application = Application.objects.get(pk=decided[outcome].pk)
        assert application.decision_released_at is not None
        assert emails_to(application.applicant.email).count() == 1
        assert IssuedDocument.objects.filter(
            kind=letters.KIND, object_id=application.pk, revoked_at__isnull=True
        ).exists()
    still = Application.objects.get(pk=decided["in_review"].pk)
    assert still.decision_released_at is None and not emails_to(still.applicant.email).exists()
    assert (
        ModelLogEntry.objects.filter(action="exchange.application.decision_released").count() == 3
    )


def test_a_selected_application_gets_the_calls_offer_deadline(call, decided):
    release_date_passed(call, offer_in=timedelta(days=20))

    decisions.release_decisions(call)

    selected = Application.objects.get(pk=decided["selected"].pk)
    assert selected.offer_deadline == call.offer_deadline
    reserve = Application.objects.get(pk=decided["reserve"].pk)
    assert reserve.offer_deadline is None


def test_a_release_after_the_offer_deadline_still_leaves_time_to_answer(call, decided):
    release_date_passed(call, offer_in=timedelta(days=-1))
    now = timezone.now()

    decisions.release_decisions(call, now=now)

    selected = Application.objects.get(pk=decided["selected"].pk)
    assert selected.offer_deadline == now + timedelta(days=call.reserve_response_days)


def test_running_the_release_again_releases_and_sends_nothing_more(call, decided):
    release_date_passed(call)
    decisions.release_decisions(call)
    before = OutboundEmail.objects.count()

    assert decisions.release_decisions(call) == 0
    assert decisions.release_due_decisions() == 0
    assert OutboundEmail.objects.count() == before == 3
    assert IssuedDocument.objects.filter(kind=letters.KIND).count() == 3


def test_a_release_that_crashed_half_way_sends_nobody_twice_and_skips_nobody(
    call, decided, monkeypatch
):
    release_date_passed(call)
    original = letters.issue_decision_letter
    calls = []

    def crash_on_the_second(application, **kwargs):
        calls.append(application.pk)
        if len(calls) == 2:
            raise RuntimeError("the worker died")
        return original(application, **kwargs)

    monkeypatch.setattr(letters, "issue_decision_letter", crash_on_the_second)
    with pytest.raises(RuntimeError):
        decisions.release_decisions(call)
    assert Application.objects.filter(decision_released_at__isnull=False).count() == 1
    assert OutboundEmail.objects.count() == 1
    monkeypatch.setattr(letters, "issue_decision_letter", original)

    assert decisions.release_decisions(call) == 2

    for outcome in ("selected", "reserve", "not_selected"):
        application = Application.objects.get(pk=decided[outcome].pk)
        assert application.decision_released_at is not None
        assert emails_to(application.applicant.email).count() == 1, outcome
    assert IssuedDocument.objects.filter(kind=letters.KIND).count() == 3


def test_a_decision_changed_while_the_release_prepares_is_released_as_changed(
    call, decided, monkeypatch, coordinator
):
    release_date_passed(call)
    reserve = decided["reserve"]
    original = decisions._prepared
    changed = []

    def change_once(pk, now):
        prepared = original(pk, now)
        if pk == reserve.pk and not changed:  # the coordinator saves a change meanwhile
            changed.append(pk)
            Application.objects.filter(pk=pk).update(status=Status.NOT_SELECTED, reserve_rank=None)
        return prepared

    monkeypatch.setattr(decisions, "_prepared", change_once)

    decisions.release_decisions(call)

    application = Application.objects.get(pk=reserve.pk)
    assert application.status == Status.NOT_SELECTED
    (email,) = emails_to(application.applicant.email)
    assert email.kind == "exchange.application.decision_not_selected"


def test_each_email_says_its_decision_in_the_applicants_language(call, decided):
    translate_call(call, "zh-hans", "放疗质量控制进修")
    translate_call(call, "fr", "Contrôle qualité en radiothérapie")
    release_date_passed(call)

    decisions.release_decisions(call)

    chinese = emails_to("li.na@example.cn").get()
    assert chinese.language == "zh-hans"
    assert chinese.kind == "exchange.application.decision_selected"
    assert "放疗质量控制进修" in chinese.subject
    assert "北京时间" in chinese.body_text and "巴黎时间" in chinese.body_text  # both clocks
    assert "/zh-hans/my/applications/" in chinese.body_text  # the accept/decline link
    french = emails_to("claire@example.fr").get()
    assert french.language == "fr" and french.kind == "exchange.application.decision_reserve"
    assert "Contrôle qualité en radiothérapie" in french.subject
    english = emails_to("sam@example.org").get()
    assert english.kind == "exchange.application.decision_not_selected"


def test_the_emails_of_each_outcome_say_what_was_decided(call, decided):
    release_date_passed(call)

    decisions.release_decisions(call)

    selected = emails_to("li.na@example.cn").get()
    offer_path = f"/my/applications/{decided['selected'].pk}/offer/"
    assert offer_path in selected.body_text and offer_path in selected.body_html
    reserve = emails_to("claire@example.fr").get()
    assert "1" in reserve.body_text and "liste complémentaire" in reserve.body_text  # in French
    kind = emails_to("sam@example.org").get()
    assert "Thank you for applying" in kind.body_text
    assert "could not offer you a place this time" in kind.body_text
    assert "/offer/" not in kind.body_text


def test_the_periodic_job_releases_only_calls_whose_date_has_passed(
    call, make_call, decided, make_applicant, coordinator
):
    later = make_call()
    waiting = in_review(later, make_applicant(email="later@example.org"))
    decisions.decide_application(waiting, by=coordinator, outcome=Status.SELECTED)
    release_date_passed(call)

    assert run_task("exchange.tasks.release_due_decisions") == 3

    waiting.refresh_from_db()
    assert waiting.decision_released_at is None


def test_a_decision_taken_after_the_release_goes_out_at_the_next_run(
    call, decided, coordinator, make_applicant
):
    release_date_passed(call)
    decisions.release_due_decisions()
    late = in_review(call, make_applicant(email="late@example.org"))
    decisions.decide_application(late, by=coordinator, outcome=Status.NOT_SELECTED)

    assert decisions.release_due_decisions() == 1
    assert emails_to("late@example.org").count() == 1


def test_the_beat_schedule_runs_the_release_and_the_lapse():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"exchange.tasks.release_due_decisions", "exchange.tasks.lapse_due_offers"} <= tasks
