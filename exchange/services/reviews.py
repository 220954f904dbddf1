"""The review (DESIGN §2 Reviewer, §4 "in review"): a reviewer's declaration of conflict of
interest, then their scores, comment and recommendation, kept as a draft and submitted once;
a programme coordinator may reopen a submitted review.

A Review row is an assignment (made by the coordinators' screening). Its reviewer declares
first; a declared conflict ends their part (they see nothing more of the application, and the
review never counts). Scores are kept per criterion of the call's canonical page.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange import review_notifications
from exchange.choices import ApplicationStatus, Recommendation, ReviewStatus
from exchange.models import Review, Score
from exchange.models.reviews import MAX_SCORE
from portal.mail import queue_all
from portal.workflow import DomainError

COORDINATORS = "Programme coordinators"
# Reviewers work between the submission and the committee's decision; a withdrawn, returned,
# ineligible or decided application takes no more declarations or scores.
UNDER_REVIEW = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SCREENING,
    ApplicationStatus.IN_REVIEW,
)
MAX_COMMENT = 5000
MAX_NOTE = 2000
TWO_PLACES = Decimal("0.01")


class ReviewError(DomainError):
    """A request the review rules refuse; str(error) is a message for the person who asked."""


def is_coordinator(user):
    """Programme coordinators (and superusers) manage every review."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATORS).exists()


def coordinators():
    """The active members of the coordinators' group who have an email address."""
    users = get_user_model().objects.filter(groups__name=COORDINATORS, is_active=True)
    return list(users.exclude(email="").select_related("wagtail_userprofile").distinct())


def review_criteria(review):
    """The criteria `review` scores, in the call's order: those of its canonical page."""
    return list(review.application.call.canonical.criteria.order_by("sort_order", "pk"))


