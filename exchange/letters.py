"""The decision letter: the committee's decision on one application, in two languages, on both
hospitals' letterhead, checkable by anyone at /verify/<code>/ (DESIGN §2 Applicant).

One letter is issued for each decided application when its decision is released
(exchange.services.decisions); a reserve promoted to a place gets a new letter under a new code
and the old one verifies as revoked. A letter staff revoke in the admin (portal.documents) is
not issued again by the applicant's next download, which says it was withdrawn: staff re-issue
it (reissue_decision_letter, from the application as it is then). As with certificates, the
IssuedDocument row holds every fact the letter states, copied when it was issued (the call's
title in the letter's languages, the decision, the reserve rank, the answer deadline, the
partners as issuers); the PDF is rendered from that row at each download and its wording comes
from the catalog.

The two languages follow the call's direction (docs/decisions.md, "The decision letter's two
languages"): a China → France call is written in Chinese and French; a France → China call in
Chinese and French when the applicant writes French (their account's language), else in
Chinese and English. The applicant's own language comes first when it is one of the two, else
Chinese.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange.choices import ApplicationStatus, Direction
from exchange.models import Application
from exchange.services.drafts import ApplicationError
from home.institutions import partner_issuers, partner_logos
from portal.documents import (
    issue_document,
    issued_document,
    letter_context,
    register_document_kind,
    revoke_document,
)
from portal.signin.adapter import account_language
from portal.templatetags.partner_time import partner_times_text
from portal.templatetags.typography import long_date
from portal.translation import in_active_language, in_languages

Status = ApplicationStatus
KIND = "exchange.decision_letter"
TEMPLATE = "exchange/decision_letter.html"
CHINESE, FRENCH, ENGLISH = "zh-hans", "fr", "en"


def letter_languages(direction, applicant_language):
    """The letter's two languages, the first being the one it is set in (see the module)."""
    if direction == Direction.FRANCE_TO_CHINA and applicant_language != FRENCH:
        pair = [CHINESE, ENGLISH]
    else:
        pair = [CHINESE, FRENCH]
    if applicant_language in pair:
        return [
            applicant_language,
            *(language for language in pair if language != applicant_language),
        ]
    return pair


def decision_of(application):
    """What the committee decided: an answered or promoted offer was a selection."""
    if application.status in (Status.RESERVE, Status.NOT_SELECTED):
        return str(application.status)
    return str(Status.SELECTED)


def holder_name(application):
    return application.applicant.get_full_name() or application.passport_name


def _iso(moment):
    return moment.isoformat() if moment else None


def letter_details(application, *, released_at):
    """Everything the letter states, in its languages, as of now (`application` as decided:
    its status, rank and offer deadline may be set in memory before they are saved)."""
    call = application.call
    languages = letter_languages(call.direction, account_language(application.applicant))
    # Every site language, not only the letter's: the public check speaks the visitor's.
    pages = in_languages(call, [code for code, _name in settings.LANGUAGES])
    decision = decision_of(application)
    return {
        "languages": languages,
        "reference": application.reference,
        "passport_name": application.passport_name,
        "titles": {language: page.title for language, page in pages.items()},
        "decision": decision,
        "reserve_rank": application.reserve_rank if decision == Status.RESERVE else None,
        "offer_deadline": _iso(application.offer_deadline) if decision == Status.SELECTED else None,
        "reserve_response_days": call.reserve_response_days,
        "released_at": _iso(released_at),
        "time_zone": call.time_zone,
        **partner_issuers(languages),
    }


def issue_decision_letter(application, *, details, by=None, reissue=False):
    """The active decision letter of `application`, issued now with `details` (letter_details)
    if it has none. Call inside the caller's transaction, after its checks. Audit entry
    exchange.application.letter_issued when it issues. Where the last letter was revoked, only
    with `reissue` (a deliberate replacement); else portal.documents.DocumentWithdrawn."""
    document, created = issue_document(
        application,
        kind=KIND,
        holder_name=holder_name(application),
        title=application.call.title,
        details=details,
        reissue=reissue,
    )
    if created:
        log(
            instance=application,
            action="exchange.application.letter_issued",
            user=by,
            data={"code": document.code, "decision": details["decision"]},
        )
    return document


def replace_decision_letter(application, *, details, reason, by=None):
    """Revoke the active letter (its code then verifies as revoked) and issue one with
    `details`: a reserve promoted to a place must not keep a letter that says "reserve"."""
    current = issued_document(application, kind=KIND)
    if current is not None:
        revoke_document(current, by=by, reason=reason)
    return issue_decision_letter(application, details=details, by=by, reissue=True)


def reissue_decision_letter(application, *, by):
    """Staff issue a new letter for `application` after revoking its last one (the document
    kind's `reissue`, called by portal.documents.reissue_document), stating the decision as it
    is now. Precondition: the decision is released; else ApplicationError."""
    if application.decision_released_at is None:
        raise ApplicationError(_("This decision is not released: it has no letter yet."))
    details = letter_details(application, released_at=application.decision_released_at)
    return issue_decision_letter(application, details=details, by=by, reissue=True)


