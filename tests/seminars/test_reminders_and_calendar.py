from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from portal.models import OutboundEmail
from seminars import reminders, services
from seminars.choices import AttendanceMode
from seminars.models import SentReminder

pytestmark = pytest.mark.django_db


def reminder_emails():
    return OutboundEmail.objects.filter(kind="seminars.registration.reminder")


def sent_for(seminar):
    return SentReminder.objects.filter(registration__seminar=seminar).count()


def test_each_reminder_goes_once_to_confirmed_attendees_only(make_seminar, details):
    start = timezone.now() + timedelta(days=3)
    seminar = make_seminar(
        capacity_onsite=1,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        reminder_days_before=7,
        reminder_hours_before=2,
    )
    services.register_for_seminar(seminar, details=details(1), language="zh-hans")
    services.register_for_seminar(seminar, details=details(2), language="fr")  # waitlisted

    reminders.send_due_reminders()  # the 7-day reminder is due
    reminders.send_due_reminders()  # …and is not sent again

    assert sent_for(seminar) == 1
    mine = reminder_emails().filter(to__startswith="participant")
    assert list(mine.values_list("to", "language")) == [("participant1@example.org", "zh-hans")]

    two_hours_before = start - timedelta(hours=1, minutes=59)
    reminders.send_due_reminders(now=two_hours_before)
    reminders.send_due_reminders(now=two_hours_before)
    assert sent_for(seminar) == 2
    assert mine.count() == 2


def test_no_reminder_before_its_time_or_after_the_start(make_seminar, details):
    start = timezone.now() + timedelta(days=10)
    seminar = make_seminar(starts_at=start, ends_at=start + timedelta(hours=2))
    services.register_for_seminar(seminar, details=details(1), language="en")

    reminders.send_due_reminders()
    reminders.send_due_reminders(now=start + timedelta(minutes=1))

    assert sent_for(seminar) == 0


def test_a_seminar_can_switch_reminders_off(make_seminar, details):
    start = timezone.now() + timedelta(hours=1)
    seminar = make_seminar(
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        reminder_days_before=None,
        reminder_hours_before=None,
    )
    services.register_for_seminar(seminar, details=details(1), language="en")

    reminders.send_due_reminders()

    assert sent_for(seminar) == 0


def _events(response):
    calendar = Calendar.from_ical(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return [component for component in calendar.walk("VEVENT")]


def test_seminar_ics_has_a_stable_uid_and_utc_times(client, make_seminar):
    seminar = make_seminar()

    first = _events(client.get(f"/en/calendar/seminar-{seminar.pk}.ics"))[0]
    again = _events(client.get(f"/en/calendar/seminar-{seminar.pk}.ics"))[0]

    assert str(first["uid"]) == str(again["uid"])
    assert first.decoded("dtstart") == seminar.starts_at.replace(microsecond=0)
    assert first.decoded("dtstart").utcoffset() == timedelta(0)
    assert "meeting.example.com" not in first.to_ical().decode()  # never the join link


def test_sequence_increases_when_the_seminar_changes(client, make_seminar):
    seminar = make_seminar()
    before = int(_events(client.get(f"/en/calendar/seminar-{seminar.pk}.ics"))[0]["sequence"])

    seminar.title = "MDT seminar (new time)"
    seminar.starts_at += timedelta(hours=1)
    seminar.ends_at += timedelta(hours=1)
    seminar.save_revision().publish()
    after = int(_events(client.get(f"/en/calendar/seminar-{seminar.pk}.ics"))[0]["sequence"])

    assert after > before


def test_feed_lists_every_live_seminar_once(client, make_seminar):
    seminars = [make_seminar() for _ in range(3)]
    draft = make_seminar()
    draft.unpublish()

    response = client.get("/seminars/calendar.ics")
    uids = [str(event["uid"]) for event in _events(response)]

    assert response["Content-Type"].startswith("text/calendar")
    ours = [uid for uid in uids if any(str(s.translation_key) in uid for s in seminars)]
    assert len(uids) == len(set(uids))
    assert len(ours) == 3
    assert not any(str(draft.translation_key) in uid for uid in uids)


def test_feed_runs_a_fixed_number_of_queries(client, make_seminar, django_assert_max_num_queries):
    from django.core.cache import cache

    for _ in range(3):
        make_seminar()
    client.get("/seminars/calendar.ics")
    cache.clear()  # measure building the feed, not the cached copy
    with django_assert_max_num_queries(6) as few:
        client.get("/seminars/calendar.ics")
    for _ in range(10):
        make_seminar()
    cache.clear()
    with django_assert_max_num_queries(6) as many:
        client.get("/seminars/calendar.ics")

    assert len(many.captured_queries) == len(few.captured_queries)


def test_feed_is_served_from_cache_until_a_seminar_is_published(
    client, make_seminar, django_assert_num_queries
):
    make_seminar(title="First seminar")
    client.get("/seminars/calendar.ics")

    with django_assert_num_queries(2):  # the version check only (view restrictions, aggregate)
        cached = client.get("/seminars/calendar.ics").content
    make_seminar(title="Second seminar")
    fresh = client.get("/seminars/calendar.ics").content

    assert b"First seminar" in cached and b"Second seminar" not in cached
    assert b"Second seminar" in fresh


def test_private_calendar_carries_the_join_link_for_confirmed_attendees(
    client, make_seminar, details
):
    seminar = make_seminar(capacity_online=1)
    confirmed = services.register_for_seminar(
        seminar, details=details(1, mode=AttendanceMode.ONLINE), language="en"
    )
    waiting = services.register_for_seminar(
        seminar, details=details(2, mode=AttendanceMode.ONLINE), language="en"
    )

    mine = client.get(f"/en/registration/{confirmed.token}/calendar.ics").content.decode()
    theirs = client.get(f"/en/registration/{waiting.token}/calendar.ics").content.decode()

    assert "meeting.example.com" in mine.replace("\r\n ", "")
    assert "meeting.example.com" not in theirs.replace("\r\n ", "")
