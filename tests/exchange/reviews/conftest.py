"""Reviews under test: a call with unequal criteria weights, a blind call, an application in
review whose applicant has details that must never reach the wrong page, and its documents and
referee letters as exchange.models.documents and exchange.models.referees provide them."""

import io
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from exchange.choices import ApplicationStatus
from exchange.models import Application, Review, SelectionCriterion, documents
from exchange.models import Referee as RefereeModel
from tests.exchange.conftest import complete_fields

# What a leak would show: the tests of every refusal and of blind calls look for these.
NAME = "Margaux Lefèvre-Quintard"
PASSPORT_NAME = "LEFEVRE-QUINTARD MARGAUX"
EMAIL = "margaux.lq@example.fr"
PHONE = "+33 6 98 76 54 32"
BORN = date(1987, 3, 14)
MOTIVATION = "To learn how the Changsha team maps perforators before a DIEP flap."
CV_NAME = "CV_Margaux_Lefevre-Quintard.pdf"
CV_BYTES = b"%PDF-1.4 curriculum vitae: ten years of breast surgery"
PASSPORT_FILE = "passport-lefevre-quintard.pdf"
PASSPORT_BYTES = b"%PDF-1.4 P<FRALEFEVRE<QUINTARD<<MARGAUX<<<<<<"
REFEREE = "Hélène Garnier-Boisseau"
LETTER_BYTES = b"%PDF-1.4 I recommend Margaux Lefevre-Quintard warmly"
LETTER_ANSWER = "I supervised her DIEP flaps for three years."
REFERENCE = "HX-2026-0417"
IDENTIFYING = (NAME, PASSPORT_NAME, EMAIL, PHONE, CV_NAME, PASSPORT_FILE, REFEREE, LETTER_ANSWER)


@pytest.fixture
def make_review_call(make_call):
    """A call with three criteria weighing 3, 1 and 1 (blind when asked)."""

    def make(**fields):
        criteria = [
            SelectionCriterion(
                name="Surgical experience", description="From the logbook.", weight=3
            ),
            SelectionCriterion(name="Learning goals", description="What and why.", weight=1),
            SelectionCriterion(name="Contribution", description="Teaching, a study.", weight=1),
        ]
        return make_call(closes_in=-1, opens_in=-30, criteria=criteria, **fields)

    return make


@pytest.fixture
def review_call(make_review_call):
    return make_review_call(title="Breast reconstruction observership")


@pytest.fixture
def blind_call(make_review_call):
    return make_review_call(title="Blind observership", blind_review=True)


@pytest.fixture
def make_in_review(make_applicant):
    """make_in_review(call): an application in review, by default from the applicant NAME."""

    def make(call, reference=REFERENCE, email=EMAIL, name=NAME):
        applicant = make_applicant(email=email, full_name=name)
        fields = {
            **complete_fields(),
            "passport_name": PASSPORT_NAME,
            "phone": PHONE,
            "date_of_birth": BORN,
            "nationality": "French",
            "profession": "surgeon",
            "motivation": MOTIVATION,
        }
        return Application.objects.create(
            call=call,
            applicant=applicant,
            status=ApplicationStatus.IN_REVIEW,
            reference=reference,
            submitted_at=timezone.now(),
            **fields,
        )

    return make


@pytest.fixture
def reviewer(staff):
    return staff("Reviewers", email="zhou.wei@example.cn", full_name="Zhou Wei")


@pytest.fixture
def coordinator(staff):
    return staff("Programme coordinators", email="chen.jing@example.cn", full_name="Chen Jing")


@pytest.fixture
def make_review(reviewer):
    def make(application, who=None, **fields):
        return Review.objects.create(application=application, reviewer=who or reviewer, **fields)

    return make


def declared(review, **fields):
    """`review` past its declaration of no conflict."""
    Review.objects.filter(pk=review.pk).update(
        status="in_progress", conflict_declared_at=timezone.now(), **fields
    )
    review.refresh_from_db()
    return review


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


# The documents and referees of an application, as their modules provide them
# (application.documents, application.referees).


class Related:
    def __init__(self, rows):
        self.rows = rows

    def all(self):
        return list(self.rows)


@dataclass
class Document:
    pk: int
    kind: str
    original_name: str
    content: bytes
    size: int = 48_000
    pages: int = 2
    content_type: str = "application/pdf"
    uploaded_at: object = None

    @property
    def identifying(self):
        return self.kind in documents.IDENTIFYING

    def open(self):
        return io.BytesIO(self.content)


@dataclass
class Referee:
    pk: int
    name: str
    email: str
    institution: str
    status: str = "received"
    letter: bytes = b""
    form_answers: dict = field(default_factory=dict)
    letter_received_at: object = None

    @property
    def has_letter_file(self):
        return bool(self.letter)

    def open_letter(self):
        return io.BytesIO(self.letter)

    form_answer_rows = RefereeModel.form_answer_rows  # the real questions and answers


@pytest.fixture
def files(monkeypatch):
    """files(application): gives `application` a CV, a passport copy and two referees (one
    with an uploaded letter, one with a form letter); returns (cv, passport, letter, form)."""
    documents, referees = {}, {}
    monkeypatch.setattr(
        Application,
        "documents",
        property(lambda application: Related(documents.get(application.pk, []))),
        raising=False,
    )
    monkeypatch.setattr(
        Application,
        "referees",
        property(lambda application: Related(referees.get(application.pk, []))),
        raising=False,
    )

    def give(application):
        base = application.pk * 10
        cv = Document(base + 1, "cv", CV_NAME, CV_BYTES)
        passport = Document(base + 2, "passport", PASSPORT_FILE, PASSPORT_BYTES)
        documents[application.pk] = [cv, passport]
        letter = Referee(
            base + 1, REFEREE, "h.garnier@example.fr", "Hôpital Foch", letter=LETTER_BYTES
        )
        form = Referee(
            base + 2,
            "Wang Lei",
            "wang.lei@example.cn",
            "Hunan Cancer Hospital",
            form_answers={"known_for": "over_5", "comments": LETTER_ANSWER},
        )
        referees[application.pk] = [letter, form]
        return cv, passport, letter, form

    return give
