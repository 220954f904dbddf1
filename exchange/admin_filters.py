"""Filters and search of the coordinators' application listing (and of its bulk actions and
exports), and what every row of it reads, annotated in the listing's own query."""

import django_filters
from django import forms
from django.db.models import Avg, Count, F, IntegerField, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.coreutils import get_supported_content_language_variant

from exchange.choices import ApplicationStatus, Direction, ReviewStatus
from exchange.models import Application, ProgrammePage, Review
from portal.choices import Discipline
from portal.viewsets import filtered_listing

SEARCH_FIELDS = [
    "reference",
    "passport_name",
    "applicant__full_name",
    "applicant__email",
    "institution",
]


def canonical_calls():
    """Calls that hold applications: the first-created page of each translation group."""
    firsts = (
        ProgrammePage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    )
    return ProgrammePage.objects.filter(pk__in=firsts).order_by("-opens_at", "pk")


def translated_call_title(key="translation_key", fallback="title"):
    """An expression for a call's title in the active language (the admin user's), from the
    translation of the page whose translation key is `key`, else `fallback`: one subquery,
    no query per row."""
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        return F(fallback)
    translation = ProgrammePage.objects.filter(
        translation_key=OuterRef(key), locale__language_code=language
    ).values("title")[:1]
    return Coalesce(Subquery(translation), F(fallback))


def _review_subquery(aggregate, **conditions):
    reviews = (
        Review.objects.filter(application=OuterRef("pk"), **conditions)
        .order_by()
        .values("application")
        .annotate(value=aggregate)
        .values("value")
    )
    return Subquery(reviews)


def with_listing_columns(applications):
    """`applications` with what each row of the listing and export shows, in the same query:
    the call's title in the admin's language (`call_title`), reviews submitted
    (`reviews_done`) and assigned without a declared conflict (`reviews_assigned`), and the
    mean of the submitted reviews' weighted scores (`mean_score`)."""
    counting = Count("pk")
    return applications.select_related("call", "applicant").annotate(
        call_title=translated_call_title("call__translation_key", "call__title"),
        reviews_done=Coalesce(
            _review_subquery(counting, status=ReviewStatus.SUBMITTED),
            Value(0),
            output_field=IntegerField(),
        ),
        reviews_assigned=Coalesce(
            _review_subquery(counting, status__in=_ASSIGNED),
            Value(0),
            output_field=IntegerField(),
        ),
        mean_score=_review_subquery(Avg("weighted_score"), status=ReviewStatus.SUBMITTED),
    )


_ASSIGNED = [status for status in ReviewStatus.values if status != ReviewStatus.CONFLICT]


class CallChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return getattr(obj, "admin_title", obj.title)


class CallChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CallChoiceField


def call_choices(request):
    return canonical_calls().annotate(admin_title=translated_call_title())


class ApplicationFilterSet(WagtailFilterSet):
    call = CallChoiceFilter(queryset=call_choices, label=_("Call"))
    status = django_filters.ChoiceFilter(
        choices=ApplicationStatus.choices, label=_("Status"), method="filter_status"
    )
    drafts = django_filters.BooleanFilter(
        label=_("Include drafts"),
        method="filter_drafts",
        widget=forms.CheckboxInput,
        initial=False,  # unticked is the default, not an active filter
        help_text=_("Drafts are left out unless this is ticked or the status filter asks."),
    )
    direction = django_filters.ChoiceFilter(
        field_name="call__direction", choices=Direction.choices, label=_("Direction")
    )
    discipline = django_filters.ChoiceFilter(
        field_name="call__discipline", choices=Discipline.choices, label=_("Discipline")
    )
    nationality = django_filters.CharFilter(lookup_expr="icontains", label=_("Nationality"))
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Submitted between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Application
        fields = ["call", "status", "drafts", "direction", "discipline", "nationality"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value) if value else queryset

    def filter_drafts(self, queryset, name, value):
        # Applied in filter_queryset, which knows the status asked for as well.
        return queryset

    def filter_queryset(self, queryset):
        return hide_drafts(super().filter_queryset(queryset), self.form.cleaned_data)

    def filter_queryset_except(self, queryset, *excluded):
        """Apply every valid filter but `excluded` (the status counts ignore the status
        filter and count drafts apart)."""
        for name, value in self.form.cleaned_data.items():
            if name not in excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def hide_drafts(queryset, cleaned_data):
    """Drafts are not the coordinators' business until submitted: shown only when asked."""
    if cleaned_data.get("drafts") or cleaned_data.get("status") == ApplicationStatus.DRAFT:
        return queryset
    return queryset.exclude(status=ApplicationStatus.DRAFT)


def filtered_applications(request, queryset):
    """The applications the listing shows for this request's filters and search (`q`)."""
    return filtered_listing(request, queryset, ApplicationFilterSet, SEARCH_FIELDS)
