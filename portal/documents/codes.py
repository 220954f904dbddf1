"""Verification codes (portal.tokens.new_code: 12 characters without the look-alikes 0/O and
1/I), shown in groups of four (K7QM-4XRT-9PZC). Lookups ignore case, dashes and spaces, so a
code read aloud, typed from paper or scanned from the QR code all match."""

import re

from django.urls import reverse

from portal.links import absolute_url

GROUP = 4


def normalize_code(text):
    """ "k7qm 4xrt-9pzc" → "K7QM4XRT9PZC"; anything else than letters and digits is dropped."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def format_code(code):
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def verify_url(code):
    """The absolute public address of a document's check (printed on it, in the QR code)."""
    path = reverse("verify_document", args=(format_code(code),))
    return absolute_url(path)
