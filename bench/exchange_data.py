"""Generated programme data: calls, applicants and their applications in every state, with
documents, referees, reviews and scores (bulk inserted, as seminar_data does for registrations).

APPLICATIONS applications for about APPLICANTS applicants are spread unevenly over the two open
demo calls and GENERATED_CALLS generated calls: some open (drafts, submitted, screening, returned),
some closed and in review (reviews assigned, declared, scored), some decided and released
(selected, reserve, not selected, offers answered). An applicant applies to one to a dozen calls;
HEAVY_EMAIL has HEAVY_APPLICATIONS applications, one per call, in as many states: the dashboard
figure is theirs. Documents (DOCUMENTS in all) point to a few small real files in private
storage, so a download or a dossier can open them. Statuses, references and scores follow the
rules the services keep (one reference per submitted application, unique reserve ranks per
call, scores weighted by the call's criteria).
"""

import io
import random
from collections import Counter
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, F, Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Locale

from exchange import demo_data as dd
from exchange.choices import (
    ApplicationStatus,
    Direction,
    DocumentKind,
    ProgrammeType,
    RefereeStatus,
    ReviewStatus,
)
from exchange.models import (
    Application,
    ApplicationDocument,
    ProgrammeIndexPage,
    ProgrammePage,
    Referee,
    ReferenceCounter,
    Review,
    Score,
    SelectionCriterion,
)
from exchange.models.documents import accepted_types
from portal import tokens, uploads
from portal.private import private_storage

BATCH_SIZE = 2000
APPLICATIONS = 10_000
DOCUMENTS = 50_000
APPLICANTS = 2_000
GENERATED_CALLS = 10
REVIEWERS = 40
HEAVY_EMAIL = "heavy.applicant@example.cn"
HEAVY_APPLICATIONS = 10
COORDINATOR_EMAIL = "coordinator@exchange-portal.localhost"
REVIEWER_EMAIL = "reviewer@exchange-portal.localhost"
SEARCH_TERM = "Wang"  # a family name about one applicant in twelve carries
FILES_FOLDER = "exchange/bench"
Status = ApplicationStatus

