"""The reviewers' admin pages: their own assignments only, the declaration before anything else,
the application (without identity on a blind call), its files, and the scoring form."""

from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.utils import formats

from exchange.choices import ReviewStatus
from exchange.models import Review, SelectionCriterion
from exchange.services import reviews as services
from tests.exchange.conftest import translate_call
from tests.exchange.reviews.conftest import (
    BORN,
    CV_BYTES,
    EMAIL,
    IDENTIFYING,
    LETTER_ANSWER,
    LETTER_BYTES,
    MOTIVATION,
    NAME,
    PASSPORT_BYTES,
    PASSPORT_NAME,
    PHONE,
    REFEREE,
    declared,
    set_admin_language,
)

pytestmark = pytest.mark.django_db

LIST = "/admin/reviews/"


def page(review):
    return f"/admin/reviews/{review.pk}/"


def document_url(review, document):
    return f"/admin/reviews/{review.pk}/documents/{document.pk}/"


def letter_url(review, referee):
    return f"/admin/reviews/{review.pk}/letters/{referee.pk}/"


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def html(response):
    return unescape(body(response).decode())


def leaked(response, values=IDENTIFYING):
    """The identifying values found anywhere in the response (its whole HTML, or the file)."""
    content = body(response)
    text = unescape(content.decode(errors="replace"))
    born = (formats.date_format(BORN, "DATE_FORMAT"), BORN.isoformat())
    found = [value for value in (*values, *born) if value in text]
    found += [raw for raw in (CV_BYTES, PASSPORT_BYTES, LETTER_BYTES) if raw in content]
    return found


def not_found(response):
    """404, also when LocaleMiddleware turned it into a redirect to the /en/ catch-all first."""
    if response.status_code == 302 and response["Location"].startswith("/en/admin/"):
        return response.client.get(response["Location"]).status_code == 404
    return response.status_code == 404


def refused(response):
    """Not found, or the admin's refusal: the sign-in page or 403."""
    if not_found(response):
        return True
    if response.status_code == 302:
        return "/login/" in response["Location"] or "/accounts/" in response["Location"]
    return response.status_code == 403


