"""Who attendee emails come from and where replies go (DESIGN §5 "Trilingual")."""

import pytest
from django.core import mail
from icalendar import Calendar

from portal.models import OutboundEmail
from seminars import services

pytestmark = pytest.mark.django_db

SITE_CONTACT = "exchange@hnszlyy.example"  # the demo's site settings


def register(seminar, details, n, language="en", **fields):
    return services.register_for_seminar(seminar, details=details(n, **fields), language=language)


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("zh-hans", "中法乳腺肿瘤交流"),
        ("en", "Sino-French Breast Cancer Exchange"),
        ("fr", "Échanges franco-chinois en sénologie"),
    ],
)
def test_attendee_email_comes_from_the_site_name_in_the_recipients_language(
    make_seminar, details, django_capture_on_commit_callbacks, language, name
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        register(seminar, details, 1, language=language)

    sent = mail.outbox[-1]
    assert sent.from_email == f"{name} <noreply@exchange-portal.localhost>"
    assert "Exchange portal" not in sent.message()["From"]


def test_replies_go_to_the_seminars_contact(
    make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar(contact_email="mdt-office@hnszlyy.example")
    with django_capture_on_commit_callbacks(execute=True):
        register(seminar, details, 1, language="zh-hans")

    assert mail.outbox[-1].reply_to == ["mdt-office@hnszlyy.example"]


def test_without_a_seminar_contact_replies_go_to_the_sites_contact(
    make_seminar, details, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        register(seminar, details, 1, language="fr")

    assert mail.outbox[-1].reply_to == [SITE_CONTACT]


def test_every_attendee_email_names_the_contact_in_its_footer(make_seminar, details):
    seminar = make_seminar(capacity_onsite=1, contact_email="mdt-office@hnszlyy.example")
    confirmed = register(seminar, details, 1)
    register(seminar, details, 2)  # waitlisted
    services.cancel_registration(confirmed)  # cancelled, and the second promoted

    emails = OutboundEmail.objects.filter(kind__startswith="seminars.registration.")
    assert {email.kind.rsplit(".", 1)[1] for email in emails} == {
        "confirmed",
        "waitlisted",
        "cancelled",
        "promoted",
    }
    for email in emails:
        footer = "write to the organisers at mdt-office@hnszlyy.example"
        assert footer in email.body_text.split("With kind regards,")[-1], email.kind
        assert footer in email.body_html.split("With kind regards,")[-1], email.kind


def test_the_cancellation_email_says_how_to_reach_the_organisers(make_seminar, details):
    seminar = make_seminar(contact_email="mdt-office@hnszlyy.example")
    registration = register(seminar, details, 1)

    services.cancel_registration(registration)

    email = OutboundEmail.objects.get(kind="seminars.registration.cancelled")
    message = email.body_text.split("With kind regards,")[0]
    assert "please write to the organisers at mdt-office@hnszlyy.example" in message
    assert email.reply_to == "mdt-office@hnszlyy.example"


def _ics(email):
    attachment = email.attachments.get(filename="seminar.ics")
    return attachment.mimetype, Calendar.from_ical(bytes(attachment.content))


def test_a_cancelled_registration_gets_a_calendar_file_that_drops_the_event(make_seminar, details):
    seminar = make_seminar()
    registration = register(seminar, details, 1, language="zh-hans")
    _, confirmation = _ics(OutboundEmail.objects.get(kind="seminars.registration.confirmed"))

    services.cancel_registration(registration)

    email = OutboundEmail.objects.get(kind="seminars.registration.cancelled")
    mimetype, cancelling = _ics(email)
    [booked] = confirmation.walk("VEVENT")
    [event] = cancelling.walk("VEVENT")
    assert mimetype == "text/calendar; method=CANCEL"
    assert str(cancelling["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == str(booked["uid"])
    assert int(event["sequence"]) > int(booked["sequence"])
    assert "seminar.ics" in email.body_text
