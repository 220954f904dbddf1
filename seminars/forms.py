from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from seminars.choices import AttendanceMode
from seminars.models import Registration


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
        modes = seminar.modes
        self.fields["mode"].choices = [(m.value, m.label) for m in AttendanceMode if m in modes]
        self.fields["mode"].initial = modes[0]
        if len(modes) == 1:
            self.fields["mode"].widget = forms.HiddenInput()
        self.fields["language"].initial = get_language() or settings.LANGUAGE_CODE
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["institution"].widget.attrs["autocomplete"] = "organization"
        self.fields["country"].widget.attrs["autocomplete"] = "country-name"

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def details(self):
        """The fields the registration service takes."""
        data = dict(self.cleaned_data)
        data.pop("consent", None)
        data.pop("website", None)
        data.pop("language", None)
        return data


class ModeChangeForm(forms.Form):
    mode = forms.ChoiceField(choices=AttendanceMode.choices, label=_("Attendance"))
