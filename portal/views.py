from django.http import HttpResponseBadRequest, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation


def bad_request(request, exception=None):
    """400 in the visitor's language, self-contained like the 500: it may come from the first
    middleware, before the language is chosen, and must not depend on the database."""
    language = translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)
    with translation.override(language):
        content = loader.get_template("400.html").render({"LANGUAGE_CODE": language})
    return HttpResponseBadRequest(content)


def page_not_found(request, exception=None):
    """404 in the visitor's language, inside the site's frame (menu, switcher, footer)."""
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def server_error(request):
    """500 without database or context processors: all three languages, self-contained."""
    return HttpResponseServerError(loader.get_template("500.html").render())
