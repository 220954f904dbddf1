"""Emails to attendees, in the language they chose, through the outbox (portal.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from portal.mail import Attachment, queue_email
from seminars import calendar
from seminars.qr import checkin_qr_png

WITH_CALENDAR = {"confirmed", "promoted"}


def localized_seminar(seminar, language):
    """The seminar page in `language` when translated and live, else the canonical page."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = seminar.get_translation_or_none(locale) if locale else None
    return translated if translated and translated.live else seminar


def absolute_url(language, *, page=None, view=None, args=()):
    """A page's or a named view's full URL under SITE_URL, with the `language` prefix."""
    with translation.override(language):
        path = page.url if page is not None else reverse(view, args=args)
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def self_service_url(registration):
    return absolute_url(
        registration.language, view="seminars:registration", args=(registration.token,)
    )


def certificate_url(registration):
    return absolute_url(
        registration.language, view="seminars:registration_certificate", args=(registration.token,)
    )


def send(registration, kind):
    """Queue the `kind` email (received, confirmed, waitlisted, promoted, declined, cancelled,
    link_resent, reminder, thank_you) for `registration`; confirmations carry the .ics file
    and, for on-site attendees, the check-in code."""
    seminar = localized_seminar(registration.seminar.specific, registration.language)
    seminar_url = absolute_url(registration.language, page=seminar)
    attachments = []
    join_url = seminar.online_join_url if registration.can_see_join_link else ""
    if kind in WITH_CALENDAR:
        event = calendar.seminar_event(seminar, url=seminar_url, join_url=join_url)
        attachments.append(
            Attachment("seminar.ics", calendar.calendar([event]), "text/calendar; method=PUBLISH")
        )
        if registration.mode == "onsite":  # scanned at the desk; it can do nothing else
            qr_png = checkin_qr_png(registration.checkin_code)
            attachments.append(Attachment("check-in-code.png", qr_png, "image/png"))
    return queue_email(
        to=registration.email,
        template=f"seminars/registration_{kind}",
        context={
            "registration": registration,
            "seminar": seminar,
            "seminar_url": seminar_url,
            "self_service_url": self_service_url(registration),
            "join_url": join_url,
            "certificate_url": certificate_url(registration) if kind == "thank_you" else "",
            "feedback_url": seminar.feedback_url if kind == "thank_you" else "",
        },
        language=registration.language,
        kind=f"seminars.registration.{kind}",
        attachments=attachments,
    )


def send_organiser_message(registration, *, seminar, subject, message, reply_to):
    """Queue an organiser's own message to one attendee, framed in the attendee's language."""
    return queue_email(
        to=registration.email,
        template="organiser/message",
        context={
            "registration": registration,
            "seminar": seminar,
            "seminar_url": absolute_url(registration.language, page=seminar),
            "subject": subject,
            "message": message,
            "self_service_url": self_service_url(registration),
        },
        language=registration.language,
        kind="seminars.registration.organiser_message",
        reply_to=reply_to,
    )
