"""Generated input to the applicant's pages, signed in and signed out (the session keeps what a
signed-out POST carried): a clear answer, never a server error, never a half-saved draft."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from exchange.forms import OTHER_LANGUAGE_ROWS, STEP_FORMS
from exchange.models import Application
from tests.test_hostile_input import EVERYWHERE, PROFILE, encoded, hostile_text

FORM = "application/x-www-form-urlencoded"
OTHER_ROW_FIELDS = [
    f"other_{part}_{index}"
    for index in range(1, OTHER_LANGUAGE_ROWS + 1)
    for part in ("language", "level", "certificate")
]


def step_fields(step):
    names = [*STEP_FORMS[step]._meta.fields, "action"]
    return names + OTHER_ROW_FIELDS if step == "languages" else names


@pytest.fixture
def browser(db):
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "signed-out"])
@pytest.mark.parametrize("step", list(STEP_FORMS))
def test_no_step_answers_a_server_error_to_generated_answers(
    browser, draft, applicant, step, signed_in
):
    if signed_in:
        browser.force_login(applicant)
    url = f"/en/my/applications/{draft.pk}/{step}/"
    names = step_fields(step)

    @PROFILE
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(names, hostile_text)))
    def check(data):
        body = urlencode(data, errors="surrogatepass")
        assert browser.post(url, body, FORM).status_code < 500, data
        assert browser.get(url).status_code < 500

    for value in EVERYWHERE:
        check = example(data=dict.fromkeys(names, value))(check)
    check()
    assert Application.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.django_db
def test_no_applicant_url_answers_a_server_error_to_generated_ids_and_steps(
    browser, applicant, draft
):
    browser.force_login(applicant)

    @PROFILE
    @given(call=encoded(), application=encoded(), step=encoded())
    def check(call, application, step):
        for method, url in (
            ("get", f"/en/my/apply/{call}/"),
            ("post", f"/en/my/apply/{call}/"),
            ("get", f"/en/my/applications/{application}/"),
            ("get", f"/en/my/applications/{application}/{step}/"),
            ("get", f"/en/my/applications/{draft.pk}/{step}/"),
        ):
            assert getattr(browser, method)(url).status_code < 500, url

    check()
