"""Filters of the organisers' registration listing (and of its bulk actions and exports)."""

import django_filters
from django import forms
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.coreutils import get_supported_content_language_variant

from portal.viewsets import filtered_listing
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration, SeminarPage
from seminars.organisers import managed_seminars

SEARCH_FIELDS = ["full_name", "email", "institution"]
SEMINAR_CHOICES = 60


def canonical_seminars():
    """Live seminars that hold registrations: the first-created page of each translation group."""
    firsts = SeminarPage.objects.values("translation_key").annotate(first=Min("pk")).values("first")
    return SeminarPage.objects.live().filter(pk__in=firsts).order_by("-starts_at", "pk")


def translated_title(key="translation_key", fallback="title"):
    """An expression for a seminar's title in the active language (the admin user's), from the
    translation of the page whose translation key is `key`, else `fallback`.

    Registrations and the desk point at the canonical page, whichever language it was written
    in; as a subquery the translated title costs no query per row.
    """
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        return F(fallback)
    translation = SeminarPage.objects.filter(
        translation_key=OuterRef(key), locale__language_code=language
    ).values("title")[:1]
    return Coalesce(Subquery(translation), F(fallback))


def with_admin_titles(seminars):
    """`seminars` (pages), each with `admin_title`: its title in the admin user's language."""
    return seminars.annotate(admin_title=translated_title())


def with_seminar_titles(registrations):
    """`registrations`, each with `seminar_title`: its seminar's title in the admin's language."""
    return registrations.annotate(
        seminar_title=translated_title("seminar__translation_key", "seminar__title")
    )


class SeminarChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        title = getattr(obj, "admin_title", obj.title)
        return f"{title} · {date_format(obj.starts_at, 'Y-m-d')}"


class SeminarChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SeminarChoiceField


def seminar_choices(request):
    """The seminar filter's options: the newest SEMINAR_CHOICES seminars by date (upcoming ones
    first), plus the one asked for (the seat panel links to any seminar's registrations).

    A thousand options made every listing page 280 KB and cost 300 ms of widget rendering.
    """
    if request is None:
        return SeminarPage.objects.none()
    seminars = managed_seminars(request.user, canonical_seminars())
    shown = Q(pk__in=list(seminars.values_list("pk", flat=True)[:SEMINAR_CHOICES]))
    chosen = request.GET.get("seminar", "")
    if chosen.isdigit():
        shown |= Q(pk=int(chosen))
    return with_admin_titles(seminars.filter(shown))


class RegistrationFilterSet(WagtailFilterSet):
    seminar = SeminarChoiceFilter(
        queryset=seminar_choices,
        label=_("Seminar"),
        help_text=_(
            "The most recent seminars. For an older one, open its page in the editor and "
            "follow “See the registrations” in its Seats panel."
        ),
    )
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Status"))
    mode = django_filters.ChoiceFilter(choices=AttendanceMode.choices, label=_("Attendance"))
    country = django_filters.CharFilter(lookup_expr="icontains", label=_("Country"))
    institution = django_filters.CharFilter(lookup_expr="icontains", label=_("Institution"))
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Registered between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Registration
        fields = ["seminar", "status", "mode", "country", "institution", "created_at"]

    def filter_queryset_except(self, queryset, *excluded):
        """Apply every valid filter but `excluded` (the status counts ignore the status filter)."""
        for name, value in self.form.cleaned_data.items():
            if name not in excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def filtered_registrations(request, queryset):
    """The registrations the listing shows for this request's filters and search (`q`)."""
    return filtered_listing(request, queryset, RegistrationFilterSet, SEARCH_FIELDS)
