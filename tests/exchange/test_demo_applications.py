"""The demo applications: on the two open calls and the closed previous edition of the Paris
placement, applicants in every state a coordinator and an applicant see, made through the
services (references, audit history, documents, referees' letters, reviews, decision letters),
in Chinese, French and English; a second build changes nothing."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from exchange import demo_people as people
from exchange.choices import ApplicantStatus, ApplicationStatus, RefereeStatus, ReviewStatus
from exchange.demo_applications import (
    APPLICANTS,
    CHANGSHA_CALL,
    PARIS_CALL,
    PREVIOUS_PARIS_CALL,
    build_demo_applications,
)
from exchange.letters import KIND as LETTER
from exchange.models import Application, ApplicationDocument, ProgrammePage, Referee, Review
from exchange.ranking import ranking
from portal.models import IssuedDocument

pytestmark = [pytest.mark.django_db, pytest.mark.demo_applications]
Status = ApplicationStatus
COHORTS = {
    PARIS_CALL: people.PARIS_APPLICANTS,
    CHANGSHA_CALL: people.CHANGSHA_APPLICANTS,
    PREVIOUS_PARIS_CALL: people.PREVIOUS_APPLICANTS,
}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def emails():
    return [person["email"] for person in APPLICANTS] + [
        person["email"] for cohort in COHORTS.values() for person in cohort
    ]


def demo_applications():
    return Application.objects.filter(applicant__email__in=emails()).select_related(
        "call", "applicant"
    )


def application_of(email):
    return demo_applications().get(applicant__email=email)


def test_each_demo_applicant_has_a_draft_to_their_call_in_their_language(home_page):
    build_demo_applications(home_page)  # after the demo's own run: changes nothing

    drafts = demo_applications().filter(status=Status.DRAFT)
    chinese = drafts.get(call__slug=PARIS_CALL)
    french = drafts.get(call__slug=CHANGSHA_CALL)
    assert drafts.count() == 2
    assert chinese.applicant.preferred_language == "zh-hans" and "质控" in chinese.motivation
    assert french.applicant.preferred_language == "fr" and "DIEP" in french.motivation
    assert chinese.is_step_complete("personal") and french.is_step_complete("languages")
    for application in (chinese, french):
        assert application.is_draft and not application.applicant.is_staff
        assert EmailAddress.objects.filter(user=application.applicant, verified=True).exists()


def test_every_state_of_an_application_is_in_the_demo_on_its_call():
    by_call = {
        slug: {a.status for a in demo_applications().filter(call__slug=slug)} for slug in COHORTS
    }

    assert by_call[PARIS_CALL] == {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.INELIGIBLE,
        Status.WITHDRAWN,
        Status.IN_REVIEW,
    }
    assert by_call[CHANGSHA_CALL] == {
        Status.DRAFT,
        Status.SCREENING,
        Status.RETURNED,
        Status.INELIGIBLE,
        Status.IN_REVIEW,
    }
    assert by_call[PREVIOUS_PARIS_CALL] == {
        Status.SELECTED,
        Status.RESERVE,
        Status.NOT_SELECTED,
        Status.OFFER_ACCEPTED,
        Status.OFFER_DECLINED,
    }
    # Every state but a lapsed offer, which the periodic job makes once a deadline passes.
    assert set().union(*by_call.values()) == set(Status) - {Status.OFFER_LAPSED}
    assert [demo_applications().filter(call__slug=slug).count() for slug in COHORTS] == [7, 5, 6]


def test_submitted_applications_have_references_documents_and_referees_in_order():
    submitted = demo_applications().exclude(status=Status.DRAFT).order_by("submitted_at")
    year = timezone.localtime(submitted.first().submitted_at).year

    assert submitted.count() == 16
    # Numbered in the order they were submitted: the closed call's first.
    assert [a.reference for a in submitted] == [f"HX-{year}-{n:04d}" for n in range(1, 17)]
    for application in submitted:
        kinds = set(application.documents.values_list("kind", flat=True))
        assert kinds == set(application.call.required_documents)
        assert application.referees.count() == application.call.referees_required
        assert application.submitted_at < application.call.closes_at
    passport = ApplicationDocument.objects.filter(
        application__in=submitted, kind="passport"
    ).first()
    with passport.open() as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n" and passport.content_type == "image/png"
    cv = ApplicationDocument.objects.filter(application__in=submitted, kind="cv").first()
    with cv.open() as file:
        assert file.read(5) == b"%PDF-" and cv.pages == 1


def test_referees_answer_with_letters_and_forms_and_some_are_still_awaited():
    referees = Referee.objects.filter(application__in=demo_applications())
    received = referees.filter(status=RefereeStatus.RECEIVED)

    assert received.exclude(letter_path="").exists()
    assert received.exclude(form_answers={}).filter(form_answers__has_key="comments").exists()
    assert referees.filter(status=RefereeStatus.OPENED).exists()
    assert referees.filter(status=RefereeStatus.REQUESTED).exists()
    letter = received.exclude(letter_path="").first()
    with letter.open_letter() as file:
        assert file.read(5) == b"%PDF-"


def test_screening_leaves_its_message_deadline_and_reasons():
    now = timezone.now()
    returned = demo_applications().filter(status=Status.RETURNED)
    ineligible = demo_applications().filter(status=Status.INELIGIBLE)
    withdrawn = application_of("fangfang.wang@example.cn")

    assert returned.count() == 2 and ineligible.count() == 2
    assert all(a.return_message and a.return_deadline > now for a in returned)
    assert all(a.is_editable() for a in returned)  # the applicant can still correct it
    assert all(a.ineligible_reason for a in ineligible)
    assert withdrawn.status == Status.WITHDRAWN and withdrawn.withdrawal_reason
    for application, action in [
        (returned.first(), "exchange.application.returned"),
        (ineligible.first(), "exchange.application.marked_ineligible"),
        (withdrawn, "exchange.application.withdrawn"),
    ]:
        assert ModelLogEntry.objects.for_instance(application).filter(action=action).exists()


def test_reviews_hold_a_conflict_a_draft_and_submitted_scores():
    reviews = Review.objects.filter(application__in=demo_applications())
    conflict = reviews.get(application__applicant__email="zhao.mingxuan@example.cn",
                           status=ReviewStatus.CONFLICT)  # fmt: skip
    draft = reviews.get(status=ReviewStatus.IN_PROGRESS)
    submitted = reviews.filter(status=ReviewStatus.SUBMITTED)

    assert (
        conflict.conflict_note and conflict.reviewer.email == "reviewer2@exchange-portal.localhost"
    )
    assert draft.scores.count() == 2 and draft.comment and not draft.weighted_score
    assert reviews.filter(status=ReviewStatus.ASSIGNED).exists()
    assert submitted.count() == 14
    for review in submitted:
        assert review.weighted_score is not None and review.comment and review.recommendation
        assert review.scores.count() == review.application.call.canonical.criteria.count()


def test_the_ranking_of_the_closed_call_flags_the_wide_spread(demo_call):
    rows = ranking(demo_call("qc_previous"))
    by_name = {row.applicant.full_name: row for row in rows}
    wide = by_name["马骏"]

    assert [row.applicant.full_name for row in rows] == [
        "杨帆", "何丽", "吴婷", "徐振华", "马骏", "郭晨",
    ]  # fmt: skip
    assert wide.score_spread >= settings.EXCHANGE_WIDE_SPREAD and wide.needs_attention
    assert wide.status == Status.RESERVE and wide.reserve_rank == 2
    assert by_name["郭晨"].review_count == 1  # the conflict does not count
    assert not by_name["何丽"].needs_attention


def test_the_closed_call_is_decided_released_and_its_offers_answered():
    now = timezone.now()
    accepted = application_of("yang.fan@example.cn")
    open_offer = application_of("he.li@example.cn")
    declined = application_of("wu.ting@example.cn")
    promoted = application_of("xu.zhenhua@example.cn")
    not_selected = application_of("guo.chen@example.cn")

    decided = [accepted, open_offer, declined, promoted, not_selected]
    assert all(a.decision_released_at and a.decision_released_at < now for a in decided)
    assert all(a.decision_note for a in decided)
    assert accepted.applicant_status() == ApplicantStatus.OFFER_ACCEPTED
    assert declined.status == Status.OFFER_DECLINED and declined.decline_reason
    assert open_offer.applicant_status() == ApplicantStatus.SELECTED
    assert open_offer.offer_deadline > now and promoted.offer_deadline > now
    assert promoted.status == Status.SELECTED and promoted.reserve_rank == 1
    assert (
        ModelLogEntry.objects.for_instance(promoted)
        .filter(action="exchange.application.promoted")
        .exists()
    )
    letters = IssuedDocument.objects.filter(kind=LETTER, object_id=promoted.pk)
    assert letters.count() == 2 and letters.filter(revoked_at__isnull=True).count() == 1
    assert IssuedDocument.objects.filter(kind=LETTER, revoked_at__isnull=True).count() == 6
    # Each letter is dated when it was issued in the demo's past, not when the demo loaded.
    letter = IssuedDocument.objects.get(kind=LETTER, object_id=open_offer.pk)
    assert letter.issued_at == open_offer.decision_released_at
    assert letters.get(revoked_at__isnull=True).issued_at < now - timedelta(hours=12)


def test_the_history_of_a_decided_application_reads_in_order_over_weeks():
    application = application_of("yang.fan@example.cn")
    entries = list(ModelLogEntry.objects.for_instance(application).order_by("pk"))
    times = [entry.timestamp for entry in entries]
    submitted = next(e for e in entries if e.action == "exchange.application.submitted")

    assert times == sorted(times)
    assert submitted.timestamp == application.submitted_at
    assert (times[-1] - times[0]).days > 30
    assert entries[-1].action == "exchange.application.offer_accepted"


@pytest.mark.parametrize(
    ("email", "language", "status", "text"),
    [
        ("he.li@example.cn", "zh-hans", "Selected", "Accept or decline the place"),
        (
            "ma.jun@example.cn",
            "zh-hans",
            "On the reserve list",
            "Download the decision letter (PDF)",
        ),
        ("zhou.xiaoyan@example.cn", "zh-hans", "Returned to you for corrections", None),
        ("youssef.elamrani@example.fr", "fr", "Returned to you for corrections", None),
        ("julien.lefebvre@example.fr", "fr", "Submitted, under consideration", None),
    ],
)
def test_an_applicant_sees_their_outcome_on_the_dashboard_in_their_language(
    client, email, language, status, text
):
    application = application_of(email)
    client.force_login(application.applicant)

    html = client.get(f"/{language}/my/").content.decode()

    with translation.override(language):
        assert gettext(status) in html
        assert text is None or gettext(text) in html
    if application.return_message:
        assert application.return_message.splitlines()[0][:20] in html


def test_applicants_write_in_chinese_french_and_english():
    applications = list(demo_applications())
    by_language = {}
    for application in applications:
        by_language.setdefault(application.applicant.preferred_language, []).append(application)

    assert set(by_language) == {"zh-hans", "fr", "en"}
    assert all(CHINESE.search(a.motivation) for a in by_language["zh-hans"])
    assert all(not CHINESE.search(a.motivation) for a in by_language["fr"] + by_language["en"])
    assert all(re.search(r"\b(je|de|la|les)\b", a.motivation) for a in by_language["fr"])
    assert all(re.search(r"\b(I|the|and)\b", a.motivation) for a in by_language["en"])
    assert len(by_language["en"]) == 3
    chinese_names = [a.applicant.full_name for a in by_language["zh-hans"]]
    assert all(CHINESE.fullmatch(name[0]) for name in chinese_names)


def counts():
    return {
        "applications": Application.objects.count(),
        "reviews": Review.objects.count(),
        "referees": Referee.objects.count(),
        "documents": ApplicationDocument.objects.count(),
        "letters": IssuedDocument.objects.count(),
        "history": ModelLogEntry.objects.count(),
    }


def test_a_second_build_adds_nothing(home_page):
    before = counts()

    build_demo_applications(home_page)
    build_demo_applications(home_page)

    assert counts() == before
    assert before["applications"] == 18


def test_without_the_demo_calls_the_applicants_are_made_without_applications(home_page):
    Application.objects.all().delete()
    ProgrammePage.objects.filter(slug__in=COHORTS).update(slug="gone")

    build_demo_applications(home_page)

    assert not Application.objects.exists()
    assert EmailAddress.objects.filter(email="liu.yang@example.cn", verified=True).exists()
    assert EmailAddress.objects.filter(email="xu.zhenhua@example.cn", verified=True).exists()
