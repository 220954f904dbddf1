"""One object in several languages, and texts kept per language.

Pages and snippets are translated with wagtail-localize (TranslatableMixin): a translation is
another row of the same translation group. Documents and emails want "this seminar (or this
institution) as the reader of that language sees it", falling back to the original where there
is no translation yet, and never a translated page that is not live (a draft translation must
not reach a certificate or an email).
"""

from django.utils.translation import get_language
from wagtail.models import Locale


def in_languages(obj, languages):
    """{language: `obj` in that language} for each of `languages`.

    `obj` is a TranslatableMixin instance (page or snippet). Where a language has no
    translation, or only a page that is not live, the value is `obj` itself (the same Python
    object, so a caller can tell the fallback from a translation found). One query for the
    locales, then one per locale that exists.
    """
    found = {language: obj for language in languages}
    for locale in Locale.objects.filter(language_code__in=languages):
        translated = obj.get_translation_or_none(locale)
        if translated is not None and getattr(translated, "live", True):
            found[locale.language_code] = translated
    return found


def in_language(obj, language):
    """`obj` in `language`: its live translation, else `obj` itself."""
    return in_languages(obj, [language])[language]


def in_active_language(texts, fallback="en"):
    """A text kept per language ({"fr": …, "en": …}) in the active language, else in
    `fallback`, else in any language it has. A plain string is returned as it is."""
    if isinstance(texts, dict):
        return texts.get(get_language()) or texts.get(fallback) or next(iter(texts.values()), "")
    return texts or ""


def translations_in_active_language(objects, queryset):
    """{translation_key: its translation in the active language} for `objects`, in one query
    on `queryset` (which says what may be shown: `Page.objects.live()` for pages). Objects
    without such a translation, or every object when the language has no locale, are left
    out: `.get(obj.translation_key, obj)` falls back to the object itself."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return {}
    keys = {obj.translation_key for obj in objects}
    rows = queryset.filter(translation_key__in=keys, locale=locale)
    return {row.translation_key: row for row in rows}
