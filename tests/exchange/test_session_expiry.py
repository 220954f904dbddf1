"""A step posted after the sign-in expired is not lost: it waits in the session while its owner
signs in again, then is saved to their application, and to nobody else's."""

import pytest

from exchange.models import Application
from tests.exchange.conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
TYPED = {
    "motivation": "Two hours of writing on a ward computer, not to be lost.",
    "action": "continue",
}


def step_url(application, step):
    return f"/en/my/applications/{application.pk}/{step}/"


def sign_in(client, user, next_url=""):
    """The sign-in form as the login page renders it, with its hidden `next`."""
    return client.post(LOGIN, {"login": user.email, "password": PASSWORD, "next": next_url})


@pytest.fixture
def expired(client, applicant):
    """A browser whose session has expired: the server no longer knows who it is."""
    client.force_login(applicant)
    client.session.flush()
    client.logout()
    return client


def test_a_step_posted_after_the_session_expired_is_saved_once_the_owner_signs_in(
    expired, draft, applicant
):
    posted = expired.post(step_url(draft, "motivation"), TYPED)
    assert posted.status_code == 302
    assert posted["Location"] == f"{LOGIN}?next={step_url(draft, 'motivation')}"
    assert Application.objects.get(pk=draft.pk).motivation == ""

    signed_in = sign_in(expired, applicant, posted["Location"].split("next=")[1])
    assert signed_in["Location"] == step_url(draft, "motivation")
    back = expired.get(signed_in["Location"], follow=True)

    assert Application.objects.get(pk=draft.pk).motivation == TYPED["motivation"]
    assert "What you typed before signing in again is saved." in back.content.decode()
    assert back.redirect_chain[-1][0] == step_url(draft, "objectives")  # as "continue" asked


def test_the_kept_answers_are_never_applied_to_someone_elses_application(
    expired, draft, make_applicant, call
):
    expired.post(step_url(draft, "motivation"), TYPED)
    stranger = make_applicant(email="stranger@example.org")
    own = Application.objects.create(call=call, applicant=stranger)

    sign_in(expired, stranger)
    foreign = expired.get(step_url(draft, "motivation"))
    expired.get(step_url(own, "motivation"))

    assert foreign.status_code == 404
    assert Application.objects.get(pk=draft.pk).motivation == ""
    assert Application.objects.get(pk=own.pk).motivation == ""
    assert "exchange.kept_step" not in expired.session


def test_answers_kept_for_one_step_wait_while_the_owner_opens_another(expired, draft, applicant):
    expired.post(step_url(draft, "motivation"), TYPED)
    sign_in(expired, applicant)

    expired.get(step_url(draft, "personal"))
    expired.get(step_url(draft, "motivation"))

    assert Application.objects.get(pk=draft.pk).motivation == TYPED["motivation"]


def test_kept_answers_that_make_no_sense_are_shown_again_not_saved(expired, draft, applicant):
    expired.post(step_url(draft, "period"), {"earliest_start": "not a date", "action": "draft"})
    sign_in(expired, applicant)

    response = expired.get(step_url(draft, "period"))

    assert response.status_code == 400
    assert 'value="not a date"' in response.content.decode()
    assert Application.objects.get(pk=draft.pk).earliest_start is None


def test_answers_saved_after_signing_in_are_not_overwritten_by_older_kept_ones(
    expired, draft, applicant
):
    expired.post(step_url(draft, "motivation"), TYPED)
    sign_in(expired, applicant)  # lands on the dashboard, not on the step
    expired.post(step_url(draft, "motivation"), {"motivation": "Newer", "action": "draft"})

    expired.get(step_url(draft, "motivation"))

    assert Application.objects.get(pk=draft.pk).motivation == "Newer"
