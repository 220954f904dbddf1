"""The programme index's lists: open calls (closing soonest first), then calls not yet open
(opening soonest first), then the closed ones (latest first, paginated), all filtered."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import ngettext

from exchange.choices import CallStatus
from exchange.filters import ProgrammeFilterSet
from exchange.models import ProgrammePage

CLOSED_PER_PAGE = 12
# Open and not-yet-open calls are few at any time; this only bounds a runaway list.
MAX_CURRENT = 50


def programme_index_context(index, request):
    calls = (
        ProgrammePage.objects.live()
        .public()
        .child_of(index)
        .select_related("host_institution", "locale")
    )
    filterset = ProgrammeFilterSet(request.GET or None, queryset=calls, locale=index.locale)
    calls = filterset.qs if filterset.is_valid() else calls
    now = timezone.now()
    current = calls.filter(ProgrammePage.status_q(CallStatus.OPEN, now))
    upcoming = calls.filter(ProgrammePage.status_q(CallStatus.UPCOMING, now))
    closed = calls.filter(ProgrammePage.status_q(CallStatus.CLOSED, now))
    return {
        "filterset": filterset,
        "open_calls": list(current.order_by("closes_at", "pk")[:MAX_CURRENT]),
        "upcoming_calls": list(upcoming.order_by("opens_at", "pk")[:MAX_CURRENT]),
        "closed_calls": _closed_page(closed.order_by("-closes_at", "-pk"), filterset),
    }


def _closed_page(closed, filterset):
    """The requested page of closed calls; a page past the last is a form error (the first
    page is shown with it)."""
    paginator = Paginator(closed, CLOSED_PER_PAGE)
    form = filterset.form
    number = form.cleaned_data.get("page") if filterset.is_valid() else None
    if number and number > paginator.num_pages:
        count = paginator.num_pages
        message = ngettext(
            "There is no page %(number)s: the closed calls fill %(count)s page.",
            "There is no page %(number)s: the closed calls fill %(count)s pages.",
            count,
        )
        form.add_error("page", message % {"number": number, "count": count})
        number = None
    return paginator.page(number or 1)
