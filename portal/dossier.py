"""One PDF from many: a cover with its table of contents, every part, page numbers, bookmarks.

A committee member reads one file per application: the form, the uploaded documents and the
referees' letters. `build_dossier` takes the cover's template and the parts (each an opener of
a stored PDF, JPEG or PNG already passed through portal.uploads) and returns the PDF bytes:

- images are placed on an A4 page, scaled to fit inside the margins, never enlarged;
- a part that cannot be read after all (a file damaged in storage) becomes one page saying so,
  so the dossier is still built and the reader knows what is missing;
- the cover is rendered twice when needed: its table of contents gives each part's first page,
  which depends on how many pages the cover itself takes;
- every page gets "<label> · page n of N" in its bottom margin, drawn straight into the page
  with a built-in PDF font (digits and Latin letters only, so no font file is embedded per page),
  and each part is a bookmark in the reader's sidebar.
"""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.translation import gettext as _
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from portal.pdf import render_pdf

logger = logging.getLogger(__name__)

A4 = (595.28, 841.89)  # points
MARGIN = 42.0  # points, about 15 mm
FOOTER_Y = 18.0


@dataclass(frozen=True)
class DossierPart:
    title: str
    kind: str  # "pdf", "jpeg" or "png" (portal.uploads kinds)
    open: Callable[[], BinaryIO]  # opens the stored file for reading
    section: str = ""  # a heading the table of contents groups parts under


def build_dossier(parts, *, cover_template, context, label):
    """The dossier's PDF bytes. `context` is the cover template's; it also gets `contents`
    ([{"title", "section", "page", "missing"}]) and `total_pages`. `label` (ASCII, e.g. the
    application's reference) is printed in every page's footer."""
    loaded = [_load(part) for part in parts]
    body_pages = sum(len(pages) for pages, _missing in loaded)
    cover = _cover(cover_template, context, parts, loaded, body_pages)
    writer = PdfWriter()
    for page in cover.pages:
        writer.add_page(page)
    for part, (pages, _missing) in zip(parts, loaded, strict=True):
        first = len(writer.pages)
        for page in pages:
            writer.add_page(page)
        writer.add_outline_item(title=part.title, page_number=first)
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        _stamp(writer, page, f"{label} - {number} / {total}")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _cover(template, context, parts, loaded, body_pages):
    """The cover, rendered until its own page count is stable (at most three renders)."""
    cover_pages = 1
    for _attempt in range(3):
        contents, page = [], cover_pages + 1
        for part, (pages, missing) in zip(parts, loaded, strict=True):
            contents.append(
                {"title": part.title, "section": part.section, "page": page, "missing": missing}
            )
            page += len(pages)
        total = cover_pages + body_pages
        rendered = render_pdf(template, {**context, "contents": contents, "total_pages": total})
        reader = PdfReader(io.BytesIO(rendered))
        if len(reader.pages) == cover_pages:
            return reader
        cover_pages = len(reader.pages)
    return reader


def _load(part):
    """([pages], missing): the part's pages, or one notice page when it cannot be read."""
    try:
        with part.open() as file:
            data = file.read()
        if part.kind == "pdf":
            pages = list(PdfReader(io.BytesIO(data)).pages)
        else:
            pages = [_image_page(data)]
        if not pages:
            raise PdfReadError("no pages")
        return pages, False
    except (OSError, ValueError, PdfReadError) as error:
        logger.warning("Dossier part %r left out: %s", part.title, error)
        return [_notice_page(part.title)], True


def _image_page(data):
    """An A4 page with the image centred and scaled down to fit inside the margins."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        pdf = io.BytesIO()
        image.save(pdf, format="PDF", resolution=72.0)
    source = PdfReader(io.BytesIO(pdf.getvalue())).pages[0]
    width, height = float(source.mediabox.width), float(source.mediabox.height)
    scale = min(1.0, (A4[0] - 2 * MARGIN) / width, (A4[1] - 2 * MARGIN) / height)
    page = PageObject.create_blank_page(width=A4[0], height=A4[1])
    x = (A4[0] - width * scale) / 2
    y = (A4[1] - height * scale) / 2
    page.merge_transformed_page(source, Transformation().scale(scale).translate(x, y))
    return page


def _notice_page(title):
    message = _("This document could not be included: %(title)s. Ask the coordinators for it.")
    rendered = render_pdf("portal/pdf/dossier_notice.html", {"message": message % {"title": title}})
    return PdfReader(io.BytesIO(rendered)).pages[0]


def _stamp(writer, page, text):
    """Draw `text` (ASCII) centred in the bottom margin with the built-in Helvetica font."""
    safe = text.encode("ascii", "replace").decode().replace("\\", "").replace("(", "[")
    safe = safe.replace(")", "]")
    width = float(page.mediabox.width)
    x = float(page.mediabox.left) + width / 2 - len(safe) * 2.0
    y = float(page.mediabox.bottom) + FOOTER_Y
    stream = DecodedStreamObject()
    stream.set_data(f"q BT /PortalFooter 8 Tf 0.35 g {x:.1f} {y:.1f} Td ({safe}) Tj ET Q".encode())
    overlay = PageObject.create_blank_page(width=width, height=float(page.mediabox.height))
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    overlay[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/PortalFooter"): font})}
    )
    overlay.replace_contents(stream)
    page.merge_page(overlay)
