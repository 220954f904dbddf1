from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET


def _next_or(request, default):
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def admin_login(request):
    """Wagtail's admin login URL: to allauth's sign-in, keeping where the user was going.

    Wagtail's own form checks the password with no throttle and no MFA step, so it must not
    stay reachable.
    """
    return redirect_to_login(_next_or(request, reverse("wagtailadmin_home")), "account_login")


def site_login(request):
    """Wagtail's front-end login (pages restricted to signed-in users): allauth's sign-in."""
    return redirect_to_login(_next_or(request, "/"), "account_login")


@require_GET
def choose_language(request, code):
    """The language switcher on /accounts/ pages, which have no language prefix to change.

    Only the language cookie changes (no account data), so a plain link is enough here.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    response = redirect(_next_or(request, reverse("account_login")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response
