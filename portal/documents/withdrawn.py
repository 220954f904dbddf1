"""What the holder sees when they download a document staff have revoked: that it was
withdrawn, when, and whom to write to; never a new PDF (portal.documents.services)."""

from django.template.response import TemplateResponse

from portal.documents.codes import format_code
from portal.documents.kinds import document_kind


def withdrawn_response(request, document, *, contact_email):
    """The page (410 Gone, in the visitor's language) for the revoked `document`."""
    context = {
        "document": document,
        "kind": document_kind(document.kind),
        "code": format_code(document.code),
        "contact_email": contact_email,
    }
    response = TemplateResponse(request, "portal/document_withdrawn.html", context, status=410)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response
