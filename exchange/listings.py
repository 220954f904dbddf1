"""The programme index's list of calls (filters and ordering come with the calls' listing)."""

from exchange.models import ProgrammePage


def programme_index_context(index, request):
    calls = ProgrammePage.objects.live().public().child_of(index).order_by("closes_at", "pk")
    return {"calls": list(calls)}
