import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from seminars.choices import Discipline, SeminarFormat
from seminars.models import SeminarPage

LANGUAGE_FIELDS = {"zh-hans": "in_chinese", "en": "in_english", "fr": "in_french"}
# The years a date can hold: outside them the database's year lookup overflows or fails.
FIRST_YEAR, LAST_YEAR = 1, 9999


class YearFilter(django_filters.NumberFilter):
    """A whole year in range: 2026.5, -1 or twenty digits are a form error, not a query."""

    field_class = forms.IntegerField


class SeminarFilterSet(django_filters.FilterSet):
    """Public filters of the seminar index: all done in the database."""

    year = YearFilter(
        field_name="starts_at",
        lookup_expr="year",
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    format = django_filters.ChoiceFilter(
        choices=SeminarFormat.choices, label=_("Format"), empty_label=_("Any")
    )
    city = django_filters.CharFilter(lookup_expr="iexact", label=_("City"))
    discipline = django_filters.ChoiceFilter(
        choices=Discipline.choices, label=_("Discipline"), empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        choices=[("zh-hans", "中文"), ("en", "English"), ("fr", "Français")],
        method="filter_language",
        label=_("Language"),
        empty_label=_("Any"),
    )

    class Meta:
        model = SeminarPage
        fields = ["year", "format", "city", "discipline", "language"]

    def filter_language(self, queryset, name, value):
        return queryset.filter(**{LANGUAGE_FIELDS[value]: True})
