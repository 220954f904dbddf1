"""The PDF of an issued document, and the context of the parts every PDF shares.

templates/portal/pdf/ holds the parts: the letterhead (both partners' names and logos side by
side), the signature blocks and the verification block (code, address, QR code), and
`letter.html`, the base of every two-language letter. They read what document_parts() gives,
from the document's details, which hold the issuing partners as issued:

    "issuers":     [{language: name}, …]               left partner first
    "signatories": [{language: "name, title"}, …]      same order

A logo is not a fact that was certified: it is read when the PDF is rendered (`logos`, data:
URIs in the same order; portal.pdf.image_data_uri makes them).
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from portal.documents.codes import format_code, verify_url
from portal.documents.kinds import document_kind
from portal.pdf import qr_data_uri, render_pdf


def _pair(texts, first, second):
    """(text in `first`, text in `second` or "" where it reads the same or is missing)."""
    text = texts.get(first, "")
    other = texts.get(second, "") if second else ""
    return text, "" if other == text else other


def _letterhead(issuers, logos, first, second):
    partners = []
    for issuer, logo in zip(issuers, [*logos, *[""] * len(issuers)], strict=False):
        name, name_second = _pair(issuer, first, second)
        partners.append({"name": name, "name_second": name_second, "logo": logo})
    return partners


def _signatures(issuers, signatories, first, second):
    """Per partner: its name and its signatory in the first language, each again in the
    second where it reads differently."""
    signatories = [*signatories, *[{}] * len(issuers)]
    signatures = []
    for issuer, signatory in zip(issuers, signatories, strict=False):
        name, name_second = _pair(issuer, first, second)
        person, person_second = _pair(signatory, first, second)
        signatures.append(
            {
                "issuer": name,
                "issuer_second": name_second,
                "signatory": person,
                "signatory_second": person_second,
            }
        )
    return signatures


def document_parts(document, languages, *, logos=()):
    """The context of the shared parts for `document` in `languages` (first, then second)."""
    details = document.details or {}
    first, second = languages[0], (languages[1:] or [None])[0]
    issuers = details.get("issuers", [])
    url = verify_url(document.code)
    return {
        "document": document,
        "languages": list(languages),
        "primary_language": first,
        "second_language": second,
        "letterhead": _letterhead(issuers, logos, first, second),
        "signatures": _signatures(issuers, details.get("signatories") or [], first, second),
        "code": format_code(document.code),
        "verify_url": url,
        "qr_code": qr_data_uri(url),
    }


def letter_context(document, languages, *, sides, reference="", logos=(), time_zone=None):
    """The context of templates/portal/pdf/letter.html.

    `sides` is one dict per language, in `languages` order, each with "language" and what
    the letter's template reads (letter.html itself: "subject" and "paragraphs"). The letter is
    dated on the day it was issued in `time_zone` (the issuing partner's; Changsha's unless
    given). `reference` defaults to the verification code.
    """
    zone = ZoneInfo(time_zone or settings.PARTNER_TIME_ZONES[0])
    return {
        **document_parts(document, languages, logos=logos),
        "sides": sides,
        "reference": reference or format_code(document.code),
        "letter_date": document.issued_at.astimezone(zone).date(),
    }


def render_document_pdf(document):
    """`document` as PDF bytes, through its kind's template and context, in its first
    language. LookupError for a kind nothing renders (unregistered)."""
    kind = document_kind(document.kind)
    if kind.template is None or kind.context is None:
        raise LookupError(f"No PDF template for documents of kind {document.kind!r}")
    context = kind.context(document)
    with translation.override(context["languages"][0]):
        return render_pdf(kind.template, context)
