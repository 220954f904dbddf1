"""The emails of screening (exchange.services.screening), through the outbox (portal.mail):
to the applicant in the language of their account, to a reviewer in their admin language.

Each function renders and returns the email without writing it: the service renders before it
locks the application and writes the row (portal.mail.queue_all) in the transaction of the
change, so an email exists if and only if its change was committed.

Reviewers' emails name the application by its reference and call only: on a blind call they
must not learn who applied, and an email is no place for it on any call.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.email_kinds import register_email_kind
from portal.links import absolute_url
from portal.mail import render_email
from portal.signin.adapter import account_language
from portal.translation import in_language

# The reviewers' own list in the admin (their assignments only).
REVIEWS_PATH = "/admin/reviews/"
# What the outbox calls each email sent from here.
EMAIL_KINDS = {
    "exchange.application.returned": _("Application returned for corrections"),
    "exchange.application.ineligible": _("Application not eligible"),
    "exchange.application.deadline_extended": _("Application deadline extended"),
    "exchange.review.assigned": _("Application assigned for review"),
    "exchange.review.unassigned": _("Review assignment withdrawn"),
}


def register_email_kinds():
    for kind, label in EMAIL_KINDS.items():
        register_email_kind(kind, label)


def _call_title(application, language):
    return in_language(application.call, language).title


def _to_applicant(application, event):
    applicant = application.applicant
    language = account_language(applicant)
    with translation.override(language):
        dashboard_url = absolute_url(reverse("exchange:dashboard"))
    return render_email(
        to=applicant.email,
        template=f"exchange/screening/application_{event}",
        context={
            "application": application,
            "name": applicant.get_full_name() or application.passport_name,
            "call_title": _call_title(application, language),
            "dashboard_url": dashboard_url,
        },
        language=language,
        kind=f"exchange.application.{event}",
    )


def returned(application):
    """What to correct and by when (in both hospitals' time): `application` as it will read,
    its return_message and return_deadline set."""
    return _to_applicant(application, "returned")


def ineligible(application):
    """That the application ends here, and why (its ineligible_reason set)."""
    return _to_applicant(application, "ineligible")


def deadline_extended(application):
    """The applicant's own new deadline (in both hospitals' time)."""
    return _to_applicant(application, "deadline_extended")


def _to_reviewer(reviewer, application, event, **context):
    language = account_language(reviewer)
    return render_email(
        to=reviewer.email,
        template=f"exchange/screening/review_{event}",
        context={
            "reviewer_name": reviewer.get_full_name() or reviewer.email,
            "reference": application.reference,
            "call_title": _call_title(application, language),
            "reviews_url": absolute_url(REVIEWS_PATH),
            **context,
        },
        language=language,
        kind=f"exchange.review.{event}",
    )


def review_assigned(review):
    """A new assignment, its due date if any, and the link to the reviewer's list."""
    return _to_reviewer(review.reviewer, review.application, "assigned", due_at=review.due_at)


def review_unassigned(application, reviewer):
    """The assignment is withdrawn: nothing more to do for this application."""
    return _to_reviewer(reviewer, application, "unassigned")
