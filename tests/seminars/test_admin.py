"""The organisers' back office: listing, counts, bulk actions, inspect view, check-in desk."""

from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale, ModelLogEntry

from portal.models import OutboundEmail
from seminars import services
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration, SeminarPage
from seminars.panels import SeatCountsPanel

Status = RegistrationStatus
pytestmark = pytest.mark.django_db

LISTING = "/admin/seminars/registrations/"
CHECK_IN = "/admin/seminars/check-in/"


def bulk_url(action, *registrations, **params):
    ids = "&".join(f"id={r.pk}" for r in registrations)
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/bulk/seminars/registration/{action}/?{ids}{extra}&next={LISTING}"


def register(seminar, details, n, language="en", **fields):
    return services.register_for_seminar(seminar, details=details(n, **fields), language=language)


def texts(response):
    """The messages shown after a request, as plain text (the admin renders them as HTML)."""
    return [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]


def not_found(response):
    """404, also when LocaleMiddleware turned it into a redirect to the /en/ catch-all first."""
    if response.status_code == 302 and response["Location"].startswith("/en/admin/"):
        return response.client.get(response["Location"]).status_code == 404
    return response.status_code == 404


@pytest.fixture
def make_seminar(make_organised_seminar):
    return make_organised_seminar


def refreshed(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


# The listing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["Reviewers", "Editors"])
def test_only_organisers_reach_the_registrations(client, staff, make_seminar, details, role):
    register(make_seminar(), details, 1)
    client.force_login(staff(role))

    for url in (LISTING, f"{LISTING}?export=csv", CHECK_IN):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"participant1@example.org" not in response.content


def test_organisers_see_and_act_on_their_own_seminars_only(
    client, organiser_client, organiser, staff, make_seminar, details
):
    mine = make_seminar(title="My seminar")
    theirs = make_seminar(title="Their seminar", organisers=[staff("Seminar organisers")])
    own = register(mine, details, 1, full_name="Wang Fang")
    other = register(theirs, details, 2, full_name="Sophie Bernard")

    listing = organiser_client.get(LISTING)
    export = b"".join(organiser_client.get(LISTING, {"export": "csv"}).streaming_content)
    choose = organiser_client.get(CHECK_IN).content.decode()
    every = organiser_client.post(bulk_url("attended", own, other))
    select_all = organiser_client.post(
        f"/admin/bulk/seminars/registration/no_show/?id=all&next={LISTING}"
    )

    assert {r.pk for r in listing.context["object_list"]} == {own.pk}
    assert sum(tab["count"] for tab in listing.context["status_counts"][1:]) == 1
    assert "Their seminar" not in str(listing.context["filters"].form["seminar"])
    assert "Wang Fang" in export.decode() and "Sophie Bernard" not in export.decode()
    assert "My seminar" in choose and "Their seminar" not in choose
    assert not_found(organiser_client.get(f"{LISTING}inspect/{other.pk}/"))
    assert not_found(organiser_client.get(desk(theirs)))
    assert not_found(organiser_client.post(f"{desk(theirs)}{other.pk}/"))
    assert not_found(organiser_client.post(f"{desk(theirs)}code/", {"token": other.token}))
    assert every.status_code == 302 and select_all.status_code == 302
    assert refreshed(own, other) == [Status.ATTENDED, Status.CONFIRMED]

    client.force_login(staff("Seminar organisers", is_superuser=True))
    everyone = client.get(LISTING, {"q": "example.org"}).context["object_list"]
    assert {own.pk, other.pk} <= {r.pk for r in everyone}


def test_organisers_see_names_seminars_and_statuses(organiser_client, make_seminar, details):
    seminar = make_seminar(title="Mastopathy Day")
    register(seminar, details, 1, full_name="Wang Fang")

    html = organiser_client.get(LISTING).content.decode()

    assert "Wang Fang" in html and "participant1@example.org" in html
    assert "Mastopathy Day" in html and "Confirmed" in html


def test_filters_and_search_narrow_the_listing(organiser_client, make_seminar, details):
    paris, changsha = make_seminar(title="Paris day"), make_seminar(capacity_onsite=1)
    register(paris, details, 1, full_name="Hélène Dupré", country="France", institution="Curie")
    register(changsha, details, 2, full_name="Zhang Wei")
    register(changsha, details, 3, full_name="Li Na")  # waitlisted

    def names(**params):  # the demo's registrations are listed too: look at ours only
        response = organiser_client.get(LISTING, params)
        ours = {paris.pk, changsha.pk}
        return {r.full_name for r in response.context["object_list"] if r.seminar_id in ours}

    assert names(seminar=paris.pk) == {"Hélène Dupré"}
    assert names(seminar=changsha.pk, status=Status.WAITLISTED) == {"Li Na"}
    assert names(country="fran") == {"Hélène Dupré"}
    assert names(institution="CURIE") == {"Hélène Dupré"}
    assert names(q="zhang") == {"Zhang Wei"}
    assert names(q="participant3@") == {"Li Na"}
    assert names(seminar=changsha.pk, mode=AttendanceMode.ONLINE) == set()
    Registration.objects.filter(full_name="Li Na").update(
        created_at=timezone.now() - timedelta(days=10)
    )
    five_days_ago = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert names(created_at_to=five_days_ago) == {"Li Na"}
    assert names(created_at_from=five_days_ago) == {"Hélène Dupré", "Zhang Wei"}


def test_the_seminar_filter_offers_the_newest_seminars_and_the_one_asked_for(
    organiser_client, make_seminar, monkeypatch
):
    monkeypatch.setattr("seminars.admin_filters.SEMINAR_CHOICES", 1)
    long_ago = timezone.now() - timedelta(days=3 * 365)
    old = make_seminar(
        title="Old edition", starts_at=long_ago, ends_at=long_ago + timedelta(hours=3)
    )
    recent = make_seminar(title="This edition")

    def options(**params):
        form = organiser_client.get(LISTING, params).context["filters"].form
        return {choice.value for choice, _label in form.fields["seminar"].choices if choice}

    assert recent.pk in options() and old.pk not in options()
    assert old.pk in options(seminar=old.pk)  # the seat panel links to any seminar
    response = organiser_client.get(LISTING, {"seminar": old.pk})
    assert response.status_code == 200 and response.context["filters"].is_valid()


def test_status_counts_follow_the_filters_but_not_the_status_filter(
    organiser_client, make_seminar, details
):
    seminar = make_seminar(capacity_onsite=2)
    other = make_seminar()
    for n in range(4):
        register(seminar, details, n)  # 2 confirmed, 2 waitlisted
    register(other, details, 9)

    response = organiser_client.get(LISTING, {"seminar": seminar.pk, "status": "waitlisted"})

    counts = {
        tab["label"]: (tab["count"], tab["current"]) for tab in response.context["status_counts"]
    }
    assert counts["All"] == (4, False)
    assert counts["Confirmed"] == (2, False)
    assert counts["On the waiting list"] == (2, True)
    assert counts["Pending approval"] == (0, False)
    assert len(response.context["object_list"]) == 2


def test_listing_queries_do_not_grow_with_registrations(
    organiser_client, make_seminar, details, django_assert_max_num_queries
):
    seminar = make_seminar(capacity_onsite=500)
    for n in range(20):
        register(seminar, details, n)

    with CaptureQueriesContext(connection) as small:
        assert organiser_client.get(LISTING).status_code == 200
    for n in range(20, 200):
        register(seminar, details, n)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = organiser_client.get(LISTING)
    assert len(response.context["object_list"]) == 50  # paginated in the database


# Bulk actions --------------------------------------------------------------------------------


def test_bulk_approve_reports_the_one_it_could_not_approve(
    organiser_client, organiser, make_seminar, details
):
    seminar = make_seminar(requires_approval=True, capacity_onsite=10)
    pending = [register(seminar, details, n) for n in range(3)]
    declined = register(seminar, details, 3, full_name="Hélène Dupré")
    services.decline_registration(declined, by=organiser)

    confirm = organiser_client.get(bulk_url("approve", *pending, declined))
    response = organiser_client.post(bulk_url("approve", *pending, declined))

    assert confirm.status_code == 200 and "Hélène Dupré" in confirm.content.decode()
    assert response.status_code == 302
    assert refreshed(*pending) == [Status.CONFIRMED] * 3
    assert refreshed(declined) == [Status.DECLINED]
    [message] = texts(response)
    assert message.startswith("3 approved; 1 could not be:")
    assert "Only a pending registration can be approved." in message and "Hélène Dupré" in message
    entry = ModelLogEntry.objects.filter(
        action="seminars.registration.confirmed", object_id=str(pending[0].pk)
    ).get()
    assert entry.user == organiser


def test_bulk_confirmation_is_the_portals_shared_page_with_the_registrations_listed(
    organiser_client, make_seminar, details
):
    seminar = make_seminar(requires_approval=True, capacity_onsite=10)
    pending = [register(seminar, details, n) for n in range(2)]

    confirm = organiser_client.get(bulk_url("approve", *pending))

    used = [template.name for template in confirm.templates]
    assert "seminars/admin/bulk_confirm.html" in used
    assert "portal/admin/bulk_confirm.html" in used
    html = confirm.content.decode()
    assert "2 registrations selected." in html
    assert f"{pending[1].full_name} · {pending[1].email}" in html


def test_bulk_decline_leaves_a_confirmed_registration_alone(
    organiser_client, organiser, make_seminar, details
):
    seminar = make_seminar(capacity_onsite=1)
    confirmed, waiting = register(seminar, details, 1), register(seminar, details, 2)

    response = organiser_client.post(bulk_url("decline", confirmed, waiting))

    assert refreshed(confirmed, waiting) == [Status.CONFIRMED, Status.DECLINED]
    assert texts(response) == [
        "1 declined; 1 could not be: Only a pending or waitlisted registration can be declined."
        " (Participant 1)"
    ]
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.declined", object_id=str(waiting.pk)
    )
    assert entry.user == organiser


