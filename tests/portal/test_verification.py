import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import IssuedDocument
from portal.verification import format_code, normalize_code
from seminars import certificates, services

# The seminar factories live with the seminar tests; certificates are the first issued documents.
from tests.seminars.conftest import details, make_seminar, seminar_index  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(make_seminar, details):  # noqa: F811
    """issue(n, full_name=…): an attended registration of a past seminar and its certificate."""
    seminar = make_seminar(
        title="Sino-France Mastopathy Day",
        capacity_onsite=20,
        cme_credit_hours=Decimal("6"),
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=6),
        registration_closes_at=timezone.now() + timedelta(days=1),
    )

    def make(n, **fields):
        values = {"institution": "Secret Institute of Oncology", **fields}
        registration = services.register_for_seminar(
            seminar, details=details(n, **values), language="en"
        )
        services.check_in_registration(registration, by=None)
        return certificates.issue_certificate(registration)

    return make


def test_a_genuine_certificate_shows_name_and_title_but_no_other_personal_data(client, issue):
    document = issue(1, full_name="Hélène Dupré", email="helene.dupre@example.org")

    response = client.get(f"/verify/{document.display_code}/", HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert "genuine" in page
    assert "Hélène Dupré" in page
    assert "Sino-France Mastopathy Day" in page
    assert "6" in page  # credit hours
    assert "helene.dupre@example.org" not in page
    assert "Secret Institute of Oncology" not in page
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("transform", [str.lower, lambda code: code.replace("-", "")])
def test_lower_case_and_dashless_codes_work(client, issue, transform):
    document = issue(1, full_name="欧阳娜娜")

    response = client.get(f"/verify/{transform(document.display_code)}/")

    assert response.status_code == 200
    assert "欧阳娜娜" in response.content.decode()


def test_unknown_code_is_404_saying_not_found(client, issue):
    issue(1)

    response = client.get("/verify/ZZZZ-ZZZZ-ZZZZ/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "No document found" in response.content.decode()  # the kind is not known yet


def test_a_revoked_certificate_says_revoked(client, issue):
    document = issue(1, full_name="Hélène Dupré")
    IssuedDocument.objects.filter(pk=document.pk).update(revoked_at=timezone.now())

    page = client.get(f"/verify/{document.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "revoked" in page
    assert "is genuine" not in page


def test_the_form_sends_a_typed_code_to_its_page(client, issue):
    document = issue(1)

    response = client.get("/verify/", {"code": f" {document.code.lower()[:6]} {document.code[6:]}"})

    assert response.status_code == 302
    assert response["Location"] == f"/verify/{document.display_code}/"
    assert client.get("/verify/").status_code == 200


def test_the_page_speaks_the_visitors_language(client, issue):
    document = issue(1)

    english = client.get(f"/verify/{document.code}/", HTTP_ACCEPT_LANGUAGE="en").content
    french = client.get(f"/verify/{document.code}/", HTTP_ACCEPT_LANGUAGE="fr").content

    assert b'lang="en"' in english
    assert b'lang="fr"' in french


def test_query_count_is_constant(client, issue):
    first = issue(1)

    def queries(document):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/verify/{document.code}/").status_code == 200
        return len(captured)

    baseline = queries(first)
    for n in range(2, 8):
        issue(n)
    assert queries(IssuedDocument.objects.order_by("-pk").first()) == baseline


def test_codes_normalise_and_format():
    assert normalize_code(" k7qm 4xrt-9pzc ") == "K7QM4XRT9PZC"
    assert format_code("K7QM4XRT9PZC") == "K7QM-4XRT-9PZC"


@pytest.mark.parametrize(
    ("language", "label", "zones"),
    [
        ("en", "Certificate of attendance", ("(Beijing time)", "(Paris time)")),
        ("fr", "Attestation de présence", ("(heure de Pékin)", "(heure de Paris)")),
        ("zh-hans", "参会证明", ("（北京时间）", "（巴黎时间）")),
    ],
)
def test_a_certificate_is_named_by_its_kind_and_dated_in_both_partners_time(
    client, issue, language, label, zones
):
    document = issue(1, full_name="Hélène Dupré")

    page = client.get(f"/verify/{document.code}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    result = re.search(r'<h2 id="result-heading">(.*?)</h2>', page, re.S).group(1)
    assert label in result and document.display_code in result
    assert all(zone in page for zone in zones)
    assert "Sino-France Mastopathy Day" in page
