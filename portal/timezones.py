"""Both partners' clocks: every date a Chinese and a French participant share is shown twice."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CITY = {"Asia/Shanghai": _("Changsha"), "Europe/Paris": _("Paris")}
# Chinese readers know their clock as 北京时间 and French readers theirs as "heure de Paris";
# an abbreviation helps neither, and CST also names US Central time.
ZONE_NAME = {"Asia/Shanghai": _("Beijing time"), "Europe/Paris": _("Paris time")}
# Where something happens (a seminar's venue, a call's host): a model field's choices.
PARTNER_TIME_ZONE_CHOICES = [
    ("Asia/Shanghai", _("Changsha (China Standard Time)")),
    ("Europe/Paris", _("Paris (Central European Time)")),
]


@dataclass(frozen=True)
class LocalTime:
    zone: str
    city: str
    value: datetime

    @property
    def zone_name(self):
        name = ZONE_NAME.get(self.zone)
        return str(name) if name else self.value.tzname()


def partner_times(moment):
    """`moment` (aware) in each partner time zone, Changsha first."""
    return [
        LocalTime(zone, str(CITY.get(zone, zone)), moment.astimezone(ZoneInfo(zone)))
        for zone in settings.PARTNER_TIME_ZONES
    ]


def iso_datetime(moment):
    """ISO 8601 to the second with its offset, as <time datetime> and JSON-LD want it: HTML
    accepts no fraction of a second beyond three digits, and none is meant."""
    return moment.replace(microsecond=0).isoformat() if moment else ""