def test_an_organiser_cancels_for_an_attendee_and_the_seat_goes_to_the_next(
    organiser_client, organiser, make_seminar, details
):
    seminar = make_seminar(capacity_onsite=1)
    confirmed, waiting = register(seminar, details, 1), register(seminar, details, 2)
    services.check_in_registration(attended := register(make_seminar(), details, 3), by=None)

    response = organiser_client.post(bulk_url("cancel", confirmed, attended))

    assert refreshed(confirmed, waiting, attended) == [
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.ATTENDED,
    ]
    assert texts(response) == [
        "1 cancelled; 1 could not be: This registration can no longer be cancelled. (Participant 3)"
    ]
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.cancelled", object_id=str(confirmed.pk)
    )
    assert entry.user == organiser
    kinds = OutboundEmail.objects.values_list("to", "subject")
    assert any(to == "participant1@example.org" for to, _subject in kinds)


def test_bulk_promote_stops_when_the_seats_run_out(
    organiser_client, organiser, make_seminar, details
):
    seminar = make_seminar(capacity_onsite=1)
    first = register(seminar, details, 1)
    waiting = [register(seminar, details, n) for n in (2, 3)]
    SeminarPage.objects.filter(pk=seminar.pk).update(capacity_onsite=2)  # one seat more

    response = organiser_client.post(bulk_url("promote", *waiting))

    assert refreshed(first, *waiting) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert texts(response) == [
        "1 promoted; 1 could not be: No seat is free in this attendance mode. (Participant 3)"
    ]
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.promoted", object_id=str(waiting[0].pk)
    )
    assert entry.user == organiser


