from .applications import Application
from .documents import ApplicationDocument
from .pages import ProgrammeIndexPage, ProgrammePage, SelectionCriterion
from .referees import Referee
from .references import ReferenceCounter
from .reviews import Review, Score

__all__ = [
    "Application",
    "ApplicationDocument",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "Referee",
    "ReferenceCounter",
    "Review",
    "Score",
    "SelectionCriterion",
]