# The states of a call: open (applications coming in), in review (closed, the reviewers at
# work), decided (closed, decisions released, offers answered).
OPEN, IN_REVIEW, DECIDED = "open", "in_review", "decided"
# Generated calls: (state, weight of its share of applications). The biggest is in review.
GENERATED = [
    (OPEN, 3),
    (OPEN, 2),
    (OPEN, 1),
    (IN_REVIEW, 6),
    (IN_REVIEW, 3),
    (IN_REVIEW, 2),
    (DECIDED, 3),
    (DECIDED, 2),
    (DECIDED, 2),
    (DECIDED, 1),
]
DEMO_WEIGHTS = {dd.QC_CALL["slug"]: 5, dd.DIEP_CALL["slug"]: 3}
# (status, probability) of an application by the state of its call (decided calls: the
# submitted ones are then ranked into selected, reserve and not selected).
MIX = {
    OPEN: [
        (Status.DRAFT, 0.40),
        (Status.SUBMITTED, 0.28),
        (Status.SCREENING, 0.12),
        (Status.RETURNED, 0.08),
        (Status.WITHDRAWN, 0.05),
        (Status.INELIGIBLE, 0.07),
    ],
    IN_REVIEW: [
        (Status.DRAFT, 0.12),
        (Status.SCREENING, 0.05),
        (Status.IN_REVIEW, 0.70),
        (Status.INELIGIBLE, 0.08),
        (Status.WITHDRAWN, 0.05),
    ],
    DECIDED: [
        (Status.DRAFT, 0.12),
        (Status.NOT_SELECTED, 0.75),  # ranked: the best become selected or reserve
        (Status.INELIGIBLE, 0.08),
        (Status.WITHDRAWN, 0.05),
    ],
}
RESERVES = 8
# The heavy applicant's application on each call, in call order (demo calls first).
HEAVY_STATUSES = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.RETURNED,
    Status.DRAFT,
    Status.IN_REVIEW,
    Status.IN_REVIEW,
    Status.INELIGIBLE,
    Status.RESERVE,
    Status.OFFER_ACCEPTED,
]
SUBMITTED_ONWARDS = set(Status.values) - {Status.DRAFT}
REVIEWED = {
    Status.IN_REVIEW,
    Status.SELECTED,
    Status.RESERVE,
    Status.NOT_SELECTED,
    Status.OFFER_ACCEPTED,
    Status.OFFER_DECLINED,
    Status.OFFER_LAPSED,
}
KINDS = [
    DocumentKind.CV,
    DocumentKind.DIPLOMA,
    DocumentKind.LANGUAGE_CERTIFICATE,
    DocumentKind.MOTIVATION_LETTER,
    DocumentKind.PASSPORT,
    DocumentKind.PHOTO,
    DocumentKind.HEAD_OF_DEPARTMENT_LETTER,
]
TOPICS = [
    ("Breast surgery fellowship", "surgery", ProgrammeType.FELLOWSHIP),
    ("Medical physics placement", "radiotherapy", ProgrammeType.PLACEMENT),
    ("Breast imaging observership", "radiology", ProgrammeType.OBSERVERSHIP),
    ("Oncology nursing course", "nursing", ProgrammeType.COURSE),
    ("Pathology of breast cancer placement", "pathology", ProgrammeType.PLACEMENT),
]
CRITERIA = [
    ("Clinical experience", 3),
    ("Motivation and objectives", 2),
    ("Language", 1),
    ("Benefit to the home department", 2),
]
CHINESE = (
    ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun"],
    ["Fang", "Wei", "Na", "Min", "Jing", "Lei", "Yan", "Jun", "Hui", "Qiang", "Ting", "Hao"],
)
FRENCH = (
    ["Dupré", "Martin", "Bernard", "Dubois", "Moreau", "Lefèvre", "Girard", "Roux", "Fournier"],
    ["Hélène", "Claire", "Jean-Baptiste", "Sophie", "Étienne", "Camille", "Louis", "Anne"],
)
INSTITUTIONS = {
    "China": ["Hunan Cancer Hospital", "Xiangya Hospital", "Second Xiangya Hospital"],
    "France": ["Institut du sein", "CHU de Créteil", "Hôpital Tenon", "Institut Curie"],
}
PROFESSIONS = ["physicist", "radiation_oncologist", "surgeon", "nurse", "radiologist"]
LEVELS = ["A2", "B1", "B2", "C1", "C2"]


# Files -------------------------------------------------------------------------------------


def _pdf(pages):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _image(kind):
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 190, 170)).save(output, kind)
    return output.getvalue()


def store_files():
    """{name: (path, content type, size, pages)}: the few small files every row points to."""
    storage = private_storage()
    files = {
        "cv": (_pdf(2), uploads.PDF, 2),
        "letter": (_pdf(1), uploads.PDF, 1),
        "passport": (_image("JPEG"), uploads.JPEG, None),
        "photo": (_image("PNG"), uploads.PNG, None),
    }
    stored = {}
    for name, (data, kind, pages) in files.items():
        path = f"{FILES_FOLDER}/{name}.{kind.extension}"
        if storage.exists(path):
            storage.delete(path)
        storage.save(path, io.BytesIO(data))
        stored[name] = (path, kind, len(data), pages)
    return stored


def _file_for(kind):
    if kind == DocumentKind.PHOTO:
        return "photo"
    if kind == DocumentKind.PASSPORT:
        return "passport"
    if kind == DocumentKind.CV:
        return "cv"
    return "letter"


# Calls -------------------------------------------------------------------------------------


def programme_index():
    return ProgrammeIndexPage.objects.filter(locale=Locale.get_default()).first()


def _dates(state, n, now):
    if state == OPEN:
        opens, closes = now - timedelta(days=20 + n), now + timedelta(days=10 + 5 * n)
        release = closes + timedelta(days=28)
    elif state == IN_REVIEW:
        opens, closes = now - timedelta(days=90 + n), now - timedelta(days=10 + n)
        release = now + timedelta(days=20 + n)
    else:
        closes = now - timedelta(days=70 + 60 * n)
        opens, release = closes - timedelta(days=60), closes + timedelta(days=28)
    offer = release + timedelta(days=14)
    if state == DECIDED and offer > now:  # every offer of a decided call is answered
        offer = now - timedelta(days=1)
        release = offer - timedelta(days=14)
    return {
        "opens_at": opens,
        "closes_at": closes,
        "decision_release_at": release,
        "offer_deadline": offer,
    }


