"""The committee's dossier of an application (exchange.dossier): one PDF with a cover and its
contents, the form, every document the reader may see and the referee letters, each page
numbered; on a blind call nothing that names the applicant. Who may open it is in
test_access_matrix.py; here, what it holds and the two pages that link to it."""

import io
import itertools
import re
from html import unescape

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from exchange.dossier import build_application_dossier
from exchange.models import Application, Review
from exchange.services import reviews as review_services
from portal.dossier import A4
from portal.templatetags.partner_time import partner_times_text
from tests.exchange.conftest import translate_call
from tests.exchange.dossier_helpers import (
    BORN,
    CV_PAGES,
    EMAIL,
    FILES,
    FORM_ANSWER,
    FORM_REFEREE,
    IDENTIFYING_TEXT,
    LETTER,
    LETTER_TEXT,
    MOTIVATION,
    MOTIVATION_LETTER,
    NAME,
    PASSPORT_NAME,
    PHONE,
    REFEREE,
    REFERENCE,
    application_in_review,
    dossier_call,
    page_texts,
    pdf_of,
)
from tests.exchange.screening import set_admin_language

pytestmark = pytest.mark.django_db

CALL_TITLE = "DIEP breast reconstruction observership in Changsha"
FULL_PARTS = [
    "Application form",
    "Curriculum vitae",
    "Motivation letter",
    "Diploma",
    "Language certificate",
    "Letter from the head of department",
    "Passport copy",
    "Photo",
    f"Letter from {REFEREE}",
    f"Letter from {FORM_REFEREE}",
]


@pytest.fixture
def applicant(make_applicant):
    return make_applicant(email=EMAIL, full_name=NAME)


@pytest.fixture
def application(make_call, applicant, private_storage):
    return application_in_review(dossier_call(make_call, title=CALL_TITLE), applicant)


@pytest.fixture
def blind_application(make_call, applicant, private_storage):
    call = dossier_call(make_call, title="Blind observership", blind_review=True)
    return application_in_review(call, applicant, reference="HX-2026-0043")


def dossier(application, *, blind, language="en"):
    with translation.override(language):
        return PdfReader(io.BytesIO(build_application_dossier(application, blind=blind)))


def first_pages(reader):
    """{part title: index of its first page}, from the bookmarks."""
    return {item.title: reader.get_destination_page_number(item) for item in reader.outline}


def flat(text):
    return re.sub(r"\s+", " ", text)


# --- What it holds ----------------------------------------------------------------------------


def test_the_cover_is_followed_by_the_form_every_document_and_the_letters(application):
    reader = dossier(application, blind=False)

    starts = first_pages(reader)
    assert list(starts) == FULL_PARTS  # the documents in the call's order
    assert starts["Application form"] == 1  # one cover page
    # Then every part's own pages: the CV's two, one for each other document, image and letter.
    bounds = [*starts.values(), len(reader.pages)]
    lengths = [end - start for start, end in itertools.pairwise(bounds)]
    assert lengths[1:] == [2, 1, 1, 1, 1, 1, 1, 1, 1]


def test_every_page_is_numbered_and_the_contents_give_each_parts_first_page(application):
    reader = dossier(application, blind=False)
    texts = page_texts(reader)
    total = len(texts)

    for number, text in enumerate(texts, start=1):
        assert f"{REFERENCE} - {number} / {total}" in text
    cover = flat(texts[0])
    for title, index in first_pages(reader).items():
        assert re.search(rf"{re.escape(title)} p\. {index + 1}\b", cover), title
    assert f"{total} pages in all, this cover included." in cover
    assert "1 referee letter asked for has not arrived." in cover  # the third referee


def test_the_cover_names_the_call_the_reference_and_the_applicant(application):
    cover = flat(dossier(application, blind=False).pages[0].extract_text())

    assert CALL_TITLE in cover and REFERENCE in cover and NAME in cover
    assert "This call is reviewed blind" not in cover
    with translation.override("en"):
        submitted = partner_times_text(application.submitted_at)
    for line in submitted.splitlines():  # Changsha then Paris, each in its own time
        assert flat(line) in cover


