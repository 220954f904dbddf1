"""One sign-in for the site and the admin (allauth), its throttle, and the MFA rule for staff."""

import os
import re
import subprocess
import sys

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from portal.models import OutboundEmail
from portal.roles import PERSONAL_DATA_ROLES

PASSWORD = "correct horse battery"  # tests/conftest.py UserFactory
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: each test starts and ends with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def outbox_backend(settings):
    """The project's EMAIL_BACKEND, which the test runner swaps for locmem."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxEmailBackend"


def sign_in(client, email, password=PASSWORD, address="192.0.2.10", **extra):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address, **extra)


def signed_in(client):
    return "_auth_user_id" in client.session


def limit(per):
    """The count of the configured login_failed limit for "ip" or "key" (settings)."""
    rates = dict(
        (rate.split("/")[2], int(rate.split("/")[0]))
        for rate in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    )
    return rates[per]


def current_code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def reauthenticate(client):
    """allauth asks for the password again before MFA settings change, even just after login."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def with_totp(user):
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


# --- One sign-in -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_sends_a_visitor_to_the_allauth_sign_in_keeping_the_destination(client):
    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/pages/"


@pytest.mark.django_db
def test_staff_sign_in_by_email_in_any_case_and_land_in_the_admin(client, staff):
    staff("Editors", email="zhao.min@example.cn")

    response = sign_in(client, "Zhao.Min@Example.CN")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_sign_in_returns_to_the_admin_page_asked_for(client, staff):
    staff("Editors", email="zhao.min@example.cn")

    response = client.post(
        f"{LOGIN}?next=/admin/pages/", {"login": "zhao.min@example.cn", "password": PASSWORD}
    )

    assert response["Location"] == "/admin/pages/"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/en/_util/login/"])
def test_wagtail_login_forms_no_longer_accept_a_password(client, staff, path):
    staff("Editors", email="zhao.min@example.cn")

    response = client.post(
        f"{path}?next=/admin/pages/", {"username": "zhao.min@example.cn", "password": PASSWORD}
    )

    assert not signed_in(client)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/admin/pages/"


@pytest.mark.django_db
def test_wagtail_login_redirect_drops_a_foreign_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")

    assert response["Location"] == f"{LOGIN}?next=/admin/"


@pytest.mark.django_db
def test_the_admins_log_out_signs_out_through_allauth(client, staff):
    client.force_login(staff("Editors"))

    response = client.post(reverse("wagtailadmin_logout"))

    assert response.status_code == 302
    assert (
        response["Location"] == settings.ACCOUNT_LOGOUT_REDIRECT_URL
    )  # Wagtail's goes to its login
    assert not signed_in(client)


@pytest.mark.django_db
def test_the_admins_password_reset_is_allauths(client):
    response = client.get("/admin/password_reset/")

    assert response["Location"] == reverse("account_reset_password")
    assert client.get("/admin/password_reset/done/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "password_label"),
    [("zh-hans", "密码"), ("en", "Password"), ("fr", "Mot de passe")],
)
def test_the_sign_in_page_is_the_sites_in_the_visitors_language(client, language, password_label):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert 'class="site-header"' in html
    assert f'<label for="id_password">\n      {password_label}' in html
    assert 'class="form-field' in html


