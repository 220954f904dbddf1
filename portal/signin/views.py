from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


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
