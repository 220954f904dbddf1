"""The outbox listing: staff see what was sent, what waits, and why something failed."""

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
