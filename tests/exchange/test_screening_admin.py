"""The programme coordinators' back office: who reaches it, the listing (columns, filters,
search, counts, queries), the inspect view, the bulk actions and their forms."""

from datetime import UTC, datetime, timedelta
from html import unescape
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import admin_views
from exchange.choices import ApplicationStatus, ReviewStatus
from exchange.models import Application, Referee, Review
from exchange.services import screening
from portal.models import OutboundEmail
from tests.exchange.conftest import translate_call
from tests.exchange.screening import (
    LISTING,
    add_review,
    bulk_url,
    inspect_url,
    set_admin_language,
    submit,
)

Status = ApplicationStatus
pytestmark = pytest.mark.django_db

# What a leak would show: the applicant's details and the letter's bytes.
SECRET_NAME = "欧阳娜娜"
SECRET_PHONE = "+86 731 8000 0001"
LETTER = b"%PDF-1.4 confidential letter"


def texts(response):
    return [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]


def not_found(response):
    """404, also when LocaleMiddleware turned it into a redirect to the /en/ catch-all first."""
    if response.status_code == 302 and response["Location"].startswith("/en/admin/"):
        return response.client.get(response["Location"]).status_code == 404
    return response.status_code == 404


def statuses(*applications):
    return [Application.objects.get(pk=a.pk).status for a in applications]


@pytest.fixture
def coordinator(staff):
    return staff("Programme coordinators", full_name="Zhou Coordinator")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def make_reviewer(staff):
    def make(name, language="en"):
        return set_admin_language(staff("Reviewers", full_name=name), language)

    return make


@pytest.fixture
def secret(call, make_applicant):
    """A submitted application whose details must reach no one but coordinators."""
    person = make_applicant(email="ouyang@example.cn", full_name=SECRET_NAME)
    return submit(call, person, phone=SECRET_PHONE, institution="Xiangya Hospital")


@pytest.fixture
def fake_files(monkeypatch):
    """A document and a referee letter for every application, whoever asks: only the views'
    own check stands between them and a visitor."""
    document = SimpleNamespace(
        pk=1,
        kind="cv",
        original_name="cv-ouyang.pdf",
        content_type="application/pdf",
        open=lambda: BytesIO(LETTER),
    )
    referee = SimpleNamespace(pk=2, has_letter_file=True, open_letter=lambda: BytesIO(LETTER))
    monkeypatch.setattr(admin_views, "find_document", lambda application, pk: document)
    monkeypatch.setattr(admin_views, "find_referee", lambda application, pk: referee)


def file_urls(application):
    return [
        f"{LISTING}files/{application.pk}/documents/1/",
        f"{LISTING}files/{application.pk}/referees/2/letter/",
    ]


