from django.http import HttpResponseBadRequest, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation


def bad_request(request, exception=None):
    """400 in the visitor's language. It may come from the first middleware, before the
    language was chosen and the visitor identified, so it picks the language itself and
    needs only the request."""
    language = translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)
    with translation.override(language):
        return HttpResponseBadRequest(loader.render_to_string("400.html", {}, request))


def page_not_found(request, exception=None):
    """404 in the visitor's language, inside the site's frame (menu, switcher, footer)."""
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def server_error(request):
    """500 without database or context processors: all three languages, self-contained."""
    return HttpResponseServerError(loader.get_template("500.html").render())
