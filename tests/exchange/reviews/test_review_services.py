"""The review services: the declaration first, then scores, submission, the lock and reopening."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from wagtail.log_actions import registry as log_registry

from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Review
from exchange.services import reviews as services
from exchange.services.reviews import ReviewError
from portal.models import OutboundEmail
from tests.exchange.reviews.conftest import declared, set_admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(make_in_review, review_call):
    return make_in_review(review_call)


@pytest.fixture
def review(make_review, application):
    return make_review(application)


def actions(review):
    return [entry.action for entry in log_registry.get_logs_for_instance(review).order_by("pk")]


def criteria(review):
    return services.review_criteria(review)


def all_scores(review, *values):
    return dict(zip([c.pk for c in criteria(review)], values, strict=True))


# The declaration ------------------------------------------------------------------------------


def test_declaring_no_conflict_opens_the_review_for_scoring(review, reviewer):
    services.declare_no_conflict(review, by=reviewer)

    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert review.conflict_declared_at is not None
    assert actions(review) == ["exchange.review.no_conflict_declared"]
    assert not OutboundEmail.objects.exists()


def test_a_declared_conflict_withdraws_the_reviewer_and_tells_each_coordinator_in_their_language(
    review, reviewer, coordinator, staff
):
    set_admin_language(coordinator, "zh-hans")
    french = set_admin_language(staff("Programme coordinators", email="paul@example.fr"), "fr")
    staff("Reviewers", email="another.reviewer@example.org")
    staff("Editors", email="editor@example.org")

    services.declare_conflict(review, by=reviewer, note="She trained in my department in 2022.")

    review.refresh_from_db()
    assert review.status == ReviewStatus.CONFLICT
    assert review.conflict_note == "She trained in my department in 2022."
    assert review.conflict_declared_at is not None
    assert actions(review) == ["exchange.review.conflict_declared"]
    assert not Review.objects.assigned_to(reviewer).exists()
    emails = {email.to: email for email in OutboundEmail.objects.all()}
    coordinators = set(
        Group.objects.get(name="Programme coordinators").user_set.values_list("email", flat=True)
    )
    assert {coordinator.email, french.email} <= set(emails) == coordinators  # the demo's too
    chinese = emails[coordinator.email]
    assert chinese.language == "zh-hans" and chinese.kind == "exchange.review.conflict_declared"
    assert "HX-2026-0417" in chinese.subject
    assert "尊敬的Chen Jing：" in chinese.body_text  # the greeting the catalog already has
    assert "She trained in my department in 2022." in chinese.body_text
    assert "Zhou Wei" in chinese.body_text
    assert emails[french.email].language == "fr"
    assert "Bien cordialement," in emails[french.email].body_text


def test_a_conflict_needs_what_links_the_reviewer_to_the_applicant(review, reviewer, coordinator):
    with pytest.raises(ReviewError):
        services.declare_conflict(review, by=reviewer, note="   ")

    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED and not OutboundEmail.objects.exists()


@pytest.mark.parametrize("first", ["none", "conflict"])
@pytest.mark.parametrize("second", ["none", "conflict"])
def test_the_declaration_is_made_once(review, reviewer, first, second):
    declare = {
        "none": lambda: services.declare_no_conflict(review, by=reviewer),
        "conflict": lambda: services.declare_conflict(review, by=reviewer, note="My cousin."),
    }
    declare[first]()
    status = Review.objects.get(pk=review.pk).status

    with pytest.raises(ReviewError, match="already"):
        declare[second]()

    assert Review.objects.get(pk=review.pk).status == status


def test_only_the_reviewer_declares(review, coordinator, staff):
    for other in (coordinator, staff("Reviewers"), staff(is_superuser=True)):
        with pytest.raises(ReviewError):
            services.declare_no_conflict(review, by=other)
        with pytest.raises(ReviewError):
            services.declare_conflict(review, by=other, note="Nothing.")

    review.refresh_from_db()
    assert review.status == ReviewStatus.ASSIGNED and review.conflict_declared_at is None


def test_a_withdrawn_application_takes_no_declaration(review, reviewer, application):
    application.status = ApplicationStatus.WITHDRAWN
    application.save()

    with pytest.raises(ReviewError, match="no longer in review"):
        services.declare_no_conflict(review, by=reviewer)


# Scores ----------------------------------------------------------------------------------------


def test_nothing_is_scored_before_the_declaration(review, reviewer):
    with pytest.raises(ReviewError, match="Declare first"):
        services.save_review(review, by=reviewer, scores={}, comment="", recommendation="")


def test_a_draft_keeps_what_is_given_and_replaces_what_was_saved(review, reviewer):
    declared(review)
    first, second, third = criteria(review)
    services.save_review(
        review, by=reviewer, scores={first.pk: 7, second.pk: 4}, comment="Good", recommendation=""
    )
    services.save_review(
        review,
        by=reviewer,
        scores={first.pk: 8, third.pk: 2},
        comment="Better",
        recommendation="recommend",
    )

    review.refresh_from_db()
    assert dict(review.scores.values_list("criterion_id", "value")) == {first.pk: 8, third.pk: 2}
    assert (review.status, review.comment, review.recommendation) == (
        ReviewStatus.IN_PROGRESS,
        "Better",
        "recommend",
    )
    assert review.weighted_score is None
    assert actions(review) == ["exchange.review.draft_saved", "exchange.review.draft_saved"]


@pytest.mark.parametrize("value", [11, -1, 7.5, "7", True])
def test_a_score_is_a_whole_number_from_0_to_10(review, reviewer, value):
    declared(review)
    first = criteria(review)[0]

    with pytest.raises(ReviewError, match="0 to 10"):
        services.save_review(
            review, by=reviewer, scores={first.pk: value}, comment="", recommendation=""
        )
    assert not review.scores.exists()


def test_a_criterion_of_another_call_is_refused(review, reviewer, make_review_call):
    declared(review)
    foreign = make_review_call().criteria.first()
    scores = {**all_scores(review, 5, 5, 5), foreign.pk: 9}

    for service in (services.save_review, services.submit_review):
        with pytest.raises(ReviewError, match="not this call"):
            service(review, by=reviewer, scores=scores, comment="", recommendation="recommend")

    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS and not review.scores.exists()


def test_submitting_needs_every_criterion_scored_and_a_recommendation(review, reviewer):
    declared(review)
    first, second, _third = criteria(review)

    with pytest.raises(ReviewError, match="every criterion"):
        services.submit_review(
            review,
            by=reviewer,
            scores={first.pk: 8, second.pk: 6},
            comment="",
            recommendation="recommend",
        )
    with pytest.raises(ReviewError, match="recommendation"):
        services.submit_review(
            review, by=reviewer, scores=all_scores(review, 8, 6, 5), comment="", recommendation=""
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS and review.submitted_at is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # weights 3, 1, 1: (3×8 + 5 + 6) / 5
        ((8, 5, 6), Decimal("7.00")),
        # (3×10 + 9 + 8) / 5 = 9.4; an equal mean of the three would be 9.00
        ((10, 9, 8), Decimal("9.40")),
        # (3×7 + 0 + 10) / 5 = 6.2, where the plain mean is 5.67
        ((7, 0, 10), Decimal("6.20")),
    ],
)
def test_the_weighted_score_weighs_each_criterion(review, reviewer, values, expected):
    declared(review)

    services.submit_review(
        review, by=reviewer, scores=all_scores(review, *values), comment="", recommendation="strong"
    )

    review.refresh_from_db()
    assert review.weighted_score == expected
    assert review.status == ReviewStatus.SUBMITTED and review.submitted_at is not None


@pytest.mark.parametrize(
    ("weights", "values", "expected"),
    [
        ((3, 3, 1), (10, 9, 8), Decimal("9.29")),  # 65 / 7 = 9.2857…
        ((5, 3), (6, 1), Decimal("4.13")),  # 33 / 8 = 4.125: half up, not to even
        ((1, 1), (7, 8), Decimal("7.50")),
    ],
)
def test_the_weighted_score_is_rounded_half_up_to_two_decimals(weights, values, expected):
    criteria = [SimpleNamespace(pk=n, weight=weight) for n, weight in enumerate(weights)]

    score = services.weighted_score(criteria, dict(enumerate(values)))

    assert score == expected and str(score) == str(expected)


def test_submitting_keeps_the_scores_comment_and_recommendation_and_writes_an_audit_entry(
    review, reviewer
):
    declared(review)
    services.submit_review(
        review,
        by=reviewer,
        scores=all_scores(review, 9, 7, 6),
        comment="A strong case for the observership.",
        recommendation="strong",
    )

    review.refresh_from_db()
    assert sorted(review.scores.values_list("value", flat=True)) == [6, 7, 9]
    assert review.comment == "A strong case for the observership."
    assert review.recommendation == "strong"
    entry = log_registry.get_logs_for_instance(review).get(action="exchange.review.submitted")
    assert entry.user == reviewer and entry.data["weighted_score"] == "8.00"


def test_a_submitted_review_is_locked(review, reviewer):
    declared(review)
    services.submit_review(
        review, by=reviewer, scores=all_scores(review, 9, 7, 6), comment="", recommendation="strong"
    )

    for service in (services.save_review, services.submit_review):
        with pytest.raises(ReviewError, match="only a coordinator can reopen"):
            service(
                review,
                by=reviewer,
                scores=all_scores(review, 1, 1, 1),
                comment="",
                recommendation="not",
            )

    review.refresh_from_db()
    assert review.weighted_score == Decimal("8.00") and review.recommendation == "strong"
    assert sorted(review.scores.values_list("value", flat=True)) == [6, 7, 9]


def test_only_the_reviewer_scores(review, coordinator):
    declared(review)

    with pytest.raises(ReviewError, match="not yours"):
        services.submit_review(
            review,
            by=coordinator,
            scores=all_scores(review, 9, 7, 6),
            comment="",
            recommendation="strong",
        )


def test_a_reviewer_with_a_conflict_can_no_longer_score(review, reviewer):
    services.declare_conflict(review, by=reviewer, note="My former student.")

    with pytest.raises(ReviewError, match="conflict"):
        services.save_review(review, by=reviewer, scores={}, comment="", recommendation="")


# Reopening and counting ----------------------------------------------------------------------


@pytest.fixture
def submitted(review, reviewer):
    declared(review)
    return services.submit_review(
        review, by=reviewer, scores=all_scores(review, 9, 7, 6), comment="", recommendation="strong"
    )


def test_a_coordinator_reopens_a_submitted_review_which_stops_counting_until_submitted_again(
    submitted, coordinator, reviewer
):
    set_admin_language(reviewer, "zh-hans")

    services.reopen_review(submitted, by=coordinator)

    review = Review.objects.get(pk=submitted.pk)
    assert review.status == ReviewStatus.IN_PROGRESS
    assert review.weighted_score is None and review.submitted_at is None
    assert sorted(review.scores.values_list("value", flat=True)) == [6, 7, 9]
    assert not Review.objects.counting().filter(pk=review.pk).exists()
    entry = log_registry.get_logs_for_instance(review).get(action="exchange.review.reopened")
    assert entry.user == coordinator
    email = OutboundEmail.objects.get()
    assert email.to == reviewer.email and email.language == "zh-hans"
    assert "此致敬礼！" in email.body_text
    assert "HX-2026-0417" in email.subject
    assert f"/admin/reviews/{review.pk}/" in email.body_text

    services.submit_review(
        review,
        by=reviewer,
        scores=all_scores(review, 5, 5, 5),
        comment="",
        recommendation="recommend",
    )
    assert Review.objects.counting().get(pk=review.pk).weighted_score == Decimal("5.00")


def test_only_a_coordinator_reopens(submitted, reviewer, staff):
    for other in (reviewer, staff("Editors"), staff("Reviewers")):
        with pytest.raises(ReviewError, match="coordinator"):
            services.reopen_review(submitted, by=other)

    assert Review.objects.get(pk=submitted.pk).status == ReviewStatus.SUBMITTED


def test_a_superuser_reopens_too(submitted, staff):
    services.reopen_review(submitted, by=staff(is_superuser=True))

    assert Review.objects.get(pk=submitted.pk).status == ReviewStatus.IN_PROGRESS


def test_a_review_in_progress_is_not_reopened(review, coordinator):
    declared(review)

    with pytest.raises(ReviewError, match="submitted"):
        services.reopen_review(review, by=coordinator)


def test_only_submitted_reviews_without_conflict_count(application, make_review, staff, reviewer):
    submitted_one = make_review(application)
    declared(submitted_one)
    services.submit_review(
        submitted_one,
        by=reviewer,
        scores=all_scores(submitted_one, 9, 7, 6),
        comment="",
        recommendation="strong",
    )
    conflicted = make_review(application, who=staff("Reviewers"))
    services.declare_conflict(conflicted, by=conflicted.reviewer, note="My sister-in-law.")
    in_progress = declared(make_review(application, who=staff("Reviewers")))
    make_review(application, who=staff("Reviewers"))

    assert list(Review.objects.counting()) == [submitted_one]
    assert in_progress not in Review.objects.counting()
