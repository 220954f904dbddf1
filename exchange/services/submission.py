"""Submitting an application (and submitting it again after a return), and withdrawing it.

A submission freezes the application: it takes a reference (HX-<year>-<NNNN>, numbered per
year of submission), can no longer be changed by its applicant, and is acknowledged by email in
the applicant's language (rendered before the lock, written in the transaction: portal.mail).
Both services lock the application row, so the same draft submitted from two tabs is submitted
once, and the second tab is told it already was.
"""

from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange import eligibility
from exchange.choices import ApplicationStatus
from exchange.models import Application, ReferenceCounter
from exchange.services import acknowledgements, offers
from exchange.services.drafts import ApplicationError, check_editable
from portal.mail import queue_all

Status = ApplicationStatus
REFERENCE_PREFIX = "HX"
# Every state before a placement, except the ends of the road.
WITHDRAWABLE = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.RETURNED,
    Status.IN_REVIEW,
    Status.SELECTED,
    Status.RESERVE,
    Status.OFFER_ACCEPTED,
)
NOT_YOURS = _("This application is not yours.")


class SubmissionRefused(ApplicationError):
    """The application is not complete or not eligible: `missing` (MissingItem) and `failures`
    (eligibility.Failure) say every reason at once."""

    def __init__(self, missing, failures):
        super().__init__(
            _("Your application cannot be submitted yet: complete or correct what is listed.")
        )
        self.missing = missing
        self.failures = failures


class AlreadySubmitted(ApplicationError):
    def __init__(self, application):
        super().__init__(_("This application is already submitted."))
        self.application = application


def lock_application(application):
    """The application's row, locked until the transaction ends, with its call. Only the
    application's row: on PostgreSQL a join would lock the call's page rows too, and every
    applicant to the call (and its editors) would queue behind each submission."""
    locked = Application.objects.select_for_update(of=("self",)).select_related("call")
    return locked.get(pk=application.pk)


def missing_for_submission(application):
    """Everything the application lacks before it can be submitted: Application.missing_items()
    (every step, the documents and the referees still to ask included)."""
    return application.missing_items()


def _check_submittable(application, by, now):
    if application.applicant_id != by.pk:
        raise ApplicationError(NOT_YOURS)
    if application.submitted_at and application.status not in (Status.RETURNED, Status.WITHDRAWN):
        raise AlreadySubmitted(application)
    if application.status == Status.WITHDRAWN:
        raise ApplicationError(_("This application is withdrawn: it can no longer be submitted."))
    check_editable(application, by, now)
    missing = missing_for_submission(application)
    failures = eligibility.check_eligibility(application)
    if missing or failures:
        raise SubmissionRefused(missing, failures)


def _last_reference_number(year):
    """The highest number already given in `year` (0 if none): where a new counter starts."""
    prefix = f"{REFERENCE_PREFIX}-{year}-"
    last = (
        Application.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.removeprefix(prefix)) if last else 0


def next_reference(year):
    """The next reference of `year`, taken under a lock on the year's counter row (the caller
    holds a transaction). The first submission of a year creates the row; a simultaneous
    first one waits on its key, then locks the row it made."""
    counter = ReferenceCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = ReferenceCounter.objects.create(
                    year=year, last_number=_last_reference_number(year)
                )
        except IntegrityError:
            counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:04d}"


def _for_email(application):
    """The application as its emails read it, fetched before the lock is taken."""
    return Application.objects.select_related("call", "applicant").get(pk=application.pk)


def submit_application(application, *, by, now=None):
    """Submit `by`'s application, or submit again one returned for corrections.

    Preconditions: `by` owns it; it is a draft or returned, and may be changed now (the call
    open or the applicant's extended deadline not passed; a returned one before its return
    deadline); nothing is missing (missing_for_submission) and every eligibility rule of the
    call holds. Side effects: status submitted; a first submission gets `submitted_at` and the
    next reference of the year; a resubmission keeps both. Audit entry
    exchange.application.submitted (or .resubmitted); the acknowledgement email, in the
    applicant's language, written to the outbox in the same transaction (rendered before the
    lock; the new reference filled in under it). Raises AlreadySubmitted when it already is (the
    second of two tabs), SubmissionRefused with every reason at once, ApplicationError.
    """
    now = now or timezone.now()
    read = _for_email(application)
    email = acknowledgements.submitted(read, resubmitted=read.status == Status.RETURNED)
    with transaction.atomic():
        application = lock_application(application)
        _check_submittable(application, by, now)
        resubmitted = application.status == Status.RETURNED
        if not application.reference:
            application.reference = next_reference(timezone.localtime(now).year)
        application.submitted_at = application.submitted_at or now
        application.status = Status.SUBMITTED
        application.save(update_fields=["status", "reference", "submitted_at", "updated_at"])
        event = "resubmitted" if resubmitted else "submitted"
        log(
            instance=application,
            action=f"exchange.application.{event}",
            user=by,
            data={"reference": application.reference},
        )
        if resubmitted != (read.status == Status.RETURNED):  # changed since it was read
            email = acknowledgements.submitted(read, resubmitted=resubmitted)
        queue_all(email.fill(reference=application.reference))
    return application


def withdraw_application(application, *, by, reason="", now=None):
    """`by` withdraws their application, with an optional reason for the coordinators.

    Preconditions: `by` owns it; it is in a state before a placement (WITHDRAWABLE: not
    withdrawn, ineligible, not selected, declined or lapsed; an accepted offer only while no
    placement exists). Side effects: status withdrawn, `withdrawn_at`, `withdrawal_reason`;
    audit entry exchange.application.withdrawn (the status it left); the confirmation email in
    the applicant's language, rendered before the lock and written in the same transaction.
    A released place (selected, or an offer accepted) that is withdrawn goes to the best
    reserve at once, as a declined offer's does (offers.promote_reserve, same transaction); a
    decision not yet released is the committee's to take again before the release.
    Raises ApplicationError.
    """
    now = now or timezone.now()
    read = _for_email(application)
    email = acknowledgements.withdrawn(read)
    promotion = offers.prepare_promotion(read.call, now) if _frees_a_place(read) else None
    with transaction.atomic():
        application = lock_application(application)
        if application.applicant_id != by.pk:
            raise ApplicationError(NOT_YOURS)
        if application.status not in WITHDRAWABLE or _has_placement(application):
            raise ApplicationError(_("This application can no longer be withdrawn."))
        previous, freed = application.status, _frees_a_place(application)
        application.status = Status.WITHDRAWN
        application.withdrawn_at = now
        application.withdrawal_reason = reason.strip()
        application.save(
            update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"]
        )
        log(
            instance=application,
            action="exchange.application.withdrawn",
            user=by,
            data={"from": str(previous)},
        )
        queue_all(email)
        if freed:
            offers.promote_reserve(application.call, now=now, prepared=promotion)
    return application


def _frees_a_place(application):
    """Withdrawing it gives its place to a reserve: a place held after the release."""
    held = application.status in offers.HOLDING_A_PLACE
    return held and application.decision_released_at is not None


def _has_placement(application):
    # Placements come with the offers' next stage; until then an accepted offer has none.
    return getattr(application, "placement", None) is not None
