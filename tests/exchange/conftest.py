import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from exchange.choices import Direction
from exchange.models import ProgrammeIndexPage, ProgrammePage


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
    """demo_call("qc" or "diep" or "imaging", language): a call of the demo content."""
    slugs = {
        "qc": "radiotherapy-quality-control-paris-",
        "diep": "diep-breast-reconstruction-observership-changsha",
        "imaging": "breast-imaging-fellowship-paris-",
    }

    def find(name, language="en"):
        return ProgrammePage.objects.get(
            slug__startswith=slugs[name], locale__language_code=language
        )

    return find
