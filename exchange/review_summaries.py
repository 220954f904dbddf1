"""What a reviewer sees of an application: everything the applicant filled in, its documents and
referee letters, less what names the applicant when the call is reviewed blind.

A blind call (ProgrammePage.blind_review) shows the reference and the professional facts only:
never the applicant's name, email, phone, date of birth or passport name, nor the identifying
documents (exchange.models.documents.IDENTIFYING: passport, photo, and the papers issued or
written in the applicant's name), nor the referee letters (they name the applicant).

Documents (`application.documents`) and referees (`application.referees`) come from their own
modules; until an application has those relations, there is nothing to show (None).
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from exchange.choices import DocumentKind
from exchange.models import Application
from exchange.summaries import localized_calls, review_sections

# The application's fields a blind review leaves out (the account's name and email are not
# shown either: they are not fields of the application).
BLIND_HIDDEN_FIELDS = ("passport_name", "date_of_birth", "phone")
# A replaced referee's letter was never asked for in the end.
REPLACED = "replaced"


@dataclass(frozen=True)
class Identity:
    """Who the applicant is, as far as the reviewer may know. Blind: reference and profession
    and country only (the other fields are empty)."""

    reference: str
    profession: str
    country: str
    name: str = ""
    passport_name: str = ""
    email: str = ""
    phone: str = ""

    @property
    def summary(self):
        """One line for listings: the name, or on a blind call the profession and country."""
        return self.name or " · ".join(part for part in (self.profession, self.country) if part)


def reference_of(application):
    return application.reference or f"#{application.pk}"


def identity(application, *, blind):
    facts = {
        "reference": reference_of(application),
        "profession": application.get_profession_display() if application.profession else "",
        "country": application.nationality,
    }
    if blind:
        return Identity(**facts)
    applicant = application.applicant
    name = applicant.get_full_name() or application.passport_name or applicant.email
    return Identity(
        **facts,
        name=name,
        passport_name=application.passport_name if application.passport_name != name else "",
        email=applicant.email,
        phone=application.phone,
    )


def _hidden_labels():
    fields = (Application._meta.get_field(name) for name in BLIND_HIDDEN_FIELDS)
    return {str(capfirst(field.verbose_name)) for field in fields}


def application_sections(application, *, blind):
    """[(step, [(label, value)])]: every step as the applicant filled it (exchange.summaries),
    without the identifying fields on a blind call."""
    sections = review_sections(application)
    if not blind:
        return sections
    hidden = _hidden_labels()
    return [(step, [row for row in rows if str(row[0]) not in hidden]) for step, rows in sections]


def related_rows(application, name):
    """application.<name>.all() as a list, or None while the relation does not exist."""
    related = getattr(application, name, None)
    return None if related is None else list(related.all())


def kind_label(document):
    kinds = dict(DocumentKind.choices)
    return kinds.get(document.kind, document.kind)


def visible_documents(application, *, blind):
    """The documents the reviewer may open (None: the application has no documents yet)."""
    documents = related_rows(application, "documents")
    if documents is None or not blind:
        return documents
    return [document for document in documents if not document.identifying]


def visible_referees(application, *, blind):
    """The referees whose letters the reviewer may read, replaced ones left out (None: no
    referees to show, which is always the case on a blind call)."""
    if blind:
        return None
    referees = related_rows(application, "referees")
    if referees is None:
        return None
    return [referee for referee in referees if referee.status != REPLACED]


def localized_criteria(criteria):
    """`criteria` (the canonical call's), each with `label` and `help` (its name and
    description in the active language where the call is translated) and `share` (its weight
    as a share of the score)."""
    from exchange.models import SelectionCriterion

    translated = {}
    if criteria:
        local = localized_calls([criteria[0].programme]).get(criteria[0].programme.translation_key)
        if local is not None:
            rows = SelectionCriterion.objects.filter(
                programme=local, translation_key__in=[c.translation_key for c in criteria]
            )
            translated = {row.translation_key: row for row in rows}
    total = sum(criterion.weight for criterion in criteria)
    for criterion in criteria:
        shown = translated.get(criterion.translation_key, criterion)
        criterion.label, criterion.help = shown.name, shown.description
        criterion.share = share_text(criterion.weight, total)
    return criteria


def share_text(weight, total):
    """A criterion's weight as its share of the score: "40% of the score"."""
    percent = round(100 * weight / total, 1) if total else 0
    shown = formats.number_format(percent, decimal_pos=0 if percent == int(percent) else 1)
    return _("%(percent)s%% of the score") % {"percent": shown}