def texts(response):
    return [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def application(make_in_review, review_call):
    return make_in_review(review_call)


@pytest.fixture
def blind_application(make_in_review, blind_call):
    return make_in_review(blind_call, reference="HX-2026-0433")


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


# Who reaches what ------------------------------------------------------------------------------


@pytest.fixture
def strangers(staff, make_in_review, make_review, review_call, application, make_applicant):
    """Everyone who must not see `application`: (name, user or None, their own review or None)."""
    other = staff("Reviewers", email="other.reviewer@example.org")
    elsewhere = make_in_review(
        review_call, reference="HX-2026-0500", email="b.r@example.fr", name="Baptiste Rocheforte"
    )
    others_review = declared(make_review(elsewhere, who=other))
    conflicted = staff("Reviewers", email="conflicted@example.org")
    conflict = make_review(application, who=conflicted)
    services.declare_conflict(conflict, by=conflicted, note="Same department.")
    return [
        ("another reviewer", other, others_review),
        ("a reviewer with a declared conflict", conflicted, Review.objects.get(pk=conflict.pk)),
        ("the applicant", application.applicant, None),
        ("an editor", staff("Editors"), None),
        ("an anonymous visitor", None, None),
    ]


def test_nobody_but_the_reviewer_reaches_the_application_its_documents_or_letters(
    client, reviewer, make_review, application, files, strangers, coordinator
):
    cv, passport, letter, _form = files(application)
    review = declared(make_review(application))
    targets = [
        page(review),
        document_url(review, cv),
        document_url(review, passport),
        letter_url(review, letter),
        f"/admin/reviews/{review.pk}/reopen/",
    ]
    client.force_login(reviewer)
    assert MOTIVATION in html(client.get(page(review)))  # the data is there to leak
    assert body(client.get(document_url(review, passport))) == PASSPORT_BYTES
    assert body(client.get(letter_url(review, letter))) == LETTER_BYTES

    for who, user, own in strangers:
        client.logout()
        if user is not None:
            client.force_login(user)
        urls = list(targets)
        if own is not None:  # their own review, with this application's file ids
            urls += [document_url(own, cv), document_url(own, passport), letter_url(own, letter)]
        for url in urls:
            response = client.get(url)
            assert refused(response), (who, url, response.status_code)
            assert not leaked(response), (who, url)
            assert MOTIVATION not in html(response), (who, url)
        listing = client.get(LIST)
        assert not leaked(listing, (NAME, PHONE, EMAIL)), who


@pytest.mark.parametrize("role", ["Reviewers", "Programme coordinators", "Editors"])
def test_another_persons_review_id_answers_404(client, staff, make_review, application, role):
    review = declared(make_review(application))
    client.force_login(staff(role))

    response = client.get(page(review))

    assert not_found(response) and NAME not in html(response)


def test_a_reviewer_taken_out_of_the_reviewers_group_no_longer_sees_their_assignments(
    as_reviewer, reviewer, make_review, application
):
    review = declared(make_review(application))
    reviewer.groups.clear()

    assert not_found(as_reviewer.get(page(review)))
    assert refused(as_reviewer.get(LIST))


def test_the_menu_shows_my_reviews_to_reviewers_and_coordinators_only(client, staff):
    for role, shown in [("Reviewers", True), ("Programme coordinators", True), ("Editors", False)]:
        client.force_login(staff(role))
        assert (LIST in html(client.get("/admin/"))) is shown, role


# My reviews ------------------------------------------------------------------------------------


def test_my_reviews_lists_my_assignments_by_call_with_their_status_and_due_date(
    as_reviewer, reviewer, make_review, make_in_review, review_call, blind_call, staff
):
    from datetime import timedelta

    from django.utils import timezone

    first = make_in_review(review_call)
    second = make_in_review(
        review_call, reference="HX-2026-0418", email="x@example.fr", name="Ana Sousa"
    )
    third = make_in_review(blind_call, reference="HX-2026-0433", email="y@example.fr")
    fourth = make_in_review(
        review_call, reference="HX-2026-0419", email="z@example.fr", name="Jo Kim"
    )
    due = timezone.now() - timedelta(days=1)
    make_review(first, due_at=due)
    declared(make_review(second))
    make_review(third)
    conflict = make_review(fourth)
    services.declare_conflict(conflict, by=reviewer, note="A colleague.")
    someone_elses = make_in_review(review_call, reference="HX-2026-0999", email="w@example.fr")
    make_review(someone_elses, who=staff("Reviewers"))

    text = html(as_reviewer.get(LIST))

    assert text.index(review_call.title) >= 0 and text.index(blind_call.title) >= 0
    for reference in ("HX-2026-0417", "HX-2026-0418", "HX-2026-0433", "HX-2026-0419"):
        assert reference in text
    assert "HX-2026-0999" not in text
    assert "To declare" in text and "Scoring" in text and "Overdue" in text
    assert "Withdrawn: conflict of interest" in text
    assert f"/admin/reviews/{conflict.pk}/" not in text  # no link to a declared conflict
    assert "Ana Sousa" in text and "Jo Kim" not in text
    assert text.count(NAME) == 1  # the open call's assignment; never the blind one's
    assert "Surgeon · French" in text  # the blind call's row


def test_a_superuser_sees_only_their_own_assignments(client, staff, make_review, application):
    make_review(application)
    client.force_login(staff(is_superuser=True))

    text = html(client.get(LIST))

    assert "HX-2026-0417" not in text and "No application is assigned to you" in text


def test_my_reviews_runs_the_same_queries_for_one_assignment_or_many(
    as_reviewer, make_review, make_in_review, review_call, blind_call, django_assert_max_num_queries
):
    make_review(make_in_review(review_call))
    as_reviewer.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        as_reviewer.get(LIST)
    for n in range(6):
        call = blind_call if n % 2 else review_call
        make_review(make_in_review(call, reference=f"HX-2026-06{n:02d}", email=f"a{n}@example.fr"))

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = as_reviewer.get(LIST)
    assert "HX-2026-0605" in html(response)


# The declaration -------------------------------------------------------------------------------


def test_an_assignment_opens_on_the_declaration_with_the_call_and_the_name_only(
    as_reviewer, make_review, application, files
):
    cv, *_rest = files(application)
    review = make_review(application)

    text = html(as_reviewer.get(page(review)))

    assert NAME in text and application.call.title in text
    assert "I have no conflict of interest" in text and "I have a conflict of interest" in text
    for hidden in (MOTIVATION, PHONE, EMAIL, REFEREE, cv.original_name):
        assert hidden not in text
    assert not_found(as_reviewer.get(document_url(review, cv)))


def test_declaring_no_conflict_opens_the_application(as_reviewer, make_review, application):
    review = make_review(application)

    response = as_reviewer.post(page(review), {"declaration": "none"})

    assert response.status_code == 302 and response["Location"] == page(review)
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.IN_PROGRESS
    assert MOTIVATION in html(as_reviewer.get(page(review)))


def test_a_conflict_needs_a_note_then_closes_the_application_to_the_reviewer(
    as_reviewer, make_review, application, coordinator
):
    review = make_review(application)

    refused_form = as_reviewer.post(page(review), {"declaration": "conflict", "note": ""})
    assert refused_form.status_code == 200 and "Say what links you" in html(refused_form)
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.ASSIGNED

    response = as_reviewer.post(page(review), {"declaration": "conflict", "note": "My cousin."})

    assert response.status_code == 302 and response["Location"] == LIST
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.CONFLICT
    assert not_found(as_reviewer.get(page(review)))
    assert "Withdrawn: conflict of interest" in html(as_reviewer.get(LIST))


# Blind calls -----------------------------------------------------------------------------------


def test_a_blind_call_shows_no_identity_from_the_declaration_to_the_submitted_review(
    as_reviewer, reviewer, make_review, blind_application, files
):
    cv, passport, letter, _form = files(blind_application)
    review = make_review(blind_application)

    declaration = as_reviewer.get(page(review))
    assert not leaked(declaration)
    assert "HX-2026-0433" in html(declaration) and "Surgeon" in html(declaration)
    assert "French" in html(declaration)
    as_reviewer.post(page(review), {"declaration": "none"})

    scoring = as_reviewer.get(page(review))
    text = html(scoring)
    assert not leaked(scoring)
    assert MOTIVATION in text and "Hunan Cancer Hospital" in text  # the professional facts
    assert document_url(review, cv) in text and document_url(review, passport) not in text
    assert letter_url(review, letter) not in text and LETTER_ANSWER not in text
    assert not leaked(as_reviewer.get(LIST))

    criteria = services.review_criteria(review)
    as_reviewer.post(
        page(review),
        {
            "action": "submit",
            "recommendation": "recommend",
            **{f"score_{criterion.pk}": "7" for criterion in criteria},
        },
    )
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.SUBMITTED
    submitted = as_reviewer.get(page(review))
    assert "Review submitted" in html(submitted)  # the history is on the page
    assert not leaked(submitted)


def test_a_blind_call_serves_no_identifying_document_nor_letter(
    as_reviewer, make_review, blind_application, files
):
    cv, passport, letter, form = files(blind_application)
    review = declared(make_review(blind_application))

    download = as_reviewer.get(document_url(review, cv))
    assert body(download) == CV_BYTES
    assert "Margaux" not in download["Content-Disposition"]
    assert "HX-2026-0433-cv.pdf" in download["Content-Disposition"]
    for url in (
        document_url(review, passport),
        letter_url(review, letter),
        letter_url(review, form),
    ):
        response = as_reviewer.get(url)
        assert not_found(response) and not leaked(response), url


def test_an_open_call_shows_the_applicant_their_documents_and_letters(
    as_reviewer, make_review, application, files
):
    cv, passport, letter, form = files(application)
    review = declared(make_review(application))

    text = html(as_reviewer.get(page(review)))

    born = formats.date_format(BORN, "DATE_FORMAT")
    for shown in (
        NAME,
        PASSPORT_NAME,
        PHONE,
        EMAIL,
        born,
        cv.original_name,
        REFEREE,
        LETTER_ANSWER,
    ):
        assert shown in text, shown
    assert document_url(review, passport) in text and letter_url(review, letter) in text
    assert letter_url(review, form) not in text  # a form letter is read on the page
    download = as_reviewer.get(document_url(review, cv))
    assert cv.original_name in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]


