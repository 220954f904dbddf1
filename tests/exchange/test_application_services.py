"""Starting an application and saving its steps (exchange.services): the draft part of the
workflow, its refusals and its audit trail."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import services
from exchange.choices import ApplicationStatus, ApplicationStep
from exchange.models import Application
from tests.exchange.conftest import PERSONAL, translate_call

pytestmark = pytest.mark.django_db


def entries(application, action):
    return ModelLogEntry.objects.filter(object_id=str(application.pk), action=action)


# --- Starting ---------------------------------------------------------------------------------


def test_starting_an_application_makes_a_draft_with_an_audit_entry(applicant, call):
    application = services.start_application(call, by=applicant)

    assert application.status == ApplicationStatus.DRAFT
    assert (application.call, application.applicant) == (call, applicant)
    assert application.reference == ""
    entry = entries(application, "exchange.application.started").get()
    assert entry.user_id == applicant.pk


def test_starting_again_returns_the_application_already_begun(applicant, call):
    first = services.start_application(call, by=applicant)
    services.save_application_step(first, "motivation", {"motivation": "Kept"}, by=applicant)

    again = services.start_application(call, by=applicant)

    assert again.pk == first.pk
    assert again.motivation == "Kept"
    assert Application.objects.filter(applicant=applicant).count() == 1


def test_an_application_started_from_a_translation_belongs_to_the_canonical_call(applicant, call):
    french = translate_call(call, "fr", "Contrôle qualité en radiothérapie")

    application = services.start_application(french, by=applicant)

    assert application.call_id == call.pk


def test_an_unverified_address_cannot_start_an_application(make_applicant, call):
    unverified = make_applicant(email="new@example.org", verified=False)

    with pytest.raises(services.ApplicationError, match="Confirm your email address"):
        services.start_application(call, by=unverified)

    assert not Application.objects.filter(applicant=unverified).exists()


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(timedelta(days=2), timedelta(days=30)), (timedelta(days=-30), timedelta(seconds=-1))],
    ids=["upcoming", "closed"],
)
def test_no_application_starts_outside_the_calls_dates(applicant, make_call, opens, closes):
    now = timezone.now()
    call = make_call(opens_at=now + opens, closes_at=now + closes)

    with pytest.raises(services.ApplicationError, match="closed"):
        services.start_application(call, by=applicant)

    assert not Application.objects.exists()


def test_after_closing_the_applicant_still_gets_their_draft_back(applicant, call):
    draft = services.start_application(call, by=applicant)
    after_closing = call.closes_at + timedelta(minutes=1)

    assert services.start_application(call, by=applicant, now=after_closing) == draft


def test_a_new_application_copies_the_personal_details_of_the_latest_other_one(
    applicant, make_call
):
    older, latest, new_call = make_call(), make_call(), make_call()
    first = services.start_application(older, by=applicant)
    services.save_application_step(first, "personal", {**PERSONAL, "position": "Old"}, by=applicant)
    second = services.start_application(latest, by=applicant)
    services.save_application_step(second, "personal", PERSONAL, by=applicant)
    services.save_application_step(second, "motivation", {"motivation": "For L"}, by=applicant)

    third = services.start_application(new_call, by=applicant)

    assert {name: getattr(third, name) for name in PERSONAL} == PERSONAL
    assert third.motivation == ""


def test_no_details_are_copied_from_someone_elses_application(applicant, other_application):
    application = services.start_application(other_application.call, by=applicant)

    assert application.phone == ""
    assert application.passport_name == ""


# --- Saving a step ----------------------------------------------------------------------------


def test_saving_a_step_keeps_its_fields_and_writes_what_changed_in_the_audit(draft, applicant):
    services.save_application_step(draft, ApplicationStep.PERSONAL, PERSONAL, by=applicant)

    draft.refresh_from_db()
    assert draft.phone == PERSONAL["phone"]
    entry = entries(draft, "exchange.application.step_saved").get()
    assert entry.data["step"] == "personal"
    assert set(entry.data["fields"]) == set(PERSONAL)
    assert PERSONAL["phone"] not in str(entry.data)  # names of fields, never their values


def test_a_step_saves_only_its_own_fields(draft, applicant):
    data = {"motivation": "Mine", "status": ApplicationStatus.SELECTED, "reference": "HX-1"}

    services.save_application_step(draft, "motivation", data, by=applicant)

    draft.refresh_from_db()
    assert draft.motivation == "Mine"
    assert (draft.status, draft.reference) == (ApplicationStatus.DRAFT, "")


def test_saving_unchanged_answers_writes_no_audit_entry(draft, applicant):
    services.save_application_step(draft, "motivation", {"motivation": "Same"}, by=applicant)
    services.save_application_step(draft, "motivation", {"motivation": "Same"}, by=applicant)

    assert entries(draft, "exchange.application.step_saved").count() == 1


def test_nobody_but_the_owner_saves_a_step(draft, make_applicant, staff):
    for intruder in (make_applicant(email="x@example.org"), staff("Programme coordinators")):
        with pytest.raises(services.ApplicationError):
            services.save_application_step(draft, "motivation", {"motivation": "X"}, by=intruder)

    draft.refresh_from_db()
    assert draft.motivation == ""


def test_a_submitted_application_can_no_longer_be_changed_as_a_draft(draft, applicant):
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)

    with pytest.raises(services.ApplicationError, match="submitted"):
        services.save_application_step(draft, "motivation", {"motivation": "Late"}, by=applicant)


def test_once_the_call_closes_the_server_refuses_to_save(draft, applicant, call):
    after_closing = call.closes_at + timedelta(seconds=1)

    with pytest.raises(services.ApplicationError, match="closed"):
        services.save_application_step(
            draft, "motivation", {"motivation": "Too late"}, by=applicant, now=after_closing
        )

    draft.refresh_from_db()
    assert draft.motivation == ""


def test_an_unknown_step_is_refused(draft, applicant):
    with pytest.raises(services.ApplicationError):
        services.save_application_step(draft, "review", {}, by=applicant)
