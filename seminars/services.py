"""Every change of a registration's state (DESIGN §4 "Registration").

Each service checks its precondition (raising RegistrationError with a translatable message),
changes state in one transaction under a lock on the seminar row, writes an audit entry and
queues the email to the attendee through the outbox on commit.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from portal import ratelimit
from portal.workflow import DomainError
from seminars import notifications
from seminars.choices import SEAT_HOLDING, RegistrationStatus
from seminars.models import Registration, SeminarPage, SessionAttendance
from seminars.models.registrations import EDITABLE_DETAILS, WAITING_ORDER

Status = RegistrationStatus


# Who is told of a change to the seminar, or of its cancellation (and cancelled with it).
WAITING_OR_EXPECTED = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)
# Who may be checked in: a confirmed attendee, or one marked absent who turns up late.
CHECK_IN_FROM = (Status.CONFIRMED, Status.NO_SHOW)
DETAILS_SETTLED = _("These details can no longer be changed. Please contact the organisers.")


class RegistrationError(DomainError):
    """A request the rules refuse; str(error) is a message for the person who asked."""


class AlreadyRegistered(RegistrationError):
    def __init__(self, registration):
        super().__init__(
            _("You are already registered for this seminar: your private link is on its way again.")
        )
        self.registration = registration


def lock_seminar(seminar):
    """Lock the canonical seminar row: seat checks and inserts are serialised per seminar."""
    return SeminarPage.objects.select_for_update().get(pk=seminar.canonical.pk)


def seats_taken(seminar, mode):
    return Registration.objects.filter(seminar=seminar, mode=mode, status__in=SEAT_HOLDING).count()


def has_free_seat(seminar, mode):
    return seats_taken(seminar, mode) < seminar.capacity(mode)


def waiting_list(seminar, mode):
    """The waitlisted registrations of `mode`, first to be promoted first."""
    return Registration.objects.filter(
        seminar=seminar, mode=mode, status=Status.WAITLISTED
    ).order_by(*WAITING_ORDER)


def seat_available(seminar, mode):
    """A newcomer may take a seat: one is free and no one is waiting for it (the people
    waiting are promoted first, so a newcomer never overtakes them)."""
    return has_free_seat(seminar, mode) and not waiting_list(seminar, mode).exists()


def _set_status(registration, status, *, by=None, action, data=None):
    registration.status = status
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    log(instance=registration, action=action, user=by, data=data or {})


def register_for_seminar(seminar, *, details, language, now=None):
    """Register someone (no account needed) for `seminar` in `details["mode"]`.

    Confirmed if a seat is available (free, and no one waiting for it), waitlisted if not,
    pending when the seminar needs approval; the email sent (in `language`) carries the private
    link. Raises RegistrationError when registration is closed or the mode is not offered, and
    AlreadyRegistered for a second registration with the same email, after emailing the
    existing private link again (at most REGISTRATION_RATE_LIMITS["link_resent"] times an hour
    per address, so the form cannot be used to flood someone's inbox).
    """
    with transaction.atomic():
        seminar = lock_seminar(seminar)
        _check_registration_open(seminar, details["mode"], now)
        existing = (
            Registration.objects.active()
            .filter(seminar=seminar, email__iexact=details["email"])
            .first()
        )
        if existing is None:
            return _create_registration(seminar, details, language)
    # Outside the block that raises, so the email is not rolled back with it.
    limit = settings.REGISTRATION_RATE_LIMITS["link_resent"]
    if ratelimit.take("seminars.link_resent", existing.email, limit):
        notifications.send(existing, "link_resent")
    raise AlreadyRegistered(existing)


def _check_registration_open(seminar, mode, now):
    if seminar.is_cancelled:
        raise RegistrationError(_("This seminar is cancelled: it takes no registrations."))
    if not seminar.registration_is_open(now):
        raise RegistrationError(_("Registration for this seminar is closed."))
    if mode not in seminar.modes or seminar.capacity(mode) == 0:
        raise RegistrationError(_("This seminar takes no registrations for that attendance mode."))


def _create_registration(seminar, details, language):
    """Insert the row under the seminar lock held by the caller; email the attendee."""
    mode = details["mode"]
    if seminar.requires_approval:
        status = Status.PENDING
    elif seat_available(seminar, mode):
        status = Status.CONFIRMED
    else:
        status = Status.WAITLISTED
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                seminar=seminar,
                status=status,
                language=language,
                consented_at=timezone.now(),
                **{**details, "email": details["email"].strip().lower()},
            )
    except IntegrityError as exc:  # the same email, in a race the lock did not cover
        raise RegistrationError(_("You are already registered for this seminar.")) from exc
    log(instance=registration, action=f"seminars.registration.{status}", data={"mode": mode})
    notifications.send(registration, {Status.PENDING: "received"}.get(status, str(status)))
    return registration


def update_registration_details(registration, details, *, by=None):
    """The attendee corrects their details (EDITABLE_DETAILS; not the email).

    Allowed while Registration.details_editable(); else RegistrationError. Writes the audit
    entry seminars.registration.details_changed naming the fields changed (not their values).
    """
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("seminar")
            .get(pk=registration.pk)
        )
        if not registration.details_editable():
            raise RegistrationError(DETAILS_SETTLED)
        changed = [
            name
            for name in EDITABLE_DETAILS
            if name in details and getattr(registration, name) != details[name]
        ]
        if changed:
            for name in changed:
                setattr(registration, name, details[name])
            registration.save(update_fields=changed)
            log(
                instance=registration,
                action="seminars.registration.details_changed",
                user=by,
                data={"fields": changed},
            )
    return registration


def email_registration(registration, *, seminar, subject, message, by):
    """An organiser's message to one attendee (in their language), with an audit entry."""
    with transaction.atomic():
        notifications.send_organiser_message(
            registration, seminar=seminar, subject=subject, message=message, reply_to=by.email
        )
        log(
            instance=registration,
            action="seminars.registration.emailed",
            user=by,
            data={"subject": subject},
        )


def approve_registration(registration, *, by):
    """Organiser approves a pending registration: confirmed if a seat is free and no one is
    waiting for that mode, else waitlisted (behind those already waiting)."""
    with transaction.atomic():
        seminar = lock_seminar(registration.seminar)
        registration.refresh_from_db()
        if registration.status != Status.PENDING:
            raise RegistrationError(_("Only a pending registration can be approved."))
        status = (
            Status.CONFIRMED if seat_available(seminar, registration.mode) else Status.WAITLISTED
        )
        _set_status(registration, status, by=by, action=f"seminars.registration.{status}")
        notifications.send(registration, str(status))
    return registration


def decline_registration(registration, *, by):
    """Organiser declines a pending or waitlisted registration (it held no seat).

    Raises RegistrationError for any other status.
    """
    with transaction.atomic():
        lock_seminar(registration.seminar)
        registration.refresh_from_db()
        if registration.status not in (Status.PENDING, Status.WAITLISTED):
            raise RegistrationError(_("Only a pending or waitlisted registration can be declined."))
        _set_status(registration, Status.DECLINED, by=by, action="seminars.registration.declined")
        notifications.send(registration, "declined")
    return registration


def cancel_registration(registration, *, by=None):
    """The attendee (by=None) or an organiser cancels; a freed seat goes to the waiting list."""
    with transaction.atomic():
        seminar = lock_seminar(registration.seminar)
        registration.refresh_from_db()
        if not registration.is_active or registration.status in (Status.ATTENDED, Status.NO_SHOW):
            raise RegistrationError(_("This registration can no longer be cancelled."))
        held_seat = registration.status in SEAT_HOLDING
        _set_status(registration, Status.CANCELLED, by=by, action="seminars.registration.cancelled")
        notifications.send(registration, "cancelled")
        if held_seat:
            promote_waitlist(seminar, registration.mode)
    return registration


def promote_waitlist(seminar, mode, *, by=None):
    """Confirm the earliest waitlisted registrations while seats are free; call under the lock.

    Returns the promoted registrations (each is emailed).
    """
    free = seminar.capacity(mode) - seats_taken(seminar, mode)
    if free <= 0:
        return []
    promoted = list(waiting_list(seminar, mode)[:free])
    for registration in promoted:
        _set_status(registration, Status.CONFIRMED, by=by, action="seminars.registration.promoted")
        notifications.send(registration, "promoted")
    return promoted


def promote_waiting_lists(seminar, *, by=None):
    """Fill every free seat of `seminar` from its waiting lists, mode by mode, in order.

    Called when seats were added (capacity raised in a published revision). No precondition:
    without free seats or people waiting nothing happens. Takes the seminar lock; each person
    promoted gets an audit entry and the "promoted" email. Returns the promoted registrations.
    """
    with transaction.atomic():
        seminar = lock_seminar(seminar)
        return [
            registration
            for mode in seminar.modes
            for registration in promote_waitlist(seminar, mode, by=by)
        ]


def promote_registration(registration, *, by):
    """Organiser confirms a waitlisted person out of turn (only if a seat is free)."""
    with transaction.atomic():
        seminar = lock_seminar(registration.seminar)
        registration.refresh_from_db()
        if registration.status != Status.WAITLISTED:
            raise RegistrationError(_("Only a waitlisted registration can be promoted."))
        if not has_free_seat(seminar, registration.mode):
            raise RegistrationError(_("No seat is free in this attendance mode."))
        _set_status(registration, Status.CONFIRMED, by=by, action="seminars.registration.promoted")
        notifications.send(registration, "promoted")
    return registration


class AlreadyCheckedIn(RegistrationError):
    """A second check-in at the same door; `checked_in_at` says when the first one was."""

    def __init__(self, registration, checked_in_at):
        super().__init__(_("Already checked in."))
        self.registration = registration
        self.checked_in_at = checked_in_at


def check_in_registration(registration, *, by, session=None, now=None):
    """Record arrival: confirmed (or a no-show who turns up late) becomes attended.

    With `session` (a session of the registration's seminar), presence at that session alone is
    recorded; an attendee already checked in may be checked in to the seminar's other sessions.
    Without it, presence at the whole seminar is recorded: every session of the programme (the
    door of a one-session seminar, or "mark attended" from a sign-in sheet after the event).
    Credit hours follow the sessions recorded. Raises AlreadyCheckedIn when nothing is new.
    """
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if session is not None and session.seminar_id != registration.seminar_id:
            raise RegistrationError(_("This session belongs to another seminar."))
        attended = registration.status == Status.ATTENDED
        if not attended and registration.status not in CHECK_IN_FROM:
            raise RegistrationError(_("Only a confirmed registration can be checked in."))
        sessions = [session] if session else list(registration.seminar.sessions.all())
        recorded = set(registration.attendances.values_list("session_id", flat=True))
        new = [item for item in sessions if item.pk not in recorded]
        if attended and (session is None or not new):
            first = registration.attendances.filter(session=session).first() if session else None
            raise AlreadyCheckedIn(
                registration, first.checked_in_at if first else registration.checked_in_at
            )
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(registration=registration, session=item, checked_in_at=now)
                for item in new
            ]
        )
        data = {"session": session.title} if session else {}
        if attended:
            action = "seminars.registration.session_attended"
            log(instance=registration, action=action, user=by, data=data)
        else:
            registration.checked_in_at = now
            registration.save(update_fields=["checked_in_at"])
            action = "seminars.registration.attended"
            _set_status(registration, Status.ATTENDED, by=by, action=action, data=data)
    return registration