def generate_calls(count=GENERATED_CALLS, now=None):
    """Publish `count` calls under the programme index (English), each with its criteria."""
    now = now or timezone.now()
    index = programme_index()
    if index is None:
        raise RuntimeError("The demo's programme index is missing: load the demo content first.")
    calls = []
    with transaction.atomic():
        for n in range(count):
            state, _weight = GENERATED[n % len(GENERATED)]
            title, discipline, programme_type = TOPICS[n % len(TOPICS)]
            direction = Direction.values[n % 2]
            page = ProgrammePage(
                title=f"Bench call {n:02d}: {title}",
                slug=f"bench-call-{n:02d}",
                summary=f"Generated call {n} of the benchmark ({state}).",
                direction=direction,
                programme_type=programme_type,
                discipline=discipline,
                duration_weeks=4 + n % 8,
                places=2 + n % 3,
                required_documents=[*KINDS[:5], KINDS[5 + n % 2]],
                referees_required=1 + n % 2,
                blind_review=n % 3 == 0,
                time_zone="Europe/Paris"
                if direction == Direction.CHINA_TO_FRANCE
                else "Asia/Shanghai",
                **_dates(state, n, now),
            )
            for order, (name, weight) in enumerate(CRITERIA):
                page.criteria.add(
                    SelectionCriterion(
                        name=name,
                        description=f"What {name.lower()} shows.",
                        weight=weight,
                        sort_order=order,
                    )
                )
            index.add_child(instance=page)
            page.save_revision().publish()
            calls.append((page, state, GENERATED[n % len(GENERATED)][1]))
    return calls


def demo_calls():
    """The open demo calls (English pages, which hold the applications), with their weights."""
    pages = ProgrammePage.objects.filter(
        slug__in=list(DEMO_WEIGHTS), locale=Locale.get_default()
    ).order_by("pk")
    return [(page, OPEN, DEMO_WEIGHTS[page.slug]) for page in pages]


# People ------------------------------------------------------------------------------------


def _person(rng, i):
    if rng.random() < 0.6:
        family, given = rng.choice(CHINESE[0]), rng.choice(CHINESE[1])
        name, country, language, domain = f"{family} {given}", "China", "zh-hans", "example.cn"
    else:
        family, given = rng.choice(FRENCH[0]), rng.choice(FRENCH[1])
        name, country, language, domain = f"{given} {family}", "France", "fr", "example.fr"
    ascii_name = name.encode("ascii", "ignore").decode().lower().replace(" ", ".")
    return {
        "email": f"{ascii_name}.{i}@{domain}",
        "full_name": name,
        "preferred_language": language if rng.random() < 0.8 else "en",
        "country": country,
        "passport_name": f"{family.upper()} {given}",
    }


def generate_people(rng, count=APPLICANTS, reviewers=REVIEWERS):
    """Applicants (the heavy one first) and reviewers, bulk inserted with verified addresses."""
    User = get_user_model()
    password = make_password(None)  # unusable: nobody signs in as them
    people = [_person(rng, i) for i in range(count - 1)]
    heavy = {
        "email": HEAVY_EMAIL,
        "full_name": "王芳",
        "preferred_language": "zh-hans",
        "country": "China",
        "passport_name": "WANG FANG",
    }
    people.insert(0, heavy)
    users = User.objects.bulk_create(
        [
            User(
                email=p["email"],
                full_name=p["full_name"],
                preferred_language=p["preferred_language"],
                password=password,
            )
            for p in people
        ],
        batch_size=BATCH_SIZE,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=BATCH_SIZE,
    )
    staff = User.objects.bulk_create(
        [
            User(
                email=f"reviewer{n:02d}@bench.exchange-portal.localhost",
                full_name=f"Dr Reviewer {n:02d}",
                is_staff=True,
                password=password,
                preferred_language=["en", "fr", "zh-hans"][n % 3],
            )
            for n in range(reviewers)
        ]
    )
    group = Group.objects.get(name="Reviewers")
    group.user_set.add(*staff)
    demo_reviewers = list(
        User.objects.filter(groups__name="Reviewers", is_staff=True).exclude(
            pk__in=[u.pk for u in staff]
        )
    )
    return list(zip(users, people, strict=True)), staff + demo_reviewers