def test_bulk_attended_and_no_show(organiser_client, organiser, make_seminar, details):
    seminar = make_seminar(capacity_onsite=5)
    here, away = register(seminar, details, 1), register(seminar, details, 2)

    organiser_client.post(bulk_url("attended", here))
    response = organiser_client.post(bulk_url("no_show", here, away))

    assert refreshed(here, away) == [Status.ATTENDED, Status.NO_SHOW]
    assert texts(response)[-1].startswith("1 marked as absent; 1 could not be:")
    assert Registration.objects.get(pk=here.pk).checked_in_at is not None
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.no_show", object_id=str(away.pk)
    )
    assert entry.user == organiser


def test_select_all_in_listing_acts_only_on_the_filtered_rows(
    organiser_client, make_seminar, details
):
    chosen = make_seminar(requires_approval=True)
    other = make_seminar(requires_approval=True)
    mine = [register(chosen, details, n) for n in (1, 2)]
    theirs = register(other, details, 3)

    organiser_client.post(f"/admin/bulk/seminars/registration/approve/?id=all&seminar={chosen.pk}")

    assert refreshed(*mine) == [Status.CONFIRMED, Status.CONFIRMED]
    assert refreshed(theirs) == [Status.PENDING]


def test_select_all_with_an_invalid_filter_selects_nothing(organiser_client, make_seminar, details):
    registration = register(make_seminar(requires_approval=True), details, 1)

    response = organiser_client.post("/admin/bulk/seminars/registration/approve/?id=all&seminar=0")

    assert not_found(response)
    assert refreshed(registration) == [Status.PENDING]


