"""Issued documents (DESIGN §3): certificates and letters, each checkable at /verify/<code>/.

Every document the portal issues is an IssuedDocument row holding what it states, copied when it
was issued, and a verification code. What differs between certificates and letters is their
kind, which the issuing app registers (`kinds`); issuing and revoking are the same for all
(`services`), and so are the parts every PDF shares, the letterhead, the signatures and the
verification block (`rendering`, templates/portal/pdf/).
"""

from portal.documents.kinds import DocumentKind, document_kind, register_document_kind
from portal.documents.rendering import document_parts, letter_context, render_document_pdf
from portal.documents.services import (
    DocumentError,
    issue_document,
    issued_document,
    revoke_document,
)

__all__ = [
    "DocumentError",
    "DocumentKind",
    "document_kind",
    "document_parts",
    "issue_document",
    "issued_document",
    "letter_context",
    "register_document_kind",
    "render_document_pdf",
    "revoke_document",
]
