"""A trainee's whole way through a call in Chromium, each person in their own language.

An applicant signs up in Chinese on a phone, confirms her address from the email, applies to
the Paris placement step by step (a PDF and a PNG uploaded, a referee named and written to in
French) and submits; the referee uploads a letter through the private link in the email; the
coordinator (admin in English) accepts the application for review and assigns a reviewer; the
reviewer (admin in French) declares no conflict and scores it; the call closes, the coordinator
selects it, the release publishes the decision; the applicant reads it on her dashboard,
downloads the letter and accepts the place.

As in test_public_pages_browser.py, no ORM call is made on this thread while Playwright runs:
what must change between the phases (the call closing, the release date passing, the beat job
that releases the decisions) runs on a thread of its own (`in_own_thread`). Emails are read
from django.core.mail.outbox, where the outbox delivers them (tests run its tasks eagerly).

Screenshots and the decision letter go to var/screens/ (not committed) for a person to look at.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re
import threading
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import sync_playwright

from exchange import demo_data as dd
from exchange import demo_staff
from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, ProgrammePage
from home.demo import load_demo_content
from tests.browser.test_public_pages_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT_MS,
    describe,
    serious_violations,
)
from tests.portal.test_uploads import png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = settings.BASE_DIR / "var" / "screens"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 2000}
STAFF_PASSWORD = "staff pass for the journey 7"
APPLICANT = {"name": "李娜", "email": "li.na@example.cn", "password": "a-long-new-pass-9"}
REFEREE = {
    "name": "Hélène Garnier",
    "email": "helene.garnier@example.fr",
    "institution": "Institut Curie",
    "position": "Physicienne médicale, responsable qualité",
}
REFERENCE = re.compile(r"HX-\d{4}-\d{4,}")
RECEIVED = (
    "It goes to the selection committee only. A receipt is on its way to your email address. "
    "The private link is now closed: you need do nothing more."
)
LINK = r"https?://[^/\s]+([^\s\"<>]*{part}[^\s\"<>]*)"


def in_own_thread(work, *args):
    """Run `work(*args)` on a new thread, with Django's ordinary connections (closed after),
    and return its result: safe while Playwright's loop runs on this one."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work(*args)
        except BaseException as error:  # re-raised on the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def pdf_with_text(lines):
    """A one-page PDF with text, as a word processor exports it."""
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


@pytest.fixture
def files(tmp_path):
    """The applicant's CV (PDF, a Chinese file name) and photo (PNG), the referee's letter."""
    paths = {
        "cv": tmp_path / "简历-李娜.pdf",
        "photo": tmp_path / "photo.png",
        "letter": tmp_path / "lettre-garnier.pdf",
    }
    paths["cv"].write_bytes(pdf_with_text(["李娜 · 医学物理师", "湖南省肿瘤医院 放疗科, 2017–"]))
    paths["photo"].write_bytes(png_bytes(size=(300, 400)))
    paths["letter"].write_bytes(
        pdf_with_text(["Lettre de recommandation", "Je recommande vivement Mme Li Na."])
    )
    return paths


