"""Unsaved answers survive a reload or a crash in Chromium (static/js/application-draft.js under
the site's strict CSP), and are forgotten once the server has saved them.

As in test_public_pages_browser.py: every ORM call happens before the browser starts or after
it is closed (Playwright's loop gives Django separate connections in between).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from playwright.sync_api import sync_playwright

from exchange.models import Application
from home.demo import load_demo_content
from tests.browser.test_public_pages_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    describe,
    serious_violations,
)
from tests.exchange.conftest import PASSWORD, programme_index_of, publish_call

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
KEY = "exchange-draft:{pk}:personal"


@pytest.fixture
def site(live_server):
    load_demo_content()
    cache.clear()
    yield live_server
    cache.clear()


@pytest.fixture
def draft(site, home_page, user_factory):
    applicant = user_factory(email="li.na@example.cn", full_name="李娜")
    EmailAddress.objects.create(user=applicant, email=applicant.email, primary=True, verified=True)
    call = publish_call(programme_index_of(home_page))
    return Application.objects.create(call=call, applicant=applicant)


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
        page.on(
            "console",
            lambda message: message.type == "error" and page.errors.append(message.text),
        )
        page.on("pageerror", lambda error: page.errors.append(f"pageerror: {error}"))
        try:
            yield page
        finally:
            context.close()
            browser.close()


def sign_in_and_open(page, draft):
    step = f"/zh-hans/my/applications/{draft.pk}/personal/"
    page.goto(step, wait_until="load")  # to the sign-in page, and back after it
    page.fill("#id_login", "li.na@example.cn")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click(".account-form button[type=submit]")
    assert page.url.endswith(step), page.url


def kept(page, draft):
    return page.evaluate("key => window.localStorage.getItem(key)", KEY.format(pk=draft.pk))


def test_typed_answers_come_back_after_a_reload_and_go_once_saved(draft, browser_page):
    page = browser_page
    sign_in_and_open(page, draft)

    page.fill("#id_nationality", "中国")
    page.fill("#id_phone", "+86 731 8865 1234")
    page.select_option("#id_profession", "physicist")
    kept_while_typing = kept(page, draft)
    page.reload(wait_until="load")  # as after a crash: nothing was sent to the server
    restored = (
        page.input_value("#id_nationality"),
        page.input_value("#id_phone"),
        page.input_value("#id_profession"),
    )
    notice_shown = page.is_visible("[data-draft-restored]")
    violations = serious_violations(page)
    with page.expect_navigation(wait_until="load"):
        page.click("button[value=draft]")
    kept_after_saving = kept(page, draft)
    shown_after_saving = page.input_value("#id_nationality")
    page.reload(wait_until="load")
    notice_after_saving = page.is_visible("[data-draft-restored]")
    errors = list(page.errors)

    assert kept_while_typing and "中国" in kept_while_typing
    assert restored == ("中国", "+86 731 8865 1234", "physicist")
    assert notice_shown
    assert not violations, describe(violations)
    assert kept_after_saving is None
    assert shown_after_saving == "中国"
    assert not notice_after_saving
    assert errors == []
    draft.refresh_from_db()
    assert (draft.nationality, draft.phone) == ("中国", "+86 731 8865 1234")


def test_discarding_puts_the_saved_answers_back(draft, browser_page):
    page = browser_page
    sign_in_and_open(page, draft)
    page.fill("#id_position", "Typed, then thought better of")
    page.reload(wait_until="load")

    page.click("[data-draft-discard]")

    assert page.input_value("#id_position") == ""
    assert kept(page, draft) is None
    assert not page.is_visible("[data-draft-restored]")


def test_signing_out_forgets_every_kept_answer(draft, browser_page):
    page = browser_page
    sign_in_and_open(page, draft)
    page.fill("#id_position", "Not for the next person on this computer")

    page.goto("/accounts/logout/", wait_until="load")
    with page.expect_navigation(wait_until="load"):
        page.click("form[data-draft-forget-all] button[type=submit]")

    assert kept(page, draft) is None