def second_factor(*emails):
    """A TOTP authenticator for each staff login measured: production asks staff for MFA
    (PORTAL_REQUIRE_STAFF_MFA), and the admin is measured as a staff member reaches it."""
    User = get_user_model()
    for user in User.objects.filter(email__in=emails):
        Authenticator.objects.get_or_create(
            user=user,
            type=Authenticator.Type.TOTP,
            defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}},
        )


# Applications ------------------------------------------------------------------------------


def _weighted_sample(rng, population, weights, k):
    """k distinct items, each drawn with its weight (Efraimidis-Spirakis keys)."""
    keyed = sorted(population, key=lambda i: rng.random() ** (1.0 / weights[i]), reverse=True)
    return keyed[:k]


def plan(rng, calls, applicant_count, total=APPLICATIONS):
    """[(call index, applicant index, forced status or None)]: the heavy applicant (index 0) on
    the first HEAVY_APPLICATIONS calls, the others spread by call weight and by how keen each
    applicant is (a few apply to nearly every call, most to one or two)."""
    heavy = [(c, 0, HEAVY_STATUSES[c]) for c in range(min(HEAVY_APPLICATIONS, len(calls)))]
    remaining = total - len(heavy)
    weights = [weight for _call, _state, weight in calls]
    quotas = [round(remaining * w / sum(weights)) for w in weights]
    quotas[0] += remaining - sum(quotas)
    keenness = {i: rng.paretovariate(1.2) for i in range(1, applicant_count)}
    rows = list(heavy)
    for c, quota in enumerate(quotas):
        chosen = _weighted_sample(rng, list(keenness), keenness, min(quota, len(keenness)))
        rows += [(c, a, None) for a in chosen]
    return rows


def _status(rng, state):
    roll, total = rng.random(), 0.0
    for status, share in MIX[state]:
        total += share
        if roll < total:
            return status
    return MIX[state][-1][0]


def _fields(rng, person, call, status, now):
    """The columns of one application in `status` on `call`."""
    complete = status != Status.DRAFT or rng.random() < 0.3
    country = person["country"]
    created = call.opens_at + (min(call.closes_at, now) - call.opens_at) * rng.uniform(0.0, 0.6)
    fields = {
        "status": status,
        "created_at": created,
        "passport_name": person["passport_name"],
        "nationality": "Chinese" if country == "China" else "French",
        "institution": rng.choice(INSTITUTIONS[country]),
        "department": "Radiotherapy" if rng.random() < 0.5 else "Breast surgery",
        "profession": rng.choice(PROFESSIONS),
    }
    if complete:
        start = call.closes_at.date() + timedelta(days=120)
        fields |= {
            "date_of_birth": date(1975 + rng.randrange(20), 1 + rng.randrange(12), 1),
            "phone": f"+86 731 8865 {rng.randrange(10000):04d}",
            "position": "Attending physician",
            "years_experience": 2 + rng.randrange(15),
            "english_level": rng.choice(LEVELS),
            "french_level": rng.choice(LEVELS),
            "motivation": "To learn how the partner team works and bring it home. " * 4,
            "training_objectives": "Run the quality-control programme independently. " * 3,
            "earliest_start": start,
            "latest_end": start + timedelta(weeks=call.duration_weeks + 2),
        }
    if status in SUBMITTED_ONWARDS:
        fields["submitted_at"] = created + (min(call.closes_at, now) - created) * rng.uniform(
            0.1, 0.95
        )
    if status == Status.RETURNED:
        fields["return_message"] = "Your diploma is missing its second page."
        fields["return_deadline"] = max(call.closes_at, now) + timedelta(days=7)
    if status == Status.INELIGIBLE:
        fields["ineligible_reason"] = "Fewer years of practice than the call asks for."
    if status == Status.WITHDRAWN:
        fields["withdrawn_at"] = min(fields["submitted_at"] + timedelta(days=2), now)
        fields["withdrawal_reason"] = "My department cannot spare me this year."
    return fields


