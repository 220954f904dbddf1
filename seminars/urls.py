from django.urls import path

from portal import converters  # noqa: F401 (registers the token and id converters)
from seminars import views

app_name = "seminars"

# Inside i18n_patterns: /<lang>/registration/<token>/…
urlpatterns = [
    path("registration/<token:token>/", views.registration_detail, name="registration"),
    path("registration/<token:token>/edit/", views.registration_edit, name="registration_edit"),
    path(
        "registration/<token:token>/cancel/", views.registration_cancel, name="registration_cancel"
    ),
    path(
        "registration/<token:token>/mode/", views.registration_change_mode, name="registration_mode"
    ),
    path(
        "registration/<token:token>/calendar.ics",
        views.registration_calendar,
        name="registration_calendar",
    ),
    path(
        "registration/<token:token>/materials/<id:material_id>/",
        views.registration_material,
        name="registration_material",
    ),
    path(
        "registration/<token:token>/certificate.pdf",
        views.registration_certificate,
        name="registration_certificate",
    ),
    path("calendar/seminar-<id:page_id>.ics", views.seminar_calendar, name="seminar_calendar"),
]
