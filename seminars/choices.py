from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.choices import Discipline, Profession  # noqa: F401  (shared with the programmes)
from portal.timezones import PARTNER_TIME_ZONE_CHOICES


class SeminarFormat(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


class AttendanceMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")


class SessionType(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    MDT = "mdt", _("MDT case discussion")
    WORKSHOP = "workshop", _("Workshop")
    PANEL = "panel", _("Panel discussion")
    BREAK = "break", _("Break")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not attend")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined")


# A seat is held by these statuses; "active" registrations also include the queues.
SEAT_HOLDING = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
ACTIVE = (*SEAT_HOLDING, RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED)

# Where a seminar takes place, for the check-in desk's clock (pages always show both).
VENUE_TIME_ZONES = PARTNER_TIME_ZONE_CHOICES
