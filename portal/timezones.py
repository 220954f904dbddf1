"""Both partners' clocks: every date a Chinese and a French participant share is shown twice."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CITY = {"Asia/Shanghai": _("Changsha"), "Europe/Paris": _("Paris")}


@dataclass(frozen=True)
class LocalTime:
    zone: str
    city: str
    value: datetime


def partner_times(moment):
    """`moment` (aware) in each partner time zone, Changsha first."""
    return [
        LocalTime(zone, str(CITY.get(zone, zone)), moment.astimezone(ZoneInfo(zone)))
        for zone in settings.PARTNER_TIME_ZONES
    ]
