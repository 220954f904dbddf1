from django import template
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from home import navigation
from home.models import SiteSettings

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    page = context.get("page")
    return {
        "home": navigation.localized_root(request),
        "items": navigation.menu_pages(request),
        "current_path": getattr(page, "url_path", ""),
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "depth")
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """Computed once per request: used by the switcher and by the hreflang links."""
    request = context["request"]
    if not hasattr(request, "_language_alternates"):
        request._language_alternates = navigation.language_alternates(request, context.get("page"))
    return request._language_alternates


@register.simple_tag(takes_context=True)
def site_settings(context):
    request = context["request"]
    if not hasattr(request, "_site_settings"):
        request._site_settings = SiteSettings.for_active_language()
    return request._site_settings


@register.simple_tag(takes_context=True)
def privacy_notice(context):
    """The privacy notice page in the visitor's language (SiteSettings), or None."""
    settings_row = site_settings(context)
    page = settings_row.privacy_page if settings_row else None
    if page is None or not page.live:
        return None
    if page.locale_id == settings_row.locale_id and settings_row.locale.language_code == (
        get_supported_content_language_variant(get_language())
    ):
        return page  # already in the visitor's language: no lookup
    return page.localized
