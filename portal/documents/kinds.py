"""What each kind of issued document is: its name, what its public check shows, its PDF.

An app names the kinds it issues (`seminars.certificate` → "Certificate of attendance") when it
loads, from its AppConfig.ready(); portal depends on no app, so it only keeps the table. A
document whose kind nobody registered (an app removed, a key renamed) still verifies at
/verify/<code>/, under a generic name and with only what every document has.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document.

    `label` is a lazy translatable name ("Decision letter"). `public_facts(document)` returns
    the [(label, value)] the public check may show: what the document states, never the
    holder's contact details; a value may be safe HTML. `template` renders the PDF from the
    context that `context(document)` builds (portal.documents.document_parts and
    letter_context build the shared parts; it includes "languages", the first being the one
    the PDF is rendered in). `facts_heading` titles the facts on the public check.
    `reissue(subject, *, by)` issues a new document of this kind for `subject` once staff
    re-issue a revoked one (portal.documents.reissue_document); returns the IssuedDocument.
    `managed_subjects(user)` is the queryset of subjects whose documents `user` may see,
    revoke and re-issue in the admin (the app's own rule of who manages what); without it,
    only superusers do.
    """

    key: str
    label: object
    public_facts: Callable
    template: str | None = None
    context: Callable | None = None
    facts_heading: object = _("What the document states")
    reissue: Callable | None = None
    managed_subjects: Callable | None = None
    registered: bool = True


_kinds = {}


def register_document_kind(
    key,
    *,
    label,
    public_facts,
    template,
    context,
    facts_heading=None,
    reissue=None,
    managed_subjects=None,
):
    """Register (or register again: ready() may run twice in tests) the kind `key`."""
    options = {"facts_heading": facts_heading} if facts_heading else {}
    _kinds[key] = DocumentKind(
        key=key,
        label=label,
        public_facts=public_facts,
        template=template,
        context=context,
        reissue=reissue,
        managed_subjects=managed_subjects,
        **options,
    )
    return _kinds[key]


def _generic_facts(document):
    return [(_("Concerning"), document.title)] if document.title else []


def document_kind(key):
    """The registered kind `key`, or a generic one ("Issued document") that nothing renders."""
    kind = _kinds.get(key)
    if kind is None:
        return DocumentKind(
            key=key, label=_("Issued document"), public_facts=_generic_facts, registered=False
        )
    return kind


def registered_kinds():
    """Every registered kind, by key."""
    return [_kinds[key] for key in sorted(_kinds)]