# Who reaches it ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who", ["anonymous", "applicant", "Reviewers", "Editors", "Seminar organisers"]
)
def test_only_coordinators_reach_applications_exports_and_files(
    client, staff, applicant, secret, fake_files, make_reviewer, who
):
    if who == "applicant":
        client.force_login(applicant)
    elif who == "Reviewers":  # even one assigned to this very application
        reviewer = make_reviewer("Dr Assigned")
        Application.objects.filter(pk=secret.pk).update(status=Status.IN_REVIEW)
        add_review(secret, reviewer)
        client.force_login(reviewer)
    elif who != "anonymous":
        client.force_login(staff(who))
    urls = [
        LISTING,
        f"{LISTING}?export=csv",
        f"{LISTING}?export=xlsx",
        inspect_url(secret),
        *file_urls(secret),
        bulk_url("export", secret) + "&format=csv",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET_NAME.encode() not in body and LETTER not in body, url
    exported = client.post(bulk_url("export", secret), {"format": "csv"})
    assert exported.status_code in (302, 403, 404) and not exported.streaming
    response = client.post(bulk_url("accept", secret))
    assert response.status_code in (302, 403, 404)
    assert statuses(secret) != [Status.SCREENING] and not OutboundEmail.objects.exists()
    for url in file_urls(secret)[:1]:
        if who != "anonymous":
            assert not_found(client.get(url))  # a file never says it exists


def test_coordinators_reach_the_listing_the_inspect_view_the_exports_and_the_files(
    coordinator_client, secret, fake_files
):
    listing = coordinator_client.get(LISTING)
    inspect = coordinator_client.get(inspect_url(secret))
    export = coordinator_client.get(LISTING, {"export": "csv"})
    document, letter = (coordinator_client.get(url) for url in file_urls(secret))

    assert listing.status_code == inspect.status_code == export.status_code == 200
    assert SECRET_NAME in listing.content.decode() and SECRET_PHONE in inspect.content.decode()
    assert SECRET_NAME in b"".join(export.streaming_content).decode()
    for response in (document, letter):
        assert b"".join(response.streaming_content) == LETTER
        assert "private, no-store" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="cv-ouyang.pdf"' in document["Content-Disposition"]


def test_unknown_ids_answer_404(coordinator_client, secret):
    assert not_found(coordinator_client.get(f"{LISTING}inspect/999999/"))
    assert not_found(coordinator_client.get(f"{LISTING}files/999999/documents/1/"))
    assert not_found(coordinator_client.get(f"{LISTING}files/{secret.pk}/documents/999999/"))
    assert not_found(coordinator_client.get(f"{LISTING}files/{secret.pk}/referees/9/letter/"))
    assert not_found(coordinator_client.post(f"{LISTING}reviews/{secret.pk}/999999/withdraw/"))
    assert not_found(coordinator_client.get("/admin/bulk/exchange/application/accept/?id=999999"))
    assert not_found(coordinator_client.get("/admin/bulk/exchange/application/accept/?id=x"))


def test_applications_cannot_be_added_edited_or_deleted_in_the_admin(coordinator_client, secret):
    for url in ("new/", f"edit/{secret.pk}/", f"delete/{secret.pk}/"):
        assert coordinator_client.get(LISTING + url).status_code in (302, 403, 404), url
    assert Application.objects.filter(pk=secret.pk).exists()


# The listing ---------------------------------------------------------------------------------


def test_the_listing_shows_each_application_with_its_reviews_and_mean_score(
    coordinator_client, call, make_applicant, make_reviewer
):
    application = submit(
        call,
        make_applicant(full_name="Wang Fang"),
        Status.IN_REVIEW,
        nationality="Chinese",
        institution="Hunan Cancer Hospital",
    )
    first, second, third = (make_reviewer(name) for name in ("A", "B", "C"))
    add_review(application, first, ReviewStatus.SUBMITTED, score=7)
    add_review(application, second, ReviewStatus.SUBMITTED, score=8)
    add_review(application, third, ReviewStatus.IN_PROGRESS)
    add_review(application, make_reviewer("D"), ReviewStatus.CONFLICT)  # counts nowhere

    html = coordinator_client.get(LISTING).content.decode()

    for shown in (application.reference, "Wang Fang", call.title, "In review", "Medical physicist"):
        assert shown in html
    assert "Hunan Cancer Hospital" in html and "Chinese" in html
    assert "2 / 3" in html and "7.50" in html


def test_the_call_is_named_in_the_coordinators_admin_language(client, coordinator, call, applicant):
    translate_call(call, "zh-hans", "放疗质控进修")
    submit(call, applicant)
    client.force_login(set_admin_language(coordinator, "zh-hans"))

    html = client.get(LISTING).content.decode()

    assert "放疗质控进修" in html and call.title not in html


def test_drafts_are_hidden_unless_asked_for(coordinator_client, call, applicant, make_applicant):
    submitted = submit(call, applicant)
    draft = submit(call, make_applicant(), Status.DRAFT, reference="", submitted_at=None)

    def listed(**params):
        response = coordinator_client.get(LISTING, params)
        return {a.pk for a in response.context["object_list"]}

    assert listed() == {submitted.pk}
    assert coordinator_client.get(LISTING).context["view"].active_filters == []  # no pill
    assert listed(drafts="on") == {submitted.pk, draft.pk}
    assert listed(status=Status.DRAFT) == {draft.pk}
    assert listed(call=999999) == {submitted.pk}  # an invalid filter still hides drafts


def test_filters_and_search_narrow_the_listing(coordinator_client, make_call, make_applicant, call):
    changsha = make_call(direction="fr_cn", discipline="surgery", title="DIEP in Changsha")
    paris = submit(
        call,
        make_applicant(full_name="Li Na", email="li.na@hospital.cn"),
        nationality="Chinese",
        institution="Xiangya Hospital",
    )
    lyon = submit(
        changsha,
        make_applicant(full_name="Hélène Dupré", email="helene@chu.fr"),
        Status.IN_REVIEW,
        nationality="French",
        institution="Centre Léon Bérard",
        submitted_at=timezone.now() - timedelta(days=20),
    )

    def names(**params):
        response = coordinator_client.get(LISTING, params)
        assert response.status_code == 200
        return {a.applicant.full_name for a in response.context["object_list"]}

    assert names(call=changsha.pk) == {"Hélène Dupré"}
    assert names(status=Status.SUBMITTED) == {"Li Na"}
    assert names(direction="cn_fr") == {"Li Na"}
    assert names(discipline="surgery") == {"Hélène Dupré"}
    assert names(nationality="fren") == {"Hélène Dupré"}
    ten_days_ago = (timezone.localdate() - timedelta(days=10)).isoformat()
    assert names(submitted_at_to=ten_days_ago) == {"Hélène Dupré"}
    assert names(submitted_at_from=ten_days_ago) == {"Li Na"}
    assert names(q=lyon.reference) == {"Hélène Dupré"}
    assert names(q="hélène") == {"Hélène Dupré"}
    assert names(q="li.na@hospital") == {"Li Na"}
    assert names(q="xiangya") == {"Li Na"}
    assert names(q=paris.passport_name) == {"Li Na", "Hélène Dupré"}  # both are "LI NA"


def test_status_counts_follow_the_filters_but_not_the_status_filter(
    coordinator_client, call, make_call, make_applicant
):
    for status in (Status.SUBMITTED, Status.SUBMITTED, Status.IN_REVIEW, Status.DRAFT):
        submit(call, make_applicant(), status)
    submit(make_call(), make_applicant())  # another call

    response = coordinator_client.get(LISTING, {"call": call.pk, "status": Status.IN_REVIEW})

    counts = {t["label"]: (t["count"], t["current"]) for t in response.context["status_counts"]}
    assert counts["All"] == (3, False)  # drafts are not counted unless shown
    assert counts["Submitted"] == (2, False)
    assert counts["In review"] == (1, True)
    assert counts["Draft"] == (1, False)  # its tab shows them
    assert "Returned for corrections" not in counts  # nothing there
    assert len(response.context["object_list"]) == 1
    page = " ".join(response.content.decode().split())
    assert '<nav class="nice-padding" aria-label="Applications by status">' in page
    assert 'aria-current="true"> In review <strong>1</strong>' in page


def test_listing_queries_do_not_grow_with_applications_and_reviews(
    coordinator_client, call, user_factory, make_reviewer, django_assert_max_num_queries
):
    reviewers = [make_reviewer(f"Reviewer {n}") for n in range(3)]

    def add(count):
        for _n in range(count):
            application = submit(call, user_factory(), Status.IN_REVIEW)
            add_review(application, reviewers[0], ReviewStatus.SUBMITTED, score=6)
            add_review(application, reviewers[1], ReviewStatus.IN_PROGRESS)
            add_review(application, reviewers[2], ReviewStatus.CONFLICT)

    add(5)
    with CaptureQueriesContext(connection) as small:
        assert coordinator_client.get(LISTING).status_code == 200
    add(195)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = coordinator_client.get(LISTING)
    assert len(response.context["object_list"]) == 50  # paginated in the database
    assert response.context["status_counts"][0]["count"] == 200


# The inspect view ----------------------------------------------------------------------------


def test_the_inspect_view_shows_answers_reviews_conflicts_and_the_history(
    coordinator_client, coordinator, call, applicant, make_reviewer
):
    application = submit(call, applicant, motivation="Build a QA programme in Changsha.")
    screening.accept_for_review(application, by=coordinator)
    scored = make_reviewer("Dr Claire Martin")
    add_review(application, scored, ReviewStatus.SUBMITTED, score=7.25, recommendation="recommend")
    add_review(
        application,
        make_reviewer("Dr Wang Lei"),
        ReviewStatus.CONFLICT,
        conflict_note="Same department",
    )
    screening.assign_reviewer(application, make_reviewer("Dr Open"), by=coordinator)

    html = coordinator_client.get(inspect_url(application)).content.decode()

    assert "Build a QA programme in Changsha." in html and "LI NA" in html
    assert "Dr Claire Martin" in html and "7.25" in html and "Recommend" in html
    assert "Mean weighted score: 7.25 (reviews submitted: 1 of 2)." in html
    assert "Conflict of interest declared" in html and "Same department" in html
    assert html.count("Withdraw the assignment") == 1  # only the open one
    assert html.index("Reviewer assigned") < html.index("Accepted for review")  # newest first
    assert "Zhou Coordinator" in html


def test_the_inspect_view_gives_a_reviews_due_time_in_both_hospitals_clocks(
    coordinator_client, coordinator, call, applicant, make_reviewer
):
    application = submit(call, applicant)
    screening.accept_for_review(application, by=coordinator)
    due = datetime(2027, 1, 15, 11, 0, tzinfo=UTC)  # 19:00 in Changsha, 12:00 in Paris
    add_review(application, make_reviewer("Dr Claire Martin"), due_at=due)

    html = coordinator_client.get(inspect_url(application)).content.decode()

    reviews = html[html.index("Dr Claire Martin") :]
    due_cell = reviews[: reviews.index("</time>")]
    assert "19:00 (Beijing time)" in due_cell and "12:00 (Paris time)" in due_cell
    assert "11 a.m." not in due_cell  # the server's UTC, neither hospital's clock


@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        (
            Status.SUBMITTED,
            ["Start screening", "Accept for review", "Return for corrections"],
            ["Assign a reviewer"],
        ),
        (Status.IN_REVIEW, ["Assign a reviewer", "Mark ineligible"], ["Accept for review"]),
        (Status.RETURNED, ["Extend the deadline"], ["Accept for review"]),
    ],
)
def test_the_inspect_view_offers_the_actions_that_fit_the_status(
    coordinator_client, call, applicant, status, shown, hidden
):
    application = submit(call, applicant, status)

    html = coordinator_client.get(inspect_url(application)).content.decode()

    for label in shown:
        assert label in html
    for label in hidden:
        assert label not in html
    assert f"/admin/bulk/exchange/application/ineligible/?id={application.pk}" in html


