"""Seminar pages: the index with filters and the seminar with its programme and speakers."""

from datetime import UTC, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from home.blocks import BodyBlock
from portal.pages import FilteredIndexMixin
from seminars.choices import (
    SEAT_HOLDING,
    VENUE_TIME_ZONES,
    AttendanceMode,
    Discipline,
    QuestionKind,
    SeminarFormat,
    SessionType,
)
from seminars.panels import SeatCountsPanel


class SeminarIndexPage(FilteredIndexMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["seminars.SeminarPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("seminar index page")

    def get_context(self, request, *args, **kwargs):
        from seminars.listings import seminar_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(seminar_index_context(self, request))
        return context


# What attendees plan around: a published change to any of these is emailed to them.
SCHEDULE_TIMES = ("starts_at", "ends_at")
SCHEDULE_TEXTS = (
    "format",
    "venue_name",
    "venue_address",
    "city",
    "online_platform",
    "online_join_url",
)


class SeminarPage(Page):
    series = models.ForeignKey(
        "seminars.SeminarSeries",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=600)
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Stored in UTC."))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(
        _("format"), max_length=8, choices=SeminarFormat.choices, default=SeminarFormat.ONSITE
    )
    discipline = models.CharField(
        _("discipline"),
        max_length=16,
        choices=Discipline.choices,
        default=Discipline.MULTIDISCIPLINARY,
    )
    in_chinese = models.BooleanField(_("in Chinese"), default=True)
    in_english = models.BooleanField(_("in English"), default=True)
    in_french = models.BooleanField(_("in French"), default=False)
    interpretation = models.CharField(
        _("interpretation"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Simultaneous interpretation Chinese ↔ French"),
    )
    audience = models.TextField(_("audience"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("venue time zone"),
        max_length=40,
        choices=VENUE_TIME_ZONES,
        default="Asia/Shanghai",
        help_text=_("The check-in desk shows the programme and arrival times in it."),
    )
    map_url = models.URLField(_("map link"), blank=True)
    online_platform = models.CharField(_("online platform"), max_length=100, blank=True)
    online_join_url = models.URLField(
        _("online join link"),
        blank=True,
        help_text=_("Shown only to confirmed attendees, on their private page and in emails."),
    )
    capacity_onsite = models.PositiveIntegerField(_("seats on site"), default=0)
    capacity_online = models.PositiveIntegerField(_("places online"), default=0)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close registration when the seminar starts."),
    )
    requires_approval = models.BooleanField(
        _("organiser approval required"),
        default=False,
        help_text=_("Registrations stay pending until an organiser approves them."),
    )
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_seminars",
        limit_choices_to={"groups__name": "Seminar organisers", "is_active": True},
        help_text=_(
            "Seminar organisers who see, check in and email this seminar's registrations. "
            "Administrators see every seminar."
        ),
    )
    cme_body = models.CharField(_("accrediting body"), max_length=200, blank=True)
    cme_project_number = models.CharField(_("CME project number"), max_length=100, blank=True)
    cme_credit_hours = models.DecimalField(
        _("CME credit hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    feedback_url = models.URLField(
        _("feedback survey link"),
        blank=True,
        help_text=_("Sent to attendees with their certificate link in the thank-you email."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before"),
        null=True,
        blank=True,
        default=7,
        help_text=_("Email confirmed attendees this many days before the start; empty for none."),
    )
    reminder_hours_before = models.PositiveSmallIntegerField(
        _("reminder, hours before"),
        null=True,
        blank=True,
        default=2,
        help_text=_("A second reminder this many hours before the start; empty for none."),
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_(
            "Attendees' replies to the seminar's emails go here. Empty: the contact address "
            "of the site settings."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # What attendees were last told of the date, time and place (services.notify_seminar_changed).
    notified_schedule = models.JSONField(default=dict, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancellation_message = models.TextField(_("cancellation message"), blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("series"), FieldPanel("edition")]), FieldPanel("summary")],
            heading=_("About"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("discipline")]),
                FieldRowPanel(
                    [FieldPanel("in_chinese"), FieldPanel("in_english"), FieldPanel("in_french")]
                ),
                FieldPanel("interpretation"),
                FieldPanel("audience"),
            ],
            heading=_("When, how, for whom"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("time_zone"), FieldPanel("map_url")]),
                FieldRowPanel([FieldPanel("online_platform"), FieldPanel("online_join_url")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity_onsite"), FieldPanel("capacity_online")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("requires_approval"),
                FieldRowPanel(
                    [FieldPanel("reminder_days_before"), FieldPanel("reminder_hours_before")]
                ),
                FieldPanel("feedback_url"),
                FieldPanel("contact_email"),
                FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Registration"),
        ),
        SeatCountsPanel(),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cme_body"), FieldPanel("cme_project_number")]),
                FieldPanel("cme_credit_hours"),
            ],
            heading=_("Continuing medical education"),
        ),
        InlinePanel("sessions", heading=_("Programme"), label=_("Session")),
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker")),
        InlinePanel("materials", heading=_("Materials"), label=_("Material")),
        InlinePanel("questions", heading=_("Registration questions"), label=_("Question")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["seminars.SeminarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        indexes = [models.Index(fields=["starts_at"], name="seminar_starts_idx")]

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The seminar must end after it starts.")})
        if self.format != SeminarFormat.ONLINE and not (self.venue_name or self.city):
            raise ValidationError({"venue_name": _("Give the venue of an on-site seminar.")})

    # Kept from the live row whatever revision is loaded or published: an older revision must
    # not lower the calendar SEQUENCE, forget what attendees were told, or undo a cancellation.
    NOT_REVISIONED = ("sequence", "notified_schedule", "cancelled_at", "cancellation_message")
    # A copy is a new seminar: not cancelled, and its attendees told nothing yet.
    exclude_fields_in_copy = list(NOT_REVISIONED)

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.NOT_REVISIONED:
            setattr(page, name, getattr(self, name))
        return page

    def save(self, *args, **kwargs):
        # Calendar clients (RFC 5545 SEQUENCE) only take an update whose sequence increased.
        self.sequence = (self.sequence or 0) + 1
        super().save(*args, **kwargs)

    @property
    def modes(self):
        """The attendance modes this seminar offers."""
        return {
            SeminarFormat.ONSITE: [AttendanceMode.ONSITE],
            SeminarFormat.ONLINE: [AttendanceMode.ONLINE],
            SeminarFormat.HYBRID: [AttendanceMode.ONSITE, AttendanceMode.ONLINE],
        }[self.format]

    def capacity(self, mode):
        return self.capacity_onsite if mode == AttendanceMode.ONSITE else self.capacity_online

    @property
    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def schedule(self):
        """The date, time and place as JSON values (compared with notified_schedule)."""
        return {
            **{name: getattr(self, name).astimezone(UTC).isoformat() for name in SCHEDULE_TIMES},
            **{name: getattr(self, name) for name in SCHEDULE_TEXTS},
        }

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    def registration_is_open(self, now=None):
        if self.is_cancelled:
            return False
        now = now or timezone.now()
        opened = self.registration_opens_at is None or self.registration_opens_at <= now
        return opened and now < self.registration_closes

    @cached_property
    def canonical(self):
        """The page all translations share registrations on: the first one created."""
        return (
            SeminarPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
            or self
        )

    def seat_counts(self):
        """{mode: {"capacity", "taken", "waiting", "pending", "free"}} in one query."""
        return seat_counts_of([self.canonical])[self.canonical.pk]

    def tally_seats(self, rows):
        """seat_counts() from `rows` of (mode, status, number of registrations)."""
        counts = {mode: {"taken": 0, "waiting": 0, "pending": 0} for mode in self.modes}
        for mode, status, n in rows:
            bucket = counts.setdefault(mode, {"taken": 0, "waiting": 0, "pending": 0})
            if status in SEAT_HOLDING:
                bucket["taken"] += n
            elif status == "waitlisted":
                bucket["waiting"] += n
            elif status == "pending":
                bucket["pending"] += n
        for mode, bucket in counts.items():
            bucket["capacity"] = self.capacity(mode)
            bucket["free"] = max(bucket["capacity"] - bucket["taken"], 0)
        return counts

    @property
    def venue_line(self):
        """The venue and its city on one line, as the active language joins them: 湖南省肿瘤医院
        学术报告厅，长沙 in Chinese, with a comma elsewhere."""
        if not (self.venue_name and self.city):
            return self.venue_name or self.city
        return gettext("%(venue)s, %(city)s") % {"venue": self.venue_name, "city": self.city}

    @property
    def languages(self):
        flags = (("zh-hans", self.in_chinese), ("en", self.in_english), ("fr", self.in_french))
        return [code for code, on in flags if on]

    def reminder_lead_times(self):
        """{"days": timedelta, "hours": timedelta} for the reminders this seminar sends."""
        leads = {}
        if self.reminder_days_before:
            leads["days"] = timedelta(days=self.reminder_days_before)
        if self.reminder_hours_before:
            leads["hours"] = timedelta(hours=self.reminder_hours_before)
        return leads

    @classmethod
    def upcoming(cls, locale_id, count):
        """The next `count` live, public seminars in a locale that have not ended yet."""
        return list(
            cls.objects.live()
            .public()
            .filter(locale_id=locale_id, ends_at__gte=timezone.now())
            .select_related("series")
            .order_by("starts_at", "pk")[:count]
        )


def seat_counts_of(seminars):
    """{seminar pk: its seat_counts()} for canonical `seminars`, in one query for them all."""
    from seminars.models import Registration

    rows = (
        Registration.objects.filter(seminar__in=[seminar.pk for seminar in seminars])
        .order_by()
        .values_list("seminar_id", "mode", "status")
        .annotate(n=models.Count("pk"))
    )
    by_seminar = {seminar.pk: [] for seminar in seminars}
    for seminar_id, mode, status, n in rows:
        by_seminar[seminar_id].append((mode, status, n))
    return {seminar.pk: seminar.tally_seats(by_seminar[seminar.pk]) for seminar in seminars}


class SeminarSession(TranslatableMixin, Orderable, ClusterableModel):
    """A programme item; TranslatableMixin lets wagtail-localize translate its title and room."""

    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=250)
    session_type = models.CharField(
        _("type"), max_length=10, choices=SessionType.choices, default=SessionType.LECTURE
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    chair = models.ForeignKey(
        "home.Person",
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speakers = ParentalManyToManyField("home.Person", verbose_name=_("speakers"), blank=True)
    credit_hours = models.DecimalField(_("credit hours"), max_digits=4, decimal_places=2, default=0)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("session_type"), FieldPanel("room")]),
        FieldPanel("chair"),
        FieldPanel("speakers"),
        FieldPanel("credit_hours"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title


class SeminarSpeaker(TranslatableMixin, Orderable):
    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "home.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("e.g. Chair"))
    disclosure = models.TextField(
        _("conflict-of-interest disclosure"),
        default=_("No conflict of interest declared."),
    )

    panels = ["person", "role", "disclosure"]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")


class SeminarQuestion(TranslatableMixin, Orderable):
    """An extra question the editor asks on this seminar's registration form."""

    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=250)
    kind = models.CharField(
        _("answer type"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("For choices: one option per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=250, blank=True)

    panels = ["label", "kind", "options", "required", "help_text"]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label

    @property
    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        choice = self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        if choice and len(self.option_list) < 2:
            raise ValidationError({"options": _("Give at least two options, one per line.")})


class SeminarMaterial(TranslatableMixin, Orderable):
    seminar = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    registrants_only = models.BooleanField(
        _("for registrants only"),
        default=False,
        help_text=_("Listed only on confirmed attendees' private pages."),
    )

    panels = ["document", "title", "registrants_only"]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")
