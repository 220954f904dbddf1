"""Submitting, resubmitting after a return, and withdrawing (exchange.services.submission):
every precondition's refusal, the frozen application, the reference, the audit trail and the
emails in the applicant's language."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange.choices import ApplicationStatus
from exchange.models import Application, ReferenceCounter
from exchange.services import documents, drafts, submission
from portal.models import OutboundEmail
from tests.exchange.conftest import translate_call
from tests.exchange.submission_helpers import add_document, complete_application

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """submit(application, by=…, now=…): the service, with what it queues after commit run."""

    def run(application, by=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return submission.submit_application(
                application, by=by or application.applicant, **kwargs
            )

    return run


@pytest.fixture
def withdraw(django_capture_on_commit_callbacks):
    def run(application, by=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return submission.withdraw_application(
                application, by=by or application.applicant, **kwargs
            )

    return run


@pytest.fixture
def ready(call, applicant):
    """A complete, eligible draft."""
    return complete_application(call, applicant)


def entries(application, action):
    return ModelLogEntry.objects.filter(object_id=str(application.pk), action=action)


def emails(kind):
    return OutboundEmail.objects.filter(kind=kind)


# --- Submitting -------------------------------------------------------------------------------


def test_submitting_freezes_the_application_with_a_reference_and_an_audit_entry(submit, ready):
    now = timezone.now()

    application = submit(ready, now=now)

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.submitted_at == now
    assert application.reference == f"HX-{timezone.localtime(now).year}-0001"
    entry = entries(application, "exchange.application.submitted").get()
    assert entry.user_id == ready.applicant_id
    assert entry.data == {"reference": application.reference}


def test_references_are_numbered_per_year_of_submission(submit, make_call, make_applicant):
    this_year = timezone.now()
    next_year = this_year.replace(year=this_year.year + 1)
    call = make_call(closes_in=800)
    people = [make_applicant(email=f"p{n}@example.org") for n in range(3)]

    first = submit(complete_application(call, people[0]), now=this_year)
    second = submit(complete_application(call, people[1]), now=this_year)
    third = submit(complete_application(call, people[2]), now=next_year)

    assert first.reference.endswith(f"{this_year.year}-0001")
    assert second.reference.endswith(f"{this_year.year}-0002")
    assert third.reference == f"HX-{next_year.year}-0001"


def test_a_new_counter_starts_after_the_references_already_given(submit, ready, make_call):
    year = timezone.localtime().year
    earlier = Application.objects.create(
        call=make_call(), applicant=ready.applicant, reference=f"HX-{year}-0041"
    )
    assert earlier.reference and not ReferenceCounter.objects.filter(year=year).exists()

    assert submit(ready).reference == f"HX-{year}-0042"


def test_the_acknowledgement_is_in_the_applicants_language_with_what_comes_next(submit, ready):
    translate_call(ready.call, "zh-hans", "放疗质量控制")

    application = submit(ready)

    email = emails("exchange.application.submitted").get()
    assert email.to == "li.na@example.cn" and email.language == "zh-hans"
    assert application.reference in email.subject and "放疗质量控制" in email.subject
    for body in (email.body_text, email.body_html):
        assert application.reference in body
        assert "放疗质量控制" in body
        assert "长沙" in body and "巴黎" in body  # the release date on both hospitals' clocks
        assert "北京时间" in body and "巴黎时间" in body
        assert f"/zh-hans/my/applications/{application.pk}/" in body
    release = ready.call.decision_release_at.astimezone(timezone.get_fixed_timezone(8 * 60))
    assert f"{release:%H:%M}" in email.body_text


def test_the_acknowledgement_in_english_says_the_call_reference_and_release(
    submit, ready, applicant
):
    applicant.preferred_language = "en"
    applicant.save()

    application = submit(ready)

    email = emails("exchange.application.submitted").get()
    assert email.language == "en"
    assert email.subject == f"Application received: {application.reference}, {ready.call.title}"
    assert "Dear 李娜," in email.body_text
    assert "What happens next" in email.body_text
    assert "We email you when the decisions are released:" in email.body_text
    assert "Changsha" in email.body_text and "Paris" in email.body_text


def test_a_submitted_application_can_no_longer_be_changed_anywhere(
    submit, make_call, applicant, private_storage
):
    application = complete_application(make_call(required_documents=["cv"]), applicant)
    cv = add_document(application, "cv")
    submit(application)

    with pytest.raises(drafts.ApplicationError, match="submitted: it can no longer be changed"):
        drafts.save_application_step(
            application, "motivation", {"motivation": "Changed"}, by=applicant
        )
    with pytest.raises(drafts.ApplicationError, match="submitted"):
        add_document(application, "cv", name="other.pdf")
    with pytest.raises(drafts.ApplicationError, match="submitted"):
        documents.remove_document(application, "cv", by=applicant)
    application.refresh_from_db()
    assert application.motivation != "Changed"
    assert [d.original_name for d in application.documents.all()] == ["cv.pdf"]
    assert private_storage.exists(cv.path)
    assert len(private_storage.listdir(f"exchange/applications/{application.pk}")[1]) == 1


def test_submitting_again_says_already_submitted_and_sends_nothing_more(submit, ready):
    first = submit(ready)

    with pytest.raises(submission.AlreadySubmitted) as caught:
        submit(ready)

    assert str(caught.value) == "This application is already submitted."
    assert caught.value.application.reference == first.reference
    assert emails("exchange.application.submitted").count() == 1
    assert entries(ready, "exchange.application.submitted").count() == 1


def test_only_the_owner_submits(submit, ready, make_applicant):
    with pytest.raises(drafts.ApplicationError, match="not yours"):
        submit(ready, by=make_applicant(email="someone@example.org"))

    ready.refresh_from_db()
    assert ready.status == Status.DRAFT and ready.reference == ""


def test_no_submission_after_the_call_closes(submit, ready):
    after = ready.call.closes_at + timedelta(seconds=1)

    with pytest.raises(drafts.ApplicationError, match="This call is closed"):
        submit(ready, now=after)

    assert not emails("exchange.application.submitted").exists()


def test_every_missing_item_is_given_at_once_documents_included(submit, make_call, applicant):
    call = make_call(required_documents=["cv", "passport"])
    application = complete_application(
        call, applicant, motivation="", english_level="", french_level=""
    )

    with pytest.raises(submission.SubmissionRefused) as caught:
        submit(application)

    assert [(item.step, item.field) for item in caught.value.missing] == [
        ("languages", "french_level"),
        ("motivation", "motivation"),
        ("documents", "cv"),
        ("documents", "passport"),
    ]
    application.refresh_from_db()
    assert application.status == Status.DRAFT and application.reference == ""
    assert not ReferenceCounter.objects.exists()


def test_an_uploaded_document_is_no_longer_missing(submit, make_call, applicant, private_storage):
    application = complete_application(make_call(required_documents=["cv"]), applicant)
    add_document(application, "cv")

    assert submit(application).status == Status.SUBMITTED


def test_an_ineligible_application_is_refused_with_every_rule_failed(submit, make_call, applicant):
    call = make_call(eligible_professions=["nurse"], min_years_experience=10)
    application = complete_application(call, applicant, motivation="")

    with pytest.raises(submission.SubmissionRefused) as caught:
        submit(application)

    assert [item.field for item in caught.value.missing] == ["motivation"]
    assert [failure.rule for failure in caught.value.failures] == ["profession", "experience"]


def test_a_referee_still_to_ask_keeps_the_application_from_being_submitted(submit, ready):
    assert ready.call.referees_required == 1 and submission.missing_for_submission(ready) == []
    ready.referees.all().delete()

    with pytest.raises(submission.SubmissionRefused) as refused:
        submit(ready)

    assert [item.step for item in refused.value.missing] == ["referees"]


# --- The extended deadline --------------------------------------------------------------------


def test_an_extended_deadline_lets_that_applicant_change_and_submit_after_closing(submit, ready):
    after = ready.call.closes_at + timedelta(days=2)
    Application.objects.filter(pk=ready.pk).update(
        deadline_extended_to=ready.call.closes_at + timedelta(days=3)
    )
    ready.refresh_from_db()

    drafts.save_application_step(
        ready, "motivation", {"motivation": "Late"}, by=ready.applicant, now=after
    )
    application = submit(ready, now=after)

    assert application.status == Status.SUBMITTED and application.motivation == "Late"


def test_an_extended_deadline_that_has_passed_is_closed_too(submit, ready):
    extended = ready.call.closes_at + timedelta(days=3)
    Application.objects.filter(pk=ready.pk).update(deadline_extended_to=extended)
    ready.refresh_from_db()

    with pytest.raises(drafts.ApplicationError, match="This call is closed"):
        submit(ready, now=extended + timedelta(seconds=1))


# --- Returned for corrections and resubmitted -------------------------------------------------


def _return(application, *, days=7):
    Application.objects.filter(pk=application.pk).update(
        status=Status.RETURNED,
        return_message="Please upload a readable passport copy.",
        return_deadline=timezone.now() + timedelta(days=days),
    )
    application.refresh_from_db()
    return application


def test_a_returned_application_is_corrected_and_resubmitted_with_its_reference(
    submit, ready, applicant
):
    applicant.preferred_language = "en"
    applicant.save()
    first = submit(ready)
    submitted_at = first.submitted_at
    returned = _return(first)
    # After the call closed, before the return deadline.
    later = returned.call.closes_at + timedelta(days=1)
    Application.objects.filter(pk=ready.pk).update(return_deadline=later + timedelta(days=1))
    returned.refresh_from_db()

    drafts.save_application_step(
        returned, "motivation", {"motivation": "Corrected"}, by=returned.applicant, now=later
    )
    again = submit(returned, now=later)

    again.refresh_from_db()
    assert again.status == Status.SUBMITTED
    assert again.reference == first.reference and again.submitted_at == submitted_at
    assert again.motivation == "Corrected"
    assert entries(again, "exchange.application.resubmitted").count() == 1
    assert entries(again, "exchange.application.submitted").count() == 1
    email = emails("exchange.application.resubmitted").get()
    assert email.subject.startswith(f"Corrected application received: {first.reference}")
    assert "we have received your corrected application" in email.body_text


def test_a_return_deadline_that_has_passed_closes_the_application(submit, ready):
    returned = _return(submit(ready))
    after = returned.return_deadline + timedelta(seconds=1)

    with pytest.raises(drafts.ApplicationError, match="deadline for your corrections has passed"):
        drafts.save_application_step(
            returned, "motivation", {"motivation": "Too late"}, by=returned.applicant, now=after
        )
    with pytest.raises(drafts.ApplicationError, match="deadline for your corrections has passed"):
        submit(returned, now=after)


@pytest.mark.parametrize(
    "status", [Status.SCREENING, Status.IN_REVIEW, Status.SELECTED, Status.NOT_SELECTED]
)
def test_an_application_past_the_submission_is_already_submitted(submit, ready, status):
    submit(ready)
    Application.objects.filter(pk=ready.pk).update(status=status)

    with pytest.raises(submission.AlreadySubmitted):
        submit(ready)


# --- Withdrawing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        Status.DRAFT,
        Status.SUBMITTED,
        Status.SCREENING,
        Status.RETURNED,
        Status.IN_REVIEW,
        Status.SELECTED,
        Status.RESERVE,
        Status.OFFER_ACCEPTED,
    ],
)
def test_an_application_is_withdrawn_from_any_state_before_a_placement(withdraw, ready, status):
    Application.objects.filter(pk=ready.pk).update(status=status, reference="HX-2026-0005")
    now = timezone.now()

    application = withdraw(ready, reason="  Family reasons.  ", now=now)

    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.withdrawn_at == now
    assert application.withdrawal_reason == "Family reasons."
    entry = entries(application, "exchange.application.withdrawn").get()
    assert entry.data == {"from": str(status)} and entry.user_id == ready.applicant_id
    email = emails("exchange.application.withdrawn").get()
    assert email.to == ready.applicant.email and email.language == "zh-hans"
    assert "HX-2026-0005" in email.body_text


@pytest.mark.parametrize(
    "status",
    [
        Status.WITHDRAWN,
        Status.INELIGIBLE,
        Status.NOT_SELECTED,
        Status.OFFER_DECLINED,
        Status.OFFER_LAPSED,
    ],
)
def test_no_withdrawal_at_the_end_of_the_road(withdraw, ready, status):
    Application.objects.filter(pk=ready.pk).update(status=status)

    with pytest.raises(drafts.ApplicationError, match="can no longer be withdrawn"):
        withdraw(ready)

    ready.refresh_from_db()
    assert ready.status == status and ready.withdrawn_at is None
    assert not emails("exchange.application.withdrawn").exists()


def test_only_the_owner_withdraws(withdraw, ready, make_applicant):
    with pytest.raises(drafts.ApplicationError, match="not yours"):
        withdraw(ready, by=make_applicant(email="someone@example.org"))

    ready.refresh_from_db()
    assert ready.status == Status.DRAFT


def test_a_withdrawn_application_cannot_be_submitted(submit, withdraw, ready):
    withdraw(ready)

    with pytest.raises(drafts.ApplicationError, match="withdrawn"):
        submit(ready)
