"""Punctuation that changes with the language, and labels of bilingual documents."""

from django import template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext

register = template.Library()


def translations(message, languages):
    """[(language, text)] of a lazy `message` in `languages`, leaving out a text that reads
    like one already given: French and English both say "Dates", and "DATES · DATES" reads
    as a mistake."""
    found = []
    for language in languages:
        with translation.override(language):
            text = str(message)
        if all(text.casefold() != seen.casefold() for _language, seen in found):
            found.append((language, text))
    return found


@register.simple_tag
def bilingual(message, languages, separator=" · "):
    """`{% bilingual _("Dates") languages %}`: the label in each language, each in a span
    carrying its lang attribute, joined by `separator`."""
    return format_html_join(
        separator, '<span lang="{}">{}</span>', translations(message, languages)
    )


@register.simple_tag
def label_separator():
    """What follows a label before its value: "：" in Chinese, " : " (no-break space) in
    French, ": " in English."""
    # Translators: after a label, before its value ("Full name: required"). Chinese "：",
    # French a no-break space then ": ".
    return gettext(": ")


@register.filter
def label_gap(label):
    """The space between a label that ends in its own colon and its value: none after a
    full-width "：", which carries its own space (口译：中法同声传译)."""
    return "" if str(label).endswith("：") else " "


@register.simple_tag
def labelled(label, value):
    """`{% labelled _("Place:") seminar.venue_line %}` in plain-text emails: the label (which
    carries its colon), then its value, with no space after a full-width colon."""
    return f"{label}{label_gap(label)}{value}"


@register.filter(expects_localtime=True)
def long_date(value):
    """A date as the active language writes it in a letter: "Dec. 1, 2026", "2026年12月1日",
    and in French the first of the month as an ordinal, "1er décembre 2026" (Django's French
    DATE_FORMAT, "j F Y", cannot say it)."""
    if not value:
        return ""
    text = date_format(value, "DATE_FORMAT")
    if translation.get_language() == "fr" and value.day == 1:
        return text.replace("1", "1er", 1)
    return text
