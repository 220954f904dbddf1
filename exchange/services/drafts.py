"""The draft: starting an application and saving its steps."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.models.applications import PREFILLED_FIELDS, STEP_FIELDS
from portal.signin.adapter import email_verified
from portal.workflow import DomainError


class ApplicationError(DomainError):
    """A request the rules refuse; str(error) is a message for the person who asked."""


CALL_CLOSED = _("This call is closed: applications can no longer be started or changed.")
RETURN_DEADLINE_PASSED = _(
    "The deadline for your corrections has passed: the application can no longer be changed."
)


def start_application(call, *, by, now=None):
    """Start `by`'s application to `call`, or return the one they already have.

    Preconditions: `by` has verified their email address; for a new application, the call is
    live and open now. The personal and professional details are copied from `by`'s latest
    other application. Audit entry exchange.application.started. Two simultaneous starts give
    one application (the unique constraint; the loser returns the winner's row). Raises
    ApplicationError.
    """
    call = call.canonical
    if not email_verified(by):
        raise ApplicationError(_("Confirm your email address before you apply."))
    existing = Application.objects.filter(call=call, applicant=by).first()
    if existing is not None:
        return existing
    if not call.live or not call.is_open(now):
        raise ApplicationError(CALL_CLOSED)
    try:
        with transaction.atomic():
            application = Application.objects.create(call=call, applicant=by, **_prefill(by))
            log(instance=application, action="exchange.application.started", user=by)
    except IntegrityError:  # a simultaneous start by the same person won the race
        return Application.objects.get(call=call, applicant=by)
    return application


def _prefill(applicant):
    latest = Application.objects.filter(applicant=applicant).order_by("-updated_at").first()
    if latest is None:
        return {}
    return {name: getattr(latest, name) for name in PREFILLED_FIELDS}


def save_application_step(application, step, data, *, by, now=None):
    """Save the fields of `step` (exchange.models.applications.STEP_FIELDS) from `data`.

    Preconditions (check_editable): `by` owns the application and may still change it: a draft
    while its call is open (or until the applicant's extended deadline), a returned application
    until its return deadline (the deadline holds whatever the browser shows). Only the step's
    own fields are taken from `data`. Audit entry exchange.application.step_saved naming the
    step and the fields changed (not their values), when something changed. Raises
    ApplicationError.
    """
    if step not in STEP_FIELDS:
        raise ApplicationError(_("This step of the application does not exist."))
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        check_editable(application, by, now)
        changed = [
            name
            for name in STEP_FIELDS[step]
            if name in data and getattr(application, name) != data[name]
        ]
        if not changed:
            return application
        for name in changed:
            setattr(application, name, data[name])
        application.save(update_fields=[*changed, "updated_at"])
        log(
            instance=application,
            action="exchange.application.step_saved",
            user=by,
            data={"step": str(step), "fields": changed},
        )
    return application


def check_editable(application, by, now=None):
    """Raise ApplicationError unless `by` owns `application` and may change it now: a draft
    until the call closes (or the applicant's extended deadline), an application returned for
    corrections until its return deadline."""
    if application.applicant_id != by.pk:
        raise ApplicationError(_("This application is not yours."))
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        raise ApplicationError(_("This application is submitted: it can no longer be changed."))
    if not application.is_editable(now):
        if application.status == ApplicationStatus.RETURNED:
            raise ApplicationError(RETURN_DEADLINE_PASSED)
        raise ApplicationError(CALL_CLOSED)
