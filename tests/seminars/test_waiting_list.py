"""The waiting list is served in order: seats added or freed go to the people waiting, and a
newcomer never overtakes them."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from portal.models import OutboundEmail
from seminars import services
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration, SeminarPage

Status = RegistrationStatus
pytestmark = pytest.mark.django_db


def register(seminar, details, n, **fields):
    return services.register_for_seminar(seminar, details=details(n, **fields), language="en")


def emails_of(kind):
    return OutboundEmail.objects.filter(kind=f"seminars.registration.{kind}")


def statuses(seminar):
    return list(
        Registration.objects.filter(seminar=seminar)
        .order_by("created_at", "pk")
        .values_list("status", flat=True)
    )


def test_raising_capacity_in_a_published_revision_promotes_the_waiting_list_in_order(
    make_seminar, details, staff, publish_in_admin
):
    seminar = make_seminar(capacity_onsite=2)
    for n in range(6):
        register(seminar, details, n)
    editor = staff("Editors", "Moderators")

    publish_in_admin(editor, seminar, capacity_onsite=4)

    assert statuses(seminar) == [Status.CONFIRMED] * 4 + [Status.WAITLISTED] * 2
    assert sorted(emails_of("promoted").values_list("to", flat=True)) == [
        "participant2@example.org",
        "participant3@example.org",
    ]
    entry = ModelLogEntry.objects.filter(action="seminars.registration.promoted").first()
    assert entry.user == editor


def test_seats_added_by_a_scheduled_publication_go_to_the_waiting_list(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1)
    for n in range(3):
        register(seminar, details, n)
    seminar.capacity_onsite = 3
    revision = seminar.save_revision()

    revision.publish()  # what publish_scheduled does at the revision's go-live time

    assert statuses(seminar) == [Status.CONFIRMED] * 3
    assert emails_of("promoted").count() == 2


def test_a_newcomer_is_waitlisted_while_anyone_waits_for_that_mode(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1)
    register(seminar, details, 1)
    waiting = register(seminar, details, 2)
    SeminarPage.objects.filter(pk=seminar.pk).update(capacity_onsite=2)  # no promotion ran

    newcomer = register(seminar, details, 3)
    online = register(seminar, details, 4, mode=AttendanceMode.ONLINE)

    waiting.refresh_from_db()
    assert (waiting.status, newcomer.status) == (Status.WAITLISTED, Status.WAITLISTED)
    assert online.status == Status.CONFIRMED  # nobody waits online


def test_approval_puts_a_pending_registration_behind_the_people_waiting(
    make_seminar, details, staff
):
    seminar = make_seminar(capacity_onsite=1, requires_approval=True)
    organiser = staff("Seminar organisers")
    first, second, third = (register(seminar, details, n) for n in range(3))
    services.approve_registration(first, by=organiser)
    services.approve_registration(second, by=organiser)
    SeminarPage.objects.filter(pk=seminar.pk).update(capacity_onsite=2)

    services.approve_registration(third, by=organiser)

    third.refresh_from_db()
    assert third.status == Status.WAITLISTED


def test_a_confirmed_attendee_switching_mode_frees_the_seat_for_the_first_waiting(
    make_seminar, details
):
    seminar = make_seminar(capacity_onsite=1, capacity_online=2)
    leaving = register(seminar, details, 1)
    first, second = register(seminar, details, 2), register(seminar, details, 3)

    services.change_attendance_mode(leaving, AttendanceMode.ONLINE)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert emails_of("promoted").get().to == "participant2@example.org"


def test_switching_mode_sends_its_own_email_not_a_freed_place(
    make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity_onsite=1, capacity_online=1)
    register(seminar, details, 1)
    waiting = register(seminar, details, 2)

    with django_capture_on_commit_callbacks(execute=True):
        services.change_attendance_mode(waiting, AttendanceMode.ONLINE)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.mode) == (Status.CONFIRMED, AttendanceMode.ONLINE)
    assert not emails_of("promoted").exists()
    email = mail.outbox[-1]
    assert email.to == ["participant2@example.org"]
    assert "Online" in email.body and "Confirmed" in email.body
    assert "freed up" not in email.body and "become free" not in email.body
    assert "https://meeting.example.com/j/123" in email.body  # now confirmed online


def test_every_mode_change_is_emailed_with_the_new_mode_and_status(
    make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity_onsite=5, capacity_online=1, requires_approval=True)
    pending = register(seminar, details, 1)

    with django_capture_on_commit_callbacks(execute=True):
        services.change_attendance_mode(pending, AttendanceMode.ONLINE)
        services.change_attendance_mode(pending, AttendanceMode.ONSITE)

    assert emails_of("mode_changed").count() == 2
    body = mail.outbox[-1].body
    assert "On site" in body and "Pending approval" in body


def test_waitlisted_attendees_see_their_position_on_the_page_and_in_the_email(
    client, make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity_onsite=1, capacity_online=1)
    register(seminar, details, 1)
    register(seminar, details, 2)
    register(seminar, details, 3, mode=AttendanceMode.ONLINE)
    register(seminar, details, 4, mode=AttendanceMode.ONLINE)
    with django_capture_on_commit_callbacks(execute=True):
        third = register(seminar, details, 5)

    page = client.get(f"/en/registration/{third.token}/").content.decode()

    assert "You are number 2 on the waiting list" in mail.outbox[-1].body
    assert "You are number 2 on the waiting list" in page
    assert third.waitlist_position() == 2
    services.cancel_registration(Registration.objects.get(email="participant1@example.org"))
    assert third.waitlist_position() == 1
