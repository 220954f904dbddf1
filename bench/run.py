"""The phases of a run, in order, and the results they add up to."""

import contextlib
import os
import time

import django
import wagtail
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection

from bench import (
    contention,
    data,
    database,
    exchange,
    exchange_data,
    load,
    render,
    report,
    seminar_data,
    seminars,
    server,
)

WORKERS = 2
HOME = "/en/"
STATIC_FILE = "css/site.css"


@contextlib.contextmanager
def timed(label, timings):
    print(f"{label} ...", flush=True)
    started = time.perf_counter()
    yield
    timings[label] = round(time.perf_counter() - started, 2)
    print(f"{label}: {timings[label]:.1f} s", flush=True)


def build(args, timings):
    """Static files, demo content, baseline query counts, generated data."""
    with timed("collectstatic", timings):
        database.collect_static()
    with timed("demo content", timings):
        database.load_demo()
    page_list, baseline, seminar_setup = [], {}, None
    if "site" in args.phases:
        page_list = render.pages(data.middle_page_number(args.scale))
        baseline = render.query_counts(page_list)
    if "seminars" in args.phases:
        seminar_setup = seminar_baseline()
    exchange_setup = exchange_baseline() if "exchange" in args.phases else None
    if "site" in args.phases:
        with timed("generate news", timings):
            data.generate_news(args.scale)
        with timed("generate snippets", timings):
            data.generate_snippets(
                institutions=max(args.scale // 10, 5), people=max(args.scale, 20)
            )
    if "seminars" in args.phases:
        with timed("generate seminars", timings):
            seminar_data.generate_seminars(args.seminars)
        with timed("generate registrations", timings):
            seminar_data.generate_registrations(seminar_setup["index"], args.registrations)
    if "exchange" in args.phases:
        with timed("generate applications", timings):
            exchange_data.generate_applications(
                total=args.applications, documents=args.documents, applicants=args.applicants
            )
    return page_list, baseline, seminar_setup, exchange_setup


def exchange_baseline():
    """The listing's and the reviewer's query counts on the demo content, and the dashboard's
    for the demo applicant (one draft): what the generated data must not change."""
    exchange_data.second_factor(exchange_data.COORDINATOR_EMAIL, exchange_data.REVIEWER_EMAIL)
    client_map = exchange.clients(exchange.DEMO_APPLICANT)
    return {"baseline": exchange.query_counts(exchange.pages(calls_ready=False), client_map)}


def exchange_figures(args, setup, timings):
    """The programme pages on the generated applications, then the committee dossier."""
    client_map = exchange.clients(exchange_data.HEAVY_EMAIL)
    with timed("render programme pages", timings):
        rows = exchange.render_all(exchange.pages(), args.repeat, setup["baseline"], client_map)
    with timed("dossier", timings):
        built = exchange.dossier()
    return {"data": exchange_data.summary(), "pages": rows, "dossier": built}


def seminar_baseline():
    """The seminar URLs (fixed on the demo content) and their query counts before the data."""
    index = seminar_data.seminar_index()
    client = seminars.admin_client()
    # The admin asks staff for a second factor (PORTAL_REQUIRE_STAFF_MFA): without one every
    # admin page would answer with a redirect to the MFA setup.
    exchange_data.second_factor(
        *get_user_model().objects.filter(is_superuser=True).values_list("email", flat=True)
    )
    page_list = seminars.pages(index, seminars.targets(index))
    return {
        "index": index,
        "client": client,
        "pages": page_list,
        "baseline": seminars.query_counts(page_list, client),
    }


def seminar_figures(args, setup, timings):
    """Seminar pages, the CSV export and the registration rush (PostgreSQL only)."""
    with timed("render seminar pages", timings):
        rows = seminars.render_all(setup["pages"], args.repeat, setup["baseline"], setup["client"])
    with timed("export", timings):
        exported = seminars.export(setup["client"])
    with timed("contention", timings):
        rush = contention.run(setup["index"])
    return {
        "data": seminar_data.summary(setup["index"]),
        "pages": rows,
        "export": exported,
        "contention": rush,
    }


def static_url(home_html):
    """The hashed URL of css/site.css (from the manifest), checked against the home page HTML."""
    url = staticfiles_storage.url(STATIC_FILE)
    if url not in home_html:
        raise RuntimeError(f"{url} is not in the home page: the manifest and the page disagree")
    return url


def throughput(args, database_name, home_html):
    static = static_url(home_html)
    with server.gunicorn(database_name, workers=WORKERS) as port:
        # Untimed warm-up: each worker imports and fills its caches on its first requests.
        load.hammer(port, HOME, 1, args.concurrency)
        load.hammer(port, static, 1, args.concurrency)
        home = load.hammer(port, HOME, args.seconds, args.concurrency)
        static_run = load.hammer(port, static, args.seconds, args.concurrency)
    ratio = round(home["rps"] / static_run["rps"], 4) if static_run["rps"] else None
    return {"home": home, "static": static_run, "ratio_home_static": ratio}


def config(args):
    return {
        "scale": args.scale,
        "repeat": args.repeat,
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "seminars": args.seminars,
        "registrations": args.registrations,
        "skip_throughput": args.skip_throughput,
        "phases": sorted(args.phases),
        "applications": args.applications,
        "documents": args.documents,
        "applicants": args.applicants,
        "workers": WORKERS,
        "languages": data.LANGUAGES,
        "database": connection.vendor,
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "cpus": os.cpu_count(),
    }


def _load():
    """The 1-minute load average: other work on the machine skews every figure here."""
    return round(os.getloadavg()[0], 2)


def run(args):
    database.check_settings()
    load_start = _load()
    started = time.perf_counter()
    timings = {}
    with contextlib.ExitStack() as stack:
        with timed("migrate", timings):
            database_name = stack.enter_context(database.fresh_database())
        page_list, baseline, seminar_setup, exchange_setup = build(args, timings)
        pages = []
        if "site" in args.phases:
            with timed("render pages", timings):
                pages = render.render_all(page_list, args.repeat, baseline)
        seminar_results = None
        if "seminars" in args.phases:
            seminar_results = seminar_figures(args, seminar_setup, timings)
        exchange_results = None
        if "exchange" in args.phases:
            exchange_results = exchange_figures(args, exchange_setup, timings)
        rates = None
        if "site" in args.phases and not args.skip_throughput:
            home_html = render.Client().get(HOME).content.decode()
            with timed("throughput", timings):
                rates = throughput(args, database_name, home_html)
        data_counts = data.counts()
    timings["total"] = round(time.perf_counter() - started, 2)
    results = {
        "config": {**config(args), "load_average": {"start": load_start, "end": _load()}},
        "timings": timings,
        "data": data_counts,
        "pages": pages,
        "throughput": rates,
        "seminars": seminar_results,
        "exchange": exchange_results,
    }
    print(report.summary(results))
    path = settings.BENCH_DIR / "results.json"
    report.write_json(results, path)
    print(f"\nWritten to {path}")
    return results
