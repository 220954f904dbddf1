import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HSTS_OPTIONS = ("SECURE_HSTS_PRELOAD", "SECURE_HSTS_INCLUDE_SUBDOMAINS")
# Set by the browser tests for their live server; a deployment check refuses it.
TEST_ONLY = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _run_production(command, **env):
    """Run `command` under portal.settings.production with only `env` set of its own options."""
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXIES", *HSTS_OPTIONS, *TEST_ONLY}
    environment = {key: value for key, value in os.environ.items() if key not in dropped}
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _check_production(**env):
    return _run_production(["manage.py", "check"], **env)


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "portal.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = _check_production(**env)

    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_production_starts_with_them():
    result = _check_production(SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example.org")

    assert result.returncode == 0, result.stderr


def test_public_media_is_served_and_private_files_are_not(client, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "logo.txt").write_text("public")

    assert client.get("/media/logo.txt").status_code == 200
    assert client.get("/media/../private/x").status_code in (400, 404)  # never the file


def test_sqlite_writers_queue_for_the_lock_and_postgresql_is_left_alone():
    from portal.settings.base import database

    sqlite = database("sqlite:////tmp/portal.sqlite3")
    postgresql = database("postgres://postgres@127.0.0.1:5432/portal")

    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert sqlite["OPTIONS"]["timeout"] >= 20
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    assert "transaction_mode" not in postgresql.get("OPTIONS", {})
    assert "init_command" not in postgresql.get("OPTIONS", {})


def test_private_root_inside_the_public_media_tree_is_a_system_error(settings):
    from portal.storage import check_private_root_is_not_served

    assert check_private_root_is_not_served(None) == []
    settings.PRIVATE_ROOT = settings.MEDIA_ROOT / "private"

    assert [error.id for error in check_private_root_is_not_served(None)] == ["portal.E001"]


def _production_settings(*names, **env):
    """The values of `names` in portal.settings.production under `env`, read in a subprocess."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps([getattr(settings, name, None) for name in {list(names)!r}]))"
    )
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "portal.example.org", **env}
    result = _run_production(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_x_forwarded_proto_is_trusted_only_behind_a_declared_proxy():
    assert _production_settings("SECURE_PROXY_SSL_HEADER") == [None]
    assert _production_settings("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXIES="1") == [
        ["HTTP_X_FORWARDED_PROTO", "https"]
    ]


def test_hsts_preload_and_subdomains_are_opt_in():
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "SECURE_HSTS_INCLUDE_SUBDOMAINS")

    assert _production_settings(*names) == [31536000, False, False]
    assert _production_settings(
        *names, SECURE_HSTS_PRELOAD="1", SECURE_HSTS_INCLUDE_SUBDOMAINS="1"
    ) == [31536000, True, True]


@pytest.mark.parametrize("opt_in", ["0", "1"])
def test_deploy_check_is_clean_with_hsts_options_on_or_off(opt_in):
    result = _run_production(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=secrets.token_urlsafe(45),
        ALLOWED_HOSTS="portal.example.org",
        SECURE_HSTS_PRELOAD=opt_in,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=opt_in,
    )

    assert result.returncode == 0, result.stderr