def _decide(rows_by_call, calls, rng):
    """On each decided call, rank the submitted applications by quality: the best `places`
    selected (most accepted the offer), the next RESERVES on the reserve list in order."""
    for c, rows in rows_by_call.items():
        call, state, _weight = calls[c]
        if state != DECIDED:
            continue
        ranked = sorted(
            (row for row in rows if row["status"] == Status.NOT_SELECTED and not row["forced"]),
            key=lambda row: row["quality"],
            reverse=True,
        )
        offers = [Status.OFFER_ACCEPTED, Status.OFFER_DECLINED, Status.OFFER_LAPSED]
        places = call.places - sum(row["forced"] in offers for row in rows)
        for n, row in enumerate(ranked[:places]):
            row["status"] = offers[0] if n else rng.choice(offers)
        for n, row in enumerate(ranked[places : places + RESERVES], start=1):
            row["status"], row["reserve_rank"] = Status.RESERVE, n
        for row in rows:
            if row["forced"] == Status.RESERVE:
                row["reserve_rank"] = RESERVES + 1


def _decision_fields(row, call):
    status = row["status"]
    if status not in REVIEWED or status == Status.IN_REVIEW:
        return {}
    fields = {
        "decided_at": call.decision_release_at - timedelta(days=3),
        "decision_released_at": call.decision_release_at,
        "decision_note": "Ranked by the committee.",
        "reserve_rank": row.get("reserve_rank"),
    }
    if status in (
        Status.SELECTED,
        Status.OFFER_ACCEPTED,
        Status.OFFER_DECLINED,
        Status.OFFER_LAPSED,
    ):
        fields["offer_deadline"] = call.offer_deadline
    if status in (Status.OFFER_ACCEPTED, Status.OFFER_DECLINED):
        fields["offer_answered_at"] = call.offer_deadline - timedelta(days=5)
    return fields


def _references(applications):
    """HX-<year>-<n>: one per submitted application, numbered in submission order per year;
    the counters carry on from the demo's own references and are left where the services will
    carry on."""
    last = Counter({row.year: row.last_number for row in ReferenceCounter.objects.all()})
    for application in sorted(
        (a for a in applications if a.submitted_at), key=lambda a: a.submitted_at
    ):
        year = application.submitted_at.year
        last[year] += 1
        application.reference = f"HX-{year}-{last[year]:04d}"
    for year, number in last.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": number})


def generate_applications(seed=7, total=APPLICATIONS, documents=DOCUMENTS, applicants=APPLICANTS):
    """The whole programme data set; returns what the figures need to find again."""
    rng = random.Random(seed)
    now = timezone.now()
    files = store_files()
    calls = demo_calls() + generate_calls(now=now)
    people, reviewers = generate_people(rng, applicants)
    rows_by_call = {}
    for c, a, forced in plan(rng, calls, len(people), total):
        call, state, _weight = calls[c]
        status = forced or _status(rng, state)
        rows_by_call.setdefault(c, []).append(
            {"applicant": a, "status": status, "forced": forced, "quality": rng.uniform(3, 9.5)}
        )
    _decide(rows_by_call, calls, rng)
    with transaction.atomic():
        rows, instances = [], []
        for c, call_rows in rows_by_call.items():
            call = calls[c][0]
            for row in call_rows:
                user, person = people[row["applicant"]]
                fields = _fields(rng, person, call, row["status"], now)
                fields |= _decision_fields(row, call)
                instances.append(Application(call=call, applicant=user, **fields))
                rows.append((row, call))
        _references(instances)
        Application.objects.bulk_create(instances, batch_size=BATCH_SIZE)
        # auto_now stamped every row with now: the last change is the submission (or creation).
        Application.objects.filter(call__in=[c for c, _s, _w in calls]).update(
            updated_at=Coalesce(F("submitted_at"), F("created_at"))
        )
        pairs = list(zip(instances, rows, strict=True))
        _documents(rng, pairs, files, documents)
        _referees(rng, pairs, files, now)
        _reviews(rng, pairs, reviewers, now)
    second_factor(COORDINATOR_EMAIL, REVIEWER_EMAIL)
    return calls


