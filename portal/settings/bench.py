"""`make bench`: production-like (DEBUG off, manifest static files) on a throwaway database.

The database is SQLite under var/bench/, deleted and rebuilt by every run of `python -m bench`.
Set DATABASE_URL to benchmark PostgreSQL instead: the benchmark then works in a separate
`test_<name>` database that it creates and drops, like the test runner, and never touches
the named database itself.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, TEMPLATES, VAR_DIR, database, env

BENCH_DIR = VAR_DIR / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = False
SECRET_KEY = "bench-only-not-secret-3f9a1c7e5b2d4806"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

DATABASES = {"default": database(env("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"))}
# The benchmark's gunicorn is pointed at the database the benchmark built (see bench.server).
if env("BENCH_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = env("BENCH_DATABASE_NAME")

STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"
PRIVATE_ROOT = BENCH_DIR / "private"
STORAGES = {
    "default": {
        "BACKEND": "portal.storage.MediaStorage",
        "OPTIONS": {"private_location": PRIVATE_ROOT},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The benchmark's own templates (the dossier's sample documents and cover).
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_FILE_PATH = BENCH_DIR / "mail"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Every 404 rendered on purpose would otherwise print a warning.
        "django.request": {"level": "ERROR"},
    },
}
