"""The draft: starting an application and saving its steps."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange.models import Application
from exchange.models.applications import PREFILLED_FIELDS, STEP_FIELDS
from portal.signin.adapter import email_verified
from portal.workflow import DomainError


class ApplicationError(DomainError):
    """A request the rules refuse; str(error) is a message for the person who asked."""


CALL_CLOSED = _("This call is closed: applications can no longer be started or changed.")


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

    Preconditions: `by` owns the application, it is still a draft, and its call is open now
    (the closing time holds whatever the browser shows). Only the step's own fields are taken
    from `data`. Audit entry exchange.application.step_saved naming the step and the fields
    changed (not their values), when something changed. Raises ApplicationError.
    """
    if step not in STEP_FIELDS:
        raise ApplicationError(_("This step of the application does not exist."))
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        _check_editable(application, by, now)
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


def _check_editable(application, by, now):
    if application.applicant_id != by.pk:
        raise ApplicationError(_("This application is not yours."))
    if not application.is_draft:
        raise ApplicationError(_("This application is submitted: it can no longer be changed."))
    if not application.call.is_open(now):
        raise ApplicationError(CALL_CLOSED)