def test_bulk_actions_answer_404_for_unknown_ids_and_403_to_non_organisers(
    client, organiser_client, staff, make_seminar, details
):
    registration = register(make_seminar(requires_approval=True), details, 1)

    assert not_found(organiser_client.get("/admin/bulk/seminars/registration/approve/?id=999999"))
    assert not_found(organiser_client.get("/admin/bulk/seminars/registration/approve/?id=x"))

    client.force_login(staff("Editors"))
    assert client.post(bulk_url("approve", registration)).status_code in (302, 403)
    assert refreshed(registration) == [Status.PENDING]


def test_email_the_selection_queues_one_email_each_in_their_language(
    organiser_client, organiser, make_seminar, details
):
    seminar = make_seminar(title="Mastopathy Day")
    chinese = register(seminar, details, 1, language="zh-hans", full_name="张伟")
    french = register(seminar, details, 2, language="fr", full_name="Hélène Dupré")
    OutboundEmail.objects.all().delete()  # keep only the organiser's message

    form = organiser_client.get(bulk_url("email", chinese, french))
    response = organiser_client.post(
        bulk_url("email", chinese, french),
        {"subject": "Room change", "message": "We meet in room B12.\nBring your badge."},
    )

    assert form.status_code == 200 and 'name="subject"' in form.content.decode()
    assert response.status_code == 302
    assert texts(response) == ["2 emails queued"]
    emails = {email.to: email for email in OutboundEmail.objects.all()}
    assert set(emails) == {"participant1@example.org", "participant2@example.org"}
    assert emails["participant1@example.org"].language == "zh-hans"
    assert emails["participant2@example.org"].language == "fr"
    for email in emails.values():
        assert email.subject == "Room change"
        assert email.kind == "seminars.registration.organiser_message"
        assert "We meet in room B12." in email.body_text
        assert "/registration/" in email.body_text  # the private link
        assert email.reply_to == organiser.email
    assert "张伟" in emails["participant1@example.org"].body_text
    emailed = ModelLogEntry.objects.filter(action="seminars.registration.emailed", user=organiser)
    assert sorted(emailed.values_list("object_id", flat=True)) == sorted(
        [str(chinese.pk), str(french.pk)]
    )


def test_email_needs_a_subject_and_a_message(organiser_client, make_seminar, details):
    registration = register(make_seminar(), details, 1)
    OutboundEmail.objects.all().delete()

    response = organiser_client.post(
        bulk_url("email", registration), {"subject": "", "message": ""}
    )

    assert response.status_code == 200
    assert not OutboundEmail.objects.exists()


# Inspect view and closed generic views -------------------------------------------------------


def test_inspect_view_shows_the_audit_history_newest_first(
    organiser_client, organiser, make_seminar, details
):
    registration = register(make_seminar(requires_approval=True), details, 1, full_name="Wang Fang")
    services.approve_registration(registration, by=organiser)

    html = organiser_client.get(f"{LISTING}inspect/{registration.pk}/").content.decode()

    assert "Wang Fang" in html and "participant1@example.org" in html
    assert html.index("Registration confirmed") < html.index("Registered, pending approval")
    assert "Li Organiser" in html
    assert registration.token not in html


def test_inspect_view_works_in_a_fresh_process_before_any_log_action_lookup(
    organiser_client, make_seminar, details, monkeypatch
):
    registration = register(make_seminar(), details, 1)
    # A new server process has not scanned the register_log_actions hooks yet.
    monkeypatch.setattr(log_registry, "has_scanned_for_actions", False)
    monkeypatch.setattr(log_registry, "formatters", {})
    monkeypatch.setattr(log_registry, "choices", [])

    response = organiser_client.get(f"{LISTING}inspect/{registration.pk}/")

    assert response.status_code == 200
    assert "Registration confirmed" in response.content.decode()


def test_inspect_of_an_unknown_registration_is_404(organiser_client):
    assert not_found(organiser_client.get(f"{LISTING}inspect/999999/"))


def test_registrations_cannot_be_added_edited_or_deleted_in_the_admin(
    organiser_client, make_seminar, details
):
    registration = register(make_seminar(), details, 1)

    for url in ("new/", f"edit/{registration.pk}/", f"delete/{registration.pk}/"):
        assert organiser_client.get(LISTING + url).status_code in (302, 403, 404), url
    assert Registration.objects.filter(pk=registration.pk).exists()


