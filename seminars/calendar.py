"""iCalendar (RFC 5545) for seminars: stable UIDs, SEQUENCE from the page, explicit UTC times."""

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


def seminar_event(seminar, *, url, join_url=""):
    event = Event()
    event.add("uid", _uid(seminar))
    event.add("sequence", seminar.canonical.sequence)
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
    return event


def calendar(events, *, name=""):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event)
    return cal.to_ical()
