from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exchange.choices import CallStatus, Direction
from exchange.models import ProgrammeIndexPage, ProgrammePage


def call(**fields):
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
    return ProgrammePage(**{**values, **fields})


@pytest.fixture
def programme_index(home_page):
    return home_page.add_child(instance=ProgrammeIndexPage(title="Programmes", slug="programmes"))


def test_a_call_is_upcoming_then_open_then_closed():
    page = call()
    assert page.call_status(page.opens_at - timedelta(seconds=1)) == CallStatus.UPCOMING
    assert page.call_status(page.opens_at) == CallStatus.OPEN
    assert page.call_status(page.closes_at) == CallStatus.CLOSED


def test_a_call_refuses_dates_out_of_order():
    page = call()
    page.closes_at = page.opens_at
    page.decision_release_at = page.opens_at - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert {"closes_at", "decision_release_at"} <= set(error.value.message_dict)


@pytest.mark.django_db
def test_open_calls_lists_only_open_live_calls_closing_soonest_first(programme_index):
    now = timezone.now()
    later = programme_index.add_child(
        instance=call(slug="later", closes_at=now + timedelta(days=40))
    )
    sooner = programme_index.add_child(
        instance=call(slug="sooner", closes_at=now + timedelta(days=5))
    )
    programme_index.add_child(instance=call(slug="upcoming", opens_at=now + timedelta(days=2)))
    programme_index.add_child(
        instance=call(
            slug="closed", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
        )
    )

    assert ProgrammePage.open_calls(programme_index.locale_id, 3) == [sooner, later]


@pytest.mark.django_db
def test_the_editor_ticks_professions_and_documents_in_the_admin(admin_client, programme_index):
    response = admin_client.get(f"/admin/pages/add/exchange/programmepage/{programme_index.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="eligible_professions"' in html and 'type="checkbox"' in html
    assert 'name="required_documents"' in html
