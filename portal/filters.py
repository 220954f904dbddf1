import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .choices import EmailStatus
from .documents.kinds import registered_kinds
from .email_kinds import email_kind_choices
from .models import IssuedDocument, OutboundEmail


def kind_choices():
    """Every kind with a name, and the unnamed ones the outbox holds (under their key)."""
    present = OutboundEmail.objects.order_by().values_list("kind", flat=True).distinct()
    return email_kind_choices(present)


class OutboundEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=EmailStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=kind_choices, label=_("Email type"))
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = OutboundEmail
        fields = ["status", "kind", "language", "created_at"]


def document_kind_choices():
    return [(kind.key, kind.label) for kind in registered_kinds()]


class IssuedDocumentFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=document_kind_choices, label=_("Document type"))
    revoked = django_filters.BooleanFilter(
        field_name="revoked_at", lookup_expr="isnull", exclude=True, label=_("Revoked")
    )
    issued_at = django_filters.DateFromToRangeFilter(
        label=_("Issued at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = IssuedDocument
        fields = ["kind", "revoked", "issued_at"]
