"""Issued documents (DESIGN §3): certificates and letters, each checkable at /verify/<code>/.

Every document the portal issues is an IssuedDocument row holding what it states, copied when it
was issued, and a verification code. What differs between certificates and letters is their
kind, which the issuing app registers (`kinds`); issuing, revoking and re-issuing are the same
for all (`services`: a revoked document is re-issued by staff only), and so are the parts every
PDF shares, the letterhead, the signatures and the verification block (`rendering`,
templates/portal/pdf/).
"""

from portal.documents.kinds import DocumentKind, document_kind, register_document_kind
from portal.documents.rendering import document_parts, letter_context, render_document_pdf
from portal.documents.services import (
    DocumentError,
    DocumentWithdrawn,
    issue_document,
    issued_document,
    reissue_document,
    revoke_document,
    withdrawn_document,
)
from portal.documents.withdrawn import withdrawn_response

__all__ = [
    "DocumentError",
    "DocumentKind",
    "DocumentWithdrawn",
    "document_kind",
    "document_parts",
    "issue_document",
    "issued_document",
    "letter_context",
    "register_document_kind",
    "reissue_document",
    "render_document_pdf",
    "revoke_document",
    "withdrawn_document",
    "withdrawn_response",
]
