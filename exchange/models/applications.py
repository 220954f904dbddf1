"""An application to a programme call (DESIGN §4 "Application").

An applicant fills it in step by step as a draft (ApplicationStep); the later states (submitted,
screening, review, decision, offer) are set by exchange.services. The step data lives in plain
columns so that screening, eligibility checks and exports read it without parsing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from exchange.choices import (
    APPLICANT_STATUS,
    DECIDED,
    ApplicantStatus,
    ApplicationStatus,
    ApplicationStep,
    LanguageLevel,
)
from portal.choices import Profession

Step = ApplicationStep

# The fields each step edits (the review step edits none).
STEP_FIELDS = {
    Step.PERSONAL: (
        "passport_name",
        "date_of_birth",
        "nationality",
        "phone",
        "institution",
        "department",
        "profession",
        "position",
        "years_experience",
    ),
    Step.LANGUAGES: (
        "french_level",
        "french_certificate",
        "english_level",
        "english_certificate",
        "other_languages",
    ),
    Step.MOTIVATION: ("motivation",),
    Step.OBJECTIVES: ("training_objectives",),
    Step.PERIOD: ("earliest_start", "latest_end", "dates_flexible"),
}
# What a complete step holds. The languages step asks for French or English (either will do
# here; the call's own language rule is checked when the application is submitted).
REQUIRED_FIELDS = {
    Step.PERSONAL: (
        "passport_name",
        "date_of_birth",
        "nationality",
        "phone",
        "institution",
        "profession",
        "position",
        "years_experience",
    ),
    Step.LANGUAGES: (),
    Step.MOTIVATION: ("motivation",),
    Step.OBJECTIVES: ("training_objectives",),
    Step.PERIOD: ("earliest_start", "latest_end"),
}
FORM_STEPS = tuple(STEP_FIELDS)
# Copied into a new application from the applicant's latest other one: who they are does not
# change from one call to the next, their motivation does.
PREFILLED_FIELDS = STEP_FIELDS[Step.PERSONAL]
MAX_TEXT = 5000


@dataclass(frozen=True)
class MissingItem:
    step: str
    field: str
    label: str

    @property
    def step_label(self):
        return Step(self.step).label


class ApplicationQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(applicant=user) if user.is_authenticated else self.none()


class Application(models.Model):
    call = models.ForeignKey(
        "exchange.ProgrammePage",
        verbose_name=_("call"),
        on_delete=models.PROTECT,  # an application outlives any edit of the call's page
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    # HX-2026-0042: given when the application is submitted, the number people quote.
    reference = models.CharField(_("reference"), max_length=20, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    # Personal and professional details
    passport_name = models.CharField(
        _("full name as in your passport"),
        max_length=200,
        blank=True,
        help_text=_("In Latin letters, exactly as printed in your passport."),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("With the country code, e.g. +86 731 8888 8888 or +33 1 23 45 67 89."),
    )
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    profession = models.CharField(
        _("profession"), max_length=24, choices=Profession.choices, blank=True
    )
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("e.g. Attending physician")
    )
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience in your profession"), null=True, blank=True
    )

    # Languages, at CEFR levels; blank: not spoken.
    french_level = models.CharField(
        _("level of French"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    french_certificate = models.CharField(_("French certificate"), max_length=200, blank=True)
    english_level = models.CharField(
        _("level of English"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    english_certificate = models.CharField(_("English certificate"), max_length=200, blank=True)
    # [{"language": "German", "level": "B1", "certificate": "Goethe-Zertifikat B1"}, ...]
    other_languages = models.JSONField(_("other languages"), default=list, blank=True)

    motivation = models.TextField(_("motivation"), max_length=MAX_TEXT, blank=True)
    training_objectives = models.TextField(
        _("training objectives"), max_length=MAX_TEXT, blank=True
    )

    # Preferred period
    earliest_start = models.DateField(_("earliest start"), null=True, blank=True)
    latest_end = models.DateField(_("latest end"), null=True, blank=True)
    dates_flexible = models.BooleanField(_("my dates are flexible"), default=False)

    # Screening, withdrawal and decision (set by exchange.services; never by a form).
    deadline_extended_to = models.DateTimeField(
        _("deadline extended to"),
        null=True,
        blank=True,
        help_text=_("This applicant may change and submit until then, after the call closes."),
    )
    return_message = models.TextField(_("what to correct"), blank=True)
    return_deadline = models.DateTimeField(_("corrections due by"), null=True, blank=True)
    ineligible_reason = models.TextField(_("why not eligible"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    reserve_rank = models.PositiveSmallIntegerField(
        _("rank on the reserve list"), null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Set when the release publishes the decision (never before the call's release date).
    decision_released_at = models.DateTimeField(_("decision released at"), null=True, blank=True)
    offer_deadline = models.DateTimeField(_("offer to be answered by"), null=True, blank=True)
    offer_answered_at = models.DateTimeField(_("offer answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining the place"), blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="one_application_per_applicant_and_call"
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="unique_application_reference",
            ),
            # Two applications never share a place on a call's reserve list.
            models.UniqueConstraint(
                fields=["call", "reserve_rank"], name="unique_reserve_rank_per_call"
            ),
        ]

    def __str__(self):
        return self.reference or f"{self.applicant} · {self.call_id}"

    @property
    def is_draft(self):
        return self.status == ApplicationStatus.DRAFT

    def missing_items(self, step=None):
        """What a complete application still lacks, step by step (or of one `step`)."""
        # Both modules import this one.
        from exchange.models.documents import missing_documents
        from exchange.models.referees import missing_referee_items

        missing = []
        steps = FORM_STEPS if not step else [step] if step in FORM_STEPS else []
        for name in steps:
            for field in REQUIRED_FIELDS[name]:
                if getattr(self, field) in (None, ""):
                    label = capfirst(self._meta.get_field(field).verbose_name)
                    missing.append(MissingItem(name, field, label))
            if name == Step.LANGUAGES and not (self.french_level or self.english_level):
                label = _("Your level of French or English")
                missing.append(MissingItem(name, "french_level", label))
        if not step or step == Step.DOCUMENTS:
            missing += missing_documents(self)
        if not step or step == Step.REFEREES:
            missing += missing_referee_items(self)
        return missing

    def is_step_complete(self, step):
        return not self.missing_items(step)

    def first_incomplete_step(self):
        """Where to resume: the first step with something missing, else the review."""
        missing = self.missing_items()
        return missing[0].step if missing else Step.REVIEW

    def editable_until(self):
        """Until when the applicant may change and submit: a returned application until its
        return deadline; a draft until the call closes, or this applicant's later extended
        deadline. None: it can no longer be changed."""
        if self.status == ApplicationStatus.RETURNED and self.return_deadline:
            return self.return_deadline
        if self.status not in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
            return None
        extended = self.deadline_extended_to
        closes = self.call.closes_at
        return extended if extended and extended > closes else closes

    def is_editable(self, now=None):
        until = self.editable_until()
        return until is not None and (now or timezone.now()) < until

    def applicant_status(self, now=None):
        """The status in the applicant's words: never a reviewer's internal state, and the
        committee's decision only once it is released (decision_released_at, set by the
        release at the call's release date): a decision taken or changed before then, or
        after the date but before the release ran, reads "under consideration"."""
        released = self.decision_released_at is not None and self.decision_released_at <= (
            now or timezone.now()
        )
        if self.status in DECIDED and not released:
            return ApplicantStatus.UNDER_CONSIDERATION
        return APPLICANT_STATUS[self.status]
