"""Emails about reviews, through the outbox (portal.mail), each in its recipient's admin language.

They name the application by its reference and the call, never the applicant: a blind call's
reviewer must not learn the name from an email either.

Each function renders and returns the emails without writing them: the service renders before
it locks the review and writes them (portal.mail.queue_all) in the transaction of the change.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.email_kinds import register_email_kind
from portal.links import absolute_url
from portal.mail import render_email
from portal.signin.adapter import account_language
from portal.translation import in_language

# What the outbox calls each email sent from here (kind "exchange.review.<key>").
EMAIL_KINDS = {
    "conflict_declared": _("Conflict of interest declared by a reviewer"),
    "reopened": _("Review reopened by a coordinator"),
}


def register_email_kinds():
    for key, label in EMAIL_KINDS.items():
        register_email_kind(f"exchange.review.{key}", label)


def _admin_url(view, args=()):
    return absolute_url(reverse(view, args=args))  # the admin has no language prefix


def _name(user):
    return user.get_full_name() or user.email


def conflict_declared(review, recipients):
    """One email to each of `recipients` (the coordinators): `review`'s reviewer declared a
    conflict of interest, with what they wrote (its conflict_note), so that someone else is
    assigned."""
    return [_conflict_declared(review, coordinator) for coordinator in recipients]


def _conflict_declared(review, coordinator):
    language = account_language(coordinator)
    return render_email(
        to=coordinator.email,
        template="exchange/review_conflict",
        context={
            "coordinator_name": _name(coordinator),
            "review": review,
            "reviewer_name": _name(review.reviewer),
            "reference": review.application.reference,
            "call": in_language(review.application.call, language),
            "admin_url": _admin_url("wagtailadmin_home"),
        },
        language=language,
        kind="exchange.review.conflict_declared",
    )


def review_reopened(review):
    """To `review`'s reviewer: a coordinator reopened their submitted review."""
    reviewer = review.reviewer
    language = account_language(reviewer)
    return render_email(
        to=reviewer.email,
        template="exchange/review_reopened",
        context={
            "reviewer_name": _name(reviewer),
            "reference": review.application.reference,
            "call": in_language(review.application.call, language),
            "review_url": _admin_url("exchange_reviews:review", (review.pk,)),
        },
        language=language,
        kind="exchange.review.reopened",
    )
