from .applications import Application
from .documents import ApplicationDocument
from .pages import ProgrammeIndexPage, ProgrammePage, SelectionCriterion
from .references import ReferenceCounter
from .reviews import Review, Score

__all__ = [
    "Application",
    "ApplicationDocument",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "ReferenceCounter",
    "Review",
    "Score",
    "SelectionCriterion",
]
