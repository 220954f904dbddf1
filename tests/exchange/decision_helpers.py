"""Applications in review with their reviews, made directly (the screening and reviewing steps
have their own tests): what the ranking, the decisions and the release start from."""

import itertools
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, Review, Score, SelectionCriterion

_references = itertools.count(1)


def make_criteria(call, *weights):
    """The call's selection criteria, one per weight, in order."""
    return [
        SelectionCriterion.objects.create(
            programme=call, locale=call.locale, name=f"Criterion {n}", weight=weight, sort_order=n
        )
        for n, weight in enumerate(weights)
    ]


def weighted(scores):
    """Σ(score × weight) / Σ(weight), two decimals: what a submitted review keeps (the
    interface of the reviewing step)."""
    total = sum(value * criterion.weight for criterion, value in scores.items())
    weights = sum(criterion.weight for criterion in scores)
    return (Decimal(total) / Decimal(weights)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def in_review(call, applicant, **fields):
    """A submitted application accepted for review, with a reference."""
    n = next(_references)
    values = {
        "status": ApplicationStatus.IN_REVIEW,
        "reference": f"HX-2026-{n:04d}",
        "submitted_at": timezone.now() - timedelta(days=20),
        "passport_name": applicant.get_full_name().upper(),
        **fields,
    }
    return Application.objects.create(call=call, applicant=applicant, **values)


def review(
    application, reviewer, scores=None, *, score=None, status=ReviewStatus.SUBMITTED, **fields
):
    """`reviewer`'s review of `application`: with `scores` ({criterion: value}) its weighted
    score is computed from them; `score` gives the weighted score alone."""
    weighted_score = (
        weighted(scores) if scores else (Decimal(str(score)) if score is not None else None)
    )
    row = Review.objects.create(
        application=application,
        reviewer=reviewer,
        status=status,
        recommendation=fields.pop("recommendation", "recommend"),
        submitted_at=timezone.now() if status == ReviewStatus.SUBMITTED else None,
        weighted_score=weighted_score,
        **fields,
    )
    Score.objects.bulk_create(
        Score(review=row, criterion=criterion, value=value)
        for criterion, value in (scores or {}).items()
    )
    return row


def grant_decisions(user):
    """What the gate of the ranking asks for: exchange.change_application."""
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="exchange", codename="change_application")
    )
    return user


def coordinators_group():
    return Group.objects.get(name="Programme coordinators")


def release_date_passed(call, *, ago=timedelta(minutes=1), offer_in=timedelta(days=14)):
    """Move `call`'s release date into the past (its offer deadline `offer_in` from now),
    without the page's validation that the call closed first."""
    from exchange.models import ProgrammePage

    now = timezone.now()
    ProgrammePage.objects.filter(pk=call.pk).update(
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=60),
        decision_release_at=now - ago,
        offer_deadline=now + offer_in,
    )
    call.refresh_from_db()
    return call
