"""An attendee registers in Chromium, is told the private link is on its way, opens it from the
email, cancels through it, and the next person on the waiting list is promoted.

As in test_public_pages_browser.py: every ORM call happens before the browser starts or after
it is closed (Playwright's loop gives Django separate connections in between).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import sync_playwright

from home.demo import load_demo_content
from seminars.choices import RegistrationStatus
from seminars.models import Registration, SeminarIndexPage, SeminarPage
from tests.browser.test_public_pages_browser import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def seminar(live_server):
    load_demo_content()
    index = SeminarIndexPage.objects.get(locale__language_code="en")
    starts = timezone.now() + timedelta(days=5)
    page = SeminarPage(
        title="Breast imaging workshop",
        slug="breast-imaging-workshop",
        summary="Hands-on reading of breast MRI.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        format="onsite",
        venue_name="Hunan Cancer Hospital",
        city="Changsha",
        capacity_onsite=1,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    mail.outbox.clear()
    return page


@pytest.fixture
def browser_page(live_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=live_server.url, locale="fr-FR")
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def register(page, path, name, email):
    page.goto(path)
    form = page.locator("form.registration-form")
    form.locator("input[name=full_name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=institution]").fill("Hôpital Tenon")
    form.locator("select[name=profession]").select_option("radiologist")
    form.locator("input[name=country]").fill("France")
    form.locator("input[name=language][value=fr]").check()
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#register$"))  # back on the seminar page: the link is emailed
    return page.locator("#register [role=status]").inner_text()


def private_link(live_server, to):
    email = next(m for m in reversed(mail.outbox) if m.to == [to])
    path = re.search(r"https?://[^/\s]+(/fr/registration/[^/\s]+/)", email.body).group(1)
    return email, live_server.url + path


def test_attendee_registers_cancels_by_email_link_and_the_next_is_promoted(
    live_server, seminar, browser_page
):
    page = browser_page
    told = register(page, seminar.url, "Hélène Dupré", "helene@example.fr")
    register(page, seminar.url, "王芳", "wang.fang@example.cn")
    confirmation, link = private_link(live_server, "helene@example.fr")
    waitlisted, _link = private_link(live_server, "wang.fang@example.cn")
    told_again = register(page, seminar.url, "Hélène Dupré", "helene@example.fr")

    page.goto(link)
    assert "Hélène Dupré" in page.content()
    page.locator("#cancel-confirm").check()
    page.locator("form[action$='/cancel/'] button[type=submit]").click()
    page.wait_for_load_state()
    cancelled_page = page.content()
    promoted = next(m for m in reversed(mail.outbox) if m.to == ["wang.fang@example.cn"])

    assert "helene@example.fr" in told and told == told_again  # registered or not: one answer
    assert "/registration/" not in told
    assert "Breast imaging workshop" in confirmation.subject
    assert confirmation.attachments and confirmation.attachments[0][0] == "seminar.ics"
    assert waitlisted is not promoted
    assert "annul" in cancelled_page.lower()  # French page: "annulée"
    statuses = dict(Registration.objects.filter(seminar=seminar).values_list("email", "status"))
    assert statuses == {
        "helene@example.fr": RegistrationStatus.CANCELLED,
        "wang.fang@example.cn": RegistrationStatus.CONFIRMED,
    }


@pytest.fixture
def organiser_login(live_server, seminar, staff):
    """An organiser, a confirmed attendee to check in, and the organiser's session cookie."""
    from django.conf import settings
    from django.test import Client

    from seminars import services

    organiser = staff("Seminar organisers", email="organiser@example.cn")
    seminar.organisers.add(organiser)
    seminar.save()
    attendee = services.register_for_seminar(
        seminar,
        details={
            "full_name": "欧阳娜娜",
            "email": "ouyang@example.cn",
            "institution": "Xiangya Hospital",
            "profession": "nurse",
            "country": "China",
            "mode": "onsite",
        },
        language="zh-hans",
    )
    client = Client()
    client.force_login(organiser)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    return cookie, attendee


def test_organiser_checks_someone_in_on_a_phone(live_server, seminar, organiser_login):
    cookie, attendee = organiser_login
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.add_cookies([cookie])
        page = context.new_page()
        try:
            page.goto(f"/admin/seminars/check-in/{seminar.pk}/?q=欧阳")
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            page.get_by_role("button", name="Check in 欧阳娜娜").click()
            page.wait_for_load_state()
            after = page.content()
        finally:
            context.close()
            browser.close()

    attendee.refresh_from_db()
    assert not overflow  # no sideways scrolling on a phone
    assert attendee.status == RegistrationStatus.ATTENDED
    assert attendee.checked_in_at is not None
    assert "欧阳娜娜" in after
