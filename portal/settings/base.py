"""Settings shared by every environment. Secrets and service addresses come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies add X-Forwarded-For in front of the site (rate limits use the
# client address they saw); 0 when the site is reached directly.
TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "0"))
# Public registration, per hour (portal.ratelimit counts accepted registrations only): per
# client address, with room for a hospital network behind one address; per email; and how
# often the private link of an existing registration is emailed again to one address.
REGISTRATION_RATE_LIMITS = {
    "address": int(env("REGISTRATION_LIMIT_PER_ADDRESS", "100")),
    "email": int(env("REGISTRATION_LIMIT_PER_EMAIL", "5")),
    "link_resent": int(env("REGISTRATION_LINK_RESENDS_PER_EMAIL", "3")),
}
# Referees' letters accepted per client address and hour (each link takes one letter; the
# limit keeps one network from pushing uploads through many links at once).
REFEREE_LETTERS_PER_ADDRESS = int(env("REFEREE_LETTERS_PER_ADDRESS", "30"))
# The ranking of a call flags an application whose reviewers' weighted scores (0–10) are this
# many points apart or more: the committee discusses it before deciding.
EXCHANGE_WIDE_SPREAD = int(env("EXCHANGE_WIDE_SPREAD", "3"))

INSTALLED_APPS = [
    "portal",
    "home",
    "seminars",
    "exchange",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a NUL byte in the URL is refused before any layer (WhiteNoise too) reads it.
    "portal.middleware.RejectNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.signin.middleware.RequireStaffMFAMiddleware",
    "portal.signin.middleware.AdminOnlyForStaffMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def database(url):
    """A DATABASES entry for `url`. SQLite (the `make run` default) has one writer at a time:
    IMMEDIATE takes the write lock when a transaction begins, so concurrent writers queue for
    up to `timeout` seconds instead of failing with "database is locked" when a read lock
    cannot be upgraded; WAL lets readers go on while someone writes."""
    config = dj_database_url.parse(url, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            }
        )
    return config


DATABASES = {"default": database(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "portal.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Chinese first, as the partnership's host country; English is the source language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
    ("fr", "Français"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# The two time zones where the partners meet, shown side by side wherever both sides meet.
PARTNER_TIME_ZONES = ["Asia/Shanghai", "Europe/Paris"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
# Serve public uploads from Django (fine for a small site); off when a proxy or bucket does it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Never under MEDIA_ROOT or STATIC_ROOT: only portal.private serves these files.
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", BASE_DIR / "private"))
STORAGES = {
    # Images under MEDIA_ROOT; Wagtail documents under PRIVATE_ROOT/documents (portal.storage).
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
FILE_UPLOAD_PERMISSIONS = 0o640
# Every upload checked by portal.uploads: at most this size (a call may set its own limit), and
# images at most this many pixels (about 8000 × 5000), refused before they are decompressed.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_MAX_IMAGE_PIXELS = 40_000_000


def redis_cache(url):
    """Redis as the cache, failing soft: while Redis is down a read is a miss and a write is
    dropped (and logged), so pages and registrations go on without it (DESIGN: Redis is a
    helper, not a dependency of correctness); /healthz reports the cache as degraded."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2, "IGNORE_EXCEPTIONS": True},
    }


