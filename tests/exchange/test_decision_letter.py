"""The decision letter: issued at the release for every decided application, in two languages
by the call's direction, downloadable by its owner only once released, checkable at
/verify/<code>/ under its kind's name without any contact detail; re-issued under a new code
after a revocation."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from exchange import letters
from exchange.choices import ApplicationStatus, Direction
from exchange.models import Application
from exchange.services import decisions
from portal.documents import (
    issued_document,
    reissue_document,
    render_document_pdf,
    revoke_document,
)
from portal.models import IssuedDocument
from tests.exchange.conftest import translate_call
from tests.exchange.decision_helpers import grant_decisions, in_review, release_date_passed
from tests.portal.test_documents import pdf_text

pytestmark = pytest.mark.django_db
Status = ApplicationStatus
PHONE = "+86 731 8865 1234"


@pytest.mark.parametrize(
    ("direction", "language", "expected"),
    [
        (Direction.CHINA_TO_FRANCE, "zh-hans", ["zh-hans", "fr"]),
        (Direction.CHINA_TO_FRANCE, "fr", ["fr", "zh-hans"]),
        (Direction.CHINA_TO_FRANCE, "en", ["zh-hans", "fr"]),
        (Direction.FRANCE_TO_CHINA, "fr", ["fr", "zh-hans"]),
        (Direction.FRANCE_TO_CHINA, "en", ["en", "zh-hans"]),
        (Direction.FRANCE_TO_CHINA, "zh-hans", ["zh-hans", "en"]),
    ],
)
def test_the_letters_languages_follow_the_direction_and_the_applicants_language(
    direction, language, expected
):
    assert letters.letter_languages(direction, language) == expected


@pytest.fixture
def coordinator(staff):
    return grant_decisions(staff("Programme coordinators", email="coordinator@example.org"))


@pytest.fixture
def release(coordinator):
    """release(application, outcome): decide it, pass the call's date, run the release."""

    def run(application, outcome):
        decisions.decide_application(application, by=coordinator, outcome=outcome)
        release_date_passed(application.call)
        decisions.release_decisions(application.call)
        return Application.objects.select_related("call", "applicant").get(pk=application.pk)

    return run


@pytest.fixture
def chinese_applicant(make_applicant):
    return make_applicant(email="li.na@example.cn", full_name="李娜", preferred_language="zh-hans")


@pytest.fixture
def selected(call, chinese_applicant, release):
    """A China → France call's selected applicant, whose application holds a phone number."""
    translate_call(call, "zh-hans", "放疗质量控制进修")
    translate_call(call, "fr", "Contrôle qualité en radiothérapie")
    application = in_review(call, chinese_applicant, phone=PHONE, passport_name="LI NA")
    return release(application, Status.SELECTED)


def test_the_release_issues_one_letter_per_decision(selected):
    document = issued_document(selected, kind=letters.KIND)

    assert document.holder_name == "李娜"
    assert document.details["languages"] == ["zh-hans", "fr"]
    assert document.details["decision"] == "selected"
    assert document.details["reference"] == selected.reference
    assert PHONE not in str(document.details) and "li.na@example.cn" not in str(document.details)


def test_a_china_to_france_letter_is_in_chinese_then_french(selected, tmp_path):
    text = pdf_text(render_document_pdf(issued_document(selected, kind=letters.KIND)), tmp_path)

    assert "放疗质量控制进修" in text and "Contrôle qualité en radiothérapie" in text
    assert text.index("放疗质量控制进修") < text.index("Contrôle qualité en radiothérapie")
    assert "入选" in text and "Retenue" in text  # the decision in each language
    assert "北京时间" in text and "heure de Paris" in text  # the deadline in both clocks
    assert selected.reference in text
    assert PHONE not in text and "li.na@example.cn" not in text


def test_a_france_to_china_letter_for_an_english_writer_is_in_english_and_chinese(
    make_call, make_applicant, release, tmp_path
):
    call = make_call(direction=Direction.FRANCE_TO_CHINA, title="DIEP observership")
    translate_call(call, "zh-hans", "DIEP观摩")
    applicant = make_applicant(
        email="sam@example.org", full_name="Sam Taylor", preferred_language="en"
    )

    application = release(in_review(call, applicant), Status.RESERVE)

    document = issued_document(application, kind=letters.KIND)
    assert document.details["languages"] == ["en", "zh-hans"]
    text = pdf_text(render_document_pdf(document), tmp_path)
    assert text.index("DIEP observership") < text.index("DIEP观摩")
    assert "Reserve list, number 1" in text


def test_the_letter_is_checkable_with_its_kinds_name_and_no_contact_details(client, selected):
    document = issued_document(selected, kind=letters.KIND)

    page = client.get(f"/verify/{document.display_code}/", HTTP_ACCEPT_LANGUAGE="en")

    html = page.content.decode()
    assert page.status_code == 200
    assert f"Decision letter {document.display_code} is genuine." in html
    assert "李娜" in html and selected.call.title in html
    assert "Selected" in html
    for secret in (PHONE, "li.na@example.cn", selected.passport_name, selected.reference):
        assert secret not in html


def test_the_check_is_in_the_visitors_language(client, selected):
    document = issued_document(selected, kind=letters.KIND)

    html = client.get(
        f"/verify/{document.display_code}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()

    assert "放疗质量控制进修" in html and "入选" in html


def test_no_letter_exists_before_the_release(call, chinese_applicant, coordinator, client):
    application = in_review(call, chinese_applicant)
    decisions.decide_application(application, by=coordinator, outcome=Status.SELECTED)
    client.force_login(chinese_applicant)

    assert not IssuedDocument.objects.filter(kind=letters.KIND).exists()
    assert (
        client.get(reverse("exchange:decision_letter", args=(application.pk,))).status_code == 404
    )


def test_the_owner_downloads_the_letter_as_a_private_pdf(client, selected):
    client.force_login(selected.applicant)

    response = client.get(reverse("exchange:decision_letter", args=(selected.pk,)))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert selected.reference in response["Content-Disposition"]


# Who else is refused the letter (404): tests/exchange/test_access_matrix.py.


def test_a_revoked_letter_is_withdrawn_for_its_applicant_until_staff_issue_it_again(
    client, selected, coordinator
):
    first = issued_document(selected, kind=letters.KIND)
    revoke_document(first, by=coordinator, reason="The name was misspelt.")
    client.force_login(selected.applicant)
    with translation.override("zh-hans"):  # the applicant reads their pages in Chinese
        url = reverse("exchange:decision_letter", args=(selected.pk,))

    withdrawn = client.get(url)

    assert withdrawn.status_code == 410
    assert withdrawn["Content-Type"].startswith("text/html")
    with translation.override("zh-hans"):  # the applicant's page, in their language
        assert gettext("Questions?") in withdrawn.content.decode()
    assert first.display_code in withdrawn.content.decode()
    assert issued_document(selected, kind=letters.KIND) is None  # nothing issued by the visit
    assert IssuedDocument.objects.filter(kind=letters.KIND).count() == 1

    second = reissue_document(first, by=coordinator)

    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert second.code != first.code
    assert issued_document(selected, kind=letters.KIND) == second
    assert second.details["decision"] == "selected"
    revoked = client.get(f"/verify/{first.display_code}/").content.decode()
    assert "has been revoked" in revoked
