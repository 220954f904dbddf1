"""The forms of the documents step, the submission and the withdrawal."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchange.choices import DocumentKind
from exchange.models.documents import accepted_types
from portal.uploads import CheckedFileField

MAX_REASON = 2000


def max_megabytes():
    return settings.UPLOAD_MAX_BYTES // (1024 * 1024)


class DocumentForm(forms.Form):
    """One document's upload (or replacement); `prefix` is the kind, so that each document's
    form on the page has its own field ids."""

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.kinds = accepted_types(kind)
        self.fields["file"] = CheckedFileField(kinds=self.kinds, label=_("File"))

    @property
    def kind_label(self):
        return DocumentKind(self.kind).label

    @property
    def accepted_labels(self):
        return ", ".join(kind.label for kind in self.kinds)


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I have checked my application. I understand that it can no longer be changed once "
            "it is submitted."
        ),
        error_messages={"required": _("Tick the box to confirm that you have checked it.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing?"),
        help_text=_("Optional. Only the programme coordinators read it."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_REASON,
        required=False,
    )
