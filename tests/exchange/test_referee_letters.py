"""A referee's letter for the committee (exchange.referee_letters), and two simultaneous
submissions of it (a double click, two tabs, a retry on a slow network): one is kept."""

import io
import threading

import pytest
from django.db import connection
from django.http import Http404
from django.utils import translation
from pypdf import PdfReader

from exchange.choices import RefereeStatus
from exchange.models import Application, Referee
from exchange.referee_letters import referee_letter_response
from exchange.services import referees as services
from portal.models import OutboundEmail
from portal.uploads import PDF, check_upload
from tests.exchange.referee_helpers import ANSWERS, SECRET, pdf_bytes, upload

Status = RefereeStatus


@pytest.fixture
def referee(applicant, make_call):
    application = Application.objects.create(call=make_call(), applicant=applicant)
    return Referee.objects.create(
        application=application,
        name="Prof. Dupont",
        email="dupont@example.fr",
        institution="Institut Curie",
        position="Supervisor",
    )


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_an_uploaded_letter_is_served_as_the_pdf_with_private_headers(referee, private_storage):
    content = pdf_bytes(text=SECRET)
    services.submit_reference(referee, letter=check_upload(upload(content), kinds=[PDF]))
    referee.refresh_from_db()

    response = referee_letter_response(referee)

    assert content_of(response) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert f"letter-{referee.application_id}-{referee.pk}.pdf" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_form_letter_is_served_as_a_pdf_of_its_answers_in_the_readers_language(referee):
    services.submit_reference(referee, answers=ANSWERS)
    referee.refresh_from_db()

    with translation.override("en"):
        response = referee_letter_response(referee)

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "Prof. Dupont" in text and "frankly her weakest trainee" in text
    assert "Recommend with reservations" in text and "Three to five years" in text


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.REQUESTED, Status.OPENED, Status.REPLACED])
def test_no_letter_is_served_before_it_is_received(referee, status):
    referee.status = status

    with pytest.raises(Http404):
        referee_letter_response(referee)


@pytest.mark.django_db
def test_the_stored_letter_is_served_by_path_to_no_one_but_superusers(
    client, referee, private_storage, staff
):
    services.submit_reference(referee, letter=check_upload(upload(pdf_bytes()), kinds=[PDF]))
    referee.refresh_from_db()
    path = f"/private/{referee.letter_path}"

    assert client.get(path).status_code == 404
    client.force_login(referee.application.applicant)
    assert client.get(path).status_code == 404
    client.force_login(staff("Programme coordinators"))
    assert client.get(path).status_code == 404  # the admin serves letters after its own check


# --- Two submissions at once ------------------------------------------------------------------


SENDERS = 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_letters_through_one_link_give_one(referee, private_storage):
    barrier = threading.Barrier(SENDERS)
    kept, refused, errors = [], [], []

    def send(n):
        letter = check_upload(upload(pdf_bytes(pages=n + 1)), kinds=[PDF])
        try:
            barrier.wait()
            services.submit_reference(Referee.objects.get(pk=referee.pk), letter=letter)
            kept.append(n)
        except services.RefereeError:
            refused.append(n)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors[:3]
    assert len(kept) == 1 and len(refused) == SENDERS - 1
    referee.refresh_from_db()
    assert referee.status == Status.RECEIVED and referee.letter_pages == kept[0] + 1
    _folders, files = private_storage.listdir(f"referees/{referee.application_id}")
    assert files == [referee.letter_path.rsplit("/", 1)[1]]
    assert OutboundEmail.objects.filter(kind="exchange.referee.received").count() == 1
