from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .viewsets import outbox_viewset


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
