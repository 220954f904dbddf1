"""The submission's pages: the submit button on the review, the refusal with every reason, the
submitted summary with its reference, the dashboard, the returned message, the withdrawal."""

from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation

from exchange.choices import ApplicationStatus
from exchange.models import Application
from portal.models import OutboundEmail
from tests.exchange.conftest import OTHER_NAME, OTHER_PHONE, complete_fields
from tests.exchange.submission_helpers import add_document, complete_application

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def ready(call, applicant):
    return complete_application(call, applicant)


@pytest.fixture
def post_submit(signed_in, django_capture_on_commit_callbacks):
    def post(application, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return signed_in.post(
                f"/en/my/applications/{application.pk}/submit/",
                {"confirm": "on"} if data is None else data,
                **kwargs,
            )

    return post


def review(client, application, language="en"):
    return client.get(f"/{language}/my/applications/{application.pk}/review/")


def html(response):
    return response.content.decode()


# --- The review's submit button ---------------------------------------------------------------


def test_a_complete_eligible_draft_shows_the_submit_form_with_its_confirmation(signed_in, ready):
    page = html(review(signed_in, ready))

    assert f'action="/en/my/applications/{ready.pk}/submit/"' in page
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    assert "can no longer be changed once it is submitted" in page
    assert 'name="confirm"' in page


def test_an_incomplete_or_ineligible_draft_shows_why_and_no_submit_button(
    signed_in, make_call, applicant
):
    call = make_call(eligible_professions=["nurse"], required_documents=["cv"])
    application = complete_application(call, applicant)

    page = html(review(signed_in, application))

    assert "Still missing" in page and "Curriculum vitae" in page
    assert "This call is for nurses; your profession is medical physicist." in page
    assert "/submit/" not in page


def test_submitting_shows_the_summary_with_the_reference_and_sends_one_email(
    post_submit, signed_in, ready
):
    response = post_submit(ready)

    application = Application.objects.get(pk=ready.pk)
    assert application.status == Status.SUBMITTED
    assert response.status_code == 302
    assert response["Location"] == f"/en/my/applications/{ready.pk}/"
    page = html(signed_in.get(response["Location"]))
    assert f"Application {application.reference}" in page
    assert f"Its reference is {application.reference}" in page
    assert "Submitted, under consideration" in page
    assert "This application is submitted: it can no longer be changed." in page
    assert "Changsha" in page and "Paris" in page
    assert ready.motivation in page  # what was submitted, read-only
    assert "<textarea" not in page and "/submit/" not in page
    assert OutboundEmail.objects.filter(kind="exchange.application.submitted").count() == 1


def test_submitting_without_the_confirmation_is_refused_with_a_clear_message(post_submit, ready):
    response = post_submit(ready, data={})

    assert response.status_code == 400
    assert "Tick the box to confirm that you have checked it." in html(response)
    assert Application.objects.get(pk=ready.pk).status == Status.DRAFT


def test_a_refused_submission_lists_every_reason_on_the_review(post_submit, make_call, applicant):
    call = make_call(min_years_experience=10, required_documents=["cv", "diploma"])
    application = complete_application(call, applicant, motivation="")

    response = post_submit(application)

    assert response.status_code == 400
    page = html(response)
    assert "Your application cannot be submitted yet" in page
    for line in ("Motivation", "Curriculum vitae", "Diploma"):
        assert line in page[page.index("Still missing") :]
    assert "at least 10 years of experience" in page
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT
    assert not OutboundEmail.objects.exists()


def test_the_second_tab_is_told_it_is_already_submitted_and_shown_the_application(
    post_submit, signed_in, ready
):
    post_submit(ready)

    response = post_submit(ready, follow=True)

    assert response.redirect_chain[-1][0] == f"/en/my/applications/{ready.pk}/"
    page = html(response)
    assert "This application is already submitted." in page
    assert Application.objects.get(pk=ready.pk).reference in page
    assert OutboundEmail.objects.filter(kind="exchange.application.submitted").count() == 1


def test_submitting_someone_elses_application_is_a_404(post_submit, other_application):
    Application.objects.filter(pk=other_application.pk).update(
        **{
            key: value
            for key, value in complete_fields().items()
            if key not in ("passport_name", "phone")
        }
    )

    response = post_submit(other_application)

    assert response.status_code == 404
    assert OTHER_NAME not in html(response) and OTHER_PHONE not in html(response)
    assert Application.objects.get(pk=other_application.pk).status == Status.DRAFT


def test_the_submit_address_takes_only_a_post(signed_in, ready):
    assert signed_in.get(f"/en/my/applications/{ready.pk}/submit/").status_code == 405


def test_an_anonymous_submission_is_sent_to_sign_in(client, ready):
    response = client.post(f"/en/my/applications/{ready.pk}/submit/", {"confirm": "on"})

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Application.objects.get(pk=ready.pk).status == Status.DRAFT


# --- The dashboard and the summary ------------------------------------------------------------


def test_the_dashboard_shows_the_reference_submitted_date_and_withdraw_link(
    post_submit, signed_in, ready
):
    post_submit(ready)
    application = Application.objects.get(pk=ready.pk)

    page = html(signed_in.get("/en/my/"))

    assert application.reference in page
    with translation.override("en"):
        date = formats.date_format(application.submitted_at, "DATE_FORMAT")
    assert f"Submitted on {date}" in page
    assert f'href="/en/my/applications/{ready.pk}/withdraw/"' in page
    assert f'href="/en/my/applications/{ready.pk}/"' in page


def test_the_summary_lists_the_documents_with_links_to_open_them(
    post_submit, signed_in, make_call, applicant, private_storage
):
    application = complete_application(make_call(required_documents=["cv"]), applicant)
    add_document(application, "cv", name="Mon CV.pdf")
    post_submit(application)

    page = html(signed_in.get(f"/en/my/applications/{application.pk}/"))

    assert "Mon CV.pdf" in page
    assert f'href="/en/my/applications/{application.pk}/documents/cv/"' in page


def test_the_review_and_the_summary_list_the_referees_and_where_their_requests_stand(
    post_submit, signed_in, ready
):
    ready.referees.update(letter_received_at=timezone.now(), status="received")
    before = html(review(signed_in, ready))
    post_submit(ready)
    after = html(signed_in.get(f"/en/my/applications/{ready.pk}/"))

    for page in (before, after):
        assert 'id="review-referees"' in page
        assert "Prof. Referee 1" in page and "referee.1@example.org" in page
        assert "Letter received on" in page
    assert f'href="/en/my/applications/{ready.pk}/referees/"' in before
    assert f'href="/en/my/applications/{ready.pk}/referees/"' not in after


@pytest.mark.parametrize("language", ["zh-hans", "fr"])
def test_the_summary_and_the_review_speak_every_language(post_submit, signed_in, ready, language):
    assert review(signed_in, ready, language).status_code == 200
    post_submit(ready)

    response = signed_in.get(f"/{language}/my/applications/{ready.pk}/")

    assert response.status_code == 200
    assert Application.objects.get(pk=ready.pk).reference in html(response)


# --- Returned for corrections -----------------------------------------------------------------


@pytest.fixture
def returned(post_submit, ready):
    post_submit(ready)
    Application.objects.filter(pk=ready.pk).update(
        status=Status.RETURNED,
        return_message="Your diploma scan is missing its second page.",
        return_deadline=timezone.now() + timedelta(days=5),
    )
    return Application.objects.get(pk=ready.pk)


def test_the_coordinators_message_is_on_the_dashboard_and_every_step(signed_in, returned):
    message = "Your diploma scan is missing its second page."

    assert message in html(signed_in.get("/en/my/"))
    for step in ("personal", "documents", "review"):
        page = html(signed_in.get(f"/en/my/applications/{returned.pk}/{step}/"))
        assert message in page, step
        assert "Corrections due by" in page


def test_a_returned_application_is_corrected_and_submitted_again(post_submit, signed_in, returned):
    signed_in.post(
        f"/en/my/applications/{returned.pk}/motivation/",
        {"motivation": "Corrected motivation.", "action": "draft"},
    )
    assert "Submit your corrected application" in html(review(signed_in, returned))

    response = post_submit(returned)

    application = Application.objects.get(pk=returned.pk)
    assert response.status_code == 302
    assert application.status == Status.SUBMITTED
    assert application.reference == returned.reference
    assert application.motivation == "Corrected motivation."
    assert OutboundEmail.objects.filter(kind="exchange.application.resubmitted").count() == 1


def test_after_the_return_deadline_the_application_is_read_only(signed_in, returned):
    Application.objects.filter(pk=returned.pk).update(
        return_deadline=timezone.now() - timedelta(minutes=1)
    )

    page = html(signed_in.get(f"/en/my/applications/{returned.pk}/review/"))

    assert "The deadline for your corrections has passed" in page
    assert "/submit/" not in page


# --- Withdrawal -------------------------------------------------------------------------------


def test_the_withdraw_page_asks_for_confirmation_and_an_optional_reason(
    post_submit, signed_in, ready
):
    post_submit(ready)

    page = html(signed_in.get(f"/en/my/applications/{ready.pk}/withdraw/"))

    assert "You are about to withdraw application HX-" in page
    assert 'name="reason"' in page and "csrfmiddlewaretoken" in page
    assert Application.objects.get(pk=ready.pk).status == Status.SUBMITTED


def test_withdrawing_through_the_page(
    post_submit, signed_in, ready, django_capture_on_commit_callbacks
):
    post_submit(ready)

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            f"/en/my/applications/{ready.pk}/withdraw/",
            {"reason": "I accepted another fellowship."},
            follow=True,
        )

    application = Application.objects.get(pk=ready.pk)
    assert application.status == Status.WITHDRAWN
    assert application.withdrawal_reason == "I accepted another fellowship."
    assert "Your application is withdrawn." in html(response)
    assert OutboundEmail.objects.filter(kind="exchange.application.withdrawn").count() == 1
    assert "/withdraw/" not in html(signed_in.get("/en/my/"))


