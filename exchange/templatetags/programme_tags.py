"""Template tags of the programme pages: a call's status, its rules in words, its documents,
its criteria's shares of the score, its host departments in the page's language, schema.org data.

Whether a call is open is decided on the canonical page (applications are made to it), so
the status and dates the templates show come from `page.canonical` too.
"""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from exchange.choices import DocumentKind, WorkingLanguage
from home.models import Department
from portal.choices import Profession

register = template.Library()

# What a `<script type="application/ld+json">` must never contain verbatim.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
BCP47 = {"zh-hans": "zh-Hans", "en": "en", "fr": "fr"}


@register.filter
def call_status(call):
    """`{% with status=call|call_status %}`: the CallStatus of `call` at this moment."""
    return call.call_status()


@register.simple_tag
def closes_in(call, now=None):
    """ "Closes in 12 days." for an open call (whole days left, rounded down)."""
    left = call.closes_at - (now or timezone.now())
    if left < timedelta(days=1):
        return gettext("Closes in less than a day.")
    return ngettext("Closes in %(count)s day.", "Closes in %(count)s days.", left.days) % {
        "count": left.days
    }


@register.filter
def weeks(count):
    return ngettext("%(count)s week", "%(count)s weeks", count) % {"count": count}


def _in_sentence(label):
    # Choice labels are capitalised for lists and menus; inside a sentence they are not.
    # (Chinese has no case, so this changes nothing there.)
    return label[:1].lower() + label[1:]


def _list(items):
    # Translators: between the items of a list ("radiation oncologist, medical physicist").
    # Chinese uses the enumeration comma 、.
    return gettext(", ").join(items)


def _choice_labels(values, choices):
    labels = dict(choices)
    return [str(labels[value]) for value in values if value in labels]


def _professions(page):
    labels = _choice_labels(page.eligible_professions, Profession.choices)
    if labels:
        professions = _list(_in_sentence(label) for label in labels)
        return gettext("Professions: %(professions)s") % {"professions": professions}
    return None


def _experience(page):
    count = page.min_years_experience
    if count:
        return ngettext(
            "At least %(count)s year of experience", "At least %(count)s years of experience", count
        ) % {"count": count}
    return None


def _language(page):
    if page.required_language and page.min_language_level:
        return gettext("%(language)s at level %(level)s or above") % {
            "language": WorkingLanguage(page.required_language).label,
            "level": page.min_language_level,  # CEFR levels read the same in every language
        }
    return None


def _age(page):
    if page.max_age:
        return gettext("Under %(age)s on the closing date") % {"age": page.max_age}
    return None


def _not_selected(page):
    count = page.not_selected_within_years
    if count:
        return ngettext(
            "Not selected by a call in the last %(count)s year",
            "Not selected by a call in the last %(count)s years",
            count,
        ) % {"count": count}
    return None


RULES = (_professions, _experience, _language, _age, _not_selected)


@register.simple_tag
def rule_sentences(page):
    """The call's structured eligibility rules, one readable sentence each, in the order the
    editor fills them in."""
    return [sentence for sentence in (rule(page) for rule in RULES) if sentence]


@register.simple_tag
def required_documents(page):
    """The labels of the documents the call asks for, in the editor's order."""
    return _choice_labels(page.required_documents, DocumentKind.choices)


def _shares(weights):
    """Whole percentages of `weights` that add up to 100 (largest remainders get the rest)."""
    total = sum(weights)
    if not total:
        return [0] * len(weights)
    exact = [weight * 100 / total for weight in weights]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda n: shares[n] - exact[n])
    for n in by_remainder[: 100 - sum(shares)]:
        shares[n] += 1
    return shares


@register.simple_tag
def weighted_criteria(page):
    """[(criterion, "40%")]: each selection criterion with its share of the total score."""
    criteria = list(page.criteria.all())
    shares = _shares([criterion.weight for criterion in criteria])
    # Translators: a percentage. French puts a narrow no-break space before %.
    pattern = gettext("%(percent)s%%")
    return [
        (criterion, pattern % {"percent": share})
        for criterion, share in zip(criteria, shares, strict=True)
    ]


@register.simple_tag
def host_departments(page):
    """The host departments in the page's language, where they are translated.

    wagtail-localize copies a many-to-many as it is, so a translated call still points at
    its source's departments: the French page would name them in English."""
    departments = list(page.host_departments.select_related("institution"))
    keys = [department.translation_key for department in departments]
    if any(department.locale_id != page.locale_id for department in departments):
        translated = {
            department.translation_key: department
            for department in Department.objects.filter(
                translation_key__in=keys, locale_id=page.locale_id
            ).select_related("institution")
        }
        departments = [translated.get(d.translation_key, d) for d in departments]
    return departments


def _host_date(call, moment):
    # schema.org wants a date here; it is the date on the host's clock.
    return moment.astimezone(ZoneInfo(call.time_zone)).date().isoformat()


@register.simple_tag(takes_context=True)
def programme_json_ld(context, page):
    """schema.org EducationalOccupationalProgram, safe inside a `<script>` element."""
    call = page.canonical
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "programType": str(page.get_programme_type_display()),
        "timeToComplete": f"P{page.duration_weeks}W",
        "maximumEnrollment": page.places,
        "applicationStartDate": _host_date(call, call.opens_at),
        "applicationDeadline": _host_date(call, call.closes_at),
        "inLanguage": BCP47.get(page.locale.language_code, page.locale.language_code),
    }
    if page.host_institution:
        provider = {"@type": "Organization", "name": page.host_institution.name}
        if page.host_institution.website:
            provider["url"] = page.host_institution.website
        data["provider"] = provider
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # <, > and & are escaped above
