"""The console summary and var/bench/results.json."""

import json

COLUMNS = [
    ("page", "<", 16),
    ("path", "<", 38),
    ("median_ms", ">", 9),
    ("p95_ms", ">", 8),
    ("queries", ">", 7),
    ("queries_before_data", ">", 8),
    ("bytes", ">", 7),
    ("status", ">", 6),
]
HEADINGS = {
    "median_ms": "median ms",
    "p95_ms": "p95 ms",
    "queries_before_data": "q@demo",
}


def _line(values):
    return "  ".join(
        f"{value!s:{align}{width}}"
        for value, (_k, align, width) in zip(values, COLUMNS, strict=True)
    )


def _notes(row):
    notes = []
    if row["status"] != row["expected_status"]:
        notes.append(f"expected {row['expected_status']}")
    before = row["queries_before_data"]
    if before is not None and row["queries"] > before:
        notes.append(f"queries grow with data (+{row['queries'] - before})")
    return notes


def page_table(rows):
    lines = [_line([HEADINGS.get(key, key) for key, _a, _w in COLUMNS])]
    lines.append("-" * len(lines[0]))
    for row in rows:
        values = ["-" if row[key] is None else row[key] for key, _a, _w in COLUMNS]
        notes = _notes(row)
        lines.append(_line(values) + (f"  <- {'; '.join(notes)}" if notes else ""))
    return "\n".join(lines)


def throughput_lines(throughput):
    lines = []
    for name in ("home", "static"):
        run = throughput[name]
        lines.append(
            f"  {name:<7}{run['rps']:>9.1f} req/s  {run['path']}  "
            f"({run['requests']} ok, {run['errors']} errors in {run['seconds']} s, "
            f"median {run['median_ms']} ms, p95 {run['p95_ms']} ms, "
            f"{run['bytes_per_response']} B/response)"
        )
    lines.append(f"  ratio home/static: {throughput['ratio_home_static']}")
    return lines


def summary(results):
    config = results["config"]
    lines = [
        "",
        "== portal benchmark ==",
        f"database {config['database']}, scale {config['scale']} articles x "
        f"{len(config['languages'])} languages, {config['repeat']} renders per page, "
        f"{config['concurrency']} clients x {config['seconds']} s",
        f"machine: {config['cpus']} CPUs, load average {config['load_average']['start']} at "
        f"start, {config['load_average']['end']} at end (other work skews the figures)",
        "data: " + ", ".join(f"{key} {value}" for key, value in results["data"].items()),
        "phases: " + ", ".join(f"{key} {value:.1f} s" for key, value in results["timings"].items()),
        "",
        "Pages (django.test.Client; queries once warm; q@demo = same page before generated data)",
        page_table(results["pages"]),
        "",
        f"Throughput (gunicorn, {config['workers']} sync workers, {config['concurrency']} "
        f"threaded clients)",
        *throughput_lines(results["throughput"]),
    ]
    return "\n".join(lines)


def write_json(results, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
