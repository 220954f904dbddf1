"""Certificates of attendance: issued to checked-in attendees, checkable at /verify/<code>/.

The PDF is rendered on demand from the IssuedDocument, not stored. The row already holds
everything the certificate states (name as registered, title, dates, venue, credit hours,
accreditation, issuers), copied when it was issued, so a re-render shows the same facts; no
personal PDF sits in storage to be leaked, backed up or deleted on request, and a corrected
template (a typo, a better layout) reaches every certificate at once. Rendering takes well
under a second, and a certificate is downloaded a handful of times.

A certificate is issued once the seminar is over, so the hours count every session the holder
was checked in to. Only the attendance facts follow later corrections (a session added from the
sign-in sheet); everything else stays as issued. A revoked certificate (portal.documents.
revoke_document) keeps verifying as revoked, and the attendee's download then answers with a
page saying it was withdrawn and whom to write to, never a new certificate: only staff issue it
again (portal.documents.reissue_document, from the admin's Issued documents), under a new code,
from the registration as it is then.

The kind `seminars.certificate` is registered with portal.documents when the app loads: its
name, what the public check shows and its template, which uses the shared PDF parts.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from home.institutions import partner_issuers, partner_logos
from portal.documents import (
    document_parts,
    issue_document,
    issued_document,
    register_document_kind,
    render_document_pdf,
)
from portal.templatetags.partner_time import partner_times_html
from portal.translation import in_active_language, in_languages
from seminars.choices import RegistrationStatus
from seminars.credits import credit_hours
from seminars.models import Registration, SeminarSession
from seminars.organisers import managed_registrations
from seminars.services import RegistrationError
from seminars.templatetags.seminar_tags import hours

KIND = "seminars.certificate"
TEMPLATE = "seminars/certificate.html"
# What follows attendance after issue: the rest of the certificate stays as issued.
ATTENDANCE_FACTS = ("credit_hours", "sessions_in_programme", "sessions")


def certificate_languages(language):
    """The attendee's language, then English: zh-hans+en, fr+en, or en alone."""
    return [language, "en"] if language != "en" else ["en"]


def attended_sessions(registration):
    """The sessions of its seminar `registration` was checked in to, in programme order."""
    return list(
        SeminarSession.objects.filter(attendances__registration=registration).order_by(
            "sort_order", "pk"
        )
    )


def _snapshot(registration):
    """Everything the certificate states, per language where it is translated."""
    seminar = registration.seminar.specific
    languages = certificate_languages(registration.language)
    pages = in_languages(seminar, languages)
    return {
        "language": registration.language,
        "titles": {language: page.title for language, page in pages.items()},
        "venues": {language: _venue(page, language) for language, page in pages.items()},
        "starts_at": seminar.starts_at.isoformat(),
        "ends_at": seminar.ends_at.isoformat(),
        "mode": registration.mode,
        # The body is a name, but a translated page gives its name in that language.
        "cme_bodies": {
            language: page.cme_body or seminar.cme_body for language, page in pages.items()
        },
        "cme_project_number": seminar.cme_project_number,
        **partner_issuers(languages),
        **_attendance(registration, seminar, languages),
    }


def _venue(page, language):
    with translation.override(language):
        return page.venue_line


def _attendance(registration, seminar, languages):
    """The credit hours and, for a programme of several sessions, which were attended."""
    attended = attended_sessions(registration)
    facts = {"credit_hours": str(credit_hours(seminar, attended))}
    programme = seminar.sessions.count()
    if programme > 1:
        facts["sessions_in_programme"] = programme
        facts["sessions"] = [
            {
                "titles": {
                    language: translated.title
                    for language, translated in in_languages(session, languages).items()
                },
                "credit_hours": str(session.credit_hours.normalize()),
            }
            for session in attended
        ]
    return facts