@pytest.mark.django_db
def test_the_language_switcher_on_the_sign_in_page_changes_its_language(client):
    html = client.get(f"{LOGIN}?next=/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = re.search(r'<a href="([^"]+)"\s+lang="fr"', html).group(1).replace("&amp;", "&")

    response = client.get(french, follow=True)

    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=/admin/"
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "password_label"), [("zh-hans", "密码"), ("fr", "Mot de passe")]
)
def test_the_sign_in_page_speaks_the_language_of_the_page_it_was_reached_from(
    client, language, password_label
):
    """A hospital computer set to English: the applicant came from /zh-hans/my/."""
    html = client.get(f"{LOGIN}?next=/{language}/my/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'<html lang="{language}">' in html
    assert password_label in html


@pytest.mark.django_db
def test_signing_in_from_a_chinese_page_says_so_in_chinese(client, user_factory):
    from allauth.account.models import EmailAddress

    user = user_factory(email="he.li@example.cn", full_name="何丽")
    user.set_password("a-long-enough-password-1")
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )

    response = client.post(
        LOGIN,
        {"login": user.email, "password": "a-long-enough-password-1", "next": "/zh-hans/my/"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/zh-hans/my/"
    messages = [str(message) for message in response.context["messages"]]
    assert messages and all("Successfully" not in message for message in messages), messages


@pytest.mark.django_db
def test_a_language_chosen_on_the_sign_in_page_wins_over_the_page_it_came_from(client):
    client.get("/accounts/language/fr/?next=/accounts/login/")

    html = client.get(f"{LOGIN}?next=/zh-hans/my/").content.decode()

    assert '<html lang="fr">' in html


@pytest.mark.django_db
def test_the_language_switch_does_not_send_anyone_to_another_site(client):
    response = client.get("/accounts/language/fr/?next=https://evil.example/")

    assert response["Location"] == LOGIN


# --- Throttling --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_after_too_many_wrong_passwords_the_right_one_is_refused_for_that_account(client, staff):
    staff("Moderators", email="target@example.org")
    for attempt in range(limit("key")):
        # Each from another address: the account's own limit is what stops them.
        sign_in(client, "target@example.org", "wrong", address=f"198.51.100.{attempt}")

    response = sign_in(client, "target@example.org", address="203.0.113.7")

    assert not signed_in(client)
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_a_locked_account_does_not_lock_other_accounts(client, staff):
    staff("Moderators", email="target@example.org")
    staff("Moderators", email="colleague@example.org")
    for _attempt in range(limit("key")):
        sign_in(client, "target@example.org", "wrong")

    sign_in(client, "colleague@example.org")

    assert signed_in(client)


@pytest.mark.django_db
def test_after_too_many_wrong_passwords_from_one_address_it_is_refused_for_every_account(
    client, staff
):
    staff("Editors", email="victim@example.org")
    per_account = limit("key") - 1  # stay under each account's own limit
    for attempt in range(limit("ip")):
        sign_in(client, f"guess{attempt // per_account}@example.org", "wrong", address="192.0.2.66")

    refused = sign_in(client, "victim@example.org", address="192.0.2.66")
    assert not signed_in(client)
    sign_in(client, "victim@example.org", address="192.0.2.67")

    assert "Too many failed login attempts" in refused.content.decode()
    assert signed_in(client)


@pytest.mark.django_db
def test_a_successful_sign_in_does_not_reset_the_count_of_failures(client, staff):
    staff("Editors", email="target@example.org")
    for _attempt in range(limit("key") - 1):
        sign_in(client, "target@example.org", "wrong")
    sign_in(client, "target@example.org")
    client.logout()

    sign_in(client, "target@example.org", "wrong")
    sign_in(client, "target@example.org")

    assert not signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "Trop de tentatives de connexion échouées"), ("zh-hans", "登录失败次数过多")],
)
def test_the_throttle_message_is_in_the_visitors_language(client, staff, language, message):
    staff("Editors", email="target@example.org")
    for _attempt in range(limit("key")):
        sign_in(client, "target@example.org", "wrong", HTTP_ACCEPT_LANGUAGE=language)

    response = sign_in(client, "target@example.org", HTTP_ACCEPT_LANGUAGE=language)

    assert message in response.content.decode()


# --- MFA ---------------------------------------------------------------------------------------


