"""Every programme email is written in the transaction of the change that causes it (DESIGN §5
"Nothing is lost"), rendered before the service takes its lock ("Locks are short").

For each service that emails: the outbox row exists as soon as the service returns, with no
after-commit callback run (a crash between the commit and a callback would lose nothing); a
change rolled back leaves no row; a change committed leaves exactly one row per recipient, in
the recipient's language; and no template is rendered inside the service's transaction.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from exchange.choices import ApplicationStatus, RefereeStatus, ReviewStatus
from exchange.models import Application, Referee
from exchange.services import decisions, offers, referees, reviews, screening, submission
from portal import mail
from portal.models import OutboundEmail
from tests.exchange.decision_helpers import in_review, release_date_passed
from tests.exchange.referee_helpers import ANSWERS
from tests.exchange.screening import add_review, set_admin_language, submit
from tests.exchange.submission_helpers import complete_application

pytestmark = pytest.mark.django_db
Status = ApplicationStatus
CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


class Rollback(Exception):
    """Raised inside the test's transaction to roll it back."""


class World:
    """The people of every case: a Chinese-speaking applicant, a French one, a reviewer whose
    admin is in French, the only coordinator, whose admin is in Chinese, and calls made on
    demand."""

    def __init__(self, make_call, make_applicant, staff):
        self.make_call = make_call
        self.applicant = make_applicant(
            email="li.na@example.cn", full_name="李娜", preferred_language="zh-hans"
        )
        self.french = make_applicant(
            email="camille.lefevre@example.fr", full_name="Camille Lefèvre", preferred_language="fr"
        )
        self.reviewer = set_admin_language(
            staff("Reviewers", email="claire.martin@example.fr", full_name="Claire Martin"), "fr"
        )
        Group.objects.get(name="Programme coordinators").user_set.clear()  # the demo's
        self.coordinator = set_admin_language(
            staff("Programme coordinators", email="zhou.min@example.cn", full_name="Zhou Min"),
            "zh-hans",
        )


@pytest.fixture
def world(make_call, make_applicant, staff):
    return World(make_call, make_applicant, staff)


# The cases: each builds its state and returns (the service call, the emails it must write as
# (kind, to, language)).


@case
def submission_acknowledged(w):
    draft = complete_application(w.make_call(), w.applicant)
    return (
        lambda: submission.submit_application(draft, by=w.applicant),
        [("exchange.application.submitted", "li.na@example.cn", "zh-hans")],
    )


@case
def resubmission_acknowledged(w):
    returned = complete_application(
        w.make_call(),
        w.french,
        status=Status.RETURNED,
        reference="HX-2026-0042",
        submitted_at=timezone.now() - timedelta(days=3),
        return_message="Ajoutez le diplôme.",
        return_deadline=timezone.now() + timedelta(days=5),
    )
    return (
        lambda: submission.submit_application(returned, by=w.french),
        [("exchange.application.resubmitted", "camille.lefevre@example.fr", "fr")],
    )


@case
def withdrawal_confirmed(w):
    application = submit(w.make_call(), w.french)
    return (
        lambda: submission.withdraw_application(application, by=w.french, reason="Congé"),
        [("exchange.application.withdrawn", "camille.lefevre@example.fr", "fr")],
    )


@case
def screening_returned(w):
    application = submit(w.make_call(), w.applicant)
    deadline = timezone.now() + timedelta(days=7)
    return (
        lambda: screening.return_application(
            application, by=w.coordinator, message="请上传护照复印件。", deadline=deadline
        ),
        [("exchange.application.returned", "li.na@example.cn", "zh-hans")],
    )


@case
def screening_ineligible(w):
    application = submit(w.make_call(), w.french, Status.SCREENING)
    return (
        lambda: screening.mark_ineligible(
            application, by=w.coordinator, reason="L’appel exige cinq ans d’expérience."
        ),
        [("exchange.application.ineligible", "camille.lefevre@example.fr", "fr")],
    )


@case
def deadline_extended(w):
    call = w.make_call()
    draft = Application.objects.create(call=call, applicant=w.applicant)
    until = call.closes_at + timedelta(days=5)
    return (
        lambda: screening.extend_deadline(draft, by=w.coordinator, until=until),
        [("exchange.application.deadline_extended", "li.na@example.cn", "zh-hans")],
    )


