"""The committee's decisions and their release (DESIGN §4: in review → decided, visible to the
applicant only from the release date).

A coordinator decides from the ranking while the application is in review, and may change the
decision until it is released: selected, on the reserve list at a rank (ranks are unique per
call and kept contiguous: a rank given pushes the others down, one leaving closes the gap), or
not selected. Nothing of it reaches the applicant before the release: no email, no status on
the dashboard (Application.applicant_status follows decision_released_at), no letter.

The release (a periodic job once the call's decision_release_at has passed) publishes each
decided application in a transaction of its own: released time, offer deadline, decision
letter, audit entry and email commit together or not at all, and an application already
released (or being released by another worker) is skipped, so a release that crashed half-way
and is run again sends nobody a second email and skips nobody.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from exchange import decision_emails, letters
from exchange.choices import DECIDED, ApplicationStatus
from exchange.models import Application, ProgrammePage
from exchange.services.drafts import ApplicationError
from portal.mail import queue_all

Status = ApplicationStatus
OUTCOMES = DECIDED
# Where a selection still holds its place (for "select the top N" and reserve promotion).
HOLDING_A_PLACE = (Status.SELECTED, Status.OFFER_ACCEPTED)


def _lock_call(call_id):
    """Decisions of one call are taken one at a time: reserve ranks are renumbered across
    its applications."""
    return ProgrammePage.objects.select_for_update(of=("self",)).get(pk=call_id)


def _check_decidable(application, outcome):
    if outcome not in OUTCOMES:
        raise ApplicationError(_("Choose selected, reserve list or not selected."))
    if application.decision_released_at is not None:
        raise ApplicationError(_("This decision is released: it can no longer be changed."))
    if application.status not in (Status.IN_REVIEW, *DECIDED):
        raise ApplicationError(_("Only an application in review can be decided."))


def decide_application(application, *, by, outcome, note="", reserve_rank=None, now=None):
    """Decide `application`: `outcome` is selected, reserve (at `reserve_rank`, or last when
    None) or not_selected, with the committee's `note`.

    Preconditions: the application is in review, or decided and not yet released. Renumbers
    the call's unreleased reserve list (ranks stay unique and contiguous, after those already
    released). Sets decided_at; audit entry exchange.application.decided. No email: the
    applicant hears of it at the release. Raises ApplicationError.
    """
    with transaction.atomic():
        _lock_call(application.call_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        _check_decidable(application, outcome)
        previous = (application.status, application.reserve_rank)
        application.status = outcome
        application.decision_note = (note or "").strip()
        application.decided_at = now or timezone.now()
        application.reserve_rank = None
        application.save(update_fields=["status", "decision_note", "decided_at", "reserve_rank"])
        _renumber_reserves(application, reserve_rank)
        log(
            instance=application,
            action="exchange.application.decided",
            user=by,
            data={
                "outcome": str(outcome),
                "reserve_rank": application.reserve_rank,
                "previous": str(previous[0]),
            },
        )
    return application


def _renumber_reserves(application, wanted):
    """Ranks 1, 2, 3… for the call's unreleased reserves, after the highest rank already
    released (those were told their rank), with `application` at `wanted` if it is a reserve.
    Ranks are cleared before they are given again, so the unique constraint holds at every
    step."""
    call_id = application.call_id
    released = Application.objects.filter(call_id=call_id, decision_released_at__isnull=False)
    offset = released.aggregate(highest=Max("reserve_rank"))["highest"] or 0
    pending = list(
        Application.objects.filter(
            call_id=call_id, status=Status.RESERVE, decision_released_at__isnull=True
        )
        .exclude(pk=application.pk)
        .order_by("reserve_rank", "pk")
    )
    if application.status == Status.RESERVE:
        position = len(pending) if wanted is None else max(int(wanted) - offset - 1, 0)
        pending.insert(min(position, len(pending)), application)
    Application.objects.filter(pk__in=[row.pk for row in pending]).update(reserve_rank=None)
    for rank, row in enumerate(pending, start=offset + 1):
        Application.objects.filter(pk=row.pk).update(reserve_rank=rank)
        row.reserve_rank = rank


def select_top(call, *, by, ranking_rows=None):
    """Select the best applications still in review, in ranking order, until the call's
    `places` are held; those without a counting review are left to the committee.

    Returns the applications selected (each through decide_application). Nothing when every
    place is already held."""
    from exchange.ranking import ranking

    held = Application.objects.filter(call=call, status__in=HOLDING_A_PLACE).count()
    free = max(call.places - held, 0)
    rows = ranking_rows if ranking_rows is not None else ranking(call)
    chosen = [row for row in rows if row.status == Status.IN_REVIEW and row.review_count][:free]
    return [decide_application(row, by=by, outcome=Status.SELECTED) for row in chosen]


# The release.


def offer_deadline_for(call, now):
    """The call's offer deadline, but never less than a reserve's time to answer from now (a
    decision released late must not lapse as soon as it is known)."""
    return max(call.offer_deadline, now + timedelta(days=call.reserve_response_days))


def _unreleased(call):
    return Application.objects.filter(
        call=call, status__in=DECIDED, decision_released_at__isnull=True
    )


def release_decisions(call, *, now=None):
    """Release every decided, unreleased application of `call` (its canonical page).

    Precondition: the call's decision_release_at has passed; else ApplicationError. Each
    application in its own transaction (see _release_one). Idempotent: a second run releases
    nothing more and sends nothing. Returns the number released now.
    """
    now = now or timezone.now()
    if now < call.decision_release_at:
        raise ApplicationError(_("The decisions of this call are not to be released yet."))
    pks = list(_unreleased(call).order_by("pk").values_list("pk", flat=True))
    return sum(_release_one(pk, now) for pk in pks)


def _prepared(pk, now):
    """The application as it will be released, with its email and letter rendered: before any
    lock is taken."""
    application = Application.objects.select_related("call", "applicant").get(pk=pk)
    if application.decision_released_at is not None or application.status not in DECIDED:
        return None, None, None
    if application.status == Status.SELECTED:
        application.offer_deadline = offer_deadline_for(application.call, now)
    details = letters.letter_details(application, released_at=now)
    return application, decision_emails.decision(application), details


def _release_one(pk, now):
    """Release one application, or skip it: already released, being released by another
    worker (its row is locked: skip_locked on PostgreSQL; SQLite's writers queue and then find
    it released), or changed since it was prepared (prepared again once). Returns 1 or 0."""
    for _attempt in range(2):
        prepared, email, details = _prepared(pk, now)
        if prepared is None:
            return 0
        with transaction.atomic():
            application = (
                Application.objects.select_for_update(skip_locked=True)
                .filter(
                    pk=pk,
                    decision_released_at__isnull=True,
                    status=prepared.status,
                    reserve_rank=prepared.reserve_rank,
                )
                .first()
            )
            if application is None:
                continue
            _publish(application, prepared, email, details, now)
            return 1
    return 0


def _publish(application, prepared, email, details, now):
    application.decision_released_at = now
    application.offer_deadline = prepared.offer_deadline
    application.save(update_fields=["decision_released_at", "offer_deadline"])
    document = letters.issue_decision_letter(application, details=details)
    log(
        instance=application,
        action="exchange.application.decision_released",
        data={"outcome": str(application.status), "letter": document.code},
    )
    queue_all(email)


def calls_due_for_release(now=None):
    """The calls whose release date has passed with decided applications still unreleased."""
    now = now or timezone.now()
    due = Application.objects.filter(
        status__in=DECIDED, decision_released_at__isnull=True, call__decision_release_at__lte=now
    )
    return ProgrammePage.objects.filter(pk__in=due.values("call")).order_by("pk")


def release_due_decisions(now=None):
    """Periodic: release the decisions of every call whose release date has passed (a decision
    taken after that date goes out at the next run). Returns the number released."""
    now = now or timezone.now()
    return sum(release_decisions(call, now=now) for call in calls_due_for_release(now))
