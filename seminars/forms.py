from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.choices import language_choices
from seminars.choices import AttendanceMode, Profession, QuestionKind
from seminars.models import Registration
from seminars.models.registrations import EDITABLE_DETAILS

QUESTION_PREFIX = "question_"


def question_field(question):
    """The form field for one editor-defined question."""
    common = {
        "label": question.label,
        "required": question.required,
        "help_text": question.help_text,
    }
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if question.kind == QuestionKind.YES_NO:
        yes_no = [("yes", _("Yes")), ("no", _("No"))]
        return forms.ChoiceField(choices=yes_no, widget=forms.RadioSelect, **common)
    choices = [(str(index), option) for index, option in enumerate(question.option_list)]
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


def set_choice_labels(form):
    """The profession select opens on a prompt rather than "---------"; the languages carry
    their lang."""
    form.fields["profession"].choices = [("", _("Choose your profession")), *Profession.choices]
    form.fields["language"].choices = language_choices()


def _in_source_language(question, source, value):
    """Choices are stored as the option text of the seminar's original language, so every
    translation's answers read the same in the organisers' export."""
    if question.kind == QuestionKind.SINGLE:
        return source.option_list[int(value)]
    if question.kind == QuestionKind.MULTIPLE:
        return [source.option_list[int(index)] for index in value]
    return value


class RegistrationForm(forms.ModelForm):
    """The public registration form on a seminar page (no account needed)."""

    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my details are used to run this seminar."
        ),
        required=True,
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill every field.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Registration
        fields = [
            "full_name",
            "email",
            "institution",
            "department",
            "profession",
            "country",
            "mode",
            "dietary_needs",
            "accessibility_needs",
            "language",
        ]
        widgets = {"mode": forms.RadioSelect, "language": forms.RadioSelect}

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar
        self._set_mode_choices(seminar)
        self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE
        set_choice_labels(self)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["institution"].widget.attrs["autocomplete"] = "organization"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"
        self.questions = list(seminar.questions.all())
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = question_field(question)

    def _set_mode_choices(self, seminar):
        """Each mode says when it is full (a newcomer waits there); a mode with a place for a
        newcomer is chosen by default, so no one lands on a waiting list unawares."""
        modes = seminar.modes
        counts = seminar.canonical.seat_counts()
        empty = {"capacity": 0, "free": 0, "waiting": 0}
        full = {
            mode
            for mode, count in ((mode, counts.get(mode) or empty) for mode in modes)
            if count["capacity"] and (not count["free"] or count["waiting"])
        }
        self.fields["mode"].choices = [
            (
                m.value,
                _("%(mode)s (full: waiting list)") % {"mode": m.label} if m in full else m.label,
            )
            for m in AttendanceMode
            if m in modes
        ]
        open_modes = [m for m in modes if m not in full and counts[m]["capacity"]]
        # self.initial, not only the field's: the new instance's model default (on site) wins
        # over the field's initial value.
        self.initial["mode"] = self.fields["mode"].initial = (open_modes or modes)[0]
        if len(modes) == 1:
            self.fields["mode"].widget = forms.HiddenInput()

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def answers(self):
        """{question translation key: {"question", "answer"}} in the seminar's own language."""
        sources = {q.translation_key: q for q in self.seminar.canonical.questions.all()}
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}")
            if value in (None, "", []):
                continue
            source = sources.get(question.translation_key, question)
            if len(source.option_list) != len(question.option_list):
                source = question  # translation out of step with its source: keep its words
            answers[str(question.translation_key)] = {
                "question": source.label,
                "answer": _in_source_language(question, source, value),
            }
        return answers

    def details(self):
        """The fields the registration service takes."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"consent", "website", "language"}
            and not name.startswith(QUESTION_PREFIX)
        }
        data["answers"] = self.answers()
        return data


class ModeChangeForm(forms.Form):
    mode = forms.ChoiceField(choices=AttendanceMode.choices, label=_("Attendance"))


class RegistrationDetailsForm(forms.ModelForm):
    """The attendee's corrections on their private page."""

    class Meta:
        model = Registration
        fields = list(EDITABLE_DETAILS)
        widgets = {"language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_choice_labels(self)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["institution"].widget.attrs["autocomplete"] = "organization"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"
