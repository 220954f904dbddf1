"""Menu, breadcrumbs and language alternates, computed once per request."""

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site


def localized_root(request):
    """The home page in the visitor's language (the site root itself when not translated)."""
    cached = getattr(request, "_localized_root", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = site.root_page.localized if site else None
        request._localized_root = cached
    return cached


def menu_pages(request):
    root = localized_root(request)
    if root is None:
        return []
    return list(root.get_children().live().public().in_menu().only("id", "title", "url_path"))


def language_alternates(request, page=None):
    """[(code, native name, url, is_translation)] for every language, in settings order.

    A page links to its live translation; where none exists, to that language's home page.
    Views that are not Wagtail pages (search, 404) link to the same path in the other language.
    """
    if page is None or not getattr(page, "translation_key", None):
        return [_same_view_in(request, code, name) for code, name in settings.LANGUAGES]
    root = localized_root(request)
    keys = {page.translation_key, root.translation_key} if root else {page.translation_key}
    candidates = Page.objects.live().filter(translation_key__in=keys).select_related("locale")
    pages, homes = {}, {}
    for candidate in candidates:
        target = pages if candidate.translation_key == page.translation_key else homes
        target[candidate.locale.language_code] = candidate
    alternates = []
    for code, name in settings.LANGUAGES:
        match = pages.get(code) or homes.get(code)
        url = match.get_url(request) if match else f"/{code}/"
        alternates.append((code, name, url, code in pages))
    return alternates


def _same_view_in(request, code, name):
    """The current path in language `code`; a path without a language prefix (/accounts/…)
    switches by cookie instead, and is no translation to announce with hreflang."""
    path = request.get_full_path()
    if path.startswith(tuple(f"/{other}/" for other, _name in settings.LANGUAGES)):
        return (code, name, translate_url(path, code), True)
    switch = reverse("account_choose_language", args=[code])
    return (code, name, f"{switch}?{urlencode({'next': path})}", False)


def active_content_language():
    return get_supported_content_language_variant(get_language())
