"""Applications as screening finds them: submitted (or further on), with reviews. The submission
itself is another stage's service; here the rows are written as it leaves them."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.users.models import UserProfile

from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, Review
from tests.exchange.conftest import complete_fields

LISTING = "/admin/exchange/applications/"
_numbers = itertools.count(1)


def inspect_url(application):
    return f"{LISTING}inspect/{application.pk}/"


def bulk_url(action, *applications, next_url=LISTING, **params):
    ids = "&".join(f"id={a.pk}" for a in applications)
    extra = "".join(f"&{key}={value}" for key, value in params.items())
    return f"/admin/bulk/exchange/application/{action}/?{ids}{extra}&next={next_url}"


def submit(call, applicant, status=ApplicationStatus.SUBMITTED, *, submitted_at=None, **fields):
    """`applicant`'s complete application to `call`, submitted, with the next reference."""
    n = next(_numbers)
    values = {
        **complete_fields(),
        "status": status,
        "reference": f"HX-2026-{n:04d}",
        "submitted_at": submitted_at or timezone.now() - timedelta(days=1),
        **fields,
    }
    return Application.objects.create(call=call, applicant=applicant, **values)


def add_review(application, reviewer, status=ReviewStatus.ASSIGNED, score=None, **fields):
    """A review of `application` by `reviewer`; submitted ones need a `score` (0–10)."""
    if score is not None:
        fields.update(weighted_score=Decimal(str(score)), submitted_at=timezone.now())
    return Review.objects.create(
        application=application, reviewer=reviewer, status=status, **fields
    )


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def join(user, group):
    user.groups.add(Group.objects.get(name=group))
    return user
