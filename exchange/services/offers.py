"""Offers (DESIGN §4: decided → offer accepted | declined | lapsed, reserve promoted).

A selected applicant accepts or declines the place until its offer deadline; an offer left
unanswered lapses (a periodic job). A declined or lapsed offer frees its place, and the best
reserve (lowest rank) is offered it at once, with the call's reserve_response_days to answer:
one promotion per freed place. The promotion locks the call's reserve rows, so two declines at
the same moment promote two different reserves, never the same one twice.

Emails are rendered before the locks are taken and written in the transaction of the change
(exchange.decision_emails).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange import decision_emails, letters
from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.services.decisions import HOLDING_A_PLACE
from exchange.services.drafts import ApplicationError
from portal.mail import queue_all

Status = ApplicationStatus
MAX_REASON = 2000


def _check_answerable(application, by, now):
    if application.applicant_id != by.pk:
        raise ApplicationError(_("This application is not yours."))
    if application.status != Status.SELECTED or application.decision_released_at is None:
        raise ApplicationError(_("No place is offered to you on this application."))
    if application.offer_deadline is None or now >= application.offer_deadline:
        raise ApplicationError(_("The deadline to answer this offer has passed."))


def _answer(application, *, by, status, event, now, reason="", data=None, emails=()):
    """Lock, check, record the answer, audit, write the prepared emails."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_answerable(application, by, now)
    application.status = status
    application.offer_answered_at = now
    application.decline_reason = reason
    application.save(update_fields=["status", "offer_answered_at", "decline_reason"])
    log(instance=application, action=f"exchange.application.{event}", user=by, data=data or {})
    queue_all(emails)
    return application


def _prepared(application, status, event, **context):
    """The application read before the lock, as `status` makes it, and its emails rendered."""
    application = Application.objects.select_related("call", "applicant").get(pk=application.pk)
    application.status = status
    return application, [
        decision_emails.to_applicant(application, event, **context),
        *decision_emails.to_coordinators(application, event.removeprefix("offer_"), **context),
    ]


def accept_offer(application, *, by, now=None):
    """The selected applicant `by` accepts the place offered.

    Preconditions: `by` owns the application, it is selected and released, and its offer
    deadline has not passed. Sets offer_answered_at; audit entry
    exchange.application.offer_accepted; emails the applicant a confirmation and tells the
    coordinators. Raises ApplicationError.
    """
    now = now or timezone.now()
    _read, emails = _prepared(application, Status.OFFER_ACCEPTED, "offer_accepted")
    with transaction.atomic():
        return _answer(
            application,
            by=by,
            status=Status.OFFER_ACCEPTED,
            event="offer_accepted",
            now=now,
            emails=emails,
        )


def decline_offer(application, *, by, reason="", now=None):
    """The selected applicant `by` declines the place offered, with an optional `reason`.

    Preconditions as accept_offer. Keeps the reason (decline_reason); audit entry
    exchange.application.offer_declined; emails the applicant and the coordinators (with the
    reason); the freed place goes to the best reserve (promote_reserve) in the same
    transaction. Raises ApplicationError.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()[:MAX_REASON]
    read, emails = _prepared(application, Status.OFFER_DECLINED, "offer_declined", reason=reason)
    promotion = prepare_promotion(read.call, now)
    with transaction.atomic():
        declined = _answer(
            application,
            by=by,
            status=Status.OFFER_DECLINED,
            event="offer_declined",
            now=now,
            reason=reason,
            data={"reason": reason},
            emails=emails,
        )
        promote_reserve(declined.call, now=now, prepared=promotion)
    return declined


def _due_to_lapse(now):
    return Application.objects.filter(
        status=Status.SELECTED, decision_released_at__isnull=False, offer_deadline__lte=now
    )


def lapse_offers(now=None):
    """Periodic: every released offer whose deadline has passed without an answer lapses.

    Each in its own transaction, skipping a row another worker holds; audit entry
    exchange.application.offer_lapsed; the applicant and the coordinators are told; the place
    goes to the best reserve. Returns the number lapsed.
    """
    now = now or timezone.now()
    pks = list(_due_to_lapse(now).order_by("offer_deadline", "pk").values_list("pk", flat=True))
    return sum(_lapse_one(pk, now) for pk in pks)


def _lapse_one(pk, now):
    read, emails = _prepared(Application(pk=pk), Status.OFFER_LAPSED, "offer_lapsed")
    promotion = prepare_promotion(read.call, now)
    with transaction.atomic():
        application = _due_to_lapse(now).select_for_update(skip_locked=True).filter(pk=pk).first()
        if application is None:  # answered in time, or being lapsed by another worker
            return 0
        application.status = Status.OFFER_LAPSED
        application.save(update_fields=["status"])
        log(instance=application, action="exchange.application.offer_lapsed")
        queue_all(emails)
        promote_reserve(application.call, now=now, prepared=promotion)
    return 1


def _reserves(call):
    """The call's reserve list, first to be offered a place first."""
    return Application.objects.filter(call=call, status=Status.RESERVE).order_by(
        "reserve_rank", "pk"
    )


