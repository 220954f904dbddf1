from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from portal.ratelimit import client_address
from portal.roles import must_use_mfa

# Recovery codes only back up a real second factor; alone they do not count as MFA.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user):
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


def mfa_required(user):
    """MFA is required of this account by the rule in force (PORTAL_REQUIRE_STAFF_MFA)."""
    return settings.PORTAL_REQUIRE_STAFF_MFA and must_use_mfa(user)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Closed until applicants get accounts: staff accounts are made in the admin."""
        return settings.PORTAL_SIGNUP_OPEN

    def get_client_ip(self, request):
        """The address allauth's throttles count: the one every other limit counts
        (portal.ratelimit.client_address). allauth's own reading refuses an X-Forwarded-For
        shorter than the trusted proxies with ImproperlyConfigured, a 500 on the sign-in page;
        here such a header is not believed and the connecting address is used, as everywhere."""
        address = client_address(request)
        if not address:  # as allauth: no address, no throttle to count it against
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def get_login_redirect_url(self, request):
        """Staff land in the admin, everyone else where LOGIN_REDIRECT_URL says."""
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """An account that must use MFA keeps at least one second factor."""
        if authenticator.type not in SECOND_FACTORS or not mfa_required(authenticator.user):
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()
