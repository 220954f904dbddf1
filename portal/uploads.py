"""The one check every upload goes through (DESIGN §5: "Uploads are checked by content, not by
extension, size-limited, and rejected with a clear message").

The file's own bytes decide what it is: `filetype` reads its signature, then Pillow or pypdf
must read it as that kind. The file name and the browser's content type are never trusted,
so an SVG or HTML page renamed `cv.pdf` is refused, and a PNG named `cv.pdf` is kept as
`cv.png` where images are allowed. The accepted file is then stored in private storage under
a random name (`save_checked_upload`); the cleaned original name is metadata for the caller.
"""

import math
import os
import secrets
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader

from portal import private
from portal.filenames import clean_filename

MEGABYTE = 1024 * 1024
SIGNATURE_BYTES = 8192  # what filetype reads at most


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # the same in every language
    content_type: str
    extension: str
    signatures: tuple  # the MIME types filetype reports for it


PDF = Kind("pdf", "PDF", "application/pdf", "pdf", ("application/pdf",))
JPEG = Kind("jpeg", "JPEG", "image/jpeg", "jpg", ("image/jpeg",))
PNG = Kind("png", "PNG", "image/png", "png", ("image/png", "image/apng"))
KINDS = {kind.key: kind for kind in (PDF, JPEG, PNG)}
IMAGES = (JPEG, PNG)

EMPTY = _("The file is empty. Check it and upload it again.")
TOO_LARGE = _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
WRONG_KIND = _("This file is a %(actual)s file. Accepted types: %(accepted)s.")
UNKNOWN_KIND = _("This file is not of an accepted type. Accepted types: %(accepted)s.")
TOO_MANY_PIXELS = _(
    "The image is too large: at most %(limit)s megapixels are accepted. "
    "Reduce its size and upload it again."
)
UNREADABLE_IMAGE = _(
    "The image cannot be read: it may be damaged or incomplete. Save it again and upload it."
)
ENCRYPTED_PDF = _("The PDF is protected by a password. Remove the password and upload it again.")
UNREADABLE_PDF = _(
    "The PDF cannot be read: it may be damaged. Save or export it as PDF again and upload it."
)
EMPTY_PDF = _("The PDF has no pages.")


class UploadRefused(ValidationError):
    """Why an upload is refused. `code` names the reason (empty, too_large, wrong_kind,
    too_many_pixels, unreadable_image, encrypted_pdf, unreadable_pdf, empty_pdf); a form shows
    the message under its field, and str() gives the message in the active language."""

    def __init__(self, message, code, params=None):
        super().__init__(message, code=code, params=params)

    def __str__(self):
        return self.messages[0]


@dataclass(frozen=True)
class CheckedUpload:
    file: object  # the caller's file, rewound
    name: str  # cleaned, with the detected kind's extension: keep it as metadata
    kind: Kind
    size: int
    width: int | None = None
    height: int | None = None
    pages: int | None = None

    @property
    def content_type(self):
        return self.kind.content_type


