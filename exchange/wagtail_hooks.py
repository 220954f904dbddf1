from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "started": (_("Application started"), _("Application started")),
    "step_saved": (_("Application step saved"), _("Application step saved")),
    "referee_requested": (_("Referee asked for a letter"), _("Referee asked for a letter")),
    "referee_reminded": (_("Referee reminded"), _("Referee reminded")),
    "referee_replaced": (_("Referee replaced"), _("Referee replaced")),
    "referee_opened": (_("Referee opened the request"), _("Referee opened the request")),
    "reference_received": (
        _("Letter of recommendation received"),
        _("Letter of recommendation received"),
    ),
}


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)
