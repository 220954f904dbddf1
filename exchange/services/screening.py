"""Screening: what programme coordinators decide about a submitted application before and while
the committee reviews it (DESIGN §4 "Application"): submitted → screening (optional) →
in review | returned for corrections | ineligible; one applicant's deadline extended; reviewers
assigned and unassigned.

Each service locks the application row, checks its precondition (ApplicationError with a
translatable message), changes the row in one transaction, writes its audit entry
`exchange.application.<event>`, and writes its email to the outbox in that same transaction
(portal.mail.queue_all): the email is rendered before the row is locked, none exists for a
change that rolled back, and a committed change always has its email.
"""

import copy

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange import screening_emails as emails
from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, Review
from exchange.services.drafts import ApplicationError
from portal.mail import queue_all

Status = ApplicationStatus

REVIEWERS_GROUP = "Reviewers"
SCREENABLE = (Status.SUBMITTED, Status.SCREENING)
# Ineligible is terminal; it may be found out until the committee has decided.
MAY_BE_INELIGIBLE = (Status.SUBMITTED, Status.SCREENING, Status.RETURNED, Status.IN_REVIEW)
EXTENDABLE = (Status.DRAFT, Status.RETURNED)
# An assignment the reviewer still has to work on: their load.
OPEN_REVIEW = (ReviewStatus.ASSIGNED, ReviewStatus.IN_PROGRESS)


