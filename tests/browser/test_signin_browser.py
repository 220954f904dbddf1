"""Staff sign into the admin through allauth in Chromium: set up an authenticator app when their
role requires it, give its code at the next sign-in; the pages are accessible.

As in test_public_pages_browser.py: every ORM call happens before the browser starts or after
it is closed (Playwright's loop gives Django separate connections in between).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from urllib.parse import urlparse

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from playwright.sync_api import sync_playwright

from home.demo import load_demo_content
from tests.browser.test_public_pages_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    describe,
    serious_violations,
)

PASSWORD = "correct horse battery"  # tests/conftest.py UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def current_code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.fixture
def site(live_server, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    load_demo_content()
    cache.clear()
    yield live_server
    cache.clear()


@pytest.fixture
def browser_page(site):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=site.url, locale="zh-CN")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(f"pageerror: {error}"))
        try:
            yield page
        finally:
            context.close()
            browser.close()


def submit(page, **fields):
    for field_id, value in fields.items():
        page.fill(f"#{field_id}", value)
    with page.expect_navigation(wait_until="load"):
        page.click(".account-form button[type=submit]")


@pytest.fixture
def organiser(staff):
    return staff("Seminar organisers", email="organiser@example.cn")


def test_an_organiser_sets_up_an_authenticator_app_on_the_way_into_the_admin(
    organiser, browser_page
):
    page = browser_page

    page.goto("/admin/", wait_until="load")
    login_url = urlparse(page.url)
    login_violations = serious_violations(page)
    submit(page, id_login="organiser@example.cn", id_password=PASSWORD)
    setup_path = urlparse(page.url).path
    with page.expect_navigation(wait_until="load"):
        page.click('a[href="/accounts/2fa/totp/activate/"]')
    submit(page, id_password=PASSWORD)  # allauth asks for the password again first
    activate_violations = serious_violations(page)
    secret = page.input_value("#authenticator_secret")
    submit(page, id_code=current_code(secret))
    codes_path = urlparse(page.url).path
    page.goto("/admin/", wait_until="load")
    admin_path = urlparse(page.url).path

    assert (login_url.path, login_url.query) == ("/accounts/login/", "next=/admin/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert not login_violations, describe(login_violations)
    assert setup_path == "/accounts/2fa/"
    assert not activate_violations, describe(activate_violations)
    assert codes_path == "/accounts/2fa/recovery-codes/"
    assert admin_path == "/admin/"
    assert page.errors == []


@pytest.fixture
def organiser_with_app(organiser):
    secret = generate_totp_secret()
    TOTP.activate(organiser, secret)
    return secret


def test_an_organiser_with_an_authenticator_app_gives_its_code_at_sign_in(
    organiser_with_app, browser_page
):
    page = browser_page

    page.goto("/admin/", wait_until="load")
    submit(page, id_login="organiser@example.cn", id_password=PASSWORD)
    code_path = urlparse(page.url).path
    code_violations = serious_violations(page)
    submit(page, id_code=current_code(organiser_with_app))

    assert code_path == "/accounts/2fa/authenticate/"
    assert not code_violations, describe(code_violations)
    assert urlparse(page.url).path == "/admin/"
    assert page.errors == []
