"""Emails about letters of recommendation, through the outbox (portal.mail).

The referee's emails are in the language the applicant chose for them, the applicant's in
their own preferred language. None of them ever carries the letter or its answers.

Each function renders and returns the emails without writing them: the service renders before
it changes the referee's row and writes them (portal.mail.queue_all) in the transaction of the
change, so no row lock waits for a template and an email exists if and only if its change
was committed.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal import links
from portal.email_kinds import register_email_kind
from portal.mail import render_email
from portal.translation import in_language

EMAIL_KINDS = {
    "exchange.referee.request": _("Request for a letter of recommendation"),
    "exchange.referee.reminder": _("Reminder of a request for a letter of recommendation"),
    "exchange.referee.received": _("Letter of recommendation received (to the referee)"),
    "exchange.application.reference_received": _(
        "Letter of recommendation received (to the applicant)"
    ),
}


def register_email_kinds():
    for kind, label in EMAIL_KINDS.items():
        register_email_kind(kind, label)


def referee_url(referee):
    """The referee's private page, in the language chosen for them."""
    with translation.override(referee.language):
        path = reverse("exchange:referee", args=(referee.token,))
    return links.absolute_url(path)


def contact_email(language):
    """Where people write with a question: the site's contact address in `language`."""
    from home.models import SiteSettings

    with translation.override(language):
        site_settings = SiteSettings.for_active_language()
    return site_settings.email if site_settings else ""


def request_context(referee, language):
    """What every email about `referee` says of the request: who asks, for which call at which
    host, by when (the canonical call's dates; the title and host in `language`)."""
    application = referee.application
    call = application.call
    host = call.host_institution
    return {
        "referee": referee,
        "applicant_name": referee.applicant_name,
        "call": in_language(call, language),
        "host": in_language(host, language) if host else None,
        "reply_by": referee.reply_by(),
        "contact_email": contact_email(language),
    }


def _to_referee(referee, template, kind):
    language = referee.language
    return render_email(
        to=referee.email,
        template=f"exchange/{template}",
        context={**request_context(referee, language), "referee_url": referee_url(referee)},
        language=language,
        kind=kind,
        reply_to=contact_email(language),
    )


def request(referee):
    """The request with the private link (`referee` may be unsaved: its token is made with it)."""
    return _to_referee(referee, "referee_request", "exchange.referee.request")


def reminder(referee):
    return _to_referee(referee, "referee_reminder", "exchange.referee.reminder")


def received(referee):
    """The referee's receipt and the applicant's note that the letter is in."""
    return [
        _to_referee(referee, "referee_received", "exchange.referee.received"),
        _to_applicant_received(referee),
    ]


def _to_applicant_received(referee):
    applicant = referee.application.applicant
    language = applicant.preferred_language
    with translation.override(language):
        path = reverse("exchange:application_step", args=(referee.application_id, "referees"))
    return render_email(
        to=applicant.email,
        template="exchange/reference_received",
        context={
            **request_context(referee, language),
            "applicant": applicant,
            "step_url": links.absolute_url(path),
        },
        language=language,
        kind="exchange.application.reference_received",
        reply_to=contact_email(language),
    )
