import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _check_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


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


def test_private_root_inside_the_public_media_tree_is_a_system_error(settings):
    from portal.storage import check_private_root_is_not_served

    assert check_private_root_is_not_served(None) == []
    settings.PRIVATE_ROOT = settings.MEDIA_ROOT / "private"

    assert [error.id for error in check_private_root_is_not_served(None)] == ["portal.E001"]
