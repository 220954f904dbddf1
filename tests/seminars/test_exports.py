"""Registration exports: formulas neutralised, Chinese and French names intact, streamed.

The writers themselves (portal.exports) are specified in tests/portal/test_exports.py."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from seminars import services

LISTING = "/admin/seminars/registrations/"
HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1", "-2", "@SUM(A1:A9)"]


@pytest.fixture
def hostile_seminar(make_seminar, details):
    seminar = make_seminar(capacity_onsite=20)
    names = [*HOSTILE, "张伟", "Hélène Dupré"]
    for n, name in enumerate(names):
        services.register_for_seminar(
            seminar,
            details=details(n, full_name=name, institution="=1+1" if n == 0 else "Institut Curie"),
            language="fr",
        )
    return seminar


@pytest.fixture
def make_seminar(make_organised_seminar):
    return make_organised_seminar


def read_csv(response):
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_csv_export_streams_the_filtered_listing_with_formulas_neutralised(
    organiser_client, hostile_seminar, make_seminar, details
):
    other = make_seminar()
    services.register_for_seminar(
        other, details=details(99, full_name="Not Exported"), language="en"
    )

    response = organiser_client.get(LISTING, {"export": "csv", "seminar": hostile_seminar.pk})

    assert response.streaming is True
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    heading, *rows = read_csv(response)
    assert heading[:6] == ["ID", "Seminar", "Status", "Attendance", "Full name", "Email"]
    names = [row[4] for row in rows]
    assert sorted(names) == sorted(["'" + name for name in HOSTILE] + ["张伟", "Hélène Dupré"])
    assert "Not Exported" not in names
    assert "'=1+1" in [row[6] for row in rows]
    for row in rows:
        assert not row[13].startswith(("=", "+", "-", "@"))
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d \+08:00", row[13])  # at the venue


@pytest.mark.django_db
def test_xlsx_export_stores_text_as_text_so_nothing_runs_and_nothing_is_prefixed(
    organiser_client, hostile_seminar
):
    response = organiser_client.get(LISTING, {"export": "xlsx", "seminar": hostile_seminar.pk})

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = {row[4].value: row[4].data_type for row in sheet.iter_rows(min_row=2)}
    assert set(names) == {*HOSTILE, "张伟", "Hélène Dupré"}  # as typed, no quote added
    assert set(names.values()) == {"s"}
    institution = next(row[6] for row in sheet.iter_rows(min_row=2) if row[6].value == "=1+1")
    assert institution.data_type == "s"
    assert sheet.cell(row=2, column=1).data_type == "n"  # numbers stay numbers
    assert sheet.max_row == 1 + len(HOSTILE) + 2


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Reviewers", "Editors"])
def test_only_registration_viewers_may_export(client, staff, hostile_seminar, role):
    client.force_login(staff(role))

    response = client.get(LISTING, {"export": "csv"})

    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)


@pytest.mark.django_db
def test_export_gives_each_attendee_the_credit_hours_of_the_sessions_attended(
    organiser_client, make_seminar, add_sessions, details, django_assert_max_num_queries
):
    from decimal import Decimal

    programme = make_seminar(title="Programme", capacity_onsite=10, cme_credit_hours=Decimal(3))
    morning, _afternoon = add_sessions(programme, "1.5", "2")
    flat = make_seminar(title="No hours per session", cme_credit_hours=Decimal(2))
    add_sessions(flat, "0")

    def attendee(seminar, n, *sessions):
        registration = services.register_for_seminar(
            seminar, details=details(n, full_name=f"Person {n}"), language="en"
        )
        for session in sessions or [None]:
            services.check_in_registration(registration, by=None, session=session)
        return registration

    attendee(programme, 1, morning)
    attendee(programme, 2)  # the whole programme: 3.5, capped at 3
    services.register_for_seminar(programme, details=details(3), language="en")  # not yet in
    attendee(flat, 4)

    with django_assert_max_num_queries(12):
        response = organiser_client.get(LISTING, {"export": "csv", "q": "@example.org"})
        heading, *rows = read_csv(response)

    column = heading.index("Credit hours")
    hours = {row[4]: row[column] for row in rows}
    assert hours == {"Person 1": "1.5", "Person 2": "3", "Participant 3": "", "Person 4": "2"}


@pytest.fixture
def chinese_admin(client, staff):
    from wagtail.users.models import UserProfile

    administrator = staff("Seminar organisers", is_superuser=True)
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(administrator)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_speak_the_organisers_admin_language(chinese_admin, export_format):
    from wagtail.models import Locale

    from seminars.models import SeminarPage

    day = SeminarPage.objects.filter(
        locale__language_code="en", slug__startswith="sino-france-mastopathy-day"
    ).latest("starts_at")
    chinese_title = day.get_translation(Locale.objects.get(language_code="zh-hans")).title

    response = chinese_admin.get(LISTING, {"export": export_format, "seminar": day.pk})

    if export_format == "csv":
        heading, *rows = read_csv(response)
    else:
        content = b"".join(response.streaming_content)
        heading, *rows = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
    assert list(heading[:5]) == ["编号", "学术会议", "状态", "参会方式", "姓名"]
    assert "报名时间" in heading and "签到时间" in heading
    assert rows and {row[1] for row in rows} == {chinese_title}
    assert "已确认" in {row[2] for row in rows}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "registered", "checked_in"),
    [
        ("Asia/Shanghai", "2026-12-01 08:30 +08:00", "2026-12-12 09:05 +08:00"),
        ("Europe/Paris", "2026-12-01 01:30 +01:00", "2026-12-12 02:05 +01:00"),
    ],
)
def test_export_times_are_at_the_venue_with_their_offset(
    organiser_client, make_seminar, details, zone, registered, checked_in
):
    from seminars.models import Registration

    seminar = make_seminar(time_zone=zone)
    registration = services.register_for_seminar(seminar, details=details(1), language="en")
    Registration.objects.filter(pk=registration.pk).update(
        created_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC),
        checked_in_at=datetime(2026, 12, 12, 1, 5, tzinfo=UTC),
    )

    heading, row = read_csv(organiser_client.get(LISTING, {"export": "csv", "seminar": seminar.pk}))

    assert row[heading.index("Registered at")] == registered
    assert row[heading.index("Checked in at")] == checked_in
