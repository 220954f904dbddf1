"""The dossier assembler: one PDF with a cover, every part, page numbers and bookmarks."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from portal.dossier import A4, MARGIN, DossierPart, build_dossier

COVER = "pdf/test_dossier_cover.html"


def pdf_bytes(pages, size=(595, 842)):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def png_bytes(width, height):
    output = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 40)).save(output, "PNG")
    return output.getvalue()


def part(title, data, kind="pdf"):
    return DossierPart(title, kind, lambda: io.BytesIO(data))


def build(parts, **context):
    data = build_dossier(
        parts, cover_template=COVER, context={"heading": "Dossier", **context}, label="HX-2026-0042"
    )
    return PdfReader(io.BytesIO(data))


def test_every_part_follows_the_cover_with_its_pages_numbered_and_bookmarked():
    reader = build([part("CV", pdf_bytes(2)), part("Diploma", pdf_bytes(1))])

    assert len(reader.pages) == 1 + 2 + 1
    assert [item.title for item in reader.outline] == ["CV", "Diploma"]
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [1, 3]
    assert "HX-2026-0042 - 3 / 4" in reader.pages[2].extract_text()


def test_the_table_of_contents_gives_each_part_its_first_page():
    reader = build([part("CV", pdf_bytes(3)), part("Letter", pdf_bytes(1))])

    cover = reader.pages[0].extract_text()
    assert "CV ... p. 2" in cover and "Letter ... p. 5" in cover and "Total: 5" in cover


def test_a_cover_longer_than_a_page_shifts_the_page_numbers_it_prints():
    parts = [part(f"Document {n}", pdf_bytes(1)) for n in range(40)]

    reader = build(parts, spacing="12mm")

    cover_pages = len(reader.pages) - 40
    assert cover_pages > 1
    text = "".join(page.extract_text() for page in reader.pages[:cover_pages])
    assert f"Document 0 ... p. {cover_pages + 1}" in text
    assert f"Total: {cover_pages + 40}" in text
    assert reader.get_destination_page_number(reader.outline[0]) == cover_pages


def test_an_image_is_scaled_down_onto_an_a4_page_inside_the_margins():
    reader = build([part("Passport", png_bytes(3000, 2000), kind="png")])

    page = reader.pages[1]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (
        round(A4[0], 1),
        round(A4[1], 1),
    )
    assert page.images[0].image.width == 3000  # kept at full resolution, only drawn smaller
    scale = min((A4[0] - 2 * MARGIN) / 3000, (A4[1] - 2 * MARGIN) / 2000)
    drawn = page.get_contents().get_data().decode("latin-1")
    assert f"{scale:.4f}"[:5] in drawn  # the image's transformation matrix


def test_a_part_that_cannot_be_read_becomes_a_notice_page_and_the_rest_is_kept():
    reader = build([part("Broken letter", b"%PDF-1.4 nothing else"), part("CV", pdf_bytes(1))])

    assert len(reader.pages) == 3
    assert "could not be included: Broken letter" in reader.pages[1].extract_text()
    assert "Broken letter ... p. 2 (missing)" in reader.pages[0].extract_text()


@pytest.mark.parametrize("label", ["HX-2026-0042", "HX (2026) \\ 0042"])
def test_the_footer_survives_characters_that_would_break_the_page(label):
    data = build_dossier(
        [part("CV", pdf_bytes(1))], cover_template=COVER, context={"heading": "x"}, label=label
    )

    assert "2 / 2" in PdfReader(io.BytesIO(data)).pages[1].extract_text()
