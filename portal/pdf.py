"""The one PDF renderer (DESIGN §3): a Django template rendered to HTML, then WeasyPrint.

Relative URLs in the template (`img/logo.svg`) resolve against the static files, found through
django.contrib.staticfiles' finders, so rendering works without collectstatic. WeasyPrint never
touches the network: the fetcher answers only data: URLs and static files, and refuses
everything else (a remote image in a certificate would be a tracking pixel and a slow render).
Fonts come from the system's fontconfig (fonts-noto-cjk, fonts-dejavu-core), not from URLs.
"""

import base64
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# A base that no real file lives under: every URL below it is looked up among the static files.
STATIC_BASE_URL = "file:///portal-static/"


class RefusedURL(ValueError):
    """A PDF template asked for something outside the static files (WeasyPrint logs it)."""


def find_static(relative_path):
    """The file for a static path (app and project static dirs first, then STATIC_ROOT)."""
    relative_path = unquote(relative_path).lstrip("/")
    found = finders.find(relative_path)
    if found:
        return Path(found)
    try:
        if staticfiles_storage.exists(relative_path):
            return Path(staticfiles_storage.path(relative_path))
    except NotImplementedError:  # a remote storage: nothing local to read
        pass
    return None


def _static_roots():
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if getattr(storage, "location", None):
                roots.append(Path(storage.location))
    return [root.resolve() for root in roots]


def _file_under_static_dirs(url):
    """A file: URL that points inside a static directory, as a Path; else None."""
    if not url.startswith("file:"):
        return None
    path = Path(unquote(urlsplit(url).path)).resolve()
    if path.is_file() and any(path.is_relative_to(root) for root in _static_roots()):
        return path
    return None


def _static_relative(url):
    """The static path a URL points at, or None: `file:///portal-static/x` and STATIC_URL/x."""
    if url.startswith(STATIC_BASE_URL):
        return url[len(STATIC_BASE_URL) :]
    path = urlsplit(url).path
    static_url = urlsplit(settings.STATIC_URL).path  # "/static/" also when STATIC_URL is a CDN
    if path.startswith(static_url) and (url.startswith("file:") or url.startswith(static_url)):
        return path[len(static_url) :]
    if settings.STATIC_URL.startswith(("http://", "https://")) and url.startswith(
        settings.STATIC_URL
    ):
        return url[len(settings.STATIC_URL) :]
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """data: URLs and our static files; anything else (http, ftp, other files) refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            relative = _static_relative(url)
            path = find_static(relative) if relative is not None else _file_under_static_dirs(url)
            if path is None:
                raise RefusedURL(f"PDF rendering fetches only static files, not {url!r}")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": mime_type}
            )

    return StaticOnlyFetcher


def render_pdf(template_name, context, *, request=None):
    """Render `template_name` with `context` in the active language and return the PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=_fetcher_class()()).write_pdf()


def qr_data_uri(url):
    """An SVG QR code of `url` as a data: URI (no file, no network)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1f1f1f")


def image_data_uri(image, spec="max-480x160"):
    """A Wagtail image (a partner's logo) as a data: URI for a PDF, or "" without one.

    The fetcher serves static files only, and an uploaded image lives in the media storage:
    it is read here, resized to `spec` first (a 5 MB photo of a logo must not travel into every
    letter). A missing or unreadable file leaves the place empty rather than failing the PDF.
    """
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as file:
            data = file.read()
    except OSError:  # a missing source file, a broken upload: the letter still goes out
        logger.warning("Image %s could not be read for a PDF", image.pk, exc_info=True)
        return ""
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"