# Check-in desk -------------------------------------------------------------------------------


def desk(seminar):
    return f"{CHECK_IN}{seminar.pk}/"


def test_todays_seminars_come_first_on_the_check_in_page(organiser_client, make_seminar):
    now = timezone.now()
    make_seminar(
        title="Next month",
        starts_at=now + timedelta(days=30),
        ends_at=now + timedelta(days=30, hours=2),
    )
    make_seminar(
        title="Right now", starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=2)
    )

    html = organiser_client.get(CHECK_IN).content.decode()

    assert html.index("Right now") < html.index("Next month")


def test_check_in_by_scanned_token_then_a_second_scan_says_so(
    organiser_client, organiser, make_seminar, details
):
    seminar = make_seminar()
    registration = register(seminar, details, 1, full_name="张伟")

    first = organiser_client.post(f"{desk(seminar)}code/", {"token": registration.token})
    second = organiser_client.post(
        f"{desk(seminar)}code/",
        {"token": f"https://x.org/zh-hans/registration/{registration.token}/"},
    )

    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED and registration.checked_in_at
    assert first.status_code == 302 and first["Location"] == desk(seminar)
    assert texts(first)[0].startswith("张伟 checked in at")
    assert texts(second)[-1].startswith("张伟 was already checked in at")
    entry = ModelLogEntry.objects.get(
        action="seminars.registration.attended", object_id=str(registration.pk)
    )
    assert entry.user == organiser


def test_check_in_by_search(organiser_client, make_seminar, details):
    seminar = make_seminar()
    registration = register(seminar, details, 1, full_name="Hélène Dupré")
    register(seminar, details, 2, full_name="Zhang Wei")

    page = organiser_client.get(desk(seminar), {"q": "hélène"})
    response = organiser_client.post(f"{desk(seminar)}{registration.pk}/", {"q": "hélène"})

    assert [r.full_name for r in page.context["results"]] == ["Hélène Dupré"]
    assert 'type="submit"' in page.content.decode()
    assert response["Location"] == f"{desk(seminar)}?q=h%C3%A9l%C3%A8ne"
    assert refreshed(registration) == [Status.ATTENDED]
    after = organiser_client.get(desk(seminar), {"q": "hélène"}).content.decode()
    assert "Checked in at" in after


def test_the_desk_lists_the_standing_registration_above_a_cancelled_one_of_the_same_person(
    organiser_client, make_seminar, details
):
    seminar = make_seminar()
    cancelled = register(seminar, details, 1, full_name="Wang Fang")
    services.cancel_registration(cancelled)
    standing = register(seminar, details, 1, full_name="Wang Fang")  # registered again
    register(seminar, details, 2, full_name="Wang Fangfang")

    page = organiser_client.get(desk(seminar), {"q": "wang fang"})

    results = page.context["results"]
    assert [r.pk for r in results if r.email == cancelled.email] == [standing.pk, cancelled.pk]
    assert results[-1].pk == cancelled.pk  # after every registration that stands
    assert results[0].desk_checkable and not results[-1].desk_checkable
    assert results[-1].desk_ended and not results[0].desk_ended
    assert "check-in__result--ended" in page.content.decode()


def test_check_in_refuses_what_is_not_confirmed_with_a_clear_message(
    organiser_client, make_seminar, details
):
    seminar = make_seminar(requires_approval=True)
    pending = register(seminar, details, 1)

    response = organiser_client.post(f"{desk(seminar)}{pending.pk}/")

    assert refreshed(pending) == [Status.PENDING]
    assert texts(response) == ["Participant 1: Only a confirmed registration can be checked in."]


def test_check_in_ids_of_other_seminars_or_unknown_ids_are_404(
    organiser_client, make_seminar, details
):
    seminar, other = make_seminar(), make_seminar()
    foreign = register(other, details, 1)

    assert not_found(organiser_client.post(f"{desk(seminar)}{foreign.pk}/"))
    assert not_found(organiser_client.post(f"{desk(seminar)}999999/"))
    assert not_found(organiser_client.get(f"{CHECK_IN}999999/"))
    response = organiser_client.post(f"{desk(seminar)}code/", {"token": foreign.token})
    assert texts(response) == ["This code is for a registration to another seminar."]
    unknown = organiser_client.post(f"{desk(seminar)}code/", {"token": "nonsense"})
    assert texts(unknown)[-1] == "No registration has this code. Search by name instead."
    assert refreshed(foreign) == [Status.CONFIRMED]


