from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = _("Programmes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from exchange import (
            decision_emails,
            letters,
            referee_emails,
            review_notifications,
            screening_emails,
        )
        from exchange.models import ProgrammePage
        from exchange.services import acknowledgements
        from portal.showcase import register_showcase

        email_modules = (
            referee_emails,
            review_notifications,
            screening_emails,
            acknowledgements,
            decision_emails,
        )
        for emails in email_modules:
            emails.register_email_kinds()
        letters.register_letter_kind()

        register_showcase(
            "exchange.open_calls",
            template="exchange/includes/home_open_calls.html",
            items=ProgrammePage.open_calls,
            order=20,
        )
