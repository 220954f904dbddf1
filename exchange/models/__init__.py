from .applications import Application
from .pages import ProgrammeIndexPage, ProgrammePage, SelectionCriterion
from .reviews import Review, Score

__all__ = [
    "Application",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "Review",
    "Score",
    "SelectionCriterion",
]
