"""Registration exports (CSV and XLSX) that stream and cannot smuggle formulas into a spreadsheet.

A registrant types their own name and institution: a value such as `=HYPERLINK(...)` would run as
a formula when an organiser opens the file (CSV injection, OWASP). Every text cell that a
spreadsheet could read as a formula is prefixed with a single quote (DESIGN §5).
"""

import csv
import tempfile
from datetime import UTC

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from seminars.choices import AttendanceMode, Profession, RegistrationStatus

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """`value` as a spreadsheet cell: text that could start a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def answers_text(answers):
    """The answers to the seminar's own questions as one cell: "Question: answer | …"."""
    parts = []
    for item in (answers or {}).values():
        answer = item.get("answer")
        shown = ", ".join(answer) if isinstance(answer, list) else str(answer)
        parts.append(f"{item.get('question', '')}: {shown}")
    return " | ".join(parts)


def _utc_iso(moment):
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else ""


COLUMNS = [
    (_("ID"), lambda r, _labels: r.pk),
    (_("Seminar"), lambda r, _labels: r.seminar.title),
    (_("Status"), lambda r, labels: labels["status"][r.status]),
    (_("Attendance"), lambda r, labels: labels["mode"][r.mode]),
    (_("Full name"), lambda r, _labels: r.full_name),
    (_("Email"), lambda r, _labels: r.email),
    (_("Institution"), lambda r, _labels: r.institution),
    (_("Department"), lambda r, _labels: r.department),
    (_("Profession"), lambda r, labels: labels["profession"].get(r.profession, r.profession)),
    (_("Country"), lambda r, _labels: r.country),
    (_("Language for emails"), lambda r, _labels: r.language),
    (_("Dietary needs"), lambda r, _labels: r.dietary_needs),
    (_("Accessibility needs"), lambda r, _labels: r.accessibility_needs),
    (_("Registered at (UTC)"), lambda r, _labels: _utc_iso(r.created_at)),
    (_("Checked in at (UTC)"), lambda r, _labels: _utc_iso(r.checked_in_at)),
    (_("Answers"), lambda r, _labels: answers_text(r.answers)),
]


def _choice_labels():
    """Translated once per export: get_FOO_display() per row re-translated every label."""
    return {
        "status": {value: str(label) for value, label in RegistrationStatus.choices},
        "mode": {value: str(label) for value, label in AttendanceMode.choices},
        "profession": {value: str(label) for value, label in Profession.choices},
    }


def rows(queryset):
    """The heading row, then one row of safe cells per registration, read in chunks."""
    labels = _choice_labels()
    yield [str(heading) for heading, _value in COLUMNS]
    for registration in queryset.select_related("seminar").iterator(chunk_size=CHUNK_SIZE):
        yield [safe_cell(value(registration, labels)) for _heading, value in COLUMNS]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def stream_csv(queryset):
    # The BOM tells Excel the file is UTF-8; without it Chinese and accented names are garbled.
    yield "\ufeff"
    writer = csv.writer(_Echo())
    for row in rows(queryset):
        yield writer.writerow(row)


def export_filename(extension):
    return f"registrations-{timezone.now():%Y%m%d-%H%M}.{extension}"


def csv_response(queryset):
    response = StreamingHttpResponse(stream_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename("csv")}"'
    return response


def _xlsx_cell(value):
    # openpyxl refuses control characters a registrant may have pasted into a field.
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_response(queryset):
    """Write the workbook row by row (write-only mode) into a temporary file and send that."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Registrations"))[:31])
    for row in rows(queryset):
        sheet.append([_xlsx_cell(value) for value in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=export_filename("xlsx"), content_type=XLSX_TYPE
    )
