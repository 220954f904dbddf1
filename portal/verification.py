"""Verification codes and the public check at /verify/<code>/ (DESIGN §3 public URLs).

A code (portal.tokens.new_code) is 12 characters without the look-alikes 0/O and 1/I, shown
in groups of four (K7QM-4XRT-9PZC). Lookups ignore case, dashes and spaces, so a code read
aloud, typed from paper or scanned from the QR code all match. The public page shows what was
certified and for whom, and nothing else about the holder (no email, no institution).
"""

import re
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language

from portal import tokens
from portal.links import absolute_url
from portal.models import IssuedDocument

GROUP = 4


def normalize_code(text):
    """ "k7qm 4xrt-9pzc" → "K7QM4XRT9PZC"; anything else than letters and digits is dropped."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def format_code(code):
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def verify_url(code):
    """The absolute public address of a document's check (printed on it, in the QR code)."""
    path = reverse("verify_document", args=(format_code(code),))
    return absolute_url(path)


def issued_document(subject, *, kind):
    """The IssuedDocument of `kind` for `subject`, or None."""
    content_type = ContentType.objects.get_for_model(subject)
    return IssuedDocument.objects.filter(
        kind=kind, content_type=content_type, object_id=subject.pk
    ).first()


def issue_document(subject, *, kind, holder_name, title, details):
    """The IssuedDocument of `kind` for `subject`, created with a fresh code if none exists.

    Returns (document, created). Call inside the caller's transaction; a concurrent issue of the
    same document is caught by the unique constraint and the existing row returned.
    """
    content_type = ContentType.objects.get_for_model(subject)
    existing = issued_document(subject, kind=kind)
    if existing:
        return existing, False
    for _attempt in range(5):  # a code collision is astronomically rare; retry it anyway
        try:
            with transaction.atomic():
                document = IssuedDocument.objects.create(
                    code=tokens.new_code(),
                    kind=kind,
                    holder_name=holder_name,
                    title=title,
                    details=details,
                    content_type=content_type,
                    object_id=subject.pk,
                )
            return document, True
        except IntegrityError:
            existing = issued_document(subject, kind=kind)
            if existing:
                return existing, False
    raise RuntimeError("Could not find a free verification code")


def _localized(value):
    """A {language: text} dict from `details` in the visitor's language (English fallback)."""
    if isinstance(value, dict):
        return value.get(get_language()) or value.get("en") or next(iter(value.values()), "")
    return value or ""


def _datetime(value):
    return datetime.fromisoformat(value) if value else None


def verify_form(request):
    """/verify/: type a code; it redirects to the code's own page."""
    code = normalize_code(request.GET.get("code", ""))
    if code:
        return redirect("verify_document", code=format_code(code))
    return _response(request, {"form_only": True})


def verify_document(request, code):
    """/verify/<code>/: genuine (with what it certifies), revoked, or 404 not found."""
    document = IssuedDocument.objects.filter(code=normalize_code(code)).first()
    if document is None:
        return _response(request, {"not_found": True, "code": code}, status=404)
    details = document.details or {}
    context = {
        "document": document,
        "code": format_code(document.code),
        "title": _localized(details.get("titles")) or document.title,
        "issuers": [_localized(issuer) for issuer in details.get("issuers", [])],
        "credit_hours": details.get("credit_hours"),
        "starts_at": _datetime(details.get("starts_at")),
        "ends_at": _datetime(details.get("ends_at")),
    }
    return _response(request, context)


def _response(request, context, status=200):
    response = TemplateResponse(request, "portal/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response
