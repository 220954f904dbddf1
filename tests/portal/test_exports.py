"""Formula-safe exports: text that could run as a formula is neutralised, control characters
are dropped, Chinese and accented text survive, numbers stay numbers, rows are read in chunks."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from portal.exports import CHUNK_SIZE, ExportColumn, csv_response, safe_cell, xlsx_response

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1", "-2", "@SUM(A1:A9)", "\t=1", "\r=1"]
NAMES = ["张伟", "Hélène Dupré", "Éloïse Ç. d'Arcy"]
COLUMNS = [ExportColumn("Name", lambda row: row["name"]), ExportColumn("Age", lambda r: r["age"])]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\x07=1+1", "'=1+1"),  # a control character does not hide the formula behind it
        ("张伟", "张伟"),
        ("Hélène Dupré", "Hélène Dupré"),
        ("Jean-Baptiste Lefèvre", "Jean-Baptiste Lefèvre"),
        ("Éloïse Ç. d'Arcy", "Éloïse Ç. d'Arcy"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, 42),
        (-3, -3),  # a number, not text starting with "-"
        (Decimal("1.5"), Decimal("1.5")),
    ],
)
def test_safe_cell_quotes_only_what_could_start_a_formula(value, cell):
    assert safe_cell(value) == cell


def read_csv(response):
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def people(*names):
    return [{"name": name, "age": 40 + n} for n, name in enumerate(names)]


def test_csv_neutralises_formulas_and_keeps_chinese_and_accents():
    response = csv_response(COLUMNS, people(*HOSTILE, *NAMES), filename="people.csv")

    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    heading, *rows = read_csv(response)
    assert heading == ["Name", "Age"]
    assert [row[0] for row in rows] == ["'" + name for name in HOSTILE] + NAMES
    assert [row[1] for row in rows] == [str(40 + n) for n in range(len(rows))]  # not quoted


def test_xlsx_stores_every_text_as_a_string_and_numbers_as_numbers():
    response = xlsx_response(
        COLUMNS, people(*HOSTILE, *NAMES), filename="people.xlsx", sheet_title="People"
    )

    assert response["Content-Disposition"] == 'attachment; filename="people.xlsx"'
    sheet = read_xlsx(response)
    assert sheet.title == "People"
    rows = list(sheet.iter_rows(min_row=2))
    # As typed, no quote added (XML reads a carriage return back as a line feed).
    assert [row[0].value for row in rows] == [v.replace("\r", "\n") for v in [*HOSTILE, *NAMES]]
    assert {row[0].data_type for row in rows} == {"s"}
    assert not [cell.coordinate for row in rows for cell in row if cell.data_type == "f"]
    assert {row[1].data_type for row in rows} == {"n"}
    assert rows[0][1].value == 40


@pytest.mark.parametrize("writer", ["csv", "xlsx"])
def test_control_characters_are_dropped_from_text(writer):
    rows = people("Wang\x07 Fang\x1b", "Line\nbreak")
    if writer == "csv":
        _heading, *cells = read_csv(csv_response(COLUMNS, rows, filename="x.csv"))
        names = [row[0] for row in cells]
    else:
        sheet = read_xlsx(xlsx_response(COLUMNS, rows, filename="x.xlsx"))
        names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names == ["Wang Fang", "Line\nbreak"]


def test_an_empty_value_is_an_empty_cell():
    columns = [ExportColumn("Checked in", lambda row: None)]

    assert read_csv(csv_response(columns, [{}], filename="x.csv")) == [["Checked in"], [""]]
    sheet = read_xlsx(xlsx_response(columns, [{}], filename="x.xlsx"))
    assert sheet.cell(row=2, column=1).value is None


class ChunkedRows:
    """A queryset stand-in that can only be read with .iterator(chunk_size=…)."""

    def __init__(self, rows):
        self.rows, self.chunk_sizes = rows, []

    def iterator(self, chunk_size):
        self.chunk_sizes.append(chunk_size)
        return iter(self.rows)

    def __iter__(self):
        raise AssertionError("read whole, not in chunks")


@pytest.mark.parametrize("writer", ["csv", "xlsx"])
def test_a_queryset_is_read_in_chunks(writer):
    rows = ChunkedRows(people("张伟"))

    if writer == "csv":
        response = csv_response(COLUMNS, rows, filename="x.csv")
        assert rows.chunk_sizes == []  # nothing is read before the response streams
        read_csv(response)
    else:
        xlsx_response(COLUMNS, rows, filename="x.xlsx")
    assert rows.chunk_sizes == [CHUNK_SIZE]


@pytest.mark.django_db
def test_a_real_queryset_streams_through_its_iterator(user_factory):
    from portal.models import User

    user_factory(email="wang.fang@example.org", full_name="王芳")
    columns = [ExportColumn("Email", lambda user: user.email), ExportColumn("Name", str)]

    _heading, *rows = read_csv(
        csv_response(columns, User.objects.filter(email__startswith="wang"), filename="u.csv")
    )

    assert rows == [["wang.fang@example.org", str(User.objects.get(full_name="王芳"))]]


def test_headings_and_values_keep_the_language_of_the_request_while_the_csv_streams():
    columns = [
        ExportColumn(_("Status"), lambda row: _("Confirmed")),
        ExportColumn(_("Full name"), lambda row: row["name"]),
    ]
    with translation.override("zh-hans"):
        response = csv_response(columns, people("张伟"), filename="x.csv")

    with translation.override("en"):  # the language is gone by the time the rows are read
        assert read_csv(response) == [["状态", "姓名"], ["已确认", "张伟"]]