def test_the_form_holds_every_step_the_applicant_filled(application):
    reader = dossier(application, blind=False)
    starts = first_pages(reader)
    form = flat(" ".join(page_texts(reader)[1 : starts["Curriculum vitae"]]))

    for value in (NAME, EMAIL, PASSPORT_NAME, PHONE, MOTIVATION, "Hunan Cancer Hospital"):
        assert value in form, value
    assert formats.date_format(BORN, "DATE_FORMAT") in form
    for step in ("Personal and professional details", "Languages", "Preferred period"):
        assert step in form


def test_documents_are_merged_page_by_page_and_images_placed_on_a4(application):
    reader = dossier(application, blind=False)
    starts = first_pages(reader)
    texts = page_texts(reader)

    cv = starts["Curriculum vitae"]
    assert CV_PAGES[0] in texts[cv] and CV_PAGES[1] in texts[cv + 1]
    assert MOTIVATION_LETTER in texts[starts["Motivation letter"]]
    for title in ("Passport copy", "Photo"):
        page = reader.pages[starts[title]]
        assert len(page.images) == 1
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == (round(A4[0]), round(A4[1]))


def test_an_uploaded_letter_and_a_form_letter_are_both_in(application):
    reader = dossier(application, blind=False)
    starts = first_pages(reader)
    texts = page_texts(reader)

    assert LETTER in texts[starts[f"Letter from {REFEREE}"]]
    form_letter = flat(texts[starts[f"Letter from {FORM_REFEREE}"]])
    assert FORM_ANSWER in form_letter and "Strongly recommend" in form_letter
    assert "1 / 1" not in form_letter.replace(f"{REFERENCE} - ", "")  # one numbering only


def test_a_blind_dossier_names_no_one_and_holds_no_identifying_document_nor_letter(
    blind_application,
):
    reader = dossier(blind_application, blind=True)
    texts = page_texts(reader)

    assert list(first_pages(reader)) == [
        "Application form",
        "Curriculum vitae",
        "Motivation letter",
    ]
    born = (formats.date_format(BORN, "DATE_FORMAT"), BORN.isoformat())
    file_names = tuple(name for name, _content in FILES.values())
    for number, text in enumerate(texts, start=1):
        text = flat(text)
        for secret in (*IDENTIFYING_TEXT, *LETTER_TEXT, *born, *file_names):
            assert secret not in text, (number, secret)
    everything = flat(" ".join(texts))
    assert CV_PAGES[1] in everything and MOTIVATION in everything  # what reviewers do read
    assert "This call is reviewed blind." in flat(texts[0])
    assert len(texts) == 1 + first_pages(reader)["Curriculum vitae"] - 1 + 2 + 1


def test_the_dossier_is_in_the_readers_language_with_both_hospitals_times(application):
    translate_call(application.call, "fr", "Observation en reconstruction mammaire DIEP")

    cover = flat(dossier(application, blind=False, language="fr").pages[0].extract_text())

    assert "Observation en reconstruction mammaire DIEP" in cover
    with translation.override("fr"):
        for label in ("Committee dossier", "Contents", "Application form", "Documents"):
            assert flat(gettext(label)).casefold() in cover.casefold(), label
        for line in partner_times_text(application.submitted_at).splitlines():
            assert flat(line) in cover


def test_chinese_labels_and_names_are_drawn_not_dropped(application, applicant):
    applicant.full_name = "欧阳娜"
    applicant.save()
    application.refresh_from_db()

    cover = flat(dossier(application, blind=False, language="zh-hans").pages[0].extract_text())

    assert "欧阳娜" in cover
    with translation.override("zh-hans"):
        assert flat(gettext("Contents")) in cover


def test_a_damaged_or_missing_stored_file_becomes_a_notice_page(application, private_storage):
    cv = application.documents.get(kind="cv")
    with private_storage.open(cv.path, "wb") as file:
        file.write(b"%PDF-1.7 truncated in storage")
    private_storage.delete(application.documents.get(kind="photo").path)

    reader = dossier(application, blind=False)

    starts = first_pages(reader)
    texts = page_texts(reader)
    assert starts["Motivation letter"] - starts["Curriculum vitae"] == 1  # one notice page
    assert "could not be included: Curriculum vitae" in flat(texts[starts["Curriculum vitae"]])
    assert "could not be included: Photo" in flat(texts[starts["Photo"]])
    assert flat(texts[0]).count("(could not be included)") == 2
    assert MOTIVATION_LETTER in texts[starts["Motivation letter"]]


