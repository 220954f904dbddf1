"""The Content-Security-Policy lets every page work: no violation reported by Chromium on the
public site, an attendee's private page, the admin's dashboard, the seminar editor with its
preview, and the check-in desk.

As in test_public_pages_browser.py: every ORM call happens before the browser starts.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

from home.demo import load_demo_content
from seminars.models import Registration, SeminarPage
from tests.browser.test_public_pages_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def addresses(live_server, staff):
    """The pages to open, and a superuser's session cookie."""
    load_demo_content()
    seminar = SeminarPage.objects.filter(locale__language_code="en").order_by("-starts_at")[0]
    registration = Registration.objects.filter(status="confirmed", mode="onsite").first()
    client = Client()
    client.force_login(staff(is_superuser=True, email="root@example.org"))
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    public = ["/en/", "/zh-hans/seminars/", seminar.url, f"/fr/registration/{registration.token}/"]
    admin = ["/admin/", f"/admin/seminars/check-in/{registration.seminar_id}/"]
    return public, admin, f"/admin/pages/{seminar.pk}/edit/", cookie


def _violations(messages):
    return [text for text in messages if "Content Security Policy" in text]


def test_no_page_breaks_its_content_security_policy(live_server, addresses):
    public, admin, editor, cookie = addresses
    messages = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("console", lambda message: messages.append(f"{page.url}: {message.text}"))
        try:
            context_free = [page.goto(path, wait_until="networkidle") for path in public]
            context.add_cookies([cookie])
            signed_in = [page.goto(path, wait_until="networkidle") for path in [*public, *admin]]
            signed_in.append(page.goto(editor, wait_until="networkidle"))
            policies = [r.headers.get("content-security-policy") for r in context_free + signed_in]
            page.click("button[data-side-panel-toggle='preview']")
            preview = page.frame_locator("iframe").first.locator("h1")
            preview_title = preview.first.inner_text(timeout=TIMEOUT_MS)
            page.locator("input[name='starts_at']").click()  # the date chooser's inline script
            page.locator(".xdsoft_datetimepicker:visible").first.wait_for(state="visible")
        finally:
            context.close()
            browser.close()

    assert all(policies), "every page is served with a policy"
    assert _violations(messages) == []
    assert preview_title  # the preview frame rendered the page
