"""Sign-in for everyone (DESIGN §3 "/accounts/"): django-allauth for the site and the admin.

Wagtail's own login, logout and password-reset URLs hand over to allauth's (urls.py), so the
throttle on failed sign-ins and the MFA step cannot be walked around; the middleware sends
accounts that see personal data to set up MFA before they reach the admin.
"""
