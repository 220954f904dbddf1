"""Private storage and the one view that serves it (DESIGN §5 "Private stays private").

Files live in storages["private"], which has no URL. Each app registers who may read the
files under its top-level folder; anything else, a missing file, or a path that tries to leave
the folder answers 404, so a stranger cannot even learn that a file exists.
"""

import mimetypes
import posixpath

from django.core.files.storage import storages
from django.http import FileResponse, Http404

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
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    inline = content_type in {"application/pdf", "image/png", "image/jpeg"}
    response = FileResponse(
        storage.open(path, "rb"),
        as_attachment=not inline,
        filename=posixpath.basename(path),
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
