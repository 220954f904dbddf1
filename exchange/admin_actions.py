"""The coordinators' actions on the selected applications (also offered one at a time from the
inspect view): each calls a service of exchange.services.screening per application, in its
own transaction; refusals are reported with the application's reference, never raised.
"""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput

from exchange import exports
from exchange.admin_filters import filtered_applications, with_listing_columns
from exchange.models import Application
from exchange.services import screening
from portal.bulk_actions import ServiceBulkAction
from portal.timezones import PARTNER_TIME_ZONE_CHOICES

IN_THE_PAST = _("Choose a time in the future.")


def reviewers_with_load():
    """Active members of the Reviewers group, each with `open_reviews`: their assignments not
    yet submitted (nor ended by a declared conflict)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=screening.REVIEWERS_GROUP)
        .annotate(
            open_reviews=Count(
                "reviews", filter=Q(reviews__status__in=screening.OPEN_REVIEW), distinct=True
            )
        )
        .order_by("full_name", "email")
    )


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        count = obj.open_reviews
        return ngettext("%(name)s (%(count)d open)", "%(name)s (%(count)d open)", count) % {
            "name": obj.get_full_name() or obj.email,
            "count": count,
        }


def _default_zone():
    """The coordinator's own clock when it is one of the two hospitals', else Changsha's."""
    zone = timezone.get_current_timezone_name()
    return zone if zone in settings.PARTNER_TIME_ZONES else settings.PARTNER_TIME_ZONES[0]


class ZonedForm(forms.Form):
    """A form whose date-and-time fields (`zoned_fields`) are read on the clock chosen in
    `time_zone`: a deadline means the same moment in Changsha and Paris whoever types it."""

    zoned_fields = ()
    future_fields = ()

    time_zone = forms.ChoiceField(
        label=_("Time zone of these times"), choices=PARTNER_TIME_ZONE_CHOICES
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = _default_zone()

    def clean(self):
        cleaned = super().clean()
        zone = ZoneInfo(cleaned.get("time_zone") or _default_zone())
        for name in self.zoned_fields:
            if cleaned.get(name):
                cleaned[name] = timezone.make_aware(timezone.make_naive(cleaned[name]), zone)
                if name in self.future_fields and cleaned[name] <= timezone.now():
                    self.add_error(name, IN_THE_PAST)
        return cleaned

    def service_arguments(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "time_zone"}


def _deadline_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label, required=required, widget=AdminDateTimeInput, help_text=help_text
    )


class ReturnForm(ZonedForm):
    message = forms.CharField(
        label=_("What to correct"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Emailed as written to each applicant, with the deadline in both hospitals' time. "
            "Write it in the applicant's language."
        ),
    )
    deadline = _deadline_field(_("Corrections due by"))
    zoned_fields = future_fields = ("deadline",)
    field_order = ["message", "deadline", "time_zone"]


class IneligibleForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the application is not eligible"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Emailed as written to each applicant: name the condition of the call they do not "
            "meet. Write it in the applicant's language."
        ),
    )

    def service_arguments(self):
        return dict(self.cleaned_data)


class ExtendDeadlineForm(ZonedForm):
    until = _deadline_field(
        _("New deadline"),
        help_text=_("Later than the call's closing time and any earlier extension."),
    )
    zoned_fields = future_fields = ("until",)
    field_order = ["until", "time_zone"]


