from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    CHINA_TO_FRANCE = "cn_fr", _("China → France")
    FRANCE_TO_CHINA = "fr_cn", _("France → China")


class ProgrammeType(models.TextChoices):
    PLACEMENT = "placement", _("Training placement")
    FELLOWSHIP = "fellowship", _("Fellowship")
    OBSERVERSHIP = "observership", _("Observership")
    COURSE = "course", _("Training course")


class CallStatus(models.TextChoices):
    """Where a call stands, from its opening and closing times (never stored).

    "Not yet open" rather than "Upcoming": the catalog already translates "Upcoming" for
    seminars (即将举行, "about to be held"), which a call is not."""

    OPEN = "open", _("Open")
    UPCOMING = "upcoming", _("Not yet open")
    CLOSED = "closed", _("Closed")


class LanguageLevel(models.TextChoices):
    """The Common European Framework of Reference for Languages (CEFR)."""

    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")


class WorkingLanguage(models.TextChoices):
    """A language a call may require, at a CEFR level."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    FRENCH_OR_ENGLISH = "fr_or_en", _("French or English")


class DocumentKind(models.TextChoices):
    """The documents a call may require of its applicants."""

    CV = "cv", _("Curriculum vitae")
    DIPLOMA = "diploma", _("Diploma")
    LANGUAGE_CERTIFICATE = "language_certificate", _("Language certificate")
    MOTIVATION_LETTER = "motivation_letter", _("Motivation letter")
    PASSPORT = "passport", _("Passport copy")
    PHOTO = "photo", _("Photo")
    HEAD_OF_DEPARTMENT_LETTER = "head_letter", _("Letter from the head of department")
