"""The reviewer's forms: the declaration of conflict of interest, then the scoring.

They check what a person can get wrong and say so beside the field; the services check the
rules again (a form can be bypassed).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.choices import Recommendation
from exchange.models.reviews import MAX_SCORE
from exchange.services.reviews import MAX_COMMENT, MAX_NOTE

NO_CONFLICT, CONFLICT = "none", "conflict"


class DeclarationForm(forms.Form):
    declaration = forms.ChoiceField(
        label=_("Your declaration"),
        choices=[
            (NO_CONFLICT, _("I have no conflict of interest")),
            (CONFLICT, _("I have a conflict of interest")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the two declarations.")},
    )
    note = forms.CharField(
        label=_("What links you to the applicant"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed if you declare a conflict. Only the programme coordinators read it."),
    )

    @property
    def conflict(self):
        return self.cleaned_data["declaration"] == CONFLICT

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("declaration") == CONFLICT and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say what links you to the applicant."))
        return cleaned


def score_field_name(criterion):
    return f"score_{criterion.pk}"


class ScoringForm(forms.Form):
    """One score per criterion (0 to MAX_SCORE), the comment and the recommendation.

    `criteria`: the call's criteria with `label` and `help` (review_summaries.
    localized_criteria). `submitting`: every score and the recommendation are required."""

    comment = forms.CharField(
        label=_("Comment for the committee"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Strengths and weaknesses of the application, as the committee should hear them."
        ),
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, criteria, review, submitting=False, **kwargs):
        saved = dict(review.scores.values_list("criterion_id", "value"))
        initial = {score_field_name(c): saved.get(c.pk) for c in criteria}
        initial.update(comment=review.comment, recommendation=review.recommendation)
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        self.submitting = submitting
        for criterion in criteria:
            self.fields[score_field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=criterion.help,
                choices=[(value, str(value)) for value in range(MAX_SCORE + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def score_rows(self):
        """(criterion, bound field) for the template, in the call's order."""
        return [(criterion, self[score_field_name(criterion)]) for criterion in self.criteria]

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            return cleaned
        for criterion in self.criteria:
            name = score_field_name(criterion)
            if name not in self.errors and cleaned.get(name) is None:
                self.add_error(name, _("Give this criterion a score."))
        if "recommendation" not in self.errors and not cleaned.get("recommendation"):
            self.add_error("recommendation", _("Choose a recommendation."))
        return cleaned

    def scores(self):
        """{criterion pk: score or None}, for the services."""
        return {c.pk: self.cleaned_data.get(score_field_name(c)) for c in self.criteria}
