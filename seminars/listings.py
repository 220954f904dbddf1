"""The seminar index's lists: upcoming first (soonest first), then the archive, both filtered."""

from django.core.paginator import Paginator
from django.utils import timezone

from seminars.filters import SeminarFilterSet
from seminars.models import SeminarPage

SEMINARS_PER_PAGE = 12


def seminar_index_context(index, request):
    """Upcoming first (soonest first), then the past archive (latest first), both filtered."""
    seminars = SeminarPage.objects.live().public().child_of(index).select_related("series")
    filterset = SeminarFilterSet(request.GET or None, queryset=seminars)
    seminars = filterset.qs if filterset.is_valid() else seminars
    now = timezone.now()
    upcoming = seminars.filter(ends_at__gte=now).order_by("starts_at", "pk")
    past = seminars.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return {
        "filterset": filterset,
        "upcoming": list(upcoming[:50]),
        "past": Paginator(past, SEMINARS_PER_PAGE).get_page(request.GET.get("page")),
    }
