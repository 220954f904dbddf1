from django import template
from django.template import Engine
from django.utils import formats

from portal.timezones import partner_times as _partner_times

register = template.Library()


@register.simple_tag(takes_context=True)
def partner_times(context, starts_at, ends_at=None):
    """A start (and end) shown in Changsha and Paris time, with a machine-readable <time>.

    Rendered with use_tz off: otherwise the `date` and `time` filters convert every value back
    to the active time zone (UTC) and both rows would show the same clock.
    """
    starts = _partner_times(starts_at)
    ends = _partner_times(ends_at) if ends_at else [None] * len(starts)
    engine = context.template.engine if context.template else Engine.get_default()
    include = engine.get_template("includes/partner_times.html")
    include_context = context.new({"rows": list(zip(starts, ends, strict=True)), "utc": starts_at})
    include_context.use_tz = False
    return include.render(include_context)


def _time_range_text(start, end):
    text = f"{formats.date_format(start.value, 'DATE_FORMAT')}, {start.value:%H:%M}"
    if end:
        if end.value.date() != start.value.date():
            text += f" – {formats.date_format(end.value, 'DATE_FORMAT')}, {end.value:%H:%M}"
        else:
            text += f"–{end.value:%H:%M}"
    return text


@register.simple_tag
def partner_times_text(starts_at, ends_at=None):
    """Plain-text lines for emails, e.g. "Changsha: 12 March 2026, 09:00–17:30 (CST)".

    Returned unescaped text: use it in templates rendered with autoescape off.
    """
    starts = _partner_times(starts_at)
    ends = _partner_times(ends_at) if ends_at else [None] * len(starts)
    lines = []
    for start, end in zip(starts, ends, strict=True):
        lines.append(f"{start.city}: {_time_range_text(start, end)} ({start.value.tzname()})")
    return "\n".join(lines)
