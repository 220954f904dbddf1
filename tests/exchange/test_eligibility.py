"""A call's structured rules against an application (exchange.eligibility): each rule refuses
with one message that names it, lets through what meets it, and leaves a missing answer to the
completeness check."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone, translation

from exchange.choices import ApplicationStatus
from exchange.eligibility import age_on, check_eligibility
from exchange.models import Application
from tests.exchange.submission_helpers import complete_application

pytestmark = pytest.mark.django_db


def failures(application):
    return [(failure.rule, failure.message) for failure in check_eligibility(application)]


def test_a_call_without_rules_lets_everyone_through(call, applicant):
    assert failures(complete_application(call, applicant)) == []


# --- Profession -------------------------------------------------------------------------------


def test_the_profession_rule_names_the_professions_of_the_call_and_the_applicants(
    make_call, applicant
):
    call = make_call(eligible_professions=["physicist", "radiation_oncologist"])

    application = complete_application(call, applicant, profession="surgeon")

    assert failures(application) == [
        (
            "profession",
            "This call is for medical physicists and radiation oncologists; "
            "your profession is surgeon.",
        )
    ]


def test_a_listed_profession_passes(make_call, applicant):
    call = make_call(eligible_professions=["physicist", "radiation_oncologist"])

    assert failures(complete_application(call, applicant, profession="physicist")) == []


def test_another_profession_is_said_so(make_call, applicant):
    call = make_call(eligible_professions=["nurse"])

    application = complete_application(call, applicant, profession="other")

    assert failures(application) == [
        ("profession", "This call is for nurses; you gave another profession.")
    ]


def test_the_profession_rule_speaks_the_applicants_language(make_call, applicant):
    call = make_call(eligible_professions=["physicist", "radiation_oncologist", "nurse"])
    application = complete_application(call, applicant, profession="surgeon")

    with translation.override("fr"):
        (french,) = failures(application)
    with translation.override("zh-hans"):
        (chinese,) = failures(application)

    # The applicant's profession as the catalog names it, in a sentence (lower case in French).
    assert "chirurgien." in french[1]
    assert "外科医生" in chinese[1]


# --- Experience -------------------------------------------------------------------------------


def test_too_few_years_of_experience_says_the_minimum_and_what_was_given(make_call, applicant):
    call = make_call(min_years_experience=10)

    application = complete_application(call, applicant, years_experience=7)

    assert failures(application) == [
        (
            "experience",
            "This call asks for at least 10 years of experience in your profession; you gave 7.",
        )
    ]


def test_exactly_the_minimum_experience_passes(make_call, applicant):
    call = make_call(min_years_experience=7)

    assert failures(complete_application(call, applicant, years_experience=7)) == []


# --- Language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("required", "french", "english", "passes"),
    [
        ("fr", "B2", "", True),
        ("fr", "C1", "", True),
        ("fr", "B1", "C2", False),
        ("en", "C2", "B1", False),
        ("en", "", "B2", True),
        ("fr_or_en", "A2", "B2", True),
        ("fr_or_en", "B2", "A1", True),
        ("fr_or_en", "B1", "A2", False),
    ],
)
def test_the_language_rule_follows_the_cefr_order(
    make_call, applicant, required, french, english, passes
):
    call = make_call(required_language=required, min_language_level="B2")

    application = complete_application(call, applicant, french_level=french, english_level=english)

    assert (failures(application) == []) is passes


def test_a_level_below_the_minimum_says_both_levels(make_call, applicant):
    call = make_call(required_language="fr_or_en", min_language_level="B2")

    application = complete_application(call, applicant, french_level="A2", english_level="B1")

    assert failures(application) == [
        (
            "language",
            "This call asks for French or English at level B2 or above; your level is B1.",
        )
    ]


def test_a_language_not_spoken_at_all_is_said_so(make_call, applicant):
    call = make_call(required_language="fr", min_language_level="A2")

    application = complete_application(call, applicant, french_level="", english_level="C2")

    assert failures(application) == [
        (
            "language",
            "This call asks for French at level A2 or above; you gave no level for it.",
        )
    ]


# --- Age --------------------------------------------------------------------------------------


def test_age_is_counted_on_the_closing_date_in_the_calls_time_zone(make_call, applicant):
    # Closes at 20:00 UTC on 31 May: already 1 June in Changsha, the applicant's 40th birthday,
    # and still 31 May in Paris.
    closes = datetime(timezone.now().year + 1, 5, 31, 20, 0, tzinfo=UTC)
    born = date(closes.year - 40, 6, 1)
    call = make_call(
        max_age=40,
        time_zone="Asia/Shanghai",
        closes_at=closes,
        decision_release_at=closes + timedelta(days=30),
        offer_deadline=closes + timedelta(days=45),
    )

    application = complete_application(call, applicant, date_of_birth=born)

    assert failures(application) == [
        (
            "age",
            "This call is for applicants under 40 on its closing date; you will be 40 then.",
        )
    ]
    application.call.time_zone = "Europe/Paris"
    assert failures(application) == []


def test_one_day_younger_passes_the_age_limit():
    assert age_on(date(1990, 6, 2), date(2030, 6, 1)) == 39
    assert age_on(date(1990, 6, 1), date(2030, 6, 1)) == 40


# --- A recent selection -----------------------------------------------------------------------


@pytest.fixture
def earlier_call(make_call):
    now = timezone.now()
    return make_call(
        title="Last year's call",
        opens_at=now - timedelta(days=400),
        closes_at=now - timedelta(days=350),
        decision_release_at=now - timedelta(days=300),
        offer_deadline=now - timedelta(days=290),
    )


def _earlier(earlier_call, applicant, status, released_days_ago=300):
    released = timezone.now() - timedelta(days=released_days_ago)
    return Application.objects.create(
        call=earlier_call,
        applicant=applicant,
        status=status,
        reference="HX-2025-0007",
        decision_released_at=released,
    )


@pytest.mark.parametrize("status", [ApplicationStatus.SELECTED, ApplicationStatus.OFFER_ACCEPTED])
def test_a_selection_in_the_window_refuses(make_call, applicant, earlier_call, status):
    _earlier(earlier_call, applicant, status)
    call = make_call(not_selected_within_years=2)

    application = complete_application(call, applicant)

    assert failures(application) == [
        (
            "not_selected",
            "This call is for applicants not selected by another call in the last 2 years; "
            "you were selected in that time.",
        )
    ]


@pytest.mark.parametrize(
    ("status", "released_days_ago"),
    [
        (ApplicationStatus.SELECTED, 800),  # before the window
        (ApplicationStatus.NOT_SELECTED, 300),
        (ApplicationStatus.OFFER_DECLINED, 300),
        (ApplicationStatus.RESERVE, 300),
    ],
)
def test_an_old_selection_or_no_selection_passes(
    make_call, applicant, earlier_call, status, released_days_ago
):
    _earlier(earlier_call, applicant, status, released_days_ago)
    call = make_call(not_selected_within_years=2)

    assert failures(complete_application(call, applicant)) == []


def test_a_selection_not_yet_released_is_not_told_to_the_applicant(
    make_call, applicant, earlier_call
):
    earlier = _earlier(earlier_call, applicant, ApplicationStatus.SELECTED)
    Application.objects.filter(pk=earlier.pk).update(decision_released_at=None)
    call = make_call(not_selected_within_years=2)

    assert failures(complete_application(call, applicant)) == []


def test_someone_elses_selection_does_not_count(make_call, applicant, make_applicant, earlier_call):
    _earlier(earlier_call, make_applicant(email="other@example.org"), ApplicationStatus.SELECTED)
    call = make_call(not_selected_within_years=2)

    assert failures(complete_application(call, applicant)) == []


# --- Together ---------------------------------------------------------------------------------


def test_every_failed_rule_is_listed_once_in_the_calls_order(make_call, applicant):
    call = make_call(
        eligible_professions=["nurse"],
        min_years_experience=10,
        required_language="fr",
        min_language_level="C1",
        max_age=30,
    )

    application = complete_application(call, applicant)

    assert [rule for rule, _message in failures(application)] == [
        "profession",
        "experience",
        "language",
        "age",
    ]


def test_a_missing_answer_is_left_to_the_completeness_check(make_call, applicant):
    call = make_call(eligible_professions=["nurse"], min_years_experience=10, max_age=30)
    application = Application.objects.create(call=call, applicant=applicant)

    assert failures(application) == []
    assert {item.field for item in application.missing_items()} >= {
        "profession",
        "years_experience",
        "date_of_birth",
    }