def _locked(application):
    """The application's row, locked until the transaction ends (not its call's or user's)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "applicant")
        .get(pk=application.pk)
    )


def _require_status(application, statuses, message):
    if application.status not in statuses:
        raise ApplicationError(message)


def _save(application, **fields):
    for name, value in fields.items():
        setattr(application, name, value)
    # updated_at is left alone: it says when the applicant last saved their answers.
    application.save(update_fields=list(fields))


def _log(application, event, by, **data):
    log(instance=application, action=f"exchange.application.{event}", user=by, data=data)


def _as_it_will_read(application, **fields):
    """A copy of the application, read before the lock, with `fields` as the change sets them:
    what its email says."""
    read = Application.objects.select_related("call", "applicant").get(pk=application.pk)
    changed = copy.copy(read)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


def open_for_screening(application, *, by):
    """A coordinator starts screening a submitted application (optional: accept_for_review
    also takes it straight from submitted).

    Precondition: submitted. Audit entry exchange.application.screening_opened; no email (the
    applicant's status reads the same). Raises ApplicationError.
    """
    with transaction.atomic():
        application = _locked(application)
        _require_status(
            application,
            (Status.SUBMITTED,),
            _("Only a submitted application can be opened for screening."),
        )
        _save(application, status=Status.SCREENING)
        _log(application, "screening_opened", by)
    return application


def accept_for_review(application, *, by):
    """The application is complete and eligible: it goes to the committee's reviewers.

    Precondition: submitted or screening. Audit entry exchange.application.accepted_for_review;
    no email (the applicant's status reads the same). Raises ApplicationError.
    """
    with transaction.atomic():
        application = _locked(application)
        _require_status(
            application,
            SCREENABLE,
            _("Only a submitted application, or one being screened, can be accepted for review."),
        )
        _save(application, status=Status.IN_REVIEW)
        _log(application, "accepted_for_review", by)
    return application


def return_application(application, *, by, message, deadline, now=None):
    """Return the application to its applicant to correct what `message` says by `deadline`.

    Preconditions: submitted or screening; a message; a deadline in the future. Sets
    return_message and return_deadline. Audit entry exchange.application.returned;
    an email to the applicant in their language with the message and the deadline in
    both hospitals' time. Raises ApplicationError.
    """
    message = (message or "").strip()
    if not message:
        raise ApplicationError(_("Write what the applicant has to correct."))
    if deadline is None or deadline <= (now or timezone.now()):
        raise ApplicationError(_("The deadline for the corrections must be in the future."))
    email = emails.returned(
        _as_it_will_read(application, return_message=message, return_deadline=deadline)
    )
    with transaction.atomic():
        application = _locked(application)
        _require_status(
            application,
            SCREENABLE,
            _("Only a submitted application, or one being screened, can be returned."),
        )
        _save(application, status=Status.RETURNED, return_message=message, return_deadline=deadline)
        _log(application, "returned", by, deadline=deadline.isoformat())
        queue_all(email)
    return application


def mark_ineligible(application, *, by, reason):
    """The applicant does not meet the call's conditions: the application ends here.

    Preconditions: submitted, screening, returned or in review (not yet decided); a reason.
    Sets ineligible_reason; ineligible is terminal. Audit entry
    exchange.application.marked_ineligible; an email to the applicant in their
    language with the reason. Raises ApplicationError.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Give the reason why the application is not eligible."))
    email = emails.ineligible(_as_it_will_read(application, ineligible_reason=reason))
    with transaction.atomic():
        application = _locked(application)
        _require_status(
            application,
            MAY_BE_INELIGIBLE,
            _("Only a submitted application not yet decided can be marked ineligible."),
        )
        _save(application, status=Status.INELIGIBLE, ineligible_reason=reason)
        _log(application, "marked_ineligible", by)
        queue_all(email)
    return application


def current_deadline(application):
    """Until when the applicant may still change and submit: the call's closing, or their own
    extension, or (returned) the corrections' deadline, whichever is latest."""
    deadlines = [application.call.closes_at, application.deadline_extended_to]
    if application.status == Status.RETURNED:
        deadlines.append(application.return_deadline)
    return max(deadline for deadline in deadlines if deadline is not None)


def extend_deadline(application, *, by, until, now=None):
    """Give one applicant until `until` to complete (a draft) or correct (returned) their
    application, also after the call has closed.

    Preconditions: a draft or returned; `until` in the future and later than the current
    deadline (current_deadline). Sets deadline_extended_to, and for a returned application
    return_deadline too. Audit entry exchange.application.deadline_extended; an
    email to the applicant with the new deadline in both hospitals' time. Raises
    ApplicationError.
    """
    email = emails.deadline_extended(_as_it_will_read(application, deadline_extended_to=until))
    with transaction.atomic():
        application = _locked(application)
        _require_status(
            application,
            EXTENDABLE,
            _("Only a draft, or an application returned for corrections, can be given more time."),
        )
        if until is None or until <= max(now or timezone.now(), current_deadline(application)):
            raise ApplicationError(
                _("The new deadline must be in the future and later than the current one.")
            )
        fields = {"deadline_extended_to": until}
        if application.status == Status.RETURNED:
            fields["return_deadline"] = until
        _save(application, **fields)
        _log(application, "deadline_extended", by, until=until.isoformat())
        queue_all(email)
    return application


def is_reviewer(user):
    return user.is_active and user.groups.filter(name=REVIEWERS_GROUP).exists()


def _check_assignable(application, reviewer, due_at, now):
    _require_status(
        application,
        (Status.IN_REVIEW,),
        _("Accept the application for review before assigning reviewers."),
    )
    names = {"name": reviewer.get_full_name() or reviewer.email}
    if reviewer.pk == application.applicant_id:
        raise ApplicationError(_("Applicants cannot review their own application."))
    if not is_reviewer(reviewer):
        raise ApplicationError(_("%(name)s is not in the Reviewers group.") % names)
    existing = application.reviews.filter(reviewer=reviewer).first()
    if existing is not None and existing.status == ReviewStatus.CONFLICT:
        raise ApplicationError(
            _("%(name)s declared a conflict of interest with this application.") % names
        )
    if existing is not None:
        raise ApplicationError(_("%(name)s is already assigned to this application.") % names)
    if due_at is not None and due_at <= (now or timezone.now()):
        raise ApplicationError(_("The review's due date must be in the future."))


def assign_reviewer(application, reviewer, *, by, due_at=None, now=None):
    """Ask `reviewer` to review the application (by `due_at`, if given).

    Preconditions: in review; `reviewer` is an active member of the Reviewers group and not
    the applicant; not assigned yet, and never after declaring a conflict of interest with
    this application; `due_at` in the future. Creates the Review (status assigned). Audit
    entry exchange.application.reviewer_assigned; an email to the reviewer in
    their admin language with a link to their reviews. Raises ApplicationError.
    """
    email = emails.review_assigned(
        Review(application=_as_it_will_read(application), reviewer=reviewer, due_at=due_at)
    )
    with transaction.atomic():
        application = _locked(application)
        _check_assignable(application, reviewer, due_at, now)
        review = Review.objects.create(
            application=application, reviewer=reviewer, assigned_by=by, due_at=due_at
        )
        _log(application, "reviewer_assigned", by, reviewer=str(reviewer), reviewer_id=reviewer.pk)
        queue_all(email)
    return review


def unassign_reviewer(review, *, by):
    """Withdraw a reviewer's assignment that has not been submitted.

    Preconditions: the review is neither submitted nor a declared conflict of interest (which
    stays on record, so that the reviewer is never assigned to the application again). Deletes
    the Review and its scores. Audit entry exchange.application.reviewer_unassigned;
    an email telling the reviewer. Raises ApplicationError.
    """
    email = emails.review_unassigned(_as_it_will_read(review.application), review.reviewer)
    with transaction.atomic():
        application = _locked(review.application)
        review = (
            Review.objects.select_for_update(of=("self",))
            .select_related("reviewer")
            .filter(pk=review.pk, application=application)
            .first()
        )
        if review is None:
            raise ApplicationError(_("This assignment no longer exists."))
        if review.status == ReviewStatus.SUBMITTED:
            raise ApplicationError(_("A submitted review cannot be withdrawn."))
        if review.status == ReviewStatus.CONFLICT:
            raise ApplicationError(_("A declared conflict of interest stays on record."))
        reviewer = review.reviewer
        review.delete()
        _log(
            application, "reviewer_unassigned", by, reviewer=str(reviewer), reviewer_id=reviewer.pk
        )
        queue_all(email)
    return application
