from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.choices import language_choices


class SignupForm(AllauthSignupForm):
    """An applicant's account: allauth's email and password, with a name and the language the
    portal writes to them in (saved by AccountAdapter.save_user)."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As you write it; the application asks for the name in your passport."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"), choices=language_choices, widget=forms.RadioSelect
    )
    field_order = ["full_name", "email", "preferred_language", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        if language in dict(settings.LANGUAGES):
            self.fields["preferred_language"].initial = language
        # allauth's placeholders repeat the labels above the fields; Django's list of password
        # rules, one sentence.
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)
        self.fields["password1"].help_text = _(
            "At least 8 characters, not only digits, not a common password and not like your "
            "name or address."
        )
