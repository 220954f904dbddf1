"""Issuing, revoking and re-issuing documents, the same for every kind.

At most one document of a kind is active (not revoked) for a subject: the database holds that
rule (a unique constraint on kind and subject among the rows not revoked), so two simultaneous
issues still give one document. A revoked document keeps its row and code, and verifies as
revoked for good.

A revocation is a decision by staff, and only staff undo it: while the latest document of a kind
for a subject is revoked, issue_document refuses (DocumentWithdrawn), so the holder's next
download shows that the document was withdrawn instead of quietly issuing a new one. A staff
member re-issues it deliberately (reissue_document), under a new code, from the subject as it
is then; a service that replaces a document itself (a reserve promoted to a place) revokes and
issues in one step with `reissue=True`.
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


class DocumentWithdrawn(DocumentError):
    """The subject's document of this kind was revoked and staff have not re-issued it:
    `document` is the revoked one."""

    def __init__(self, document):
        super().__init__(_("This document has been withdrawn."))
        self.document = document


def _of_subject(subject, kind):
    content_type = ContentType.objects.get_for_model(subject)
    return IssuedDocument.objects.filter(kind=kind, content_type=content_type, object_id=subject.pk)


def issued_document(subject, *, kind):
    """The active (not revoked) IssuedDocument of `kind` for `subject`, or None."""
    return _of_subject(subject, kind).filter(revoked_at__isnull=True).first()


def withdrawn_document(subject, *, kind):
    """The revoked IssuedDocument of `kind` for `subject` when it is the latest one and none is
    active (withdrawn, not re-issued), or None."""
    latest = _of_subject(subject, kind).order_by("-issued_at", "-pk").first()
    return latest if latest is not None and latest.revoked_at is not None else None


def issue_document(subject, *, kind, holder_name, title, details, reissue=False):
    """The active IssuedDocument of `kind` for `subject`, issued now under a fresh code if there
    is none.

    Returns (document, created). Preconditions: `kind` is registered (a typo would issue
    documents nobody can render), else ValueError; where the latest document was revoked, only
    a deliberate re-issue (`reissue=True`) issues a new one, else DocumentWithdrawn. Call inside
    the caller's transaction, after the caller's own checks; the caller writes its audit entry
    when `created`. A concurrent issue of the same document is caught by the unique constraint
    and the winner returned.
    """
    if not document_kind(kind).registered:
        raise ValueError(f"No document kind {kind!r} is registered")
    existing = issued_document(subject, kind=kind)
    if existing:
        return existing, False
    withdrawn = withdrawn_document(subject, kind=kind)
    if withdrawn is not None and not reissue:
        raise DocumentWithdrawn(withdrawn)
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
    """Withdraw `document`: its code then verifies as revoked, and its holder's download says
    it was withdrawn until staff re-issue it (reissue_document).

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


def reissue_document(document, *, by):
    """Staff issue again the revoked `document`: a new document of its kind for its subject,
    under a new code, built by the kind's `reissue` from the subject as it is now (a corrected
    name, hours or decision).

    Preconditions: `document` is revoked; no newer document of its kind is active for its
    subject; its subject still exists; its kind can be re-issued. Else DocumentError (or the
    app's own DomainError when the subject no longer qualifies, e.g. an attendance cancelled).
    Audit entry portal.document.reissued on both documents (the old code and the new). Returns
    the new document.
    """
    kind = document_kind(document.kind)
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.revoked_at is None:
            raise DocumentError(_("Only a revoked document can be issued again."))
        subject = locked.subject
        if subject is None:
            raise DocumentError(_("What this document was issued for no longer exists."))
        active = issued_document(subject, kind=locked.kind)
        if active is not None:
            raise DocumentError(
                _("A newer document is already issued: %(code)s.") % {"code": active.display_code}
            )
        if kind.reissue is None:
            raise DocumentError(_("Documents of this type cannot be issued again here."))
        new = kind.reissue(subject, by=by)
        data = {"code": new.code, "replaces": locked.code, "kind": locked.kind}
        for row in (locked, new):
            log(instance=row, action="portal.document.reissued", user=by, data=data)
    return new
