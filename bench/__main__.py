"""`python -m bench [--scale N] [--repeat R] [--seconds S] [--concurrency C] [--seminars N]
[--registrations M] [--applications A] [--documents D] [--applicants P] [--skip-throughput]
[--only site|seminars|exchange ...]`."""

import argparse
import os
import sys

PHASES = ("site", "seminars", "exchange")


def _positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def _non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Build a throwaway database at a chosen scale, then time the public pages "
        "(test client) and measure requests per second (gunicorn); then the seminar pages, the "
        "registrations export and, on PostgreSQL, a registration rush; then the programme pages on "
        "generated applications and a committee dossier.",
    )
    parser.add_argument(
        "--scale", type=_non_negative, default=300, help="news articles per language (300)"
    )
    parser.add_argument("--repeat", type=_positive, default=15, help="timed renders per page (15)")
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="seconds of load per throughput test (8)"
    )
    parser.add_argument(
        "--concurrency", type=_positive, default=8, help="client threads for throughput (8)"
    )
    parser.add_argument(
        "--seminars", type=_non_negative, default=1000, help="generated seminar pages (1000)"
    )
    parser.add_argument(
        "--registrations",
        type=_non_negative,
        default=100_000,
        help="generated registrations, spread over the seminars (100000)",
    )
    parser.add_argument(
        "--applications",
        type=_non_negative,
        default=10_000,
        help="generated programme applications (10000)",
    )
    parser.add_argument(
        "--documents",
        type=_non_negative,
        default=50_000,
        help="documents uploaded to them (50000)",
    )
    parser.add_argument(
        "--applicants", type=_positive, default=2_000, help="distinct applicants (2000)"
    )
    parser.add_argument(
        "--skip-throughput", action="store_true", help="skip the gunicorn throughput phase"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=PHASES,
        help="run only this part (repeat for several): site (public pages and throughput), "
        "seminars, exchange (programmes and the dossier); all by default",
    )
    args = parser.parse_args(argv)
    args.phases = set(args.only or PHASES)
    if args.seconds <= 0:
        parser.error("--seconds must be positive")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    import django

    django.setup()
    from bench.run import run

    run(args)


if __name__ == "__main__":
    main()
