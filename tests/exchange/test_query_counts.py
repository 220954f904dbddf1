"""The programme pages that list many rows read them in a fixed number of queries: the same with
N applications as with three times as many (each with five documents, its referees, reviews
and scores), and under a ceiling. A query per row (an N+1) fails here before it reaches the
benchmark's 10,000 applications (`make bench`)."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchange.choices import ApplicationStatus, RefereeStatus, ReviewStatus
from exchange.models import (
    Application,
    ApplicationDocument,
    Referee,
    Review,
    Score,
    SelectionCriterion,
)
from tests.exchange.conftest import complete_fields

LISTING = "/admin/exchange/applications/"
DOCUMENTS = ["cv", "diploma", "language_certificate", "motivation_letter", "passport"]
# Ceilings: the counts measured when these tests were written, with a little room. Raise one
# only for a query that does not depend on the number of rows.
LISTING_MAX = 20
REVIEWS_MAX = 18
RANKING_MAX = 20
DASHBOARD_MAX = 20
N = 20
_numbers = itertools.count(1)


@pytest.fixture
def criteria_call(make_call):
    """A call closed a week ago with two weighted criteria, five documents and two referees."""

    def make(**fields):
        return make_call(
            opens_in=-40,
            closes_in=-7,
            required_documents=DOCUMENTS,
            referees_required=2,
            criteria=[
                SelectionCriterion(name="Clinical experience", weight=3),
                SelectionCriterion(name="Motivation", weight=1),
            ],
            **fields,
        )

    return make


@pytest.fixture
def reviewers(staff):
    return [
        staff("Reviewers", email=f"reviewer{n}@example.org", full_name=f"Dr Reviewer {n}")
        for n in range(3)
    ]


@pytest.fixture
def coordinator(staff):
    return staff("Programme coordinators", email="coordinator@example.org")


def add_applications(call, applicants, reviewers, status=ApplicationStatus.IN_REVIEW):
    """One application of each of `applicants` to `call` in `status`, as the services leave
    it: five documents, two referees (one letter in), and in review two reviewers, the first
    one's review submitted with its scores."""
    now = timezone.now()
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            applicant=applicant,
            status=status,
            reference=f"HX-2026-{next(_numbers):04d}",
            submitted_at=now - timedelta(days=10),
            **{**complete_fields(), "passport_name": applicant.full_name.upper()},
        )
        for applicant in applicants
    )
    ApplicationDocument.objects.bulk_create(
        ApplicationDocument(
            application=application,
            kind=kind,
            path=f"exchange/applications/{application.pk}/{kind}.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=1000,
            pages=1,
        )
        for application in applications
        for kind in DOCUMENTS
    )
    Referee.objects.bulk_create(
        Referee(
            application=application,
            name=f"Referee {n}",
            email=f"referee{n}.{application.pk}@example.org",
            institution="Hunan Cancer Hospital",
            position="Head of department",
            token=f"token-{application.pk}-{n}",
            status=RefereeStatus.RECEIVED if n == 0 else RefereeStatus.OPENED,
            letter_received_at=now - timedelta(days=3) if n == 0 else None,
            form_answers={"comments": "Warmly recommended."} if n == 0 else {},
        )
        for application in applications
        for n in range(2)
    )
    if status == ApplicationStatus.IN_REVIEW:
        _review(applications, reviewers, now)
    return applications


def _review(applications, reviewers, now):
    criteria = list(SelectionCriterion.objects.filter(programme=applications[0].call))
    reviews = Review.objects.bulk_create(
        Review(
            application=application,
            reviewer=reviewer,
            status=ReviewStatus.SUBMITTED if n == 0 else ReviewStatus.IN_PROGRESS,
            conflict_declared_at=now - timedelta(days=5),
            submitted_at=now - timedelta(days=2) if n == 0 else None,
            weighted_score=Decimal(5 + i % 5) if n == 0 else None,
            recommendation="recommend" if n == 0 else "",
        )
        for i, application in enumerate(applications)
        for n, reviewer in enumerate(reviewers[:2])
    )
    Score.objects.bulk_create(
        Score(review=review, criterion=criterion, value=6)
        for review in reviews
        if review.status == ReviewStatus.SUBMITTED
        for criterion in criteria
    )


@pytest.fixture
def applicants(make_applicant):
    numbers = itertools.count(1)

    def make(count):
        return [
            make_applicant(email=f"applicant{n}@example.cn", full_name=f"Wang Applicant {n}")
            for n in (next(numbers) for _ in range(count))
        ]

    return make


