"""The committee's dossier of one application: a single PDF with a cover, the application form
as the applicant filled it, every document the reader may see and the referees' letters, page
numbered, so that a reviewer reads one file (portal.dossier assembles it).

What goes in is decided by exchange.review_summaries alone, as on the review page: on a blind
call (`blind=True`) the dossier has no name, contact details, date of birth or passport name,
none of the documents that name the applicant and no referee letter; the cover says what was
left out. Coordinators read the full dossier, reviewers the one their call allows.

Labels are in the active language (the reader's admin language); times are shown in both
hospitals' time. The PDF is built on each request (a few seconds for thirty parts) and never
stored: it would be one more copy of every private file to keep in step and to delete.
"""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.choices import RefereeStatus
from exchange.referee_letters import form_letter_pdf
from exchange.review_summaries import (
    application_sections,
    identity,
    kind_label,
    reference_of,
    visible_documents,
    visible_referees,
)
from exchange.summaries import localized_call
from portal.dossier import DossierPart, build_dossier
from portal.pdf import render_pdf
from portal.private import private_file_response

COVER_TEMPLATE = "exchange/pdf/dossier_cover.html"
FORM_TEMPLATE = "exchange/pdf/dossier_form.html"
# portal.dossier reads a part as a PDF, or as an image of these types.
IMAGE_KINDS = {"image/jpeg": "jpeg", "image/png": "png"}


def part_kind(content_type):
    """The part's kind for portal.dossier: "pdf", or the image's type."""
    if content_type == "application/pdf":
        return "pdf"
    if content_type.startswith("image/"):
        return IMAGE_KINDS.get(content_type, content_type.removeprefix("image/"))
    return "pdf"  # anything else cannot be read as a PDF either: it becomes a notice page


def _bytes_opener(data):
    return lambda: io.BytesIO(data)


def form_part(application, *, blind, person):
    """Every step the applicant filled, as a PDF of its own."""
    data = render_pdf(
        FORM_TEMPLATE,
        {
            "application": application,
            "person": person,
            "blind": blind,
            "sections": application_sections(application, blind=blind),
        },
    )
    return DossierPart(_("Application form"), "pdf", _bytes_opener(data))


def document_parts(application, *, blind):
    """The documents the reader may see, in the order the call lists them."""
    order = {kind: n for n, kind in enumerate(application.call.required_documents)}
    documents = sorted(
        visible_documents(application, blind=blind) or [],
        key=lambda document: (order.get(document.kind, len(order)), document.pk),
    )
    section = _("Documents")
    return [
        DossierPart(
            str(kind_label(document)), part_kind(document.content_type), document.open, section
        )
        for document in documents
    ]


def letter_parts(application, *, blind):
    """The received letters: the uploaded PDF, or the referee's answers on a page (none on a
    blind call: visible_referees gives no referee there)."""
    referees = visible_referees(application, blind=blind) or []
    section = _("Referee letters")
    parts = []
    for referee in referees:
        if referee.status != RefereeStatus.RECEIVED:
            continue
        title = _("Letter from %(name)s") % {"name": referee.name}
        if referee.has_letter_file:
            parts.append(DossierPart(title, "pdf", referee.open_letter, section))
        else:
            parts.append(
                DossierPart(
                    title, "pdf", _bytes_opener(form_letter_pdf(referee, numbered=False)), section
                )
            )
    return parts


def awaited_letters(application, *, blind):
    """How many letters asked for have not arrived (the cover says so; 0 on a blind call)."""
    referees = visible_referees(application, blind=blind) or []
    return sum(referee.status != RefereeStatus.RECEIVED for referee in referees)


def dossier_parts(application, *, blind):
    person = identity(application, blind=blind)
    return [
        form_part(application, blind=blind, person=person),
        *document_parts(application, blind=blind),
        *letter_parts(application, blind=blind),
    ]


def build_application_dossier(application, *, blind):
    """The dossier's PDF bytes, in the active language."""
    person = identity(application, blind=blind)
    context = {
        "application": application,
        "call": localized_call(application.call),
        "person": person,
        "blind": blind,
        "awaited_letters": awaited_letters(application, blind=blind),
        "prepared_at": timezone.now(),
    }
    return build_dossier(
        dossier_parts(application, blind=blind),
        cover_template=COVER_TEMPLATE,
        context=context,
        label=reference_of(application),
    )


def dossier_filename(application):
    return f"dossier-{reference_of(application).lstrip('#')}.pdf"


def dossier_response(application, *, blind):
    """The dossier as a private PDF response, shown in the browser. Call it only once the
    asker's own queryset has decided that they may read it, and which version."""
    return private_file_response(
        build_application_dossier(application, blind=blind),
        filename=dossier_filename(application),
        content_type="application/pdf",
        inline=True,
    )
