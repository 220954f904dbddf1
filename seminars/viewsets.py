"""The organisers' registration listing (DESIGN §2): filter, count, inspect, act in bulk, export.

Registrations are written by attendees and change state only through seminars.services, so the
generic create, edit, copy and delete views stay closed; organisers act through the bulk
actions below (also offered one at a time from the inspect view).
"""

from django import forms
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from portal.bulk_actions import ServiceBulkAction
from portal.history import AuditHistoryMixin
from portal.viewsets import ReadOnlyPermissionPolicy, StreamedExportMixin, status_tabs
from seminars import exports, notifications, services
from seminars.admin_filters import (
    SEARCH_FIELDS,
    RegistrationFilterSet,
    filtered_registrations,
    with_seminar_titles,
)
from seminars.choices import RegistrationStatus
from seminars.models import Registration
from seminars.organisers import managed_registrations, sees_every_seminar

Status = RegistrationStatus

# Which workflow actions make sense from which status (buttons on the inspect view).
ACTIONS_BY_STATUS = {
    Status.PENDING: ("approve", "decline"),
    Status.WAITLISTED: ("promote", "decline", "cancel"),
    Status.CONFIRMED: ("attended", "no_show", "cancel"),
    Status.NO_SHOW: ("attended",),
}


def bulk_action_url(action, registration_ids, next_url):
    query = urlencode([*(("id", pk) for pk in registration_ids), ("next", next_url)])
    return f"{reverse('wagtail_bulk_action', args=('seminars', 'registration', action))}?{query}"


