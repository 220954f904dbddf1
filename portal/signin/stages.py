from allauth.account.stages import EmailVerificationStage


def is_staff_account(user):
    """An account made in the admin (staff flag, or any admin access through a role)."""
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


class ApplicantEmailVerificationStage(EmailVerificationStage):
    """allauth's mandatory verification, for the accounts people make themselves.

    Staff accounts are made in the admin by an administrator who knows the address, so staff
    are not sent a verification link on their first sign-in; applicants sign up themselves and
    are not signed in until they have followed the link.
    """

    def handle(self):
        user = self.login.user
        if user is not None and is_staff_account(user):
            return None, True
        return super().handle()
