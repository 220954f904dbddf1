"""The files of the demo applications: small valid PDFs (a page of text naming the document)
and a PNG passport scan, checked by portal.uploads like any upload, so that every dossier has
something to show. Made in memory, in a few milliseconds each.
"""

import io
import unicodedata
from functools import cache

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from exchange.models.documents import accepted_types
from home.demo import text_pdf
from portal.uploads import PDF, check_upload

# What each document says (its PDF's lines after the title); {name} is the passport name.
DOCUMENT_LINES = {
    "cv": ("Curriculum vitae", "{name}", "{position}, {department}", "{institution}"),
    "diploma": ("Diploma", "{name}", "Doctor of Medicine / Master of Medical Physics"),
    "language_certificate": ("Language certificate", "{name}", "{certificate}"),
    "motivation_letter": ("Motivation letter", "{name}", "{call}"),
    "head_letter": ("Letter from the head of department", "Support for {name}", "{institution}"),
    # On a blind call the CV and the letter, which reviewers read, do not name the applicant
    # (the call's page and FAQ say so).
    "cv_blind": ("Curriculum vitae", "{position}, {department}", "{institution}"),
    "motivation_letter_blind": ("Motivation letter", "{call}"),
}
ANONYMISED = ("cv", "motivation_letter")
FILE_NAMES = {
    "cv": "CV_{slug}.pdf",
    "diploma": "diploma_{slug}.pdf",
    "language_certificate": "language_certificate_{slug}.pdf",
    "motivation_letter": "motivation_letter.pdf",
    "head_letter": "head_of_department_letter.pdf",
    "passport": "passport_{slug}.png",
}


def ascii_text(text):
    """`text` in the PDF's Helvetica: accents dropped, anything else left out."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.replace("(", "[").replace(")", "]").replace("\\", "/")


def document_upload(kind, application, *, blind=False):
    """A CheckedUpload of `application`'s `kind` document, as the documents step receives it."""
    name = application.passport_name
    slug = "_".join(name.split()).upper()
    if kind == "passport":
        content = passport_png(name)
    else:
        key = f"{kind}_blind" if blind and kind in ANONYMISED else kind
        values = {
            "name": name,
            "position": application.position,
            "department": application.department,
            "institution": application.institution,
            "certificate": application.english_certificate
            or application.french_certificate
            or "CEFR",
            "call": application.call.title,
        }
        content = text_pdf([ascii_text(line.format(**values)) for line in DOCUMENT_LINES[key]])
    slug = "ANONYMOUS" if blind and kind in ANONYMISED else slug
    file = SimpleUploadedFile(FILE_NAMES[kind].format(slug=slug), content)
    return check_upload(file, kinds=accepted_types(kind))


def letter_upload(referee_name, applicant_name):
    """A referee's one-page letter of recommendation, as the referee's page receives it."""
    lines = [
        "Letter of recommendation",
        ascii_text(f"for {applicant_name}"),
        ascii_text(f"by {referee_name}"),
    ]
    file = SimpleUploadedFile("letter_of_recommendation.pdf", text_pdf(lines))
    return check_upload(file, kinds=(PDF,))


@cache
def _passport_background():
    image = Image.new("RGB", (420, 300), (214, 226, 236))
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 60, 144, 220), fill=(168, 182, 196), outline=(90, 100, 110))
    draw.ellipse((56, 82, 112, 138), fill=(130, 142, 156))
    draw.rectangle((48, 146, 120, 220), fill=(130, 142, 156))
    draw.text((24, 20), "PASSPORT / PASSEPORT", fill=(30, 40, 60))
    return image


def passport_png(name):
    """A 420 × 300 px scan of a passport's identity page (no real data on it)."""
    image = _passport_background().copy()
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(("Surname / Given names", ascii_text(name), "SPECIMEN")):
        draw.text((168, 80 + 36 * n), line, fill=(30, 40, 60))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