def mark_no_show(registration, *, by):
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Status.CONFIRMED:
            raise RegistrationError(_("Only a confirmed registration can be marked as absent."))
        _set_status(registration, Status.NO_SHOW, by=by, action="seminars.registration.no_show")
    return registration


def change_attendance_mode(registration, mode):
    """The attendee switches between on site and online.

    Preconditions: the registration is pending, confirmed or waitlisted and the seminar takes
    registrations in `mode`; a confirmed attendee keeps the place only if a seat is available
    in `mode` (free, and no one waiting for it). A waitlisted attendee is confirmed when a seat
    is available in `mode`, else waits there. Side effects: audit entry mode_changed (and
    confirmed); a seat left behind goes to the old mode's waiting list; the attendee gets the
    "mode_changed" email with the new mode and status. Raises RegistrationError.
    """
    with transaction.atomic():
        seminar = lock_seminar(registration.seminar)
        registration.refresh_from_db()
        _check_mode_change(seminar, registration, mode)
        if mode == registration.mode:
            return registration
        confirm = registration.status == Status.WAITLISTED and seat_available(seminar, mode)
        old_mode, held_seat = registration.mode, registration.status in SEAT_HOLDING
        registration.mode = mode
        registration.save(update_fields=["mode"])
        log(
            instance=registration,
            action="seminars.registration.mode_changed",
            data={"from": old_mode, "to": mode},
        )
        if confirm:
            _set_status(registration, Status.CONFIRMED, action="seminars.registration.confirmed")
        notifications.send(registration, "mode_changed")
        if held_seat:
            promote_waitlist(seminar, old_mode)
    return registration


