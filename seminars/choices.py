from django.db import models
from django.utils.translation import gettext_lazy as _


class SeminarFormat(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


class AttendanceMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")


class Discipline(models.TextChoices):
    MULTIDISCIPLINARY = "mdt", _("Multidisciplinary")
    SURGERY = "surgery", _("Breast surgery")
    PLASTIC_SURGERY = "plastic", _("Breast plastic surgery")
    MEDICAL_ONCOLOGY = "oncology", _("Medical oncology")
    RADIOTHERAPY = "radiotherapy", _("Radiotherapy")
    RADIOLOGY = "radiology", _("Radiology")
    PATHOLOGY = "pathology", _("Pathology")
    MEDICAL_PHYSICS = "physics", _("Medical physics")
    NURSING = "nursing", _("Nursing")


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


class Profession(models.TextChoices):
    SURGEON = "surgeon", _("Surgeon")
    ONCOLOGIST = "oncologist", _("Medical oncologist")
    RADIATION_ONCOLOGIST = "radiation_oncologist", _("Radiation oncologist")
    RADIOLOGIST = "radiologist", _("Radiologist")
    PATHOLOGIST = "pathologist", _("Pathologist")
    PHYSICIST = "physicist", _("Medical physicist")
    NURSE = "nurse", _("Nurse")
    RESEARCHER = "researcher", _("Researcher")
    STUDENT = "student", _("Student or resident")
    OTHER = "other", _("Other")


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
VENUE_TIME_ZONES = [
    ("Asia/Shanghai", _("Changsha (China Standard Time)")),
    ("Europe/Paris", _("Paris (Central European Time)")),
]