def test_a_withdrawal_the_rules_refuse_says_so(signed_in, ready):
    Application.objects.filter(pk=ready.pk).update(status=Status.NOT_SELECTED)

    get = signed_in.get(f"/en/my/applications/{ready.pk}/withdraw/")
    post = signed_in.post(f"/en/my/applications/{ready.pk}/withdraw/", {"reason": ""})

    assert "This application can no longer be withdrawn." in html(get)
    assert post.status_code == 400
    assert Application.objects.get(pk=ready.pk).status == Status.NOT_SELECTED


def test_withdrawing_someone_elses_application_is_a_404(signed_in, other_application):
    response = signed_in.post(f"/en/my/applications/{other_application.pk}/withdraw/", {})

    assert response.status_code == 404
    assert Application.objects.get(pk=other_application.pk).status == Status.DRAFT


# --- The extended deadline --------------------------------------------------------------------


def test_an_extended_deadline_is_shown_and_honoured_after_the_call_closes(signed_in, ready):
    now = timezone.now()
    ready.call.__class__.objects.filter(pk=ready.call_id).update(
        closes_at=now - timedelta(days=1), opens_at=now - timedelta(days=30)
    )
    Application.objects.filter(pk=ready.pk).update(deadline_extended_to=now + timedelta(days=2))

    dashboard = html(signed_in.get("/en/my/"))
    page = html(review(signed_in, ready))

    assert "Complete your application and submit it before your extended deadline." in dashboard
    assert "Your deadline has been extended" in page
    assert f'action="/en/my/applications/{ready.pk}/submit/"' in page


def test_without_an_extension_a_closed_call_shows_no_submit_button(signed_in, ready):
    now = timezone.now()
    ready.call.__class__.objects.filter(pk=ready.call_id).update(
        closes_at=now - timedelta(days=1), opens_at=now - timedelta(days=30)
    )

    page = html(signed_in.get(f"/en/my/applications/{ready.pk}/"))

    assert "The call closed before this application was submitted." in page
    assert "/submit/" not in page
