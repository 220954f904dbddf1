from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


def language_choices():
    """The portal's languages, each named in itself and marked as such (lang), so that a
    screen reader on a Chinese page reads "Français" in French."""
    return [
        (code, format_html('<span lang="{}">{}</span>', code, name))
        for code, name in settings.LANGUAGES
    ]


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# The vocabulary both halves of the portal share: seminars' audiences and programmes' calls.
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
