"""Application exports: the filtered listing (or the selection) as CSV and XLSX, formulas
neutralised, streamed, in the coordinator's admin language, times with their offset.

The writers themselves (portal.exports) are specified in tests/portal/test_exports.py."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from exchange.choices import ApplicationStatus, ReviewStatus
from tests.exchange.conftest import translate_call
from tests.exchange.screening import LISTING, add_review, bulk_url, set_admin_language, submit

Status = ApplicationStatus
pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1", "-2", "@SUM(A1:A9)"]


@pytest.fixture
def coordinator_client(client, staff):
    client.force_login(staff("Programme coordinators"))
    return client


@pytest.fixture
def hostile(call, make_applicant):
    """Applications whose names and institutions a spreadsheet would run as formulas."""
    return [
        submit(
            call,
            make_applicant(full_name=name),
            institution="=1+1" if n == 0 else "Institut Curie",
        )
        for n, name in enumerate([*HOSTILE, "张伟", "Hélène Dupré"])
    ]


def read_csv(response):
    assert response.streaming is True
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


def test_csv_export_streams_the_filtered_listing_with_formulas_neutralised(
    coordinator_client, hostile, call, make_call, make_applicant
):
    submit(make_call(), make_applicant(full_name="Other Call"))
    submit(call, make_applicant(full_name="Still A Draft"), Status.DRAFT, reference="")

    response = coordinator_client.get(LISTING, {"export": "csv", "call": call.pk})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    heading, *rows = read_csv(response)
    assert heading[:4] == ["Reference", "Call", "Status", "Applicant"]
    names = [row[3] for row in rows]
    assert sorted(names) == sorted(["'" + name for name in HOSTILE] + ["张伟", "Hélène Dupré"])
    assert "'=1+1" in [row[heading.index("Institution")] for row in rows]
    assert {row[2] for row in rows} == {"Submitted"}


def test_xlsx_export_stores_text_as_text_so_nothing_runs_and_nothing_is_prefixed(
    coordinator_client, hostile, call
):
    response = coordinator_client.get(LISTING, {"export": "xlsx", "call": call.pk})

    sheet = read_xlsx(response)
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = {row[3].value: row[3].data_type for row in sheet.iter_rows(min_row=2)}
    assert set(names) == {*HOSTILE, "张伟", "Hélène Dupré"}  # as typed, no quote added
    assert set(names.values()) == {"s"}
    assert sheet.max_row == 1 + len(HOSTILE) + 2


def test_exported_reviews_and_scores_are_numbers(coordinator_client, call, applicant, staff):
    application = submit(call, applicant, Status.IN_REVIEW)
    reviewers = [staff("Reviewers") for _n in range(3)]
    add_review(application, reviewers[0], ReviewStatus.SUBMITTED, score=7.5)
    add_review(application, reviewers[1], ReviewStatus.SUBMITTED, score=8.25)
    add_review(application, reviewers[2], ReviewStatus.CONFLICT)

    sheet = read_xlsx(coordinator_client.get(LISTING, {"export": "xlsx"}))

    heading = [cell.value for cell in sheet[1]]
    row = [cell for cell in sheet[2]]
    done, assigned, mean = (
        row[heading.index(name)]
        for name in ("Reviews submitted", "Reviews assigned", "Mean weighted score")
    )
    assert (done.value, assigned.value, float(mean.value)) == (2, 2, 7.88)
    assert {done.data_type, assigned.data_type, mean.data_type} == {"n"}


@pytest.mark.parametrize(
    ("zone", "shown"),
    [("Asia/Shanghai", "2026-12-01 08:30 +08:00"), ("Europe/Paris", "2026-12-01 01:30 +01:00")],
)
def test_export_times_are_on_the_calls_clock_with_their_offset(
    coordinator_client, make_call, applicant, zone, shown
):
    call = make_call(time_zone=zone)
    submit(call, applicant, submitted_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC))

    heading, row = read_csv(coordinator_client.get(LISTING, {"export": "csv", "call": call.pk}))

    assert row[heading.index("Submitted at")] == shown


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_speak_the_coordinators_admin_language(
    client, staff, call, applicant, export_format
):
    translate_call(call, "zh-hans", "放疗质控进修")
    submit(call, applicant)
    client.force_login(set_admin_language(staff("Programme coordinators"), "zh-hans"))

    response = client.get(LISTING, {"export": export_format})

    if export_format == "csv":
        heading, *rows = read_csv(response)
    else:
        heading, *rows = read_xlsx(response).iter_rows(values_only=True)
    assert heading[0] == "编号" and heading[2] == "状态"
    assert [row[1] for row in rows] == ["放疗质控进修"]
    assert [row[2] for row in rows] == ["已提交"]


def test_the_selection_is_exported_as_chosen(coordinator_client, call, make_applicant):
    chosen = submit(call, make_applicant(full_name="Chosen One"))
    submit(call, make_applicant(full_name="Left Out"))

    form = coordinator_client.get(bulk_url("export", chosen))
    response = coordinator_client.post(bulk_url("export", chosen), {"format": "csv"})

    assert form.status_code == 200 and 'name="format"' in form.content.decode()
    _heading, *rows = read_csv(response)
    assert [row[3] for row in rows] == ["Chosen One"]