@pytest.fixture
def mfa_rule(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True


@pytest.mark.django_db
@pytest.mark.parametrize("role", PERSONAL_DATA_ROLES)
def test_staff_who_see_personal_data_set_up_mfa_before_the_admin(client, staff, mfa_rule, role):
    client.force_login(staff(role))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


@pytest.mark.django_db
def test_a_superuser_sets_up_mfa_before_the_admin(client, django_user_model, mfa_rule):
    client.force_login(django_user_model.objects.create_superuser("root@example.org", PASSWORD))

    assert client.get("/admin/outbox/")["Location"] == reverse("mfa_index")


@pytest.mark.django_db
def test_private_files_are_guarded_like_the_admin(client, staff, mfa_rule):
    client.force_login(staff("Programme coordinators"))

    assert client.get("/private/some/file.pdf")["Location"] == reverse("mfa_index")


@pytest.mark.django_db
def test_editors_see_no_personal_data_and_need_no_mfa(client, staff, mfa_rule):
    client.force_login(staff("Editors"))

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_with_an_authenticator_app_reach_the_admin(client, staff, mfa_rule):
    organiser = staff("Seminar organisers")
    with_totp(organiser)
    client.force_login(organiser)

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_recovery_codes_alone_do_not_count_as_mfa(client, staff, mfa_rule):
    organiser = staff("Seminar organisers")
    RecoveryCodes.activate(organiser)
    client.force_login(organiser)

    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_without_the_rule_make_run_logins_reach_the_admin_without_mfa(client, staff, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(staff("Seminar organisers"))

    assert client.get("/admin/").status_code == 200


def setting_in(module, name):
    """A setting's value as `module` sets it, read in a fresh process with a clean environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    environment.update(
        DJANGO_SETTINGS_MODULE=module, SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example.org"
    )
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("module", "required"),
    [("portal.settings.production", "True"), ("portal.settings.dev", "False")],
)
def test_production_requires_staff_mfa_and_make_run_does_not(module, required):
    assert setting_in(module, "PORTAL_REQUIRE_STAFF_MFA") == required


@pytest.mark.django_db
def test_a_required_user_sets_up_an_authenticator_app_and_then_reaches_the_admin(
    client, staff, mfa_rule
):
    staff("Seminar organisers", email="organiser@example.cn")
    sign_in(client, "organiser@example.cn")
    assert client.get("/admin/")["Location"] == reverse("mfa_index")

    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_admins_account_page_links_to_the_mfa_settings(client, staff):
    client.force_login(staff("Editors"))

    html = client.get(reverse("wagtailadmin_account")).content.decode()

    assert f'href="{reverse("mfa_index")}"' in html


@pytest.mark.django_db
def test_staff_with_mfa_give_the_code_before_they_are_signed_in(client, staff):
    organiser = staff("Seminar organisers", email="organiser@example.cn")
    secret = with_totp(organiser)

    response = sign_in(client, "organiser@example.cn")
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302

    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert signed_in(client)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_stands_in_for_a_lost_phone(client, staff):
    organiser = staff("Seminar organisers", email="organiser@example.cn")
    with_totp(organiser)
    recovery = RecoveryCodes(Authenticator.objects.get(user=organiser, type="recovery_codes"))

    sign_in(client, "organiser@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": recovery.get_unused_codes()[0]})

    assert signed_in(client)


@pytest.mark.django_db
def test_wrong_mfa_codes_are_throttled_too(client, staff):
    organiser = staff("Seminar organisers", email="organiser@example.cn")
    secret = with_totp(organiser)
    for _attempt in range(limit("key")):
        sign_in(client, "organiser@example.cn")
        client.post(reverse("mfa_authenticate"), {"code": "000000"})

    sign_in(client, "organiser@example.cn")
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert not signed_in(client)


@pytest.mark.django_db
def test_a_required_user_cannot_remove_their_only_authenticator_app(client, staff, mfa_rule):
    organiser = staff("Seminar organisers")
    with_totp(organiser)
    client.force_login(organiser)
    reauthenticate(client)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 200  # the form again, with allauth's refusal
    assert Authenticator.objects.filter(user=organiser, type="totp").exists()


@pytest.mark.django_db
def test_an_editor_may_remove_their_authenticator_app(client, staff, mfa_rule):
    editor = staff("Editors")
    with_totp(editor)
    client.force_login(editor)
    reauthenticate(client)

    client.post(reverse("mfa_deactivate_totp"))

    assert not Authenticator.objects.filter(user=editor, type="totp").exists()


# --- Password reset ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("fr", "mot de passe"), ("zh-hans", "密码"), ("en", "password")]
)
def test_the_password_reset_email_is_queued_in_the_outbox_in_the_users_language(
    client, staff, outbox_backend, language, words
):
    staff("Editors", email="zhao.min@example.cn", preferred_language=language)
    other = "en" if language != "en" else "fr"

    client.post(
        reverse("account_reset_password"),
        {"email": "zhao.min@example.cn"},
        HTTP_ACCEPT_LANGUAGE=other,  # the page's language; the email is in the user's
    )

    email = OutboundEmail.objects.get(to="zhao.min@example.cn")
    assert email.language == language
    assert words in email.body_text.lower()
    assert re.search(r"/accounts/password/reset/key/\S+", email.body_text)


@pytest.mark.django_db
def test_a_reset_for_an_unknown_address_sends_nothing_and_looks_the_same(
    client, staff, outbox_backend
):
    staff("Editors", email="zhao.min@example.cn")

    known = client.post(reverse("account_reset_password"), {"email": "zhao.min@example.cn"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known["Location"] == unknown["Location"]
    assert not OutboundEmail.objects.filter(to="nobody@example.org").exists()


@pytest.mark.django_db
def test_the_reset_link_sets_a_new_password_that_signs_in(client, staff, outbox_backend):
    staff("Editors", email="zhao.min@example.cn")
    client.post(reverse("account_reset_password"), {"email": "zhao.min@example.cn"})
    link = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+)",
        OutboundEmail.objects.get(to="zhao.min@example.cn").body_text,
    )

    form_url = client.get(link.group(1))["Location"]
    new_password = "a-brand-new-pass-42"
    client.post(form_url, {"password1": new_password, "password2": new_password})
    sign_in(client, "zhao.min@example.cn", new_password)

    assert signed_in(client)
    # ACCOUNT_EMAIL_NOTIFICATIONS: the owner hears of it, should someone else have done it.
    assert OutboundEmail.objects.filter(to="zhao.min@example.cn").count() == 2
