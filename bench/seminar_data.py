"""Generated seminars (pages, published as an editor would) and registrations (bulk inserted).

The demo's upcoming Mastopathy Day is topped up to DETAIL_REGISTRATIONS registrations, so its
page, its attendees' private pages and the admin listing filtered by it are the same URLs before
and after the generated data. The other registrations are spread unevenly over the generated
seminars, past and future; statuses follow each seminar's seats (confirmed while seats are free,
then waitlisted; attended or absent once a seminar is over; some cancelled or declined).
"""

import datetime
import random
import uuid
from collections import Counter

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from portal import tokens
from seminars.choices import (
    SEAT_HOLDING,
    Discipline,
    Profession,
    RegistrationStatus,
    SeminarFormat,
)
from seminars.models import Registration, SeminarIndexPage, SeminarPage, SeminarSeries

BATCH_SIZE = 5000
DETAIL_REGISTRATIONS = 1000
DEMO_SEMINAR_SLUG_PREFIX = "sino-france-mastopathy-day-"
PAST_DAYS = 730  # generated seminars start between two years ago …
FUTURE_DAYS = 365  # … and a year ahead
Status = RegistrationStatus

TOPICS = [
    "breast-conserving surgery",
    "DIEP flap reconstruction",
    "neoadjuvant chemotherapy",
    "radiotherapy quality control",
    "HER2-positive disease",
    "breast imaging",
    "pathology of borderline lesions",
    "nursing after mastectomy",
]
CITIES = [("Changsha", "Hunan Cancer Hospital, Lecture Hall"), ("Paris", "Institut du sein")]
CHINESE = (
    ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"],
    ["Fang", "Wei", "Na", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Qiang"],
)
FRENCH = (
    ["Dupré", "Martin", "Bernard", "Dubois", "Moreau", "Lefèvre", "Girard", "Roux"],
    ["Hélène", "Claire", "Jean-Baptiste", "Sophie", "Étienne", "Camille", "Louis", "Anne"],
)
INSTITUTIONS = {
    "China": ["Xiangya Hospital", "Hunan Cancer Hospital", "Second Xiangya Hospital"],
    "France": ["Institut du sein", "CHU de Créteil", "Hôpital Tenon", "Institut Curie"],
}
DEPARTMENTS = ["Breast surgery", "Radiotherapy", "Medical oncology", "Radiology", ""]
PROFESSIONS = [choice for choice, _label in Profession.choices]
ANSWER = {"question": "Which session interests you most?", "answer": "MDT case discussion"}


def seminar_index():
    """The English seminar index of the demo (slug "seminars"), made if the demo has none."""
    index = SeminarIndexPage.objects.filter(locale__language_code="en").first()
    if index:
        return index
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = SeminarIndexPage(title="Seminars", slug="seminars")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def demo_seminar(index):
    """The seminar page the per-seminar figures use: the demo's next Mastopathy Day."""
    now = timezone.now()
    return (
        SeminarPage.objects.child_of(index)
        .filter(slug__startswith=DEMO_SEMINAR_SLUG_PREFIX, starts_at__gt=now)
        .order_by("starts_at")
        .first()
    )


def _seminar(n, count, now, series):
    span = PAST_DAYS + FUTURE_DAYS
    starts_at = (
        now
        - datetime.timedelta(days=PAST_DAYS)
        + datetime.timedelta(days=span * n / max(count - 1, 1), hours=9 - now.hour)
    )
    formats = [SeminarFormat.ONSITE, SeminarFormat.ONLINE, SeminarFormat.HYBRID]
    seminar_format = formats[n % 3]
    city, venue = CITIES[n % 2]
    online = seminar_format != SeminarFormat.ONSITE
    onsite = seminar_format != SeminarFormat.ONLINE
    topic = TOPICS[n % len(TOPICS)]
    return SeminarPage(
        title=f"Bench seminar {n:04d}: {topic}",
        slug=f"bench-seminar-{n:04d}",
        series=series[n % len(series)] if series and n % 4 == 0 else None,
        summary=f"Lectures and case discussions on {topic}, seminar {n} of the exchange.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3 + n % 6),
        format=seminar_format,
        discipline=Discipline.values[n % len(Discipline.values)],
        in_french=n % 2 == 0,
        audience="Surgeons, oncologists, physicists and nurses.",
        venue_name=venue if onsite else "",
        city=city if onsite else "",
        online_platform="Tencent Meeting" if online else "",
        online_join_url=f"https://meeting.tencent.com/dm/bench-{n:04d}" if online else "",
        capacity_onsite=60 + (n * 7) % 140 if onsite else 0,
        capacity_online=100 + (n * 13) % 300 if online else 0,
        requires_approval=n % 10 == 0,
        body=[("paragraph", f"<p>Programme of the seminar on {topic}.</p>")],
    )


def generate_seminars(count):
    """Publish `count` seminars under the English seminar index, one revision each."""
    index = seminar_index()
    before = index.get_children().count()
    now = timezone.now()
    series = list(SeminarSeries.objects.filter(locale=Locale.get_default()))
    with transaction.atomic():
        for n in range(count):
            seminar = _seminar(n, count, now, series)
            index.add_child(instance=seminar)
            seminar.save_revision().publish()
    check_tree(index, before + count)
    return index


def check_tree(index, expected):
    """The tree must be valid as built (no fix_tree): numchild, children and live pages agree."""
    problems = Page.find_problems()
    if any(problems):
        names = ("evil_chars", "bad_steplen", "orphans", "wrong_depth", "wrong_numchild")
        raise RuntimeError(f"Page tree problems: {dict(zip(names, problems, strict=True))}")
    index.refresh_from_db()
    children = index.get_children().count()
    live = SeminarPage.objects.live().child_of(index).count()
    if not index.numchild == children == live == expected:
        raise RuntimeError(
            f"seminar index: numchild={index.numchild}, children={children}, live={live}, "
            f"expected {expected}"
        )


def _person(rng, i):
    if rng.random() < 0.55:
        family, given = rng.choice(CHINESE[0]), rng.choice(CHINESE[1])
        name, country = f"{family} {given}", "China"
        language = "zh-hans" if rng.random() < 0.8 else "en"
    else:
        family, given = rng.choice(FRENCH[0]), rng.choice(FRENCH[1])
        name, country = f"{given} {family}", "France"
        language = "fr" if rng.random() < 0.8 else "en"
    ascii_name = name.encode("ascii", "ignore").decode().lower().replace(" ", ".")
    domain = "example.cn" if country == "China" else "example.fr"
    return {
        "full_name": name,
        "email": f"{ascii_name}.{i}@{domain}",
        "institution": rng.choice(INSTITUTIONS[country]),
        "department": rng.choice(DEPARTMENTS),
        "profession": rng.choice(PROFESSIONS),
        "country": country,
        "language": language,
        "dietary_needs": "Vegetarian" if rng.random() < 0.1 else "",
        "accessibility_needs": "Wheelchair access" if rng.random() < 0.02 else "",
        "answers": {str(uuid.UUID(int=1)): ANSWER} if rng.random() < 0.3 else {},
    }


class _Seats:
    """Decides statuses for one seminar in registration order, as the services would."""

    def __init__(self, seminar, now):
        self.seminar = seminar
        self.past = seminar.ends_at < now
        self.taken = Counter(
            Registration.objects.filter(seminar=seminar, status__in=SEAT_HOLDING).values_list(
                "mode", flat=True
            )
        )

    def status(self, rng, mode):
        roll = rng.random()
        if roll < 0.07:
            return Status.CANCELLED
        if self.seminar.requires_approval and roll < 0.12:
            return Status.DECLINED
        if self.seminar.requires_approval and not self.past and roll < 0.5:
            return Status.PENDING
        if self.taken[mode] >= self.seminar.capacity(mode):
            return Status.WAITLISTED
        self.taken[mode] += 1
        if not self.past:
            return Status.CONFIRMED
        return Status.NO_SHOW if roll > 0.88 else Status.ATTENDED


def _registrations(plan, now, rng):
    """Registration instances (unsaved), seminar after seminar, in registration order."""
    i = 0
    for seminar, count in plan:
        seats = _Seats(seminar, now)
        latest = min(now, seminar.starts_at - datetime.timedelta(hours=1))
        moments = sorted(
            latest - datetime.timedelta(seconds=rng.uniform(0, 90 * 86400)) for _ in range(count)
        )
        for created_at in moments:
            mode = rng.choice(seminar.modes)
            status = seats.status(rng, mode)
            i += 1
            yield Registration(
                seminar=seminar,
                token=tokens.new_token(),
                status=status,
                mode=mode,
                consented_at=created_at,
                created_at=created_at,
                status_changed_at=created_at,
                checked_in_at=seminar.starts_at if status == Status.ATTENDED else None,
                **_person(rng, i),
            )


def _plan(index, total, rng):
    """[(seminar, registrations)]: the demo seminar topped up to ~1000, the rest spread unevenly
    over the generated seminars (weights 1 to 4)."""
    target = demo_seminar(index)
    extra = 0
    if target is not None:
        extra = min(max(DETAIL_REGISTRATIONS - target.registrations.count(), 0), total)
    generated = list(SeminarPage.objects.child_of(index).filter(slug__startswith="bench-seminar-"))
    if not generated:
        return [(target, total)] if target else []
    weights = [1 + (n * 7) % 4 for n in range(len(generated))]
    spread = Counter(rng.choices(range(len(generated)), weights=weights, k=total - extra))
    plan = [(target, extra)] if extra else []
    plan += [(generated[n], spread[n]) for n in sorted(spread)]
    return plan


def generate_registrations(index, total, seed=42):
    """Insert `total` registrations with bulk_create in batches of BATCH_SIZE."""
    rng = random.Random(seed)
    now = timezone.now()
    before = Registration.objects.count()
    batch = []
    with transaction.atomic():
        for registration in _registrations(_plan(index, total, rng), now, rng):
            batch.append(registration)
            if len(batch) == BATCH_SIZE:
                Registration.objects.bulk_create(batch)
                batch = []
        if batch:
            Registration.objects.bulk_create(batch)
    made = Registration.objects.count() - before
    if made != total:
        raise RuntimeError(f"{made} registrations inserted, {total} expected")


def summary(index):
    statuses = dict(Registration.objects.order_by().values_list("status").annotate(n=Count("pk")))
    target = demo_seminar(index)
    return {
        "seminar_pages": SeminarPage.objects.count(),
        "registrations": sum(statuses.values()),
        "registrations_by_status": statuses,
        "detail_seminar_registrations": target.registrations.count() if target else 0,
    }