def _as_promoted(application, now):
    """`application` (unsaved) as it reads once offered the place, with its emails and letter."""
    application.status = Status.SELECTED
    application.offer_deadline = now + timedelta(days=application.call.reserve_response_days)
    application.decision_released_at = application.decision_released_at or now
    details = letters.letter_details(application, released_at=application.decision_released_at)
    return application, decision_emails.promotion(application), details


def prepare_promotion(call, now):
    """The best reserve of `call` as it reads once promoted, with its emails and letter
    rendered (before any lock), or None when the call has no reserve."""
    candidate = _reserves(call).select_related("call", "applicant").first()
    return None if candidate is None else (candidate.pk, _as_promoted(candidate, now))


def promote_reserve(call, *, now=None, by=None, prepared=None):
    """Offer a freed place of `call` to its best reserve (lowest rank first).

    Precondition: a place is free (fewer applications selected or accepted than the call's
    places: a call the committee over-selected on purpose promotes nobody until it is back
    under); else nothing happens. Locks the call's reserve rows, so simultaneous calls promote
    different reserves. The reserve becomes selected and released at once, with
    reserve_response_days to answer; its reserve letter is replaced by a selection letter; audit
    entry exchange.application.promoted; the reserve and the coordinators are emailed.
    `prepared` is prepare_promotion(call, now), when the caller rendered it before taking its
    own locks. Returns the promoted application, or None.
    """
    now = now or timezone.now()
    if prepared is None:
        prepared = prepare_promotion(call, now)  # rendered before the lock
    if prepared is None:
        return None
    candidate_pk, promotion = prepared
    with transaction.atomic():
        reserves = list(_reserves(call).select_for_update())
        held = Application.objects.filter(call=call, status__in=HOLDING_A_PLACE).count()
        if not reserves or held >= call.places:
            return None
        chosen = reserves[0]
        if chosen.pk != candidate_pk:  # a simultaneous promotion took the candidate: rare
            fresh = Application.objects.select_related("call", "applicant").get(pk=chosen.pk)
            promotion = _as_promoted(fresh, now)
        return _promote(chosen, *promotion, now=now, by=by)


def _promote(chosen, promoted, emails, details, *, now, by):
    chosen.status = Status.SELECTED
    chosen.offer_deadline = promoted.offer_deadline
    chosen.decision_released_at = promoted.decision_released_at
    chosen.offer_answered_at = None
    chosen.save(
        update_fields=["status", "offer_deadline", "decision_released_at", "offer_answered_at"]
    )
    letters.replace_decision_letter(
        chosen, details=details, reason="Promoted from the reserve list to a place", by=by
    )
    log(
        instance=chosen,
        action="exchange.application.promoted",
        user=by,
        data={
            "reserve_rank": chosen.reserve_rank,
            "offer_deadline": chosen.offer_deadline.isoformat(),
        },
    )
    queue_all(emails)
    return chosen