def _documents(rng, pairs, files, target):
    """Every required document of a submitted application; some of a draft's; exactly
    `target` rows in all where the drafts leave room (they give or take the difference)."""
    plans = []
    for application, (_row, call) in pairs:
        kinds = [k for k in call.required_documents if k in DocumentKind.values]
        if application.status == Status.DRAFT:
            kinds = kinds[: rng.randrange(len(kinds) + 1)]
        plans.append(
            [application, kinds, [k for k in call.required_documents if k in DocumentKind.values]]
        )
    drafts = [p for p in plans if p[0].status == Status.DRAFT]
    difference = target - sum(len(p[1]) for p in plans)
    rng.shuffle(drafts)
    for entry in drafts * 7:  # a draft gains or loses one document per pass
        if difference == 0:
            break
        _application, kinds, required = entry
        if difference > 0 and len(kinds) < len(required):
            kinds.append(required[len(kinds)])
            difference -= 1
        elif difference < 0 and kinds:
            kinds.pop()
            difference += 1
    batch = []
    for application, kinds, _required in plans:
        name = application.passport_name.lower().replace(" ", "-")
        for kind in kinds:
            path, file_kind, size, pages = files[_file_for(kind)]
            if file_kind not in accepted_types(kind):
                raise RuntimeError(f"{kind} does not accept {file_kind.label}")
            batch.append(
                ApplicationDocument(
                    application=application,
                    kind=kind,
                    path=path,
                    original_name=f"{kind}-{name}.{file_kind.extension}",
                    content_type=file_kind.content_type,
                    size=size,
                    pages=pages,
                    uploaded_at=application.created_at + timedelta(days=1),
                )
            )
    ApplicationDocument.objects.bulk_create(batch, batch_size=BATCH_SIZE)


REFEREE_NAMES = ["Prof. Zhou Ming", "Dr Hélène Garnier", "Prof. Chen Li", "Dr Louis Bernard"]
FORM_ANSWERS = {
    "known_for": "3_5",
    "capacity": "Head of department",
    "clinical_skills": "very_good",
    "communication": "good",
    "recommendation": "recommend",
    "comments": "I recommend this colleague without reservation.",
}


def _referee_status(rng, status):
    if status == Status.DRAFT:
        return rng.choice([RefereeStatus.REQUESTED, RefereeStatus.OPENED])
    if status in REVIEWED:
        return RefereeStatus.RECEIVED
    return rng.choice([RefereeStatus.REQUESTED, RefereeStatus.OPENED, RefereeStatus.RECEIVED])


def _referees(rng, pairs, files, now):
    """The call's number of referees for every submitted application (and drafts that got
    that far); one in twenty replaced someone who never answered."""
    letter_path, _type, letter_size, _pages = files["letter"]
    batch = []
    for application, (_row, call) in pairs:
        if application.status == Status.DRAFT and rng.random() < 0.5:
            continue
        asked = application.created_at + timedelta(days=2)
        for n in range(call.referees_required):
            status = _referee_status(rng, application.status)
            received = status == RefereeStatus.RECEIVED
            by_file = received and rng.random() < 0.6
            fields = {
                "application": application,
                "name": REFEREE_NAMES[(application.pk + n) % len(REFEREE_NAMES)],
                "email": f"referee{n}.{application.pk}@example.org",
                "institution": "Hunan Cancer Hospital",
                "position": "Head of department",
                "language": ["en", "fr", "zh-hans"][n % 3],
                "token": tokens.new_token(),
                "status": status,
                "requested_at": asked,
                "opened_at": asked + timedelta(days=1)
                if status != RefereeStatus.REQUESTED
                else None,
                "letter_received_at": asked + timedelta(days=5) if received else None,
                "letter_path": letter_path if by_file else "",
                "letter_name": "letter.pdf" if by_file else "",
                "letter_size": letter_size if by_file else None,
                "letter_pages": 1 if by_file else None,
                "form_answers": FORM_ANSWERS if received and not by_file else {},
            }
            if rng.random() < 0.05:
                batch.append(
                    Referee(
                        **{
                            **fields,
                            "email": f"former{n}.{application.pk}@example.org",
                            "token": tokens.new_token(),
                            "status": RefereeStatus.REPLACED,
                            "opened_at": None,
                            "letter_received_at": None,
                            "letter_path": "",
                            "letter_name": "",
                            "letter_size": None,
                            "letter_pages": None,
                            "form_answers": {},
                            "replaced_at": asked + timedelta(days=1),
                            "requested_at": asked - timedelta(days=9),
                        }
                    )
                )
            batch.append(Referee(**fields))
    Referee.objects.bulk_create(batch, batch_size=BATCH_SIZE)


