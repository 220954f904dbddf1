from django import template
from django.template import Context, Engine
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.templatetags.typography import label_separator
from portal.timezones import iso_datetime as _iso_datetime
from portal.timezones import partner_times as _partner_times

register = template.Library()


@register.filter
def iso_datetime(value):
    """`{{ moment|iso_datetime }}`: 2026-12-12T09:00:00+08:00, for <time datetime>."""
    return _iso_datetime(value)


def _date_time(value):
    # Translators: a date, then a time of day. Chinese writes 2026年12月12日 09:00, no comma.
    return gettext("%(date)s, %(time)s") % {
        "date": formats.date_format(value, "DATE_FORMAT"),
        "time": f"{value:%H:%M}",
    }


def _end_text(start, end):
    """What follows the start: –17:30 on the same day, else – the end date and time."""
    if end is None:
        return ""
    if end.value.date() != start.value.date():
        return f" – {_date_time(end.value)}"
    return f"–{end.value:%H:%M}"


def _zone(zone_name):
    # Translators: a time zone's name in brackets after a time: "(Beijing time)".
    return gettext("(%(zone)s)") % {"zone": zone_name}


def _zone_pattern():
    # Translators: a time, then its bracketed time zone. Chinese: no space between them.
    return gettext("%(when)s %(zone)s")


def _with_zone(when, zone):
    """`when`, then its zone in brackets: 09:00 (Paris time), but 09:00（北京时间） in Chinese,
    whose full-width brackets bring their own space. Both arguments may be safe HTML."""
    pattern = conditional_escape(_zone_pattern())
    return mark_safe(pattern % {"when": conditional_escape(when), "zone": conditional_escape(zone)})


def _rows(starts_at, ends_at):
    starts = _partner_times(starts_at)
    ends = _partner_times(ends_at) if ends_at else [None] * len(starts)
    return list(zip(starts, ends, strict=True))


def _row_html(start, end):
    when = format_html(
        '<time datetime="{}">{}</time>{}',
        _iso_datetime(start.value),
        _date_time(start.value),
        _end_text(start, end),
    )
    zone = format_html('<span class="partner-times__zone">{}</span>', _zone(start.zone_name))
    return {"city": start.city, "when": _with_zone(when, zone)}


def _partner_times_context(starts_at, ends_at):
    rows = [_row_html(start, end) for start, end in _rows(starts_at, ends_at)]
    return {"rows": rows, "utc": _iso_datetime(starts_at)}


@register.simple_tag(takes_context=True)
def partner_times(context, starts_at, ends_at=None):
    """A start (and end) shown in Changsha and Paris time, with a machine-readable <time>."""
    engine = context.template.engine if context.template else Engine.get_default()
    include = engine.get_template("includes/partner_times.html")
    return include.render(context.new(_partner_times_context(starts_at, ends_at)))


def partner_times_html(starts_at, ends_at=None):
    """What {% partner_times %} renders, from Python: a fact of an issued document's public
    check is given as HTML by the app that issued it."""
    include = Engine.get_default().get_template("includes/partner_times.html")
    return include.render(Context(_partner_times_context(starts_at, ends_at)))


@register.simple_tag
def partner_times_text(starts_at, ends_at=None):
    """Plain-text lines for emails, e.g. "Changsha: 12 March 2026, 09:00–17:30 (Beijing time)".

    Returned unescaped text: use it in templates rendered with autoescape off.
    """
    separator = label_separator()
    lines = []
    for start, end in _rows(starts_at, ends_at):
        when = f"{_date_time(start.value)}{_end_text(start, end)}"
        with_zone = _zone_pattern() % {"when": when, "zone": _zone(start.zone_name)}
        lines.append(f"{start.city}{separator}{with_zone}")
    return "\n".join(lines)
