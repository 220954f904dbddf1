"""The audit trail of one object in its admin inspect view: who did what, and when.

Every service writes a Wagtail log entry (DESIGN §4); this reads them back, newest first, for
`templates/portal/admin/history.html`. Which keys of an entry's `data` are shown beside the
action is the app's choice: data may hold what the inspect view must not show (a message body,
a token), so nothing is shown unless named.
"""

from wagtail.log_actions import registry as log_registry

HISTORY_LIMIT = 200


def audit_history(instance, *, detail_keys=(), limit=HISTORY_LIMIT):
    """The latest `limit` log entries of `instance`, newest first, as dicts with the action's
    label, the `detail_keys` values of its data joined by " · ", the user's name and the time."""
    entries = (
        log_registry.get_logs_for_instance(instance)
        .select_related("user")
        .order_by("-timestamp", "-pk")[:limit]
    )
    return [
        {
            "label": entry.formatter.label if entry.formatter else entry.action,
            "detail": _detail(entry.data or {}, detail_keys),
            "user": entry.user_display_name,
            "timestamp": entry.timestamp,
        }
        for entry in entries
    ]


def _detail(data, keys):
    return " · ".join(str(data[key]) for key in keys if data.get(key) not in (None, "", [], {}))


class AuditHistoryMixin:
    """For an InspectView: `history` in the context, the audit trail of `self.object`.

    Set `history_detail_keys` to the log data keys worth showing beside each action; include
    "portal/admin/history.html" in the template.
    """

    history_detail_keys = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = audit_history(self.object, detail_keys=self.history_detail_keys)
        return context
