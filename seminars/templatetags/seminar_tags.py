"""Template tags of the seminar pages: seats, registration state and form, schema.org data.

Registration rules are decided on the canonical page (seminars.services locks and checks it),
so the state and the seats shown here come from `page.canonical` too.
"""

import json
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import formats, timezone
from django.utils.safestring import mark_safe

from portal.links import absolute_url
from portal.timezones import iso_datetime
from seminars.choices import AttendanceMode, RegistrationStatus, SeminarFormat
from seminars.forms import RegistrationForm
from seminars.qr import checkin_qr_svg_data_uri

register = template.Library()

# What a `<script type="application/ld+json">` must never contain verbatim.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
ATTENDANCE_MODE = {
    SeminarFormat.ONSITE: "https://schema.org/OfflineEventAttendanceMode",
    SeminarFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    SeminarFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
MODE_CHANGEABLE = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)
NOT_CANCELLABLE = (RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
BCP47 = {"zh-hans": "zh-Hans", "en": "en", "fr": "fr"}


@register.filter
def filters_active(filterset):
    """The visitor filtered the list with valid values (an invalid form lists everything)."""
    form = filterset.form
    return filterset.is_bound and form.is_valid() and form.has_changed()


@register.filter
def hours(value):
    """Credit hours without trailing zeros, in the active language: 1.5, 2, 0,75 (fr)."""
    if value in (None, ""):
        return ""
    return formats.number_format(Decimal(value).normalize())


@register.filter
def registration_open(page):
    """`{% if page|registration_open %}`: SeminarPage.registration_is_open() at this moment."""
    return page.canonical.registration_is_open()


@register.simple_tag
def registration_state(page, now=None):
    """The registration state: "open", "not_yet" (opens later), "closed" or "cancelled"."""
    seminar = page.canonical
    if seminar.is_cancelled:
        return "cancelled"
    now = now or timezone.now()
    if seminar.registration_is_open(now):
        return "open"
    if seminar.registration_opens_at and now < seminar.registration_opens_at:
        return "not_yet"
    return "closed"


@register.simple_tag(takes_context=True)
def registration_form(context, page):
    """The bound form after a failed POST (the view puts it in the context), else a fresh one."""
    return context.get("registration_form") or RegistrationForm(seminar=page)


@register.simple_tag
def seat_counts(page):
    """{mode: {"capacity", "taken", "waiting", "pending", "free"}} of the shared seats."""
    return page.canonical.seat_counts()


@register.simple_tag
def seat_rows(counts, page):
    """The seminar's modes with their label, seats and what a new registration would become:
    "pending" (approval needed), "confirmed" (a seat is free), "waitlisted" or "unavailable"."""
    seminar = page.canonical
    rows = []
    for mode in page.modes:
        bucket = dict(counts.get(mode) or {"capacity": 0, "taken": 0, "waiting": 0, "pending": 0})
        bucket.setdefault("free", max(bucket["capacity"] - bucket["taken"], 0))
        if not bucket["capacity"]:
            outcome = "unavailable"
        elif seminar.requires_approval:
            outcome = "pending"
        elif bucket["free"] and not bucket["waiting"]:  # the people waiting come first
            outcome = "confirmed"
        else:
            outcome = "waitlisted"
        rows.append(
            {**bucket, "mode": mode, "label": AttendanceMode(mode).label, "outcome": outcome}
        )
    return rows


@register.filter
def can_change_mode(registration, seminar):
    """The attendee may switch mode (the rule of services.change_attendance_mode)."""
    return len(seminar.modes) > 1 and registration.status in MODE_CHANGEABLE


@register.filter
def needs_checkin_code(registration):
    """On-site attendees show this code at the desk: once confirmed, and again at each further
    session until the seminar is over."""
    if registration.mode != "onsite":
        return False
    if registration.status == "attended":
        return registration.seminar.ends_at > timezone.now()
    return registration.status == "confirmed"


@register.simple_tag
def checkin_qr(registration):
    return checkin_qr_svg_data_uri(registration.checkin_code)


@register.filter
def can_cancel(registration):
    """The attendee may cancel (the rule of services.cancel_registration)."""
    return registration.is_active and registration.status not in NOT_CANCELLABLE


@register.simple_tag
def programme(page):
    """The sessions with chair and speakers in a fixed number of queries, each person in the
    page's language (session.speaker_list, session.chair_person)."""
    sessions = list(page.sessions.select_related("chair").prefetch_related("speakers"))
    people = {person for session in sessions for person in session.speakers.all()}
    people |= {session.chair for session in sessions if session.chair}
    local = _in_locale(people, page.locale_id)
    for session in sessions:
        session.chair_person = local.get(session.chair_id) if session.chair else None
        session.speaker_list = [local[person.pk] for person in session.speakers.all()]
    return sessions


def _in_locale(people, locale_id):
    """{pk: the person's translation in the locale, or the person where there is none}.

    A translated page keeps its sessions' speakers (a many-to-many wagtail-localize does not
    translate) in the original language: the Chinese page would print 刘敏 as Liu Min."""
    from home.models import Person

    keys = {person.translation_key for person in people if person.locale_id != locale_id}
    translated = {
        person.translation_key: person
        for person in Person.objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return {person.pk: translated.get(person.translation_key, person) for person in people}


@register.simple_tag
def seminar_speakers(page):
    return page.speakers.select_related("person__institution")


@register.simple_tag
def seminar_materials(page, registrants_only=False):
    """Public materials, or with registrants_only=True those for confirmed attendees only."""
    return page.materials.filter(registrants_only=registrants_only).select_related("document")


def _location(page, url):
    locations = []
    if page.format != SeminarFormat.ONLINE:
        address = {
            "@type": "PostalAddress",
            "streetAddress": " ".join(page.venue_address.split()),
            "addressLocality": page.city,
        }
        place = {
            "@type": "Place",
            "name": page.venue_name or page.city,
            "address": {key: value for key, value in address.items() if value},
        }
        locations.append(place)
    if page.format != SeminarFormat.ONSITE:
        virtual = {"@type": "VirtualLocation", "url": url}  # never the join link
        if page.online_platform:
            virtual["name"] = page.online_platform
        locations.append(virtual)
    return locations[0] if len(locations) == 1 else locations


@register.simple_tag(takes_context=True)
def seminar_json_ld(context, page):
    """schema.org Event for `<script type="application/ld+json">`, safe inside the element."""
    request = context.get("request")
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "startDate": iso_datetime(page.starts_at),
        "endDate": iso_datetime(page.ends_at),
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if page.canonical.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": ATTENDANCE_MODE[page.format],
        "location": _location(page, url),
        "organizer": {
            "@type": "Organization",
            "name": str(settings.WAGTAIL_SITE_NAME),
            "url": request.build_absolute_uri("/") if request else absolute_url("/"),
        },
        "inLanguage": [BCP47.get(code, code) for code in page.languages],
    }
    text = json.dumps(data, ensure_ascii=False, cls=_Encoder).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # <, > and & are escaped above


class _Encoder(json.JSONEncoder):
    def default(self, o):
        return str(o)  # lazy translations
