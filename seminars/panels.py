"""Editor panels of the seminar page (imported by seminars.models.pages: no views here)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel

from seminars.choices import AttendanceMode


class SeatCountsPanel(Panel):
    """Read-only, in the seminar's page editor: seats taken, waiting, pending and free per mode."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Seats"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "seminars/admin/seat_counts_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            seminar = self.instance
            if seminar.pk is None:  # a seminar being created has no registrations yet
                return context
            canonical = seminar.canonical
            context["rows"] = [
                {"mode": AttendanceMode(mode).label, **counts}
                for mode, counts in seminar.seat_counts().items()
            ]
            context["registrations_url"] = (
                f"{reverse('registrations:index')}?{urlencode({'seminar': canonical.pk})}"
            )
            if canonical.live:
                context["check_in_url"] = reverse("seminars_check_in:seminar", args=(canonical.pk,))
            return context