def count_queries(client, url, within=None):
    """Queries of one GET (under the ceiling `within` when given: a pytest-django context)."""
    with within or CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def assert_constant(client, urls, grow, ceiling, assert_max):
    """Each of `urls` reads in as many queries with N rows as after `grow()` adds 2N more,
    and under `ceiling`. The first request of each is not counted: it fills per-process
    caches (content types, permissions, templates)."""
    before = {}
    for url in urls:
        client.get(url)
        before[url] = count_queries(client, url)
    grow()
    for url in urls:
        after = count_queries(client, url, within=assert_max(ceiling))
        assert before[url] == after, f"{url}: {before[url]} queries with N rows, {after} with 3N"


def test_the_coordinators_listing_reads_any_number_of_applications_in_the_same_queries(
    client, coordinator, criteria_call, applicants, reviewers, django_assert_max_num_queries
):
    call = criteria_call()
    add_applications(call, applicants(N), reviewers)
    add_applications(call, applicants(N // 2), reviewers, status=ApplicationStatus.SUBMITTED)
    client.force_login(coordinator)
    urls = [
        LISTING,
        f"{LISTING}?call={call.pk}&status=in_review",
        f"{LISTING}?q=Wang&ordering=-mean_score",
    ]

    def grow():
        add_applications(call, applicants(2 * N), reviewers)
        add_applications(call, applicants(N), reviewers, status=ApplicationStatus.SUBMITTED)

    assert_constant(client, urls, grow, LISTING_MAX, django_assert_max_num_queries)

    assert Application.objects.count() == 3 * N + 3 * N // 2
    page = client.get(LISTING)
    assert page.context["paginator"].count == 3 * N + 3 * N // 2
    assert len(page.context["object_list"]) == 50  # a full first page, its rows all read


def test_the_listing_page_shows_every_column_of_its_rows(
    client, coordinator, criteria_call, applicants, reviewers
):
    """The rows read for the page carry what the columns show (reviews done, mean score)."""
    call = criteria_call()
    application = add_applications(call, applicants(1), reviewers)[0]
    client.force_login(coordinator)

    page = client.get(LISTING)

    (row,) = page.context["object_list"]
    assert row.pk == application.pk
    assert (row.reviews_done, row.reviews_assigned, row.mean_score) == (1, 2, Decimal("5.00"))
    assert application.reference in page.content.decode()


def test_the_reviewers_assignments_read_in_the_same_queries_however_many(
    client, criteria_call, applicants, reviewers, django_assert_max_num_queries
):
    calls = [criteria_call(), criteria_call(blind_review=True)]
    for call in calls:
        add_applications(call, applicants(N // 2), reviewers)
    client.force_login(reviewers[0])
    url = reverse("exchange_reviews:index")

    def grow():
        for call in calls:
            add_applications(call, applicants(N), reviewers)

    assert_constant(client, [url], grow, REVIEWS_MAX, django_assert_max_num_queries)

    assert Review.objects.filter(reviewer=reviewers[0]).count() == 3 * N


def test_a_calls_ranking_reads_in_the_same_queries_however_many_applications(
    client, coordinator, criteria_call, applicants, reviewers, django_assert_max_num_queries
):
    call = criteria_call()
    add_applications(call, applicants(N), reviewers)
    client.force_login(coordinator)
    url = reverse("exchange_ranking:call", args=(call.pk,))

    def grow():
        add_applications(call, applicants(2 * N), reviewers)

    assert_constant(client, [url], grow, RANKING_MAX, django_assert_max_num_queries)

    assert Application.objects.filter(call=call).count() == 3 * N


def test_the_applicants_dashboard_reads_in_the_same_queries_however_many_applications(
    client, make_call, make_applicant, reviewers, django_assert_max_num_queries
):
    """Three applications, then nine, in every state an applicant meets, each with five
    documents and two referees."""
    applicant = make_applicant(email="wang.fang@example.cn", full_name="王芳")
    calls = [
        make_call(required_documents=DOCUMENTS, referees_required=2, closes_in=30 - n)
        for n in range(9)
    ]
    statuses = [
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.RETURNED,
        ApplicationStatus.SCREENING,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.INELIGIBLE,
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
    ]

    def apply(indexes):
        for n in indexes:
            (application,) = add_applications(calls[n], [applicant], reviewers, statuses[n])
            if statuses[n] == ApplicationStatus.RETURNED:
                Application.objects.filter(pk=application.pk).update(
                    return_message="Add the second page of the diploma.",
                    return_deadline=timezone.now() + timedelta(days=7),
                )

    apply(range(3))
    client.force_login(applicant)
    url = reverse("exchange:dashboard")

    assert_constant(
        client, [url], lambda: apply(range(3, 9)), DASHBOARD_MAX, django_assert_max_num_queries
    )

    assert Application.objects.filter(applicant=applicant).count() == 9
    assert client.get(url).content.decode().count("application-card__title") == 9
