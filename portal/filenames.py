"""The one file-name cleaner: for the original name kept beside an upload, and for the name a
private file is downloaded under.

A name comes from the visitor's computer, so it may carry a path (`../../etc/passwd.pdf`, a
Windows `C:\\Users\\…`), NUL and other control characters, right-to-left overrides that hide
the real extension, runs of spaces, or a decomposed accent that looks the same as a composed
one. What is left is safe to show and to put in a Content-Disposition header; it is never used
as a storage path (portal.uploads stores under a random name).
"""

import re
import unicodedata

MAX_LENGTH = 120
FALLBACK = "file"
# What counts as an extension to replace: "cv.PDF", "photo.jpeg"; not "Dr. Wang CV".
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,5}")


def clean_filename(name, *, extension=None, max_length=MAX_LENGTH):
    """`name` without folders, control characters, leading dots or repeated spaces, in NFC,
    at most `max_length` characters with its extension; `extension` (without the dot), when
    given, replaces the name's own. Chinese and accented letters are kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Category C: controls (NUL, newlines), format characters (bidi overrides), unassigned.
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    name = " ".join(name.split())
    stem, dot, suffix = name.rpartition(".")
    if not dot or not _EXTENSION.fullmatch(suffix):
        stem, suffix = name, ""
    extension = extension or suffix
    room = max_length - (len(extension) + 1 if extension else 0)
    stem = stem.strip(" .")[:room].rstrip(" .") or FALLBACK
    return f"{stem}.{extension}" if extension else stem
