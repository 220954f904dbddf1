"""Emails to attendees, in the language they chose, through the outbox (portal.mail)."""

from datetime import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal import links
from portal.email_kinds import register_email_kind
from portal.mail import Attachment, queue_email
from portal.translation import in_language
from seminars import calendar
from seminars.choices import SeminarFormat
from seminars.qr import checkin_qr_png

WITH_CALENDAR = {"confirmed", "promoted", "seminar_changed"}
WITH_CHECKIN_CODE = {"confirmed", "promoted"}
CANCELLING = {"cancelled", "seminar_cancelled"}
# Facts every language of a seminar shares; texts (venue, platform) stay the translation's.
SHARED_FACTS = ("starts_at", "ends_at", "format", "online_join_url")
# What the outbox calls each email sent from here (kind "seminars.registration.<key>").
EMAIL_KINDS = {
    "received": _("Registration received"),
    "confirmed": _("Registration confirmed"),
    "waitlisted": _("Put on the waiting list"),
    "promoted": _("Promoted from the waiting list"),
    "declined": _("Registration declined"),
    "cancelled": _("Registration cancelled"),
    "mode_changed": _("Attendance mode changed"),
    "link_resent": _("Registration link sent again"),
    "reminder": _("Reminder before the seminar"),
    "thank_you": _("Thank you and certificate link"),
    "organiser_message": _("Emailed by an organiser"),
    "seminar_changed": _("Seminar date or place changed"),
    "seminar_cancelled": _("Seminar cancelled"),
}


def register_email_kinds():
    for key, label in EMAIL_KINDS.items():
        register_email_kind(f"seminars.registration.{key}", label)


def localized_seminar(seminar, language):
    """The seminar page in `language` when translated and live, else the canonical page.

    Its dates, format and join link are the canonical page's: a translation copies them only
    when it is next synced, and an email or calendar file must never carry a superseded time.
    """
    translated = in_language(seminar, language)
    if translated is seminar:  # no live translation in that language
        return seminar
    canonical = seminar.canonical
    for name in SHARED_FACTS:
        setattr(translated, name, getattr(canonical, name))
    return translated


def absolute_url(language, *, page=None, view=None, args=()):
    """A page's or a named view's full URL under SITE_URL, with the `language` prefix."""
    with translation.override(language):
        path = page.url if page is not None else reverse(view, args=args)
    return links.absolute_url(path)


def self_service_url(registration):
    return absolute_url(
        registration.language, view="seminars:registration", args=(registration.token,)
    )


def certificate_url(registration):
    return absolute_url(
        registration.language, view="seminars:registration_certificate", args=(registration.token,)
    )


def contact_email(seminar, language):
    """Where attendees write: the seminar's contact, else the site's contact in `language`."""
    from home.models import SiteSettings

    if seminar.canonical.contact_email:
        return seminar.canonical.contact_email
    with translation.override(language):
        site_settings = SiteSettings.for_active_language()
    return site_settings.email if site_settings else ""


def _attachments(registration, kind, seminar, *, url, join_url):
    """The calendar file (a cancelling one for a cancellation) and the check-in code."""
    if kind in CANCELLING:
        event = calendar.seminar_event(seminar, url=url, cancel=True, attendee=registration.email)
        ics = calendar.calendar([event], method="CANCEL")
        return [Attachment("seminar.ics", ics, "text/calendar; method=CANCEL")]
    confirmed_switch = kind == "mode_changed" and registration.can_see_join_link
    if kind not in WITH_CALENDAR and not confirmed_switch:
        return []
    event = calendar.seminar_event(seminar, url=url, join_url=join_url)
    ics = calendar.calendar([event])
    attachments = [Attachment("seminar.ics", ics, "text/calendar; method=PUBLISH")]
    if (kind in WITH_CHECKIN_CODE or confirmed_switch) and registration.mode == "onsite":
        # Scanned at the desk; the code can do nothing else.
        png = checkin_qr_png(registration.checkin_code)
        attachments.append(Attachment("check-in-code.png", png, "image/png"))
    return attachments


def send(registration, kind, **extra):
    """Queue the `kind` email (received, confirmed, waitlisted, promoted, declined, cancelled,
    mode_changed, link_resent, reminder, thank_you, seminar_changed, seminar_cancelled) for
    `registration`, with `extra` template context. Confirmations, changes and a confirmed
    attendee's mode change carry the .ics file (on-site ones the check-in code too),
    cancellations a cancelling one. Waitlisted attendees are told their position; replies go to
    the seminar's contact."""
    seminar = localized_seminar(registration.seminar.specific, registration.language)
    seminar_url = absolute_url(registration.language, page=seminar)
    join_url = seminar.online_join_url if registration.can_see_join_link else ""
    contact = contact_email(registration.seminar, registration.language)
    return queue_email(
        to=registration.email,
        template=f"seminars/registration_{kind}",
        context={
            "registration": registration,
            "seminar": seminar,
            "seminar_url": seminar_url,
            "self_service_url": self_service_url(registration),
            "join_url": join_url,
            "waitlist_position": registration.waitlist_position(),
            "certificate_url": certificate_url(registration) if kind == "thank_you" else "",
            "feedback_url": seminar.feedback_url if kind == "thank_you" else "",
            "contact_email": contact,
            **extra,
        },
        language=registration.language,
        kind=f"seminars.registration.{kind}",
        attachments=_attachments(registration, kind, seminar, url=seminar_url, join_url=join_url),
        reply_to=contact,
    )


def _when(schedule):
    times = {name: schedule.get(name) for name in ("starts_at", "ends_at")}
    return {name: datetime.fromisoformat(value) for name, value in times.items() if value}


def _place(schedule):
    address = " ".join((schedule.get("venue_address") or "").split())
    parts = (schedule.get("venue_name"), address, schedule.get("city"))
    return ", ".join(part for part in parts if part)


def _format(schedule):
    value = schedule.get("format")
    return SeminarFormat(value).label if value in SeminarFormat.values else ""


def describe_changes(before, after):
    """What differs between two SeminarPage.schedule() values, for the change email: "when",
    "place", "format" and "online" as {"before", "after"}, and "join_link" (changed or not)."""
    parts = {
        "when": (("starts_at", "ends_at"), _when),
        "place": (("venue_name", "venue_address", "city"), _place),
        "format": (("format",), _format),
        "online": (("online_platform",), lambda schedule: schedule.get("online_platform", "")),
    }
    changes = {}
    for part, (names, show) in parts.items():
        if any(before.get(name) != after.get(name) for name in names):
            changes[part] = {"before": show(before), "after": show(after)}
    changes["join_link"] = before.get("online_join_url") != after.get("online_join_url")
    return changes


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
            "contact_email": contact_email(registration.seminar, registration.language),
        },
        language=registration.language,
        kind="seminars.registration.organiser_message",
        reply_to=reply_to,
    )
