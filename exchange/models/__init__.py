from .pages import ProgrammeIndexPage, ProgrammePage, SelectionCriterion

__all__ = ["ProgrammeIndexPage", "ProgrammePage", "SelectionCriterion"]
