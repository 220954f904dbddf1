"""The badge's check-in code: it checks in at the desk and opens nothing else."""

from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from seminars import services
from seminars.choices import RegistrationStatus
from seminars.models import Registration
from seminars.qr import checkin_qr_png, checkin_qr_svg_data_uri

pytestmark = pytest.mark.django_db


def desk(seminar):
    return f"/admin/seminars/check-in/{seminar.pk}/"


def texts(response):
    return [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def confirmed(make_organised_seminar, details, django_capture_on_commit_callbacks):
    seminar = make_organised_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_for_seminar(
            seminar, details=details(1, full_name="欧阳娜娜"), language="en"
        )
    return registration


def test_checkin_code_is_its_own_random_value(confirmed, make_seminar, details):
    other = services.register_for_seminar(make_seminar(), details=details(2), language="en")

    assert confirmed.checkin_code and confirmed.checkin_code != confirmed.token
    assert confirmed.token not in confirmed.checkin_code
    assert confirmed.checkin_code != other.checkin_code


def test_qr_codes_on_the_private_page_and_in_the_email_carry_the_code_not_the_token(
    client, confirmed
):
    page = client.get(f"/en/registration/{confirmed.token}/").content.decode()
    attachments = {name: content for name, content, _type in mail.outbox[-1].attachments}

    assert checkin_qr_svg_data_uri(confirmed.checkin_code) in page
    assert checkin_qr_svg_data_uri(confirmed.token) not in page
    assert attachments["check-in-code.png"] == checkin_qr_png(confirmed.checkin_code)
    assert attachments["check-in-code.png"] != checkin_qr_png(confirmed.token)


@pytest.mark.parametrize("typed", [str.strip, str.lower, lambda c: f" {c[:4]}-{c[4:8]} {c[8:]} "])
def test_the_desk_checks_in_by_code_scanned_or_typed(organiser_client, confirmed, typed):
    response = organiser_client.post(
        f"{desk(confirmed.seminar)}code/", {"token": typed(confirmed.checkin_code)}
    )

    confirmed.refresh_from_db()
    assert confirmed.status == RegistrationStatus.ATTENDED
    assert texts(response)[0].startswith("欧阳娜娜 checked in at")


def test_the_desk_says_when_a_code_belongs_to_another_seminar(
    organiser_client, make_organised_seminar, confirmed
):
    response = organiser_client.post(
        f"{desk(make_organised_seminar())}code/", {"token": confirmed.checkin_code}
    )

    assert texts(response) == ["This code is for a registration to another seminar."]
    assert Registration.objects.get(pk=confirmed.pk).status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("suffix", ["", "edit/", "calendar.ics"])
def test_the_checkin_code_opens_no_attendee_page(client, confirmed, suffix):
    for language in ("en", "zh-hans", "fr"):
        # The control: the same page opens with the private token.
        assert client.get(f"/{language}/registration/{confirmed.token}/{suffix}").status_code == 200
        url = f"/{language}/registration/{confirmed.checkin_code}/{suffix}"
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("action", ["cancel/", "mode/", "edit/"])
def test_the_checkin_code_cannot_change_or_cancel_the_registration(client, confirmed, action):
    response = client.post(
        f"/en/registration/{confirmed.checkin_code}/{action}", {"mode": "online"}
    )

    confirmed.refresh_from_db()
    assert response.status_code == 404
    assert confirmed.status == RegistrationStatus.CONFIRMED and confirmed.mode == "onsite"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_gives_existing_registrations_distinct_codes(make_seminar, details):
    for n in range(3):
        services.register_for_seminar(make_seminar(), details=details(n), language="en")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("seminars", "0007_seminarpage_organisers")])
        executor.loader.build_graph()
        old = executor.loader.project_state([("seminars", "0007_seminarpage_organisers")]).apps
        assert "checkin_code" not in {
            f.name for f in old.get_model("seminars", "Registration")._meta.fields
        }

        executor.migrate([("seminars", "0008_registration_checkin_code")])

        codes = list(Registration.objects.values_list("checkin_code", flat=True))
        assert len(codes) >= 3 and len(set(codes)) == len(codes)
        assert all(len(code) == 12 for code in codes)
    finally:  # back to the latest schema, for the tests that follow
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
