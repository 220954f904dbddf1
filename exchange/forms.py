"""The application form, one form per step (exchange.choices.ApplicationStep).

Every field may be left empty while the application is a draft: what is still missing is listed
on the review step. What is given must make sense (a date of birth in the past, a period that
ends after it starts and is long enough for the programme).
"""

import copy
import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchange.choices import ApplicationStep, LanguageLevel
from exchange.models import Application
from exchange.models.applications import STEP_FIELDS
from portal.choices import Profession

Step = ApplicationStep
OTHER_LANGUAGE_ROWS = 2
PHONE = re.compile(r"^\+?[0-9 ().-]+$")
MIN_PHONE_DIGITS = 6
MAX_YEARS = 60
EARLIEST_BIRTH = date(1920, 1, 1)


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def level_choices(blank=None):
    return [("", blank or _("Not spoken")), *LanguageLevel.choices]


class StepForm(forms.ModelForm):
    """One step's fields, all optional in a draft. Validates on a copy of the application, so
    a refused form leaves the caller's object as saved."""

    step = None
    optional = ()  # labelled "(optional)": not needed to submit

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, instance=copy.copy(application), **kwargs)
        self.application = application

    @property
    def solo(self):
        """One field, named like the step: its label is left to screen readers."""
        return len(self.fields) == 1

    def step_data(self):
        """The cleaned values of the step's model fields, for save_application_step."""
        return {name: self.cleaned_data[name] for name in STEP_FIELDS[self.step]}


class PersonalForm(StepForm):
    step = Step.PERSONAL
    optional = ("department",)

    class Meta:
        model = Application
        fields = STEP_FIELDS[Step.PERSONAL]
        widgets = {
            "date_of_birth": date_input(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "passport_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "years_experience": forms.NumberInput(attrs={"min": 0, "max": MAX_YEARS}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profession"].choices = [("", _("Choose your profession")), *Profession.choices]

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and not EARLIEST_BIRTH <= born < timezone.localdate():
            raise forms.ValidationError(_("Enter your date of birth: a date in the past."))
        return born

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = sum(character.isdigit() for character in phone)
        if phone and (not PHONE.match(phone) or digits < MIN_PHONE_DIGITS):
            raise forms.ValidationError(
                _("Enter a phone number in digits, with its country code, e.g. +86 731 8888 8888.")
            )
        return phone

    def clean_years_experience(self):
        years = self.cleaned_data["years_experience"]
        if years is not None and years > MAX_YEARS:
            raise forms.ValidationError(
                _("Enter a number of years between 0 and %(max)s.") % {"max": MAX_YEARS}
            )
        return years


class LanguagesForm(StepForm):
    """French and English at a CEFR level, and up to OTHER_LANGUAGE_ROWS other languages."""

    step = Step.LANGUAGES
    optional = ("french_certificate", "english_certificate")

    class Meta:
        model = Application
        fields = ["french_level", "french_certificate", "english_level", "english_certificate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("french_level", "english_level"):
            self.fields[name].choices = level_choices()
        self.fields["french_certificate"].help_text = _(
            "The certificate and its year, e.g. DELF B2 (2024)."
        )
        self.fields["english_certificate"].help_text = _(
            "The certificate and its year, e.g. IELTS 6.5 (2023)."
        )
        saved = self.instance.other_languages or []
        for index in range(1, OTHER_LANGUAGE_ROWS + 1):
            row = saved[index - 1] if index <= len(saved) else {}
            self.fields[f"other_language_{index}"] = forms.CharField(
                label=_("Language"), max_length=60, required=False, initial=row.get("language")
            )
            self.fields[f"other_level_{index}"] = forms.ChoiceField(
                label=_("Level"),
                choices=level_choices(_("Choose a level")),
                required=False,
                initial=row.get("level"),
            )
            self.fields[f"other_certificate_{index}"] = forms.CharField(
                label=_("Certificate"),
                max_length=200,
                required=False,
                initial=row.get("certificate"),
            )

    def main_fields(self):
        return [self[name] for name in self._meta.fields]

    def other_rows(self):
        """The other-language rows as (number, [language, level, certificate]) for templates."""
        parts = ("language", "level", "certificate")
        return [
            (index, [self[f"other_{part}_{index}"] for part in parts])
            for index in range(1, OTHER_LANGUAGE_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        rows = []
        for index in range(1, OTHER_LANGUAGE_ROWS + 1):
            row = {
                part: cleaned.get(f"other_{part}_{index}", "").strip()
                for part in ("language", "level", "certificate")
            }
            if not row["language"] and (row["level"] or row["certificate"]):
                self.add_error(f"other_language_{index}", _("Name the language."))
            elif row["language"]:
                rows.append(row)
        cleaned["other_languages"] = rows
        return cleaned


class MotivationForm(StepForm):
    step = Step.MOTIVATION

    class Meta:
        model = Application
        fields = STEP_FIELDS[Step.MOTIVATION]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "motivation": _(
                "Why this programme, why now, and how it fits your work and your department."
            )
        }


class ObjectivesForm(StepForm):
    step = Step.OBJECTIVES

    class Meta:
        model = Application
        fields = STEP_FIELDS[Step.OBJECTIVES]
        widgets = {"training_objectives": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "training_objectives": _(
                "What you want to learn or be able to do by the end, and how you will use it "
                "at home."
            )
        }


class PeriodForm(StepForm):
    step = Step.PERIOD

    class Meta:
        model = Application
        fields = STEP_FIELDS[Step.PERIOD]
        widgets = {"earliest_start": date_input(), "latest_end": date_input()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("earliest_start"), cleaned.get("latest_end")
        if start and start < timezone.localdate():
            self.add_error("earliest_start", _("The earliest start cannot be in the past."))
        if start and end:
            self._check_span(start, end)
        return cleaned

    def _check_span(self, start, end):
        if end <= start:
            self.add_error("latest_end", _("The latest end must come after the earliest start."))
            return
        weeks = self.application.call.duration_weeks
        if (end - start).days < weeks * 7:
            message = ngettext(
                "This period is shorter than the programme, which lasts %(count)s week.",
                "This period is shorter than the programme, which lasts %(count)s weeks.",
                weeks,
            )
            self.add_error("latest_end", message % {"count": weeks})


STEP_FORMS = {
    Step.PERSONAL: PersonalForm,
    Step.LANGUAGES: LanguagesForm,
    Step.MOTIVATION: MotivationForm,
    Step.OBJECTIVES: ObjectivesForm,
    Step.PERIOD: PeriodForm,
}
