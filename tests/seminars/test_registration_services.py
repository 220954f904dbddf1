from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.models import OutboundEmail
from seminars import services
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration

Status = RegistrationStatus
pytestmark = pytest.mark.django_db


def register(seminar, details, n, language="en", **fields):
    return services.register_for_seminar(seminar, details=details(n, **fields), language=language)


def emails_of(kind):
    return OutboundEmail.objects.filter(kind=f"seminars.registration.{kind}")


def test_first_come_are_confirmed_then_the_waiting_list_fills(make_seminar, details):
    seminar = make_seminar(capacity_onsite=2)

    statuses = [register(seminar, details, n).status for n in range(4)]

    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED, Status.WAITLISTED]
    assert emails_of("confirmed").count() == 2
    assert emails_of("waitlisted").count() == 2


def test_capacity_is_counted_per_attendance_mode(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1, capacity_online=1)

    onsite = register(seminar, details, 1)
    online = register(seminar, details, 2, mode=AttendanceMode.ONLINE)
    late = register(seminar, details, 3, mode=AttendanceMode.ONLINE)

    assert (onsite.status, online.status, late.status) == (
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    )


def test_cancelling_frees_the_seat_for_the_first_on_the_waiting_list(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1)
    first = register(seminar, details, 1)
    second = register(seminar, details, 2)
    third = register(seminar, details, 3)

    services.cancel_registration(first)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.CONFIRMED
    assert third.status == Status.WAITLISTED
    assert emails_of("promoted").get().to == "participant2@example.org"
    assert emails_of("cancelled").get().to == "participant1@example.org"
    assert ModelLogEntry.objects.filter(
        action="seminars.registration.promoted", object_id=str(second.pk)
    ).exists()


def test_cancelling_a_waitlisted_place_promotes_no_one(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1)
    register(seminar, details, 1)
    waiting = register(seminar, details, 2)
    third = register(seminar, details, 3)

    services.cancel_registration(waiting)

    third.refresh_from_db()
    assert third.status == Status.WAITLISTED
    assert not emails_of("promoted").exists()


def test_approval_mode_keeps_registrations_pending_until_an_organiser_decides(
    make_seminar, details, staff
):
    seminar = make_seminar(capacity_onsite=1, requires_approval=True)
    organiser = staff("Seminar organisers")
    first = register(seminar, details, 1)
    second = register(seminar, details, 2)

    assert first.status == second.status == Status.PENDING
    services.approve_registration(first, by=organiser)
    services.approve_registration(second, by=organiser)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITLISTED)
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.confirmed", object_id=str(first.pk)
    )
    assert entry.user == organiser
    assert emails_of("received").count() == 2


def test_declining_is_for_pending_or_waitlisted_only(make_seminar, details, staff):
    seminar = make_seminar(capacity_onsite=1)
    organiser = staff("Seminar organisers")
    confirmed = register(seminar, details, 1)

    with pytest.raises(services.RegistrationError):
        services.decline_registration(confirmed, by=organiser)

    waiting = register(seminar, details, 2)
    services.decline_registration(waiting, by=organiser)
    waiting.refresh_from_db()
    assert waiting.status == Status.DECLINED
    assert emails_of("declined").count() == 1


def test_same_email_twice_gets_its_link_again_not_a_second_registration(make_seminar, details):
    seminar = make_seminar()
    first = register(seminar, details, 1)

    with pytest.raises(services.AlreadyRegistered) as raised:
        register(seminar, details, 1, email="PARTICIPANT1@example.org")

    assert raised.value.registration == first
    assert Registration.objects.filter(seminar=seminar).count() == 1
    assert emails_of("link_resent").count() == 1


def test_registering_again_after_cancelling_is_allowed(make_seminar, details):
    seminar = make_seminar()
    first = register(seminar, details, 1)
    services.cancel_registration(first)

    again = register(seminar, details, 1)

    assert again.status == Status.CONFIRMED
    assert again.token != first.token


@pytest.mark.parametrize(
    ("opens", "closes", "starts"),
    [
        (timedelta(days=1), None, timedelta(days=7)),  # not open yet
        (None, timedelta(days=-1), timedelta(days=7)),  # closed by the organiser
        (None, None, timedelta(hours=-1)),  # started: closes by itself
    ],
)
def test_registration_outside_its_window_is_refused(make_seminar, details, opens, closes, starts):
    now = timezone.now()
    seminar = make_seminar(
        registration_opens_at=now + opens if opens else None,
        registration_closes_at=now + closes if closes else None,
        starts_at=now + starts,
        ends_at=now + starts + timedelta(hours=3),
    )

    with pytest.raises(services.RegistrationError, match="closed"):
        register(seminar, details, 1)
    assert not Registration.objects.filter(seminar=seminar).exists()
    assert not OutboundEmail.objects.exists()


def test_a_mode_the_seminar_does_not_offer_is_refused(make_seminar, details):
    seminar = make_seminar(format="onsite", capacity_online=0)

    with pytest.raises(services.RegistrationError):
        register(seminar, details, 1, mode=AttendanceMode.ONLINE)


