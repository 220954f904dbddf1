import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from portal.models import IssuedDocument
from seminars import certificates, reminders, services

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def seminar(make_seminar, add_sessions):
    seminar = make_seminar(
        title="Sino-France Mastopathy Day",
        capacity_onsite=10,
        cme_body="Hunan Provincial CME Committee",
        cme_project_number="2026-04-01-123",
        cme_credit_hours=Decimal("5"),
        starts_at=timezone.now() - timedelta(days=1, hours=3),
        ends_at=timezone.now() - timedelta(days=1),
        registration_opens_at=None,
        registration_closes_at=timezone.now() + timedelta(days=30),
    )
    add_sessions(seminar, "1.5", "2")
    return seminar


@pytest.fixture
def register(seminar, details):
    def make(n, *, language="en", attended=True, **fields):
        registration = services.register_for_seminar(
            seminar, details=details(n, **fields), language=language
        )
        if attended:
            services.check_in_registration(registration, by=None)
        registration.refresh_from_db()
        return registration

    return make


def pdf_text(content, tmp_path):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        [PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())  # in reading order, one space between words


def download(client, registration, language="en"):
    return client.get(f"/{language}/registration/{registration.token}/certificate.pdf")


@pytest.mark.parametrize("status", ["confirmed", "no_show", "cancelled"])
def test_no_certificate_for_those_not_checked_in(client, register, status):
    registration = register(1, attended=False)
    if status == "no_show":
        services.mark_no_show(registration, by=None)
    elif status == "cancelled":
        services.cancel_registration(registration)
    registration.refresh_from_db()
    assert registration.status == status

    with pytest.raises(services.RegistrationError):
        certificates.issue_certificate(registration)
    assert download(client, registration).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_attended_gets_a_pdf_with_name_hours_accreditation_and_code(client, register, tmp_path):
    chinese = register(1, language="zh-hans", full_name="欧阳娜娜")
    french = register(2, language="fr", full_name="Hélène Dupré")

    for registration, name in ((chinese, "欧阳娜娜"), (french, "Hélène Dupré")):
        response = download(client, registration, registration.language)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        document = IssuedDocument.objects.get(object_id=registration.pk)
        assert document.holder_name == name
        assert document.details["credit_hours"] == "3.5"  # 1.5 + 2, under the cap of 5
        if PDFTOTEXT:
            text = pdf_text(response.content, tmp_path)
            assert name in text
            assert "3.5" in text
            assert "2026-04-01-123" in text
            assert document.display_code in text
            assert "Hunan Provincial CME Committee" in text


def test_the_certificate_leaves_with_the_private_file_headers(client, register):
    registration = register(1, full_name="Hélène Dupré")

    response = download(client, registration)

    code = IssuedDocument.objects.get().code
    assert response["Content-Disposition"] == f'inline; filename="certificate-{code}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    # The site's CSP middleware leaves the file's own policy in place.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"


def test_issuing_twice_returns_the_same_code_and_logs_once(register):
    registration = register(1)

    with CaptureQueriesContext(connection) as issuing:
        first = certificates.issue_certificate(registration)
    with CaptureQueriesContext(connection) as again:
        second = certificates.issue_certificate(registration)

    # A download of an issued certificate rereads the attendance only, not the whole snapshot.
    assert len(again.captured_queries) < len(issuing.captured_queries) / 2

    assert first.pk == second.pk and first.code == second.code
    assert len(first.code) == 12 and not set(first.code) & set("01OI")
    assert (
        ModelLogEntry.objects.filter(
            action="seminars.registration.certificate_issued", object_id=str(registration.pk)
        ).count()
        == 1
    )


def test_credit_hours_count_the_sessions_attended_capped_at_the_accredited_maximum(seminar):
    first, second = seminar.sessions.order_by("sort_order")

    assert certificates.credit_hours(seminar, []) == Decimal(0)
    assert certificates.credit_hours(seminar, [first]) == Decimal("1.5")
    assert certificates.credit_hours(seminar, [first, second]) == Decimal("3.5")
    seminar.cme_credit_hours = Decimal("3")
    assert certificates.credit_hours(seminar, [first, second]) == Decimal("3")


