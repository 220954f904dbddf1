"""Letters of recommendation: asking referees, reminding and replacing them, and the letter.

The applicant asks (request_reference), reminds (remind_referee) and replaces
(replace_referee) while the application still takes letters: as a draft until the call closes
(or the applicant's extended deadline), and once submitted until LETTER_GRACE after that
deadline, never after the decisions are released (exchange.models.referees). The referee,
through their private link, opens the request (open_reference_request) and sends the letter
(submit_reference). Each change is a conditional UPDATE of the referee's row, so a double click
or two tabs change it once; its email is rendered before (no lock waits for a template) and
written to the outbox in the transaction of the UPDATE (portal.mail.queue_all).
"""

import math
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.log_actions import log

from exchange import referee_emails
from exchange.choices import ApplicationStatus, RefereeStatus
from exchange.models import Referee
from exchange.models.referees import AWAITING, letter_deadline, takes_letters
from exchange.services.drafts import ApplicationError
from portal import private
from portal.mail import queue_all
from portal.uploads import save_checked_upload

Status = RefereeStatus
REMINDER_INTERVAL = timedelta(hours=48)
MAX_REMINDERS = 3
EXTRA_REFEREES = 2  # beyond the call's number: a spare, in case one cannot answer
MAX_REQUESTS = 12  # per application, replacements included: the form cannot become a mailer
DETAILS = ("name", "email", "institution", "position", "language")


class RefereeError(ApplicationError):
    """A request about a referee the rules refuse; str(error) is a message for the asker."""


NO_LONGER = _("This application no longer takes letters of recommendation.")
NOT_YOURS = _("This application is not yours.")


def _audit(application, event, *, by=None, referee, **data):
    log(
        instance=application,
        action=f"exchange.application.{event}",
        user=by,
        data={"referee": referee.pk, "name": referee.name, **data},
    )


def may_ask_referees(application, now=None):
    """Whether the applicant may ask, remind or replace referees now."""
    now = now or timezone.now()
    if application.status == ApplicationStatus.DRAFT:
        return now < letter_deadline(application)
    return takes_letters(application, now)


def _check_applicant(application, by, now):
    if application.applicant_id != by.pk:
        raise RefereeError(NOT_YOURS)
    if not may_ask_referees(application, now):
        raise RefereeError(NO_LONGER)


def _check_new_referee(application, details):
    if details["email"] == application.applicant.email.lower():
        raise RefereeError(_("You cannot be your own referee: ask someone who knows your work."))
    referees = list(Referee.objects.filter(application=application))  # fresh, not a prefetch
    if any(r.email == details["email"] and r.status != Status.REPLACED for r in referees):
        raise RefereeError(_("You have already asked this person for a letter."))
    current = sum(r.status != Status.REPLACED for r in referees)
    if current >= application.call.referees_required + EXTRA_REFEREES or (
        len(referees) >= MAX_REQUESTS
    ):
        raise RefereeError(_("You have asked as many referees as this call accepts."))


def _new_referee(application, details, now):
    """The request as it will be inserted (unsaved; its token is made now), and its email."""
    details = {name: details[name] for name in DETAILS}
    referee = Referee(application=application, requested_at=now, **details)
    return referee, referee_emails.request(referee)


def _create_referee(referee, email):
    """Insert the request and write its email; the caller holds the transaction."""
    try:
        with transaction.atomic():
            referee.save(force_insert=True)
    except IntegrityError:  # the same address, asked twice at the same moment
        raise RefereeError(_("You have already asked this person for a letter.")) from None
    queue_all(email)
    return referee


def _clean(details):
    return {**details, "email": details["email"].strip().lower()}


def request_reference(application, *, by, details, now=None):
    """Ask a referee for a letter: `details` holds name, email, institution, position and
    language (of the email and the referee's page).

    Preconditions: `by` owns the application, which takes requests now (may_ask_referees); the
    address is not the applicant's nor one already asked; fewer than the call's number plus
    EXTRA_REFEREES are asked, and fewer than MAX_REQUESTS were ever made. Side effects: the
    request email with the private link, in the referee's language; audit entry
    exchange.application.referee_requested. Raises RefereeError.
    """
    now = now or timezone.now()
    details = _clean(details)
    _check_applicant(application, by, now)
    _check_new_referee(application, details)
    referee, email = _new_referee(application, details, now)
    with transaction.atomic():
        _create_referee(referee, email)
        _audit(application, "referee_requested", by=by, referee=referee)
    return referee


def _hours_until(moment, now):
    return max(1, math.ceil((moment - now).total_seconds() / 3600))


def _refuse_reminder(referee, now):
    """Why `referee` cannot be reminded now (the conditional update found nothing to do)."""
    referee.refresh_from_db()
    if referee.status == Status.RECEIVED:
        return _("%(name)s has already sent the letter.") % {"name": referee.name}
    if not referee.is_awaiting:
        return _("%(name)s has been replaced: the request is closed.") % {"name": referee.name}
    if referee.reminders_sent >= MAX_REMINDERS:
        message = ngettext_lazy(
            "%(name)s has already been reminded %(count)s time, the most we send. If they "
            "cannot answer, replace them with another referee.",
            "%(name)s has already been reminded %(count)s times, the most we send. If they "
            "cannot answer, replace them with another referee.",
            MAX_REMINDERS,
        )
        return message % {"name": referee.name, "count": MAX_REMINDERS}
    hours = _hours_until(referee.last_emailed_at + REMINDER_INTERVAL, now)
    message = ngettext_lazy(
        "We wrote to %(name)s less than 48 hours ago. You can send a reminder in %(count)s hour.",
        "We wrote to %(name)s less than 48 hours ago. You can send a reminder in %(count)s hours.",
        hours,
    )
    return message % {"name": referee.name, "count": hours}


