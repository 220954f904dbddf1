"""Issued documents of every kind: the registry names them on the public check, which shows
what each kind allows and nothing else; a revoked document stays revoked and a re-issue gets a
new code; the shared letter template renders both languages."""

import io
import re
import shutil
import subprocess

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from portal.documents import (
    DocumentError,
    DocumentWithdrawn,
    document_kind,
    issue_document,
    issued_document,
    render_document_pdf,
    revoke_document,
    withdrawn_document,
)
from portal.models import IssuedDocument
from tests.portal import decision_letter

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
SECRET_EMAIL = "ouyang.nana@example.org"
SECRET_INSTITUTION = "Secret Institute of Oncology"


@pytest.fixture
def letter_kind():
    yield decision_letter.register()
    decision_letter.unregister()


@pytest.fixture
def applicant(user_factory):
    """Whatever stands for an application until the programmes app exists: an account."""
    return user_factory(email=SECRET_EMAIL)


@pytest.fixture
def letter(letter_kind, applicant):
    """A decision letter whose details hold what must never reach the public check."""
    document, _created = decision_letter.issue(
        applicant, email=SECRET_EMAIL, institution=SECRET_INSTITUTION
    )
    return document


def verify(client, document, language="en"):
    response = client.get(f"/verify/{document.display_code}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def headings(page):
    """The page's <h1> and the result's <h2>, tags and spaces flattened."""
    found = [
        re.search(r"<h1>(.*?)</h1>", page, re.S),
        re.search(r'<h2 id="result-heading">(.*?)</h2>', page, re.S),
    ]
    return [" ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) for match in found]


def pdf_text(content, tmp_path):
    """The PDF's text in reading order: pypdf where installed, else poppler's pdftotext."""
    try:
        from pypdf import PdfReader
    except ImportError:
        if not PDFTOTEXT:
            pytest.skip("neither pypdf nor pdftotext (poppler-utils) is installed")
        path = tmp_path / "document.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            [PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans"])
def test_the_check_names_the_document_by_its_kind_in_the_visitors_language(
    client, letter, language
):
    page = verify(client, letter, language)

    with translation.override(language):
        label = decision_letter.label()
    title, result = headings(page)
    assert label in title
    assert label in result and letter.display_code in result
    assert f'lang="{language}"' in page
    other_labels = set(decision_letter.LABELS.values()) - {label}
    assert not any(other in page for other in other_labels)


def test_english_reads_decision_letter_code_is_genuine(client, letter):
    _title, result = headings(verify(client, letter))

    assert f"Decision letter {letter.display_code} is genuine" in result


@pytest.mark.parametrize(
    ("language", "programme", "decision"),
    [
        ("en", "Breast surgery fellowship 2026", "Selected"),
        ("fr", "Bourse de chirurgie mammaire 2026", "Retenue"),
        ("zh-hans", "2026年乳腺外科进修项目", "入选"),
    ],
)
def test_the_check_shows_the_facts_the_kind_gives(client, letter, language, programme, decision):
    page = verify(client, letter, language)

    assert "欧阳娜娜" in page  # the holder, as on the letter
    assert programme in page and decision in page


def test_no_holder_email_or_institution_on_the_check_though_the_details_hold_them(client, letter):
    assert letter.details["email"] == SECRET_EMAIL  # the fixture holds what could leak

    for language in ("en", "fr", "zh-hans"):
        page = verify(client, letter, language)
        assert SECRET_EMAIL not in page
        assert SECRET_INSTITUTION not in page
        assert "DL-2026-0042" not in page  # a detail the kind does not publish


