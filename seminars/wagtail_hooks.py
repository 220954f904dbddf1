from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.page_deletion import refuse_deletion, under
from seminars import admin_cancel, views
from seminars.admin_views import CheckInMenuItem, check_in_urls
from seminars.models import Registration, SeminarPage, SeminarSeries
from seminars.viewsets import BULK_ACTIONS, registration_viewset

register_snippet(SeminarSeries)

LOG_ACTIONS = {
    "pending": (_("Registered, pending approval"), _("Registered (pending approval)")),
    "confirmed": (_("Registration confirmed"), _("Registration confirmed")),
    "waitlisted": (_("Put on the waiting list"), _("Put on the waiting list")),
    "promoted": (_("Promoted from the waiting list"), _("Promoted from the waiting list")),
    "declined": (_("Registration declined"), _("Registration declined")),
    "cancelled": (_("Registration cancelled"), _("Registration cancelled")),
    "attended": (_("Checked in"), _("Checked in")),
    "session_attended": (_("Checked in to another session"), _("Checked in to another session")),
    "no_show": (_("Marked as absent"), _("Marked as absent")),
    "details_changed": (_("Details corrected by the attendee"), _("Details corrected")),
    "mode_changed": (_("Attendance mode changed"), _("Attendance mode changed")),
    "certificate_issued": (
        _("Certificate of attendance issued"),
        _("Certificate of attendance issued"),
    ),
    "certificate_updated": (
        _("Certificate updated with the sessions attended"),
        _("Certificate updated with the sessions attended"),
    ),
}


@hooks.register("before_serve_page")
def take_registrations_on_the_seminar_page(page, request, serve_args, serve_kwargs):
    """The registration form posts to the seminar page itself; GET is served as any page."""
    if request.method == "POST" and isinstance(page, SeminarPage):
        return views.register_on_seminar_page(page, request)
    return None


@hooks.register("register_log_actions")
def register_registration_actions(actions):
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(f"seminars.registration.{event}", label, message)


# The organisers' back office: registration listing, bulk actions, check-in desk.


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_log_actions")
def register_seminar_actions(actions):
    actions.register_action(
        "seminars.seminar.changed",
        _("Registrants told of a new date, time or place"),
        _("Registrants told of a new date, time or place"),
    )
    actions.register_action(
        "seminars.seminar.cancelled", _("Seminar cancelled"), _("Seminar cancelled")
    )


@hooks.register("register_log_actions")
def register_organiser_actions(actions):
    actions.register_action(
        "seminars.registration.emailed", _("Emailed by an organiser"), _("Emailed by an organiser")
    )


@hooks.register("register_admin_urls")
def register_check_in_urls():
    return [
        path(
            "seminars/check-in/",
            include((check_in_urls, "seminars_check_in"), namespace="seminars_check_in"),
        )
    ]


@hooks.register("register_admin_urls")
def register_cancel_seminar_urls():
    return [
        path(
            "seminars/",
            include((admin_cancel.urlpatterns, "seminars_cancel"), namespace="seminars_cancel"),
        )
    ]


@hooks.register("register_page_action_menu_item")
def register_cancel_seminar_menu_item():
    return admin_cancel.CancelSeminarMenuItem()


@hooks.register("register_admin_menu_item")
def register_check_in_menu_item():
    return CheckInMenuItem(
        _("Check-in"), reverse("seminars_check_in:choose"), icon_name="tick", order=260
    )


@hooks.register("before_serve_document")
def keep_registrants_only_documents_private(document, request):
    """A document listed as registrants-only is not served at its public /documents/ URL
    (except to staff): attendees get it through their private registration link."""
    from seminars.models import SeminarMaterial

    if request.user.is_staff:
        return None
    if SeminarMaterial.objects.filter(document=document, registrants_only=True).exists():
        raise Http404
    return None


@refuse_deletion
def seminars_with_registrations(pages):
    """Registration.seminar is PROTECT: a seminar with registrations (or a page above one)
    is not deleted, and the organiser is told why (portal.page_deletion)."""
    titles = list(
        SeminarPage.objects.filter(
            pk__in=Registration.objects.filter(under(pages, "seminar")).values("seminar")
        ).values_list("title", flat=True)[:3]
    )
    if not titles:
        return []
    return [
        _(
            "Not deleted: people have registered for %(titles)s and their registrations would "
            "be lost. Unpublish the page instead, or cancel the seminar."
        )
        % {"titles": ", ".join(f"“{title}”" for title in titles)}
    ]


@hooks.register("construct_homepage_panels")
def add_upcoming_seminars_panel(request, panels):
    """Organisers land on their upcoming seminars (the dashboard is Wagtail's home page)."""
    from seminars.dashboard import UpcomingSeminarsPanel

    if request.user.has_perm("seminars.view_registration"):
        panels.append(UpcomingSeminarsPanel(request))
