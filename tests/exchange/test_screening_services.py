"""Screening services: each one's precondition, effect, audit entry and email (DESIGN §4)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, Review
from exchange.services import ApplicationError, screening
from portal.models import OutboundEmail
from tests.exchange.screening import add_review, join, set_admin_language, submit

Status = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(staff):
    return staff("Programme coordinators", full_name="Zhou Coordinator")


@pytest.fixture
def reviewer(staff):
    return set_admin_language(staff("Reviewers", full_name="Dr Claire Martin"), "fr")


@pytest.fixture
def application(call, applicant):
    return submit(call, applicant)


def entries(application, event):
    return ModelLogEntry.objects.filter(
        action=f"exchange.application.{event}", object_id=str(application.pk)
    )


def status_of(application):
    return Application.objects.get(pk=application.pk).status


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the services queue on commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Opening and accepting -----------------------------------------------------------------------


def test_opening_for_screening_moves_a_submitted_application_and_records_who(
    application, coordinator, committed
):
    with committed():
        screening.open_for_screening(application, by=coordinator)

    assert status_of(application) == Status.SCREENING
    assert entries(application, "screening_opened").get().user == coordinator
    assert not OutboundEmail.objects.exists()  # the applicant's status reads the same


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SCREENING, Status.IN_REVIEW])
def test_only_a_submitted_application_is_opened_for_screening(call, applicant, coordinator, status):
    application = submit(call, applicant, status)

    with pytest.raises(ApplicationError, match="Only a submitted application"):
        screening.open_for_screening(application, by=coordinator)

    assert status_of(application) == status
    assert not entries(application, "screening_opened").exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.SCREENING])
def test_accepting_for_review_takes_a_submitted_or_screened_application(
    call, applicant, coordinator, status
):
    application = submit(call, applicant, status)

    screening.accept_for_review(application, by=coordinator)

    assert status_of(application) == Status.IN_REVIEW
    assert entries(application, "accepted_for_review").get().user == coordinator


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.INELIGIBLE])
def test_accepting_for_review_refuses_other_statuses(call, applicant, coordinator, status):
    application = submit(call, applicant, status)

    with pytest.raises(ApplicationError, match="can be accepted for review"):
        screening.accept_for_review(application, by=coordinator)

    assert status_of(application) == status


# Returning -----------------------------------------------------------------------------------


def test_a_returned_application_tells_its_applicant_what_and_by_when_in_both_clocks(
    application, coordinator, committed
):
    deadline = datetime(2031, 3, 2, 10, 0, tzinfo=UTC)  # 18:00 in Changsha, 11:00 in Paris

    with committed():
        screening.return_application(
            application, by=coordinator, message="请上传护照复印件。", deadline=deadline
        )

    application.refresh_from_db()
    assert application.status == Status.RETURNED
    assert application.return_message == "请上传护照复印件。"
    assert application.return_deadline == deadline
    assert entries(application, "returned").get().user == coordinator
    email = OutboundEmail.objects.get()
    assert email.to == "li.na@example.cn" and email.language == "zh-hans"
    assert email.kind == "exchange.application.returned"
    assert application.reference in email.subject
    assert "请上传护照复印件。" in email.body_text and "请上传护照复印件。" in email.body_html
    assert "18:00" in email.body_text and "11:00" in email.body_text
    assert "北京时间" in email.body_text and "巴黎时间" in email.body_text
    assert "/zh-hans/my/" in email.body_text


def test_returning_needs_a_message_and_a_deadline_in_the_future(application, coordinator):
    future = timezone.now() + timedelta(days=7)

    with pytest.raises(ApplicationError, match="correct"):
        screening.return_application(application, by=coordinator, message="  ", deadline=future)
    with pytest.raises(ApplicationError, match="in the future"):
        screening.return_application(
            application, by=coordinator, message="Add the CV.", deadline=timezone.now()
        )

    assert status_of(application) == Status.SUBMITTED
    assert not OutboundEmail.objects.exists()


def test_an_application_in_review_is_not_returned(call, applicant, coordinator):
    application = submit(call, applicant, Status.IN_REVIEW)

    with pytest.raises(ApplicationError, match="can be returned"):
        screening.return_application(
            application,
            by=coordinator,
            message="Add the CV.",
            deadline=timezone.now() + timedelta(days=3),
        )

    assert status_of(application) == Status.IN_REVIEW


def test_the_email_is_written_with_the_change_and_never_for_a_rolled_back_one(
    application, make_applicant, coordinator
):
    deadline = timezone.now() + timedelta(days=7)

    screening.return_application(application, by=coordinator, message="CV", deadline=deadline)
    assert OutboundEmail.objects.filter(to="li.na@example.cn").count() == 1  # no callback needed

    other = submit(application.call, make_applicant(email="x@y.z"))
    try:
        with transaction.atomic():
            screening.return_application(other, by=coordinator, message="CV", deadline=deadline)
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert status_of(other) == Status.SUBMITTED
    assert not OutboundEmail.objects.filter(to="x@y.z").exists()


# Ineligible ----------------------------------------------------------------------------------


def test_an_ineligible_application_ends_and_its_applicant_is_told_why_in_their_language(
    call, make_applicant, coordinator, committed
):
    french = make_applicant(email="camille@example.fr", preferred_language="fr")
    application = submit(call, french, Status.SCREENING)

    with committed():
        screening.mark_ineligible(
            application, by=coordinator, reason="L’appel exige cinq ans d’expérience."
        )

    application.refresh_from_db()
    assert application.status == Status.INELIGIBLE
    assert application.ineligible_reason == "L’appel exige cinq ans d’expérience."
    assert entries(application, "marked_ineligible").get().user == coordinator
    email = OutboundEmail.objects.get()
    assert (email.to, email.language, email.kind) == (
        "camille@example.fr",
        "fr",
        "exchange.application.ineligible",
    )
    assert "L’appel exige cinq ans d’expérience." in email.body_text
    with pytest.raises(ApplicationError):  # terminal
        screening.accept_for_review(application, by=coordinator)


def test_marking_ineligible_needs_a_reason_and_an_undecided_application(
    call, applicant, make_applicant, coordinator
):
    submitted = submit(call, applicant)
    draft = submit(call, make_applicant(email="d@x.org"), Status.DRAFT)

    with pytest.raises(ApplicationError, match="reason"):
        screening.mark_ineligible(submitted, by=coordinator, reason="")
    with pytest.raises(ApplicationError, match="not yet decided"):
        screening.mark_ineligible(draft, by=coordinator, reason="Too late")

    assert [status_of(submitted), status_of(draft)] == [Status.SUBMITTED, Status.DRAFT]


# Extending a deadline ------------------------------------------------------------------------


def test_a_draft_gets_time_after_the_call_closed_and_its_applicant_is_emailed(
    make_call, applicant, coordinator, committed
):
    closed = make_call(opens_in=-30, closes_in=-1)
    draft = submit(closed, applicant, Status.DRAFT, reference="", submitted_at=None)
    until = datetime(2031, 5, 4, 16, 0, tzinfo=UTC)

    with committed():
        screening.extend_deadline(draft, by=coordinator, until=until)

    draft.refresh_from_db()
    assert draft.deadline_extended_to == until and draft.status == Status.DRAFT
    assert entries(draft, "deadline_extended").get().user == coordinator
    email = OutboundEmail.objects.get()
    assert email.kind == "exchange.application.deadline_extended"
    assert "北京时间" in email.body_text and "巴黎时间" in email.body_text


def test_a_returned_application_given_more_time_has_its_corrections_due_later(
    call, applicant, coordinator
):
    due = timezone.now() + timedelta(days=40)  # after the call's closing in 30 days
    application = submit(call, applicant, Status.RETURNED, return_deadline=due)

    with pytest.raises(ApplicationError, match="later than the current one"):
        screening.extend_deadline(application, by=coordinator, until=due - timedelta(days=1))
    screening.extend_deadline(application, by=coordinator, until=due + timedelta(days=5))

    application.refresh_from_db()
    assert application.return_deadline == due + timedelta(days=5)
    assert application.deadline_extended_to == due + timedelta(days=5)


def test_a_deadline_is_not_extended_for_a_submitted_application_or_to_before_the_closing(
    call, applicant, make_applicant, coordinator
):
    submitted = submit(call, applicant)
    draft = submit(call, make_applicant(email="e@x.org"), Status.DRAFT)

    with pytest.raises(ApplicationError, match="Only a draft"):
        screening.extend_deadline(
            submitted, by=coordinator, until=timezone.now() + timedelta(days=60)
        )
    with pytest.raises(ApplicationError, match="later than the current one"):
        screening.extend_deadline(draft, by=coordinator, until=call.closes_at - timedelta(hours=1))

    assert Application.objects.get(pk=draft.pk).deadline_extended_to is None


# Reviewers -----------------------------------------------------------------------------------


def test_assigning_a_reviewer_creates_the_review_and_emails_them_in_their_admin_language(
    call, applicant, coordinator, reviewer, committed
):
    application = submit(call, applicant, Status.IN_REVIEW)
    due = datetime(2031, 3, 2, 10, 0, tzinfo=UTC)  # 18:00 in Changsha, 11:00 in Paris

    with committed():
        review = screening.assign_reviewer(application, reviewer, by=coordinator, due_at=due)

    assert (review.status, review.assigned_by, review.due_at) == (
        ReviewStatus.ASSIGNED,
        coordinator,
        due,
    )
    entry = entries(application, "reviewer_assigned").get()
    assert entry.user == coordinator and entry.data["reviewer"] == "Dr Claire Martin"
    email = OutboundEmail.objects.get()
    assert (email.to, email.language, email.kind) == (
        reviewer.email,
        "fr",
        "exchange.review.assigned",
    )
    assert "http://" in email.body_text and "/admin/reviews/" in email.body_text
    assert application.reference in email.subject
    assert "18:00" in email.body_text and "11:00" in email.body_text
    # Blind or not, an email names no applicant.
    assert "李娜" not in email.body_text and "LI NA" not in email.body_text


def test_a_reviewer_is_assigned_only_to_an_application_in_review(
    application, coordinator, reviewer
):
    with pytest.raises(ApplicationError, match="Accept the application for review"):
        screening.assign_reviewer(application, reviewer, by=coordinator)

    assert not Review.objects.exists()


def test_only_members_of_the_reviewers_group_are_assigned(call, applicant, coordinator, staff):
    application = submit(call, applicant, Status.IN_REVIEW)
    editor = staff("Editors", full_name="Demo Editor")

    with pytest.raises(ApplicationError, match="Demo Editor is not in the Reviewers group"):
        screening.assign_reviewer(application, editor, by=coordinator)

    assert not Review.objects.exists()


def test_an_applicant_never_reviews_their_own_application(call, applicant, coordinator):
    application = submit(call, join(applicant, "Reviewers"), Status.IN_REVIEW)

    with pytest.raises(ApplicationError, match="their own application"):
        screening.assign_reviewer(application, applicant, by=coordinator)


def test_a_reviewer_who_declared_a_conflict_is_not_assigned_again(
    call, applicant, coordinator, reviewer
):
    application = submit(call, applicant, Status.IN_REVIEW)
    add_review(application, reviewer, ReviewStatus.CONFLICT, conflict_note="Former student")

    with pytest.raises(ApplicationError, match="declared a conflict of interest"):
        screening.assign_reviewer(application, reviewer, by=coordinator)
    with pytest.raises(ApplicationError, match="stays on record"):
        screening.unassign_reviewer(application.reviews.get(), by=coordinator)

    assert application.reviews.get().status == ReviewStatus.CONFLICT


def test_a_reviewer_is_assigned_once_and_by_a_due_date_in_the_future(
    call, applicant, coordinator, reviewer
):
    application = submit(call, applicant, Status.IN_REVIEW)
    screening.assign_reviewer(application, reviewer, by=coordinator)

    with pytest.raises(ApplicationError, match="already assigned"):
        screening.assign_reviewer(application, reviewer, by=coordinator)
    application.reviews.all().delete()
    with pytest.raises(ApplicationError, match="due date must be in the future"):
        screening.assign_reviewer(
            application, reviewer, by=coordinator, due_at=timezone.now() - timedelta(hours=1)
        )


def test_unassigning_withdraws_an_open_review_and_tells_the_reviewer(
    call, applicant, coordinator, reviewer, committed
):
    application = submit(call, applicant, Status.IN_REVIEW)
    review = add_review(application, reviewer, ReviewStatus.IN_PROGRESS)

    with committed():
        screening.unassign_reviewer(review, by=coordinator)

    assert not Review.objects.filter(pk=review.pk).exists()
    entry = entries(application, "reviewer_unassigned").get()
    assert entry.user == coordinator and entry.data["reviewer"] == "Dr Claire Martin"
    email = OutboundEmail.objects.get()
    assert email.kind == "exchange.review.unassigned" and email.language == "fr"


def test_a_submitted_review_is_not_withdrawn(call, applicant, coordinator, reviewer):
    application = submit(call, applicant, Status.IN_REVIEW)
    review = add_review(application, reviewer, ReviewStatus.SUBMITTED, score=8)

    with pytest.raises(ApplicationError, match="submitted review cannot be withdrawn"):
        screening.unassign_reviewer(review, by=coordinator)

    assert Review.objects.filter(pk=review.pk).exists()
    assert not entries(application, "reviewer_unassigned").exists()


def test_the_outbox_names_every_screening_email():
    from portal.email_kinds import email_kind_label

    assert email_kind_label("exchange.application.returned") == (
        "Application returned for corrections"
    )
    assert email_kind_label("exchange.review.assigned") == "Application assigned for review"
