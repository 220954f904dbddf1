from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from seminars.models import SeminarSeries

register_snippet(SeminarSeries)

LOG_ACTIONS = {
    "pending": (_("Registered, pending approval"), _("Registered (pending approval)")),
    "confirmed": (_("Registration confirmed"), _("Registration confirmed")),
    "waitlisted": (_("Put on the waiting list"), _("Put on the waiting list")),
    "promoted": (_("Promoted from the waiting list"), _("Promoted from the waiting list")),
    "declined": (_("Registration declined"), _("Registration declined")),
    "cancelled": (_("Registration cancelled"), _("Registration cancelled")),
    "attended": (_("Checked in"), _("Checked in")),
    "no_show": (_("Marked as absent"), _("Marked as absent")),
    "mode_changed": (_("Attendance mode changed"), _("Attendance mode changed")),
}


@hooks.register("register_log_actions")
def register_registration_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"seminars.registration.{event}", label, message)