def test_documents_and_referees_are_listed_with_links_to_the_coordinators_file_views(
    coordinator_client, secret, monkeypatch
):
    document = SimpleNamespace(
        pk=11,
        get_kind_display="Curriculum vitae",
        original_name="cv-ouyang.pdf",
        size=2048,
        pages=3,
        uploaded_at=timezone.now(),
    )
    referee = SimpleNamespace(
        pk=12,
        name="Prof. Hu",
        email="hu@example.cn",
        institution="Xiangya",
        get_status_display="Received",
        letter_received_at=timezone.now(),
        has_letter_file=True,
        form_answers={"known_for": "over_5", "comments": "Six years in my unit."},
    )
    referee.form_answer_rows = Referee(form_answers=referee.form_answers).form_answer_rows
    monkeypatch.setattr(admin_views, "documents_of", lambda application: [document])
    monkeypatch.setattr(admin_views, "referees_of", lambda application: [referee])

    html = coordinator_client.get(inspect_url(secret)).content.decode()

    assert f"{LISTING}files/{secret.pk}/documents/11/" in html and "cv-ouyang.pdf" in html
    assert "3 pages" in html and "Curriculum vitae" in html
    assert f"{LISTING}files/{secret.pk}/referees/12/letter/" in html
    assert "Prof. Hu" in html and "Six years in my unit." in html
    # The questions and the choice in words, never the stored keys.
    assert "How long have you known the applicant?" in html and "More than five years" in html
    assert "known_for" not in html and "over_5" not in html


