"""The forms about referees: the applicant's request (or replacement), and the referee's two
ways to answer, a PDF letter or a short form (exchange.models.referees.FORM_QUESTIONS)."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exchange.choices import AcquaintanceLength, Rating, Recommendation
from exchange.models import Referee
from exchange.models.referees import FORM_QUESTIONS
from portal.uploads import MEGABYTE, PDF, CheckedFileField

LETTER_MAX_BYTES = 10 * MEGABYTE
MAX_LETTER_TEXT = 5000


class RefereeRequestForm(forms.ModelForm):
    """Who the applicant asks for a letter, and in which language they are written to."""

    class Meta:
        model = Referee
        fields = ["name", "email", "institution", "position", "language"]
        widgets = {"language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["name"].widget.attrs["autocomplete"] = "off"

    def details(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class LetterUploadForm(forms.Form):
    letter = CheckedFileField(
        label=_("Your letter (PDF)"),
        kinds=[PDF],
        max_bytes=LETTER_MAX_BYTES,
        help_text=_("A PDF file of at most 10 MB, on your institution's letterhead if you can."),
        error_messages={"required": _("Choose the PDF file of your letter.")},
    )


def _choice(key, choices):
    return forms.ChoiceField(
        label=FORM_QUESTIONS[key],
        choices=choices.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer.")},
    )


class LetterAnswersForm(forms.Form):
    """The letter as answers: the fixed scales make letters comparable across languages."""

    known_for = _choice("known_for", AcquaintanceLength)
    capacity = forms.CharField(
        label=FORM_QUESTIONS["capacity"],
        max_length=200,
        help_text=_("e.g. Head of department, supervisor of the applicant's residency"),
    )
    clinical_skills = _choice("clinical_skills", Rating)
    communication = _choice("communication", Rating)
    recommendation = _choice("recommendation", Recommendation)
    comments = forms.CharField(
        label=FORM_QUESTIONS["comments"],
        max_length=MAX_LETTER_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "What the committee should know: the applicant's strengths, what they would gain "
            "from this programme, and anything to watch."
        ),
    )

    def clean_capacity(self):
        return " ".join(self.cleaned_data["capacity"].split())

    def answers(self):
        return {key: self.cleaned_data[key] for key in FORM_QUESTIONS}
