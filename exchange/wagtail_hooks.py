from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from exchange.admin_actions import BULK_ACTIONS as SCREENING_BULK_ACTIONS
from exchange.viewsets import application_viewset

LOG_ACTIONS = {
    "started": (_("Application started"), _("Application started")),
    "step_saved": (_("Application step saved"), _("Application step saved")),
}


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)


# The programme coordinators' back office: the application listing, screening, reviewers.

SCREENING_LOG_ACTIONS = {
    "screening_opened": (_("Screening started"), _("Screening started")),
    "accepted_for_review": (_("Accepted for review"), _("Accepted for review")),
    "returned": (_("Returned for corrections"), _("Returned for corrections")),
    "marked_ineligible": (_("Marked ineligible"), _("Marked ineligible")),
    "deadline_extended": (_("Deadline extended"), _("Deadline extended")),
    "reviewer_assigned": (_("Reviewer assigned"), _("Reviewer assigned")),
    "reviewer_unassigned": (
        _("Reviewer's assignment withdrawn"),
        _("Reviewer's assignment withdrawn"),
    ),
}


@hooks.register("register_log_actions")
def register_screening_actions(actions):
    for event, (label, message) in SCREENING_LOG_ACTIONS.items():
        actions.register_action(f"exchange.application.{event}", label, message)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


for bulk_action in SCREENING_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)
