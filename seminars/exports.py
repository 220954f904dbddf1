"""Registration exports (CSV and XLSX): the columns of a registration, written by portal.exports
(streamed, formulas neutralised).

Headings and labels are in the exporting organiser's admin language, times at the seminar's
venue with their UTC offset ("2026-12-12 09:00 +08:00").
"""

from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import exports
from portal.exports import ExportColumn
from seminars.choices import AttendanceMode, Profession, RegistrationStatus
from seminars.credits import awarded_hours
from seminars.models import SeminarSession, SessionAttendance


def answers_text(answers):
    """The answers to the seminar's own questions as one cell: "Question: answer | …"."""
    parts = []
    for item in (answers or {}).values():
        answer = item.get("answer")
        shown = ", ".join(answer) if isinstance(answer, list) else str(answer)
        parts.append(f"{item.get('question', '')}: {shown}")
    return " | ".join(parts)


def venue_time(moment, zone):
    """`moment` at the venue, with its offset from UTC: "2026-12-12 09:00 +08:00"."""
    return exports.time_with_offset(moment, zone)


def _seminar_title(registration):
    # The listing annotates the title in the organiser's language (admin_filters).
    return getattr(registration, "seminar_title", None) or registration.seminar.title


def columns():
    """The export's columns; the labels they read are fetched (and translated) once, now."""
    lookup = _shared_lookups()
    return [
        ExportColumn(_("ID"), lambda r: r.pk),
        ExportColumn(_("Seminar"), _seminar_title),
        ExportColumn(_("Status"), lambda r: lookup["status"][r.status]),
        ExportColumn(_("Attendance"), lambda r: lookup["mode"][r.mode]),
        ExportColumn(_("Full name"), lambda r: r.full_name),
        ExportColumn(_("Email"), lambda r: r.email),
        ExportColumn(_("Institution"), lambda r: r.institution),
        ExportColumn(_("Department"), lambda r: r.department),
        ExportColumn(
            _("Profession"), lambda r: lookup["profession"].get(r.profession, r.profession)
        ),
        ExportColumn(_("Country"), lambda r: r.country),
        ExportColumn(_("Language for emails"), lambda r: r.language),
        ExportColumn(_("Dietary needs"), lambda r: r.dietary_needs),
        ExportColumn(_("Accessibility needs"), lambda r: r.accessibility_needs),
        ExportColumn(_("Registered at"), lambda r: venue_time(r.created_at, r.seminar.time_zone)),
        ExportColumn(
            _("Checked in at"), lambda r: venue_time(r.checked_in_at, r.seminar.time_zone)
        ),
        ExportColumn(_("Credit hours"), lambda r: _hours(r, lookup)),
        ExportColumn(_("Answers"), lambda r: answers_text(r.answers)),
    ]


def _shared_lookups():
    """What every row reads, fetched once per export: the choice labels (get_FOO_display() per
    row re-translated every label) and the seminars whose sessions carry credit hours."""
    with_hours = SeminarSession.objects.filter(credit_hours__gt=0).values_list("seminar_id")
    return {
        "with_hours": {seminar_id for (seminar_id,) in with_hours.distinct()},
        "status": {value: str(label) for value, label in RegistrationStatus.choices},
        "mode": {value: str(label) for value, label in AttendanceMode.choices},
        "profession": {value: str(label) for value, label in Profession.choices},
    }


def _hours(registration, lookup):
    """The credit hours an attendee earned (credits.awarded_hours); empty for everyone else."""
    if registration.status != RegistrationStatus.ATTENDED:
        return ""
    return awarded_hours(
        registration.attended_hours,
        programme_has_hours=registration.seminar_id in lookup["with_hours"],
        accredited=registration.seminar.cme_credit_hours,
    )


def _with_attended_hours(queryset):
    """Each registration's sum of attended sessions' hours, in the same query."""
    attended = (
        SessionAttendance.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .values("registration")
        .annotate(total=Sum("session__credit_hours"))
        .values("total")
    )
    return queryset.annotate(attended_hours=Subquery(attended))


def registrations(queryset):
    """The rows of the export: `queryset` with what every column reads, in the same query."""
    return _with_attended_hours(queryset.select_related("seminar"))


def export_filename(extension):
    return f"registrations-{timezone.now():%Y%m%d-%H%M}.{extension}"


def csv_response(queryset):
    return exports.csv_response(columns(), registrations(queryset), filename=export_filename("csv"))


def xlsx_response(queryset):
    return exports.xlsx_response(
        columns(),
        registrations(queryset),
        filename=export_filename("xlsx"),
        sheet_title=_("Registrations"),
    )
