"""Public filters of the programme index: all done in the database.

The archive's page number is validated with the filters, so that a page that cannot exist
(text, a NUL byte, 0, twenty digits) is shown as a form error answered with a 400, like any
other bad filter, instead of quietly becoming the last page.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.choices import CallStatus, Direction, ProgrammeType
from exchange.models import ProgrammePage
from home.models import Department
from portal.choices import Discipline


class ProgrammeFilterForm(forms.Form):
    # Not a filter: read by the listing to paginate the closed calls (never rendered).
    page = forms.IntegerField(min_value=1, required=False)


class DepartmentFilter(django_filters.ModelChoiceFilter):
    """A host department, offered in the visitor's language.

    Translated calls keep their source's departments (wagtail-localize copies a
    many-to-many as it is), so a call matches through the department's translation key."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(host_departments__translation_key=value.translation_key)


class ProgrammeFilterSet(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(
        choices=Direction.choices, label=_("Direction"), empty_label=_("Any")
    )
    discipline = django_filters.ChoiceFilter(
        choices=Discipline.choices, label=_("Discipline"), empty_label=_("Any")
    )
    department = DepartmentFilter(
        queryset=Department.objects.none(), label=_("Department"), empty_label=_("Any")
    )
    type = django_filters.ChoiceFilter(
        field_name="programme_type",
        choices=ProgrammeType.choices,
        label=_("Type"),
        empty_label=_("Any"),
    )
    status = django_filters.ChoiceFilter(
        choices=CallStatus.choices, method="filter_status", label=_("Status"), empty_label=_("Any")
    )

    class Meta:
        model = ProgrammePage
        form = ProgrammeFilterForm
        fields = ["direction", "discipline", "department", "type", "status"]

    def __init__(self, data=None, queryset=None, *, locale=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["department"].queryset = host_departments(self.queryset, locale)

    def filter_queryset(self, queryset):
        # The form also holds the page number, which filters nothing.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(ProgrammePage.status_q(value, timezone.now()))

    @property
    def active(self):
        """The visitor narrowed the list with valid filters (turning the page is not one)."""
        if not self.is_bound or not self.form.is_valid():
            return False
        return any(self.form.cleaned_data.get(name) for name in self.filters)


def host_departments(calls, locale):
    """The departments in `locale` that host at least one of `calls`, by institution."""
    keys = Department.objects.filter(programmepage__in=calls).values("translation_key")
    return (
        Department.objects.filter(locale=locale, translation_key__in=keys)
        .select_related("institution")
        .order_by("institution__partner_position", "institution__name", "name")
    )