def remind_referee(referee, *, by, now=None):
    """Email the referee their request again.

    Preconditions: `by` owns the application, which takes requests now; the referee has not
    answered nor been replaced; they were last written to (request or reminder) at least
    REMINDER_INTERVAL ago; fewer than MAX_REMINDERS reminders were sent. Side effects: the
    reminder email in the referee's language; audit entry exchange.application.referee_reminded.
    Raises RefereeError saying which limit refused it and, for the interval, when to try again.
    """
    now = now or timezone.now()
    application = referee.application
    _check_applicant(application, by, now)
    cutoff = now - REMINDER_INTERVAL
    due = Q(last_reminded_at__isnull=True, requested_at__lte=cutoff) | Q(
        last_reminded_at__lte=cutoff
    )
    email = referee_emails.reminder(referee)
    with transaction.atomic():
        updated = (
            Referee.objects.filter(due, pk=referee.pk, status__in=AWAITING)
            .filter(reminders_sent__lt=MAX_REMINDERS)
            .update(reminders_sent=F("reminders_sent") + 1, last_reminded_at=now)
        )
        if updated:
            referee.refresh_from_db()
            queue_all(email)
            _audit(
                application,
                "referee_reminded",
                by=by,
                referee=referee,
                reminder=referee.reminders_sent,
            )
            return referee
    raise RefereeError(_refuse_reminder(referee, now))


def replace_referee(referee, *, by, details, now=None):
    """Replace a referee who has not sent a letter with another person (`details` as for
    request_reference).

    Preconditions: `by` owns the application, which takes requests now; the referee's letter
    has not been received and they were not already replaced; the new address passes the
    checks of request_reference. Side effects: the old request is closed (status replaced:
    its link answers 404 from now on); the new referee gets the request email in their
    language; audit entry exchange.application.referee_replaced naming both. Returns the new
    referee. Raises RefereeError.
    """
    now = now or timezone.now()
    application = referee.application
    details = _clean(details)
    _check_applicant(application, by, now)
    new, email = _new_referee(application, details, now)
    with transaction.atomic():
        closed = Referee.objects.filter(pk=referee.pk, status__in=AWAITING).update(
            status=Status.REPLACED, replaced_at=now
        )
        if not closed:
            referee.refresh_from_db()
            if referee.status == Status.RECEIVED:
                raise RefereeError(
                    _("%(name)s has already sent the letter: it can no longer be replaced.")
                    % {"name": referee.name}
                )
            raise RefereeError(_("This referee has already been replaced."))
        _check_new_referee(application, details)
        _create_referee(new, email)
        _audit(application, "referee_replaced", by=by, referee=referee, replacement=new.pk)
    return new


def open_reference_request(referee, *, now=None):
    """The referee opens their link for the first time: the request is marked opened.

    No precondition beyond the link working (the view found an awaiting request); a later
    visit changes nothing. Audit entry exchange.application.referee_opened, once.
    """
    now = now or timezone.now()
    opened = Referee.objects.filter(pk=referee.pk, status=Status.REQUESTED).update(
        status=Status.OPENED, opened_at=now
    )
    if opened:
        referee.status, referee.opened_at = Status.OPENED, now
        _audit(referee.application, "referee_opened", referee=referee)
    return referee


def _stored_letter(referee, letter):
    if letter is None:
        return {}
    path = save_checked_upload(letter, folder=f"referees/{referee.application_id}")
    return {
        "letter_path": path,
        "letter_name": letter.name,
        "letter_size": letter.size,
        "letter_pages": letter.pages,
    }


def submit_reference(referee, *, letter=None, answers=None, now=None):
    """The referee sends the letter: a PDF (`letter`, a portal.uploads.CheckedUpload) or the
    answers to the form (`answers`, a dict: exchange.models.referees.FORM_QUESTIONS).

    Preconditions: exactly one of the two; the request awaits its letter and the application
    still takes letters. Of two simultaneous submissions one is kept, the other refused (and
    its file deleted). Side effects: the link stops working; a receipt to the referee in
    their language and a note to the applicant in theirs (never the letter itself); audit
    entry exchange.application.reference_received. Raises RefereeError.
    """
    now = now or timezone.now()
    if (letter is None) == (answers is None):
        raise ValueError("Give either a letter file or the form's answers.")
    if not takes_letters(referee.application, now):
        raise RefereeError(_("Letters for this application are no longer accepted."))
    stored = _stored_letter(referee, letter)
    kind = "file" if letter is not None else "form"
    emails = referee_emails.received(referee)
    with transaction.atomic():
        received = Referee.objects.filter(pk=referee.pk, status__in=AWAITING).update(
            status=Status.RECEIVED, letter_received_at=now, form_answers=answers or {}, **stored
        )
        if received:
            referee.refresh_from_db()
            queue_all(emails)
            _audit(referee.application, "reference_received", referee=referee, kind=kind)
            return referee
    if stored:
        private.private_storage().delete(stored["letter_path"])
    raise RefereeError(_("Your letter has already been received. Thank you."))