def issue_certificate(registration, *, by=None, reissue=False):
    """The certificate of attendance of `registration`, issued now if not yet issued.

    Precondition: the registration is attended (checked in); else RegistrationError. A revoked
    certificate is issued again only with `reissue` (a staff decision); else
    portal.documents.DocumentWithdrawn. Idempotent: a second call returns the same
    IssuedDocument (same code). Writes the audit entry
    seminars.registration.certificate_issued when it issues. No email: the thank-you email
    (seminars.reminders) links to the download, which issues on first use.
    """
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("seminar")
            .get(pk=registration.pk)
        )
        if registration.status != RegistrationStatus.ATTENDED:
            raise RegistrationError(
                _("A certificate of attendance is issued only to attendees who were checked in.")
            )
        seminar = registration.seminar.specific
        if seminar.ends_at > timezone.now():
            raise RegistrationError(
                _("The certificate of attendance is issued once the seminar is over.")
            )
        document = issued_document(registration, kind=KIND)
        if document is not None:
            _follow_attendance(document, registration, seminar, by)
            return document
        document, created = issue_document(
            registration,
            kind=KIND,
            holder_name=registration.full_name,
            title=seminar.title,
            details=_snapshot(registration),
            reissue=reissue,
        )
        if created:
            log(
                instance=registration,
                action="seminars.registration.certificate_issued",
                user=by,
                data={"code": document.code},
            )
    return document


def _follow_attendance(document, registration, seminar, by):
    """A session checked in after issue (from the sign-in sheet) updates the hours; the rest
    of the certificate stays as it was issued."""
    languages = certificate_languages(document.details.get("language", registration.language))
    facts = _attendance(registration, seminar, languages)
    changed = {
        key: facts.get(key)
        for key in ATTENDANCE_FACTS
        if document.details.get(key) != facts.get(key)
    }
    if changed:
        document.details.update(changed)
        document.save(update_fields=["details"])
        log(
            instance=registration,
            action="seminars.registration.certificate_updated",
            user=by,
            data={"code": document.code, "credit_hours": facts["credit_hours"]},
        )


def certificate_context(document):
    """The template's context: the shared parts, then each language's side of the text."""
    details = document.details
    languages = certificate_languages(details.get("language", "en"))
    return {
        **document_parts(document, languages, logos=partner_logos()),
        "sides": [
            {
                "language": language,
                "title": details.get("titles", {}).get(language, document.title),
                "venue": details.get("venues", {}).get(language, ""),
                # Certificates issued before the body was translated hold one name only.
                "cme_body": details.get("cme_bodies", {}).get(language)
                or details.get("cme_body", ""),
            }
            for language in languages
        ],
        "details": details,
        "sessions": [
            {
                "title": session["titles"].get(languages[0]) or session["titles"].get("en", ""),
                "credit_hours": session["credit_hours"],
            }
            for session in details.get("sessions", [])
        ],
        "starts_at": _parse(details.get("starts_at")),
        "ends_at": _parse(details.get("ends_at")),
    }


def _parse(value):
    return datetime.fromisoformat(value) if value else None


def certificate_pdf(document):
    """The certificate as PDF bytes, in the holder's language and English."""
    return render_document_pdf(document)


def certificate_facts(document):
    """What /verify/<code>/ shows of a certificate, in the visitor's language: the seminar,
    its dates in both partners' time, the credit hours and the issuers."""
    details = document.details or {}
    facts = [
        (
            _("Certificate of attendance for"),
            in_active_language(details.get("titles")) or document.title,
        )
    ]
    starts_at = _parse(details.get("starts_at"))
    if starts_at:
        facts.append((_("When"), partner_times_html(starts_at, _parse(details.get("ends_at")))))
    if details.get("credit_hours"):
        facts.append((_("Credit hours awarded"), hours(details["credit_hours"])))
    issuers = [in_active_language(issuer) for issuer in details.get("issuers", [])]
    if issuers:
        facts.append((_("Issued by"), " · ".join(issuers)))
    return facts


def reissue_certificate(registration, *, by):
    """Staff issue the certificate again after revoking it (the kind's `reissue`)."""
    return issue_certificate(registration, by=by, reissue=True)


def certificate_subjects(user):
    """The registrations whose certificates `user` manages in the admin: those of the seminars
    they organise (seminars.organisers)."""
    if not user.has_perm("seminars.view_registration"):
        return Registration.objects.none()
    return managed_registrations(user, Registration.objects.all())


def register_certificate_kind():
    register_document_kind(
        KIND,
        label=_("Certificate of attendance"),
        public_facts=certificate_facts,
        template=TEMPLATE,
        context=certificate_context,
        facts_heading=_("What it certifies"),
        reissue=reissue_certificate,
        managed_subjects=certificate_subjects,
    )
