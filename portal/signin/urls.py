"""Wagtail's sign-in URLs, taken over by allauth's; included before Wagtail's own."""

from allauth.account.views import LogoutView
from django.urls import path
from django.views.generic import RedirectView

from . import views

admin_urlpatterns = [
    path("login/", views.admin_login),
    # The admin's "Log out" posts here: allauth's view signs out (and ends the MFA state).
    path("logout/", LogoutView.as_view()),
    path(
        "password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", query_string=True),
    ),
]

site_urlpatterns = [path("_util/login/", views.site_login)]

account_urlpatterns = [
    path("language/<str:code>/", views.choose_language, name="account_choose_language"),
]