def test_withdrawing_an_assignment_from_the_inspect_view(
    coordinator_client, coordinator, call, applicant, make_reviewer
):
    application = submit(call, applicant, Status.IN_REVIEW)
    open_review = screening.assign_reviewer(application, make_reviewer("Dr Open"), by=coordinator)
    done = add_review(application, make_reviewer("Dr Done"), ReviewStatus.SUBMITTED, score=9)
    url = f"{LISTING}reviews/{application.pk}/{{}}/withdraw/"

    withdrawn = coordinator_client.post(url.format(open_review.pk))
    refused = coordinator_client.post(url.format(done.pk))

    assert withdrawn["Location"] == inspect_url(application)
    assert texts(withdrawn) == ["Dr Open no longer reviews this application."]
    assert texts(refused)[-1] == "A submitted review cannot be withdrawn."
    assert list(application.reviews.values_list("pk", flat=True)) == [done.pk]
    assert coordinator_client.get(url.format(done.pk)).status_code == 405


# Bulk actions --------------------------------------------------------------------------------


def test_bulk_accept_reports_the_one_it_could_not_accept(
    coordinator_client, coordinator, call, make_applicant
):
    waiting = [submit(call, make_applicant()) for _n in range(2)]
    returned = submit(call, make_applicant(), Status.RETURNED)

    confirm = coordinator_client.get(bulk_url("accept", *waiting, returned))
    response = coordinator_client.post(bulk_url("accept", *waiting, returned))

    assert confirm.status_code == 200 and returned.reference in confirm.content.decode()
    assert statuses(*waiting, returned) == [Status.IN_REVIEW, Status.IN_REVIEW, Status.RETURNED]
    [message] = texts(response)
    assert message == (
        "2 accepted for review; 1 could not be: Only a submitted application, or one being "
        f"screened, can be accepted for review. ({returned.reference})"
    )
    entry = ModelLogEntry.objects.get(
        action="exchange.application.accepted_for_review", object_id=str(waiting[0].pk)
    )
    assert entry.user == coordinator