@case
def reviewer_assigned(w):
    application = submit(w.make_call(), w.applicant, Status.IN_REVIEW)
    return (
        lambda: screening.assign_reviewer(application, w.reviewer, by=w.coordinator),
        [("exchange.review.assigned", "claire.martin@example.fr", "fr")],
    )


@case
def reviewer_unassigned(w):
    application = submit(w.make_call(), w.applicant, Status.IN_REVIEW)
    review = add_review(application, w.reviewer)
    return (
        lambda: screening.unassign_reviewer(review, by=w.coordinator),
        [("exchange.review.unassigned", "claire.martin@example.fr", "fr")],
    )


def _referee_details(**changes):
    return {
        "name": "Prof. Wang Wei",
        "email": "wang.wei@example.cn",
        "institution": "Xiangya Hospital",
        "position": "Head of department, my supervisor",
        "language": "fr",
        **changes,
    }


def _asked(w, application, **fields):
    values = {**_referee_details(), "requested_at": timezone.now() - timedelta(days=3), **fields}
    return Referee.objects.create(application=application, **values)


@case
def referee_requested(w):
    draft = Application.objects.create(call=w.make_call(), applicant=w.applicant)
    return (
        lambda: referees.request_reference(draft, by=w.applicant, details=_referee_details()),
        [("exchange.referee.request", "wang.wei@example.cn", "fr")],
    )


@case
def referee_reminded(w):
    draft = Application.objects.create(call=w.make_call(), applicant=w.applicant)
    referee = _asked(w, draft)
    return (
        lambda: referees.remind_referee(referee, by=w.applicant),
        [("exchange.referee.reminder", "wang.wei@example.cn", "fr")],
    )


@case
def referee_replaced(w):
    draft = Application.objects.create(call=w.make_call(), applicant=w.applicant)
    referee = _asked(w, draft)
    details = _referee_details(email="chen.jie@example.cn", name="Dr Chen Jie", language="en")
    return (
        lambda: referees.replace_referee(referee, by=w.applicant, details=details),
        [("exchange.referee.request", "chen.jie@example.cn", "en")],
    )


@case
def reference_received(w):
    application = submit(w.make_call(), w.applicant)
    referee = _asked(w, application, status=RefereeStatus.OPENED)
    return (
        lambda: referees.submit_reference(referee, answers=ANSWERS),
        [
            ("exchange.referee.received", "wang.wei@example.cn", "fr"),
            ("exchange.application.reference_received", "li.na@example.cn", "zh-hans"),
        ],
    )


@case
def conflict_declared(w):
    application = submit(w.make_call(), w.applicant, Status.IN_REVIEW)
    review = add_review(application, w.reviewer)
    return (
        lambda: reviews.declare_conflict(review, by=w.reviewer, note="Elle a été mon interne."),
        [("exchange.review.conflict_declared", "zhou.min@example.cn", "zh-hans")],
    )


@case
def review_reopened(w):
    application = submit(w.make_call(), w.applicant, Status.IN_REVIEW)
    review = add_review(application, w.reviewer, ReviewStatus.SUBMITTED, score=7)
    return (
        lambda: reviews.reopen_review(review, by=w.coordinator),
        [("exchange.review.reopened", "claire.martin@example.fr", "fr")],
    )


def _released(w, *, places=1):
    """A released call of `places` places: the Chinese applicant selected, the French one
    first on the reserve list; the release's own emails cleared."""
    call = w.make_call()
    call.places = places
    call.save()
    selected, reserve = in_review(call, w.applicant), in_review(call, w.french)
    decisions.decide_application(selected, by=w.coordinator, outcome=Status.SELECTED)
    decisions.decide_application(reserve, by=w.coordinator, outcome=Status.RESERVE)
    release_date_passed(call)
    decisions.release_decisions(call)
    OutboundEmail.objects.all().delete()
    return call, Application.objects.get(pk=selected.pk), Application.objects.get(pk=reserve.pk)


@case
def decisions_released(w):
    call = w.make_call()
    application = in_review(call, w.applicant)
    decisions.decide_application(application, by=w.coordinator, outcome=Status.SELECTED)
    release_date_passed(call)
    return (
        lambda: decisions.release_decisions(call),
        [("exchange.application.decision_selected", "li.na@example.cn", "zh-hans")],
    )


