"""Template filters of the referees' statuses on the applicant's pages."""

from django import template

from exchange.choices import Direction, RefereeStatus

register = template.Library()

# The applicant's own clock: a call from China to France is applied to from Changsha.
HOME_TIME_ZONE = {
    Direction.CHINA_TO_FRANCE: "Asia/Shanghai",
    Direction.FRANCE_TO_CHINA: "Europe/Paris",
}


@register.filter
def home_time_zone(call):
    """`{% timezone call|home_time_zone %}`: the dates an applicant reads in their own time."""
    return HOME_TIME_ZONE.get(call.direction, "Asia/Shanghai")


@register.filter
def current_referees(application):
    """The application's referees who were not replaced (from a prefetch where there is one)."""
    return [r for r in application.referees.all() if r.status != RefereeStatus.REPLACED]
