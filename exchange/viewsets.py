"""The programme coordinators' application listing (DESIGN §2): filter, count, inspect, screen,
assign reviewers, export.

Applications are written by applicants and change state only through exchange.services, so
the generic create, edit, copy and delete views stay closed; coordinators act through the bulk
actions of exchange.admin_actions (also offered one at a time from the inspect view).
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from exchange import admin_views, exports, summaries
from exchange.admin_actions import BULK_ACTIONS
from exchange.admin_filters import (
    SEARCH_FIELDS,
    ApplicationFilterSet,
    hide_drafts,
    with_listing_columns,
)
from exchange.choices import ApplicationStatus
from exchange.exports import applicant_name
from exchange.models import Application
from portal.history import AuditHistoryMixin
from portal.templatetags.partner_time import partner_times_text
from portal.viewsets import ReadOnlyPermissionPolicy, StreamedExportMixin, status_tabs

Status = ApplicationStatus

# Which workflow actions make sense from which status (buttons on the inspect view).
ACTIONS_BY_STATUS = {
    Status.DRAFT: ("extend_deadline",),
    Status.SUBMITTED: ("open_screening", "accept", "return", "ineligible"),
    Status.SCREENING: ("accept", "return", "ineligible"),
    Status.RETURNED: ("extend_deadline", "ineligible"),
    Status.IN_REVIEW: ("assign_reviewer", "ineligible"),
}
# Shown on the inspect view only when they hold something.
OPTIONAL_FIELDS = {
    "reference",
    "submitted_at",
    "deadline_extended_to",
    "return_message",
    "return_deadline",
    "ineligible_reason",
    "withdrawn_at",
    "withdrawal_reason",
}
NO_VALUE = "—"


def bulk_action_url(action, application_ids, next_url):
    query = urlencode([*(("id", pk) for pk in application_ids), ("next", next_url)])
    return f"{reverse('wagtail_bulk_action', args=('exchange', 'application', action))}?{query}"


def reviews_text(application):
    # Translators: reviews submitted / reviews assigned, e.g. "2 / 3".
    return _("%(done)d / %(assigned)d") % {
        "done": application.reviews_done,
        "assigned": application.reviews_assigned,
    }


def mean_score_text(application):
    return NO_VALUE if application.mean_score is None else f"{application.mean_score:.2f}"


class ApplicationIndexView(StreamedExportMixin, IndexView):
    template_name = "exchange/admin/application_index.html"
    results_template_name = "exchange/admin/application_index_results.html"

    def get_base_queryset(self):
        return with_listing_columns(super().get_base_queryset())

    def order_queryset(self, queryset):
        # The primary key breaks ties, so pages never repeat or skip an application.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "-pk")

    def get_list_buttons(self, instance):
        """No "More options" menu per row: its one item would be "Inspect", which the
        reference already links to (the other generic views are closed), and drawing the menu
        took a third of the table's time."""
        return []

    def paginate_queryset(self, queryset, page_size):
        """Paginate on the primary keys alone, then read the page's rows with their columns.

        The columns are correlated subqueries (the call's title in the admin's language, the
        reviews, the mean score): selected with the paging, SQLite works them out for every
        application the filters match before it sorts, and page 50 of 10,000 applications
        takes seconds. The keys' query still orders by an annotation when the listing is
        sorted by one; the page's query works the columns out for its fifty rows only.
        """
        keys = queryset.values_list("pk", flat=True)
        paginator, page, keys, is_paginated = super().paginate_queryset(keys, page_size)
        keys = list(keys)
        rows = with_listing_columns(Application.objects.filter(pk__in=keys)).in_bulk()
        page.object_list = [rows[pk] for pk in keys if pk in rows]
        return paginator, page, page.object_list, is_paginated

    def filter_queryset(self, queryset):
        if self.filters and self.filters.is_valid():
            return self.filters.filter_queryset(queryset)
        return hide_drafts(queryset, {})  # invalid filters still keep drafts out

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="application"),
            *super().columns,
        ]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args,
            **kwargs,
            accessor=lambda application: application.reference or _("Draft"),
            get_title_id=lambda application: f"application_{application.pk}_title",
        )

    export_csv = staticmethod(exports.csv_response)
    export_xlsx = staticmethod(exports.xlsx_response)

    def status_counts(self):
        """Applications per status for the current filters and search, in one GROUP BY query.

        The status filter and the hiding of drafts are left out, so the counts work as tabs
        between statuses; "All" counts drafts only when they are shown.
        """
        queryset = Application.objects.all()
        current, drafts_shown = "", False
        if self.filters and self.filters.is_valid():
            queryset = self.filters.filter_queryset_except(queryset, "status", "drafts")
            current = self.filters.form.cleaned_data.get("status") or ""
            drafts_shown = bool(self.filters.form.cleaned_data.get("drafts"))
        queryset = self.search_queryset(queryset)
        counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
        all_count = sum(n for s, n in counts.items() if drafts_shown or s != Status.DRAFT)
        tabs = status_tabs(self, counts, Status.choices, current=current, all_count=all_count)
        # Thirteen statuses: only those that hold applications here, and the one chosen.
        return [tab for n, tab in enumerate(tabs) if n == 0 or tab["count"] or tab["current"]]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["status_counts"] = self.status_counts()
        return context