class RegistrationIndexView(StreamedExportMixin, IndexView):
    template_name = "seminars/admin/registration_index.html"
    results_template_name = "seminars/admin/registration_index_results.html"

    def get_base_queryset(self):
        queryset = with_seminar_titles(super().get_base_queryset().select_related("seminar"))
        return managed_registrations(self.request.user, queryset)

    def order_queryset(self, queryset):
        # The primary key breaks ties, so pages never repeat or skip a registration.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-pk")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="registration"),
            *super().columns,
        ]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"registration_{instance.pk}_title"
        )

    export_csv = staticmethod(exports.csv_response)
    export_xlsx = staticmethod(exports.xlsx_response)

    def status_counts(self):
        """Registrations per status for the current filters and search, in one GROUP BY query.

        The status filter itself is left out, so the counts work as tabs between statuses.
        """
        queryset = managed_registrations(self.request.user, Registration.objects.all())
        current = ""
        if self.filters and self.filters.is_valid():
            queryset = self.filters.filter_queryset_except(queryset, "status")
            current = self.filters.form.cleaned_data.get("status") or ""
        queryset = self.search_queryset(queryset)
        counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
        return status_tabs(
            self, counts, Status.choices, current=current, all_count=sum(counts.values())
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["status_counts"] = self.status_counts()
        return context


class RegistrationInspectView(AuditHistoryMixin, InspectView):
    template_name = "seminars/admin/registration_inspect.html"
    history_detail_keys = ("session",)  # which session a check-in was for

    def get_object(self, queryset=None):
        registrations = with_seminar_titles(Registration.objects.select_related("seminar"))
        return get_object_or_404(
            managed_registrations(self.request.user, registrations), pk=self.pk
        )

    def get_page_subtitle(self):
        return self.object.full_name

    def get_field_display_value(self, field_name, field):
        if field_name == "seminar":
            return self.object.seminar_title
        value = super().get_field_display_value(field_name, field)
        return "—" if value in (None, "") else value

    @cached_property
    def header_buttons(self):
        """The workflow actions that fit this registration's status, one click from here."""
        if not self.request.user.has_perm("seminars.change_registration"):
            return []
        actions = {action.action_type: action for action in BULK_ACTIONS}
        here = self.request.get_full_path()
        return [
            HeaderButton(
                actions[name].display_name,
                url=bulk_action_url(name, [self.object.pk], here),
                icon_name="mail" if name == "email" else None,
                priority=n,
            )
            for n, name in enumerate((*ACTIONS_BY_STATUS.get(self.object.status, ()), "email"))
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendances"] = self.object.attendances.select_related("session").order_by(
            "session__starts_at", "session__sort_order"
        )
        return context


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "seminars/registrations"
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    # Every field in model order, except the id, the token (the key to the attendee's page)
    # and the check-in code (the badge's QR code).
    inspect_view_fields_exclude = ["id", "token", "checkin_code", "answers"]
    list_display = [
        "full_name",
        "email",
        Column(
            "seminar", label=_("Seminar"), accessor="seminar_title", sort_key="seminar__starts_at"
        ),
        Column("mode", label=_("Attendance"), accessor="get_mode_display", sort_key="mode"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda registration: registration.status in (Status.PENDING, Status.WAITLISTED),
        ),
        "institution",
        "country",
        DateColumn("created_at", label=_("Registered at"), sort_key="created_at"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None  # search in the database (icontains), not the search index
    list_per_page = 50
    ordering = "-created_at"
    form_fields = ["full_name"]  # required by ModelViewSet; the edit view is closed

    @cached_property
    def permission_policy(self):
        # "view" only: the generic create/edit/delete views stay closed to everyone.
        return ReadOnlyPermissionPolicy(self.model)


registration_viewset = RegistrationViewSet("registrations")


class RegistrationBulkAction(ServiceBulkAction):
    """Apply one workflow service to each selected registration of the seminars this organiser
    manages; refusals are reported with the person's name."""

    models = [Registration]
    template_name = "seminars/admin/bulk_confirm.html"
    header_icon = "group"
    required_permission = "seminars.change_registration"

    @classmethod
    def base_queryset(cls, model):
        return with_seminar_titles(model.objects.select_related("seminar"))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" sends the listing's filters along: act on exactly those rows.
        managed = managed_registrations(self.request.user, Registration.objects.all())
        return filtered_registrations(self.request, managed).values_list("pk", flat=True)

    def check_perm(self, registration):
        """Only registrations of seminars this organiser manages (others are listed as out
        of reach and left alone)."""
        if sees_every_seminar(self.request.user):
            return True
        if not hasattr(self, "_managed_seminar_ids"):
            organised = self.request.user.organised_seminars.values_list("pk", flat=True)
            self._managed_seminar_ids = set(organised)
        return registration.seminar_id in self._managed_seminar_ids

    def row_label(self, registration):
        return registration.full_name


class ApproveBulkAction(RegistrationBulkAction):
    display_name = _("Approve")
    aria_label = _("Approve the selected registrations")
    action_type = "approve"
    action_priority = 10
    service = staticmethod(services.approve_registration)
    done_message = ngettext_lazy("%(count)d approved", "%(count)d approved", "count")


class DeclineBulkAction(RegistrationBulkAction):
    display_name = _("Decline")
    aria_label = _("Decline the selected registrations")
    action_type = "decline"
    action_priority = 20
    classes = {"serious"}
    service = staticmethod(services.decline_registration)
    done_message = ngettext_lazy("%(count)d declined", "%(count)d declined", "count")


class PromoteBulkAction(RegistrationBulkAction):
    display_name = _("Promote")
    aria_label = _("Promote the selected registrations from the waiting list")
    action_type = "promote"
    action_priority = 30
    service = staticmethod(services.promote_registration)
    done_message = ngettext_lazy("%(count)d promoted", "%(count)d promoted", "count")


class AttendedBulkAction(RegistrationBulkAction):
    display_name = _("Mark attended")
    aria_label = _("Mark the selected registrations as attended")
    action_type = "attended"
    action_priority = 40
    service = staticmethod(services.check_in_registration)
    done_message = ngettext_lazy("%(count)d checked in", "%(count)d checked in", "count")


class NoShowBulkAction(RegistrationBulkAction):
    display_name = _("Mark as absent")
    aria_label = _("Mark the selected registrations as absent")
    action_type = "no_show"
    action_priority = 50
    service = staticmethod(services.mark_no_show)
    done_message = ngettext_lazy(
        "%(count)d marked as absent", "%(count)d marked as absent", "count"
    )


class OrganiserEmailForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Sent as written to each selected person, framed by a greeting and the seminar's "
            "details in the language they registered in."
        ),
    )


class CancelBulkAction(RegistrationBulkAction):
    """On the attendee's behalf (they wrote or phoned): the seat goes to the waiting list."""

    display_name = _("Cancel")
    aria_label = _("Cancel the selected registrations on the attendees' behalf")
    action_type = "cancel"
    action_priority = 55
    classes = {"serious"}
    service = staticmethod(services.cancel_registration)
    done_message = ngettext_lazy("%(count)d cancelled", "%(count)d cancelled", "count")


class EmailBulkAction(RegistrationBulkAction):
    """Queue one email per selected registration, in that person's language, through the outbox."""

    display_name = _("Email")
    aria_label = _("Email the selected registrations")
    action_type = "email"
    action_priority = 60
    template_name = "seminars/admin/bulk_email.html"
    form_class = OrganiserEmailForm
    done_message = ngettext_lazy("%(count)d email queued", "%(count)d emails queued", "count")

    service = staticmethod(services.email_registration)

    def service_kwargs(self, registration):
        """The organiser's subject and message, and the seminar in the attendee's language
        (looked up once per seminar and language)."""
        key = (registration.seminar_id, registration.language)
        if key not in self._pages:
            self._pages[key] = notifications.localized_seminar(
                registration.seminar, registration.language
            )
        return {"seminar": self._pages[key], **self.cleaned_form.cleaned_data}

    def apply(self, registrations):
        self._pages = {}  # (seminar id, language) -> the page in that language
        return super().apply(registrations)


BULK_ACTIONS = [
    ApproveBulkAction,
    DeclineBulkAction,
    PromoteBulkAction,
    AttendedBulkAction,
    NoShowBulkAction,
    CancelBulkAction,
    EmailBulkAction,
]
