from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import tokens
from seminars.choices import ACTIVE, AttendanceMode, Profession, RegistrationStatus


# The fields' defaults (named in migrations): portal.tokens makes every token and code.
def new_token():
    return tokens.new_token()


# The code is also read out or typed at the desk when a scan fails (no 0/O or 1/I).
CHECKIN_CODE_LENGTH = tokens.CODE_LENGTH


def new_checkin_code():
    return tokens.new_code()


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)


class SentReminder(models.Model):
    """One row per reminder sent: the unique constraint makes each reminder go out once."""

    registration = models.ForeignKey(
        "seminars.Registration", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=8)  # "days" or "hours": which lead time
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self):
        return f"{self.kind} reminder · {self.registration_id}"


# What the attendee may correct on their private page; the email is how they are known.
EDITABLE_DETAILS = (
    "full_name",
    "institution",
    "department",
    "profession",
    "country",
    "dietary_needs",
    "accessibility_needs",
    "language",
)


# The order of a waiting list: first come, first promoted.
WAITING_ORDER = ("created_at", "pk")


class Registration(models.Model):
    """One person's registration for one seminar. No account: the token is the key.

    Every status change goes through seminars.services; the seminar is always the canonical
    (first-created) page of its translations, so all languages share one set of seats.
    """

    # PROTECT: deleting a seminar (or a page above it) must never take its registrations, their
    # audit history and certificates with it; unpublish the page instead.
    seminar = models.ForeignKey(
        "seminars.SeminarPage",
        verbose_name=_("seminar"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # What the badge's QR code carries: it only checks in at the desk and opens no page, so a
    # photo of a badge cannot cancel or change the registration as the token would.
    checkin_code = models.CharField(
        _("check-in code"),
        max_length=CHECKIN_CODE_LENGTH,
        unique=True,
        default=new_checkin_code,
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    mode = models.CharField(
        _("attendance"),
        max_length=8,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ONSITE,
    )
    full_name = models.CharField(
        _("full name"), max_length=200, help_text=_("As it should appear on your certificate.")
    )
    email = models.EmailField(_("email"))
    institution = models.CharField(_("institution"), max_length=200)
    department = models.CharField(_("department"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=24, choices=Profession.choices)
    country = models.CharField(_("country"), max_length=100)
    dietary_needs = models.CharField(_("dietary needs"), max_length=200, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=200, blank=True)
    language = models.CharField(
        _("language for emails"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consented_at = models.DateTimeField(_("privacy notice accepted"))
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "seminar",
                Lower("email"),
                condition=Q(status__in=[str(status) for status in ACTIVE]),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [
            models.Index(fields=["seminar", "status", "mode"], name="registration_seats_idx"),
            # The organisers' listing, newest first, filtered by status or by seminar: walked
            # in order with LIMIT instead of sorting every matching row (100k rows: 213 → 125 ms).
            models.Index(
                fields=["status", "-created_at", "-id"], name="registration_status_new_idx"
            ),
            models.Index(
                fields=["seminar", "-created_at", "-id"], name="registration_seminar_new_idx"
            ),
        ]

    def __str__(self):
        # The admin listing annotates the seminar's title in the organiser's language.
        return f"{self.full_name} · {getattr(self, 'seminar_title', None) or self.seminar}"

    @property
    def is_active(self):
        return self.status in ACTIVE

    def details_editable(self, now=None):
        """The attendee may still correct their details: while the registration stands and
        until the seminar is over (then the name on the certificate is settled)."""
        return self.status in (*ACTIVE, RegistrationStatus.ATTENDED) and self.seminar.ends_at > (
            now or timezone.now()
        )

    def waitlist_position(self):
        """1 for the next person promoted in this mode, 2 for the one after…; None unless
        waitlisted."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk),
            seminar_id=self.seminar_id,
            mode=self.mode,
            status=RegistrationStatus.WAITLISTED,
        )
        return ahead.count() + 1

    @property
    def can_see_join_link(self):
        return self.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


class SessionAttendance(models.Model):
    """A registration's presence at one session of its seminar, recorded at check-in.

    Credit hours on the certificate are the sum of the hours of these sessions. Rows point at
    the sessions of the canonical page (the one registrations belong to). Publishing the page
    keeps its sessions' ids, so attendance survives edits; deleting a session from the
    programme deletes its attendance with it.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(
        "seminars.SeminarSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.registration_id} · {self.session}"