def check_upload(file, *, kinds, max_bytes=None, name=None):
    """A CheckedUpload for `file` if its content is one of `kinds` (Kind constants), at most
    `max_bytes` (default: settings.UPLOAD_MAX_BYTES) and readable as that kind; raises
    UploadRefused otherwise. `name` defaults to the file's own. The file is rewound."""
    kinds = tuple(kinds)
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size = _size_of(file)
    if not size:
        raise UploadRefused(EMPTY, "empty")
    if size > limit:
        raise UploadRefused(
            TOO_LARGE, "too_large", {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    kind = _detect_kind(file, kinds)
    file.seek(0)
    details = _inspect_pdf(file) if kind is PDF else _inspect_image(file, kind)
    file.seek(0)
    return CheckedUpload(
        file=file,
        name=clean_filename(name or getattr(file, "name", ""), extension=kind.extension),
        kind=kind,
        size=size,
        **details,
    )


def _size_of(file):
    """The size without reading the file: Django's files know it, others are seeked."""
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        size = file.seek(0, os.SEEK_END)
        file.seek(position)
    return size


def _megabytes(size):
    """10 for 10 MB; a size above a limit rounds up (10.1, not 10.0, for 10 MB and a bit)."""
    value = math.ceil(size * 10 / MEGABYTE) / 10
    return number_format(value, decimal_pos=0 if value == int(value) else 1)


def _detect_kind(file, kinds):
    file.seek(0)
    found = filetype.guess(file.read(SIGNATURE_BYTES))
    mime = found.mime if found else None
    accepted = ", ".join(kind.label for kind in kinds)
    for kind in kinds:
        if mime in kind.signatures:
            return kind
    known = next((kind for kind in KINDS.values() if mime in kind.signatures), None)
    if known or found:
        actual = known.label if known else found.extension.upper()
        raise UploadRefused(WRONG_KIND, "wrong_kind", {"actual": actual, "accepted": accepted})
    raise UploadRefused(UNKNOWN_KIND, "wrong_kind", {"accepted": accepted})


def _inspect_image(file, kind):
    """Width and height, read from the header: an image above the pixel limit is refused
    before anything is decompressed. Pillow's own bomb guard (far above our limit) stops the
    most extreme before the size is even known."""
    limit = settings.UPLOAD_MAX_IMAGE_PIXELS
    too_many = UploadRefused(TOO_MANY_PIXELS, "too_many_pixels", {"limit": limit // 1_000_000})
    unreadable = UploadRefused(UNREADABLE_IMAGE, "unreadable_image")
    try:
        image = Image.open(file, formats=[kind.label])  # Pillow names them as we label them
    except Image.DecompressionBombError:
        raise too_many from None
    except (OSError, SyntaxError, ValueError):
        raise unreadable from None
    with image:
        width, height = image.size
        if width * height > limit:
            raise too_many
        try:
            image.verify()  # structure and checksums; for PNG, a truncated file fails here
            if kind is JPEG:
                _decode_jpeg(file)
        except (OSError, SyntaxError, ValueError):
            raise unreadable from None
    return {"width": width, "height": height}


def _decode_jpeg(file):
    """JPEG has no checksums for verify() to read: decode it at 1/8 scale (cheap), which
    still reads every byte, so a truncated photo fails."""
    file.seek(0)
    watched = _EndWatch(file)
    with Image.open(watched, formats=["JPEG"]) as image:
        image.draft(None, (1, 1))
        watched.ran_out = False
        image.load()
    if watched.ran_out:
        raise OSError("The JPEG data stops before its end.")


class _EndWatch:
    """A file that notes when a read finds nothing left. The JPEG decoder asks for more than a
    truncated file holds; Pillow raises then, unless ImageFile.LOAD_TRUNCATED_IMAGES is on,
    which WeasyPrint turns on for the whole process when it is imported."""

    def __init__(self, file):
        self.file = file
        self.ran_out = False

    def read(self, size=-1):
        data = self.file.read(size)
        if size and not data:
            self.ran_out = True
        return data

    def seek(self, *args):
        return self.file.seek(*args)

    def tell(self):
        return self.file.tell()


def _inspect_pdf(file):
    """The page count. pypdf raises many different exceptions on a damaged or hostile file
    (its own, ValueError, KeyError, RecursionError…): each means "cannot be read"."""
    try:
        reader = PdfReader(file)
        encrypted = reader.is_encrypted
        pages = None if encrypted else len(reader.pages)
    except Exception:
        raise UploadRefused(UNREADABLE_PDF, "unreadable_pdf") from None
    if encrypted:  # even with an empty user password: the dossier could not merge it
        raise UploadRefused(ENCRYPTED_PDF, "encrypted_pdf")
    if not pages:
        raise UploadRefused(EMPTY_PDF, "empty_pdf")
    return {"pages": pages}


def save_checked_upload(upload, *, folder):
    """Stores a CheckedUpload in private storage under `folder` (a relative path such as
    `applications/12`) with a random name and the detected kind's extension; returns the
    stored path. The visitor's file name never reaches the path: keep `upload.name` beside it."""
    folder = private.clean_path(folder)
    if folder is None:
        raise ValueError("The folder must be a relative path inside private storage.")
    upload.file.seek(0)
    path = f"{folder}/{secrets.token_urlsafe(18)}.{upload.kind.extension}"
    return private.private_storage().save(path, upload.file)


class CheckedFileField(forms.FileField):
    """A file field whose clean() runs check_upload: `cleaned_data` holds a CheckedUpload for
    a new file (what FileField gives otherwise: the initial file, None or False)."""

    def __init__(self, *, kinds, max_bytes=None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        # check_upload says why an empty file is refused, in its own words.
        super().__init__(allow_empty_file=True, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault(
            "accept", ",".join(f"{kind.content_type},.{kind.extension}" for kind in self.kinds)
        )
        return attrs

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file or file is initial:
            return file
        return check_upload(file, kinds=self.kinds, max_bytes=self.max_bytes)
