"""Cancelling a seminar from its page editor: an action menu item leading to a confirmation form
that calls services.cancel_seminar."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem

from portal.workflow import DomainError


class CancelSeminarForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the registrants"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Emailed with the cancellation to everyone registered (pending, confirmed or on the "
            "waiting list) and shown on the seminar page. Write it in the languages of your "
            "registrants."
        ),
    )


def may_cancel(user, seminar):
    """Editors who may publish the seminar's page, and its organisers."""
    from seminars.organisers import manages

    canonical = seminar.canonical
    if canonical.permissions_for_user(user).can_publish():
        return True
    return user.has_perm("seminars.change_registration") and manages(user, canonical)


def _cancellable(seminar):
    return not seminar.is_cancelled and seminar.ends_at > timezone.now()


class CancelSeminarMenuItem(ActionMenuItem):
    name = "action-cancel-seminar"
    label = _("Cancel the seminar…")
    icon_name = "cross"
    order = 70

    def is_shown(self, context):
        from seminars.models import SeminarPage

        page = context.get("page")
        if context["view"] != "edit" or not isinstance(page, SeminarPage) or not page.live:
            return False
        return _cancellable(page.canonical) and may_cancel(context["request"].user, page)

    def get_url(self, context):
        return reverse("seminars_cancel:cancel", args=(context["page"].canonical.pk,))


def cancel_seminar_view(request, page_id):
    """GET: what cancelling does, and the message field; POST: cancel and tell everyone."""
    from seminars import services
    from seminars.models import SeminarPage

    seminar = get_object_or_404(SeminarPage.objects.live(), pk=page_id).canonical
    if not may_cancel(request.user, seminar):
        raise PermissionDenied
    form = CancelSeminarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.cancel_seminar(
                seminar, by=request.user, message=form.cleaned_data["message"]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _cancelled_message(seminar, len(cancelled)))
            return redirect("wagtailadmin_pages:edit", seminar.pk)
    context = {
        "seminar": seminar,
        "form": form,
        "cancellable": _cancellable(seminar),
        "registrants": seminar.registrations.filter(
            status__in=services.WAITING_OR_EXPECTED
        ).count(),
    }
    return TemplateResponse(request, "seminars/admin/cancel_seminar.html", context)


def _cancelled_message(seminar, count):
    return ngettext(
        "%(title)s is cancelled; %(count)s registrant is being emailed.",
        "%(title)s is cancelled; %(count)s registrants are being emailed.",
        count,
    ) % {"title": seminar.title, "count": count}


urlpatterns = [path("<int:page_id>/cancel/", cancel_seminar_view, name="cancel")]
