"""A bounded threaded HTTP client: requests per second against 127.0.0.1 for a fixed time."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

from bench import HOST

# Sent like a browser would: whitenoise then serves the precompressed .gz of static files.
HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "portal-bench"}
TIMEOUT = 10


@dataclass
class Tally:
    ok: int = 0
    errors: int = 0
    bytes: int = 0
    latencies: list = field(default_factory=list)


def _one(connection, path):
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    return response.status, len(body), response.will_close


def _worker(port, path, deadline, tally):
    """Requests one after another until the deadline, reusing the connection when allowed."""
    connection = None
    while time.perf_counter() < deadline:
        connection = connection or http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        started = time.perf_counter()
        try:
            status, size, will_close = _one(connection, path)
        except (OSError, http.client.HTTPException):
            tally.errors += 1
            connection.close()
            connection = None
            time.sleep(0.01)
            continue
        tally.latencies.append(time.perf_counter() - started)
        if status == 200:
            tally.ok += 1
            tally.bytes += size
        else:
            tally.errors += 1
        if will_close:
            connection.close()
            connection = None
    if connection:
        connection.close()


def hammer(port, path, seconds, concurrency):
    """`concurrency` threads requesting `path` for `seconds`; the rate counts 200s only."""
    tallies = [Tally() for _ in range(concurrency)]
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(target=_worker, args=(port, path, deadline, tally), daemon=True)
        for tally in tallies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT + 5)
    return _summary(path, tallies, time.perf_counter() - started, concurrency)


def _summary(path, tallies, elapsed, concurrency):
    latencies = sorted(s * 1000 for tally in tallies for s in tally.latencies)
    ok = sum(tally.ok for tally in tallies)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "path": path,
        "concurrency": concurrency,
        "seconds": round(elapsed, 2),
        "requests": ok,
        "errors": sum(tally.errors for tally in tallies),
        "rps": round(ok / elapsed, 1) if elapsed else 0.0,
        "median_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p95_ms": round(quantiles[94], 2) if latencies else None,
        "bytes_per_response": round(sum(t.bytes for t in tallies) / ok) if ok else 0,
    }
