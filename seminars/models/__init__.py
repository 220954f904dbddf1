from .pages import (
    SeminarIndexPage,
    SeminarMaterial,
    SeminarPage,
    SeminarQuestion,
    SeminarSession,
    SeminarSpeaker,
)
from .registrations import Registration, SentReminder, SessionAttendance
from .series import SeminarSeries

__all__ = [
    "Registration",
    "SeminarIndexPage",
    "SeminarMaterial",
    "SeminarPage",
    "SeminarQuestion",
    "SeminarSeries",
    "SeminarSession",
    "SeminarSpeaker",
    "SentReminder",
    "SessionAttendance",
]