def test_bulk_confirmations_with_and_without_a_form_are_the_portals_shared_page(
    coordinator_client, call, make_applicant, make_reviewer
):
    make_reviewer("Dr Martin", "fr")
    chosen = [submit(call, make_applicant(), Status.IN_REVIEW) for _n in range(2)]

    confirm = coordinator_client.get(bulk_url("accept", *chosen))
    form = coordinator_client.get(bulk_url("assign_reviewer", *chosen))

    for response in (confirm, form):
        used = [template.name for template in response.templates]
        assert "portal/admin/bulk_confirm.html" in used
        html = response.content.decode()
        assert "2 applications selected." in html and chosen[0].reference in html
    assert 'name="reviewer"' in form.content.decode()
    assert "reviews submitted: 0 of 0" in form.content.decode()


def test_bulk_assignment_shows_each_reviewers_load_and_assigns_one_to_many(
    coordinator_client, call, make_applicant, make_reviewer, django_capture_on_commit_callbacks
):
    martin = make_reviewer("Dr Martin", "fr")
    make_reviewer("Dr Idle")
    busy = [submit(call, make_applicant(), Status.IN_REVIEW) for _n in range(4)]
    for application in busy:
        add_review(application, martin)
    add_review(busy[0], make_reviewer("Dr Other"), ReviewStatus.SUBMITTED, score=5)
    chosen = [submit(call, make_applicant(), Status.IN_REVIEW) for _n in range(2)]
    not_yet = submit(call, make_applicant())

    form = coordinator_client.get(bulk_url("assign_reviewer", *chosen, not_yet))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            bulk_url("assign_reviewer", *chosen, not_yet),
            {"reviewer": martin.pk, "due_at": "", "time_zone": "Europe/Paris"},
        )

    html = form.content.decode()
    assert "Dr Martin (4 open)" in html and "Dr Idle (0 open)" in html
    assert "Dr Other (0 open)" in html  # a submitted review is not a load
    assert texts(response) == [
        "Reviewer assigned to 2 applications; 1 could not be: Accept the application for "
        f"review before assigning reviewers. ({not_yet.reference})"
    ]
    assert Review.objects.filter(reviewer=martin, application__in=chosen).count() == 2
    assert not not_yet.reviews.exists()
    emails = OutboundEmail.objects.filter(to=martin.email, kind="exchange.review.assigned")
    assert emails.count() == 2 and {e.language for e in emails} == {"fr"}


