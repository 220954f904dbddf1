"""A fresh database for every run, the demo content and the collected static files."""

import contextlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection


def check_settings():
    """Refuse to run against anything but the bench settings: the database gets thrown away."""
    bench_dir = getattr(settings, "BENCH_DIR", None)
    if bench_dir is None:
        raise SystemExit("Run with DJANGO_SETTINGS_MODULE=portal.settings.bench (or `make bench`).")
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"]).resolve()
        if Path(bench_dir).resolve() not in name.parents:
            raise SystemExit(
                f"Refusing to delete {name}: the bench database lives under {bench_dir}."
            )


def _fresh_sqlite():
    connection.close()
    name = Path(connection.settings_dict["NAME"])
    name.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{name}{suffix}").unlink(missing_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    return str(name)


@contextlib.contextmanager
def fresh_database():
    """Yield the name of a database just built from the migrations (the server must use it).

    SQLite: the file under var/bench/ is deleted and rebuilt, then kept for inspection. Any
    other engine (DATABASE_URL): a separate test_<name> database is created (replacing an
    earlier one) and dropped at the end, as the test runner does; the database named in
    DATABASE_URL is never touched.
    """
    if connection.vendor == "sqlite":
        yield _fresh_sqlite()
        return
    original_name = connection.settings_dict["NAME"]
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


def load_demo():
    from home.demo import load_demo_content

    if not load_demo_content():
        raise RuntimeError("The demo content was already there: the database is not fresh.")


def collect_static():
    """Collect into var/bench/static, with the hashed names and the .gz files whitenoise serves."""
    call_command("collectstatic", interactive=False, clear=True, verbosity=0)