CACHES = {
    "default": (
        redis_cache(env("REDIS_URL"))
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Celery: eager (in-process) when no broker is configured, so `make run` needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# One connection attempt per publish, no retry loop: a request that queues an email must not
# wait for a dead broker (the outbox sweep sends what could not be queued).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 0,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "portal.tasks.sweep_outbox", "schedule": 30.0},
    "seminar-reminders": {"task": "seminars.tasks.send_seminar_reminders", "schedule": 300.0},
    "seminar-thanks": {"task": "seminars.tasks.send_seminar_thanks", "schedule": 900.0},
    "programme-decisions": {"task": "exchange.tasks.release_due_decisions", "schedule": 300.0},
    "programme-offers": {"task": "exchange.tasks.lapse_due_offers", "schedule": 300.0},
}

# Email: every message, ours or Django's/Wagtail's, is written to the outbox (portal.mail);
# EMAIL_DELIVERY_BACKEND is what the outbox then uses to send it.
EMAIL_BACKEND = "portal.mail.OutboxEmailBackend"
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_FILE_PATH = Path(env("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Exchange portal <noreply@exchange-portal.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAX_ATTEMPTS = int(env("OUTBOX_MAX_ATTEMPTS", "8"))

WAGTAIL_SITE_NAME = _("Sino-French Breast Cancer Exchange")
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend, with Chinese segmented into words (portal/search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No third-party requests from the admin: gravatar is unreachable from mainland China.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the admin's release check (releases.wagtail.org): upgrades follow the pinned lock file.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Sign-in (portal.signin): one allauth login at /accounts/ for the site and the admin.
LOGIN_URL = "account_login"
# Applicants land on their dashboard (staff in the admin: portal.signin.adapter).
LOGIN_REDIRECT_URL = "exchange:dashboard"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Wagtail's own reset form would bypass allauth's throttle; /admin/password_reset/ redirects.
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "portal.signin.adapter.AccountAdapter"
MFA_ADAPTER = "portal.signin.adapter.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The sign-up form adds the applicant's name and the language of their emails.
ACCOUNT_FORMS = {"signup": "portal.signin.forms.SignupForm"}
# Applicants make their own accounts (staff ones are made in the admin); PORTAL_SIGNUP_OPEN=0
# closes the sign-up page. An applicant is signed in only once they have followed the link
# emailed to them (staff addresses are vouched for by whoever made the account: stages.py).
PORTAL_SIGNUP_OPEN = env_bool("PORTAL_SIGNUP_OPEN", True)
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The link asks for a click on the page it opens: mail scanners that follow links in hospital
# networks must not confirm an address. Confirming in the browser that signed up signs in.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Signing up with an address that has an account answers as for a new one ("check your
# inbox") and emails the owner instead, so the form does not tell who has an account.
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an unknown address sends nothing (else anyone could mail anyone through us);
# the page says the same either way, so it does not reveal whether an address has an account.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Tell the owner by email when their password or second factor changes (through the outbox).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# allauth's rate limits, "<count>/<period>/<ip|key|user>", comma-separated. Failed sign-ins:
# per account ("key", the email) and per address ("ip"), the right password refused too until
# the window has passed. Per-address limits leave room for a hospital network behind one
# address; per-email ones keep the forms from flooding someone's inbox.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_FAILED_RATE_LIMIT", "30/15m/ip,5/15m/key"),
    # Every sign-in POST, right or wrong, per address: above the failures' limit, so a
    # throttled visitor reads why on the form rather than getting a bare 429 page.
    "login": env("LOGIN_RATE_LIMIT", "60/m/ip"),
    "signup": env("SIGNUP_RATE_LIMIT", "20/m/ip,100/h/ip"),
    "reset_password": env("RESET_PASSWORD_RATE_LIMIT", "20/m/ip,5/h/key"),
    "reset_password_from_key": env("RESET_PASSWORD_FROM_KEY_RATE_LIMIT", "20/m/ip"),
    # Another verification email to one address at most every three minutes.
    "confirm_email": env("CONFIRM_EMAIL_RATE_LIMIT", "1/3m/key"),
}
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Sino-French Breast Cancer Exchange"
MFA_PASSKEY_LOGIN_ENABLED = False
# Every account that sees personal data (portal.roles.must_use_mfa) sets up MFA before it
# reaches the admin. On by default; dev (make run) turns it off for the demo logins.
PORTAL_REQUIRE_STAFF_MFA = env_bool("PORTAL_REQUIRE_STAFF_MFA", True)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp). The public site runs only its own files and scripts
# carrying the request's nonce (`nonce="{{ request.csp_nonce }}"`); no inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the check-in QR code, an inline SVG image
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],  # videos embedded in pages (Wagtail embeds)
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # Wagtail's preview frames the page (as X_FRAME_OPTIONS)
    }
}
# The Wagtail admin (paths under ADMIN_CSP_PREFIX, portal.middleware.PortalCSPMiddleware) gets
# a looser policy: Wagtail 7.4 renders inline scripts without a nonce (date and time choosers,
# inline panels, workflow), sets style attributes, and shows uploads as blob: and data:
# previews. Still nothing from another origin.
ADMIN_CSP_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
    }
}
# Permissions-Policy: no page uses these; the check-in desk reads a USB or Bluetooth scanner
# that types into a text field, so even it needs no camera. WebAuthn stays allowed (MFA).
PERMISSIONS_POLICY = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs every publish and background index task at INFO: too chatty for a console.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
