"""The test suite: SQLite in memory by default; PostgreSQL and Redis when DATABASE_URL and
CELERY_BROKER_URL are set (CI's second run)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_tmp = Path(tempfile.mkdtemp(prefix="portal-test-"))
# Never the developer's var/: a `make run` there keeps the demo logins' password, which the
# tests' demo accounts must not pick up.
VAR_DIR = _tmp / "var"
MEDIA_ROOT = _tmp / "media"
PRIVATE_ROOT = _tmp / "private"
STORAGES = {
    "default": {
        "BACKEND": "portal.storage.MediaStorage",
        "OPTIONS": {"private_location": PRIVATE_ROOT},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Django's test runner swaps EMAIL_BACKEND for locmem; the outbox delivers there too, so tests
# read delivered mail from django.core.mail.outbox. A real worker in CI writes files instead.
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests log staff in with force_login; the MFA rule is switched on in the tests of it.
PORTAL_REQUIRE_STAFF_MFA = False
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405
# SQLite in a file, not in memory: the concurrency tests' threads then each open their own
# connection and queue for the write lock as under `make run` (a shared in-memory database
# refuses a second writer at once instead of waiting).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_tmp / "test.sqlite3")}  # noqa: F405
