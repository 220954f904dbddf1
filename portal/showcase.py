"""Lists that apps put on the home page (upcoming seminars, open calls), without `home`
importing any app (DESIGN §3: apps depend on portal, never on each other).

An app registers a showcase from its AppConfig.ready(): a key, the template of its section
and a function giving the section's items for a locale. The home page renders the sections
in `order`, each with its own heading and empty state, so adding the programmes' "Open calls"
next to "Upcoming seminars" changes no home code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Showcase:
    key: str
    template: str  # rendered with `items`, the list that `items` returns
    items: Callable[[int, int], list[Any]]  # (locale id, how many) -> items
    order: int = 100
    count: int = 3


_showcases: dict[str, Showcase] = {}


def register_showcase(key, *, template, items, order=100, count=3):
    """Register (or replace, so a reloaded app does not list twice) a home-page section."""
    _showcases[key] = Showcase(key, template, items, order, count)


def showcase_sections(locale_id):
    """[{"template", "items"}] for a locale, in display order."""
    return [
        {
            "template": showcase.template,
            "items": list(showcase.items(locale_id, showcase.count)),
        }
        for showcase in sorted(_showcases.values(), key=lambda s: (s.order, s.key))
    ]