def test_sessions_without_hours_award_the_accredited_maximum(make_seminar, add_sessions):
    seminar = make_seminar(cme_credit_hours=Decimal("2"))
    sessions = add_sessions(seminar, "0", "0")

    assert certificates.credit_hours(seminar, sessions[:1]) == Decimal("2")
    seminar.cme_credit_hours = None
    assert certificates.credit_hours(seminar, sessions) == Decimal(0)


def test_a_morning_attendee_gets_the_morning_hours_and_the_sessions_named(
    client, seminar, register, tmp_path
):
    registration = register(1, attended=False, full_name="Hélène Dupré", language="fr")
    morning = seminar.sessions.order_by("sort_order").first()
    services.check_in_registration(registration, by=None, session=morning)

    page = client.get(f"/en/registration/{registration.token}/").content.decode()
    response = download(client, registration, "fr")

    assert "Sessions you were checked in to" in page
    assert "Session 0" in page and "Session 1" not in page
    document = IssuedDocument.objects.get(object_id=registration.pk)
    assert document.details["credit_hours"] == "1.5"
    assert document.details["sessions_in_programme"] == 2
    assert [s["titles"]["fr"] for s in document.details["sessions"]] == ["Session 0"]
    if PDFTOTEXT:
        text = pdf_text(response.content, tmp_path)
        assert "SESSIONS SUIVIES · SESSIONS ATTENDED" in text  # headings are upper case
        assert "1/2" in text and "Session 0 (1,5)" in text  # in French: 1,5
        assert "Crédits de formation attribués : 1,5" in text


def test_a_session_checked_in_after_issue_raises_the_hours_under_the_same_code(seminar, register):
    registration = register(1, attended=False)
    first, second = seminar.sessions.order_by("sort_order")
    services.check_in_registration(registration, by=None, session=first)
    issued = certificates.issue_certificate(registration)

    services.check_in_registration(registration, by=None, session=second)  # the sign-in sheet
    again = certificates.issue_certificate(registration)

    assert again.code == issued.code
    assert (issued.details["credit_hours"], again.details["credit_hours"]) == ("1.5", "3.5")
    assert len(IssuedDocument.objects.get().details["sessions"]) == 2
    assert ModelLogEntry.objects.filter(
        action="seminars.registration.certificate_updated", object_id=str(registration.pk)
    ).exists()


