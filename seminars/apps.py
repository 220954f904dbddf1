from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminars")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.showcase import register_showcase
        from seminars import signals
        from seminars.certificates import register_certificate_kind
        from seminars.models import SeminarPage
        from seminars.notifications import register_email_kinds

        signals.connect()
        register_email_kinds()
        register_certificate_kind()
        register_showcase(
            "seminars.upcoming",
            template="seminars/includes/home_upcoming.html",
            items=SeminarPage.upcoming,
            order=10,
        )