def notify_seminar_changed(seminar, *, by=None):
    """Tell every registrant of a published change to the seminar's date, time or place.

    Compares the schedule (SeminarPage.schedule()) with the one attendees were last told of
    (notified_schedule, first recorded on publication). When they differ, under the seminar
    lock: records the new schedule, raises the calendar SEQUENCE, writes the audit entry
    seminars.seminar.changed and emails each pending, confirmed or waitlisted registrant in
    their language (before and after, with the updated calendar file). Calling it again
    sends nothing; a cancelled seminar tells no one. Returns the names of the changed fields.
    """
    with transaction.atomic():
        seminar = lock_seminar(seminar)
        told, schedule = seminar.notified_schedule, seminar.schedule()
        changed = [name for name, value in schedule.items() if told.get(name) != value]
        if not changed or seminar.is_cancelled:
            return []
        SeminarPage.objects.filter(pk=seminar.pk).update(
            notified_schedule=schedule, sequence=F("sequence") + 1
        )
        if not told:  # its first publication: no one has registered yet
            return []
        log(instance=seminar, action="seminars.seminar.changed", user=by, data={"fields": changed})
        changes = notifications.describe_changes(told, schedule)
        registrations = Registration.objects.filter(
            seminar=seminar, status__in=WAITING_OR_EXPECTED
        ).select_related("seminar")
        for registration in registrations:
            notifications.send(registration, "seminar_changed", changes=changes)
    return changed


