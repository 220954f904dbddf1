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
    if row.get("target_ms") is not None and row["median_ms"] > row["target_ms"]:
        notes.append(f"misses the {row['target_ms']} ms target")
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


def seminar_lines(seminars):
    data = seminars["data"]
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(data["registrations_by_status"].items()))
    rows = seminars["pages"]
    missed = [row["page"] for row in rows if not row["meets_target"]]
    return [
        f"data: {data['seminar_pages']} seminar pages, {data['registrations']} registrations "
        f"({statuses}); the detail seminar has {data['detail_seminar_registrations']}",
        "",
        f"Seminar pages (django.test.Client; admin pages as a superuser; target: median <= "
        f"{rows[0]['target_ms'] if rows else '-'} ms)",
        page_table(rows),
        "target met by every page" if not missed else f"target missed by: {', '.join(missed)}",
        "",
        "Registrations export (CSV streamed through the admin listing, chunks read and dropped)",
        *export_lines(seminars["export"]),
        "",
        "Registration rush (seminars.services.register_for_seminar, one call per client)",
        *contention_lines(seminars["contention"]),
    ]


def export_lines(export):
    lines = []
    for name in ("small", "all"):
        run = export[name]
        if run is None:
            continue
        rate = f", {run['rows'] / run['seconds']:.0f} rows/s" if run["seconds"] else ""
        lines.append(
            f"  {run['rows']:>7} rows  {run['bytes'] / 2**20:6.1f} MiB  {run['seconds']:>6} s"
            f"{rate}; resident memory +{run['rss_peak_growth_mb']} MiB at peak "
            f"(from {run['rss_before_mb']} MiB), ru_maxrss +{run['maxrss_growth_mb']} MiB"
        )
    return lines


def contention_lines(rush):
    if "skipped" in rush:
        return [f"  {rush['skipped']}"]
    ok = "OK" if rush["confirmed_ok"] and rush["waitlisted_ok"] and not rush["errors"] else "WRONG"
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(rush["statuses"].items()))
    lines = [
        f"  {rush['clients']} clients, {rush['seats']} seats: {statuses} -> {ok} "
        f"(expected confirmed {rush['seats']}, waitlisted {rush['clients'] - rush['seats']})",
        f"  {rush['registrations_per_second']} registrations/s ({rush['seconds']} s in all), "
        f"latency p50 {rush['latency_p50_ms']} ms, p95 {rush['latency_p95_ms']} ms "
        f"(service alone p50 {rush['service_p50_ms']} ms, p95 {rush['service_p95_ms']} ms)",
        f"  at most {rush['connection_slots']} connections at once (max_connections "
        f"{rush['max_connections']}); {rush['errors']} errors; "
        f"{rush['open_connections_after']} client connections left open",
    ]
    lines += [f"  error: {error}" for error in rush["error_examples"]]
    return lines


EXCHANGE_COLUMNS = [
    ("page", "<", 19),
    ("as", "<", 11),
    ("median_ms", ">", 9),
    ("p95_ms", ">", 8),
    ("queries", ">", 7),
    ("queries_before_data", ">", 6),
    ("goal", ">", 9),
    ("status", ">", 6),
]


def _goal(row):
    return f"< {row['target_ms']} ms" if row.get("target_ms") is not None else "none"


def _verdict(row):
    notes = []
    if row["status"] != row["expected_status"]:
        notes.append(f"expected {row['expected_status']}")
    before = row["queries_before_data"]
    if before is not None and row["queries"] != before:
        notes.append(f"queries {before} on the demo, {row['queries']} on the data")
    if row["meets_target"] is True:
        notes.append("goal met")
    elif row["meets_target"] is False:
        notes.append("GOAL MISSED")
    return notes


def exchange_lines(exchange):
    data = exchange["data"]
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(data["applications_by_status"].items()))
    headings = {**HEADINGS, "goal": "goal"}
    line = "  ".join(
        f"{headings.get(key, key)!s:{align}{width}}" for key, align, width in EXCHANGE_COLUMNS
    )
    table = [line, "-" * len(line)]
    for row in exchange["pages"]:
        values = {**row, "goal": _goal(row)}
        cells = "  ".join(
            f"{'-' if values[key] is None else values[key]!s:{align}{width}}"
            for key, align, width in EXCHANGE_COLUMNS
        )
        table.append(f"{cells}  {row['path']}  <- {'; '.join(_verdict(row))}")
    built = exchange["dossier"]
    verdict = "goal met" if built["meets_target"] else "GOAL MISSED"
    return [
        f"data: {data['applications']} applications of {data['applicants']} applicants on "
        f"{data['calls_with_applications']} calls (at most "
        f"{data['most_applications_per_applicant']} each; the dashboard's applicant has "
        f"{data['heavy_applicant_applications']}), "
        f"{data['documents']} documents, {data['referees']} referees, {data['reviews']} reviews, "
        f"{data['scores']} scores; the demo reviewer has {data['demo_reviewer_assignments']} "
        f"assignments; the ranked call {data['biggest_call_ranked']} applications",
        f"by status: {statuses}",
        "",
        "Programme pages (django.test.Client; queries once warm; q@demo = the same page on the "
        "demo content, the dashboard for the demo applicant)",
        *table,
        "",
        f"Committee dossier ({built['builder']}, {built['parts']} parts: {built['pages']} pages, "
        f"{built['bytes'] / 2**20:.1f} MiB in; {built['output_pages']} pages, "
        f"{built['output_bytes'] / 2**20:.1f} MiB out)",
        f"  median {built['median_s']} s, slowest {built['max_s']} s of {built['builds']} builds; "
        f"goal < {built['target_s']} s: {verdict}",
    ]


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
    ]
    if results["pages"]:
        lines += [
            "",
            "Pages (django.test.Client; queries once warm; q@demo = same page before generated "
            "data)",
            page_table(results["pages"]),
            "",
            f"Throughput (gunicorn, {config['workers']} sync workers, {config['concurrency']} "
            f"threaded clients)",
            *(
                throughput_lines(results["throughput"])
                if results["throughput"]
                else ["  skipped (--skip-throughput)"]
            ),
        ]
    if results.get("seminars"):
        lines += ["", "== seminars ==", *seminar_lines(results["seminars"])]
    if results.get("exchange"):
        lines += ["", "== programmes ==", *exchange_lines(results["exchange"])]
    return "\n".join(lines)


def write_json(results, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
