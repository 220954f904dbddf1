from .applications import Application
from .pages import ProgrammeIndexPage, ProgrammePage, SelectionCriterion
from .referees import Referee
from .reviews import Review, Score

__all__ = [
    "Application",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "Referee",
    "Review",
    "Score",
    "SelectionCriterion",
]