def test_a_programme_of_sessions_is_checked_in_session_by_session(
    organiser_client, make_seminar, add_sessions, details
):
    now = timezone.now()
    seminar = make_seminar(starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=3))
    under_way, next_one = add_sessions(seminar, "1", "1.5")
    other_seminar_session = add_sessions(make_seminar(), "1")[0]
    yesterday = now - timedelta(days=1)
    registration, _other = (
        services.register_for_seminar(seminar, details=row, language="en", now=yesterday)
        for row in (details(1, full_name="欧阳娜娜"), details(2))
    )

    page = organiser_client.get(desk(seminar))
    assert page.context["session"] == under_way  # the one under way is chosen by default
    assert 'aria-current="true"' in page.content.decode()

    scan = {"token": registration.token, "session": under_way.pk}
    first = organiser_client.post(f"{desk(seminar)}code/", scan)
    second = organiser_client.post(f"{desk(seminar)}code/", scan)
    assert first["Location"] == f"{desk(seminar)}?session={under_way.pk}"
    assert texts(first)[0].startswith("欧阳娜娜 checked in to “Session 0” at")
    assert texts(second)[-1].startswith("欧阳娜娜 was already checked in to this session at")

    later = organiser_client.get(desk(seminar), {"session": next_one.pk, "q": "欧阳"})
    assert later.context["tally"] == {"checked_in": 0, "expected": 2}
    assert later.context["results"][0].desk_checkable  # in the building, not yet in this room
    organiser_client.post(
        f"{desk(seminar)}{registration.pk}/", {"session": next_one.pk, "q": "欧阳"}
    )

    # A session id of another seminar is not taken: the desk's own default applies.
    organiser_client.post(
        f"{desk(seminar)}code/", {"token": registration.token, "session": other_seminar_session.pk}
    )
    assert sorted(registration.attendances.values_list("session_id", flat=True)) == [
        under_way.pk,
        next_one.pk,
    ]
    assert not other_seminar_session.attendances.exists()
    tally = organiser_client.get(desk(seminar), {"session": under_way.pk}).context["tally"]
    assert tally == {"checked_in": 1, "expected": 1}


