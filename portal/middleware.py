from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus one redirect.

    On a 404 it redirects /x/ to /<lang>/x/ when that path resolves, and Wagtail's catch-all
    page route makes every path resolve: a missing admin page, private file or certificate code
    would bounce to the public site. Paths outside i18n_patterns keep their own 404.
    """

    UNPREFIXED = (
        "/accounts/",
        "/admin/",
        "/documents/",
        "/private/",
        "/verify/",
        "/healthz",
        "/seminars/",
    )

    def process_request(self, request):
        """As Django's; and a sign-in page (/accounts/, unprefixed) reached from a page of the
        site takes that page's language from `next` (/accounts/login/?next=/zh-hans/my/), so a
        Chinese applicant on a hospital computer set to English signs in in Chinese and reads
        "signed in" in Chinese. A language the visitor chose on these pages (the cookie the
        switcher sets) still wins."""
        super().process_request(request)
        if not request.path_info.startswith("/accounts/"):
            return
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return
        target = request.POST.get("next") if request.method == "POST" else None
        language = translation.get_language_from_path(target or request.GET.get("next", ""))
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(self.UNPREFIXED):
            return response
        return super().process_response(request, response)


class RejectNulBytesMiddleware:
    """400 for a NUL byte in the path or the query string, before anything reads them.

    No URL or parameter of the site can contain one, and PostgreSQL refuses it in any text
    (psycopg raises ValueError), as does the file system: left in, it surfaces as a 500 from
    whichever layer touches it first (a page lookup, a search, WhiteNoise's file check).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _query_has_nul(request.GET):
            raise BadRequest("NUL byte in the URL")
        return self.get_response(request)


def _query_has_nul(query):
    return any("\x00" in key or "\x00" in "".join(values) for key, values in query.lists())


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with CONTENT_SECURITY_POLICY_ADMIN under ADMIN_CSP_PREFIX (see
    the settings for why the admin needs its own policy)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        is_admin = request.path_info.startswith(settings.ADMIN_CSP_PREFIX)
        if is_admin and not report_only and parts.config is None:
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
            parts.nonce = None  # with a nonce, browsers would ignore 'unsafe-inline'
        return parts


class PermissionsPolicyMiddleware:
    """Denies every feature in PERMISSIONS_POLICY to the site and anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