# --- Where it is opened -----------------------------------------------------------------------


@pytest.fixture
def coordinator(staff):
    return staff("Programme coordinators", email="chen.jing@example.cn", full_name="Chen Jing")


@pytest.fixture
def reviewer(staff):
    return staff("Reviewers", email="zhou.wei@example.cn", full_name="Zhou Wei")


def declared_review(application, reviewer):
    review = Review.objects.create(application=application, reviewer=reviewer)
    review_services.declare_no_conflict(review, by=reviewer)
    return Review.objects.get(pk=review.pk)


def test_coordinators_get_a_button_and_the_full_dossier_even_on_a_blind_call(
    client, coordinator, blind_application, private_storage
):
    client.force_login(coordinator)
    url = f"/admin/exchange/applications/{blind_application.pk}/dossier/"

    inspect = client.get(f"/admin/exchange/applications/inspect/{blind_application.pk}/")
    response = client.get(url)

    assert (
        f'href="{url}"' in inspect.content.decode() and "Dossier (PDF)" in inspect.content.decode()
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert 'filename="dossier-HX-2026-0043.pdf"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    reader = pdf_of(response)
    assert NAME in flat(reader.pages[0].extract_text())
    assert "Diploma" in first_pages(reader)


def test_a_reviewer_opens_the_dossier_from_the_review_page_once_they_declared_no_conflict(
    client, reviewer, application
):
    review = Review.objects.create(application=application, reviewer=reviewer)
    client.force_login(reviewer)
    url = f"/admin/reviews/{review.pk}/dossier/"
    assert client.get(url).status_code == 404  # before the declaration
    assert url not in client.get(f"/admin/reviews/{review.pk}/").content.decode()

    review_services.declare_no_conflict(review, by=reviewer)
    page = client.get(f"/admin/reviews/{review.pk}/").content.decode()
    response = client.get(url)

    assert f'href="{url}"' in page
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="dossier-{REFERENCE}.pdf"' in response["Content-Disposition"]
    assert list(first_pages(pdf_of(response))) == FULL_PARTS


def test_a_reviewer_of_a_blind_call_gets_the_reduced_dossier_in_their_language(
    client, reviewer, blind_application
):
    set_admin_language(reviewer, "zh-hans")
    review = declared_review(blind_application, reviewer)
    client.force_login(reviewer)

    reader = pdf_of(client.get(f"/admin/reviews/{review.pk}/dossier/"))

    everything = flat(" ".join(page_texts(reader)))
    assert NAME not in everything and LETTER not in everything and PHONE not in everything
    with translation.override("zh-hans"):
        assert [gettext("Application form"), gettext("Curriculum vitae")] == list(
            first_pages(reader)
        )[:2]


# --- Blind calls: the documents that name the applicant ---------------------------------------


@pytest.mark.parametrize("kind", ["diploma", "language_certificate", "head_letter", "passport"])
def test_a_blind_calls_reviewer_cannot_open_a_document_that_names_the_applicant(
    client, reviewer, blind_application, kind
):
    review = declared_review(blind_application, reviewer)
    client.force_login(reviewer)
    document = blind_application.documents.get(kind=kind)
    cv = blind_application.documents.get(kind="cv")

    page = client.get(f"/admin/reviews/{review.pk}/").content.decode()

    assert f"/admin/reviews/{review.pk}/documents/{cv.pk}/" in page
    assert f"/admin/reviews/{review.pk}/documents/{document.pk}/" not in page
    assert client.get(f"/admin/reviews/{review.pk}/documents/{document.pk}/").status_code == 404


@pytest.mark.parametrize("blind", [True, False])
def test_the_documents_step_of_a_blind_call_asks_for_an_anonymous_cv_and_letter(
    client, make_call, applicant, blind
):
    call = dossier_call(make_call, blind_review=blind)
    draft = Application.objects.create(call=call, applicant=applicant)
    client.force_login(applicant)

    # The request activates French for the thread: the override puts the language back after.
    with translation.override("fr"):
        notice = gettext(
            "This call is reviewed anonymously: reviewers read your CV and motivation letter "
            "without knowing who you are. Remove your name and contact details from them "
            "before you upload them."
        )
        response = client.get(f"/fr/my/applications/{draft.pk}/documents/")
    page = unescape(response.content.decode())

    assert (notice in page) is blind
