from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .adapter import has_second_factor, mfa_required


class RequireStaffMFAMiddleware:
    """Sends an account that must use MFA, and has no second factor yet, to set one up.

    Only the paths that show personal data are guarded: the public site stays readable and
    /accounts/ stays reachable, since that is where MFA is set up (and where one signs out).
    Off unless PORTAL_REQUIRE_STAFF_MFA (on in production, off for `make run`).
    """

    GUARDED = ("/admin/", "/private/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_setup(request):
            messages.warning(
                request,
                _(
                    "Your account gives access to personal data: set up two-factor "
                    "authentication before you continue."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    def _needs_setup(self, request):
        if not request.path_info.startswith(self.GUARDED):
            return False
        user = request.user
        return mfa_required(user) and not has_second_factor(user)


class AdminOnlyForStaffMiddleware:
    """A signed-in account without admin access (an applicant) gets a 404 under /admin/.

    Wagtail would send it to the sign-in page, and allauth, seeing it signed in, straight back:
    a redirect loop. The admin is not a place an applicant has any business in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path_info.startswith("/admin/")
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise Http404
        return self.get_response(request)
