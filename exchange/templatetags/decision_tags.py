"""What the applicant's dashboard shows of a released decision (dashboard_offer.html)."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.urls import reverse
from django.utils import timezone

from exchange.offer_views import OFFERED, WITH_LETTER, offer_state

register = template.Library()


@dataclass(frozen=True)
class DecisionBox:
    status: str
    offer_state: str
    offer_url: str
    letter_url: str
    reserve_rank: int | None
    answered_at: datetime | None


@register.simple_tag
def decision_box(application):
    """`{% decision_box application as box %}`: None until the decision is released, so an
    unreleased decision leaves no trace on the page."""
    now = timezone.now()
    released_at = application.decision_released_at
    if released_at is None or released_at > now or application.status not in WITH_LETTER:
        return None
    offered = application.status in OFFERED
    return DecisionBox(
        status=str(application.status),
        offer_state=offer_state(application, now) if offered else "",
        offer_url=reverse("exchange:offer", args=(application.pk,)) if offered else "",
        letter_url=reverse("exchange:decision_letter", args=(application.pk,)),
        reserve_rank=application.reserve_rank,
        answered_at=application.offer_answered_at,
    )
