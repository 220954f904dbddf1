"""The applicant's referees step and dashboard: each request in the applicant's words, Remind
and Replace with their limits, and never a word of the letter.

The letters in these fixtures hold text that would be recognised anywhere (SECRET): every page
the applicant can open is searched for it.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from exchange.choices import ApplicationStatus, RefereeStatus
from exchange.models import Application, Referee
from exchange.services import referees as services
from portal.models import OutboundEmail
from portal.uploads import PDF, check_upload
from tests.exchange.conftest import OTHER_NAME
from tests.exchange.referee_helpers import ANSWERS, SECRET, pdf_bytes, upload

pytestmark = pytest.mark.django_db
Status = RefereeStatus


def step_url(application, language="en"):
    return f"/{language}/my/applications/{application.pk}/referees/"


def request_post(n=1, **changes):
    return {
        "action": "request",
        "name": f"Dr. Martin {n}",
        "email": f"martin{n}@example.fr",
        "institution": "Institut Curie",
        "position": "Head of medical physics, my tutor",
        "language": "fr",
        **changes,
    }


@pytest.fixture
def application(applicant, make_call):
    call = make_call(referees_required=2)
    return Application.objects.create(call=call, applicant=applicant)


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def html(response):
    return response.content.decode()


def make_referee(application, n=1, **fields):
    values = {
        "name": f"Prof. Referee {n}",
        "email": f"referee{n}@example.org",
        "institution": "Hunan Cancer Hospital",
        "position": "Director",
        **fields,
    }
    return Referee.objects.create(application=application, **values)


@pytest.fixture
def letters(application, private_storage):
    """Two letters in: one a PDF whose metadata holds SECRET, one a form whose text is SECRET."""
    pdf = make_referee(application, 1)
    services.submit_reference(
        pdf, letter=check_upload(upload(pdf_bytes(text=SECRET), "secret.pdf"), kinds=[PDF])
    )
    form = make_referee(application, 2)
    services.submit_reference(form, answers=ANSWERS)
    return pdf, form


# --- Asking from the step ---------------------------------------------------------------------


def test_the_step_asks_for_the_calls_number_of_referees(signed_in, application):
    page = html(signed_in.get(step_url(application)))

    assert "This call asks for 2 letters of recommendation." in page
    assert "Referee 1 of 2" in page
    assert "you will not see it" in page
    assert "Send the request" in page


def test_sending_the_request_emails_the_referee_and_says_so(signed_in, application):
    response = signed_in.post(step_url(application), request_post())

    assert response.status_code == 302 and response["Location"] == step_url(application)
    referee = Referee.objects.get()
    assert referee.language == "fr" and referee.application == application
    email = OutboundEmail.objects.get(kind="exchange.referee.request")
    assert email.to == "martin1@example.fr" and email.language == "fr"
    page = html(signed_in.get(step_url(application)))
    assert "The request is on its way to Dr. Martin 1 (martin1@example.fr)." in page
    assert "Referee 2 of 2" in page


def test_a_request_with_missing_details_is_refused_with_each_field_named(signed_in, application):
    response = signed_in.post(step_url(application), request_post(email="not an address", name=""))

    assert response.status_code == 400
    page = html(response)
    assert "Not sent. Please correct the following:" in page
    assert 'href="#id_email"' in page and 'href="#id_name"' in page
    assert not Referee.objects.exists() and not OutboundEmail.objects.exists()


def test_a_refused_request_says_why(signed_in, application, applicant):
    response = signed_in.post(step_url(application), request_post(email=applicant.email))

    assert response.status_code == 400
    assert "You cannot be your own referee" in html(response)


def test_an_unknown_action_is_a_bad_request(signed_in, application):
    assert signed_in.post(step_url(application), {"action": "delete"}).status_code == 400


def test_after_enough_referees_another_is_optional(signed_in, application):
    make_referee(application, 1)
    make_referee(application, 2)

    page = html(signed_in.get(step_url(application)))

    assert "Another referee (optional)" in page


def test_a_submitted_application_still_takes_requests(signed_in, application):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)

    signed_in.post(step_url(application), request_post())

    assert Referee.objects.count() == 1


def test_a_withdrawn_application_shows_its_referees_and_no_action(signed_in, application):
    make_referee(application, 1)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.WITHDRAWN)

    page = html(signed_in.get(step_url(application)))

    assert "This application no longer takes letters of recommendation." in page
    assert "Prof. Referee 1" in page
    assert 'value="remind"' not in page and 'value="request"' not in page


# --- Statuses in the applicant's words --------------------------------------------------------


def test_each_status_reads_as_a_sentence_with_its_date_in_the_applicants_clock(
    signed_in, application
):
    # 23:30 in Paris is already the next day in Changsha, where this applicant lives.
    moment = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    make_referee(application, 1, requested_at=moment)
    make_referee(application, 2, status=Status.OPENED, opened_at=moment)
    make_referee(
        application, 3, status=Status.RECEIVED, letter_received_at=moment, form_answers=ANSWERS
    )
    make_referee(application, 4, status=Status.REPLACED, replaced_at=moment)

    page = html(signed_in.get(step_url(application)))

    assert "Request sent on March 3, 2026, not opened yet" in page
    assert "Request opened on March 3, 2026, letter not received yet" in page
    assert "Letter received on March 3, 2026" in page
    assert "Replaced on March 3, 2026" in page


def test_reminders_are_counted_beside_the_status(signed_in, application):
    moment = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    make_referee(application, 1, reminders_sent=2, last_reminded_at=moment)

    page = html(signed_in.get(step_url(application, "en")))

    assert "Reminded 2 times, last on March 5, 2026" in page


def test_the_dashboard_shows_each_referees_status(signed_in, application):
    make_referee(application, 1, status=Status.OPENED, opened_at=timezone.now())

    page = html(signed_in.get("/en/my/"))

    assert "Prof. Referee 1" in page and "letter not received yet" in page
    assert "This call asks for 2 referees." in page


def test_the_dashboard_leaves_replaced_referees_out(signed_in, application):
    make_referee(application, 1, status=Status.REPLACED, replaced_at=timezone.now())

    assert "Prof. Referee 1" not in html(signed_in.get("/en/my/"))


def test_the_dashboard_stays_a_fixed_number_of_queries_with_referees(
    signed_in, applicant, make_call, django_assert_max_num_queries
):
    for _n in range(4):
        application = Application.objects.create(call=make_call(), applicant=applicant)
        make_referee(application, 1)
        make_referee(application, 2, status=Status.OPENED, opened_at=timezone.now())

    with django_assert_max_num_queries(15):
        response = signed_in.get("/en/my/")

    assert html(response).count("dashboard-referees__name") == 8


# --- The letter stays with the committee ------------------------------------------------------


def test_the_applicant_sees_that_letters_arrived_never_what_they_say(signed_in, letters):
    pdf, _form = letters
    step, dashboard = signed_in.get(step_url(pdf.application)), signed_in.get("/en/my/")
    review = signed_in.get(f"/en/my/applications/{pdf.application_id}/review/")

    assert "Letter received on" in html(step) and "Letter received on" in html(dashboard)
    for response in (step, dashboard, review):
        page = html(response)
        assert response.status_code == 200
        assert SECRET not in page and "frankly" not in page
        assert "Recommend with reservations" not in page and "Head of department" not in page
        assert pdf.letter_path not in page and "secret.pdf" not in page


def test_the_applicant_cannot_fetch_the_stored_letter(signed_in, letters):
    pdf, _form = letters

    assert signed_in.get(f"/private/{pdf.letter_path}").status_code == 404


def test_a_received_letter_has_no_remind_or_replace(signed_in, letters):
    page = html(signed_in.get(step_url(letters[0].application)))

    assert 'value="remind"' not in page and "Replace and send the request" not in page


# --- Remind and replace -----------------------------------------------------------------------


def remind(client, referee):
    return client.post(
        step_url(referee.application), {"action": "remind", "referee": referee.pk}, follow=True
    )


def test_remind_sends_the_request_again_and_says_so(signed_in, application):
    referee = make_referee(application, requested_at=timezone.now() - timedelta(days=3))

    page = html(remind(signed_in, referee))

    assert "A reminder is on its way to Prof. Referee 1." in page
    assert OutboundEmail.objects.filter(kind="exchange.referee.reminder").count() == 1
    assert "Reminded once, on" in page


def test_a_reminder_too_soon_is_refused_with_a_clear_message(signed_in, application):
    referee = make_referee(application)

    page = html(remind(signed_in, referee))

    assert "less than 48 hours ago. You can send a reminder in 48 hours." in page
    assert not OutboundEmail.objects.exists()


def test_a_fourth_reminder_is_refused_with_a_clear_message(signed_in, application):
    referee = make_referee(
        application,
        reminders_sent=3,
        last_reminded_at=timezone.now() - timedelta(days=5),
    )

    page = html(remind(signed_in, referee))

    assert "has already been reminded 3 times, the most we send." in page


def test_replace_closes_the_old_link_and_asks_the_new_person(signed_in, client, application):
    old = make_referee(application)
    data = {"action": "replace", "referee": old.pk}
    data |= {f"replace-{old.pk}-{k}": v for k, v in request_post(2).items() if k != "action"}

    response = signed_in.post(step_url(application), data)

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == Status.REPLACED
    new = Referee.objects.get(status=Status.REQUESTED)
    assert new.email == "martin2@example.fr"
    page = html(signed_in.get(step_url(application)))
    assert "Replaced referees" in page and "Replaced on" in page
    signed_in.logout()
    assert client.get(f"/fr/referee/{old.token}/").status_code == 404


def test_a_replacement_with_errors_shows_its_form_open(signed_in, application):
    old = make_referee(application)

    data = {"action": "replace", "referee": old.pk, f"replace-{old.pk}-name": ""}

    response = signed_in.post(step_url(application), data)

    assert response.status_code == 400
    assert '<details class="referee-replace" open>' in html(response)
    old.refresh_from_db()
    assert old.status == Status.REQUESTED


# --- Whose referee ----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["remind", "replace"])
def test_a_referee_of_another_application_is_a_404_and_untouched(
    signed_in, application, other_application, action
):
    theirs = make_referee(other_application, name=OTHER_NAME)

    response = signed_in.post(step_url(application), {"action": action, "referee": theirs.pk})

    assert response.status_code == 404
    assert OTHER_NAME not in html(response)
    theirs.refresh_from_db()
    assert theirs.status == Status.REQUESTED and theirs.reminders_sent == 0


def test_a_referee_of_the_applicants_other_application_is_a_404(
    signed_in, application, applicant, make_call
):
    mine_elsewhere = make_referee(Application.objects.create(call=make_call(), applicant=applicant))

    response = signed_in.post(
        step_url(application), {"action": "remind", "referee": mine_elsewhere.pk}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "-1", "9" * 30, "1\x00", "١"])
def test_a_malformed_referee_id_is_a_404(signed_in, application, value):
    response = signed_in.post(step_url(application), {"action": "remind", "referee": value})

    assert response.status_code == 404


def test_another_applicants_referees_step_is_a_404(signed_in, other_application):
    make_referee(other_application, name=OTHER_NAME)

    response = signed_in.get(step_url(other_application))

    assert response.status_code == 404 and OTHER_NAME not in html(response)


@pytest.mark.parametrize("role", ["Programme coordinators", "Reviewers"])
def test_staff_do_not_see_referees_on_the_applicants_pages(client, staff, letters, role):
    client.force_login(staff(role))

    response = client.get(step_url(letters[0].application))

    assert response.status_code == 404
    assert "Prof. Referee" not in html(response) and SECRET not in html(response)


def test_a_visitor_is_sent_to_sign_in_and_nothing_is_sent(client, application):
    response = client.post(step_url(application), request_post())

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Referee.objects.exists()
