"""The public pages in a real browser: no console errors, the right `lang`, no serious axe issues.

Drives Debian's Chromium (never a Playwright-downloaded one) against pytest-django's live
server. Skipped by tests/conftest.py when /usr/bin/chromium is missing.

While Playwright's sync API is open, this thread has a running asyncio loop, and Django then
keeps a *separate* set of database connections for it (asgiref's thread-critical Local switches
to context-variable storage). So every ORM call is made in fixtures set up before the browser
starts (`demo_site`, `french_about_path`), and the browser is closed before pytest-django flushes
the database: test code between the two only drives the browser.
"""

import os

# A safety net for ORM calls made while the Playwright loop runs (see above).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from wagtail.models import Locale

from home import demo_content
from home.demo import load_demo_content
from home.models import StandardPage

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LANGUAGES = ["zh-hans", "en", "fr"]
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 15_000

# serialized_rollback: the flush after each transactional test empties every table, including
# the rows the migrations create (default Site, locales, home page, role groups) and the demo
# content tests/conftest.py loads once per session; Django restores the migrations' rows from
# the snapshot taken when the test database was created, and `demo_site` reloads the demo.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_site(live_server):
    """The demo pages in three languages: already there for the first transactional test
    (loaded by tests/conftest.py), loaded again after a flush emptied the database."""
    load_demo_content()
    assert StandardPage.objects.filter(slug=demo_content.ABOUT["slug"]).count() == len(LANGUAGES)
    return live_server


@pytest.fixture
def french_about_path(demo_site):
    english = StandardPage.objects.get(slug=demo_content.ABOUT["slug"], locale__language_code="en")
    french = english.get_translation(Locale.objects.get(language_code="fr"))
    path = urlparse(french.full_url).path
    assert path.startswith("/fr/"), path
    return path


@pytest.fixture
def page(demo_site):
    """A fresh Chromium page on the live server; console errors and uncaught exceptions are
    collected in `page.errors`. Depends on `demo_site` so the database work is done first."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=demo_site.url, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: _record_console_error(page, message))
        page.on("pageerror", lambda error: page.errors.append(f"pageerror: {error}"))
        try:
            yield page
        finally:
            context.close()
            browser.close()


def _record_console_error(page, message):
    if message.type == "error":
        location = message.location or {}
        where = f"{location.get('url') or '?'}:{location.get('lineNumber', '?')}"
        page.errors.append(f"console.error: {message.text} at {where}")


def open_page(page, path):
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"
    return response


def serious_violations(page):
    violations = Axe().run(page).response["violations"]
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations):
    lines = []
    for violation in violations:
        nodes = violation.get("nodes") or [{}]
        target = (nodes[0].get("target") or ["?"])[0]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {target}"
            f" [{len(violation.get('nodes', []))} node(s)] {violation.get('help', '')}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_is_clean_and_accessible(page, language):
    path = f"/{language}/"
    open_page(page, path)

    assert page.errors == [], f"errors in the browser on {path}:\n" + "\n".join(page.errors)
    assert page.locator("html").get_attribute("lang") == language
    violations = serious_violations(page)
    assert not violations, f"serious/critical axe violations on {path}:\n" + describe(violations)


def test_language_switcher_leads_to_the_french_about_page(french_about_path, page):
    open_page(page, "/en/about/")
    link = page.locator('nav.lang-switcher a[hreflang="fr"]')
    assert link.count() == 1
    href = link.get_attribute("href")
    assert urlparse(urljoin(page.url, href)).path == french_about_path

    with page.expect_navigation(wait_until="load"):
        link.click()

    assert urlparse(page.url).path == french_about_path
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.errors == [], "errors in the browser:\n" + "\n".join(page.errors)