def test_a_document_of_a_kind_nobody_registers_still_verifies_generically(client, applicant):
    from django.contrib.contenttypes.models import ContentType

    document = IssuedDocument.objects.create(
        code="K7QM4XRT9PZC",
        kind="removed_app.invitation_letter",
        holder_name="Hélène Dupré",
        title="Invitation to the Changsha MDT week",
        details={"email": SECRET_EMAIL, "institution": SECRET_INSTITUTION},
        content_type=ContentType.objects.get_for_model(applicant),
        object_id=applicant.pk,
    )

    page = verify(client, document)

    title, result = headings(page)
    assert title == "Verify a document"
    assert result == "Genuine Issued document K7QM-4XRT-9PZC is genuine."
    assert "Hélène Dupré" in page and "Invitation to the Changsha MDT week" in page
    assert SECRET_EMAIL not in page and SECRET_INSTITUTION not in page
    assert not document_kind(document.kind).registered
    with pytest.raises(LookupError):
        render_document_pdf(document)


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans"])
def test_the_form_and_an_unknown_code_stay_neutral(client, language):
    form = client.get("/verify/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    missing = client.get("/verify/ZZZZ-ZZZZ-ZZZZ/", HTTP_ACCEPT_LANGUAGE=language)

    assert missing.status_code == 404
    for page in (form, missing.content.decode()):
        assert "Certificate" not in page and "certificate" not in page
        assert "Decision letter" not in page


def test_issuing_again_returns_the_active_document(letter_kind, applicant):
    first, created = decision_letter.issue(applicant)
    again, created_again = decision_letter.issue(applicant)

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert issued_document(applicant, kind=decision_letter.KIND) == first


def test_a_kind_must_be_registered_to_be_issued(applicant):
    with pytest.raises(ValueError, match="No document kind"):
        issue_document(applicant, kind="tests.typo_letter", holder_name="X", title="X", details={})
    assert not IssuedDocument.objects.filter(kind="tests.typo_letter").exists()


def test_a_revoked_document_is_not_issued_again_unless_deliberately(letter, staff):
    revoke_document(letter, by=staff(), reason="Issued for the wrong programme")

    with pytest.raises(DocumentWithdrawn) as refused:
        decision_letter.issue(letter.subject)

    assert refused.value.document == letter
    assert withdrawn_document(letter.subject, kind=decision_letter.KIND) == letter
    assert issued_document(letter.subject, kind=decision_letter.KIND) is None
    assert IssuedDocument.objects.filter(kind=decision_letter.KIND).count() == 1


def test_revoking_then_reissuing_gives_a_new_code_and_the_old_one_says_revoked(
    client, letter, staff
):
    coordinator = staff()

    revoke_document(letter, by=coordinator, reason="Issued for the wrong programme")
    replacement, created = decision_letter.issue(letter.subject, reissue=True)

    assert created and replacement.code != letter.code
    assert issued_document(letter.subject, kind=decision_letter.KIND) == replacement
    old = verify(client, letter)
    assert f"Decision letter {letter.display_code} has been revoked." in old
    assert "is genuine" not in old
    assert f"{replacement.display_code} is genuine" in verify(client, replacement)
    entry = ModelLogEntry.objects.get(action="portal.document.revoked")
    assert entry.object_id == str(letter.pk) and entry.user == coordinator
    assert entry.data == {
        "code": letter.code,
        "kind": decision_letter.KIND,
        "reason": "Issued for the wrong programme",
    }
    assert "Issued for the wrong programme" in entry.formatter.format_message(entry)


def test_a_revocation_needs_a_reason_and_happens_once(letter, staff):
    with pytest.raises(DocumentError):
        revoke_document(letter, by=staff(), reason="  ")
    letter.refresh_from_db()
    assert letter.revoked_at is None

    revoke_document(letter, by=staff(), reason="Duplicate")
    with pytest.raises(DocumentError):
        revoke_document(letter, by=staff(), reason="Again")
    assert ModelLogEntry.objects.filter(action="portal.document.revoked").count() == 1


def test_the_revoked_page_gives_the_date_but_not_the_reason(client, letter, staff):
    revoke_document(letter, by=staff(), reason="Applicant withdrew: confidential")

    page = verify(client, letter)

    assert timezone.localdate().strftime("%Y") in page
    assert "confidential" not in page


def test_the_decision_letter_renders_both_languages_through_the_letter_template(letter, tmp_path):
    content = render_document_pdf(letter)

    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    for language in decision_letter.LANGUAGES:
        assert decision_letter.LETTER["subjects"][language] in text
    assert "您已入选2026年乳腺外科进修项目" in text
    assert "nous avons le plaisir de vous informer" in text
    assert text.index("录取决定") < text.index("Décision relative")  # Chinese first
    assert "湖南省肿瘤医院" in text and "Hôpital du cancer du Hunan" in text  # letterhead
    assert "DL-2026-0042" in text and letter.display_code in text
    assert "Retenue" in text and "入选" in text  # the child template's own block


def test_the_letterhead_carries_the_partners_logos(letter, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images.models import Image

    from home.institutions import partner_institutions

    without = len(pypdf.PdfReader(io.BytesIO(render_document_pdf(letter))).pages[0].images)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (300, 120), "#8a1c4a").save(buffer, "PNG")
    logo = Image.objects.create(title="Logo", file=ImageFile(buffer, name="partner-logo.png"))
    left, _right = partner_institutions()
    left.logo = logo
    left.save()

    with_logo = pypdf.PdfReader(io.BytesIO(render_document_pdf(letter))).pages[0].images

    assert len(with_logo) == without + 1
