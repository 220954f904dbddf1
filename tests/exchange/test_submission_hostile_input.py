"""Generated input to the documents step, a document's address, the submission and the
withdrawal: a clear answer, never a server error, never a half-saved document."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from exchange.models import ApplicationDocument
from tests.exchange.submission_helpers import complete_application
from tests.test_hostile_input import PROFILE, encoded, hostile_text

FORM = "application/x-www-form-urlencoded"
pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(db):
    return Client(raise_request_exception=False)


@pytest.fixture
def application(make_call, applicant, private_storage):
    return complete_application(make_call(required_documents=["cv", "photo"]), applicant)


def test_no_submission_page_answers_a_server_error_to_generated_form_data(
    browser, applicant, application
):
    browser.force_login(applicant)
    base = f"/en/my/applications/{application.pk}"
    names = ("kind", "action", "cv-file", "photo-file", "confirm", "reason")

    @PROFILE
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(names, hostile_text)))
    def check(data):
        body = urlencode(data, errors="surrogatepass")
        for url in (f"{base}/documents/", f"{base}/submit/"):
            assert browser.post(url, body, FORM).status_code < 500, (url, data)

    check()
    assert not ApplicationDocument.objects.exists()


def test_no_submission_address_answers_a_server_error_to_generated_ids_and_kinds(
    browser, applicant, application
):
    browser.force_login(applicant)

    @PROFILE
    @given(pk=encoded(), kind=encoded())
    def check(pk, kind):
        for method, url in (
            ("get", f"/en/my/applications/{pk}/documents/"),
            ("get", f"/en/my/applications/{pk}/documents/{kind}/"),
            ("get", f"/en/my/applications/{application.pk}/documents/{kind}/"),
            ("post", f"/en/my/applications/{pk}/submit/"),
            ("get", f"/en/my/applications/{pk}/withdraw/"),
        ):
            assert getattr(browser, method)(url).status_code < 500, url

    check()


def test_a_generated_withdrawal_reason_never_breaks_the_page(browser, applicant, application):
    browser.force_login(applicant)
    url = f"/en/my/applications/{application.pk}/withdraw/"

    @PROFILE
    @given(reason=hostile_text)
    def check(reason):
        body = urlencode({"reason": reason}, errors="surrogatepass")
        assert browser.post(url, body, FORM).status_code < 500, reason

    check()
