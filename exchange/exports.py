"""Application exports (CSV and XLSX) of the coordinators' listing, written by portal.exports
(streamed, formulas neutralised).

Headings, labels and call titles are in the exporting coordinator's admin language; times on
the call's clock with their UTC offset ("2026-12-12 09:00 +08:00"); scores as numbers.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.choices import ApplicationStatus, LanguageLevel
from portal import exports
from portal.choices import Profession
from portal.exports import ExportColumn, time_with_offset


def applicant_name(application):
    return application.applicant.get_full_name() or application.passport_name


def _call_time(name):
    def value(application):
        return time_with_offset(getattr(application, name), application.call.time_zone)

    return value


def _mean(application):
    return round(application.mean_score, 2) if application.mean_score is not None else None


def columns():
    """The export's columns; the choice labels they read are translated once, now (a label's
    translation per row costs more than the rest of the row)."""
    status = {value: str(label) for value, label in ApplicationStatus.choices}
    profession = {value: str(label) for value, label in Profession.choices}
    level = {value: str(label) for value, label in LanguageLevel.choices}
    return [
        ExportColumn(_("Reference"), lambda a: a.reference),
        ExportColumn(_("Call"), lambda a: a.call_title),
        ExportColumn(_("Status"), lambda a: status.get(a.status, a.status)),
        ExportColumn(_("Applicant"), applicant_name),
        ExportColumn(_("Name as in the passport"), lambda a: a.passport_name),
        ExportColumn(_("Email"), lambda a: a.applicant.email),
        ExportColumn(_("Nationality"), lambda a: a.nationality),
        ExportColumn(_("Date of birth"), lambda a: a.date_of_birth or ""),
        ExportColumn(_("Institution"), lambda a: a.institution),
        ExportColumn(_("Department"), lambda a: a.department),
        ExportColumn(_("Profession"), lambda a: profession.get(a.profession, a.profession)),
        ExportColumn(_("Position"), lambda a: a.position),
        ExportColumn(_("Years of experience"), lambda a: a.years_experience),
        ExportColumn(_("Level of French"), lambda a: level.get(a.french_level, "")),
        ExportColumn(_("Level of English"), lambda a: level.get(a.english_level, "")),
        ExportColumn(_("Submitted at"), _call_time("submitted_at")),
        ExportColumn(_("Reviews submitted"), lambda a: a.reviews_done),
        ExportColumn(_("Reviews assigned"), lambda a: a.reviews_assigned),
        ExportColumn(_("Mean weighted score"), _mean),
        ExportColumn(_("Deadline extended to"), _call_time("deadline_extended_to")),
        ExportColumn(_("Corrections due by"), _call_time("return_deadline")),
    ]


def export_filename(extension):
    return f"applications-{timezone.now():%Y%m%d-%H%M}.{extension}"


def csv_response(rows):
    """`rows` (the listing's queryset, filtered and ordered, or the selected applications),
    read through admin_filters.with_listing_columns, as a streamed CSV file."""
    return exports.csv_response(columns(), rows, filename=export_filename("csv"))


def xlsx_response(rows):
    return exports.xlsx_response(
        columns(), rows, filename=export_filename("xlsx"), sheet_title=_("Applications")
    )
