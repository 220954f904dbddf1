"""Pages that hold other people's records are not deleted from the admin.

A seminar with registrations, a call with applications: the records point at their page with
PROTECT, so deleting the page (alone, in a bulk delete, or with a page above it) would raise
ProtectedError and answer 500. Each app registers a guard here instead; the admin's delete
view and bulk delete ask every guard first and, when one objects, redirect back with its
reasons and delete nothing. The PROTECT stays: no other code path deletes the records either.

A guard is `guard(pages) -> list of reasons`, one translated sentence each, for the pages in
`pages` and the pages below them in the tree (`under(pages, "seminar")` builds that filter).
"""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect

_guards = []


def refuse_deletion(guard):
    """Register `guard` (usable as a decorator); registering it twice keeps one."""
    if guard not in _guards:
        _guards.append(guard)
    return guard


def under(pages, field):
    """A filter on `field` (a foreign key to a page) for `pages` and every page below them."""
    paths = Q()
    for page in pages:
        paths |= Q(**{f"{field}__path__startswith": page.path})
    return paths if paths else Q(pk__in=[])


def deletion_refusals(pages):
    """Every registered guard's reasons for not deleting `pages`; empty when they may go."""
    return [reason for guard in _guards for reason in guard(pages)]


def refuse_if_protected(request, pages, next_url):
    """A redirect to `next_url` with the reasons as error messages when a guard objects to
    deleting `pages`, else None (the delete goes ahead)."""
    reasons = deletion_refusals(pages)
    if not reasons:
        return None
    for reason in reasons:
        messages.error(request, reason)
    return redirect(next_url)
