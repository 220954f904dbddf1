from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Programmes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from exchange import decision_emails, letters
        from exchange.models import ProgrammePage
        from portal.showcase import register_showcase

        letters.register_letter_kind()
        decision_emails.register_email_kinds()

        register_showcase(
            "exchange.open_calls",
            template="exchange/includes/home_open_calls.html",
            items=ProgrammePage.open_calls,
            order=20,
        )