def _weighted(scores):
    total = sum(value * weight for weight, value in scores)
    weights = sum(weight for weight, _value in scores)
    return (Decimal(total) / Decimal(weights)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _reviews(rng, pairs, reviewers, now):
    """Two or three reviewers per application in review or decided; on a call still in review
    some have not declared or finished; on a decided call every review counts (but for the
    few conflicts declared)."""
    criteria = {}
    for criterion in SelectionCriterion.objects.filter(
        programme__in={call.pk for _a, (_r, call) in pairs}
    ):
        criteria.setdefault(criterion.programme_id, []).append(criterion)
    reviews, scores = [], []
    for application, (row, call) in pairs:
        if application.status not in REVIEWED:
            continue
        decided = application.status != Status.IN_REVIEW
        assigned_at = application.submitted_at + timedelta(days=5)
        for reviewer in rng.sample(reviewers, 2 + (rng.random() < 0.3)):
            roll = rng.random()
            if roll < 0.04:
                status = ReviewStatus.CONFLICT
            elif decided or roll < 0.6:
                status = ReviewStatus.SUBMITTED
            elif roll < 0.8:
                status = ReviewStatus.IN_PROGRESS
            else:
                status = ReviewStatus.ASSIGNED
            review = Review(
                application=application,
                reviewer=reviewer,
                status=status,
                assigned_at=assigned_at,
                due_at=assigned_at + timedelta(days=21),
                conflict_declared_at=assigned_at + timedelta(days=1)
                if status != ReviewStatus.ASSIGNED
                else None,
                conflict_note="We work in the same department."
                if status == ReviewStatus.CONFLICT
                else "",
            )
            values = []
            if status == ReviewStatus.SUBMITTED:
                for criterion in criteria.get(call.pk, []):
                    value = max(0, min(10, round(rng.gauss(row["quality"], 1.5))))
                    values.append((criterion, value))
                review.weighted_score = (
                    _weighted([(c.weight, v) for c, v in values]) if values else None
                )
                review.comment = "Solid application; clear objectives."
                review.recommendation = "recommend" if row["quality"] > 6 else "reservations"
                review.submitted_at = assigned_at + timedelta(days=10)
            reviews.append(review)
            scores.append(values)
    Review.objects.bulk_create(reviews, batch_size=BATCH_SIZE)
    Score.objects.bulk_create(
        [
            Score(review=review, criterion=criterion, value=value)
            for review, values in zip(reviews, scores, strict=True)
            for criterion, value in values
        ],
        batch_size=BATCH_SIZE,
    )


# What the figures find again --------------------------------------------------------------


def heavy_applicant():
    return get_user_model().objects.get(email=HEAVY_EMAIL)


def biggest_call():
    """The call with the most applications in review or decided: the ranking measured."""
    from exchange.ranking import RANKED_STATUSES

    return (
        ProgrammePage.objects.filter(applications__status__in=RANKED_STATUSES)
        .annotate(n=Count("applications"))
        .order_by("-n", "pk")
        .first()
    )


def qc_call():
    return ProgrammePage.objects.get(slug=dd.QC_CALL["slug"], locale=Locale.get_default())


def summary():
    statuses = dict(Application.objects.order_by().values_list("status").annotate(n=Count("pk")))
    per_applicant = Application.objects.order_by().values("applicant").annotate(n=Count("pk"))
    reviewer = get_user_model().objects.filter(email=REVIEWER_EMAIL).first()
    biggest = biggest_call()
    return {
        "applications": sum(statuses.values()),
        "applications_by_status": statuses,
        "applicants": per_applicant.count(),
        "most_applications_per_applicant": per_applicant.aggregate(m=Max("n"))["m"],
        "documents": ApplicationDocument.objects.count(),
        "referees": Referee.objects.count(),
        "reviews": Review.objects.count(),
        "scores": Score.objects.count(),
        "calls_with_applications": ProgrammePage.objects.filter(applications__isnull=False)
        .distinct()
        .count(),
        "heavy_applicant_applications": Application.objects.filter(
            applicant__email=HEAVY_EMAIL
        ).count(),
        "demo_reviewer_assignments": Review.objects.filter(reviewer=reviewer).count()
        if reviewer
        else 0,
        "biggest_call_ranked": biggest.n if biggest else 0,
    }
