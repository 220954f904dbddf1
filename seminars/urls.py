from django.urls import path

from seminars import views

app_name = "seminars"

# Inside i18n_patterns: /<lang>/registration/<token>/…
urlpatterns = [
    path("registration/<str:token>/", views.registration_detail, name="registration"),
    path("registration/<str:token>/edit/", views.registration_edit, name="registration_edit"),
    path("registration/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path(
        "registration/<str:token>/mode/", views.registration_change_mode, name="registration_mode"
    ),
    path(
        "registration/<str:token>/calendar.ics",
        views.registration_calendar,
        name="registration_calendar",
    ),
    path(
        "registration/<str:token>/materials/<int:material_id>/",
        views.registration_material,
        name="registration_material",
    ),
    path(
        "registration/<str:token>/certificate.pdf",
        views.registration_certificate,
        name="registration_certificate",
    ),
    path("calendar/seminar-<int:page_id>.ics", views.seminar_calendar, name="seminar_calendar"),
]
