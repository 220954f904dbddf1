"""Who may apply: a call's structured rules checked against an application (at submission).

Each rule is one small function that returns a Failure naming the rule and saying, in the
active language, what the call asks and what the application says, or None. A rule whose
answer is still missing from the application is left to the completeness check, which lists
the missing answer itself.
"""

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from exchange.choices import ApplicationStatus, LanguageLevel, WorkingLanguage
from exchange.models import Application
from portal.choices import Profession

CEFR = list(LanguageLevel.values)  # A1 … C2, lowest first
# A selection that counts against a new application (an offer declined or lapsed does not).
SELECTED = (ApplicationStatus.SELECTED, ApplicationStatus.OFFER_ACCEPTED)
# The professions in a sentence that names who a call is for ("for medical physicists").
PROFESSIONS_PLURAL = {
    Profession.SURGEON: _("surgeons"),
    Profession.ONCOLOGIST: _("medical oncologists"),
    Profession.RADIATION_ONCOLOGIST: _("radiation oncologists"),
    Profession.RADIOLOGIST: _("radiologists"),
    Profession.PATHOLOGIST: _("pathologists"),
    Profession.PHYSICIST: _("medical physicists"),
    Profession.NURSE: _("nurses"),
    Profession.RESEARCHER: _("researchers"),
    Profession.STUDENT: _("students and residents"),
    Profession.OTHER: _("other professions"),
}


@dataclass(frozen=True)
class Failure:
    rule: str  # profession, experience, language, age, not_selected
    message: str


def _in_sentence(label):
    # Choice labels are capitalised for menus; inside a sentence they are not (Chinese: no case).
    label = str(label)
    return label[:1].lower() + label[1:]


def _and_list(items):
    items = [str(item) for item in items]
    if len(items) == 1:
        return items[0]
    # Translators: the last two items of a list, "A, B and C". Chinese: "%(items)s和%(last)s".
    return gettext("%(items)s and %(last)s") % {
        # Translators: between the items of a list. Chinese uses the enumeration comma 、.
        "items": gettext(", ").join(items[:-1]),
        "last": items[-1],
    }


def check_profession(application, call):
    allowed = [value for value in call.eligible_professions if value in Profession.values]
    if not allowed or not application.profession or application.profession in allowed:
        return None
    professions = _and_list(PROFESSIONS_PLURAL[Profession(value)] for value in allowed)
    if application.profession == Profession.OTHER:
        message = gettext("This call is for %(professions)s; you gave another profession.")
        return Failure("profession", message % {"professions": professions})
    message = gettext("This call is for %(professions)s; your profession is %(profession)s.")
    profession = _in_sentence(Profession(application.profession).label)
    return Failure("profession", message % {"professions": professions, "profession": profession})


def check_experience(application, call):
    minimum, given = call.min_years_experience, application.years_experience
    if not minimum or given is None or given >= minimum:
        return None
    message = ngettext(
        "This call asks for at least %(count)s year of experience in your profession; "
        "you gave %(given)s.",
        "This call asks for at least %(count)s years of experience in your profession; "
        "you gave %(given)s.",
        minimum,
    )
    return Failure("experience", message % {"count": minimum, "given": given})


def _levels(application, required):
    """The applicant's levels in the languages that satisfy `required`."""
    french, english = application.french_level, application.english_level
    return {
        WorkingLanguage.FRENCH: [french],
        WorkingLanguage.ENGLISH: [english],
        WorkingLanguage.FRENCH_OR_ENGLISH: [french, english],
    }[required]


def check_language(application, call):
    required, minimum = call.required_language, call.min_language_level
    if required not in WorkingLanguage.values or minimum not in CEFR:
        return None
    levels = [level for level in _levels(application, required) if level in CEFR]
    best = max(levels, key=CEFR.index, default="")
    if best and CEFR.index(best) >= CEFR.index(minimum):
        return None
    values = {"language": WorkingLanguage(required).label, "level": minimum, "given": best}
    if best:
        message = gettext(
            "This call asks for %(language)s at level %(level)s or above; your level is %(given)s."
        )
    else:
        message = gettext(
            "This call asks for %(language)s at level %(level)s or above; you gave no level for it."
        )
    return Failure("language", message % values)


def age_on(born, day):
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check_age(application, call):
    if not call.max_age or not application.date_of_birth:
        return None
    closing_day = call.closes_at.astimezone(ZoneInfo(call.time_zone)).date()
    age = age_on(application.date_of_birth, closing_day)
    if age < call.max_age:
        return None
    message = gettext(
        "This call is for applicants under %(max)s on its closing date; you will be %(age)s then."
    )
    return Failure("age", message % {"max": call.max_age, "age": age})


def _recent_selections(application, call):
    """The applicant's other applications selected (and told so) in the call's window."""
    since = call.closes_at - timedelta(days=365 * call.not_selected_within_years)
    return (
        Application.objects.filter(applicant_id=application.applicant_id, status__in=SELECTED)
        .exclude(call_id=call.pk)
        .filter(decision_released_at__isnull=False, decision_released_at__gte=since)
    )


def check_not_selected(application, call):
    years = call.not_selected_within_years
    if not years or not _recent_selections(application, call).exists():
        return None
    message = ngettext(
        "This call is for applicants not selected by another call in the last %(count)s "
        "year; you were selected in that time.",
        "This call is for applicants not selected by another call in the last %(count)s "
        "years; you were selected in that time.",
        years,
    )
    return Failure("not_selected", message % {"count": years})


RULES = (check_profession, check_experience, check_language, check_age, check_not_selected)


def check_eligibility(application):
    """Every rule of the application's call that the application fails, in the call's order."""
    call = application.call
    failures = (rule(application, call) for rule in RULES)
    return [failure for failure in failures if failure is not None]