def test_without_documents_or_referees_the_page_lists_none(as_reviewer, make_review, application):
    review = declared(make_review(application))

    text = html(as_reviewer.get(page(review)))

    assert MOTIVATION in text and "No document was uploaded." in text


# Scoring ---------------------------------------------------------------------------------------


@pytest.fixture
def scoring(as_reviewer, make_review, application):
    review = declared(make_review(application))
    return review, services.review_criteria(review)


def test_the_form_shows_each_criterion_with_its_description_and_its_share_of_the_score(
    as_reviewer, scoring
):
    review, criteria = scoring

    text = html(as_reviewer.get(page(review)))

    for criterion, share in zip(criteria, ("60%", "20%", "20%"), strict=True):
        assert criterion.name in text and criterion.description in text
        assert f"{share} of the score" in text
    assert text.count('type="radio"') >= 3 * 11
    assert "Save" in text and "Submit review" in text


def test_save_keeps_a_draft_and_submit_requires_every_score(as_reviewer, scoring):
    review, (first, second, third) = scoring

    saved = as_reviewer.post(page(review), {"action": "save", f"score_{first.pk}": "8"})
    assert saved.status_code == 302 and "Your review is saved as a draft." in texts(saved)
    assert dict(review.scores.values_list("criterion_id", "value")) == {first.pk: 8}

    incomplete = as_reviewer.post(
        page(review), {"action": "submit", f"score_{first.pk}": "8", f"score_{second.pk}": "6"}
    )
    assert incomplete.status_code == 200
    assert html(incomplete).count("Give this criterion a score.") == 1
    assert "Choose a recommendation." in html(incomplete)
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.IN_PROGRESS

    submitted = as_reviewer.post(
        page(review),
        {
            "action": "submit",
            f"score_{first.pk}": "8",
            f"score_{second.pk}": "6",
            f"score_{third.pk}": "5",
            "recommendation": "recommend",
            "comment": "Solid logbook.",
        },
    )
    assert submitted.status_code == 302 and submitted["Location"] == LIST
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
    assert str(review.weighted_score) == "7.00"  # (3×8 + 6 + 5) / 5


