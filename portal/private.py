"""Private storage, the one response for a private file, and the view that serves the storage
by path (DESIGN §5 "Private stays private").

Files live in storages["private"], which has no URL. Each app registers who may read the
files under its top-level folder; anything else, a missing file, or a path that tries to leave
the folder answers 404, so a stranger cannot even learn that a file exists.

Apps that serve a file from their own views (an applicant's document, a referee's letter
through its token link, a certificate) decide who may see it with their own queryset, answer
404 otherwise, and then return `private_file_response()`, so that every private file leaves
with the same headers.
"""

import mimetypes
import posixpath

from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

from portal.filenames import clean_filename

# Shown in the browser; anything else is downloaded. Never HTML, SVG or text, which a browser
# would run or render as a page of the site.
INLINE_CONTENT_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    # Should the file be a page after all, it runs nothing and reaches nothing (django-csp
    # keeps a policy the response already has).
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Robots-Tag": "noindex",
    # A token link's URL is the key to the file: no link inside a PDF may pass it on.
    "Referrer-Policy": "no-referrer",
}

_readers = {}


def private_storage():
    return storages["private"]


def register_reader(folder, can_read):
    """`can_read(user, path)` decides for files under `folder/` (`path`: full relative path)."""
    _readers[folder] = can_read


def _owner_folder(user, path):
    """users/<pk>/…: files that belong to one account."""
    parts = path.split("/")
    return len(parts) > 2 and parts[1] == str(user.pk)


register_reader("users", _owner_folder)


def clean_path(path):
    normal = posixpath.normpath(path)
    if normal.startswith(("/", "..")) or normal in {".", ""} or "\\" in normal or "\0" in normal:
        return None
    return normal


def may_read(user, path):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    reader = _readers.get(path.split("/", 1)[0])
    return bool(reader and reader(user, path))


def serve_private_file(request, path):
    path = clean_path(path)
    if path is None or not may_read(request.user, path):
        raise Http404
    storage = private_storage()
    if not storage.exists(path):
        raise Http404
    return private_file_response(storage.open(path, "rb"), filename=posixpath.basename(path))


def private_file_response(file_or_bytes, *, filename, content_type=None, inline=None):
    """The response for a private file, once the caller has decided that the visitor may see
    it: never cached, sniffed, run as a page or indexed, whether the visitor signed in or
    followed a token link.

    `file_or_bytes`: an open binary file (streamed) or bytes. `filename`: the name the
    download gets (cleaned; Chinese and accented names are carried by RFC 5987's filename*).
    `content_type` defaults to the name's. `inline`: None shows PDF, PNG and JPEG in the
    browser and downloads anything else; False always downloads; True is honoured for those
    three types only.
    """
    filename = clean_filename(filename)
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    shown = inline is not False and content_type in INLINE_CONTENT_TYPES
    if isinstance(file_or_bytes, bytes | bytearray | memoryview):
        response = HttpResponse(bytes(file_or_bytes), content_type=content_type)
        response["Content-Length"] = str(len(response.content))
        response["Content-Disposition"] = content_disposition_header(not shown, filename)
    else:
        response = FileResponse(
            file_or_bytes, as_attachment=not shown, filename=filename, content_type=content_type
        )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response
