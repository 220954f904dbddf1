"""An application as the committee reads it, made the way the portal makes it: every step
filled, each document uploaded through the checker into private storage, referees who sent an
uploaded letter and a form letter, then submitted and accepted for review. Every file and
answer holds the applicant's details, so that a leak would show."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from exchange.choices import ApplicationStatus, Recommendation
from exchange.models import Application, Referee
from exchange.models.documents import accepted_types
from exchange.services import documents
from exchange.services import referees as referee_services
from portal.uploads import PDF, check_upload
from tests.exchange.conftest import complete_fields

NAME = "Margaux Lefèvre-Quintard"
PASSPORT_NAME = "LEFEVRE-QUINTARD MARGAUX"
EMAIL = "margaux.lq@example.fr"
PHONE = "+33 6 98 76 54 32"
BORN = date(1987, 3, 14)
MOTIVATION = "To learn how the Changsha team maps perforators before a DIEP flap."
REFERENCE = "HX-2026-0042"
CV_PAGES = ("Curriculum vitae: ten years of breast surgery.", "Publications and teaching.")
MOTIVATION_LETTER = "Why Changsha: its perforator mapping programme."
DIPLOMA = f"Diploma of surgery awarded to {NAME}."
CERTIFICATE = f"Test de connaissance du français: {NAME}, level B2."
HEAD_LETTER = f"I support the application of {NAME}, of our department."
REFEREE = "Hélène Garnier-Boisseau"
REFEREE_EMAIL = "h.garnier@example.fr"
LETTER = f"I recommend {NAME} warmly for this observership."
FORM_REFEREE = "Wang Lei"
FORM_REFEREE_EMAIL = "wang.lei@example.cn"
FORM_ANSWER = "I supervised her DIEP flaps for three years."
# Everything that names the applicant: none of it may reach a blind dossier.
IDENTIFYING_TEXT = (NAME, PASSPORT_NAME, EMAIL, PHONE, DIPLOMA, CERTIFICATE, HEAD_LETTER)
LETTER_TEXT = (REFEREE, REFEREE_EMAIL, LETTER, FORM_REFEREE, FORM_REFEREE_EMAIL, FORM_ANSWER)
DOCUMENTS = (
    "cv",
    "motivation_letter",
    "diploma",
    "language_certificate",
    "head_letter",
    "passport",
    "photo",
)


def text_pdf(*pages):
    """A PDF with one page per text, as a word processor exports it (real text to extract)."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">{text}</p>' for text in pages)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def image_bytes(size=(1200, 800), image_format="PNG", colour=(40, 90, 160)):
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, image_format)
    return output.getvalue()


FILES = {
    "cv": ("CV_Margaux_Lefevre-Quintard.pdf", lambda: text_pdf(*CV_PAGES)),
    "motivation_letter": ("motivation.pdf", lambda: text_pdf(MOTIVATION_LETTER)),
    "diploma": ("diploma.pdf", lambda: text_pdf(DIPLOMA)),
    "language_certificate": ("tcf.pdf", lambda: text_pdf(CERTIFICATE)),
    "head_letter": ("head.pdf", lambda: text_pdf(HEAD_LETTER)),
    "passport": ("passport.jpg", lambda: image_bytes(image_format="JPEG")),
    "photo": ("photo.png", lambda: image_bytes((400, 500))),
}


def dossier_call(make_call, **fields):
    """A call that asks for every document and two referees, open for the application to be
    written (it is moved into review afterwards)."""
    return make_call(required_documents=list(DOCUMENTS), referees_required=2, **fields)


def upload(application, kind):
    name, content = FILES[kind]
    file = SimpleUploadedFile(name, content(), content_type="application/octet-stream")
    checked = check_upload(file, kinds=accepted_types(kind))
    return documents.upload_document(application, kind, checked, by=application.applicant)


def application_in_review(call, applicant, reference=REFERENCE, **fields):
    """`applicant`'s application to `call` with every document, an uploaded letter and a form
    letter received, and a third referee still awaited; submitted and in review."""
    values = {
        **complete_fields(),
        "passport_name": PASSPORT_NAME,
        "phone": PHONE,
        "date_of_birth": BORN,
        "nationality": "French",
        "profession": "surgeon",
        "motivation": MOTIVATION,
        **fields,
    }
    application = Application.objects.create(call=call, applicant=applicant, **values)
    for kind in call.required_documents:
        upload(application, kind)
    letter, form, _awaited = (
        Referee.objects.create(
            application=application,
            name=name,
            email=email,
            institution="Hôpital Foch",
            position="Head of plastic surgery",
        )
        for name, email in (
            (REFEREE, REFEREE_EMAIL),
            (FORM_REFEREE, FORM_REFEREE_EMAIL),
            ("Late Referee", "late.referee@example.org"),
        )
    )
    letter_file = SimpleUploadedFile("letter.pdf", text_pdf(LETTER), "application/pdf")
    referee_services.submit_reference(letter, letter=check_upload(letter_file, kinds=[PDF]))
    answers = {
        "known_for": "3_5",
        "capacity": "Her supervisor",
        "clinical_skills": "very_good",
        "communication": "good",
        "recommendation": Recommendation.STRONGLY_RECOMMEND.value,
        "comments": FORM_ANSWER,
    }
    referee_services.submit_reference(form, answers=answers)
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.IN_REVIEW,
        reference=reference,
        submitted_at=timezone.now() - timedelta(days=3),
    )
    return Application.objects.select_related("call", "applicant").get(pk=application.pk)


def pdf_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return PdfReader(io.BytesIO(content))


def page_texts(reader):
    return [page.extract_text() for page in reader.pages]
