"""Programme pages: the index of calls for applications and one call (DESIGN §3, §4).

A call states who may apply in words (for people) and as rules (checked when an application
is submitted: professions, years of experience, language level, age, a recent selection), what
to upload, how many referees, when it opens and closes (closing is enforced on the server and
shown in both hospitals' time), when decisions are released, and how applications are scored.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from exchange.blocks import FaqBlock
from exchange.choices import (
    CallStatus,
    Direction,
    DocumentKind,
    LanguageLevel,
    ProgrammeType,
    WorkingLanguage,
)
from home.blocks import BodyBlock
from portal.choices import Discipline, Profession
from portal.pages import FilteredIndexMixin
from portal.timezones import PARTNER_TIME_ZONE_CHOICES


class ProgrammeIndexPage(FilteredIndexMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["exchange.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme index page")

    def get_context(self, request, *args, **kwargs):
        from exchange.listings import programme_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_index_context(self, request))
        return context


# Once reviewers have scored a call, its scoring grid holds still: the scores given, and each
# submitted review's weighted score (the ranking's input), were computed with these criteria.
CRITERION_REMOVED = _(
    "Reviewers have scored this criterion; it cannot be removed once review has started."
)
CRITERION_REWEIGHED = _(
    "Reviewers have scored this criterion; its weight cannot change once review has started. "
    "Its name and description can still be corrected."
)
CRITERION_ADDED = _(
    "Reviews of this call have been submitted with the criteria as they stand; a criterion "
    "cannot be added now."
)


class ProgrammePageForm(WagtailAdminPageForm):
    """The structured rules as checkboxes (they are stored as lists of choice values)."""

    eligible_professions = forms.MultipleChoiceField(
        label=_("Professions that may apply"),
        choices=Profession.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any profession may apply."),
    )
    required_documents = forms.MultipleChoiceField(
        label=_("Required documents"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and "criteria" in self.formsets:
            hold_scored_criteria(self.instance, self.formsets["criteria"])
        return cleaned_data


def hold_scored_criteria(page, formset):
    """Refuse, on the criterion concerned, removing a criterion reviewers have scored or
    changing its weight, and adding a criterion once a review of the call is submitted.

    A refused removal is kept (no longer marked deleted, so the formset counts its error and
    the editor shows it with its message)."""
    from exchange.models.reviews import Review, Score

    formset.full_clean()  # the page form is cleaned before its formsets
    kept = [form for form in formset.forms if form.instance.pk]
    scored = set(
        Score.objects.filter(criterion__in=[form.instance.pk for form in kept])
        .values_list("criterion", flat=True)
        .distinct()
    )
    for form in kept:
        if form.instance.pk not in scored:
            continue
        if formset._should_delete_form(form):
            form.data = form.data.copy()
            form.data[form.add_prefix("DELETE")] = ""
            form.cleaned_data["DELETE"] = False
            form.add_error(None, CRITERION_REMOVED)
        elif "weight" in form.changed_data:
            form.add_error("weight", CRITERION_REWEIGHED)
    added = [
        form
        for form in formset.forms
        if not form.instance.pk and form.has_changed() and not formset._should_delete_form(form)
    ]
    if added and Review.objects.counting().filter(application__call=page.canonical).exists():
        for form in added:
            form.add_error(None, CRITERION_ADDED)


class ProgrammePage(Page):
    summary = models.TextField(_("summary"), max_length=500)
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    programme_type = models.CharField(
        _("type"), max_length=12, choices=ProgrammeType.choices, default=ProgrammeType.PLACEMENT
    )
    discipline = models.CharField(_("discipline"), max_length=12, choices=Discipline.choices)
    host_institution = models.ForeignKey(
        "home.Institution",
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    host_departments = ParentalManyToManyField(
        "home.Department", verbose_name=_("host departments"), blank=True
    )
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"))
    places = models.PositiveSmallIntegerField(_("number of places"), default=1)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    # Who may apply: in words for people, as rules for the submission check.
    eligibility = models.TextField(_("eligibility"), blank=True)
    eligible_professions = models.JSONField(
        _("professions that may apply"), default=list, blank=True
    )
    min_years_experience = models.PositiveSmallIntegerField(
        _("minimum years of experience"), null=True, blank=True
    )
    required_language = models.CharField(
        _("required language"), max_length=8, choices=WorkingLanguage.choices, blank=True
    )
    min_language_level = models.CharField(
        _("minimum level"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    max_age = models.PositiveSmallIntegerField(
        _("age limit"), null=True, blank=True, help_text=_("Age on the closing date, if any.")
    )
    not_selected_within_years = models.PositiveSmallIntegerField(
        _("not selected in the last … years"),
        null=True,
        blank=True,
        help_text=_("Applicants selected by a call in this many years before may not apply."),
    )

    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    referees_required = models.PositiveSmallIntegerField(_("number of referees"), default=1)

    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    time_zone = models.CharField(
        _("time zone of the call"),
        max_length=40,
        choices=PARTNER_TIME_ZONE_CHOICES,
        default="Asia/Shanghai",
        help_text=_("The host's clock; pages show both hospitals' times."),
    )
    decision_release_at = models.DateTimeField(_("decisions released at"))
    offer_deadline = models.DateTimeField(_("offer acceptance deadline"))
    reserve_response_days = models.PositiveSmallIntegerField(
        _("days for a reserve to answer"),
        default=7,
        help_text=_("A reserve offered a place that frees up has this many days to accept."),
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_(
            "Reviewers do not see the applicant's name, contact details, the documents that "
            "name them (passport, photo, diploma, language certificate, letter from the head of "
            "department) or the referee letters."
        ),
    )
    faq = StreamField(FaqBlock(), blank=True, verbose_name=_("frequently asked questions"))

    base_form_class = ProgrammePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("direction"), FieldPanel("programme_type")]),
                FieldPanel("discipline"),
                FieldPanel("host_institution"),
                FieldPanel("host_departments"),
                FieldRowPanel([FieldPanel("duration_weeks"), FieldPanel("places")]),
            ],
            heading=_("The programme"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("eligibility"),
                FieldPanel("eligible_professions"),
                FieldRowPanel([FieldPanel("min_years_experience"), FieldPanel("max_age")]),
                FieldRowPanel([FieldPanel("required_language"), FieldPanel("min_language_level")]),
                FieldPanel("not_selected_within_years"),
            ],
            heading=_("Eligibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("required_documents"), FieldPanel("referees_required")],
            heading=_("What applicants provide"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("decision_release_at"), FieldPanel("offer_deadline")]),
                FieldPanel("reserve_response_days"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("blind_review"), InlinePanel("criteria", label=_("Selection criteria"))],
            heading=_("Selection"),
        ),
        FieldPanel("faq"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("eligibility"),
        index.FilterField("direction"),
        index.FilterField("programme_type"),
        index.FilterField("discipline"),
    ]

    parent_page_types = ["exchange.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("programme call")
        verbose_name_plural = _("programme calls")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if (
            self.closes_at
            and self.decision_release_at
            and self.decision_release_at < self.closes_at
        ):
            errors["decision_release_at"] = _("Decisions are released after the call closes.")
        if (
            self.decision_release_at
            and self.offer_deadline
            and self.offer_deadline <= self.decision_release_at
        ):
            errors["offer_deadline"] = _(
                "The offer deadline comes after the decisions are released."
            )
        if bool(self.required_language) != bool(self.min_language_level):
            errors["min_language_level"] = _(
                "Give both the language and the minimum level, or neither."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def canonical(self):
        """The page all translations share applications on: the first one created."""
        return (
            ProgrammePage.objects.filter(translation_key=self.translation_key)
            .order_by("pk")
            .first()
            or self
        )

    def call_status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    def is_open(self, now=None):
        return self.call_status(now) == CallStatus.OPEN

    @staticmethod
    def status_q(status, now):
        """The database's version of call_status(): the calls in `status` at `now`."""
        return {
            CallStatus.UPCOMING: models.Q(opens_at__gt=now),
            CallStatus.OPEN: models.Q(opens_at__lte=now, closes_at__gt=now),
            CallStatus.CLOSED: models.Q(closes_at__lte=now),
        }[CallStatus(status)]

    @classmethod
    def open_calls(cls, locale_id, count):
        """The open live, public calls in a locale, closing soonest first."""
        now = timezone.now()
        calls = (
            cls.objects.live()
            .public()
            .filter(cls.status_q(CallStatus.OPEN, now), locale_id=locale_id)
        )
        return list(calls.select_related("host_institution").order_by("closes_at", "pk")[:count])


class SelectionCriterion(TranslatableMixin, Orderable):
    """A weighted criterion reviewers score (translated with the call)."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what reviewers look for"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("weight")]), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")

    def clean(self):
        super().clean()
        if self.weight == 0:
            raise ValidationError({"weight": _("A criterion weighs at least 1.")})

    def __str__(self):
        return self.name
