"""A published change of date, time or place, and a cancelled seminar, reach every registrant."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar
from wagtail.models import PageLogEntry, Revision

from portal.models import OutboundEmail
from seminars import services
from seminars.choices import RegistrationStatus, SeminarFormat
from seminars.models import SeminarPage

Status = RegistrationStatus
pytestmark = pytest.mark.django_db


def register(seminar, details, n, language="en", **fields):
    return services.register_for_seminar(seminar, details=details(n, **fields), language=language)


def emails_of(kind):
    return OutboundEmail.objects.filter(kind=f"seminars.registration.{kind}").order_by("pk")


def event_of(email):
    calendar = Calendar.from_ical(bytes(email.attachments.get(filename="seminar.ics").content))
    [event] = calendar.walk("VEVENT")
    return calendar, event


def feed_events(client, seminar):
    feed = Calendar.from_ical(client.get("/seminars/calendar.ics").content)
    single = Calendar.from_ical(client.get(f"/en/calendar/seminar-{seminar.pk}.ics").content)
    uid = f"seminar-{seminar.translation_key}@testserver"
    [in_feed] = [event for event in feed.walk("VEVENT") if str(event["uid"]) == uid]
    return in_feed, single.walk("VEVENT")[0]


def publish(seminar, **changes):
    page = SeminarPage.objects.get(pk=seminar.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return SeminarPage.objects.get(pk=seminar.pk)


@pytest.fixture
def registrants(make_seminar, details):
    """A seminar with one seat: confirmed (zh-hans), waitlisted (fr), cancelled (en)."""
    seminar = make_seminar(capacity_onsite=1, capacity_online=0)
    confirmed = register(seminar, details, 1, language="zh-hans")
    waitlisted = register(seminar, details, 2, language="fr")
    gone = register(seminar, details, 3)
    services.cancel_registration(gone)
    OutboundEmail.objects.all().delete()
    return seminar, confirmed, waitlisted


def test_a_new_time_is_emailed_to_every_active_registrant_with_old_and_new_times(registrants):
    seminar, confirmed, waitlisted = registrants
    old_start = seminar.starts_at
    start = timezone.now().replace(microsecond=0) + timedelta(days=9)

    publish(seminar, starts_at=start, ends_at=start + timedelta(hours=2))

    sent = emails_of("seminar_changed")
    assert [(e.to, e.language) for e in sent] == [
        (confirmed.email, "zh-hans"),
        (waitlisted.email, "fr"),
    ]
    text = sent[1].body_text
    with translation.override("fr"):  # the waitlisted registrant reads French
        labels = gettext("Before:"), gettext("Now:")
    before, after = text.split(labels[0])[1].split(labels[1])
    for moment, part in ((old_start, before), (start, after)):
        for zone, city in (("Asia/Shanghai", "Changsha"), ("Europe/Paris", "Paris")):
            local = moment.astimezone(ZoneInfo(zone))
            assert f"{city}\u00a0: " in part and f"{local:%H:%M}" in part


def test_the_change_email_carries_the_updated_calendar_file_with_a_higher_sequence(
    client, registrants
):
    seminar, confirmed, _ = registrants
    before_feed, before_single = feed_events(client, seminar)
    start = seminar.starts_at + timedelta(days=1)

    seminar = publish(seminar, starts_at=start, ends_at=start + timedelta(hours=3))

    calendar, event = event_of(emails_of("seminar_changed").get(to=confirmed.email))
    in_feed, single = feed_events(client, seminar)
    assert str(calendar["method"]) == "PUBLISH"
    assert str(event["uid"]) == str(before_feed["uid"])
    assert event.decoded("dtstart") == start.replace(microsecond=0)
    assert int(event["sequence"]) > int(before_feed["sequence"])
    assert int(in_feed["sequence"]) == int(single["sequence"]) == int(event["sequence"])
    assert int(single["sequence"]) > int(before_single["sequence"])


def test_a_new_venue_or_online_arrangement_is_told_before_and_after(registrants):
    seminar, _, _ = registrants

    publish(seminar, venue_name="Paris breast centre, room 2", city="Paris", format="onsite")

    text = emails_of("seminar_changed").first().body_text  # zh-hans: no translation of the demo
    assert "Hunan Cancer Hospital, lecture hall, Changsha → Paris breast centre, room 2, Paris" in (
        text
    )
    with translation.override("zh-hans"):
        labels = (gettext("Format:"), SeminarFormat.HYBRID.label, SeminarFormat.ONSITE.label)
        formats = "{} {} → {}".format(*labels)
    assert formats in text


def test_each_change_is_told_once_and_a_change_of_wording_not_at_all(client, registrants):
    seminar, _, _ = registrants
    publish(seminar, title="MDT seminar (new title)", summary="New summary")
    assert not emails_of("seminar_changed").exists()

    seminar = publish(seminar, city="Paris")
    first = [int(event_of(e)[1]["sequence"]) for e in emails_of("seminar_changed")]
    services.notify_seminar_changed(seminar, by=None)  # again: nothing new to tell
    publish(seminar, city="Changsha")
    second = [int(event_of(e)[1]["sequence"]) for e in emails_of("seminar_changed")[2:]]

    assert emails_of("seminar_changed").count() == 4
    assert min(second) > max(first)
    assert PageLogEntry.objects.filter(page=seminar, action="seminars.seminar.changed").count() == 2


def test_publishing_an_older_revision_never_lowers_the_sequence(client, make_seminar):
    seminar = make_seminar()
    older = seminar.save_revision()
    seminar = publish(seminar, starts_at=seminar.starts_at + timedelta(hours=1))
    seminar.save()  # saved outside a revision (e.g. organisers named)
    before = int(feed_events(client, seminar)[1]["sequence"])

    Revision.objects.get(pk=older.pk).publish()  # as the admin or the scheduler loads it

    assert int(feed_events(client, seminar)[1]["sequence"]) > before


def test_cancelling_a_seminar_cancels_each_registration_and_emails_each_registrant_once(
    registrants, staff
):
    seminar, confirmed, waitlisted = registrants
    editor = staff("Editors")

    services.cancel_seminar(seminar, by=editor, message="The speaker is ill. 讲者生病。")

    for registration in (confirmed, waitlisted):
        registration.refresh_from_db()
        assert registration.status == Status.CANCELLED
    sent = emails_of("seminar_cancelled")
    assert [e.to for e in sent] == [confirmed.email, waitlisted.email]
    assert not emails_of("promoted").exists() and not emails_of("cancelled").exists()
    for email in sent:
        assert "The speaker is ill. 讲者生病。" in email.body_text
        assert "The speaker is ill. 讲者生病。" in email.body_html
        calendar, event = event_of(email)
        assert str(calendar["method"]) == "CANCEL"
        assert str(event["status"]) == "CANCELLED"
    entry = PageLogEntry.objects.get(page=seminar, action="seminars.seminar.cancelled")
    assert entry.user == editor


def test_a_cancelled_seminar_says_so_and_takes_no_registrations(client, registrants, details):
    seminar, confirmed, _ = registrants
    services.cancel_seminar(seminar, by=None, message="Postponed to next spring.")

    with pytest.raises(services.RegistrationError):
        register(seminar, details, 9)
    page = client.get(seminar.url).content.decode()
    assert "This seminar is cancelled." in page and "Postponed to next spring." in page
    assert 'class="registration-form"' not in page
    private = client.get(f"/en/registration/{confirmed.token}/").content.decode()
    assert "Postponed to next spring." in private
    assert "You may register again" not in private


def test_the_calendars_mark_a_cancelled_seminar(client, registrants):
    seminar, _, _ = registrants
    before, _ = feed_events(client, seminar)  # the feed is cached from here on

    services.cancel_seminar(seminar, by=None, message="Cancelled.")

    in_feed, single = feed_events(client, seminar)
    assert str(in_feed["status"]) == str(single["status"]) == "CANCELLED"
    assert int(in_feed["sequence"]) > int(before["sequence"])


def test_a_seminar_is_cancelled_once_and_never_after_it_is_over(registrants, make_seminar):
    seminar, _, _ = registrants
    services.cancel_seminar(seminar, by=None, message="Cancelled.")
    with pytest.raises(services.RegistrationError):
        services.cancel_seminar(seminar, by=None, message="Again.")
    past = make_seminar(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(services.RegistrationError):
        services.cancel_seminar(past, by=None, message="Too late.")
    assert emails_of("seminar_cancelled").count() == 2


def test_publishing_after_a_cancellation_keeps_it_cancelled_and_tells_no_one_of_changes(
    registrants,
):
    seminar, _, _ = registrants
    older = seminar.save_revision()
    services.cancel_seminar(seminar, by=None, message="Cancelled.")

    Revision.objects.get(pk=older.pk).publish()  # as the admin or the scheduler loads it
    seminar = publish(seminar, city="Paris")

    assert seminar.is_cancelled
    assert not emails_of("seminar_changed").exists()


def test_an_editor_cancels_from_the_page_editor(client, registrants, staff):
    seminar, confirmed, _ = registrants
    client.force_login(staff(is_superuser=True))
    edit = client.get(f"/admin/pages/{seminar.pk}/edit/").content.decode()
    url = f"/admin/seminars/{seminar.pk}/cancel/"
    assert url in edit

    refused = client.post(url, {"message": ""})
    assert refused.status_code == 200 and not emails_of("seminar_cancelled").exists()
    done = client.post(url, {"message": "The hall is closed."})

    assert done.status_code == 302
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CANCELLED
    assert emails_of("seminar_cancelled").count() == 2


def test_only_its_editors_and_organisers_may_cancel_a_seminar(client, registrants, staff):
    seminar, _, _ = registrants
    client.force_login(staff("Seminar organisers"))  # organises no seminar

    response = client.post(f"/admin/seminars/{seminar.pk}/cancel/", {"message": "No."})

    assert response.status_code in (302, 403)  # the admin turns a refusal into a redirect
    assert not SeminarPage.objects.get(pk=seminar.pk).is_cancelled
    assert not emails_of("seminar_cancelled").exists()


def test_a_copy_of_a_cancelled_seminar_is_a_new_seminar_open_for_registration(registrants):
    seminar, _, _ = registrants
    services.cancel_seminar(seminar, by=None, message="Cancelled.")
    seminar = SeminarPage.objects.get(pk=seminar.pk)

    copy = seminar.copy(update_attrs={"slug": "mdt-seminar-again", "title": "MDT seminar again"})

    copy = SeminarPage.objects.get(pk=copy.pk)
    assert not copy.is_cancelled and copy.cancellation_message == ""
    assert copy.registration_is_open()


@pytest.mark.django_db
def test_a_translation_not_yet_synced_still_sends_the_current_time_and_link(demo):
    from seminars.notifications import localized_seminar

    english = SeminarPage.objects.get(
        locale__language_code="en", slug="sino-france-mastopathy-day-2026"
    )
    french = english.get_translation(english.locale.__class__.objects.get(language_code="fr"))
    # The editor moved the seminar on the English page; the French copy is not synced yet.
    SeminarPage.objects.filter(pk=french.pk).update(
        starts_at=english.starts_at - timedelta(days=30), online_join_url="https://old.example/"
    )

    page = localized_seminar(english, "fr")

    assert page.pk == french.pk  # the French texts
    assert (page.starts_at, page.online_join_url) == (english.starts_at, english.online_join_url)
