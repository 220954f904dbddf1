from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import has_verified_email
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from portal.ratelimit import client_address
from portal.roles import must_use_mfa

# Recovery codes only back up a real second factor; alone they do not count as MFA.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
ALLAUTH_EMAIL_VERIFICATION_STAGE = "allauth.account.stages.EmailVerificationStage"


def has_second_factor(user):
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


def mfa_required(user):
    """MFA is required of this account by the rule in force (PORTAL_REQUIRE_STAFF_MFA)."""
    return settings.PORTAL_REQUIRE_STAFF_MFA and must_use_mfa(user)


def email_verified(user):
    """The account's owner has followed the verification link sent to its address."""
    return user.is_authenticated and has_verified_email(user, user.email)


def account_language(user):
    """The language an account's emails are written in: the one chosen for the admin (staff),
    else the one chosen at sign-up."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language:
        return profile.preferred_language
    return user.preferred_language


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Applicants make their own accounts (PORTAL_SIGNUP_OPEN); staff ones are made in the
        admin."""
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

    def save_user(self, request, user, form, commit=True):
        """A new applicant: never staff, with the name and language the sign-up form asks."""
        user = super().save_user(request, user, form, commit=False)
        user.is_staff = False
        user.full_name = form.cleaned_data.get("full_name", "")
        user.preferred_language = (
            form.cleaned_data.get("preferred_language") or translation.get_language()
        )
        if commit:
            user.save()
        return user

    def get_login_stages(self):
        stages = super().get_login_stages()
        return [
            "portal.signin.stages.ApplicantEmailVerificationStage"
            if stage == ALLAUTH_EMAIL_VERIFICATION_STAGE
            else stage
            for stage in stages
        ]

    def get_login_redirect_url(self, request):
        """Staff land in the admin, everyone else where LOGIN_REDIRECT_URL says."""
        if request.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (verification, reset, notices) in the recipient's language, signed
        with the site's name rather than its host name; they go through the outbox."""
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = account_language(user) if user else translation.get_language()
        with translation.override(language):
            site = SimpleNamespace(name=str(settings.WAGTAIL_SITE_NAME), domain=self._host())
            super().send_mail(
                template_prefix, email, {"current_site": site, "user": user, **context}
            )

    def _host(self):
        if self.request is not None:
            return self.request.get_host()
        return urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """An account that must use MFA keeps at least one second factor."""
        if authenticator.type not in SECOND_FACTORS or not mfa_required(authenticator.user):
            return True
        others = Authenticator.objects.filter(
            user_id=authenticator.user_id, type__in=SECOND_FACTORS
        ).exclude(pk=authenticator.pk)
        return others.exists()
