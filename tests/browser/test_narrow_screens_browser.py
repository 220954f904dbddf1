"""The public pages fit a 320 px wide phone: nothing wider than the screen, so nobody scrolls
sideways to reach the main menu (Chinese and French labels are the longest to fit).

Same setup as test_public_pages_browser.py: every ORM call is made in fixtures before the
browser starts. Set NARROW_SCREENSHOTS=/some/dir to keep a screenshot of each page.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from exchange.models import ProgrammeIndexPage
from home.demo import load_demo_content
from seminars.models import SeminarIndexPage
from tests.browser.test_public_pages_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["en", "fr", "zh-hans"]
NARROWEST = 320


@pytest.fixture
def paths(live_server):
    """{language: [home, seminar index, programme index paths]} of the demo site."""
    load_demo_content()
    found = {}
    for language in LANGUAGES:
        indexes = [
            model.objects.live().get(locale__language_code=language)
            for model in (SeminarIndexPage, ProgrammeIndexPage)
        ]
        found[language] = [f"/{language}/", *(index.url for index in indexes)]
    return found


@pytest.fixture
def browser(paths, live_server):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = chromium.new_context(
            base_url=live_server.url, viewport={"width": NARROWEST, "height": 900}
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context.new_page()
        finally:
            context.close()
            chromium.close()


def screenshot(page, path, width):
    folder = os.environ.get("NARROW_SCREENSHOTS")
    if folder:
        name = path.strip("/").replace("/", "_") or "root"
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_is_wider_than_a_320_px_screen(browser, paths, language):
    too_wide = {}
    for path in paths[language]:
        response = browser.goto(path, wait_until="load")
        assert response.status == 200, path
        width = browser.evaluate("document.documentElement.scrollWidth")
        if width > NARROWEST:
            too_wide[path] = width
        screenshot(browser, path, NARROWEST)

    assert too_wide == {}, f"wider than {NARROWEST} px: {too_wide}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_main_menu_item_is_on_screen_at_320_px(browser, paths, language):
    browser.goto(paths[language][0], wait_until="load")
    right_edges = browser.eval_on_selector_all(
        ".main-menu a", "links => links.map(link => link.getBoundingClientRect().right)"
    )

    assert right_edges and max(right_edges) <= NARROWEST
