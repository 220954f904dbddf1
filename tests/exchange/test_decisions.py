"""Decisions: selected, reserve (ranks unique per call, renumbered on every change) or not
selected, changeable until released, and invisible to the applicant until then: no email, no
status, no letter, no offer page, nothing on the dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.services import decisions
from exchange.services.drafts import ApplicationError
from portal.models import IssuedDocument, OutboundEmail
from tests.exchange.decision_helpers import (
    grant_decisions,
    in_review,
    release_date_passed,
    review,
)

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


@pytest.fixture
def coordinator(staff):
    return grant_decisions(staff("Programme coordinators", email="coordinator@example.org"))


@pytest.fixture
def candidates(call, make_applicant):
    def make(count):
        return [
            in_review(call, make_applicant(email=f"c{n}@example.org", full_name=f"Candidate {n}"))
            for n in range(count)
        ]

    return make


def decide(application, coordinator, outcome, **options):
    return decisions.decide_application(application, by=coordinator, outcome=outcome, **options)


def ranks(call):
    rows = Application.objects.filter(call=call, status=Status.RESERVE).order_by("reserve_rank")
    return [(row.pk, row.reserve_rank) for row in rows]


def test_a_decision_keeps_its_note_and_time_and_is_audited_but_emails_nobody(
    candidates, coordinator
):
    (application,) = candidates(1)

    decided = decide(application, coordinator, Status.SELECTED, note="Strong clinical project.")

    assert decided.status == Status.SELECTED and decided.decided_at is not None
    assert decided.decision_note == "Strong clinical project."
    assert decided.decision_released_at is None
    entry = ModelLogEntry.objects.get(action="exchange.application.decided")
    assert entry.user == coordinator and entry.data["outcome"] == "selected"
    assert not OutboundEmail.objects.exists()
    assert not IssuedDocument.objects.exists()


def test_reserves_are_ranked_in_order_and_renumbered_when_one_is_placed_ahead(
    call, candidates, coordinator
):
    a, b, c = candidates(3)
    decide(a, coordinator, Status.RESERVE)
    decide(b, coordinator, Status.RESERVE)

    decide(c, coordinator, Status.RESERVE, reserve_rank=1)

    assert ranks(call) == [(c.pk, 1), (a.pk, 2), (b.pk, 3)]


def test_a_reserve_leaving_the_list_closes_the_gap(call, candidates, coordinator):
    a, b, c = candidates(3)
    for application in (a, b, c):
        decide(application, coordinator, Status.RESERVE)

    decide(a, coordinator, Status.SELECTED)

    assert ranks(call) == [(b.pk, 1), (c.pk, 2)]
    a.refresh_from_db()
    assert a.reserve_rank is None


def test_a_rank_beyond_the_list_puts_the_reserve_last(call, candidates, coordinator):
    a, b = candidates(2)
    decide(a, coordinator, Status.RESERVE)

    decide(b, coordinator, Status.RESERVE, reserve_rank=9)

    assert ranks(call) == [(a.pk, 1), (b.pk, 2)]


def test_moving_a_reserve_down_the_list(call, candidates, coordinator):
    a, b, c = candidates(3)
    for application in (a, b, c):
        decide(application, coordinator, Status.RESERVE)

    decide(a, coordinator, Status.RESERVE, reserve_rank=3)

    assert ranks(call) == [(b.pk, 1), (c.pk, 2), (a.pk, 3)]


def test_ranks_of_two_calls_do_not_meet(call, make_call, candidates, make_applicant, coordinator):
    (here,) = candidates(1)
    there = in_review(make_call(), make_applicant(email="elsewhere@example.org"))

    decide(here, coordinator, Status.RESERVE)
    decide(there, coordinator, Status.RESERVE)

    here.refresh_from_db()
    there.refresh_from_db()
    assert here.reserve_rank == there.reserve_rank == 1


def test_a_late_reserve_ranks_after_those_already_released(call, candidates, coordinator):
    told, late = candidates(2)
    decide(told, coordinator, Status.RESERVE)
    Application.objects.filter(pk=told.pk).update(decision_released_at=timezone.now())

    decide(late, coordinator, Status.RESERVE, reserve_rank=1)

    assert ranks(call) == [(told.pk, 1), (late.pk, 2)]


def test_a_decision_can_change_until_it_is_released(candidates, coordinator):
    (application,) = candidates(1)
    decide(application, coordinator, Status.NOT_SELECTED)

    changed = decide(application, coordinator, Status.RESERVE)
    Application.objects.filter(pk=application.pk).update(decision_released_at=timezone.now())

    assert changed.status == Status.RESERVE and changed.reserve_rank == 1
    with pytest.raises(ApplicationError, match="released"):
        decide(application, coordinator, Status.SELECTED)


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN, Status.INELIGIBLE]
)
def test_only_an_application_in_review_is_decided(candidates, coordinator, status):
    (application,) = candidates(1)
    Application.objects.filter(pk=application.pk).update(status=status)

    with pytest.raises(ApplicationError):
        decide(application, coordinator, Status.SELECTED)
    application.refresh_from_db()
    assert application.status == status


def test_an_outcome_that_is_no_decision_is_refused(candidates, coordinator):
    (application,) = candidates(1)

    with pytest.raises(ApplicationError):
        decide(application, coordinator, Status.OFFER_ACCEPTED)


# Select the top N.


def test_select_top_fills_the_places_with_the_best_still_in_review(
    call, candidates, staff, coordinator
):
    call.places = 2
    call.save()
    best, second, third, unreviewed = candidates(4)
    reviewer = staff("Reviewers", email="reviewer@example.org")
    for application, score in ((best, "9.00"), (second, "8.00"), (third, "7.00")):
        review(application, reviewer, score=score)

    selected = decisions.select_top(call, by=coordinator)

    assert {row.pk for row in selected} == {best.pk, second.pk}
    third.refresh_from_db()
    unreviewed.refresh_from_db()
    assert third.status == unreviewed.status == Status.IN_REVIEW


def test_select_top_counts_the_places_already_held_and_skips_decided_ones(
    call, candidates, staff, coordinator
):
    call.places = 2
    call.save()
    best, reserve, third = candidates(3)
    reviewer = staff("Reviewers", email="reviewer@example.org")
    for application, score in ((best, "9.00"), (reserve, "8.00"), (third, "7.00")):
        review(application, reviewer, score=score)
    decide(best, coordinator, Status.SELECTED)
    decide(reserve, coordinator, Status.RESERVE)

    selected = decisions.select_top(call, by=coordinator)

    assert [row.pk for row in selected] == [third.pk]
    assert decisions.select_top(call, by=coordinator) == []


# From the ranking page.


def test_the_ranking_page_saves_a_decision_from_its_row(client, call, candidates, coordinator):
    a, b = candidates(2)
    decide(a, coordinator, Status.RESERVE)
    client.force_login(coordinator)

    response = client.post(
        reverse("exchange_ranking:decide", args=(call.pk, b.pk)),
        {"outcome": "reserve", "reserve_rank": "1", "note": "Ahead on the project."},
    )

    assert response.status_code == 302
    assert ranks(call) == [(b.pk, 1), (a.pk, 2)]
    b.refresh_from_db()
    assert b.decision_note == "Ahead on the project."


def test_the_ranking_page_refuses_a_changed_released_decision_with_a_message(
    client, call, candidates, coordinator
):
    (application,) = candidates(1)
    decide(application, coordinator, Status.SELECTED)
    Application.objects.filter(pk=application.pk).update(decision_released_at=timezone.now())
    client.force_login(coordinator)
    url = reverse("exchange_ranking:decide", args=(call.pk, application.pk))

    response = client.post(url, {"outcome": "not_selected"}, follow=True)

    assert "it can no longer be changed" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SELECTED


def test_the_ranking_page_answers_404_for_an_application_of_another_call(
    client, call, make_call, make_applicant, coordinator
):
    elsewhere = in_review(make_call(), make_applicant(email="elsewhere@example.org"))
    client.force_login(coordinator)

    response = client.post(
        reverse("exchange_ranking:decide", args=(call.pk, elsewhere.pk)), {"outcome": "selected"}
    )

    assert response.status_code == 404


# Nothing is visible before the release.


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.mark.parametrize("outcome", [Status.SELECTED, Status.RESERVE, Status.NOT_SELECTED])
def test_before_the_release_the_applicant_sees_nothing_of_the_decision(
    signed_in, call, applicant, coordinator, outcome
):
    application = in_review(call, applicant)
    decide(application, coordinator, outcome, note="Internal: ranked third by the committee.")
    Application.objects.filter(pk=application.pk).update(
        offer_deadline=timezone.now() + timedelta(days=9)
    )
    release_date_passed(call)  # but the release has not run yet

    page = signed_in.get("/en/my/").content.decode()

    assert "Submitted, under consideration" in page
    for leak in ("Selected", "reserve list", "Not selected", "decision letter", "ranked third"):
        assert leak not in page
    assert 'class="decision-box' not in page
    for url in (
        reverse("exchange:offer", args=(application.pk,)),
        reverse("exchange:decision_letter", args=(application.pk,)),
    ):
        assert signed_in.get(url).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_once_released_the_dashboard_shows_the_decision_and_the_letter(
    signed_in, call, applicant, coordinator
):
    application = in_review(call, applicant)
    decide(application, coordinator, Status.RESERVE)
    Application.objects.filter(pk=application.pk).update(decision_released_at=timezone.now())

    page = signed_in.get("/en/my/").content.decode()

    assert "On the reserve list" in page
    assert "You are number 1 on the reserve list." in page
    assert reverse("exchange:decision_letter", args=(application.pk,)) in page


def test_the_applicant_status_follows_the_release_not_the_date(draft):
    draft.status = Status.SELECTED
    draft.call.decision_release_at = timezone.now() - timedelta(days=1)

    assert draft.applicant_status() == "under_consideration"
    draft.decision_released_at = timezone.now()
    assert draft.applicant_status() == "selected"
