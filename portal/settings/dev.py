"""`make run`: SQLite, eager Celery, emails written to files under var/mail."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env, env_bool, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-6b0f7c2e3c0d4f1e9b7a")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
# The demo logins reach the admin without MFA (they may still set it up under /accounts/2fa/).
PORTAL_REQUIRE_STAFF_MFA = env_bool("PORTAL_REQUIRE_STAFF_MFA", False)
# WebAuthn needs HTTPS except on localhost; runserver on 127.0.0.1 is plain HTTP.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

VAR_DIR.mkdir(parents=True, exist_ok=True)
