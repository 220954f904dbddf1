"""iCalendar (RFC 5545) for seminars: stable UIDs, SEQUENCE from the page, explicit UTC times.

An attendee's calendar replaces its copy of an event only for a higher SEQUENCE under the same
UID: the page's sequence rises with each change attendees are told of, and a cancelling file
(METHOD:CANCEL) carries one more than the last file they were sent.
"""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Sino-French Breast Cancer Exchange//Seminars//EN"


def _uid(seminar):
    domain = settings.WAGTAILADMIN_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":")[0]
    return f"seminar-{seminar.canonical.translation_key}@{domain}"


def _location(seminar):
    parts = [seminar.venue_name, " ".join(seminar.venue_address.split()), seminar.city]
    place = ", ".join(part for part in parts if part)
    if seminar.online_platform:
        place = f"{place} / {seminar.online_platform}" if place else seminar.online_platform
    return place


def seminar_event(seminar, *, url, join_url="", cancel=False, attendee=""):
    """The seminar as a VEVENT; `cancel` for a file that drops it from `attendee`'s calendar
    (iTIP wants the organiser and the attendee named in a cancellation)."""
    cancelled = cancel or seminar.canonical.is_cancelled
    event = Event()
    event.add("uid", _uid(seminar))
    event.add("sequence", seminar.canonical.sequence + (1 if cancel else 0))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", seminar.starts_at)
    event.add("dtend", seminar.ends_at)
    event.add("summary", seminar.title)
    description = seminar.summary
    if join_url:
        description = f"{description}\n\n{join_url}"
    event.add("description", f"{description}\n\n{url}")
    event.add("url", url)
    if location := _location(seminar):
        event.add("location", location)
    if seminar.last_published_at:
        event.add("last-modified", seminar.last_published_at)
    if cancel:
        event.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        if attendee:
            event.add("attendee", f"mailto:{attendee}")
    return event


def calendar(events, *, name="", method="PUBLISH"):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event)
    return cal.to_ical()
