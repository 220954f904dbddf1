"""The registration form says which attendance modes are full and picks one with room."""

import re

import pytest

from seminars import services
from seminars.choices import AttendanceMode
from seminars.forms import RegistrationForm

pytestmark = pytest.mark.django_db


def register(seminar, details, n, **fields):
    return services.register_for_seminar(seminar, details=details(n, **fields), language="en")


def test_the_form_defaults_to_online_when_on_site_is_full_and_says_so(
    client, make_seminar, details
):
    seminar = make_seminar(capacity_onsite=1, capacity_online=5)
    register(seminar, details, 1)

    html = client.get(seminar.url).content.decode()
    form = RegistrationForm(seminar=seminar)

    assert form["mode"].initial == AttendanceMode.ONLINE
    assert dict(form.fields["mode"].choices) == {
        "onsite": "On site (full: waiting list)",
        "online": "Online",
    }
    radio = re.search(r'<input type="radio" name="mode" value="online"[^>]*>', html).group(0)
    assert "checked" in radio
    assert "On site (full: waiting list)" in html


def test_a_mode_with_people_waiting_counts_as_full_even_with_a_free_seat(
    client, make_seminar, details
):
    from seminars.models import SeminarPage

    seminar = make_seminar(capacity_onsite=1, capacity_online=1)
    register(seminar, details, 1)
    register(seminar, details, 2)
    SeminarPage.objects.filter(pk=seminar.pk).update(capacity_onsite=2)
    seminar.refresh_from_db()

    form = RegistrationForm(seminar=seminar)

    assert form["mode"].initial == AttendanceMode.ONLINE
    assert dict(form.fields["mode"].choices)["onsite"] == "On site (full: waiting list)"
    html = client.get(seminar.url).content.decode()
    assert "Full: you will be put on the waiting list" in html


def test_with_room_in_both_modes_the_form_keeps_on_site_first(make_seminar):
    form = RegistrationForm(seminar=make_seminar(capacity_onsite=3, capacity_online=3))

    assert form["mode"].initial == AttendanceMode.ONSITE
    assert dict(form.fields["mode"].choices) == {"onsite": "On site", "online": "Online"}
