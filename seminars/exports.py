"""Registration exports (CSV and XLSX) that stream and cannot smuggle formulas into a spreadsheet.

A registrant types their own name and institution: a value such as `=HYPERLINK(...)` would run as
a formula when an organiser opens the file (CSV injection, OWASP, DESIGN §5). In CSV every text
cell that a spreadsheet could read as a formula is prefixed with a single quote; XLSX stores
every text cell as a string, which a spreadsheet never evaluates, so the text stays as typed.

Headings and labels are in the exporting organiser's admin language, times at the seminar's
venue with their UTC offset ("2026-12-12 09:00 +08:00").
"""

import csv
import tempfile
import zoneinfo
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

from seminars.choices import AttendanceMode, Profession, RegistrationStatus
from seminars.credits import awarded_hours
from seminars.models import SeminarSession, SessionAttendance

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """`value` as a spreadsheet cell: text that could start a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
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


def venue_time(moment, zone):
    """`moment` at the venue, with its offset from UTC: "2026-12-12 09:00 +08:00"."""
    if not moment:
        return ""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def _seminar_title(registration):
    # The listing annotates the title in the organiser's language (admin_filters).
    return getattr(registration, "seminar_title", None) or registration.seminar.title


COLUMNS = [
    (_("ID"), lambda r, _lookup: r.pk),
    (_("Seminar"), lambda r, _lookup: _seminar_title(r)),
    (_("Status"), lambda r, lookup: lookup["status"][r.status]),
    (_("Attendance"), lambda r, lookup: lookup["mode"][r.mode]),
    (_("Full name"), lambda r, _lookup: r.full_name),
    (_("Email"), lambda r, _lookup: r.email),
    (_("Institution"), lambda r, _lookup: r.institution),
    (_("Department"), lambda r, _lookup: r.department),
    (_("Profession"), lambda r, lookup: lookup["profession"].get(r.profession, r.profession)),
    (_("Country"), lambda r, _lookup: r.country),
    (_("Language for emails"), lambda r, _lookup: r.language),
    (_("Dietary needs"), lambda r, _lookup: r.dietary_needs),
    (_("Accessibility needs"), lambda r, _lookup: r.accessibility_needs),
    (_("Registered at"), lambda r, _lookup: venue_time(r.created_at, r.seminar.time_zone)),
    (_("Checked in at"), lambda r, _lookup: venue_time(r.checked_in_at, r.seminar.time_zone)),
    (_("Credit hours"), lambda r, lookup: _hours(r, lookup)),
    (_("Answers"), lambda r, _lookup: answers_text(r.answers)),
]


def _shared_lookups():
    """What every row reads, fetched once per export: the choice labels (get_FOO_display() per
    row re-translated every label) and the seminars whose sessions carry credit hours."""
    with_hours = SeminarSession.objects.filter(credit_hours__gt=0).values_list("seminar_id")
    return {
        "with_hours": {seminar_id for (seminar_id,) in with_hours.distinct()},
        "status": {value: str(label) for value, label in RegistrationStatus.choices},
        "mode": {value: str(label) for value, label in AttendanceMode.choices},
        "profession": {value: str(label) for value, label in Profession.choices},
    }


def _hours(registration, lookup):
    """The credit hours an attendee earned (credits.awarded_hours); empty for everyone else."""
    if registration.status != RegistrationStatus.ATTENDED:
        return ""
    return awarded_hours(
        registration.attended_hours,
        programme_has_hours=registration.seminar_id in lookup["with_hours"],
        accredited=registration.seminar.cme_credit_hours,
    )


def _with_attended_hours(queryset):
    """Each registration's sum of attended sessions' hours, in the same query."""
    attended = (
        SessionAttendance.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .values("registration")
        .annotate(total=Sum("session__credit_hours"))
        .values("total")
    )
    return queryset.annotate(attended_hours=Subquery(attended))


def rows(queryset):
    """The heading row, then one row of values per registration, read in chunks.

    Headings and labels are translated now, in the request's (admin) language: a streamed
    response reads the rows after the view has returned and its language is gone.
    """
    heading = [str(heading) for heading, _value in COLUMNS]
    lookup = _shared_lookups()
    registrations = _with_attended_hours(queryset.select_related("seminar"))
    return _rows(heading, lookup, registrations)


def _rows(heading, lookup, registrations):
    yield heading
    for registration in registrations.iterator(chunk_size=CHUNK_SIZE):
        yield [value(registration, lookup) for _heading, value in COLUMNS]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def stream_csv(queryset):
    return _csv_lines(rows(queryset))


def _csv_lines(table):
    # The BOM tells Excel the file is UTF-8; without it Chinese and accented names are garbled.
    yield "\ufeff"
    writer = csv.writer(_Echo())
    for row in table:
        yield writer.writerow([safe_cell(value) for value in row])


def export_filename(extension):
    return f"registrations-{timezone.now():%Y%m%d-%H%M}.{extension}"


def csv_response(queryset):
    response = StreamingHttpResponse(stream_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename("csv")}"'
    return response


def _xlsx_cell(sheet, value):
    """Text as a string cell (never a formula, whatever it starts with), numbers as numbers."""
    if not isinstance(value, str):
        return value
    # openpyxl refuses control characters a registrant may have pasted into a field.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # openpyxl would take "=1+1" for a formula
    return cell


def xlsx_response(queryset):
    """Write the workbook row by row (write-only mode) into a temporary file and send that."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Registrations"))[:31])
    for row in rows(queryset):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=export_filename("xlsx"), content_type=XLSX_TYPE
    )