def test_translations_share_one_set_of_seats(make_seminar, details):
    from wagtail.models import Locale

    from home.demo import translate

    seminar = make_seminar(capacity_onsite=1)
    translate(seminar.get_parent().specific, "fr")
    translate(seminar, "fr")
    french = seminar.get_translation(Locale.objects.get(language_code="fr")).specific

    register(seminar, details, 1)
    late = register(french, details, 2, language="fr")

    assert late.status == Status.WAITLISTED
    assert late.seminar_id == seminar.pk


def test_switching_mode_needs_a_free_seat_and_frees_the_old_one(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1, capacity_online=1)
    onsite = register(seminar, details, 1)
    waiting = register(seminar, details, 2)
    online = register(seminar, details, 3, mode=AttendanceMode.ONLINE)

    with pytest.raises(services.RegistrationError):
        services.change_attendance_mode(waiting.__class__.objects.get(pk=onsite.pk), "online")

    services.cancel_registration(online)
    services.change_attendance_mode(onsite, AttendanceMode.ONLINE)

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED  # the on-site seat went to the waiting list


def test_check_in_records_the_time_once(make_seminar, details, staff):
    seminar = make_seminar()
    organiser = staff("Seminar organisers")
    registration = register(seminar, details, 1)

    services.check_in_registration(registration, by=organiser)
    registration.refresh_from_db()

    assert registration.status == Status.ATTENDED
    assert registration.checked_in_at is not None
    with pytest.raises(services.RegistrationError):
        services.check_in_registration(registration, by=organiser)


def test_check_in_per_session_then_to_another_session_never_twice_to_one(
    make_seminar, add_sessions, details, staff
):
    seminar = make_seminar()
    morning, afternoon = add_sessions(seminar, "1.5", "2")
    other_session = add_sessions(make_seminar(), "1")[0]
    organiser = staff("Seminar organisers")
    registration = register(seminar, details, 1)

    services.check_in_registration(registration, by=organiser, session=morning)
    with pytest.raises(services.AlreadyCheckedIn) as again:
        services.check_in_registration(registration, by=organiser, session=morning)
    with pytest.raises(services.RegistrationError):
        services.check_in_registration(registration, by=organiser, session=other_session)
    services.check_in_registration(registration, by=organiser, session=afternoon)

    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED
    assert again.value.checked_in_at == registration.attendances.get(session=morning).checked_in_at
    assert sorted(registration.attendances.values_list("session__title", flat=True)) == [
        "Session 0",
        "Session 1",
    ]
    actions = ModelLogEntry.objects.filter(object_id=str(registration.pk)).values_list(
        "action", "data"
    )
    assert ("seminars.registration.attended", {"session": "Session 0"}) in actions
    assert ("seminars.registration.session_attended", {"session": "Session 1"}) in actions


def test_check_in_without_a_session_records_the_whole_programme(
    make_seminar, add_sessions, details
):
    seminar = make_seminar()
    add_sessions(seminar, "1", "1", "0.5")
    registration = register(seminar, details, 1)

    services.check_in_registration(registration, by=None)

    assert registration.attendances.count() == 3
    with pytest.raises(services.AlreadyCheckedIn):
        services.check_in_registration(registration, by=None)


def test_a_waitlisted_person_cannot_be_checked_in(make_seminar, details, staff):
    seminar = make_seminar(capacity_onsite=1)
    register(seminar, details, 1)
    waiting = register(seminar, details, 2)

    with pytest.raises(services.RegistrationError):
        services.check_in_registration(waiting, by=staff("Seminar organisers"))


def test_confirmation_email_in_the_chosen_language_with_both_time_zones_and_calendar(
    make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        register(seminar, details, 1, language="fr")

    email = mail.outbox[-1]
    assert email.to == ["participant1@example.org"]
    assert "Changsha" in email.body and "Paris" in email.body
    assert "/fr/registration/" in email.body
    assert "https://meeting.example.com/j/123" in email.body
    names = [attachment[0] for attachment in email.attachments]
    assert names == ["seminar.ics", "check-in-code.png"]  # in the order they were written
    ics = email.attachments[0][1]
    assert b"BEGIN:VEVENT" in (ics if isinstance(ics, bytes) else ics.encode())


def test_waitlisted_email_does_not_reveal_the_join_link(
    make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity_onsite=0, capacity_online=1)
    register(seminar, details, 1, mode=AttendanceMode.ONLINE)
    with django_capture_on_commit_callbacks(execute=True):
        register(seminar, details, 2, mode=AttendanceMode.ONLINE)

    assert "meeting.example.com" not in mail.outbox[-1].body


def test_a_waitlisted_person_switching_to_a_mode_with_room_is_confirmed(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1, capacity_online=1)
    register(seminar, details, 1)
    waiting = register(seminar, details, 2)

    services.change_attendance_mode(waiting, AttendanceMode.ONLINE)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.mode) == (Status.CONFIRMED, AttendanceMode.ONLINE)
    assert emails_of("mode_changed").get().to == "participant2@example.org"
