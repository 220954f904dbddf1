"""Seminar figures: public and admin pages (test client), the streamed CSV export, memory."""

import datetime
import gc
import os
import resource
import threading
import time

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client

from bench import render, seminar_data
from seminars.choices import RegistrationStatus
from seminars.models import Registration

TARGET_MS = 300
ADMIN_LISTING = "/admin/seminars/registrations/"
FEED = "/seminars/calendar.ics"
ADMIN_EMAIL = "bench-admin@example.org"
EXPORT_SMALL = 10_000


def admin_client():
    """A test client logged in (force_login) as a superuser, made if the demo has none."""
    User = get_user_model()
    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        user = User.objects.create_superuser(ADMIN_EMAIL, None, full_name="Bench administrator")
    client = Client()
    client.force_login(user)
    return client


def targets(index):
    """The URLs, fixed before the generated data so the same paths are measured twice."""
    seminar = seminar_data.demo_seminar(index)
    if seminar is None:
        raise RuntimeError("The demo's upcoming Mastopathy Day is missing: no detail page to time.")
    registration = (
        Registration.objects.filter(seminar=seminar, status=RegistrationStatus.CONFIRMED)
        .order_by("pk")
        .first()
    )
    return {"seminar": seminar, "registration": registration}


def pages(index, found):
    """(label, path, expected status, admin?) for each seminar page."""
    base = index.url  # /en/seminars/
    seminar = found["seminar"]
    return [
        ("seminar index", base, 200, False),
        ("seminar archive", f"{base}?format=hybrid&page=3", 200, False),
        ("seminar detail", seminar.url, 200, False),
        ("private page", f"/en/registration/{found['registration'].token}/", 200, False),
        ("calendar feed", FEED, 200, False),
        ("admin regs", ADMIN_LISTING, 200, True),
        ("admin regs seminar", f"{ADMIN_LISTING}?seminar={seminar.pk}", 200, True),
        ("admin regs status", f"{ADMIN_LISTING}?status=waitlisted", 200, True),
    ]


def _split(page_list):
    public = [(label, path, status) for label, path, status, admin in page_list if not admin]
    admin = [(label, path, status) for label, path, status, admin in page_list if admin]
    return public, admin


def query_counts(page_list, client):
    public, admin = _split(page_list)
    return {**render.query_counts(public), **render.query_counts(admin, client)}


def render_all(page_list, repeat, baseline, client):
    public, admin = _split(page_list)
    rows = render.render_all(public, repeat, baseline) + render.render_all(
        admin, repeat, baseline, client
    )
    for row in rows:
        row["target_ms"] = TARGET_MS
        row["meets_target"] = row["median_ms"] <= TARGET_MS
    return rows


def _maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20


def _rss_mb():
    """The resident set size now (not the lifetime peak that ru_maxrss gives)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_MB


class RssSampler(threading.Thread):
    """Samples the process's resident memory every few milliseconds; keeps the highest."""

    def __init__(self, interval=0.005):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = _rss_mb()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, _rss_mb())
            time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.join()
        self.peak = max(self.peak, _rss_mb())
        return self.peak


def stream(client, path):
    """GET an export and consume streaming_content chunk by chunk, keeping none of it.

    Memory: the resident set sampled while streaming (peak minus the size just before), and
    the growth of ru_maxrss (zero when the process had been bigger earlier in the run).
    """
    gc.collect()
    rss_before, maxrss_before = _rss_mb(), _maxrss_mb()
    sampler = RssSampler()
    sampler.start()
    started = time.perf_counter()
    try:
        response = client.get(path)
        if response.status_code != 200 or not response.streaming:
            raise RuntimeError(
                f"{path}: status {response.status_code}, streaming {response.streaming}"
            )
        size = chunks = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            chunks += 1
            lines += chunk.count(b"\n")
        response.close()
        elapsed = time.perf_counter() - started
    finally:
        peak = sampler.stop()
    return {
        "path": path,
        "seconds": round(elapsed, 2),
        "bytes": size,
        "rows": lines - 1,  # one line per row (no value holds a line break), minus the heading
        "chunks": chunks,
        "rss_before_mb": round(rss_before, 1),
        "rss_peak_growth_mb": round(peak - rss_before, 1),
        "maxrss_growth_mb": round(_maxrss_mb() - maxrss_before, 1),
    }


def _small_export_path():
    """The listing filtered to roughly the EXPORT_SMALL newest registrations (by date)."""
    newest = Registration.objects.order_by("-created_at").values_list("created_at", flat=True)
    moment = newest[EXPORT_SMALL - 1 : EXPORT_SMALL].first()
    if moment is None:
        return None
    day = (moment + datetime.timedelta(days=1)).date()
    return f"{ADMIN_LISTING}?export=csv&created_at_from={day:%Y-%m-%d}"


def export(client):
    """The CSV export of about 10,000 rows, then of every row: streamed, the memory it needs
    should be the same for both. An untimed warm-up first (imports, catalogs, templates)."""
    stream(client, f"{ADMIN_LISTING}?export=csv&status=declined")
    small_path = _small_export_path()
    small = stream(client, small_path) if small_path else None
    expected = Registration.objects.count()
    everything = stream(client, f"{ADMIN_LISTING}?export=csv")
    if everything["rows"] != expected:
        raise RuntimeError(f"export: {everything['rows']} rows, {expected} registrations")
    return {"all": everything, "small": small}


def status_counts():
    return dict(Registration.objects.order_by().values_list("status").annotate(n=Count("pk")))
