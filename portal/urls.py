from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import MultilingualSitemap
from portal import health, private, verification, views
from portal.signin import urls as signin_urls
from seminars import views as seminar_views

urlpatterns = [
    path("accounts/", include(signin_urls.account_urlpatterns)),
    path("accounts/", include("allauth.urls")),
    path("admin/", include(signin_urls.admin_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", health.healthz, name="healthz"),
    path("verify/", verification.verify_form, name="verify"),
    path("verify/<str:code>/", verification.verify_document, name="verify_document"),
    re_path(r"^private/(?P<path>.+)$", private.serve_private_file, name="private_file"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.SERVE_MEDIA:
    # Public uploads (images, documents' thumbnails). Behind a proxy, let it serve MEDIA_ROOT.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("seminars/calendar.ics", seminar_views.calendar_feed, name="seminar_feed")]

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include("seminars.urls")),
    path("", include("exchange.urls")),
    path("", include(signin_urls.site_urlpatterns)),
    path("", include(wagtail_urls)),
)

handler400 = views.bad_request
handler404 = views.page_not_found
handler500 = views.server_error
