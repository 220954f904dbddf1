"""What the tests of the documents step and the submission share: files to upload, a
complete application, a document stored as the step stores it."""

from django.core.files.uploadedfile import SimpleUploadedFile

from exchange.models import Application
from exchange.models.documents import accepted_types
from exchange.models.referees import Referee
from exchange.services import documents
from portal.uploads import check_upload
from tests.exchange.conftest import complete_fields
from tests.portal.test_uploads import pdf_bytes, png_bytes

ONE_PAGE_PDF = pdf_bytes()
THREE_PAGE_PDF = pdf_bytes(pages=3)
PHOTO_PNG = png_bytes((300, 400))


def pdf_upload(name="cv.pdf", content=ONE_PAGE_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def complete_application(call, applicant, **fields):
    """An application with every step answered and its referees asked (no document yet)."""
    application = Application.objects.create(
        call=call, applicant=applicant, **{**complete_fields(), **fields}
    )
    for n in range(call.referees_required):
        Referee.objects.create(
            application=application,
            name=f"Prof. Referee {n + 1}",
            email=f"referee.{n + 1}@example.org",
            institution="Hunan Cancer Hospital",
        )
    return application


def add_document(application, kind="cv", content=ONE_PAGE_PDF, name="cv.pdf"):
    """Store a document through the service, as the documents step does."""
    checked = check_upload(pdf_upload(name, content), kinds=accepted_types(kind))
    return documents.upload_document(application, kind, checked, by=application.applicant)