def cancel_seminar(seminar, *, by, message):
    """The organisers cancel `seminar`, telling registrants why (`message`).

    Refused (RegistrationError) when it is already cancelled or over. Under the seminar lock:
    records the cancellation (registration closes; the page and the calendars say so) and
    raises the calendar SEQUENCE; cancels each pending, confirmed or waitlisted registration
    (audit entry seminars.registration.cancelled, no one promoted) and emails each registrant
    once with `message` and a cancelling calendar file; writes seminars.seminar.cancelled.
    Returns the cancelled registrations.
    """
    with transaction.atomic():
        seminar = lock_seminar(seminar)
        if seminar.is_cancelled:
            raise RegistrationError(_("This seminar is already cancelled."))
        if seminar.ends_at <= timezone.now():
            raise RegistrationError(_("A seminar that is over can no longer be cancelled."))
        # Every language's page says so (listings read it without a query per seminar).
        SeminarPage.objects.filter(translation_key=seminar.translation_key).update(
            cancelled_at=timezone.now(), cancellation_message=message, sequence=F("sequence") + 1
        )
        registrations = list(
            Registration.objects.filter(seminar=seminar, status__in=WAITING_OR_EXPECTED)
            .select_related("seminar")
            .order_by("pk")
        )
        action, data = "seminars.registration.cancelled", {"seminar_cancelled": True}
        for registration in registrations:
            _set_status(registration, Status.CANCELLED, by=by, action=action, data=data)
            notifications.send(registration, "seminar_cancelled", message=message)
        data = {"message": message, "registrations": len(registrations)}
        log(instance=seminar, action="seminars.seminar.cancelled", user=by, data=data)
    return registrations


def _check_mode_change(seminar, registration, mode):
    if registration.status not in (Status.CONFIRMED, Status.PENDING, Status.WAITLISTED):
        raise RegistrationError(_("This registration can no longer be changed."))
    if mode == registration.mode:
        return
    if mode not in seminar.modes or seminar.capacity(mode) == 0:
        raise RegistrationError(_("This seminar takes no registrations for that attendance mode."))
    if registration.status == Status.CONFIRMED and not seat_available(seminar, mode):
        raise RegistrationError(_("No seat is free in that attendance mode."))
