"""Continuing-education credit hours: one rule for certificates and exports.

An attendee earns the hours of the sessions they were checked in to, capped at the seminar's
accredited total (cme_credit_hours). A programme whose sessions carry no hours awards that total
to anyone checked in.
"""

from decimal import Decimal


def awarded_hours(attended_total, *, programme_has_hours, accredited):
    """The hours awarded, given the sum of the attended sessions' hours."""
    if programme_has_hours:
        total = attended_total or Decimal(0)
        if accredited is not None:
            total = min(total, accredited)
    else:
        total = accredited or Decimal(0)
    return total.normalize() if total else Decimal(0)


def credit_hours(seminar, attended_sessions):
    """Hours awarded for attending `attended_sessions` of `seminar` (the canonical page)."""
    return awarded_hours(
        sum((session.credit_hours for session in attended_sessions), Decimal(0)),
        programme_has_hours=any(session.credit_hours for session in seminar.sessions.all()),
        accredited=seminar.cme_credit_hours,
    )
