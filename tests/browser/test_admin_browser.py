"""The organisers' admin in Chinese, as Chromium lays it out.

As in test_public_pages_browser.py: every ORM call happens before the browser starts.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.test import Client
from playwright.sync_api import sync_playwright

from home.demo import load_demo_content
from tests.browser.test_public_pages_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# How many lines the text of each status badge takes (one rectangle per line box).
BADGE_LINES = """() => [...document.querySelectorAll('.w-status')].map((badge) => {
  const range = document.createRange();
  range.selectNodeContents(badge);
  return [badge.textContent.trim(), range.getClientRects().length];
})"""


@pytest.fixture
def chinese_session(live_server, user_factory):
    """The session cookie of an administrator whose admin speaks Chinese."""
    from wagtail.users.models import UserProfile

    load_demo_content()
    administrator = user_factory(email="zh-admin@example.cn", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "zh-hans"
    profile.save()
    client = Client()
    client.force_login(administrator)
    return client.cookies["sessionid"].value


@pytest.mark.parametrize("width", [1000, 1280])
def test_status_badges_stay_on_one_line_in_the_chinese_registration_listing(
    live_server, chinese_session, width
):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.add_cookies(
            [{"name": "sessionid", "value": chinese_session, "url": live_server.url}]
        )
        try:
            page = context.new_page()
            page.goto("/admin/seminars/registrations/")
            badges = [tuple(badge) for badge in page.evaluate(BADGE_LINES)]
        finally:
            context.close()
            browser.close()

    assert ("已确认", 1) in badges
    assert [badge for badge in badges if badge[1] != 1] == []
