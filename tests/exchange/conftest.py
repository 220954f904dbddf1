import itertools
from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import Locale

from exchange.choices import Direction
from exchange.models import Application, ProgrammeIndexPage, ProgrammePage


def call_fields(**fields):
    """A call's fields: open since yesterday, closing in 30 days, unless `fields` say else."""
    now = timezone.now()
    values = {
        "title": "Quality control in radiotherapy",
        "summary": "Six weeks in Paris.",
        "direction": Direction.CHINA_TO_FRANCE,
        "discipline": "radiotherapy",
        "duration_weeks": 6,
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "decision_release_at": now + timedelta(days=60),
        "offer_deadline": now + timedelta(days=75),
    }
    return {**values, **fields}


@pytest.fixture
def programme_index(home_page):
    """An index of the tests' own beside the demo's, so that a list holds only the calls a test
    makes (ProgrammeIndexPage allows one per parent in the admin, not in code)."""
    return home_page.add_child(
        instance=ProgrammeIndexPage(title="Calls under test", slug="calls-under-test")
    )


@pytest.fixture
def make_call(programme_index):
    """make_call(opens_in=…, closes_in=… days, **fields): a live call in `programme_index`,
    open by default; negative days are in the past."""
    numbers = itertools.count(1)

    def make(opens_in=-1, closes_in=30, **fields):
        n = next(numbers)
        now = timezone.now()
        closes_at = now + timedelta(days=closes_in)
        values = call_fields(
            **{
                "title": f"Call {n:03d}",
                "slug": f"call-{n}",
                "opens_at": now + timedelta(days=opens_in),
                "closes_at": closes_at,
                "decision_release_at": closes_at + timedelta(days=30),
                "offer_deadline": closes_at + timedelta(days=45),
                **fields,
            }
        )
        departments = values.pop("host_departments", [])
        criteria = values.pop("criteria", [])
        page = ProgrammePage(**values)
        page.host_departments = departments
        for criterion in criteria:
            page.criteria.add(criterion)
        programme_index.add_child(instance=page)
        return page

    return make


@pytest.fixture
def demo_call():
    """demo_call("qc", "qc_previous", "diep" or "imaging", language): a call of the demo
    content."""
    from exchange import demo_data as dd

    slugs = {
        "qc": dd.QC_CALL["slug"],
        "qc_previous": dd.PREVIOUS_QC_CALL["slug"],
        "diep": dd.DIEP_CALL["slug"],
        "imaging": dd.IMAGING_CALL["slug"],
    }

    def find(name, language="en"):
        return ProgrammePage.objects.get(slug=slugs[name], locale__language_code=language)

    return find


PASSWORD = "correct horse battery"  # tests/conftest.py UserFactory


@pytest.fixture(autouse=True)
def _no_demo_applications(request, db):
    """The demo content holds applications in every state; each test counts only the
    applications (their references and audit entries) it makes, unless it is marked as a test
    of the demo itself. The demo's audit entries go too: a new application may take a deleted
    one's id. (Its decision letters: tests/conftest.py.)"""
    if "demo_applications" in request.keywords:
        return
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from exchange.models import ReferenceCounter, Review

    Application.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    models = ContentType.objects.get_for_models(Application, Review).values()
    ModelLogEntry.objects.filter(content_type__in=models).delete()


@pytest.fixture(autouse=True)
def _empty_outbox(db):
    """The demo content queued emails when it was loaded; each test reads only its own."""
    from portal.models import OutboundEmail

    OutboundEmail.objects.all().delete()


def programme_index_of(home):
    """The programme index under `home`, made and published if there is none."""
    index = ProgrammeIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = home.add_child(instance=ProgrammeIndexPage(title="Programmes", slug="programmes"))
        index.save_revision().publish()
    return index


def publish_call(index, n=1, **fields):
    """A live call under `index`, open since yesterday, closing in a month."""
    now = timezone.now()
    values = {
        "title": f"Quality control in radiotherapy {n}",
        "slug": f"quality-control-{n}",
        "summary": "Six weeks with the medical physics team in Paris.",
        "direction": Direction.CHINA_TO_FRANCE,
        "discipline": "radiotherapy",
        "duration_weeks": 6,
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=30),
        "decision_release_at": now + timedelta(days=60),
        "offer_deadline": now + timedelta(days=75),
        **fields,
    }
    call = index.add_child(instance=ProgrammePage(**values))
    call.save_revision().publish()
    index.refresh_from_db()
    return ProgrammePage.objects.get(pk=call.pk)


@pytest.fixture
def call(make_call):
    return make_call()


def translate_call(call, language_code, title):
    """The call's translation into `language_code`, published with `title`."""
    locale = Locale.objects.get(language_code=language_code)
    index = call.get_parent().specific
    if index.get_translation_or_none(locale) is None:
        index.copy_for_translation(locale).save_revision().publish()
    copy = call.copy_for_translation(locale)
    copy.title = title
    copy.save_revision().publish()
    return ProgrammePage.objects.get(pk=copy.pk)


@pytest.fixture
def make_applicant(user_factory):
    """make_applicant(email=…, verified=True): an account as sign-up makes them (not staff)."""

    def make(verified=True, **fields):
        user = user_factory(**fields)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        return user

    return make


@pytest.fixture
def applicant(make_applicant):
    return make_applicant(email="li.na@example.cn", full_name="李娜", preferred_language="zh-hans")


# Details a leak would show: the test of every "not yours" answer looks for these.
OTHER_NAME = "Claire Dubois-Martin"
OTHER_PHONE = "+33 6 12 34 56 78"


@pytest.fixture
def other_application(make_applicant, call):
    """Someone else's draft to the same call, with a name and a phone number that must never
    appear on anyone else's page."""
    other = make_applicant(email="claire.dubois@example.fr", full_name=OTHER_NAME)
    return Application.objects.create(
        call=call,
        applicant=other,
        passport_name=OTHER_NAME.upper(),
        phone=OTHER_PHONE,
        motivation="Confidential motivation of the other applicant.",
    )


PERSONAL = {
    "passport_name": "LI NA",
    "date_of_birth": date(1988, 5, 17),
    "nationality": "Chinese",
    "phone": "+86 731 8865 1234",
    "institution": "Hunan Cancer Hospital",
    "department": "Radiotherapy",
    "profession": "physicist",
    "position": "Medical physicist",
    "years_experience": 7,
}


def complete_fields():
    start = timezone.localdate() + timedelta(days=120)
    return {
        **PERSONAL,
        "english_level": "B2",
        "french_level": "A2",
        "motivation": "To bring back a quality-control programme for our new linacs.",
        "training_objectives": "Run patient-specific QA independently.",
        "earliest_start": start,
        "latest_end": start + timedelta(weeks=10),
    }


@pytest.fixture
def draft(applicant, call):
    return Application.objects.create(call=call, applicant=applicant)


def ask_referees(application, count=None, **fields):
    """`count` referees (default: as many as the call requires) asked for a letter, as
    exchange.services.referees records them, without sending anything."""
    from exchange.models import Referee

    count = application.call.referees_required if count is None else count
    return [
        Referee.objects.create(
            application=application,
            name=f"Referee {n}",
            email=f"referee{n}.{application.pk}@example.org",
            institution="Hunan Cancer Hospital",
            position="Head of department",
            **fields,
        )
        for n in range(1, count + 1)
    ]