@pytest.fixture
def journey(live_server, settings, files):
    """The demo content, its Paris call asking for a CV, a photo and one referee, and the demo
    coordinator and reviewer with passwords to sign in with."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxEmailBackend"  # every email via the outbox
    load_demo_content()
    cache.clear()
    calls = ProgrammePage.objects.filter(slug=dd.QC_CALL["slug"])
    calls.update(required_documents=["cv", "photo"], referees_required=1)
    call = calls.get(locale__language_code="en").canonical
    call.titles = dict(calls.values_list("locale__language_code", "title"))
    for staff in get_user_model().objects.filter(
        email__in=[demo_staff.COORDINATOR_EMAIL, demo_staff.REVIEWER_EMAIL]
    ):
        staff.set_password(STAFF_PASSWORD)
        staff.save(update_fields=["password"])
    SCREENS.mkdir(parents=True, exist_ok=True)
    mail.outbox.clear()
    yield {
        "url": live_server.url,
        "call": call,
        "zh_title": call.titles["zh-hans"],
        "criteria": call.criteria.count(),
        "files": files,
    }
    cache.clear()


class Person:
    """One browser context (a person on their own device), collecting console errors."""

    def __init__(self, browser, base_url, name, **options):
        self.name = name
        self.context = browser.new_context(base_url=base_url, **options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.shots = 0

    def shot(self, label):
        self.shots += 1
        path = SCREENS / f"{self.name}-{self.shots:02d}-{label}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def go(self, path):
        response = self.page.goto(path, wait_until="load")
        assert response.status == 200, f"{path}: {response.status}"

    def click(self, selector, **options):
        with self.page.expect_navigation(wait_until="load"):
            self.page.locator(selector, **options).first.click()

    def text(self, selector="main"):
        return self.page.locator(selector).first.inner_text()

    def sign_in(self, email, password, then):
        self.go(then)  # to the sign-in page, and back after it
        self.page.fill("#id_login", email)
        self.page.fill("#id_password", password)
        self.click(".account-form button[type=submit]")
        assert urlparse(self.page.url).path == then, self.page.url


def said(language, message, **values):
    with translation.override(language):
        text = gettext(message)
    return text % values if values else text


def email_to(address, part):
    """The latest email to `address`, and the path of its first link containing `part`."""
    email = next(m for m in reversed(mail.outbox) if m.to == [address])
    found = re.search(LINK.format(part=re.escape(part)), email.body)
    return email, found.group(1) if found else None


# The applicant, in Chinese on a phone.


def sign_up(applicant, journey, checks):
    page = applicant.page
    applicant.go("/zh-hans/programmes/")
    applicant.click(f"a:has-text('{journey['zh_title']}')")
    applicant.shot("call")
    applicant.click("a[href*='/my/apply/']")  # "Apply for this call", to the sign-in page
    applicant.click("a[href^='/accounts/signup/']")
    checks["signup"] = serious_violations(page)
    page.fill("#id_full_name", APPLICANT["name"])
    page.fill("#id_email", APPLICANT["email"])
    page.fill("#id_password1", APPLICANT["password"])
    page.fill("#id_password2", APPLICANT["password"])
    applicant.shot("signup")
    applicant.click(".account-form button[type=submit]")
    applicant.shot("verification-sent")
    email, link = email_to(APPLICANT["email"], "/accounts/confirm-email/")
    assert link, email.body
    assert email.subject == said("zh-hans", "Please Confirm Your Email Address")
    applicant.go(link)
    applicant.click("main button[type=submit]")
    assert page.locator("html").get_attribute("lang") == "zh-hans"


def start(applicant, checks):
    """Back where she was going when she signed up: what applying involves, and its button."""
    assert "/my/apply/" in applicant.page.url, applicant.page.url
    checks["start"] = serious_violations(applicant.page)
    applicant.shot("start")
    applicant.click("main form button[type=submit]")  # "Start my application"


def fill_steps(applicant, checks):
    page = applicant.page
    start = timezone.localdate() + timedelta(days=120)
    steps = [
        (
            "personal",
            {
                "#id_passport_name": "LI NA",
                "#id_date_of_birth": "1988-05-17",
                "#id_nationality": "中国",
                "#id_phone": "+86 731 8865 1234",
                "#id_institution": "湖南省肿瘤医院",
                "#id_department": "放疗科",
                "#id_position": "主管物理师",
                "#id_years_experience": "7",
            },
        ),
        ("languages", {"#id_english_certificate": "IELTS 7.0（2023）"}),
        ("motivation", {"#id_motivation": "我科新装两台直线加速器，希望系统学习患者个体化质控。"}),
        ("objectives", {"#id_training_objectives": "回院后独立开展调强计划的剂量验证。"}),
        (
            "period",
            {
                "#id_earliest_start": start.isoformat(),
                "#id_latest_end": (start + timedelta(weeks=10)).isoformat(),
            },
        ),
    ]
    for step, fields in steps:
        assert urlparse(page.url).path.endswith(f"/{step}/"), page.url
        for selector, value in fields.items():
            page.fill(selector, value)
        if step == "personal":
            page.select_option("#id_profession", "physicist")
        if step == "languages":
            page.select_option("#id_english_level", "C1")
            page.select_option("#id_french_level", "A2")
        checks[step] = serious_violations(page)
        applicant.shot(step)
        applicant.click("button[value=continue]")


def upload_documents(applicant, files, checks):
    page = applicant.page
    assert urlparse(page.url).path.endswith("/documents/"), page.url
    for kind in ("cv", "photo"):
        page.set_input_files(f"#id_{kind}-file", files[kind])
        applicant.click(f"#id_{kind} button[value=upload]")
    checks["documents"] = serious_violations(page)
    applicant.shot("documents")
    text = applicant.text()
    assert files["cv"].name in text and files["photo"].name in text
    applicant.click(".application-step a[href$='/referees/']")  # "Continue"


def ask_referee(applicant, checks):
    page = applicant.page
    assert urlparse(page.url).path.endswith("/referees/"), page.url
    for field in ("name", "email", "institution", "position"):
        page.fill(f"#id_{field}", REFEREE[field])
    page.check("input[name=language][value=fr]")
    applicant.click("button[value=request]")
    checks["referees"] = serious_violations(page)
    applicant.shot("referees")
    assert said("zh-hans", "The request is on its way to %(name)s (%(email)s).", **REFEREE) in (
        applicant.text()
    )


def submit(applicant, checks):
    page = applicant.page
    applicant.click("a.referee-continue, .referee-continue a")
    checks["review"] = serious_violations(page)
    applicant.shot("review")
    page.check("#id_confirm")
    applicant.click(".submit-box button[type=submit]")
    applicant.shot("submitted")
    reference = REFERENCE.search(applicant.text()).group(0)
    checks["submitted"] = serious_violations(page)
    return reference


# The referee, in French, from the email.


def write_letter(referee, files):
    email, link = email_to(REFEREE["email"], "/fr/referee/")
    assert email.subject == said(
        "fr", "A letter of recommendation for %(name)s", name="李娜 (LI NA)"
    )
    referee.go(link)
    referee.shot("request")
    lead = said("fr", "Two ways to answer")
    assert lead in referee.text()
    referee.page.set_input_files("#id_letter", files["letter"])
    referee.click("button[value=upload]")
    referee.shot("thanks")
    return referee.text()


# The coordinator, admin in English; the reviewer, admin in French.


def screen_and_assign(coordinator, reference):
    page = coordinator.page
    coordinator.sign_in(demo_staff.COORDINATOR_EMAIL, STAFF_PASSWORD, "/admin/")
    coordinator.go(f"/admin/exchange/applications/?q={reference}")
    coordinator.click(f"a:has-text('{reference}')")
    coordinator.shot("inspect")
    coordinator.click(f"header a:has-text('{said('en', 'Accept for review')}')")
    coordinator.click("main form button[type=submit]")
    coordinator.click(f"header a:has-text('{said('en', 'Assign a reviewer')}')")
    page.get_by_label(re.compile("Dr Claire Martin")).check()
    coordinator.shot("assign")
    coordinator.click("main form button[type=submit]")
    coordinator.shot("assigned")
    return coordinator.text()


def review(reviewer, reference, criteria):
    page = reviewer.page
    reviewer.sign_in(demo_staff.REVIEWER_EMAIL, STAFF_PASSWORD, "/admin/reviews/")
    reviewer.click(f"main a:has-text('{reference}')")
    page.check("input[name=declaration][value=none]")
    reviewer.shot("declare")
    reviewer.click("main form button[type=submit]")
    declared = reviewer.text()
    scales = page.locator("fieldset.review__criterion")
    assert scales.count() == criteria
    for n in range(criteria):
        scales.nth(n).locator("input[value='8']").check()
    page.check("input[name=recommendation][value=strong]")
    page.fill("#id_comment", "Projet clair et soutenu par son chef de service ; anglais courant.")
    reviewer.shot("score")
    reviewer.click("button[value=submit]")
    reviewer.shot("submitted")
    return declared, reviewer.text()


def decide(coordinator, call):
    page = coordinator.page
    coordinator.go(f"/admin/programmes/ranking/{call.pk}/")
    row = page.locator("table.ranking__table tbody tr", has_text=APPLICANT["name"])
    row.locator("select[name=outcome]").select_option("selected")
    row.locator("input[name=note]").fill("Premier du classement ; projet de service solide.")
    coordinator.shot("ranking")
    with page.expect_navigation(wait_until="load"):
        row.locator("button[type=submit]").click()
    coordinator.shot("decided")
    return coordinator.text()


# Between the phases: time passes (on a thread of its own).


def close_call(call):
    now = timezone.now()
    ProgrammePage.objects.filter(translation_key=call.translation_key).update(
        closes_at=now - timedelta(minutes=1)
    )


def release(call):
    from exchange.tasks import release_due_decisions

    ProgrammePage.objects.filter(translation_key=call.translation_key).update(
        decision_release_at=timezone.now() - timedelta(seconds=1)
    )
    return release_due_decisions()


# The applicant after the release.


def read_decision_and_accept(applicant, checks):
    page = applicant.page
    applicant.go("/zh-hans/my/")
    checks["dashboard"] = serious_violations(page)
    applicant.shot("dashboard-released")
    dashboard = applicant.text()
    href = page.locator(".decision-box__letter a").get_attribute("href")
    response = page.request.get(href)  # with her session: what the link gives her
    assert response.status == 200, href
    assert response.headers["content-type"] == "application/pdf"
    letter = SCREENS / "decision-letter.pdf"
    letter.write_bytes(response.body())
    applicant.click(".decision-box__actions a")
    checks["offer"] = serious_violations(page)
    applicant.shot("offer")
    applicant.click(".offer__choice--accept button[type=submit]")
    applicant.shot("accepted")
    accepted = applicant.text()
    applicant.go("/zh-hans/my/")
    applicant.shot("dashboard-accepted")
    return dashboard, letter, accepted


def test_a_trainee_signs_up_applies_is_reviewed_selected_and_accepts_her_place(journey):
    call, files, checks = journey["call"], journey["files"], {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        base = journey["url"]
        applicant = Person(
            browser, base, "applicant", locale="zh-CN", viewport=PHONE, is_mobile=True
        )
        referee = Person(browser, base, "referee", locale="fr-FR")
        # The admin scrolls inside its own panel: a tall window shows a whole page at once.
        coordinator = Person(browser, base, "coordinator", locale="en-GB", viewport=DESK)
        reviewer = Person(browser, base, "reviewer", locale="fr-FR", viewport=DESK)
        try:
            sign_up(applicant, journey, checks)
            start(applicant, checks)
            fill_steps(applicant, checks)
            upload_documents(applicant, files, checks)
            ask_referee(applicant, checks)
            reference = submit(applicant, checks)
            acknowledgement, _link = email_to(APPLICANT["email"], "/my/")
            thanks = write_letter(referee, files)
            screened = screen_and_assign(coordinator, reference)
            declared, reviewed = review(reviewer, reference, journey["criteria"])
            in_own_thread(close_call, call)
            decided = decide(coordinator, call)
            released = in_own_thread(release, call)
            dashboard, letter, accepted = read_decision_and_accept(applicant, checks)
            errors = {p.name: p.errors for p in (applicant, referee, coordinator, reviewer)}
        finally:
            browser.close()

    title = call.titles["zh-hans"]
    assert acknowledgement.subject == said(
        "zh-hans",
        "Application received: %(reference)s, %(title)s",
        reference=reference,
        title=title,
    )
    assert reference in acknowledgement.body
    assert said("fr", "Thank you") in thanks
    assert said("fr", RECEIVED) in thanks
    assert said("en", "In review") in screened and "Dr Claire Martin" in screened
    shown = APPLICANT["name"] in declared or APPLICANT["name"] in reviewed
    assert shown is not call.blind_review  # a blind call hides who applies
    assert said("fr", "Your review of %(reference)s is submitted.", reference=reference) in (
        reviewed
    )
    assert said("en", "%(name)s: %(decision)s.", name="李娜", decision=said("en", "Selected")) in (
        decided
    )
    assert released == 1
    assert said("zh-hans", "Selected") in dashboard
    assert said("zh-hans", "Accept or decline the place") in dashboard
    assert letter.read_bytes().startswith(b"%PDF")
    assert said("zh-hans", "Place accepted") in accepted
    serious = {name: describe(found) for name, found in checks.items() if found}
    assert serious == {}, "\n".join(f"{name}: {text}" for name, text in serious.items())
    assert errors == {name: [] for name in errors}
    application = Application.objects.get(reference=reference)
    assert application.status == ApplicationStatus.OFFER_ACCEPTED
    assert application.reviews.get().status == ReviewStatus.SUBMITTED
    assert application.referees.get().status == "received"
