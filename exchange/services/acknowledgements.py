"""The emails of the submission stage, to the applicant, in their language (portal.mail).

Each function renders and returns the email without writing it: the service renders before it
locks the application and writes the row (portal.mail.queue_all) in the transaction of the
change. Templates under templates/emails/exchange/.
"""

import copy

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home.models import SiteSettings
from portal import links
from portal.email_kinds import register_email_kind
from portal.mail import late, render_email
from portal.translation import in_language

EMAIL_KINDS = {
    "submitted": _("Application received"),
    "resubmitted": _("Corrected application received"),
    "withdrawn": _("Application withdrawn"),
}


def register_email_kinds():
    for key, label in EMAIL_KINDS.items():
        register_email_kind(f"exchange.application.{key}", label)


def _language(user):
    return user.preferred_language or "en"


def _contact_email(language):
    """Where applicants write: the site's contact address in `language`."""
    with translation.override(language):
        site_settings = SiteSettings.for_active_language()
    return site_settings.email if site_settings else ""


def _context(application, language):
    call = in_language(application.call, language)
    with translation.override(language):
        application_path = reverse("exchange:application", args=(application.pk,))
        call_path = call.url or ""
    return {
        "application": application,
        "applicant_name": application.applicant.full_name or application.passport_name,
        "call": call,
        "call_url": links.absolute_url(call_path) if call_path else "",
        "application_url": links.absolute_url(application_path),
        "decision_release_at": application.call.decision_release_at,
    }


def _render(application, key):
    language = _language(application.applicant)
    contact = _contact_email(language)
    return render_email(
        to=application.applicant.email,
        template=f"exchange/application_{key}",
        context={**_context(application, language), "contact_email": contact},
        language=language,
        kind=f"exchange.application.{key}",
        reply_to=contact,
    )


def submitted(application, *, resubmitted=False):
    """The acknowledgement: reference, call, what happens next, when decisions are released.

    `application` as read before the lock. A first submission has no reference yet: the email
    is rendered with a stand-in the service fills (RenderedEmail.fill(reference=…)) once it
    has taken the number under the lock."""
    if resubmitted:
        return _render(application, "resubmitted")
    unnumbered = copy.copy(application)
    unnumbered.reference = late("reference")
    return _render(unnumbered, "submitted")


def withdrawn(application):
    """The confirmation of a withdrawal."""
    return _render(application, "withdrawn")
