"""The public check of an issued document at /verify/<code>/ (DESIGN §3 public URLs).

The page names the document by its kind ("Decision letter K7QM-4XRT-9PZC is genuine") and shows
the holder's name, the facts its kind allows in public and the date of issue: nothing else
about the holder (no email, no institution), whatever the document's details hold. A document
of a kind nobody registers any more is still checked, under a generic name.
"""

from django.shortcuts import redirect
from django.template.response import TemplateResponse

from portal.documents import document_kind
from portal.documents.codes import format_code, normalize_code, verify_url
from portal.models import IssuedDocument

__all__ = ["format_code", "normalize_code", "verify_document", "verify_form", "verify_url"]


def verify_form(request):
    """/verify/: type a code; it redirects to the code's own page."""
    code = normalize_code(request.GET.get("code", ""))
    if code:
        return redirect("verify_document", code=format_code(code))
    return _response(request, {"form_only": True})


def verify_document(request, code):
    """/verify/<code>/: genuine (with what it states), revoked, or 404 not found."""
    document = IssuedDocument.objects.filter(code=normalize_code(code)).first()
    if document is None:
        return _response(request, {"not_found": True, "code": code}, status=404)
    kind = document_kind(document.kind)
    context = {
        "document": document,
        "kind": kind,
        "code": format_code(document.code),
        "facts": kind.public_facts(document),
    }
    return _response(request, context)


def _response(request, context, status=200):
    response = TemplateResponse(request, "portal/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response
