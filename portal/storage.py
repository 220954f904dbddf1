"""The default file storage: public media, except Wagtail documents, which have no public URL.

Wagtail keeps documents in the default storage under documents/. Some are materials for
registrants only, and whatever sits under MEDIA_ROOT is served to anyone at /media/ (by Django
with SERVE_MEDIA, or by a proxy). So documents live under PRIVATE_ROOT/documents/ instead,
which nothing serves directly: only Wagtail's /documents/<id>/<name> view (with the
registrants-only hook) and the attendee's private link read them. Their names in the database
stay "documents/…"; migration seminars 0008 moved the files uploaded before.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage

DOCUMENTS = "documents"


def is_document(name):
    return str(name).replace("\\", "/").lstrip("/").split("/", 1)[0] == DOCUMENTS


class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT for everything but documents/…, which go to a storage under `private_location`
    (same names, no URL)."""

    def __init__(self, private_location, **kwargs):
        super().__init__(**kwargs)
        self.documents = FileSystemStorage(location=private_location, base_url=None)

    def _route(self, name):
        return self.documents if is_document(name) else super()

    def _open(self, name, mode="rb"):
        return self._route(name)._open(name, mode)

    def _save(self, name, content):
        return self._route(name)._save(name, content)

    def path(self, name):
        return self._route(name).path(name)

    def delete(self, name):
        return self._route(name).delete(name)

    def exists(self, name):
        return self._route(name).exists(name)

    def listdir(self, path):
        return self._route(path).listdir(path)

    def size(self, name):
        return self._route(name).size(name)

    def get_modified_time(self, name):
        return self._route(name).get_modified_time(name)

    def url(self, name):
        if is_document(name):
            # Wagtail's serve view takes NotImplementedError as "no direct URL": it streams
            # the file after its own checks instead of redirecting to /media/.
            raise NotImplementedError("Documents have no public URL.")
        return super().url(name)


@register(Tags.security)
def check_private_root_is_not_served(app_configs, **kwargs):
    """PRIVATE_ROOT (private files and every document) inside a publicly served tree would
    give each of its files a public URL."""
    private = Path(settings.PRIVATE_ROOT).resolve()
    served = {"MEDIA_ROOT": settings.MEDIA_ROOT, "STATIC_ROOT": settings.STATIC_ROOT}
    return [
        Error(
            f"PRIVATE_ROOT ({private}) is inside {name}, which is served publicly.",
            hint=f"Give PRIVATE_ROOT a folder outside {name}.",
            id="portal.E001",
        )
        for name, root in served.items()
        if root and private.is_relative_to(Path(root).resolve())
    ]
