from django import template

from portal.timezones import partner_times as _partner_times

register = template.Library()


@register.inclusion_tag("includes/partner_times.html")
def partner_times(starts_at, ends_at=None):
    """A start (and end) shown in Changsha and Paris time, with a machine-readable <time>."""
    starts = _partner_times(starts_at)
    ends = _partner_times(ends_at) if ends_at else [None] * len(starts)
    return {"rows": list(zip(starts, ends, strict=True)), "utc": starts_at}