def weighted_score(criteria, values):
    """Σ(score × weight) / Σ(weight) over `criteria`, rounded half up to two decimals.

    `values`: {criterion pk: score}, one for each criterion."""
    total_weight = sum(criterion.weight for criterion in criteria)
    total = sum(values[criterion.pk] * criterion.weight for criterion in criteria)
    return (Decimal(total) / Decimal(total_weight)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _locked(review):
    return (
        Review.objects.select_for_update()
        .select_related("application__call", "reviewer")
        .get(pk=review.pk)
    )


def _read(review, **fields):
    """The review as its email will read it, before the lock, with `fields` as the change sets
    them."""
    read = Review.objects.select_related("application__call", "reviewer").get(pk=review.pk)
    for name, value in fields.items():
        setattr(read, name, value)
    return read


def _check_in_review(review):
    if review.application.status not in UNDER_REVIEW:
        raise ReviewError(_("This application is no longer in review."))


def _check_declarable(review, by):
    if review.reviewer_id != by.pk:
        raise ReviewError(_("This review is not yours."))
    if review.status != ReviewStatus.ASSIGNED or review.declared:
        raise ReviewError(_("Your declaration for this application is already made."))
    _check_in_review(review)


def _data(review, **extra):
    return {
        "application": review.application_id,
        "reference": review.application.reference,
        **extra,
    }


def declare_no_conflict(review, *, by, now=None):
    """`by` declares that nothing links them to the applicant: the review opens for scoring.

    Preconditions: `by` is the review's reviewer and has not declared yet; the application is in
    review. Sets status in_progress and conflict_declared_at. Audit entry
    exchange.review.no_conflict_declared. Raises ReviewError.
    """
    with transaction.atomic():
        review = _locked(review)
        _check_declarable(review, by)
        review.status = ReviewStatus.IN_PROGRESS
        review.conflict_declared_at = now or timezone.now()
        review.save(update_fields=["status", "conflict_declared_at"])
        log(
            instance=review,
            action="exchange.review.no_conflict_declared",
            user=by,
            data=_data(review),
        )
    return review


def declare_conflict(review, *, by, note, now=None):
    """`by` declares a conflict of interest with the applicant, saying what links them (`note`).

    Preconditions as declare_no_conflict; `note` is not empty. Sets status conflict (the review
    never counts and its reviewer sees nothing more of the application), conflict_declared_at
    and conflict_note. Audit entry exchange.review.conflict_declared; each programme
    coordinator is emailed, in their admin language, to assign someone else. The only lock is
    this review's row, which nobody else waits for. Raises ReviewError.
    """
    note = (note or "").strip()
    if not note:
        raise ReviewError(_("Say what links you to the applicant."))
    if len(note) > MAX_NOTE:
        raise ReviewError(_("Keep it under %(max)s characters.") % {"max": MAX_NOTE})
    emails = review_notifications.conflict_declared(
        _read(review, conflict_note=note), coordinators()
    )
    with transaction.atomic():
        review = _locked(review)
        _check_declarable(review, by)
        review.status = ReviewStatus.CONFLICT
        review.conflict_declared_at = now or timezone.now()
        review.conflict_note = note
        review.save(update_fields=["status", "conflict_declared_at", "conflict_note"])
        log(
            instance=review, action="exchange.review.conflict_declared", user=by, data=_data(review)
        )
        queue_all(emails)
    return review


def _check_scorable(review, by):
    if review.reviewer_id != by.pk:
        raise ReviewError(_("This review is not yours."))
    if review.status == ReviewStatus.CONFLICT:
        raise ReviewError(
            _("You declared a conflict of interest: this application is not yours to review.")
        )
    if review.status == ReviewStatus.ASSIGNED:
        raise ReviewError(_("Declare first whether you have a conflict of interest."))
    if review.status == ReviewStatus.SUBMITTED:
        raise ReviewError(_("This review is submitted: only a coordinator can reopen it."))
    _check_in_review(review)


def _clean_scores(criteria, scores, *, complete):
    """{criterion pk: score} from `scores` ({criterion or pk: whole number 0–MAX_SCORE, or None
    for no score yet}), checked against `criteria`; every criterion scored when `complete`."""
    known = {criterion.pk for criterion in criteria}
    values = {}
    for key, value in scores.items():
        pk = getattr(key, "pk", key)
        if pk not in known:
            raise ReviewError(_("A score was given for a criterion that is not this call's."))
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SCORE:
            raise ReviewError(
                _("Each score is a whole number from 0 to %(max)s.") % {"max": MAX_SCORE}
            )
        values[pk] = value
    if complete and len(values) < len(known):
        raise ReviewError(_("Score every criterion before you submit the review."))
    return values


def _clean_texts(comment, recommendation, *, complete):
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise ReviewError(_("Keep the comment under %(max)s characters.") % {"max": MAX_COMMENT})
    recommendation = recommendation or ""
    if recommendation and recommendation not in Recommendation.values:
        raise ReviewError(_("Choose one of the recommendations offered."))
    if complete and not recommendation:
        raise ReviewError(_("Choose a recommendation before you submit the review."))
    return comment, recommendation


def _write(review, values, comment, recommendation, fields=()):
    """Replace the review's scores with `values` and save its texts (and `fields`)."""
    review.scores.exclude(criterion_id__in=values).delete()
    kept = dict(review.scores.values_list("criterion_id", "pk"))
    for pk, value in values.items():
        if pk in kept:
            Score.objects.filter(pk=kept[pk]).update(value=value)
        else:
            Score.objects.create(review=review, criterion_id=pk, value=value)
    review.comment, review.recommendation = comment, recommendation
    review.save(update_fields=["comment", "recommendation", *fields])


def save_review(review, *, by, scores, comment, recommendation):
    """Keep `by`'s scores, comment and recommendation as a draft (any of them may be missing).

    Preconditions: `by` is the reviewer, who declared no conflict and has not submitted; the
    application is in review; each score is a whole number 0–10 for a criterion of the call.
    The scores given replace those saved. Audit entry exchange.review.draft_saved. Raises
    ReviewError.
    """
    with transaction.atomic():
        review = _locked(review)
        _check_scorable(review, by)
        values = _clean_scores(review_criteria(review), scores, complete=False)
        comment, recommendation = _clean_texts(comment, recommendation, complete=False)
        _write(review, values, comment, recommendation)
        log(instance=review, action="exchange.review.draft_saved", user=by, data=_data(review))
    return review


def submit_review(review, *, by, scores, comment, recommendation, now=None):
    """Submit `by`'s review: every criterion scored, a recommendation, an optional comment.

    Preconditions as save_review, and the call has criteria, each of them scored. Computes
    weighted_score (Σ score × weight / Σ weight, two decimals), sets status submitted and
    submitted_at: the review is locked and counts in the ranking. Audit entry
    exchange.review.submitted. Raises ReviewError.
    """
    with transaction.atomic():
        review = _locked(review)
        _check_scorable(review, by)
        criteria = review_criteria(review)
        if not criteria:
            raise ReviewError(_("This call has no selection criteria yet: ask a coordinator."))
        values = _clean_scores(criteria, scores, complete=True)
        comment, recommendation = _clean_texts(comment, recommendation, complete=True)
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = now or timezone.now()
        review.weighted_score = weighted_score(criteria, values)
        _write(
            review, values, comment, recommendation, ("status", "submitted_at", "weighted_score")
        )
        data = _data(
            review, weighted_score=str(review.weighted_score), recommendation=recommendation
        )
        log(instance=review, action="exchange.review.submitted", user=by, data=data)
    return review


def reopen_review(review, *, by):
    """A coordinator reopens a submitted review so its reviewer can change and submit it again.

    Preconditions: `by` is a programme coordinator (or a superuser); the review is submitted;
    the application is still in review. The scores, comment and recommendation stay as a
    draft; weighted_score and submitted_at are cleared, so the review does not count until it
    is submitted again. Audit entry exchange.review.reopened; the reviewer is emailed in their
    admin language. Raises ReviewError.
    """
    if not is_coordinator(by):
        raise ReviewError(_("Only a programme coordinator can reopen a review."))
    email = review_notifications.review_reopened(_read(review))
    with transaction.atomic():
        review = _locked(review)
        if review.status != ReviewStatus.SUBMITTED:
            raise ReviewError(_("Only a submitted review can be reopened."))
        _check_in_review(review)
        data = _data(review, weighted_score=str(review.weighted_score))
        review.status = ReviewStatus.IN_PROGRESS
        review.submitted_at = None
        review.weighted_score = None
        review.save(update_fields=["status", "submitted_at", "weighted_score"])
        log(instance=review, action="exchange.review.reopened", user=by, data=data)
        queue_all(email)
    return review
