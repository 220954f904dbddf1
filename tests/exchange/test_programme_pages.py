from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exchange.choices import CallStatus
from exchange.models import ProgrammePage
from tests.exchange.conftest import call_fields


def call(**fields):
    return ProgrammePage(**call_fields(**fields))


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

    mine = {page.pk for page in programme_index.get_children()}
    listed = ProgrammePage.open_calls(programme_index.locale_id, 10)
    assert [page for page in listed if page.pk in mine] == [sooner, later]  # not the demo's


@pytest.mark.django_db
def test_the_editor_ticks_professions_and_documents_in_the_admin(admin_client, programme_index):
    response = admin_client.get(f"/admin/pages/add/exchange/programmepage/{programme_index.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="eligible_professions"' in html and 'type="checkbox"' in html
    assert 'name="required_documents"' in html