@pytest.mark.parametrize("value", ["11", "-1", "7.5", "ten"])
def test_a_score_out_of_range_is_refused_beside_its_criterion(as_reviewer, scoring, value):
    review, (first, *_rest) = scoring

    response = as_reviewer.post(page(review), {"action": "save", f"score_{first.pk}": value})

    assert response.status_code == 200 and "error-message" in html(response)
    assert not review.scores.exists()


def test_a_posted_score_for_another_calls_criterion_is_ignored(
    as_reviewer, scoring, make_review_call
):
    review, (first, *_rest) = scoring
    foreign = make_review_call().criteria.first()

    as_reviewer.post(
        page(review), {"action": "save", f"score_{first.pk}": "6", f"score_{foreign.pk}": "9"}
    )

    assert dict(review.scores.values_list("criterion_id", "value")) == {first.pk: 6}


def test_a_submitted_review_shows_its_scores_and_takes_no_more_changes(
    as_reviewer, reviewer, scoring
):
    review, criteria = scoring
    services.submit_review(
        review,
        by=reviewer,
        scores={c.pk: 9 for c in criteria},
        comment="Excellent.",
        recommendation="strong",
    )

    text = html(as_reviewer.get(page(review)))
    assert "Weighted score: 9.00 out of 10" in text and 'type="radio"' not in text
    assert "Reopen this review" not in text

    response = as_reviewer.post(
        page(review), {"action": "save", **{f"score_{c.pk}": "1" for c in criteria}}
    )

    assert "only a coordinator can reopen it" in " ".join(texts(response))
    assert set(review.scores.values_list("value", flat=True)) == {9}


def test_criteria_are_shown_in_the_reviewers_admin_language(as_reviewer, reviewer, scoring):
    review, criteria = scoring
    chinese = translate_call(review.application.call, "zh-hans", "乳房重建观摩项目")
    SelectionCriterion.objects.filter(
        programme=chinese, translation_key=criteria[0].translation_key
    ).update(name="手术经验")
    set_admin_language(reviewer, "zh-hans")

    text = html(as_reviewer.get(page(review)))

    assert "手术经验" in text and "乳房重建观摩项目" in text


# Reopening -------------------------------------------------------------------------------------


def test_a_coordinator_reopens_a_submitted_review(client, reviewer, coordinator, scoring):
    review, criteria = scoring
    services.submit_review(
        review,
        by=reviewer,
        scores={c.pk: 6 for c in criteria},
        comment="",
        recommendation="recommend",
    )
    reopen = f"/admin/reviews/{review.pk}/reopen/"
    client.force_login(reviewer)
    assert not_found(client.get(reopen)) and not_found(client.post(reopen))
    client.force_login(coordinator)

    assert "HX-2026-0417" in html(client.get(reopen))
    response = client.post(reopen, {"next": "/admin/"})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Review.objects.get(pk=review.pk).status == ReviewStatus.IN_PROGRESS
