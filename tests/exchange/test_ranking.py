"""The ranking of a call: applications in review or decided, best mean weighted score first,
with the number of counting reviews, their spread and a flag where the committee should look
twice, in a fixed number of queries; and the coordinators' admin page that shows it."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, Review
from exchange.ranking import ranking
from tests.exchange.decision_helpers import grant_decisions, in_review, make_criteria, review

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewers(staff):
    return [
        staff("Reviewers", email=f"reviewer{n}@example.org", full_name=f"Reviewer {n}")
        for n in range(1, 4)
    ]


@pytest.fixture
def people(make_applicant):
    def make(count):
        return [
            make_applicant(email=f"applicant{n}@example.org", full_name=f"Applicant {n}")
            for n in range(count)
        ]

    return make


def test_the_weighted_mean_of_the_reviews_ranks_the_applications(call, reviewers, people):
    clinical, language = make_criteria(call, 3, 1)
    first, second = people(2)
    surgeon = in_review(call, first)
    linguist = in_review(call, second)
    # Unweighted, the linguist (8.0) would lead the surgeon (6.0).
    review(surgeon, reviewers[0], {clinical: 8, language: 4})  # 7.00
    review(surgeon, reviewers[1], {clinical: 10, language: 2})  # 8.00
    review(linguist, reviewers[0], {clinical: 6, language: 10})  # 7.00
    review(linguist, reviewers[1], {clinical: 6, language: 10})  # 7.00

    rows = ranking(call)

    assert [row.pk for row in rows] == [surgeon.pk, linguist.pk]
    assert rows[0].mean_score == Decimal("7.50") and rows[1].mean_score == Decimal("7.00")
    assert [row.position for row in rows] == [1, 2]


def test_conflicts_and_unsubmitted_reviews_do_not_count(call, reviewers, people):
    application = in_review(call, people(1)[0])
    review(application, reviewers[0], score="9.00", recommendation="strong")
    review(application, reviewers[1], score="1.00", status=ReviewStatus.CONFLICT)
    review(application, reviewers[2], score="2.00", status=ReviewStatus.IN_PROGRESS)

    (row,) = ranking(call)

    assert row.mean_score == Decimal("9.00") and row.review_count == 1
    assert [r.reviewer for r in row.counting_reviews] == [reviewers[0]]
    assert row.needs_attention  # one review is not enough


@pytest.mark.parametrize(
    ("scores", "spread", "flagged"),
    [
        (("9.00", "6.50"), Decimal("2.50"), False),
        (("9.00", "6.00"), Decimal("3.00"), True),  # three points apart: flagged
        (("9.50", "4.00", "7.00"), Decimal("5.50"), True),
    ],
)
def test_a_wide_spread_flags_the_application(call, reviewers, people, scores, spread, flagged):
    application = in_review(call, people(1)[0])
    for reviewer, score in zip(reviewers, scores, strict=False):
        review(application, reviewer, score=score)

    (row,) = ranking(call)

    assert row.review_count == len(scores)
    assert row.score_spread == spread
    assert row.needs_attention is flagged


def test_the_spread_that_flags_is_a_setting(call, reviewers, people, settings):
    settings.EXCHANGE_WIDE_SPREAD = 4
    application = in_review(call, people(1)[0])
    review(application, reviewers[0], score="9.00")
    review(application, reviewers[1], score="5.50")

    (row,) = ranking(call)

    assert row.score_spread == Decimal("3.50") and not row.needs_attention


def test_the_standard_deviation_is_that_of_the_reviews(call, reviewers, people):
    application = in_review(call, people(1)[0])
    review(application, reviewers[0], score="9.00")
    review(application, reviewers[1], score="5.00")

    (row,) = ranking(call)

    assert row.score_stddev == pytest.approx(2.0)


def test_only_applications_in_review_or_decided_of_this_call_are_ranked(
    call, make_call, reviewers, people
):
    a, b, c, d, e = people(5)
    ranked = in_review(call, a)
    decided = in_review(call, b, status=ApplicationStatus.RESERVE, reserve_rank=1)
    in_review(call, c, status=ApplicationStatus.SUBMITTED)
    in_review(call, d, status=ApplicationStatus.WITHDRAWN)
    in_review(make_call(), e)
    Application.objects.create(call=call, applicant=reviewers[0])  # a draft

    assert {row.pk for row in ranking(call)} == {ranked.pk, decided.pk}


def test_equal_means_share_a_position_and_unreviewed_come_last(call, reviewers, people):
    a, b, c = people(3)
    unreviewed = in_review(call, a)
    one = in_review(call, b)
    two = in_review(call, c)
    for application in (one, two):
        review(application, reviewers[0], score="8.00")
        review(application, reviewers[1], score="7.00")

    rows = ranking(call)

    assert rows[-1].pk == unreviewed.pk and rows[-1].mean_score is None
    assert [row.position for row in rows] == [1, 1, 3]
    assert rows[0].tied and rows[1].tied and not rows[2].tied


def _bulk(call, reviewers, user_factory, count, prefix="a"):
    users = [user_factory(email=f"{prefix}{n}@example.org") for n in range(count)]
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            applicant=user,
            status=ApplicationStatus.IN_REVIEW,
            reference=f"HX-{prefix.upper()}-{n + 1:04d}",
        )
        for n, user in enumerate(users)
    )
    Review.objects.bulk_create(
        Review(
            application=application,
            reviewer=reviewer,
            status=ReviewStatus.SUBMITTED,
            recommendation="recommend",
            weighted_score=Decimal(f"{(n * 7 + k) % 100 / 10:.2f}"),
        )
        for n, application in enumerate(applications)
        for k, reviewer in enumerate(reviewers)
    )
    return applications


def test_the_ranking_takes_two_queries_for_300_applications_and_900_reviews(
    call, reviewers, user_factory, django_assert_num_queries
):
    _bulk(call, reviewers, user_factory, 300)

    with django_assert_num_queries(2):
        rows = ranking(call)
        recommendations = [review.recommendation for row in rows for review in row.counting_reviews]

    assert len(rows) == 300 and len(recommendations) == 900
    means = [row.mean_score for row in rows]
    assert means == sorted(means, reverse=True)


# The admin page.


@pytest.fixture
def coordinator(staff):
    return grant_decisions(staff("Programme coordinators", email="coordinator@example.org"))


def test_the_admin_ranking_page_runs_the_same_queries_for_3_or_300_applications(
    client, make_call, reviewers, user_factory, coordinator, django_assert_max_num_queries
):
    small, large = make_call(), make_call()
    _bulk(small, reviewers, user_factory, 3, prefix="s")
    _bulk(large, reviewers, user_factory, 300, prefix="l")
    client.force_login(coordinator)
    client.get(reverse("exchange_ranking:call", args=(small.pk,)))  # the session, the caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("exchange_ranking:call", args=(small.pk,))).status_code == 200

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("exchange_ranking:call", args=(large.pk,)))

    assert response.content.decode().count('class="ranking__score"') == 300


def test_the_admin_ranking_shows_scores_reviewers_flags_and_a_form_per_row(
    client, call, reviewers, people, coordinator
):
    a, b = people(2)
    strong = in_review(call, a)
    review(strong, reviewers[0], score="9.00", recommendation="strong")
    review(strong, reviewers[1], score="8.50", recommendation="recommend")
    disputed = in_review(call, b)
    review(disputed, reviewers[0], score="9.00", recommendation="strong")
    review(disputed, reviewers[1], score="3.00", recommendation="not")
    client.force_login(coordinator)

    page = client.get(reverse("exchange_ranking:call", args=(call.pk,))).content.decode()

    assert page.index("Applicant 0") < page.index("Applicant 1")
    assert "8.75" in page and "6.00" in page
    assert "Strongly recommend" in page and "Do not recommend" in page
    assert page.count("Reviewers disagree") == 1
    assert page.count('name="outcome"') == 2
    assert strong.reference in page and disputed.reference in page


def test_a_promoted_reserve_reads_as_selected_from_its_old_rank_not_as_a_reserve(
    client, call, people, coordinator
):
    a, b = people(2)
    in_review(call, a, status=ApplicationStatus.RESERVE, reserve_rank=2)
    in_review(call, b, status=ApplicationStatus.SELECTED, reserve_rank=1)  # promoted
    client.force_login(coordinator)

    page = client.get(reverse("exchange_ranking:call", args=(call.pk,))).content.decode()
    page = " ".join(page.split())

    assert "Reserve list · 2" in page
    assert "Selected · 1" not in page
    assert "(promoted from the reserve list, where it was number 1)" in page


def refused(response):
    """Wagtail answers an admin view's PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


@pytest.mark.parametrize("who", ["Reviewers", "Editors"])
def test_staff_without_the_permission_cannot_reach_the_ranking(client, call, people, staff, who):
    application = in_review(call, people(1)[0])
    client.force_login(staff(who, email="someone@example.org"))

    for url in (
        reverse("exchange_ranking:index"),
        reverse("exchange_ranking:call", args=(call.pk,)),
    ):
        assert refused(client.get(url)), url
    for url, data in (
        (reverse("exchange_ranking:select_top", args=(call.pk,)), {}),
        (
            reverse("exchange_ranking:decide", args=(call.pk, application.pk)),
            {"outcome": "selected"},
        ),
    ):
        assert refused(client.post(url, data)), url
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW


def test_the_index_lists_calls_with_applications_to_decide(
    client, call, make_call, people, coordinator
):
    in_review(call, people(1)[0])
    quiet = make_call(title="A call nobody reviewed")
    client.force_login(coordinator)

    page = client.get(reverse("exchange_ranking:index")).content.decode()

    assert call.title in page and quiet.title not in page
