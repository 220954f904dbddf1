"""The emails of decisions and offers, in each recipient's language, through the outbox.

Each function renders (portal.mail.render_email) and returns the emails without writing them:
the services render before they take their locks and `queue()` the rows inside the transaction
of the change, so an email exists if and only if its change was committed, and no lock waits
for a template (DESIGN §5).

Applicants are told of their decision at the release (selected, with the link to accept or
decline and the deadline in both hospitals' time; reserve, with their rank; not selected),
of their answer, of a lapsed offer and of a place offered from the reserve list. Programme
coordinators are told when an offer is answered, lapses or goes to a reserve.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exchange.choices import ApplicationStatus
from portal import links
from portal.email_kinds import register_email_kind
from portal.mail import render_email
from portal.signin.adapter import account_language
from portal.translation import in_language

Status = ApplicationStatus
COORDINATORS = "Programme coordinators"
# What the outbox calls each email sent from here (kind "exchange.application.<key>").
EMAIL_KINDS = {
    "decision_selected": _("Decision released: selected"),
    "decision_reserve": _("Decision released: reserve list"),
    "decision_not_selected": _("Decision released: not selected"),
    "offer_accepted": _("Offered place accepted"),
    "offer_declined": _("Offered place declined"),
    "offer_lapsed": _("Offer expired without an answer"),
    "promoted": _("Place offered from the reserve list"),
    "coordinator_notice": _("Offer answered, expired or passed on (to coordinators)"),
}


def register_email_kinds():
    for key, label in EMAIL_KINDS.items():
        register_email_kind(f"exchange.application.{key}", label)


def _url(language, view, *args):
    with translation.override(language):
        return links.absolute_url(reverse(view, args=args))


def _render(application, key, language, to, **context):
    call = application.call
    return render_email(
        to=to,
        template=f"exchange/decisions/{key}",
        context={
            "application": application,
            "call": call,
            "call_title": in_language(call, language).title,
            "dashboard_url": _url(language, "exchange:dashboard"),
            "offer_url": _url(language, "exchange:offer", application.pk),
            **context,
        },
        language=language,
        kind=f"exchange.application.{key}",
    )


def to_applicant(application, key, **context):
    """The `key` email (decision_selected, offer_accepted, promoted…) to the applicant."""
    applicant = application.applicant
    language = account_language(applicant)
    return _render(
        application, key, language, applicant.email, name=applicant.get_full_name(), **context
    )


def decision(application):
    """The release email of `application` as decided (its status, rank and offer deadline)."""
    return to_applicant(application, f"decision_{application.status}")


def coordinators():
    """The active accounts of the Programme coordinators group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COORDINATORS)
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def to_coordinators(application, event, **context):
    """One notice per coordinator, in their language: `event` is accepted, declined, lapsed or
    promoted."""
    return [
        _render(
            application,
            "coordinator_notice",
            account_language(user),
            user.email,
            event=event,
            applicant_name=application.applicant.get_full_name(),
            admin_url=links.absolute_url(
                reverse("exchange_ranking:call", args=(application.call_id,))
            ),
            **context,
        )
        for user in coordinators()
    ]


def promotion(application):
    """The emails of a reserve offered a place: theirs, and the coordinators' notices."""
    return [to_applicant(application, "promoted"), *to_coordinators(application, "promoted")]
