from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page

from . import page_deletion
from .document_admin import issued_document_viewset
from .viewsets import outbox_viewset


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("register_admin_viewset")
def register_issued_document_viewset():
    return issued_document_viewset


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("register_account_menu_item")
def two_factor_authentication_item(request):
    """The admin's Account page links to allauth's MFA settings, where staff manage them."""
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Authenticator app, security keys and recovery codes"),
    }


@hooks.register("register_log_actions")
def register_document_actions(actions):
    @actions.register_action("portal.document.revoked")
    class DocumentRevoked(LogFormatter):
        label = _("Document revoked")

        def format_message(self, log_entry):
            reason = log_entry.data.get("reason", "")
            return _("Document revoked: %(reason)s") % {"reason": reason}

    @actions.register_action("portal.document.reissued")
    class DocumentReissued(LogFormatter):
        label = _("Document issued again")

        def format_message(self, log_entry):
            return _("%(old)s issued again as %(new)s") % {
                "old": log_entry.data.get("replaces", ""),
                "new": log_entry.data.get("code", ""),
            }


@hooks.register("before_delete_page")
def refuse_deleting_protected_pages(request, page):
    """A page holding records (see portal.page_deletion) goes back to its parent's listing."""
    explorer = reverse("wagtailadmin_explore", args=(page.get_parent().pk,))
    return page_deletion.refuse_if_protected(request, [page], explorer)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_protected_pages(request, action_type, objects, action):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type != "delete" or not pages:
        return None
    return page_deletion.refuse_if_protected(request, pages, action.next_url)
