from .pages import (
    SeminarIndexPage,
    SeminarMaterial,
    SeminarPage,
    SeminarSession,
    SeminarSpeaker,
)
from .registrations import Registration, SentReminder
from .series import SeminarSeries

__all__ = [
    "Registration",
    "SeminarIndexPage",
    "SeminarMaterial",
    "SeminarPage",
    "SeminarSeries",
    "SeminarSession",
    "SeminarSpeaker",
    "SentReminder",
]