@case
def offer_accepted(w):
    _call, selected, _reserve = _released(w)
    return (
        lambda: offers.accept_offer(selected, by=w.applicant),
        [
            ("exchange.application.offer_accepted", "li.na@example.cn", "zh-hans"),
            ("exchange.application.coordinator_notice", "zhou.min@example.cn", "zh-hans"),
        ],
    )


@case
def offer_declined_and_reserve_promoted(w):
    _call, selected, _reserve = _released(w)
    return (
        lambda: offers.decline_offer(selected, by=w.applicant, reason="家庭原因"),
        [
            ("exchange.application.offer_declined", "li.na@example.cn", "zh-hans"),
            ("exchange.application.coordinator_notice", "zhou.min@example.cn", "zh-hans"),
            ("exchange.application.promoted", "camille.lefevre@example.fr", "fr"),
            ("exchange.application.coordinator_notice", "zhou.min@example.cn", "zh-hans"),
        ],
    )


@case
def offer_lapsed_and_reserve_promoted(w):
    _call, selected, _reserve = _released(w)
    later = selected.offer_deadline + timedelta(minutes=1)
    return (
        lambda: offers.lapse_offers(now=later),
        [
            ("exchange.application.offer_lapsed", "li.na@example.cn", "zh-hans"),
            ("exchange.application.coordinator_notice", "zhou.min@example.cn", "zh-hans"),
            ("exchange.application.promoted", "camille.lefevre@example.fr", "fr"),
            ("exchange.application.coordinator_notice", "zhou.min@example.cn", "zh-hans"),
        ],
    )


@case
def reserve_promoted(w):
    call, _selected, _reserve = _released(w, places=2)  # a place is free: promote the reserve
    return (
        lambda: offers.promote_reserve(call),
        [
            ("exchange.application.promoted", "camille.lefevre@example.fr", "fr"),
            ("exchange.application.coordinator_notice", "zhou.min@example.cn", "zh-hans"),
        ],
    )


def written():
    rows = OutboundEmail.objects.values_list("kind", "to", "language")
    return sorted(rows)


@pytest.mark.parametrize("name", CASES)
def test_the_email_is_written_with_the_change_and_rolled_back_with_it(name, world):
    run, expected = CASES[name](world)

    with pytest.raises(Rollback), transaction.atomic():
        run()
        assert written() == sorted(expected)  # there before any commit, no callback run
        raise Rollback

    assert written() == []


@pytest.mark.parametrize("name", CASES)
def test_a_committed_change_has_exactly_its_emails_in_each_recipients_language(name, world):
    run, expected = CASES[name](world)

    with transaction.atomic():
        run()

    assert written() == sorted(expected)


@pytest.mark.parametrize("name", CASES)
def test_no_email_is_rendered_inside_the_services_transaction(name, world, monkeypatch):
    run, _expected = CASES[name](world)
    depth = len(connection.savepoint_ids)  # the test's own transaction
    rendered_at = []
    render = mail.render_to_string

    def spy(*args, **kwargs):
        rendered_at.append(len(connection.savepoint_ids))
        return render(*args, **kwargs)

    monkeypatch.setattr(mail, "render_to_string", spy)

    run()

    assert rendered_at and set(rendered_at) == {depth}


def test_the_acknowledgement_carries_the_reference_taken_under_the_lock(world):
    draft = complete_application(world.make_call(), world.applicant)

    application = submission.submit_application(draft, by=world.applicant)

    email = OutboundEmail.objects.get(kind="exchange.application.submitted")
    assert application.reference.startswith("HX-")
    for part in (email.subject, email.body_text, email.body_html):
        assert application.reference in part
        assert mail.late("reference") not in part


def test_a_late_value_is_filled_as_text_and_escaped_in_the_html_part():
    rendered = mail.RenderedEmail(
        to="li.na@example.cn",
        subject=f"Ref {mail.late('reference')}",
        body_text=f"Ref: {mail.late('reference')}",
        body_html=f"<p>{mail.late('reference')}</p>",
        language="en",
        kind="test",
    )

    filled = rendered.fill(reference="A&B")

    assert (filled.subject, filled.body_text, filled.body_html) == (
        "Ref A&B",
        "Ref: A&B",
        "<p>A&amp;B</p>",
    )
