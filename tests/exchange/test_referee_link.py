"""The referee's page, /<lang>/referee/<token>/: no account, one letter per link.

The link shows who asks and for what, takes a PDF letter or the short form once, and then
answers 404 on every method, as do replaced, unknown and malformed tokens.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from exchange.choices import ApplicationStatus, RefereeStatus
from exchange.models import Application, Referee
from exchange.referee_views import RATE_SCOPE
from home.models import Institution
from portal import ratelimit
from portal.models import OutboundEmail
from tests.exchange.conftest import OTHER_NAME, translate_call
from tests.exchange.referee_helpers import ANSWERS, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db
Status = RefereeStatus
MB = 1024 * 1024


@pytest.fixture
def application(applicant, make_call):
    host = Institution.objects.get(locale__language_code="en", country="France")
    call = make_call(title="Radiotherapy quality control", host_institution=host)
    return Application.objects.create(call=call, applicant=applicant, passport_name="LI NA")


def make_referee(application, **fields):
    values = {
        "name": "Prof. Dupont",
        "email": "dupont@example.fr",
        "institution": "Institut Curie",
        "position": "My supervisor during the fellowship",
        "language": "fr",
        **fields,
    }
    return Referee.objects.create(application=application, **values)


@pytest.fixture
def referee(application):
    return make_referee(application)


def url(referee_or_token, language="fr"):
    token = getattr(referee_or_token, "token", referee_or_token)
    return f"/{language}/referee/{token}/"


def html(response):
    return response.content.decode()


def send_pdf(client, referee, content=None, name="letter.pdf", language="en"):
    content = pdf_bytes() if content is None else content
    data = {"action": "upload", "letter": upload(content, name)}
    return client.post(url(referee, language), data)


def send_form(client, referee, language="en", **changes):
    return client.post(url(referee, language), {"action": "form", **ANSWERS, **changes})


# --- What the page shows ----------------------------------------------------------------------


def test_the_page_says_who_asks_for_what_and_by_when_in_both_clocks(client, referee):
    response = client.get(url(referee, "en"))

    page = html(response)
    assert response.status_code == 200
    assert "A letter of recommendation for 李娜 (LI NA)" in page
    assert "Radiotherapy quality control" in page
    assert "University Hospital Breast Centre" in page
    assert "My supervisor during the fellowship" in page
    assert "Changsha" in page and "(Beijing time)" in page and "(Paris time)" in page
    assert 'name="letter"' in page and 'accept="application/pdf,.pdf"' in page
    assert 'name="recommendation"' in page


def test_the_page_is_in_the_link_language_with_the_call_translated(client, referee):
    translate_call(referee.application.call, "fr", "Contrôle qualité en radiothérapie")

    page = html(client.get(url(referee, "fr")))

    assert '<html lang="fr">' in page
    assert "Contrôle qualité en radiothérapie" in page
    assert "Centre du sein de l’hôpital universitaire" in page
    assert "(heure de Paris)" in page


def test_the_language_switcher_leads_to_the_same_request(client, referee):
    page = html(client.get(url(referee, "fr")))

    for language in ("zh-hans", "en"):
        assert f'href="{url(referee, language)}"' in page
    assert client.get(url(referee, "zh-hans")).status_code == 200


def test_the_page_is_private(client, referee):
    response = client.get(url(referee))

    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "same-origin"
    assert 'name="robots" content="noindex"' in html(response)


def test_the_first_visit_marks_the_request_opened(client, referee):
    client.get(url(referee))

    referee.refresh_from_db()
    assert referee.status == Status.OPENED and referee.opened_at


def test_the_page_shows_nothing_of_other_applications(client, referee, other_application):
    make_referee(other_application, email="other@example.fr", position=OTHER_NAME)

    page = html(client.get(url(referee)))

    assert OTHER_NAME not in page and OTHER_NAME.upper() not in page


def test_after_the_letters_deadline_the_page_says_so_and_takes_nothing(client, referee):
    Application.objects.filter(pk=referee.application_id).update(status=ApplicationStatus.WITHDRAWN)

    page = html(client.get(url(referee)))
    refused = send_form(client, referee)

    with translation.override(referee.language):
        closed = gettext("Letters for this application are no longer accepted.")
    assert closed in page
    assert 'name="letter"' not in page
    assert refused.status_code == 400
    referee.refresh_from_db()
    assert referee.status != Status.RECEIVED


# --- Sending the letter -----------------------------------------------------------------------


def test_a_pdf_letter_is_received_and_thanked(client, referee, private_storage):
    response = send_pdf(client, referee, pdf_bytes(pages=2), "Lettre de recommandation.pdf")

    assert response.status_code == 302 and response["Location"] == "/en/referee/thank-you/"
    referee.refresh_from_db()
    assert referee.status == Status.RECEIVED
    assert referee.letter_name == "Lettre de recommandation.pdf" and referee.letter_pages == 2
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "李娜 (LI NA)" in html(thanks) and "Radiotherapy quality control" in html(thanks)


def test_a_form_letter_is_received_and_thanked(client, referee):
    response = send_form(client, referee)

    assert response.status_code == 302
    referee.refresh_from_db()
    assert referee.status == Status.RECEIVED and referee.form_answers == ANSWERS
    assert OutboundEmail.objects.filter(kind="exchange.referee.received").count() == 1


def test_an_incomplete_form_names_each_missing_answer(client, referee):
    response = send_form(client, referee, recommendation="", comments="")

    assert response.status_code == 400
    page = html(response)
    assert 'href="#id_recommendation"' in page and 'href="#id_comments"' in page
    assert '<details class="referee-answer" id="questions" open>' in page
    referee.refresh_from_db()
    assert referee.status != Status.RECEIVED


def test_an_answer_off_the_scale_is_refused(client, referee):
    response = send_form(client, referee, recommendation="best ever")

    assert response.status_code == 400
    assert "Select a valid choice." in html(response)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (png_bytes(), "letter.pdf", "This file is a PNG file. Accepted types: PDF."),
        (
            pdf_bytes(password="secret"),
            "letter.pdf",
            "The PDF is protected by a password. Remove the password and upload it again.",
        ),
        (b"%PDF-1.4\n" + b"0" * (25 * MB - 9), "big.pdf", "The file is too large (25 MB)"),
        (b"", "empty.pdf", "The file is empty. Check it and upload it again."),
        (b"<html><script>alert(1)</script></html>", "letter.pdf", "not of an accepted type"),
    ],
    ids=["png-renamed-pdf", "encrypted", "25-MB", "zero-bytes", "html"],
)
def test_a_bad_upload_is_refused_with_a_clear_message(
    client, referee, private_storage, content, name, message
):
    response = send_pdf(client, referee, content, name)

    assert response.status_code == 400
    assert message in html(response)
    referee.refresh_from_db()
    assert referee.status != Status.RECEIVED
    assert not private_storage.exists("referees")


def test_a_refusal_is_in_the_language_of_the_page(client, referee, private_storage):
    french = send_pdf(client, referee, png_bytes(), language="fr")
    chinese = send_pdf(client, referee, png_bytes(), language="zh-hans")

    assert "Ce fichier est au format PNG. Formats acceptés\u00a0: PDF." in html(french)
    assert "该文件为 PNG 文件。可接受的类型：PDF。" in html(chinese)


def test_an_upload_without_a_file_asks_for_one(client, referee):
    response = client.post(url(referee, "en"), {"action": "upload"})

    assert response.status_code == 400
    assert "Choose the PDF file of your letter." in html(response)


def test_an_unknown_action_is_a_bad_request(client, referee):
    assert client.post(url(referee), {"action": "other"}).status_code == 400


# --- When the link stops working --------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post", "head", "put", "delete"])
def test_once_the_letter_is_in_the_link_is_a_404_on_every_method(client, referee, method):
    assert send_form(client, referee).status_code == 302

    response = getattr(client, method)(url(referee))

    assert response.status_code == 404
    assert "李娜" not in html(response)


def test_a_second_letter_through_the_same_link_is_a_404_and_changes_nothing(client, referee):
    send_form(client, referee)

    assert send_form(client, referee, comments="Another letter").status_code == 404
    referee.refresh_from_db()
    assert referee.form_answers == ANSWERS


def test_a_replaced_referees_link_is_a_404(client, referee):
    Referee.objects.filter(pk=referee.pk).update(status=Status.REPLACED, replaced_at=timezone.now())

    assert client.get(url(referee)).status_code == 404
    assert send_form(client, referee).status_code == 404


@pytest.mark.parametrize(
    "token",
    ["A" * 43, "x" * 65, "x" * 5000, "a.b", "%C3%A9", "%ED%A0%80", "%20", "thank-you-not"],
)
def test_unknown_and_malformed_tokens_are_404(client, referee, token):
    assert client.get(url(token)).status_code == 404
    assert client.post(url(token), {"action": "form", **ANSWERS}).status_code == 404


def test_a_nul_byte_in_the_token_is_refused(referee):
    client = Client(raise_request_exception=False)

    response = client.get(f"/fr/referee/{referee.token[:10]}%00{referee.token[10:]}/")

    assert response.status_code == 400
    assert "李娜" not in html(response)


def test_a_token_of_another_application_opens_only_its_own_request(
    client, referee, other_application
):
    theirs = make_referee(other_application, email="other@example.fr", name="Dr. Other")

    page = html(client.get(url(theirs)))

    assert "Dr. Other" in page and "李娜" not in page and "LI NA" not in page


def test_the_thank_you_page_without_a_letter_of_this_browser_names_nobody(client, referee):
    send_form(Client(), referee)  # another browser

    page = html(client.get("/en/referee/thank-you/"))

    assert "李娜" not in page and "Prof. Dupont" not in page


# --- Rate limit -------------------------------------------------------------------------------


def test_letters_are_limited_per_address_counting_those_accepted(
    client, referee, application, settings
):
    settings.REFEREE_LETTERS_PER_ADDRESS = 2
    referees = [make_referee(application, email=f"r{n}@example.fr") for n in range(3)]
    send_form(client, referee, capacity="")  # refused: not counted
    send_form(client, referees[0])
    send_form(client, referees[1])

    response = send_form(client, referees[2])

    assert response.status_code == 429
    assert "Too many letters were sent from your network." in html(response)
    assert ratelimit.count(RATE_SCOPE, "127.0.0.1") == 2
    referees[2].refresh_from_db()
    assert referees[2].status != Status.RECEIVED


def test_a_letter_arriving_after_the_call_closed_still_counts(client, referee):
    call = referee.application.call
    Application.objects.filter(pk=referee.application_id).update(status=ApplicationStatus.SUBMITTED)
    type(call).objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=40), closes_at=timezone.now() - timedelta(days=3)
    )

    assert send_form(client, referee).status_code == 302


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_on_an_open_link_are_not_allowed_and_change_nothing(client, referee, method):
    response = getattr(client, method)(url(referee))

    assert response.status_code == 405
    referee.refresh_from_db()
    assert referee.status == Status.REQUESTED
