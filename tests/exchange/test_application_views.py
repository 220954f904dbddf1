"""The applicant's pages: the dashboard, starting an application, the steps and the review.

Every page is its owner's alone. The fixtures hold another applicant's draft with a name and a
phone number (`other_application`): the access tests look for them in every answer.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.choices import ApplicationStatus
from exchange.models import Application
from tests.exchange.conftest import OTHER_NAME, OTHER_PHONE, PERSONAL, translate_call

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def step_url(application, step, language="en"):
    return f"/{language}/my/applications/{application.pk}/{step}/"


def apply_url(call, language="en"):
    return f"/{language}/my/apply/{call.pk}/"


def personal_post(**changes):
    data = {**PERSONAL, "date_of_birth": "1988-05-17", "action": "draft", **changes}
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def html(response):
    return response.content.decode()


def assert_nothing_of_the_other_applicant(response):
    page = html(response)
    assert OTHER_NAME not in page and OTHER_NAME.upper() not in page
    assert OTHER_PHONE not in page


# --- Who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["personal", "review"])
def test_another_applicants_application_is_a_404(signed_in, other_application, step):
    response = signed_in.get(step_url(other_application, step))

    assert response.status_code == 404
    assert_nothing_of_the_other_applicant(response)


def test_posting_to_another_applicants_step_is_a_404_and_changes_nothing(
    signed_in, other_application
):
    response = signed_in.post(step_url(other_application, "motivation"), {"motivation": "Mine"})

    assert response.status_code == 404
    other_application.refresh_from_db()
    assert other_application.motivation == "Confidential motivation of the other applicant."


@pytest.mark.parametrize("role", ["Editors", "Programme coordinators"])
def test_staff_do_not_see_applications_on_the_applicants_pages(
    client, staff, other_application, role
):
    client.force_login(staff(role, is_superuser=role == "Programme coordinators"))

    for url in (step_url(other_application, "personal"), "/en/my/"):
        response = client.get(url)
        assert response.status_code in (200, 404)
        assert_nothing_of_the_other_applicant(response)


@pytest.mark.parametrize(
    "url",
    [
        "/en/my/",
        "/en/my/apply/{call}/",
        "/en/my/applications/{app}/",
        "/en/my/applications/{app}/personal/",
    ],
)
def test_a_visitor_is_sent_to_sign_in_and_back(client, other_application, url):
    url = url.format(call=other_application.call_id, app=other_application.pk)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={url}"


@pytest.mark.parametrize(
    "url", ["/en/my/applications/999999/personal/", "/en/my/applications/{app}/payment/"]
)
def test_unknown_applications_and_steps_are_404(signed_in, draft, url):
    assert signed_in.get(url.format(app=draft.pk)).status_code == 404


def test_the_applicants_pages_are_never_cached(signed_in, draft):
    response = signed_in.get(step_url(draft, "personal"))

    assert "no-store" in response["Cache-Control"]
    assert 'name="robots" content="noindex"' in html(response)


# --- Dashboard --------------------------------------------------------------------------------


def test_the_dashboard_lists_only_the_applicants_own_applications(
    signed_in, draft, other_application, make_call
):
    make_call(title="A call nobody applied to")

    response = signed_in.get("/en/my/")

    page = html(response)
    assert draft.call.title in page
    assert "A call nobody applied to" not in page
    assert_nothing_of_the_other_applicant(response)


def test_the_dashboard_shows_the_call_title_in_the_page_language(signed_in, draft):
    translate_call(draft.call, "fr", "Contrôle qualité en radiothérapie")

    assert "Contrôle qualité en radiothérapie" in html(signed_in.get("/fr/my/"))


def test_a_draft_on_the_dashboard_says_what_is_due_by_when_in_both_hospitals_time(signed_in, draft):
    page = html(signed_in.get("/en/my/"))

    assert "Draft, not submitted" in page
    # The five form steps, documents (complete: the call asks for none) and referees.
    assert "1 of 7 steps complete" in page
    assert "Complete your application and submit it before the call closes." in page
    assert "Changsha" in page and "Paris" in page
    assert f'href="{step_url(draft, "personal")}"' in page


def test_the_dashboard_never_shows_a_reviewers_state_nor_an_unreleased_decision(
    signed_in, draft, make_call, applicant
):
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SCREENING)
    decided = Application.objects.create(
        call=make_call(), applicant=applicant, status=ApplicationStatus.NOT_SELECTED
    )

    page = html(signed_in.get("/en/my/"))

    assert page.count("Submitted, under consideration") == 2
    assert "Screening" not in page and "Not selected" not in page
    assert decided.call.title in page


def test_the_dashboard_runs_a_fixed_number_of_queries(
    signed_in, applicant, make_call, django_assert_max_num_queries
):
    for _n in range(6):
        Application.objects.create(call=make_call(), applicant=applicant)

    with django_assert_max_num_queries(15):  # as with one application (one prefetch each)
        response = signed_in.get("/en/my/")

    assert html(response).count("application-card__title") == 6


def test_without_applications_the_dashboard_points_to_the_open_calls(signed_in, call, make_call):
    now = timezone.now()
    make_call(
        title="Closed call", closes_at=now - timedelta(days=1), opens_at=now - timedelta(days=9)
    )

    page = html(signed_in.get("/en/my/"))

    assert "You have not started an application yet." in page
    assert call.title in page and "Closed call" not in page
    assert 'href="/en/programmes/"' in page


def test_the_dashboard_offers_two_factor_authentication(signed_in):
    assert f'href="{reverse("mfa_index")}"' in html(signed_in.get("/en/my/"))


# --- Starting ---------------------------------------------------------------------------------


def test_the_apply_page_asks_before_starting(signed_in, call):
    response = signed_in.get(apply_url(call))

    assert response.status_code == 200
    assert "Start my application" in html(response)
    assert not Application.objects.exists()


def test_the_apply_page_lists_every_step_to_come_the_documents_and_referees_too(signed_in, call):
    page = html(signed_in.get(apply_url(call)))

    asked = page[page.index("What you will be asked") :]
    asked = asked[: asked.index("</ol>")]
    labels = re.findall(r"<li>(.*?)</li>", asked)
    assert labels == [
        "Personal and professional details",
        "Languages",
        "Motivation",
        "Training objectives",
        "Preferred period",
        "Documents",
        "Referees",
    ]


def test_applying_starts_the_application_and_opens_its_first_step(signed_in, call, applicant):
    response = signed_in.post(apply_url(call))

    application = Application.objects.get(applicant=applicant)
    assert response["Location"] == step_url(application, "personal")


def test_applying_again_resumes_at_the_first_incomplete_step(signed_in, draft):
    Application.objects.filter(pk=draft.pk).update(**PERSONAL)

    response = signed_in.post(apply_url(draft.call))

    assert response["Location"] == step_url(draft, "languages")
    assert Application.objects.count() == 1


def test_applying_to_a_closed_call_is_refused_with_a_reason(signed_in, make_call):
    now = timezone.now()
    closed = make_call(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))

    response = signed_in.post(apply_url(closed))

    assert response.status_code == 400
    assert "This call is closed" in html(response)
    assert not Application.objects.exists()


def test_an_unknown_or_unpublished_call_is_a_404(signed_in, call):
    call.unpublish()

    assert signed_in.get(apply_url(call)).status_code == 404
    assert signed_in.post("/en/my/apply/999999/").status_code == 404


def test_an_unverified_account_cannot_apply(client, make_applicant, call):
    client.force_login(make_applicant(email="new@example.org", verified=False))

    response = client.post(apply_url(call))

    assert response.status_code == 400
    assert "Confirm your email address" in html(response)
    assert not Application.objects.exists()


# --- Steps ------------------------------------------------------------------------------------


def test_save_and_continue_saves_the_step_and_opens_the_next(signed_in, draft):
    response = signed_in.post(step_url(draft, "personal"), personal_post(action="continue"))

    assert response["Location"] == step_url(draft, "languages")
    draft.refresh_from_db()
    assert draft.phone == PERSONAL["phone"]
    assert draft.date_of_birth == PERSONAL["date_of_birth"]


def test_save_draft_saves_what_is_given_and_stays_on_the_step(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "personal"), {"nationality": "Chinese", "action": "draft"}
    )

    assert response["Location"] == step_url(draft, "personal")
    draft.refresh_from_db()
    assert draft.nationality == "Chinese"
    follow = html(signed_in.get(response["Location"]))
    assert "Your draft is saved." in follow
    assert 'value="Chinese"' in follow


def test_continuing_with_answers_missing_saves_and_says_what_is_missing(signed_in, draft):
    response = signed_in.post(
        step_url(draft, "personal"), {"nationality": "Chinese", "action": "continue"}, follow=True
    )

    assert response.redirect_chain[-1][0] == step_url(draft, "languages")
    assert "Still to give on" in html(response) and "Date of birth" in html(response)


def test_the_step_navigation_marks_complete_steps(signed_in, draft):
    Application.objects.filter(pk=draft.pk).update(**PERSONAL, motivation="Why")

    page = html(signed_in.get(step_url(draft, "languages")))

    # Personal, motivation, and the documents step of a call that asks for none.
    assert page.count("step-nav__item--complete") == 3
    assert page.count("step-nav__item--todo") == 4  # languages, objectives, period, referees
    assert f'href="{step_url(draft, "languages")}" aria-current="step"' in page


def test_other_languages_are_kept_with_their_level_and_certificate(signed_in, draft):
    signed_in.post(
        step_url(draft, "languages"),
        {
            "english_level": "B2",
            "other_language_1": "German",
            "other_level_1": "B1",
            "other_certificate_1": "Goethe-Zertifikat B1",
            "action": "draft",
        },
    )

    draft.refresh_from_db()
    assert draft.english_level == "B2"
    assert draft.other_languages == [
        {"language": "German", "level": "B1", "certificate": "Goethe-Zertifikat B1"}
    ]
    assert 'value="Goethe-Zertifikat B1"' in html(signed_in.get(step_url(draft, "languages")))


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        (
            "personal",
            personal_post(date_of_birth="2999-01-01"),
            "date_of_birth",
            "a date in the past",
        ),
        (
            "personal",
            personal_post(date_of_birth="17/05/88"),
            "date_of_birth",
            "Enter a valid date",
        ),
        ("personal", personal_post(phone="call me"), "phone", "Enter a phone number in digits"),
        ("personal", personal_post(years_experience="99"), "years_experience", "between 0 and 60"),
        (
            "languages",
            {"other_level_1": "B1", "action": "draft"},
            "other_language_1",
            "Name the language.",
        ),
        ("languages", {"french_level": "Z9", "action": "draft"}, "french_level", "valid choice"),
        (
            "period",
            {"earliest_start": "2999-06-01", "latest_end": "2999-05-01", "action": "draft"},
            "latest_end",
            "must come after the earliest start",
        ),
        (
            "period",
            {"earliest_start": "2999-06-01", "latest_end": "2999-06-20", "action": "draft"},
            "latest_end",
            "shorter than the programme, which lasts 6 weeks",
        ),
        (
            "period",
            {"earliest_start": "2001-06-01", "action": "draft"},
            "earliest_start",
            "cannot be in the past",
        ),
        ("motivation", {"motivation": "x" * 5001, "action": "draft"}, "motivation", "at most 5000"),
    ],
)
def test_answers_that_make_no_sense_are_refused_with_a_clear_message(
    signed_in, draft, step, data, field, message
):
    response = signed_in.post(step_url(draft, step), data)

    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert "Not saved yet. Please correct the following:" in html(response)
    assert f'href="#id_{field}"' in html(response)
    assert Application.objects.get(pk=draft.pk).updated_at == draft.updated_at


def test_after_the_call_closes_the_step_is_read_only_and_a_post_is_refused(signed_in, draft, call):
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save_revision().publish()

    shown = html(signed_in.get(step_url(draft, "motivation")))
    posted = signed_in.post(
        step_url(draft, "motivation"), {"motivation": "Late", "action": "draft"}
    )

    assert "The call is closed: this draft can no longer be changed." in shown
    assert "Save draft" not in shown and "disabled" in shown
    assert posted.status_code == 400
    assert "This call is closed" in html(posted)
    draft.refresh_from_db()
    assert draft.motivation == ""


def test_a_draft_survives_the_call_page_being_edited(signed_in, draft, call):
    signed_in.post(step_url(draft, "motivation"), {"motivation": "Kept", "action": "draft"})
    call.title = "Quality control in radiotherapy, 2027 session"
    call.save_revision().publish()

    page = html(signed_in.get(step_url(draft, "motivation")))

    assert "Quality control in radiotherapy, 2027 session" in page
    assert "Kept</textarea>" in page


# --- Review -----------------------------------------------------------------------------------


def test_the_review_shows_every_answer_and_one_line_per_missing_item(signed_in, draft):
    Application.objects.filter(pk=draft.pk).update(
        **{**PERSONAL, "phone": ""}, motivation="To set up QA at home."
    )

    response = signed_in.get(step_url(draft, "review"))

    page = html(response)
    assert "LI NA" in page and "Hunan Cancer Hospital" in page and "To set up QA at home." in page
    assert "Medical physicist" in page  # the profession's label, not its key
    missing = [item.field for item in response.context["missing"]]
    assert missing == [
        "phone",
        "french_level",
        "training_objectives",
        "earliest_start",
        "latest_end",
        "name",  # the referees step: no referee asked yet
    ]
    box = page.split('class="missing-box"')[1].split("</ul>")[0]
    assert box.count("<li>") == len(missing)
    assert f'href="{step_url(draft, "personal")}#id_phone"' in page


def test_a_complete_application_has_nothing_missing(signed_in, draft):
    from tests.exchange.conftest import ask_referees, complete_fields

    Application.objects.filter(pk=draft.pk).update(**complete_fields())
    ask_referees(draft)

    page = html(signed_in.get(step_url(draft, "review")))

    assert "Every step is complete." in page
    assert "missing-box" not in page