@pytest.mark.parametrize(
    ("zone", "shown"), [("Asia/Shanghai", "09:00–10:00"), ("Europe/Paris", "02:00–03:00")]
)
def test_the_desk_shows_times_at_the_venue(
    organiser_client, make_seminar, add_sessions, details, zone, shown
):
    starts = datetime(2030, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Changsha, 02:00 in Paris
    seminar = make_seminar(starts_at=starts, ends_at=starts + timedelta(hours=3), time_zone=zone)
    add_sessions(seminar, "1", "1")
    registration = register(seminar, details, 1)

    html = organiser_client.get(desk(seminar)).content.decode()
    response = organiser_client.post(
        f"{desk(seminar)}code/", {"token": registration.token}, follow=True
    )

    assert shown in html
    checked_in_at = registration.attendances.get().checked_in_at
    expected = timezone.localtime(checked_in_at, ZoneInfo(zone)).strftime("%H:%M")
    assert any(text.endswith(f"at {expected}.") for text in texts(response))


def test_the_desk_names_sessions_in_the_organisers_admin_language(client, staff):
    from wagtail.users.models import UserProfile

    administrator = staff("Seminar organisers", is_superuser=True)
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(administrator)
    day = SeminarPage.objects.get(  # the demo's coming Mastopathy Day, English original
        locale__language_code="en",
        slug__startswith="sino-france-mastopathy-day",
        ends_at__gt=timezone.now(),
    )
    chinese = day.get_translation(Locale.objects.get(language_code="zh-hans"))

    html = client.get(desk(day)).content.decode()

    for session in chinese.sessions.all():
        assert session.title in html
    assert day.sessions.first().title not in html


def test_the_check_in_desk_costs_the_same_queries_for_5_or_20_results(
    organiser_client, make_seminar, add_sessions, details, django_assert_max_num_queries
):
    seminar = make_seminar(capacity_onsite=40)
    session = add_sessions(seminar, "1", "1")[0]
    for n in range(40):
        registration = register(seminar, details, n)
        if n % 2:
            services.check_in_registration(registration, by=None, session=session)

    with django_assert_max_num_queries(30) as few:
        organiser_client.get(desk(seminar), {"session": session.pk})
    with django_assert_max_num_queries(len(few.captured_queries)):
        organiser_client.get(desk(seminar), {"session": session.pk, "q": "participant"})


def test_check_in_needs_post_and_the_change_permission(client, staff, make_seminar, details):
    seminar = make_seminar()
    registration = register(seminar, details, 1)
    client.force_login(staff("Seminar organisers"))
    assert client.get(f"{desk(seminar)}{registration.pk}/").status_code == 405

    client.force_login(staff("Reviewers"))
    assert client.post(f"{desk(seminar)}{registration.pk}/").status_code in (302, 403)
    assert refreshed(registration) == [Status.CONFIRMED]


# Seat counts panel ---------------------------------------------------------------------------


def test_seat_counts_panel_shows_taken_waiting_pending_and_free(make_seminar, details, organiser):
    seminar = make_seminar(capacity_onsite=1, capacity_online=3)
    register(seminar, details, 1)
    register(seminar, details, 2)  # waitlisted on site
    register(seminar, details, 3, mode=AttendanceMode.ONLINE)
    request = RequestFactory().get("/")
    request.user = organiser

    panel = SeatCountsPanel().bind_to_model(SeminarPage)
    bound = panel.get_bound_panel(instance=seminar, request=request, form=None)
    unsaved = panel.get_bound_panel(instance=SeminarPage(), request=request, form=None)

    rows = {str(row["mode"]): row for row in bound.get_context_data()["rows"]}
    assert {k: rows["On site"][k] for k in ("capacity", "taken", "waiting", "free")} == {
        "capacity": 1,
        "taken": 1,
        "waiting": 1,
        "free": 0,
    }
    assert (rows["Online"]["taken"], rows["Online"]["free"]) == (1, 2)
    html = bound.render_html()
    assert f"?seminar={seminar.pk}" in html and f"{CHECK_IN}{seminar.pk}/" in html
    assert "once the seminar is saved" in unsaved.render_html()


# The admin in the organiser's language -------------------------------------------------------


@pytest.fixture
def admin_in(client, staff):
    """admin_in("zh-hans"): the test client, signed in as an administrator whose admin
    language is the one given."""
    from wagtail.users.models import UserProfile

    def sign_in(language):
        administrator = staff("Seminar organisers", is_superuser=True)
        profile = UserProfile.get_for_user(administrator)
        profile.preferred_language = language
        profile.save()
        client.force_login(administrator)
        return client

    return sign_in


def demo_titles(language="zh-hans"):
    """{English title: title in `language`} of the demo's seminars that hold registrations."""
    locale = Locale.objects.get(language_code=language)
    seminars = SeminarPage.objects.filter(locale__language_code="en", registrations__isnull=False)
    return {s.title: s.get_translation(locale).title for s in seminars.distinct()}


def test_the_listing_names_seminars_in_the_admin_language_at_no_query_per_row(admin_in):
    titles = demo_titles()
    assert len(titles) == 3

    with CaptureQueriesContext(connection) as in_english:
        admin_in("en").get(LISTING)
    with CaptureQueriesContext(connection) as in_chinese:
        html = admin_in("zh-hans").get(LISTING).content.decode()

    for english, chinese in titles.items():
        assert chinese in html
        assert english not in html
    assert len(in_chinese.captured_queries) <= len(in_english.captured_queries)


def test_the_seminar_filter_and_inspect_view_name_seminars_in_the_admin_language(
    admin_in,
):
    titles = demo_titles("fr")
    client = admin_in("fr")
    registration = Registration.objects.filter(seminar__title__in=titles).first()

    form = client.get(LISTING).context["filters"].form
    labels = " ".join(str(label) for _choice, label in form.fields["seminar"].choices)
    inspect = client.get(f"{LISTING}inspect/{registration.pk}/").content.decode()

    assert all(french in labels for french in titles.values())
    assert titles[registration.seminar.title] in inspect


def test_the_desk_names_the_seminar_in_the_admin_language(admin_in):
    day = SeminarPage.objects.get(
        locale__language_code="en",
        slug__startswith="sino-france-mastopathy-day",
        ends_at__gt=timezone.now(),
    )
    chinese = demo_titles()[day.title]
    client = admin_in("zh-hans")

    choose = client.get(CHECK_IN).content.decode()
    desk_page = client.get(desk(day)).content.decode()

    assert chinese in choose and day.title not in choose
    assert chinese in desk_page and day.title not in desk_page


def test_status_badges_do_not_wrap_in_any_admin_page(admin_in):
    from django.contrib.staticfiles import finders

    html = admin_in("zh-hans").get(LISTING).content.decode()

    assert 'class="w-status' in html
    assert "css/admin.css" in html
    stylesheet = " ".join(Path(finders.find("css/admin.css")).read_text().split())
    assert ".w-status { white-space: nowrap; }" in stylesheet


# Dashboard -----------------------------------------------------------------------------------


def dashboard_rows(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if p.name == "upcoming_seminars")
    return panel.get_context_data(), response.content.decode()


def test_organisers_land_on_their_upcoming_seminars_with_seats_queues_and_failed_emails(
    organiser_client, staff, make_seminar, details
):
    from portal.choices import EmailStatus

    now = timezone.now()
    soon = make_seminar(title="Soon", capacity_onsite=1, capacity_online=2, requires_approval=True)
    later = make_seminar(
        title="Later",
        capacity_onsite=1,
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=21),
    )
    make_seminar(title="Theirs", organisers=[staff("Seminar organisers")])
    make_seminar(title="Over", starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2))
    first = register(soon, details, 1)
    services.approve_registration(first, by=None)
    register(soon, details, 2)  # pending
    for n in (3, 4):
        register(later, details, n)  # one seat taken, one waiting
    register(later, details, 5, mode=AttendanceMode.ONLINE)
    OutboundEmail.objects.filter(to=first.email).update(status=EmailStatus.FAILED)
    OutboundEmail.objects.create(
        kind="django.mail",
        to="someone@else.org",
        language="en",
        subject="x",
        body_text="x",
        status=EmailStatus.FAILED,
    )

    context, html = dashboard_rows(organiser_client)

    rows = {row["seminar"].admin_title: row for row in context["rows"]}
    assert list(rows) == ["Soon", "Later"]  # their own, coming up, soonest first
    soon_seats = {
        str(mode["label"]): (mode["taken"], mode["capacity"]) for mode in rows["Soon"]["modes"]
    }
    assert soon_seats == {"On site": (1, 1), "Online": (0, 2)}
    assert (rows["Soon"]["pending"], rows["Soon"]["waiting"]) == (1, 0)
    assert (rows["Later"]["pending"], rows["Later"]["waiting"]) == (0, 1)
    assert context["failed_emails"] == OutboundEmail.objects.filter(to=first.email).count() > 0
    assert "/admin/outbox/?status=failed" in html
    assert f"?seminar={soon.pk}&amp;status=pending" in html
    assert "Theirs" not in html and "Over" not in html
    cancel_url = f"/admin/seminars/{soon.pk}/cancel/"
    assert cancel_url in html  # organisers cannot reach the page editor's menu
    assert organiser_client.get(cancel_url).status_code == 200


