from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from seminars import services
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration, SeminarPage
from seminars.models.registrations import EDITABLE_DETAILS

pytestmark = pytest.mark.django_db
JOIN = "https://meeting.example.com/j/123"


def form_data(n=1, **fields):
    return {
        "full_name": f"欧阳娜娜 {n}",
        "email": f"person{n}@example.cn",
        "institution": "Hôpital Tenon",
        "department": "Sénologie",
        "profession": "surgeon",
        "country": "France",
        "mode": AttendanceMode.ONSITE,
        "language": "fr",
        "consent": "on",
        **fields,
    }


def test_registering_on_the_seminar_page_sends_the_private_link_by_email(
    client, make_seminar, django_capture_on_commit_callbacks
):
    seminar = make_seminar()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(seminar.url, form_data())
    page = client.get(response["Location"]).content.decode()

    registration = Registration.objects.get(seminar=seminar)
    assert response.status_code == 302
    assert response["Location"] == f"{seminar.url}#register"
    assert registration.token not in response["Location"] and registration.token not in page
    assert "we have sent the private link for this registration to person1@example.cn" in page
    assert f"/fr/registration/{registration.token}/" in mail.outbox[-1].body
    assert registration.full_name == "欧阳娜娜 1"
    assert registration.language == "fr"
    assert registration.status == RegistrationStatus.CONFIRMED


def test_invalid_form_is_a_clear_400_and_saves_nothing(client, make_seminar):
    seminar = make_seminar()

    response = client.post(seminar.url, form_data(email="not-an-email", consent=""))

    assert response.status_code == 400
    assert not Registration.objects.filter(seminar=seminar).exists()
    html = response.content.decode()
    assert "email" in html.lower()


def test_honeypot_filled_by_a_bot_registers_no_one(client, make_seminar):
    seminar = make_seminar()

    response = client.post(seminar.url, form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not Registration.objects.filter(seminar=seminar).exists()


def test_closed_registration_says_so_and_saves_nothing(client, make_seminar):
    seminar = make_seminar(registration_closes_at=timezone.now() - timedelta(minutes=1))

    response = client.post(seminar.url, form_data())

    assert response.status_code == 400
    assert not Registration.objects.filter(seminar=seminar).exists()


def test_a_token_opens_only_its_own_registration(client, make_seminar, details):
    seminar = make_seminar()
    mine = services.register_for_seminar(seminar, details=details(1), language="en")
    theirs = services.register_for_seminar(
        seminar, details=details(2, full_name="Sophie Bernard"), language="en"
    )

    html = client.get(f"/en/registration/{mine.token}/").content.decode()
    client.post(f"/en/registration/{mine.token}/cancel/")

    assert "Participant 1" in html and "Sophie Bernard" not in html
    theirs.refresh_from_db()
    assert theirs.status == RegistrationStatus.CONFIRMED
    assert client.get(f"/en/registration/{mine.token}x/").status_code == 404
    assert client.get("/en/registration/not-a-token/").status_code == 404


def test_private_page_is_not_cached_or_indexed(client, make_seminar, details):
    registration = services.register_for_seminar(make_seminar(), details=details(1), language="en")

    response = client.get(f"/en/registration/{registration.token}/")

    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_join_link_only_for_confirmed_attendees_on_their_page(client, make_seminar, details):
    seminar = make_seminar(capacity_online=1)
    online = {"mode": AttendanceMode.ONLINE}
    confirmed = services.register_for_seminar(seminar, details=details(1, **online), language="en")
    waiting = services.register_for_seminar(seminar, details=details(2, **online), language="en")

    assert JOIN not in client.get(seminar.url).content.decode()
    assert JOIN in client.get(f"/en/registration/{confirmed.token}/").content.decode()
    assert JOIN not in client.get(f"/en/registration/{waiting.token}/").content.decode()


def test_cancelling_through_the_private_link_promotes_the_next(client, make_seminar, details):
    seminar = make_seminar(capacity_onsite=1)
    first = services.register_for_seminar(seminar, details=details(1), language="en")
    second = services.register_for_seminar(seminar, details=details(2), language="en")

    response = client.post(f"/en/registration/{first.token}/cancel/")
    again = client.post(f"/en/registration/{first.token}/cancel/")

    assert response.status_code == again.status_code == 302
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED


def test_cancel_needs_post(client, make_seminar, details):
    registration = services.register_for_seminar(make_seminar(), details=details(1), language="en")

    assert client.get(f"/en/registration/{registration.token}/cancel/").status_code == 405


def details_form(registration, **changes):
    fields = {name: getattr(registration, name) for name in EDITABLE_DETAILS}
    return {**fields, **changes}


def test_the_attendee_corrects_their_details_but_not_their_email(client, make_seminar, details):
    seminar = make_seminar()
    mine = services.register_for_seminar(seminar, details=details(1), language="en")
    theirs = services.register_for_seminar(seminar, details=details(2), language="en")
    edit = f"/fr/registration/{mine.token}/edit/"

    page = client.get(edit)
    response = client.post(
        edit,
        details_form(
            mine,
            full_name="Hélène Dupré-欧阳",
            institution="Hôpital Tenon",
            language="zh-hans",
            email="someone.else@example.org",
        ),
    )

    assert page.status_code == 200 and 'value="Participant 1"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/registration/{mine.token}/"
    mine.refresh_from_db()
    assert (mine.full_name, mine.institution, mine.language, mine.email) == (
        "Hélène Dupré-欧阳",
        "Hôpital Tenon",
        "zh-hans",
        "participant1@example.org",
    )
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.details_changed", object_id=str(mine.pk)
    )
    assert entry.data == {"fields": ["full_name", "institution", "language"]}
    theirs.refresh_from_db()
    assert theirs.full_name == "Participant 2"


