"""The public pages in a real browser: no console errors, the right `lang`, no serious axe issues.

Drives Debian's Chromium (never a Playwright-downloaded one) against pytest-django's live
server. Skipped by tests/conftest.py when /usr/bin/chromium is missing.
"""

import os

# Playwright's sync API runs an asyncio loop in this thread; Django would otherwise refuse the
# ORM calls (demo content, database flush) made while the browser is open.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from urllib.parse import urljoin, urlparse  # noqa: E402

import pytest  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from home import demo_content  # noqa: E402
from home.demo import load_demo_content  # noqa: E402
from home.models import StandardPage  # noqa: E402

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


@pytest.fixture(scope="module")
def browser():
    from django.db import connections
    import contextvars, greenlet
    print("\nB0", id(connections["default"]), id(contextvars.copy_context()), greenlet.getcurrent(), connections._connections._storage._data.get(None))
    with sync_playwright() as playwright:
        print("B1", id(connections["default"]), greenlet.getcurrent(), connections._connections._storage._data.get(None))
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        print("B2", id(connections["default"]))
        yield browser
        browser.close()


@pytest.fixture
def demo_site():
    """The demo pages in three languages: already there for the first transactional test
    (loaded by tests/conftest.py), loaded again after a flush emptied the database."""
    from django.db import connection
    c = getattr(connection, "_test_serialized_contents", None)
    print("DEBUG serialized:", None if c is None else len(c), "Locale" in (c or "")[:10**9] and c.count('"wagtailcore.locale"'), "locales now:", Locale.objects.count())
    load_demo_content()
    assert StandardPage.objects.filter(slug=demo_content.ABOUT["slug"]).count() == len(LANGUAGES)


@pytest.fixture
def page(browser, live_server, demo_site):
    """A fresh page that records console errors and uncaught exceptions in `page.errors`."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on(
        "console",
        lambda message: (
            page.errors.append(f"console.error: {message.text} at {_where(message)}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: page.errors.append(f"pageerror: {error}"))
    yield page
    context.close()


def _where(message):
    location = message.location or {}
    return f"{location.get('url') or '?'}:{location.get('lineNumber', '?')}"


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


def test_language_switcher_leads_to_the_french_about_page(page):
    english = StandardPage.objects.get(
        slug=demo_content.ABOUT["slug"], locale__language_code="en"
    )
    french = english.get_translation(Locale.objects.get(language_code="fr"))
    french_path = urlparse(french.full_url).path
    assert french_path.startswith("/fr/")

    open_page(page, "/en/about/")
    link = page.locator('nav.lang-switcher a[hreflang="fr"]')
    assert link.count() == 1
    href = link.get_attribute("href")
    assert urlparse(urljoin(page.url, href)).path == french_path

    with page.expect_navigation(wait_until="load"):
        link.click()

    assert urlparse(page.url).path == french_path
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.errors == [], "errors in the browser:\n" + "\n".join(page.errors)