def test_administrators_see_every_upcoming_seminar_and_every_failed_email(
    admin_in, make_seminar, staff
):
    from portal.choices import EmailStatus

    make_seminar(title="Someone else's", organisers=[staff("Seminar organisers")])
    OutboundEmail.objects.create(
        kind="django.mail",
        to="someone@else.org",
        language="en",
        subject="x",
        body_text="x",
        status=EmailStatus.FAILED,
    )

    context, _html = dashboard_rows(admin_in("en"))

    assert "Someone else's" in [row["seminar"].admin_title for row in context["rows"]]
    assert context["failed_emails"] == 1


def test_the_dashboard_costs_the_same_queries_for_one_seminar_or_eight(
    organiser_client, make_seminar, details, django_assert_max_num_queries
):
    register(make_seminar(), details, 1)
    with CaptureQueriesContext(connection) as one:
        dashboard_rows(organiser_client)
    for n in range(7):
        register(make_seminar(capacity_onsite=3), details, 10 + n)

    with django_assert_max_num_queries(len(one.captured_queries)):
        context, _html = dashboard_rows(organiser_client)
    assert len(context["rows"]) == 8


def test_staff_who_do_not_organise_get_no_seminar_panel(client, staff):
    client.force_login(staff("Editors"))

    response = client.get("/admin/")

    assert "upcoming_seminars" not in [panel.name for panel in response.context["panels"]]
