"""The ranking of one call's applications for the selection committee (DESIGN §4 "in review →
decided").

One row per application in review or decided, best first, by the mean of the weighted scores
of its counting reviews (Review.objects.counting(): submitted, conflicts excluded; each review's
`weighted_score` is Σ(score × weight) / Σ(weight) over the call's criteria, 0–10). Each row
says how many reviews count, how far they disagree (highest − lowest, and the standard
deviation of the reviews themselves, not an estimate for a larger population) and whether the
committee should look twice: a spread of settings.EXCHANGE_WIDE_SPREAD points or more, or fewer
than MIN_REVIEWS counting reviews.

The database does the arithmetic: one query for the applications with their aggregates, one
for the counting reviews with their reviewers (each reviewer's recommendation), whatever the
number of applications.
"""

from django.conf import settings
from django.db.models import Avg as Mean
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Prefetch,
    Q,
    StdDev,
    Value,
    When,
)

from exchange.choices import DECIDED, ApplicationStatus
from exchange.models import Application, Review

Status = ApplicationStatus

# Decided, then answered: the ranking still shows where each offer stands.
RANKED_STATUSES = (
    Status.IN_REVIEW,
    *DECIDED,
    Status.OFFER_ACCEPTED,
    Status.OFFER_DECLINED,
    Status.OFFER_LAPSED,
)
MIN_REVIEWS = 2
SCORE = DecimalField(max_digits=5, decimal_places=2)


def _counting():
    """The reviews that count, as a filter on an application's reviews: one definition,
    Review.objects.counting(), for the ranking and everyone else."""
    return Q(reviews__in=Review.objects.counting())


def ranked_applications(call):
    """The applications of `call` (its canonical page) in review or decided, best first, each
    annotated with mean_score, review_count, highest_score, lowest_score, score_spread,
    score_stddev and needs_attention, and with `counting_reviews` (their reviewers joined).

    Ties on the mean go to the application with more counting reviews, then by reference.
    Applications without a counting review come last.
    """
    counting = _counting()
    wide = settings.EXCHANGE_WIDE_SPREAD
    return (
        Application.objects.filter(call=call, status__in=RANKED_STATUSES)
        .select_related("applicant")
        .annotate(
            mean_score=Mean("reviews__weighted_score", filter=counting, output_field=SCORE),
            review_count=Count("reviews", filter=counting),
            highest_score=Max("reviews__weighted_score", filter=counting),
            lowest_score=Min("reviews__weighted_score", filter=counting),
            score_stddev=StdDev("reviews__weighted_score", filter=counting),
        )
        .annotate(
            score_spread=ExpressionWrapper(
                F("highest_score") - F("lowest_score"), output_field=SCORE
            ),
            needs_attention=Case(
                When(Q(review_count__lt=MIN_REVIEWS) | Q(score_spread__gte=wide), then=True),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.counting()
                .select_related("reviewer")
                .order_by("-weighted_score", "pk"),
                to_attr="counting_reviews",
            )
        )
        .order_by(F("mean_score").desc(nulls_last=True), "-review_count", "reference", "pk")
    )


def ranking(call):
    """ranked_applications(call) as a list, each with `position` (1 for the best; equal means
    share a position) and `tied` (True where it shares it)."""
    rows = list(ranked_applications(call))
    previous = None
    for index, row in enumerate(rows):
        same = previous is not None and row.mean_score is not None
        same = same and row.mean_score == previous.mean_score
        row.position = previous.position if same else index + 1
        row.tied = same
        if same:
            previous.tied = True
        previous = row
    return rows