class AssignReviewerForm(ZonedForm):
    reviewer = ReviewerChoiceField(
        queryset=None,
        label=_("Reviewer"),
        help_text=_("In brackets: the reviews each reviewer has not submitted yet."),
        widget=forms.RadioSelect,  # every reviewer's load at a glance
        empty_label=None,
    )
    due_at = _deadline_field(_("Review due by"), required=False)
    zoned_fields = future_fields = ("due_at",)
    field_order = ["reviewer", "due_at", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers_with_load()


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("File format"),
        choices=[("xlsx", _("Excel workbook (XLSX)")), ("csv", _("CSV"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )


class ApplicationBulkAction(ServiceBulkAction):
    """Apply one screening service to each selected application; refusals are listed with the
    application's reference."""

    models = [Application]
    template_name = "exchange/admin/bulk_confirm.html"
    required_permission = "exchange.change_application"

    @classmethod
    def base_queryset(cls, model):
        return with_listing_columns(model.objects.all())

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all in listing" sends the listing's filters along: act on exactly those rows.
        return filtered_applications(self.request, Application.objects.all()).values_list(
            "pk", flat=True
        )

    def row_label(self, application):
        return application.reference or exports.applicant_name(application)


class FormBulkAction(ApplicationBulkAction):
    """An action whose form's answers (the same for every selected application) are passed
    to the service."""

    def service_kwargs(self, application):
        return self.cleaned_form.service_arguments()


class OpenScreeningBulkAction(ApplicationBulkAction):
    display_name = _("Start screening")
    aria_label = _("Start screening the selected applications")
    action_type = "open_screening"
    action_priority = 10
    service = staticmethod(screening.open_for_screening)
    done_message = ngettext_lazy(
        "%(count)d opened for screening", "%(count)d opened for screening", "count"
    )


class AcceptBulkAction(ApplicationBulkAction):
    display_name = _("Accept for review")
    aria_label = _("Accept the selected applications for review")
    action_type = "accept"
    action_priority = 20
    service = staticmethod(screening.accept_for_review)
    done_message = ngettext_lazy(
        "%(count)d accepted for review", "%(count)d accepted for review", "count"
    )


class ReturnBulkAction(FormBulkAction):
    display_name = _("Return for corrections")
    aria_label = _("Return the selected applications to their applicants for corrections")
    action_type = "return"
    action_priority = 30
    form_class = ReturnForm
    service = staticmethod(screening.return_application)
    done_message = ngettext_lazy(
        "%(count)d returned for corrections", "%(count)d returned for corrections", "count"
    )


class IneligibleBulkAction(FormBulkAction):
    display_name = _("Mark ineligible")
    aria_label = _("Mark the selected applications as not eligible")
    action_type = "ineligible"
    action_priority = 40
    classes = {"serious"}
    form_class = IneligibleForm
    service = staticmethod(screening.mark_ineligible)
    done_message = ngettext_lazy(
        "%(count)d marked ineligible", "%(count)d marked ineligible", "count"
    )


class ExtendDeadlineBulkAction(FormBulkAction):
    display_name = _("Extend the deadline")
    aria_label = _("Give the selected applicants more time")
    action_type = "extend_deadline"
    action_priority = 50
    form_class = ExtendDeadlineForm
    service = staticmethod(screening.extend_deadline)
    done_message = ngettext_lazy("%(count)d given more time", "%(count)d given more time", "count")


class AssignReviewerBulkAction(FormBulkAction):
    display_name = _("Assign a reviewer")
    aria_label = _("Assign a reviewer to the selected applications")
    action_type = "assign_reviewer"
    action_priority = 60
    template_name = "exchange/admin/bulk_assign.html"
    form_class = AssignReviewerForm
    service = staticmethod(screening.assign_reviewer)
    done_message = ngettext_lazy(
        "Reviewer assigned to %(count)d application",
        "Reviewer assigned to %(count)d applications",
        "count",
    )


class ExportBulkAction(ApplicationBulkAction):
    """The selected applications as a spreadsheet (the listing's export takes every filtered
    row instead)."""

    display_name = _("Export")
    aria_label = _("Export the selected applications as a spreadsheet")
    action_type = "export"
    action_priority = 70
    required_permission = "exchange.view_application"
    form_class = ExportForm

    def form_valid(self, form):
        applications, _no_access = self.get_actionable_objects()
        if form.cleaned_data["format"] == "csv":
            return exports.csv_response(applications)
        return exports.xlsx_response(applications)


BULK_ACTIONS = [
    OpenScreeningBulkAction,
    AcceptBulkAction,
    ReturnBulkAction,
    IneligibleBulkAction,
    ExtendDeadlineBulkAction,
    AssignReviewerBulkAction,
    ExportBulkAction,
]
