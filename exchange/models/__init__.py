from .applications import Application
from .pages import ProgrammeIndexPage, ProgrammePage, SelectionCriterion

__all__ = ["Application", "ProgrammeIndexPage", "ProgrammePage", "SelectionCriterion"]
