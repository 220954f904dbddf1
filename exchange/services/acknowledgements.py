"""The emails of the submission stage, to the applicant, in their language (portal.mail).

Queued after the state change has committed (never inside its lock), from the application's id,
so each reads the committed row: templates under templates/emails/exchange/.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exchange.models import Application
from home.models import SiteSettings
from portal import links
from portal.email_kinds import register_email_kind
from portal.mail import queue_email
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


def _send(application_id, key, **extra):
    application = Application.objects.select_related("call", "applicant").get(pk=application_id)
    language = _language(application.applicant)
    contact = _contact_email(language)
    with transaction.atomic():
        return queue_email(
            to=application.applicant.email,
            template=f"exchange/application_{key}",
            context={**_context(application, language), "contact_email": contact, **extra},
            language=language,
            kind=f"exchange.application.{key}",
            reply_to=contact,
        )


def send_submitted(application_id, *, resubmitted=False):
    """The acknowledgement: reference, call, what happens next, when decisions are released."""
    key = "resubmitted" if resubmitted else "submitted"
    return _send(application_id, key)


def send_withdrawn(application_id):
    return _send(application_id, "withdrawn")
