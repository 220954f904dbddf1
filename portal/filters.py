import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .choices import EmailStatus
from .models import OutboundEmail


class OutboundEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=EmailStatus.choices, label=_("Status"))
    kind = django_filters.CharFilter(lookup_expr="startswith", label=_("Email type"))
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = OutboundEmail
        fields = ["status", "kind", "language", "created_at"]
