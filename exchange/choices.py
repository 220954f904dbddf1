from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    CHINA_TO_FRANCE = "cn_fr", _("China → France")
    FRANCE_TO_CHINA = "fr_cn", _("France → China")


class ProgrammeType(models.TextChoices):
    PLACEMENT = "placement", _("Training placement")
    FELLOWSHIP = "fellowship", _("Fellowship")
    OBSERVERSHIP = "observership", _("Observership")
    COURSE = "course", _("Training course")


class CallStatus(models.TextChoices):
    """Where a call stands, from its opening and closing times (never stored).

    "Not yet open" rather than "Upcoming": the catalog already translates "Upcoming" for
    seminars (即将举行, "about to be held"), which a call is not."""

    OPEN = "open", _("Open")
    UPCOMING = "upcoming", _("Not yet open")
    CLOSED = "closed", _("Closed")


class LanguageLevel(models.TextChoices):
    """The Common European Framework of Reference for Languages (CEFR)."""

    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")


class WorkingLanguage(models.TextChoices):
    """A language a call may require, at a CEFR level."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    FRENCH_OR_ENGLISH = "fr_or_en", _("French or English")


class DocumentKind(models.TextChoices):
    """The documents a call may require of its applicants."""

    CV = "cv", _("Curriculum vitae")
    DIPLOMA = "diploma", _("Diploma")
    LANGUAGE_CERTIFICATE = "language_certificate", _("Language certificate")
    MOTIVATION_LETTER = "motivation_letter", _("Motivation letter")
    PASSPORT = "passport", _("Passport copy")
    PHOTO = "photo", _("Photo")
    HEAD_OF_DEPARTMENT_LETTER = "head_letter", _("Letter from the head of department")


class ApplicationStatus(models.TextChoices):
    """An application's place in the workflow of DESIGN §4, as staff name it."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    RETURNED = "returned", _("Returned for corrections")
    IN_REVIEW = "in_review", _("In review")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve list")
    NOT_SELECTED = "not_selected", _("Not selected")
    OFFER_ACCEPTED = "offer_accepted", _("Offer accepted")
    OFFER_DECLINED = "offer_declined", _("Offer declined")
    OFFER_LAPSED = "offer_lapsed", _("Offer lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INELIGIBLE = "ineligible", _("Ineligible")


# The committee's decision, which the applicant sees only from the call's release date.
DECIDED = (ApplicationStatus.SELECTED, ApplicationStatus.RESERVE, ApplicationStatus.NOT_SELECTED)


class ApplicationStep(models.TextChoices):
    """The pages of the application form, in order (also their URL segment)."""

    PERSONAL = "personal", _("Personal and professional details")
    LANGUAGES = "languages", _("Languages")
    MOTIVATION = "motivation", _("Motivation")
    OBJECTIVES = "objectives", _("Training objectives")
    PERIOD = "period", _("Preferred period")
    DOCUMENTS = "documents", _("Documents")
    REFEREES = "referees", _("Referees")
    REVIEW = "review", _("Review")


class ApplicantStatus(models.TextChoices):
    """Where an application stands, as its applicant is told (exchange.Application)."""

    DRAFT = "draft", _("Draft, not submitted")
    UNDER_CONSIDERATION = "under_consideration", _("Submitted, under consideration")
    RETURNED = "returned", _("Returned to you for corrections")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("On the reserve list")
    NOT_SELECTED = "not_selected", _("Not selected")
    OFFER_ACCEPTED = "offer_accepted", _("Place accepted")
    OFFER_DECLINED = "offer_declined", _("Place declined")
    OFFER_LAPSED = "offer_lapsed", _("Offer expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INELIGIBLE = "ineligible", _("Not eligible for this call")


_Status = ApplicationStatus
APPLICANT_STATUS = {
    _Status.DRAFT: ApplicantStatus.DRAFT,
    _Status.SUBMITTED: ApplicantStatus.UNDER_CONSIDERATION,
    _Status.SCREENING: ApplicantStatus.UNDER_CONSIDERATION,
    _Status.RETURNED: ApplicantStatus.RETURNED,
    _Status.IN_REVIEW: ApplicantStatus.UNDER_CONSIDERATION,
    _Status.SELECTED: ApplicantStatus.SELECTED,
    _Status.RESERVE: ApplicantStatus.RESERVE,
    _Status.NOT_SELECTED: ApplicantStatus.NOT_SELECTED,
    _Status.OFFER_ACCEPTED: ApplicantStatus.OFFER_ACCEPTED,
    _Status.OFFER_DECLINED: ApplicantStatus.OFFER_DECLINED,
    _Status.OFFER_LAPSED: ApplicantStatus.OFFER_LAPSED,
    _Status.WITHDRAWN: ApplicantStatus.WITHDRAWN,
    _Status.INELIGIBLE: ApplicantStatus.INELIGIBLE,
}


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    CONFLICT = "conflict", _("Conflict of interest declared")
    IN_PROGRESS = "in_progress", _("No conflict: scoring")
    SUBMITTED = "submitted", _("Submitted")


class Recommendation(models.TextChoices):
    STRONGLY_RECOMMEND = "strong", _("Strongly recommend")
    RECOMMEND = "recommend", _("Recommend")
    RESERVATIONS = "reservations", _("Recommend with reservations")
    DO_NOT_RECOMMEND = "not", _("Do not recommend")


class RefereeStatus(models.TextChoices):
    """Where a request for a reference stands (exchange.Referee)."""

    REQUESTED = "requested", _("Requested")
    OPENED = "opened", _("Opened by the referee")
    RECEIVED = "received", _("Letter received")
    REPLACED = "replaced", _("Replaced")


class AcquaintanceLength(models.TextChoices):
    """How long a referee has known the applicant (the referee's form)."""

    UNDER_ONE = "under_1", _("Less than a year")
    ONE_TO_THREE = "1_3", _("One to three years")
    THREE_TO_FIVE = "3_5", _("Three to five years")
    OVER_FIVE = "over_5", _("More than five years")


class Rating(models.TextChoices):
    """A referee's judgement of one quality of the applicant, best first."""

    OUTSTANDING = "outstanding", _("Outstanding")
    VERY_GOOD = "very_good", _("Very good")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    WEAK = "weak", _("Weak")
    CANNOT_JUDGE = "cannot_judge", _("Cannot judge")
