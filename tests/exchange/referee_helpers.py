"""Shared pieces of the referees' tests: files a referee might upload, and a letter that must
never reach the applicant."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from exchange.choices import Recommendation

# Words of a letter: no page but the committee's may ever show them.
SECRET = "Confidential: frankly her weakest trainee in ten years"
ANSWERS = {
    "known_for": "3_5",
    "capacity": "Head of department",
    "clinical_skills": "very_good",
    "communication": "fair",
    "recommendation": Recommendation.RESERVATIONS.value,
    "comments": SECRET,
}


def pdf_bytes(pages=1, password=None, text=None):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if text:
        writer.add_metadata({"/Subject": text})
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload(content, name="letter.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