class ApplicationInspectView(AuditHistoryMixin, InspectView):
    template_name = "exchange/admin/application_inspect.html"
    history_detail_keys = ("reviewer",)  # whom an assignment was for

    def dispatch(self, request, *args, **kwargs):
        # Like the files it links to (exchange.admin_views), an application answers 404 to
        # whoever may not see applications: no redirect that tells the address apart.
        if not self.user_has_permission("view"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        applications = with_listing_columns(Application.objects.all())
        return get_object_or_404(applications, pk=self.pk)

    def get_page_subtitle(self):
        return f"{self.object.reference or _('Draft')} · {applicant_name(self.object)}"

    def get_fields_context(self):
        return [
            self.get_context_for_field(name)
            for name in self.fields
            if name not in OPTIONAL_FIELDS or getattr(self.object, name) not in (None, "")
        ]

    def get_field_display_value(self, field_name, field):
        if field_name == "call":
            return self.object.call_title
        if field_name == "applicant":
            return f"{applicant_name(self.object)} <{self.object.applicant.email}>"
        value = super().get_field_display_value(field_name, field)
        if hasattr(value, "tzinfo") and hasattr(value, "hour"):
            return linebreaksbr(partner_times_text(value))  # coordinators work in both clocks
        return NO_VALUE if value in (None, "") else value

    @cached_property
    def header_buttons(self):
        """The committee's dossier, then the workflow actions that fit this application's
        status, one click from here."""
        dossier = HeaderButton(
            _("Dossier (PDF)"),
            url=reverse("exchange_applications:dossier", args=(self.object.pk,)),
            icon_name="doc-full",
            priority=0,
            attrs={"target": "_blank", "rel": "noopener"},
        )
        if not self.request.user.has_perm("exchange.change_application"):
            return [dossier]
        actions = {action.action_type: action for action in BULK_ACTIONS}
        here = self.request.get_full_path()
        return [
            dossier,
            *(
                HeaderButton(
                    actions[name].display_name,
                    url=bulk_action_url(name, [self.object.pk], here),
                    priority=n,
                )
                for n, name in enumerate(ACTIONS_BY_STATUS.get(self.object.status, ()), start=1)
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context.update(
            sections=summaries.review_sections(application),
            documents=admin_views.documents_of(application),
            referees=admin_views.referees_of(application),
            reviews=admin_views.reviews_of(application),
            may_change=self.request.user.has_perm("exchange.change_application"),
        )
        return context


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    menu_order = 270
    add_to_admin_menu = True
    url_prefix = "exchange/applications"
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    inspect_view_fields = [
        "reference",
        "call",
        "status",
        "applicant",
        "submitted_at",
        "deadline_extended_to",
        "return_message",
        "return_deadline",
        "ineligible_reason",
        "withdrawn_at",
        "withdrawal_reason",
    ]
    list_display = [
        "reference",
        Column(
            "applicant",
            label=_("Applicant"),
            accessor=applicant_name,
            sort_key="applicant__full_name",
        ),
        Column("call", label=_("Call"), accessor="call_title", sort_key="call_title"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda a: a.status in (Status.SUBMITTED, Status.SCREENING),
        ),
        Column("profession", label=_("Profession"), accessor="get_profession_display"),
        "institution",
        "nationality",
        DateColumn("submitted_at", label=_("Submitted at"), sort_key="submitted_at"),
        Column("reviews", label=_("Reviews"), accessor=reviews_text, sort_key="reviews_done"),
        Column(
            "mean_score", label=_("Mean score"), accessor=mean_score_text, sort_key="mean_score"
        ),
    ]
    filterset_class = ApplicationFilterSet
    search_fields = SEARCH_FIELDS
    search_backend_name = None  # search in the database (icontains), not the search index
    list_per_page = 50
    ordering = "-submitted_at"
    form_fields = ["passport_name"]  # required by ModelViewSet; the edit view is closed

    @cached_property
    def permission_policy(self):
        # "view" only: the generic create/edit/delete views stay closed to everyone.
        return ReadOnlyPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *[path(route, view, name=name) for route, view, name in admin_views.ROUTES],
        ]


application_viewset = ApplicationViewSet("exchange_applications")
