"""Issuing and revoking documents, the same for every kind.

At most one document of a kind is active (not revoked) for a subject: the database holds that
rule (a unique constraint on kind and subject among the rows not revoked), so two simultaneous
issues still give one document. A revoked document keeps its row and code, and verifies as
revoked for good; issuing again then gives a new document under a new code.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal import tokens
from portal.documents.kinds import document_kind
from portal.models import IssuedDocument
from portal.workflow import DomainError


class DocumentError(DomainError):
    """A request on a document that the rules refuse; str(error) is the translated message."""


def _of_subject(subject, kind):
    content_type = ContentType.objects.get_for_model(subject)
    return IssuedDocument.objects.filter(kind=kind, content_type=content_type, object_id=subject.pk)


def issued_document(subject, *, kind):
    """The active (not revoked) IssuedDocument of `kind` for `subject`, or None."""
    return _of_subject(subject, kind).filter(revoked_at__isnull=True).first()


def issue_document(subject, *, kind, holder_name, title, details):
    """The active IssuedDocument of `kind` for `subject`, issued now under a fresh code if there
    is none: never issued, or every one issued since revoked (a re-issue).

    Returns (document, created). Precondition: `kind` is registered (a typo would issue
    documents nobody can render); else ValueError. Call inside the caller's transaction, after
    the caller's own checks; the caller writes its audit entry when `created`. A concurrent
    issue of the same document is caught by the unique constraint and the winner returned.
    """
    if not document_kind(kind).registered:
        raise ValueError(f"No document kind {kind!r} is registered")
    existing = issued_document(subject, kind=kind)
    if existing:
        return existing, False
    content_type = ContentType.objects.get_for_model(subject)
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


def revoke_document(document, *, by, reason):
    """Withdraw `document`: its code then verifies as revoked, and the next issue_document of
    its kind for its subject issues a new document under a new code.

    Preconditions: a reason is given and the document is not revoked yet; else DocumentError.
    Writes the audit entry portal.document.revoked (who, why, which code). No email: the app
    that revokes tells the holder if it should. Returns the document, `revoked_at` set.
    """
    reason = (reason or "").strip()
    if not reason:
        raise DocumentError(_("Say why the document is revoked."))
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.revoked_at is not None:
            raise DocumentError(_("This document has already been revoked."))
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        log(
            instance=locked,
            action="portal.document.revoked",
            user=by,
            data={"code": locked.code, "kind": locked.kind, "reason": reason},
        )
    document.revoked_at = locked.revoked_at
    return locked
