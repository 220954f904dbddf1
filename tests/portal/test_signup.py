"""Applicants make their own accounts (allauth): name and email language asked, the address
verified before they are signed in, nothing told about who already has an account, limits on
how often, and never a way into the admin."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from portal.models import OutboundEmail

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
PASSWORD = "correct horse battery"  # tests/conftest.py UserFactory
NEW_PASSWORD = "a-long-new-pass-9"


@pytest.fixture(autouse=True)
def _fresh_allauth_limits(settings):
    """allauth counts attempts in the cache; every email goes through the project's outbox."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxEmailBackend"
    cache.clear()
    yield
    cache.clear()


def sign_up(client, email="wang.fang@example.cn", language="zh-hans", **extra):
    data = {
        "full_name": "王芳",
        "email": email,
        "preferred_language": language,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return client.post(SIGNUP, data, **extra)


def account_emails(to):
    """allauth's emails to `to` (the demo content has emailed some demo addresses too)."""
    return OutboundEmail.objects.filter(to=to, kind="django.mail")


def signed_in(client):
    return "_auth_user_id" in client.session


def without_addresses(html):
    return re.sub(r"[\w.+-]+@[\w.-]+", "ADDRESS", html, flags=re.IGNORECASE)


def subject_in(language, text):
    with translation.override(language):
        return gettext(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["姓名", "邮件语言", "密码"]),
        ("en", ["Full name", "Language for emails", "Password"]),
        ("fr", ["Nom complet", "Langue des courriels", "Mot de passe"]),
    ],
)
def test_the_signup_page_is_the_sites_in_three_languages(client, language, labels):
    response = client.get(SIGNUP, HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html
    for label in labels:
        assert label in html
    assert re.search(rf'value="{language}"[^>]*checked', html)  # the page's language first


@pytest.mark.django_db
def test_signing_up_makes_an_applicant_who_must_verify_before_being_signed_in(
    client, django_user_model
):
    response = sign_up(client, HTTP_ACCEPT_LANGUAGE="en")

    user = django_user_model.objects.get(email="wang.fang@example.cn")
    assert (user.full_name, user.preferred_language) == ("王芳", "zh-hans")
    assert not user.is_staff and not user.groups.exists()
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not signed_in(client)
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en", "fr"])
def test_the_verification_email_goes_through_the_outbox_in_the_chosen_language(client, language):
    sign_up(client, language=language, HTTP_ACCEPT_LANGUAGE="en" if language != "en" else "fr")

    email = account_emails("wang.fang@example.cn").get()
    assert email.language == language
    assert email.subject == subject_in(language, "Please Confirm Your Email Address")
    assert subject_in(language, "Sino-French Breast Cancer Exchange") in email.body_text
    assert re.search(r"/accounts/confirm-email/[-:\w]+/", email.body_text)


@pytest.mark.django_db
def test_following_the_link_verifies_the_address_and_signs_in_to_the_dashboard(
    client, django_user_model
):
    sign_up(client)
    link = re.search(
        r"http://testserver(/accounts/confirm-email/[-:\w]+/)",
        account_emails("wang.fang@example.cn").get().body_text,
    ).group(1)

    assert client.get(link).status_code == 200  # a page with a button: mail scanners follow links
    assert not EmailAddress.objects.filter(verified=True, email="wang.fang@example.cn").exists()
    response = client.post(link)

    assert EmailAddress.objects.filter(verified=True, email="wang.fang@example.cn").exists()
    assert signed_in(client)
    assert response["Location"] == "/en/my/"


@pytest.mark.django_db
def test_an_unverified_applicant_is_not_signed_in_by_the_password(client, django_user_model):
    sign_up(client)
    client.logout()

    response = client.post(LOGIN, {"login": "wang.fang@example.cn", "password": NEW_PASSWORD})

    assert response["Location"] == reverse("account_email_verification_sent")
    assert not signed_in(client)


@pytest.mark.django_db
def test_signing_up_with_an_address_that_has_an_account_tells_the_stranger_nothing(
    client, user_factory, django_user_model
):
    owner = user_factory(email="zhao.min@example.cn", preferred_language="fr")
    new = sign_up(client, email="someone.new@example.cn")
    new_page = client.get(new["Location"]).content.decode()
    client.cookies.clear()

    taken = sign_up(client, email="Zhao.Min@Example.CN")
    taken_page = client.get(taken["Location"]).content.decode()

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert without_addresses(taken_page) == without_addresses(new_page)
    assert django_user_model.objects.filter(email__iexact="zhao.min@example.cn").count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # untouched
    warning = account_emails("zhao.min@example.cn").get()
    assert warning.language == "fr"  # the owner's language, not the stranger's page
    assert warning.subject == subject_in("fr", "Account Already Exists")


@pytest.mark.django_db
def test_signup_closes_with_its_setting(client, settings, django_user_model):
    settings.PORTAL_SIGNUP_OPEN = False

    sign_up(client)

    assert not django_user_model.objects.filter(email="wang.fang@example.cn").exists()
    assert "/accounts/signup/" not in client.get(LOGIN).content.decode()


@pytest.mark.django_db
def test_the_sign_in_page_offers_the_signup_keeping_the_destination(client):
    html = client.get(f"{LOGIN}?next=/en/my/apply/3/").content.decode()

    assert 'href="/accounts/signup/?next=%2Fen%2Fmy%2Fapply%2F3%2F"' in html


@pytest.mark.django_db
def test_signups_from_one_address_are_limited(client, settings, django_user_model):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for n in range(2):
        sign_up(client, email=f"nurse{n}@example.cn", REMOTE_ADDR="192.0.2.5")

    refused = sign_up(client, email="nurse9@example.cn", REMOTE_ADDR="192.0.2.5")
    sign_up(client, email="other@example.cn", REMOTE_ADDR="192.0.2.6")

    assert refused.status_code == 429
    assert not django_user_model.objects.filter(email="nurse9@example.cn").exists()
    assert django_user_model.objects.filter(email="other@example.cn").exists()


@pytest.mark.django_db
def test_password_resets_for_one_address_are_limited(client, user_factory):
    user_factory(email="zhao.min@example.cn")
    for n in range(6):
        client.post(
            reverse("account_reset_password"),
            {"email": "zhao.min@example.cn"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )

    assert account_emails("zhao.min@example.cn").count() == 5


@pytest.mark.django_db
def test_an_applicant_never_reaches_the_admin(client, user_factory):
    client.force_login(user_factory(email="wang.fang@example.cn"))

    for path in ("/admin/", "/admin/pages/", "/admin/login/"):
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_an_applicant_may_set_up_two_factor_authentication_but_need_not(
    client, user_factory, settings
):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    client.force_login(user_factory(email="wang.fang@example.cn"))

    assert client.get("/en/my/").status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


@pytest.mark.django_db
def test_staff_still_sign_in_without_a_verification_email(client, staff):
    staff("Editors", email="editor@example.cn")

    response = client.post(LOGIN, {"login": "editor@example.cn", "password": PASSWORD})

    assert response["Location"] == "/admin/"
    assert not account_emails("editor@example.cn").exists()
