"""Spreadsheet exports (CSV and XLSX) that stream and cannot smuggle formulas into a spreadsheet.

People type their own names and institutions: a value such as `=HYPERLINK(...)` would run as a
formula when staff open the file (CSV injection, OWASP; DESIGN §5). In CSV every text cell that
a spreadsheet could read as a formula is prefixed with a single quote; XLSX stores every text
cell as a string, which a spreadsheet never evaluates, so the text stays as typed. Numbers stay
numbers in both. Control characters a person may have pasted (which XLSX cannot hold) are
dropped from text in both.

An export is a list of ExportColumn (a heading and how to read the cell from a row) and the
rows, a queryset read in chunks: the whole table is never in memory. Headings and values are
produced in the language active when the response is made (the admin's), also while the CSV
streams after the view has returned.
"""

import csv
import tempfile
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel's limit


@dataclass(frozen=True)
class ExportColumn:
    """One column: its heading (a lazy translation is fine) and `value(row)`, the cell."""

    label: Any
    value: Callable[[Any], Any]


def time_with_offset(moment, zone):
    """`moment` on the clock of `zone`, with its offset from UTC: "2026-12-12 09:00 +08:00" (a
    spreadsheet has no time zones: the offset keeps the cell unambiguous)."""
    if not moment:
        return ""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def _is_number(value):
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def clean_text(value):
    """`value` as text without the control characters a spreadsheet cannot hold (tab, line
    feed and carriage return are kept)."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def safe_cell(value):
    """`value` as a CSV cell: text that could start a formula gets a leading quote."""
    if value is None:
        return ""
    if _is_number(value):
        return value
    text = clean_text(value)
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def table(columns, rows):
    """The heading row, then each row's cells; a queryset is read in chunks of CHUNK_SIZE.

    The headings are translated now; each row is read in the language active now, too (a
    streamed response reads its rows after the view has returned, when that language is gone).
    """
    heading = [str(column.label) for column in columns]
    return _table(heading, columns, rows, translation.get_language())


def _table(heading, columns, rows, language):
    yield heading
    if hasattr(rows, "iterator"):
        rows = rows.iterator(chunk_size=CHUNK_SIZE)
    for row in rows:
        with translation.override(language):
            yield [column.value(row) for column in columns]


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def csv_lines(cells_by_row):
    # The BOM tells Excel the file is UTF-8; without it Chinese and accented names are garbled.
    yield "\ufeff"
    writer = csv.writer(_Echo())
    for cells in cells_by_row:
        yield writer.writerow([safe_cell(value) for value in cells])


def csv_response(columns: list[ExportColumn], rows: Iterable, *, filename: str):
    """A streamed CSV attachment (UTF-8 with a BOM)."""
    response = StreamingHttpResponse(
        csv_lines(table(columns, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_cell(sheet, value):
    """Text as a string cell (never a formula, whatever it starts with), numbers as numbers."""
    if value is None or _is_number(value):
        return value
    cell = WriteOnlyCell(sheet, value=clean_text(value))
    cell.data_type = "s"  # openpyxl would take "=1+1" for a formula
    return cell


def xlsx_response(columns: list[ExportColumn], rows: Iterable, *, filename: str, sheet_title=""):
    """An XLSX attachment, written row by row (write-only mode) into a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:SHEET_TITLE_LENGTH] or None)
    for cells in table(columns, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in cells])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
