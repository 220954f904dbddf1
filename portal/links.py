"""Full URLs for what leaves the site (emails, calendar files, printed documents, QR codes).

They are built from SITE_URL (settings.WAGTAILADMIN_BASE_URL), never from the request: a
background task has no request, and a Host header is whatever the client sent.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path_or_url):
    """`path_or_url` under SITE_URL ("/fr/seminars/" → "https://site/fr/seminars/"); a URL that
    is already absolute (a page of another Wagtail site) is returned as it is."""
    base = settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(path_or_url)
    if parts.scheme:
        return path_or_url
    if parts.netloc:  # "//host/path": the host is given, only the scheme is missing
        return f"{urlsplit(base).scheme}:{path_or_url}"
    return f"{base.rstrip('/')}/{path_or_url.lstrip('/')}"