def test_bad_details_are_a_400_with_the_errors_and_save_nothing(client, make_seminar, details):
    registration = services.register_for_seminar(make_seminar(), details=details(1), language="en")

    response = client.post(
        f"/en/registration/{registration.token}/edit/",
        details_form(registration, full_name="", profession="astronaut"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"full_name", "profession"}
    registration.refresh_from_db()
    assert registration.full_name == "Participant 1"
    assert not ModelLogEntry.objects.filter(action="seminars.registration.details_changed")


@pytest.mark.parametrize("case", ["cancelled", "over"])
def test_details_are_settled_once_cancelled_or_once_the_seminar_is_over(
    client, make_seminar, details, case
):
    seminar = make_seminar()
    registration = services.register_for_seminar(seminar, details=details(1), language="en")
    if case == "cancelled":
        services.cancel_registration(registration)
    else:
        SeminarPage.objects.filter(pk=seminar.pk).update(
            starts_at=timezone.now() - timedelta(hours=5),
            ends_at=timezone.now() - timedelta(hours=1),
        )
    edit = f"/en/registration/{registration.token}/edit/"

    response = client.post(edit, details_form(registration, full_name="Changed"))

    assert response.status_code == 302
    assert client.get(edit).status_code == 302
    assert "Correct my details" not in client.get(response["Location"]).content.decode()
    registration.refresh_from_db()
    assert registration.full_name == "Participant 1"
    with pytest.raises(services.RegistrationError):
        services.update_registration_details(registration, {"full_name": "Changed"})


def test_index_lists_upcoming_soonest_first_then_the_archive(client, make_seminar):
    now = timezone.now()
    later = make_seminar(
        title="Later seminar",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
    )
    sooner = make_seminar(
        title="Sooner seminar",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )
    past = make_seminar(
        title="Past seminar",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30, hours=-2),
    )

    html = client.get(sooner.get_parent().url).content.decode()

    assert html.index(sooner.title) < html.index(later.title) < html.index(past.title)


def test_index_filters_by_format_and_language_in_the_database(client, make_seminar):
    make_seminar(title="Hybrid Chinese seminar", format="hybrid", in_french=False)
    online = make_seminar(
        title="Online French seminar", format="online", capacity_onsite=0, in_french=True
    )

    html = client.get(online.get_parent().url, {"format": "online", "language": "fr"}).content
    assert b"Online French seminar" in html
    assert b"Hybrid Chinese seminar" not in html


@pytest.mark.parametrize("path", ["index", "seminar"])
def test_seminar_pages_run_a_fixed_number_of_queries(
    client, make_seminar, details, path, django_assert_max_num_queries
):
    seminar = make_seminar(capacity_onsite=100)
    url = seminar.get_parent().url if path == "index" else seminar.url
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(8):
        make_seminar()
        services.register_for_seminar(seminar, details=details(n), language="en")
    with django_assert_max_num_queries(40) as many:
        client.get(url)

    assert len(many.captured_queries) == len(few.captured_queries)


def test_confirmed_on_site_attendee_gets_a_check_in_code(
    client, make_seminar, details, django_capture_on_commit_callbacks
):
    from django.core import mail

    seminar = make_seminar(capacity_onsite=1)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.register_for_seminar(seminar, details=details(1), language="zh-hans")
    waiting = services.register_for_seminar(seminar, details=details(2), language="en")

    mine = client.get(f"/zh-hans/registration/{confirmed.token}/").content.decode()
    theirs = client.get(f"/en/registration/{waiting.token}/").content.decode()
    attachments = {name: content for name, content, _type in mail.outbox[-1].attachments}

    assert 'alt="您的签到码"' in mine and "data:image/svg+xml" in mine
    assert "data:image/svg+xml" not in theirs
    assert attachments["check-in-code.png"].startswith(b"\x89PNG")


def test_the_demos_past_edition_has_public_and_registrants_only_materials(client, demo):
    past = SeminarPage.objects.get(
        locale__language_code="fr",
        slug__startswith="sino-france-mastopathy-day",
        ends_at__lt=timezone.now(),
    )
    attendee = Registration.objects.filter(
        seminar=past.canonical, status=RegistrationStatus.ATTENDED
    ).first()

    public = client.get(past.url).content.decode()
    private = client.get(f"/fr/registration/{attendee.token}/").content.decode()

    assert "Programme" in public and "Diapositives" not in public
    assert "Diapositives\u00a0: reconstruction mammaire après radiothérapie" in private
    slides = past.canonical.materials.get(registrants_only=True)
    download = client.get(f"/fr/registration/{attendee.token}/materials/{slides.pk}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")
    assert client.get(slides.document.url).status_code == 404
