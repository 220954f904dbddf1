"""Review: a reviewer's assignment to one application, their conflict-of-interest declaration,
their weighted scores, comment and recommendation (DESIGN §2 Reviewer, §4).

An assignment is a Review row from the moment a coordinator assigns it. The reviewer first
declares whether they have a conflict of interest; a declared conflict removes them from the
application (they see nothing more of it) and their row from its averages. Scores are kept per
selection criterion of the call (its canonical criteria), so the ranking can weigh them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.choices import Recommendation, ReviewStatus

MAX_SCORE = 10


class ReviewQuerySet(models.QuerySet):
    def assigned_to(self, user):
        """`user`'s assignments that still let them see the application (no conflict)."""
        return self.filter(reviewer=user).exclude(status=ReviewStatus.CONFLICT)

    def counting(self):
        """The reviews that count in an application's averages: submitted, no conflict."""
        return self.filter(status=ReviewStatus.SUBMITTED)


class Review(models.Model):
    application = models.ForeignKey(
        "exchange.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"), null=True, blank=True)
    conflict_declared_at = models.DateTimeField(_("declaration made at"), null=True, blank=True)
    conflict_note = models.TextField(
        _("conflict of interest"), blank=True, help_text=_("What links you to the applicant.")
    )
    comment = models.TextField(_("comment for the committee"), max_length=5000, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The weighted mean of the scores (0–10), kept when the review is submitted for the ranking.
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer_and_application"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.application}"

    @property
    def declared(self):
        return self.conflict_declared_at is not None


class Score(models.Model):
    """One criterion's score in a review, 0 to MAX_SCORE."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "exchange.SelectionCriterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(MAX_SCORE)])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(value__lte=MAX_SCORE), name="score_at_most_max"
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.value}"
