from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def page_not_found(request, exception=None):
    """404 in the visitor's language, inside the site's frame (menu, switcher, footer)."""
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def server_error(request):
    """500 without database or context processors: all three languages, self-contained."""
    return HttpResponseServerError(loader.get_template("500.html").render())