def test_bulk_return_reads_the_deadline_on_the_chosen_clock_and_refuses_a_past_one(
    coordinator_client, call, applicant, django_capture_on_commit_callbacks
):
    application = submit(call, applicant)
    url = bulk_url("return", application)
    next_year = timezone.now().year + 1

    past = coordinator_client.post(
        url, {"message": "CV", "deadline": "2020-01-01 12:00", "time_zone": "Asia/Shanghai"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator_client.post(
            url,
            {
                "message": "Please add your CV.",
                "deadline": f"{next_year}-03-02 18:00",
                "time_zone": "Asia/Shanghai",
            },
        )

    assert past.status_code == 200 and "Choose a time in the future." in past.content.decode()
    assert done.status_code == 302 and texts(done) == ["1 returned for corrections"]
    application.refresh_from_db()
    assert application.status == Status.RETURNED
    assert application.return_deadline.isoformat() == f"{next_year}-03-02T10:00:00+00:00"
    assert OutboundEmail.objects.get().kind == "exchange.application.returned"


def test_mark_ineligible_and_extend_the_deadline_from_their_forms(
    coordinator_client, make_call, applicant, make_applicant
):
    closed = make_call(opens_in=-40, closes_in=-2)
    screened = submit(closed, applicant, Status.SCREENING)
    draft = submit(closed, make_applicant(), Status.DRAFT, reference="", submitted_at=None)
    next_year = timezone.now().year + 1

    empty = coordinator_client.post(bulk_url("ineligible", screened), {"reason": ""})
    ineligible = coordinator_client.post(
        bulk_url("ineligible", screened), {"reason": "Five years of experience are required."}
    )
    extended = coordinator_client.post(
        bulk_url("extend_deadline", draft),
        {"until": f"{next_year}-01-10 09:00", "time_zone": "Europe/Paris"},
    )

    assert empty.status_code == 200
    assert texts(ineligible) == ["1 marked ineligible"]
    assert texts(extended)[-1] == "1 given more time"
    screened.refresh_from_db()
    draft.refresh_from_db()
    assert screened.ineligible_reason == "Five years of experience are required."
    assert draft.deadline_extended_to.isoformat() == f"{next_year}-01-10T08:00:00+00:00"


def test_select_all_in_listing_acts_only_on_the_filtered_rows(
    coordinator_client, call, make_call, make_applicant
):
    other_call = make_call()
    mine = [submit(call, make_applicant()) for _n in range(2)]
    theirs = submit(other_call, make_applicant())
    draft = submit(call, make_applicant(), Status.DRAFT, reference="", submitted_at=None)

    coordinator_client.post(
        f"/admin/bulk/exchange/application/open_screening/?id=all&call={call.pk}"
    )
    invalid = coordinator_client.post("/admin/bulk/exchange/application/accept/?id=all&call=0")

    assert statuses(*mine, theirs, draft) == [
        Status.SCREENING,
        Status.SCREENING,
        Status.SUBMITTED,
        Status.DRAFT,
    ]
    assert not_found(invalid)
