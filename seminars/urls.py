from django.urls import path, register_converter

from seminars import views

app_name = "seminars"


class TokenConverter:
    """A registration token as new_token() makes them (URL-safe base64, at most the column's
    64 characters): anything else is a 404 without a database lookup."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

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
        "registration/<token:token>/materials/<int:material_id>/",
        views.registration_material,
        name="registration_material",
    ),
    path(
        "registration/<token:token>/certificate.pdf",
        views.registration_certificate,
        name="registration_certificate",
    ),
    path("calendar/seminar-<int:page_id>.ics", views.seminar_calendar, name="seminar_calendar"),
]
