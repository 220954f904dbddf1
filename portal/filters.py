import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .choices import EmailStatus
from .email_kinds import email_kind_choices
from .models import OutboundEmail


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
