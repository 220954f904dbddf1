"""The application's data: one per applicant and call, references unique once given, what a
complete application holds, and the status its applicant is shown."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from exchange.choices import ApplicantStatus, ApplicationStatus
from exchange.models import Application
from tests.exchange.conftest import ask_referees, complete_fields

pytestmark = pytest.mark.django_db


def test_the_status_covers_the_whole_workflow_of_the_design():
    assert set(ApplicationStatus.values) == {
        "draft",
        "submitted",
        "screening",
        "returned",
        "in_review",
        "selected",
        "reserve",
        "not_selected",
        "offer_accepted",
        "offer_declined",
        "offer_lapsed",
        "withdrawn",
        "ineligible",
    }


def test_an_applicant_has_one_application_per_call(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(call=draft.call, applicant=draft.applicant)


def test_references_are_blank_until_given_then_unique(draft, make_applicant, call):
    other = Application.objects.create(call=call, applicant=make_applicant(email="b@example.org"))
    assert draft.reference == other.reference == ""  # two blanks are fine

    Application.objects.filter(pk=draft.pk).update(reference="HX-2026-0042")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=other.pk).update(reference="HX-2026-0042")


def test_a_new_draft_misses_every_required_answer_and_a_language(draft):
    missing = {(item.step, item.field) for item in draft.missing_items()}

    assert ("personal", "date_of_birth") in missing
    assert ("personal", "department") not in missing  # optional
    assert ("languages", "french_level") in missing
    assert ("period", "latest_end") in missing
    assert draft.first_incomplete_step() == "personal"


def test_a_complete_draft_misses_nothing_and_resumes_at_the_review(draft):
    for name, value in complete_fields().items():
        setattr(draft, name, value)
    ask_referees(draft)

    assert draft.missing_items() == []
    assert draft.first_incomplete_step() == "review"


def test_either_french_or_english_completes_the_languages_step(draft):
    draft.english_level = "C1"

    assert draft.is_step_complete("languages")


@pytest.mark.parametrize("status", ["submitted", "screening", "in_review"])
def test_the_applicant_never_sees_the_reviewers_internal_states(draft, status):
    draft.status = status

    assert draft.applicant_status() == ApplicantStatus.UNDER_CONSIDERATION


@pytest.mark.parametrize("status", ["selected", "reserve", "not_selected"])
def test_a_decision_shows_only_once_released(draft, status):
    draft.status = status
    release = draft.call.decision_release_at

    assert draft.applicant_status(release + timedelta(days=1)) == "under_consideration"
    draft.decision_released_at = release
    assert draft.applicant_status(release - timedelta(seconds=1)) == "under_consideration"
    assert draft.applicant_status(release) == status


def test_a_call_with_applications_cannot_be_deleted(draft, call):
    with pytest.raises(ProtectedError):
        call.delete()

    assert Application.objects.filter(pk=draft.pk).exists()


def test_a_draft_survives_the_call_page_being_edited_and_republished(draft, call, applicant):
    Application.objects.filter(pk=draft.pk).update(motivation="Kept through the edit")
    call.title = "Quality control in radiotherapy (new title)"
    call.closes_at = timezone.now() + timedelta(days=45)
    call.save_revision().publish()

    draft.refresh_from_db()
    assert draft.call_id == call.pk
    assert draft.motivation == "Kept through the edit"
    assert draft.call.title == "Quality control in radiotherapy (new title)"
