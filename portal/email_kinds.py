"""What each kind of outgoing email is, in words: the outbox shows these, not internal keys.

An app names the kinds it sends (`seminars.registration.declined` → "Registration declined")
when it loads, from its AppConfig.ready(); portal depends on no app, so it only keeps the table.
A kind nobody registered is shown as its key.
"""

from django.utils.translation import gettext_lazy as _

_labels = {}


def register_email_kind(kind, label):
    """Name `kind` (the `kind` of OutboundEmail rows) with `label`, a lazy translatable string."""
    _labels[kind] = label


def email_kind_label(kind):
    return str(_labels.get(kind, kind))


def email_kind_choices(kinds=()):
    """(kind, label) for every registered kind and any other of `kinds`, sorted by label."""
    every = {*_labels, *kinds}
    return sorted(((kind, email_kind_label(kind)) for kind in every), key=lambda c: c[1])


register_email_kind("django.mail", _("Account or admin email (password reset, moderation)"))
