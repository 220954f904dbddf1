"""A referee: someone the applicant names to write a letter of recommendation (DESIGN §2).

A referee has no account. The request emailed to them carries a private link (`token`) to a
page where they either upload a PDF letter or answer a short form; the link works until the
letter is in or the applicant replaces them, and then answers 404. The letter is for the
committee only: the applicant sees the status of each request, never the letter.

Changes of state are made by exchange.services.referees; this module holds the row, its
invariants and what can be read from it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchange.choices import (
    AcquaintanceLength,
    ApplicationStatus,
    ApplicationStep,
    Rating,
    Recommendation,
    RefereeStatus,
)
from exchange.models.applications import MissingItem
from portal import private, tokens

Status = RefereeStatus
# A request the referee can still answer.
AWAITING = (Status.REQUESTED, Status.OPENED)
# The requests that count towards the call's number of referees.
CURRENT = (Status.REQUESTED, Status.OPENED, Status.RECEIVED)
# Letters are welcome this long after the call closes (or after the applicant's extended
# deadline): a referee is often asked late, or writes a few days after the applicant submits.
LETTER_GRACE = timedelta(days=14)
# Where a letter is still of use: the application has not been withdrawn, refused or decided.
TAKES_LETTERS = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SCREENING,
    ApplicationStatus.RETURNED,
    ApplicationStatus.IN_REVIEW,
)


def new_token():  # named in migrations: portal.tokens makes every token
    return tokens.new_token()


# The referee's form, in order: (key, question). The choices of each are in FORM_CHOICES.
FORM_QUESTIONS = {
    "known_for": _("How long have you known the applicant?"),
    "capacity": _("In what capacity do you know the applicant?"),
    "clinical_skills": _("Clinical and technical skills"),
    "communication": _("Communication and teamwork"),
    "recommendation": _("Your recommendation"),
    "comments": _("Your letter"),
}
FORM_CHOICES = {
    "known_for": AcquaintanceLength,
    "clinical_skills": Rating,
    "communication": Rating,
    "recommendation": Recommendation,
}


def letter_deadline(application):
    """When the letter is asked for: the call's closing, or the applicant's extended deadline."""
    closes_at = application.call.closes_at
    extended = application.deadline_extended_to
    return max(closes_at, extended) if extended else closes_at


def letters_accepted_until(application):
    """The last moment a letter is accepted: LETTER_GRACE after the deadline, and never once
    the committee's decisions are released."""
    return min(letter_deadline(application) + LETTER_GRACE, application.call.decision_release_at)


def takes_letters(application, now=None):
    now = now or timezone.now()
    return application.status in TAKES_LETTERS and now < letters_accepted_until(application)


class RefereeQuerySet(models.QuerySet):
    def current(self):
        """The requests that count: not replaced."""
        return self.filter(status__in=CURRENT)

    def awaiting(self):
        return self.filter(status__in=AWAITING)

    def by_token(self, token):
        """The referee a link may open: one still waiting for their letter."""
        return (
            self.awaiting()
            .select_related("application__call", "application__applicant")
            .get(token=token)
        )


class Referee(models.Model):
    application = models.ForeignKey(
        "exchange.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="referees",
    )
    name = models.CharField(_("referee's name"), max_length=200)
    email = models.EmailField(_("referee's email address"))
    institution = models.CharField(_("referee's institution"), max_length=200)
    position = models.CharField(
        _("position and relationship to you"),
        max_length=200,
        help_text=_("e.g. Head of the radiotherapy department, my supervisor since 2019"),
    )
    language = models.CharField(
        _("language of the request"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The referee's email and page are in this language."),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    letter_received_at = models.DateTimeField(_("letter received at"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    # The letter: a PDF in private storage, or the answers to the referee's form.
    letter_path = models.CharField(_("letter file"), max_length=255, blank=True, editable=False)
    letter_name = models.CharField(_("letter file name"), max_length=255, blank=True)
    letter_size = models.PositiveIntegerField(_("letter size (bytes)"), null=True, blank=True)
    letter_pages = models.PositiveSmallIntegerField(_("letter pages"), null=True, blank=True)
    # {"known_for", "capacity", "clinical_skills", "communication", "recommendation",
    # "comments"}: see FORM_QUESTIONS; choice answers hold the choice's value.
    form_answers = models.JSONField(_("answers to the form"), default=dict, blank=True)

    objects = RefereeQuerySet.as_manager()

    class Meta:
        verbose_name = _("referee")
        verbose_name_plural = _("referees")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=Status.RECEIVED) | Q(letter_received_at__isnull=False),
                name="referee_letter_received_has_a_date",
            ),
            # The same person is asked once per application (emails are stored lower-case);
            # after a replacement they may be asked again.
            models.UniqueConstraint(
                fields=["application", "email"],
                condition=Q(status__in=CURRENT),
                name="one_current_request_per_referee_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.application}"

    @property
    def is_awaiting(self):
        return self.status in AWAITING

    @property
    def has_letter_file(self):
        return bool(self.letter_path)

    @property
    def has_letter(self):
        return self.status == Status.RECEIVED

    def open_letter(self):
        """The uploaded letter, opened for reading from private storage (binary)."""
        if not self.letter_path:
            raise FileNotFoundError("This referee's letter was given as a form, not a file.")
        return private.private_storage().open(self.letter_path, "rb")

    def form_answer_rows(self):
        """[(question, answer)] of a letter given as a form, choices in the active language."""
        rows = []
        for key, question in FORM_QUESTIONS.items():
            value = self.form_answers.get(key, "")
            choices = FORM_CHOICES.get(key)
            if choices is not None and value in choices.values:
                value = choices(value).label
            rows.append((question, value))
        return rows

    @property
    def last_emailed_at(self):
        """When the referee was last written to: the request or the latest reminder."""
        return self.last_reminded_at or self.requested_at

    def reply_by(self, now=None):
        """The date the referee is asked to answer by: the deadline, or once it has passed
        (a request sent after the call closed), the last moment a letter is accepted."""
        now = now or timezone.now()
        deadline = letter_deadline(self.application)
        return deadline if now < deadline else letters_accepted_until(self.application)

    @property
    def applicant_name(self):
        """The applicant as the referee knows them, with the passport spelling if it differs
        (李娜 (LI NA))."""
        application = self.application
        name = application.applicant.get_full_name()
        passport = application.passport_name
        if name and passport and _words(passport) != _words(name):
            return f"{name} ({passport})"
        return name or passport or application.applicant.email


def _words(name):
    """A name's words regardless of case and order (MOREAU Camille is Camille Moreau)."""
    return sorted(name.casefold().split())


def missing_referee_items(application):
    """What the referees step lacks: one line while fewer referees are asked than the call
    requires. Reads `application.referees.all()`, so a prefetch serves it."""
    required = application.call.referees_required
    asked = sum(referee.status in CURRENT for referee in application.referees.all())
    if asked >= required:
        return []
    count = required - asked
    label = ngettext("%(count)s referee still to ask", "%(count)s referees still to ask", count) % {
        "count": count
    }
    return [MissingItem(ApplicationStep.REFEREES, "name", label)]