def test_no_certificate_before_the_seminar_is_over(client, make_seminar, details):
    now = timezone.now()
    seminar = make_seminar(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    registration = services.register_for_seminar(
        seminar, details=details(1), language="en", now=now - timedelta(days=1)
    )
    services.check_in_registration(registration, by=None)

    with pytest.raises(services.RegistrationError):
        certificates.issue_certificate(registration)
    assert download(client, registration).status_code == 404
    page = client.get(f"/en/registration/{registration.token}/").content.decode()
    assert "once the seminar is over" in page
    assert "certificate.pdf" not in page
    assert not IssuedDocument.objects.exists()


def test_a_token_opens_only_its_own_certificate(client, register):
    mine = register(1, full_name="Hélène Dupré")
    theirs = register(2, full_name="欧阳娜娜")

    download(client, mine)

    assert IssuedDocument.objects.get().holder_name == "Hélène Dupré"
    assert download(client, mine).status_code == 200
    assert IssuedDocument.objects.count() == 1  # theirs was not issued by my download
    assert client.get("/en/registration/not-a-token/certificate.pdf").status_code == 404
    download(client, theirs)
    holders = set(IssuedDocument.objects.values_list("holder_name", flat=True))
    assert holders == {"Hélène Dupré", "欧阳娜娜"}


def test_the_private_page_offers_the_certificate_to_attendees_only(client, register):
    attended = register(1)
    confirmed = register(2, attended=False)
    link = "certificate.pdf"

    assert link in client.get(f"/en/registration/{attended.token}/").content.decode()
    assert link not in client.get(f"/en/registration/{confirmed.token}/").content.decode()


def thank_you_emails():
    from portal.models import OutboundEmail

    return OutboundEmail.objects.filter(kind="seminars.registration.thank_you")


def test_thank_you_goes_once_to_attendees_only_with_both_links(seminar, register):
    seminar.feedback_url = "https://survey.example.org/mastopathy-day"
    seminar.save_revision().publish()
    attended = register(1, language="fr", full_name="Hélène Dupré")
    no_show = register(2, attended=False)
    services.mark_no_show(no_show, by=None)
    cancelled = register(3, attended=False)
    services.cancel_registration(cancelled)
    register(4, attended=False)  # confirmed but never checked in

    assert reminders.send_due_thanks() == 1
    assert reminders.send_due_thanks() == 0

    (email,) = thank_you_emails()
    assert email.to == attended.email and email.language == "fr"
    certificate_url = f"/fr/registration/{attended.token}/certificate.pdf"
    for body in (email.body_text, email.body_html):
        assert certificate_url in body
        assert "https://survey.example.org/mastopathy-day" in body
    assert "Hélène Dupré" in email.body_text


def test_no_thank_you_before_the_end_or_long_after(make_seminar, details):
    start = timezone.now() - timedelta(hours=1)
    running = make_seminar(starts_at=start, ends_at=start + timedelta(hours=3))
    registration = services.register_for_seminar(
        running, details=details(1), language="en", now=start - timedelta(days=1)
    )
    services.check_in_registration(registration, by=None)

    assert reminders.send_due_thanks() == 0
    assert reminders.send_due_thanks(now=start + timedelta(days=40)) == 0
    assert reminders.send_due_thanks(now=start + timedelta(hours=4)) == 1
    assert thank_you_emails().count() == 1


def test_the_partners_in_their_places_sign_in_both_languages(register, tmp_path):
    from home.models import Institution

    Institution.objects.create(name="A visiting hospital", city="Lyon", country="France")
    registration = register(1, language="zh-hans")

    document = certificates.issue_certificate(registration)
    text = pdf_text(certificates.certificate_pdf(document), tmp_path) if PDFTOTEXT else ""

    assert [issuer["en"] for issuer in document.details["issuers"]] == [
        "Hunan Cancer Hospital",
        "University Hospital Breast Centre",
    ]
    assert document.details["signatories"][0] == {
        "zh-hans": "院长 李明 教授",
        "en": "Prof. Li Ming, President",
    }
    if PDFTOTEXT:
        assert "院长 李明 教授 Prof. Li Ming, President" in text
        assert "A visiting hospital" not in text


def test_a_revoked_certificate_is_withdrawn_until_staff_issue_it_again(client, register, staff):
    from portal.documents import reissue_document, revoke_document

    registration = register(1, full_name="Hélène Dupre", language="fr")
    revoked = certificates.issue_certificate(registration)
    revoke_document(revoked, by=staff(), reason="Name misspelt")
    registration.full_name = "Hélène Dupré"  # corrected by the attendee
    registration.save(update_fields=["full_name"])

    withdrawn = download(client, registration, language="fr")

    assert withdrawn.status_code == 410 and withdrawn["Content-Type"].startswith("text/html")
    page = withdrawn.content.decode()
    with translation.override("fr"):
        assert gettext("Questions?") in page
    assert revoked.display_code in page and "mailto:" in page
    assert not IssuedDocument.objects.filter(revoked_at=None).exists()  # the visit issued none

    replacement = reissue_document(revoked, by=staff())

    assert download(client, registration, language="fr").status_code == 200
    assert replacement.code != revoked.code
    assert replacement.holder_name == "Hélène Dupré"
    assert IssuedDocument.objects.get(revoked_at=None) == replacement
    old = client.get(f"/verify/{revoked.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "has been revoked" in old and "Hélène Dupre" in old
    assert (
        ModelLogEntry.objects.filter(
            action="seminars.registration.certificate_issued", object_id=str(registration.pk)
        ).count()
        == 2
    )


def test_only_the_seminars_organisers_revoke_its_certificates_in_the_admin(
    client, register, seminar, organiser, staff
):
    registration = register(1, full_name="Hélène Dupré")
    certificate = certificates.issue_certificate(registration)
    seminar.organisers.set([organiser])
    seminar.save()
    revoke = f"/admin/issued-documents/{certificate.pk}/revoke/"
    client.force_login(staff("Seminar organisers", email="other.organiser@example.org"))

    assert certificate.display_code not in client.get("/admin/issued-documents/").content.decode()
    assert client.post(revoke, {"reason": "Not my seminar"}).status_code == 404

    client.force_login(organiser)
    listing = client.get("/admin/issued-documents/").content.decode()
    assert certificate.display_code in listing and "Hélène Dupré" in listing
    client.post(revoke, {"reason": "Checked in by mistake"})
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert download(client, registration).status_code == 410
