from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LOG_ACTIONS = {
    "started": (_("Application started"), _("Application started")),
    "step_saved": (_("Application step saved"), _("Application step saved")),
    "document_uploaded": (_("Document uploaded"), _("Document uploaded")),
    "document_removed": (_("Document removed"), _("Document removed")),
    "submitted": (_("Application submitted"), _("Application submitted")),
    "resubmitted": (_("Application submitted again"), _("Application submitted again")),
    "withdrawn": (_("Application withdrawn"), _("Application withdrawn")),
}


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)