def letter_subjects(user):
    """The applications whose decision letters `user` manages in the admin: every one, for
    those who may see applications (the programme coordinators)."""
    if not user.has_perm("exchange.view_application"):
        return Application.objects.none()
    return Application.objects.all()


def decision_letter(application):
    """The letter to download: the active one, or the first one, issued now. Precondition (the
    caller's queryset): the decision is released. Raises portal.documents.DocumentWithdrawn
    when staff revoked the letter and have not re-issued it."""
    current = issued_document(application, kind=KIND)
    if current is not None:
        return current
    released_at = application.decision_released_at
    return issue_decision_letter(
        application, details=letter_details(application, released_at=released_at)
    )


# What the letter says, in each of its languages.


def _parse(value):
    return datetime.fromisoformat(value) if value else None


def decision_text(details):
    """The decision in the active language: "Selected", "Reserve list, number 2"…"""
    if details["decision"] == Status.RESERVE and details.get("reserve_rank"):
        return gettext("Reserve list, number %(rank)s") % {"rank": details["reserve_rank"]}
    return str(Status(details["decision"]).label)


def _selected(details, call):
    return [
        gettext(
            "After review by the joint selection committee of the two hospitals, we are "
            "pleased to inform you that your application to %(call)s has been selected."
        )
        % {"call": call},
        gettext(
            "Please accept or decline the place offered to you by the deadline below, from "
            "your applications page on the portal. Once you have accepted, the coordinators "
            "will contact you about the invitation letter, visa, insurance and accommodation."
        ),
    ]


def _reserve(details, call):
    days = details.get("reserve_response_days") or 0
    return [
        gettext(
            "After review by the joint selection committee of the two hospitals, your "
            "application to %(call)s has been placed on the reserve list, at number "
            "%(rank)s."
        )
        % {"call": call, "rank": details.get("reserve_rank") or "–"},
        ngettext(
            "If a place becomes free, it is offered to the candidates on the reserve list in "
            "their order, by email; you will then have %(days)s day to accept it.",
            "If a place becomes free, it is offered to the candidates on the reserve list in "
            "their order, by email; you will then have %(days)s days to accept it.",
            days,
        )
        % {"days": days},
    ]


def _not_selected(details, call):
    return [
        gettext(
            "After review by the joint selection committee of the two hospitals, we regret to "
            "inform you that your application to %(call)s has not been selected."
        )
        % {"call": call},
        gettext(
            "The committee received many strong applications for a limited number of places, "
            "and this decision is no judgement of your professional worth. We thank you for "
            "your interest and hope to receive your application to a future call."
        ),
    ]


PARAGRAPHS = {
    Status.SELECTED: _selected,
    Status.RESERVE: _reserve,
    Status.NOT_SELECTED: _not_selected,
}


def _side(document, language):
    details = document.details
    with translation.override(language):
        call = details["titles"].get(language) or document.title
        deadline = _parse(details.get("offer_deadline"))
        return {
            "language": language,
            # The call is named in the first paragraph: a long title twice would push the
            # signatures onto a second page.
            "subject": gettext("Decision on your application"),
            "paragraphs": PARAGRAPHS[details["decision"]](details, call),
            "decision": decision_text(details),
            # Both clocks on one line: "Changsha: … (Beijing time) · Paris: … (Paris time)".
            "deadline": " · ".join(partner_times_text(deadline).splitlines()) if deadline else "",
        }


def decision_letter_context(document):
    """The template's context: the shared letter parts, then each language's text."""
    details = document.details
    languages = details["languages"]
    return {
        **letter_context(
            document,
            languages,
            sides=[_side(document, language) for language in languages],
            reference=details.get("reference", ""),
            logos=partner_logos(),
            time_zone=details.get("time_zone"),
        ),
        "passport_name": details.get("passport_name", ""),
    }


def decision_letter_facts(document):
    """What /verify/<code>/ shows, in the visitor's language: the call, the decision and its
    date. Never the holder's contact details, institution or passport name."""
    details = document.details or {}
    facts = [
        (_("Programme applied to"), in_active_language(details.get("titles")) or document.title),
        (_("Decision"), decision_text(details)),
    ]
    released_at = _parse(details.get("released_at"))
    if released_at:
        local = released_at.astimezone(ZoneInfo(details.get("time_zone") or "Asia/Shanghai"))
        facts.append((_("Decision released on"), long_date(local)))
    return facts


def register_letter_kind():
    register_document_kind(
        KIND,
        label=_("Decision letter"),
        public_facts=decision_letter_facts,
        template=TEMPLATE,
        context=decision_letter_context,
        reissue=reissue_decision_letter,
        managed_subjects=letter_subjects,
        facts_heading=_("What the letter states"),
    )
