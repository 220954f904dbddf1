"""Every public page type rendered through Django's test client: time, queries, size."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

DEMO_ARTICLE = "/en/news/cooperation-agreement-signed/"


def pages(middle_page):
    """(label, path, expected status) for each page type; the same paths before and after."""
    return [
        ("home en", "/en/", 200),
        ("home zh-hans", "/zh-hans/", 200),
        ("home fr", "/fr/", 200),
        ("standard page", "/en/about/", 200),
        ("news index p1", "/en/news/", 200),
        (f"news index p{middle_page}", f"/en/news/?page={middle_page}", 200),
        ("news article", DEMO_ARTICLE, 200),
        ("search", "/en/search/?q=agreement", 200),
        ("404", "/en/no-such-page/", 404),
        ("healthz", "/healthz", 200),
    ]


def percentile(values, fraction):
    """Linear-interpolated percentile (statistics' "inclusive" method) of a non-empty list."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def _get(client, path):
    response = client.get(path)
    return response.status_code, len(response.content)


def _counted(client, path):
    with CaptureQueriesContext(connection) as queries:
        status, size = _get(client, path)
    return len(queries), status, size


def query_counts(page_list, client=None):
    """Queries per page once warm (after one untimed render): the before-data baseline."""
    client = client or Client()
    counts = {}
    for label, path, _status in page_list:
        _get(client, path)
        counts[label] = _counted(client, path)[0]
    return counts


def measure(client, label, path, expected, repeat):
    """One untimed first render (queries counted), `repeat` timed renders, one counted again.

    Queries are counted outside the timed renders so that recording them costs no time there.
    """
    first_queries = _counted(client, path)[0]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        _get(client, path)
        times.append((time.perf_counter() - started) * 1000)
    queries, last_status, size = _counted(client, path)
    return {
        "page": label,
        "path": path,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "min_ms": round(min(times), 2),
        "queries": queries,
        "first_queries": first_queries,
        "bytes": size,
        "status": last_status,
        "expected_status": expected,
        "renders": repeat,
    }


def render_all(page_list, repeat, baseline, client=None):
    client = client or Client()
    rows = []
    for label, path, expected in page_list:
        row = measure(client, label, path, expected, repeat)
        row["queries_before_data"] = baseline.get(label)
        rows.append(row)
    return rows
