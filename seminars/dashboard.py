"""The organisers' dashboard panel (Wagtail's home page): their upcoming seminars at a glance.

Seats taken per mode out of capacity, who waits for approval or on the waiting list, and the
emails to their attendees that could not be delivered, in a fixed number of queries whatever
the number of seminars. Scoped by seminars.organisers: an organiser sees only their seminars.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from portal.choices import EmailStatus
from portal.models import OutboundEmail
from seminars.admin_filters import canonical_seminars, with_admin_titles
from seminars.choices import AttendanceMode, RegistrationStatus
from seminars.models import Registration
from seminars.models.pages import seat_counts_of
from seminars.organisers import managed_registrations, managed_seminars, sees_every_seminar

UPCOMING_LIMIT = 10


def listing_url(**params):
    return f"{reverse('registrations:index')}?{urlencode(params)}"


def failed_emails(user):
    """Emails given up on: to the attendees of `user`'s seminars (every one for administrators)."""
    failed = OutboundEmail.objects.filter(status=EmailStatus.FAILED)
    if not sees_every_seminar(user):
        attendees = managed_registrations(user, Registration.objects.all()).values("email")
        failed = failed.filter(kind__startswith="seminars.", to__in=attendees)
    return failed.count()


def seminar_row(seminar, counts):
    modes = [{"label": AttendanceMode(mode).label, **bucket} for mode, bucket in counts.items()]
    return {
        "seminar": seminar,
        "modes": modes,
        "pending": sum(bucket["pending"] for bucket in counts.values()),
        "waiting": sum(bucket["waiting"] for bucket in counts.values()),
        "url": listing_url(seminar=seminar.pk),
        "pending_url": listing_url(seminar=seminar.pk, status=RegistrationStatus.PENDING),
        "waiting_url": listing_url(seminar=seminar.pk, status=RegistrationStatus.WAITLISTED),
        "check_in_url": reverse("seminars_check_in:seminar", args=(seminar.pk,)),
        # Organisers cannot open the page editor, where the same action sits in the menu.
        "cancel_url": ""
        if seminar.is_cancelled
        else reverse("seminars_cancel:cancel", args=(seminar.pk,)),
    }


class UpcomingSeminarsPanel(Component):
    name = "upcoming_seminars"
    order = 50  # before Wagtail's own panels
    template_name = "seminars/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        upcoming = managed_seminars(user, canonical_seminars()).filter(ends_at__gte=timezone.now())
        seminars = list(with_admin_titles(upcoming).order_by("starts_at", "pk")[:UPCOMING_LIMIT])
        counts = seat_counts_of(seminars) if seminars else {}
        context = {
            "rows": [seminar_row(seminar, counts[seminar.pk]) for seminar in seminars],
            "failed_emails": failed_emails(user),
            "registrations_url": reverse("registrations:index"),
            "heading": _("Your upcoming seminars"),
        }
        if user.has_perm("portal.view_outboundemail"):
            context["outbox_url"] = f"{reverse('outbox:index')}?{urlencode({'status': 'failed'})}"
        return context
