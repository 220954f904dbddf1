"""The outbox listing: staff see what was sent, what waits, and why something failed."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from .choices import EmailStatus
from .email_kinds import email_kind_label
from .filters import OutboundEmailFilterSet
from .models import OutboundEmail


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Rows are written by the system only: staff (even superusers) may view, never edit."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def kind_label(email):
    return email_kind_label(email.kind)


class OutboundEmailInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "kind":
            return kind_label(self.object)
        return super().get_field_display_value(field_name, field)


class OutboundEmailViewSet(ModelViewSet):
    model = OutboundEmail
    icon = "mail"
    menu_label = _("Outbox")
    menu_order = 900
    add_to_settings_menu = True
    url_prefix = "outbox"
    inspect_view_enabled = True
    inspect_view_class = OutboundEmailInspectView
    inspect_view_fields = [
        "to",
        "subject",
        "kind",
        "language",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "body_text",
    ]
    list_display = [
        "subject",
        "to",
        Column("kind", label=_("Email type"), accessor=kind_label, sort_key="kind"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda email: email.status == EmailStatus.FAILED,
        ),
        "attempts",
        DateColumn("created_at", label=_("Created at")),
        DateColumn("sent_at", label=_("Sent at")),
        Column("last_error", label=_("Last error")),
    ]
    filterset_class = OutboundEmailFilterSet
    search_fields = ["to", "subject"]
    list_per_page = 50
    ordering = ["-created_at"]
    form_fields = ["to"]

    @cached_property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


outbox_viewset = OutboundEmailViewSet("outbox")


class StreamedExportMixin:
    """An IndexView whose export buttons stream the filtered, searched and ordered listing
    (never paginated, never in memory) through the app's own column lists:
    `export_csv(queryset)` and `export_xlsx(queryset)` (give them as staticmethods)."""

    export_csv = export_xlsx = None

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.export(request.GET["export"])
        return super().get(request, *args, **kwargs)

    def export(self, export_format):
        if not self.user_has_permission("view"):
            raise PermissionDenied
        queryset = self.get_queryset()
        if export_format == self.FORMAT_CSV:
            return self.export_csv(queryset)
        return self.export_xlsx(queryset)

    @cached_property
    def show_export_buttons(self):
        return self.user_has_permission("view")


def status_tabs(view, counts, choices, *, current, all_count):
    """The listing's status tabs: "All", then one per status with its count and its URL (the
    current filters and search kept, the page and the status dropped)."""
    params = view.request.GET.copy()
    for key in (view.page_kwarg, "status", "_w_filter_fragment"):
        params.pop(key, None)
    tabs = [
        {
            "label": _("All"),
            "count": all_count,
            "url": f"{view.index_url}?{params.urlencode()}",
            "current": not current,
        }
    ]
    for value, label in choices:
        params["status"] = value
        tabs.append(
            {
                "label": label,
                "count": counts.get(value, 0),
                "url": f"{view.index_url}?{params.urlencode()}",
                "current": current == value,
            }
        )
    return tabs


def filtered_listing(request, queryset, filterset_class, search_fields):
    """The rows an admin listing shows for this request's filters and its search (`q`, as
    typed, within any of `search_fields`); the same rows its bulk actions and exports act on.

    Invalid filters select nothing: "all in the listing" must never widen to every row.
    """
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        return queryset.none()
    query = request.GET.get("q", "").strip()
    if not query:
        return filterset.qs
    condition = Q()
    for field in search_fields:
        condition |= Q(**{f"{field}__icontains": query})
    return filterset.qs.filter(condition)
