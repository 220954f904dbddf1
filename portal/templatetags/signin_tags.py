from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def signup_open():
    """`{% signup_open as open %}`: whether people may make their own accounts now."""
    return settings.PORTAL_SIGNUP_OPEN
