"""What the applicant's pages show of their applications: the dashboard's rows, the step
navigation and the review of everything entered. Read-only; the changes are in services."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exchange.choices import ApplicantStatus, ApplicationStep, DocumentKind
from exchange.models import ProgrammePage
from exchange.models.applications import FORM_STEPS, STEP_FIELDS
from portal.translation import translations_in_active_language

Step = ApplicationStep
# The steps that are complete or not (the review has nothing of its own to complete).
PROGRESS_STEPS = tuple(step for step in Step if step != Step.REVIEW)


@dataclass(frozen=True)
class NextAction:
    text: str
    deadline_label: str = ""
    deadline: datetime | None = None


@dataclass(frozen=True)
class StepLink:
    step: str
    label: str
    url: str
    complete: bool | None  # None: the review, which has nothing to complete
    current: bool


def step_url(application, step):
    return reverse("exchange:application_step", args=(application.pk, step))


def localized_calls(calls):
    """{translation_key: the live translation in the active language}, in one query."""
    return translations_in_active_language(calls, ProgrammePage.objects.live())


def localized_call(call):
    return localized_calls([call]).get(call.translation_key, call)


def step_links(application, current):
    return [
        StepLink(
            step=step.value,
            label=step.label,
            url=step_url(application, step),
            complete=application.is_step_complete(step) if step in PROGRESS_STEPS else None,
            current=step == current,
        )
        for step in Step
    ]


def next_action(application, now=None):
    """What the applicant has to do next, and by when (None when nothing is expected)."""
    now = now or timezone.now()
    status = application.applicant_status(now)
    call = application.call
    if status == ApplicantStatus.DRAFT:
        if not application.is_editable(now):
            return NextAction(_("The call closed before this application was submitted."))
        if application.editable_until() != call.closes_at:
            return NextAction(
                _("Complete your application and submit it before your extended deadline."),
                _("Your deadline"),
                application.editable_until(),
            )
        return NextAction(
            _("Complete your application and submit it before the call closes."),
            _("The call closes"),
            call.closes_at,
        )
    if status == ApplicantStatus.RETURNED:
        if not application.is_editable(now):
            return NextAction(_("The deadline for your corrections has passed."))
        return NextAction(
            _("Correct your application as asked and submit it again."),
            _("Corrections due by"),
            application.editable_until(),
        )
    if status == ApplicantStatus.UNDER_CONSIDERATION:
        return NextAction(
            _("Nothing to do for now: we will email you when the decisions are released."),
            _("Decisions released"),
            call.decision_release_at,
        )
    if status == ApplicantStatus.SELECTED:
        # A reserve offered a freed place has a deadline of its own.
        deadline = application.offer_deadline or call.offer_deadline
        return NextAction(
            _("Accept or decline the place offered to you."), _("Answer by"), deadline
        )
    return None


@dataclass(frozen=True)
class DashboardRow:
    application: object
    title: str
    status: ApplicantStatus
    editable: bool
    action: NextAction | None
    steps_done: int
    steps_total: int
    url: str


def dashboard_rows(applications, now=None):
    applications = list(applications)
    local = localized_calls([application.call for application in applications])
    rows = []
    for application in applications:
        call = local.get(application.call.translation_key, application.call)
        rows.append(
            DashboardRow(
                application=application,
                title=call.title,
                status=application.applicant_status(now),
                editable=application.is_editable(now),
                action=next_action(application, now),
                steps_done=sum(application.is_step_complete(step) for step in PROGRESS_STEPS),
                steps_total=len(PROGRESS_STEPS),
                url=_resume_url(application, now),
            )
        )
    return rows


def _resume_url(application, now):
    if application.is_editable(now):
        return step_url(application, application.first_incomplete_step())
    return reverse("exchange:application", args=(application.pk,))


# The review step: every answer, step by step.


def _display(application, name):
    field = application._meta.get_field(name)
    value = getattr(application, name)
    if field.choices and value:
        return getattr(application, f"get_{name}_display")()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "year"):
        return formats.date_format(value, "DATE_FORMAT")
    return value


def _other_languages(application):
    lines = []
    for row in application.other_languages:
        line = row["language"]
        if row.get("level"):
            line = f"{line} · {row['level']}"
        if row.get("certificate"):
            line = f"{line} · {row['certificate']}"
        lines.append(line)
    return "\n".join(lines)


def review_sections(application):
    """[(step, [(label, value)])] for every form step; an empty value reads "not given"."""
    sections = []
    for step in FORM_STEPS:
        rows = []
        for name in STEP_FIELDS[step]:
            label = capfirst(application._meta.get_field(name).verbose_name)
            if name == "other_languages":
                value = _other_languages(application)
            else:
                value = _display(application, name)
            rows.append((label, value))
        sections.append((Step(step), rows))
    return sections


@dataclass(frozen=True)
class DocumentRow:
    kind: str
    label: str
    document: object  # exchange.ApplicationDocument, or None when not uploaded yet
    url: str


def document_rows(application):
    """The documents the call asks for, in its order, each with its upload if there is one."""
    uploaded = {document.kind: document for document in application.documents.all()}
    return [
        DocumentRow(
            kind=kind,
            label=DocumentKind(kind).label,
            document=uploaded.get(kind),
            url=reverse("exchange:application_document", args=(application.pk, kind)),
        )
        for kind in application.call.required_documents
        if kind in DocumentKind.values
    ]
