"""Programme figures: the coordinators' applications listing, the applicant's dashboard, the
reviewer's assignments and a call's ranking (test client, in-process, as the seminar figures),
then a committee dossier of DOSSIER_PARTS documents built and timed.

The issue's bar: with 10,000 applications and 50,000 documents, the listing's median under
LISTING_TARGET_MS, the dashboard's under DASHBOARD_TARGET_MS, query counts that do not grow with
the data (tests/exchange/test_query_counts.py asserts it; here the count on the demo content is
shown beside the count on the generated data), and the dossier built in under DOSSIER_TARGET_S.
"""

import io
import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import exchange_data, render

LISTING_TARGET_MS = 300
DASHBOARD_TARGET_MS = 100
DOSSIER_TARGET_S = 5
DOSSIER_PARTS = (20, 10)  # multi-page PDFs, large PNG scans
DOSSIER_REPEAT = 3
LISTING = "/admin/exchange/applications/"
REVIEWS = "/admin/reviews/"
DASHBOARD_LANGUAGE = "zh-hans"
DEMO_APPLICANT = "liu.yang@example.cn"  # the dashboard before the generated data
RANKING_REPEAT = 5  # the ranking of 1,300 applications takes seconds a render


def client_for(email):
    user = get_user_model().objects.get(email=email)
    client = Client()
    client.force_login(user)
    return client


def clients(applicant_email):
    return {
        "coordinator": client_for(exchange_data.COORDINATOR_EMAIL),
        "reviewer": client_for(exchange_data.REVIEWER_EMAIL),
        "applicant": client_for(applicant_email),
    }


def pages(calls_ready=True):
    """(label, path, expected status, who, target ms). The ranking needs the generated calls."""
    qc = exchange_data.qc_call()
    rows = [
        ("listing p1", LISTING, 200, "coordinator", LISTING_TARGET_MS),
        (
            "listing call+status",
            f"{LISTING}?call={qc.pk}&status=submitted",
            200,
            "coordinator",
            LISTING_TARGET_MS,
        ),
        (
            "listing search",
            f"{LISTING}?q={exchange_data.SEARCH_TERM}",
            200,
            "coordinator",
            LISTING_TARGET_MS,
        ),
        ("listing p50", f"{LISTING}?p=50", 200, "coordinator", LISTING_TARGET_MS),
        ("dashboard", f"/{DASHBOARD_LANGUAGE}/my/", 200, "applicant", DASHBOARD_TARGET_MS),
        ("reviewer listing", REVIEWS, 200, "reviewer", None),
    ]
    if calls_ready:
        call = exchange_data.biggest_call()
        path = reverse("exchange_ranking:call", args=(call.pk,))
        rows.append(("ranking", path, 200, "coordinator", None))
    return rows


def query_counts(page_list, client_map):
    """Queries per page once warm, on the demo content (page 50 does not exist yet: skipped)."""
    counts = {}
    for label, path, _status, who, _target in page_list:
        if label == "listing p50":
            continue
        counts.update(render.query_counts([(label, path, 200)], client_map[who]))
    return counts


def render_all(page_list, repeat, baseline, client_map):
    rows = []
    for label, path, expected, who, target in page_list:
        renders = min(repeat, RANKING_REPEAT) if label == "ranking" else repeat
        row = render.measure(client_map[who], label, path, expected, renders)
        row["as"] = who
        row["queries_before_data"] = baseline.get(label)
        row["target_ms"] = target
        row["meets_target"] = None if target is None else row["median_ms"] <= target
        rows.append(row)
    return rows


# The dossier -------------------------------------------------------------------------------


def _pdf(pages, n):
    """A PDF of `pages` pages of text (a CV or a certificate as a word processor makes it)."""
    from portal.pdf import render_pdf

    return render_pdf(
        "bench/dossier_document.html",
        {"title": f"Document {n}", "pages": range(pages), "lines": range(20)},
    )


def _scan(n):
    """A 300 dpi A4 scan (2480 x 3508) of a typed page, as a PNG: lines of dark words on paper."""
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(n)
    image = Image.new("RGB", (2480, 3508), (246, 244, 238))
    draw = ImageDraw.Draw(image)
    for line in range(60):
        x, y = 200, 250 + line * 52
        while x < 2200:
            width = rng.randint(40, 220)
            draw.rectangle([x, y, x + width, y + 26], fill=(40, 40, 48))
            x += width + 28
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def dossier_parts():
    """DOSSIER_PARTS stored in private storage, read back from there as the dossier reads an
    application's files: 20 PDFs of 2 to 9 pages, 10 full-page scans."""
    from pypdf import PdfReader

    from portal.private import private_storage

    storage = private_storage()
    pdfs, scans = DOSSIER_PARTS
    parts, pages, size = [], 0, 0
    made = {}
    for n in range(pdfs):
        count = 2 + n % 8
        data = made.get(count) or made.setdefault(count, _pdf(count, n))
        parts.append(_stored(storage, f"document-{n:02d}.pdf", data, f"Document {n}", "pdf"))
        pages, size = pages + len(PdfReader(io.BytesIO(data)).pages), size + len(data)
    for n in range(scans):
        data = _scan(n)
        parts.append(_stored(storage, f"scan-{n:02d}.png", data, f"Scan {n}", "png"))
        pages, size = pages + 1, size + len(data)
    return parts, {"parts": len(parts), "pages": pages, "bytes": size}


def _stored(storage, name, data, title, kind):
    from portal.dossier import DossierPart

    path = f"{exchange_data.FILES_FOLDER}/dossier/{name}"
    if storage.exists(path):
        storage.delete(path)
    storage.save(path, io.BytesIO(data))
    section = "Documents" if kind == "pdf" else "Scans"
    return DossierPart(title, kind, lambda: storage.open(path, "rb"), section)


def dossier(repeat=DOSSIER_REPEAT):
    """An application's committee dossier as coordinators get it (exchange.dossier: its cover
    and form), with the 30 documents of dossier_parts() in place of the application's own,
    `repeat` times after one untimed warm-up (fonts, imports)."""
    from pypdf import PdfReader

    from exchange import dossier as committee
    from exchange.models import Application
    from exchange.review_summaries import identity
    from exchange.summaries import localized_call
    from portal.dossier import build_dossier

    application = (
        Application.objects.exclude(reference="")
        .select_related("call", "applicant")
        .order_by("pk")
        .first()
    )
    person = identity(application, blind=False)
    parts, made = dossier_parts()
    parts = [committee.form_part(application, blind=False, person=person), *parts]
    context = {
        "application": application,
        "call": localized_call(application.call),
        "person": person,
        "blind": False,
        "awaited_letters": 0,
        "prepared_at": timezone.now(),
    }

    def build():
        return build_dossier(
            parts,
            cover_template=committee.COVER_TEMPLATE,
            context=context,
            label=application.reference,
        )

    build()
    times, data = [], b""
    for _ in range(repeat):
        started = time.perf_counter()
        data = build()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {
        **made,
        "builder": "exchange.dossier (cover and form) + portal.dossier.build_dossier",
        "output_pages": len(PdfReader(io.BytesIO(data)).pages),
        "output_bytes": len(data),
        "median_s": round(median, 2),
        "max_s": round(max(times), 2),
        "builds": repeat,
        "target_s": DOSSIER_TARGET_S,
        "meets_target": median <= DOSSIER_TARGET_S,
    }
