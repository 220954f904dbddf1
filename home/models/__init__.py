from .pages import HomePage, NewsIndexPage, NewsPage, StandardPage
from .snippets import Department, Institution, Person, SiteSettings

__all__ = [
    "Department",
    "HomePage",
    "Institution",
    "NewsIndexPage",
    "NewsPage",
    "Person",
    "SiteSettings",
    "StandardPage",
]
