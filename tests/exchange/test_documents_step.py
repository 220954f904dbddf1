"""The documents step: what the call asks for, uploading, replacing and removing through the
page, every bad file refused with the checker's message (never a 500 nor a half-saved row), and
files only ever served to their owner."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange.choices import ApplicationStatus
from exchange.models import Application, ApplicationDocument
from tests.exchange.conftest import OTHER_NAME
from tests.exchange.submission_helpers import (
    ONE_PAGE_PDF,
    PHOTO_PNG,
    THREE_PAGE_PDF,
    add_document,
    complete_application,
)
from tests.portal.test_uploads import SVG_WITH_SCRIPT, pdf_bytes, png_bytes, png_declaring

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture
def call(make_call):
    return make_call(required_documents=["cv", "passport", "photo"])


@pytest.fixture
def draft(call, applicant, private_storage):
    return complete_application(call, applicant)


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return client


def documents_url(application, language="en"):
    return f"/{language}/my/applications/{application.pk}/documents/"


def file_url(application, kind, language="en"):
    return f"/{language}/my/applications/{application.pk}/documents/{kind}/"


def post_file(client, application, kind, name, content, **extra):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        documents_url(application),
        {"kind": kind, "action": "upload", f"{kind}-file": upload, **extra},
    )


def stored_files(storage, application):
    folder = f"exchange/applications/{application.pk}"
    return storage.listdir(folder)[1] if storage.exists(folder) else []


def html(response):
    return response.content.decode()


# --- The page ---------------------------------------------------------------------------------


def test_the_step_lists_the_calls_documents_with_the_types_each_accepts(signed_in, draft):
    page = html(signed_in.get(documents_url(draft)))

    assert page.index("Curriculum vitae") < page.index("Passport copy") < page.index("Photo")
    assert "Accepted: PDF, at most 10 MB." in page
    assert "Accepted: PDF, JPEG, PNG, at most 10 MB." in page
    assert "Accepted: JPEG, PNG, at most 10 MB." in page
    assert page.count("Not uploaded yet") == 3
    assert page.count('enctype="multipart/form-data"') == 3
    assert 'id="id_passport"' in page  # where the review's missing line points


def test_the_step_comes_after_the_period_and_before_the_review(signed_in, draft):
    page = html(signed_in.get(documents_url(draft)))

    nav = page[page.index('class="step-nav"') :]
    assert nav.index("Preferred period") < nav.index("Documents") < nav.index("Review")


def test_the_steps_button_goes_on_to_the_referees_not_past_them(signed_in, draft):
    page = html(signed_in.get(documents_url(draft)))

    step = page[page.index('id="step-heading"') :]
    assert f'href="/en/my/applications/{draft.pk}/referees/">Continue</a>' in step
    assert f'href="/en/my/applications/{draft.pk}/review/"' not in step


def test_uploading_a_pdf_keeps_its_name_size_and_pages(signed_in, draft, private_storage):
    response = post_file(signed_in, draft, "cv", "CV Li Na 2026.pdf", THREE_PAGE_PDF)

    assert response.status_code == 302
    document = draft.documents.get()
    assert (document.kind, document.original_name) == ("cv", "CV Li Na 2026.pdf")
    assert document.content_type == "application/pdf"
    assert (document.size, document.pages) == (len(THREE_PAGE_PDF), 3)
    assert document.path.startswith(f"exchange/applications/{draft.pk}/")
    assert "Li Na" not in document.path  # stored under a random name
    assert private_storage.open(document.path).read() == THREE_PAGE_PDF
    page = html(signed_in.get(documents_url(draft)))
    assert "CV Li Na 2026.pdf" in page and "3 pages" in page
    assert f'href="{file_url(draft, "cv")}"' in page
    assert "Curriculum vitae saved: CV Li Na 2026.pdf." in page


def test_a_photo_png_is_accepted_where_images_are(signed_in, draft):
    assert post_file(signed_in, draft, "photo", "me.png", PHOTO_PNG).status_code == 302

    document = draft.documents.get()
    assert document.content_type == "image/png" and document.pages is None
    assert document.identifying


def test_replacing_a_document_keeps_nothing_of_the_old_file(
    signed_in, draft, private_storage, django_capture_on_commit_callbacks
):
    old = add_document(draft, "cv", name="old.pdf")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(signed_in, draft, "cv", "new.pdf", THREE_PAGE_PDF)

    assert response.status_code == 302
    document = draft.documents.get()
    assert document.original_name == "new.pdf" and document.pages == 3
    assert not private_storage.exists(old.path)
    assert stored_files(private_storage, draft) == [document.path.rsplit("/", 1)[1]]


def test_removing_a_document_deletes_its_file(
    signed_in, draft, private_storage, django_capture_on_commit_callbacks
):
    document = add_document(draft, "cv")

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(documents_url(draft), {"kind": "cv", "action": "remove"})

    assert response.status_code == 302
    assert not draft.documents.exists()
    assert not private_storage.exists(document.path)
    assert stored_files(private_storage, draft) == []


# --- Bad files --------------------------------------------------------------------------------

BAD_FILES = {
    "png-renamed-pdf": (
        "cv",
        "cv.pdf",
        png_bytes(),
        "This file is a PNG file. Accepted types: PDF.",
    ),
    "25-megabytes": (
        "cv",
        "cv.pdf",
        ONE_PAGE_PDF + b"\0" * (25 * MB - len(ONE_PAGE_PDF)),
        "The file is too large (25 MB); the limit is 10 MB.",
    ),
    "image-bomb": (
        "photo",
        "photo.png",
        png_declaring(30_000, 30_000),
        "The image is too large: at most 40 megapixels are accepted.",
    ),
    "svg-with-script": (
        "passport",
        "passport.pdf",
        SVG_WITH_SCRIPT,
        "This file is not of an accepted type. Accepted types: PDF, JPEG, PNG.",
    ),
    "encrypted-pdf": (
        "cv",
        "cv.pdf",
        pdf_bytes(password="secret"),
        "The PDF is protected by a password. Remove the password and upload it again.",
    ),
    "zero-bytes": ("cv", "cv.pdf", b"", "The file is empty. Check it and upload it again."),
    "pdf-as-photo": ("photo", "photo.pdf", ONE_PAGE_PDF, "This file is a PDF file."),
}


@pytest.mark.parametrize(("kind", "name", "content", "message"), BAD_FILES.values(), ids=BAD_FILES)
def test_a_bad_file_is_refused_on_the_step_with_the_checkers_message(
    signed_in, draft, private_storage, kind, name, content, message
):
    response = post_file(signed_in, draft, kind, name, content)

    assert response.status_code == 400
    page = html(response)
    assert message in page
    assert "Not saved yet. Please correct the following:" in page
    assert not ApplicationDocument.objects.exists()
    assert stored_files(private_storage, draft) == []


def test_a_bad_file_leaves_the_document_already_uploaded(signed_in, draft, private_storage):
    kept = add_document(draft, "cv", name="kept.pdf")

    response = post_file(signed_in, draft, "cv", "cv.pdf", png_bytes())

    assert response.status_code == 400
    assert draft.documents.get().original_name == "kept.pdf"
    assert stored_files(private_storage, draft) == [kept.path.rsplit("/", 1)[1]]


def test_no_file_at_all_asks_for_one(signed_in, draft):
    response = signed_in.post(documents_url(draft), {"kind": "cv", "action": "upload"})

    assert response.status_code == 400
    assert "This field is required." in html(response)
    assert not ApplicationDocument.objects.exists()


def test_a_path_in_the_file_name_is_dropped(signed_in, draft, private_storage):
    response = post_file(signed_in, draft, "cv", "../../etc/cv.pdf", ONE_PAGE_PDF)

    assert response.status_code == 302
    document = draft.documents.get()
    assert document.original_name == "cv.pdf"
    assert ".." not in document.path
    assert stored_files(private_storage, draft) == [document.path.rsplit("/", 1)[1]]


def test_a_chinese_file_name_is_kept_shown_and_given_back(signed_in, draft):
    name = "李娜 简历（2026）.pdf"

    post_file(signed_in, draft, "cv", name, ONE_PAGE_PDF)

    assert draft.documents.get().original_name == name
    assert name in html(signed_in.get(documents_url(draft, "zh-hans")))
    response = signed_in.get(file_url(draft, "cv"))
    assert quote(name) in response["Content-Disposition"]


def test_a_document_the_call_does_not_ask_for_is_a_404(signed_in, draft, private_storage):
    response = post_file(signed_in, draft, "diploma", "diploma.pdf", ONE_PAGE_PDF)

    assert response.status_code == 404
    assert not ApplicationDocument.objects.exists()
    assert stored_files(private_storage, draft) == []


# --- When uploads are allowed -----------------------------------------------------------------


def test_after_the_call_closes_nothing_is_uploaded(signed_in, draft, private_storage):
    closed = timezone.now() - timedelta(minutes=1)
    draft.call.__class__.objects.filter(pk=draft.call_id).update(closes_at=closed)

    page = html(signed_in.get(documents_url(draft)))
    response = post_file(signed_in, draft, "cv", "cv.pdf", ONE_PAGE_PDF)

    assert 'enctype="multipart/form-data"' not in page
    assert "The call is closed: this draft can no longer be changed." in page
    assert response.status_code == 400
    assert "This call is closed" in html(response)
    assert not ApplicationDocument.objects.exists()
    assert stored_files(private_storage, draft) == []


def test_an_extended_deadline_still_takes_uploads_after_closing(signed_in, draft):
    now = timezone.now()
    draft.call.__class__.objects.filter(pk=draft.call_id).update(closes_at=now - timedelta(days=1))
    Application.objects.filter(pk=draft.pk).update(deadline_extended_to=now + timedelta(days=2))

    assert post_file(signed_in, draft, "cv", "cv.pdf", ONE_PAGE_PDF).status_code == 302
    assert draft.documents.exists()


def test_a_returned_application_takes_a_corrected_document_before_its_deadline(signed_in, draft):
    Application.objects.filter(pk=draft.pk).update(
        status=ApplicationStatus.RETURNED,
        reference="HX-2026-0003",
        submitted_at=timezone.now(),
        return_message="The passport copy is unreadable.",
        return_deadline=timezone.now() + timedelta(days=5),
    )

    page = html(signed_in.get(documents_url(draft)))
    response = post_file(signed_in, draft, "passport", "passport.png", PHOTO_PNG)

    assert "The passport copy is unreadable." in page
    assert response.status_code == 302
    assert draft.documents.get().kind == "passport"


# --- Who may open a file ----------------------------------------------------------------------


@pytest.fixture
def others_file(make_applicant, call, private_storage):
    """Another applicant's passport: the file that must never reach anyone else."""
    other = make_applicant(email="claire@example.fr", full_name=OTHER_NAME)
    application = complete_application(call, other)
    return add_document(application, "passport", content=pdf_bytes(pages=2), name="passport.pdf")


def test_the_owner_opens_their_file_privately(signed_in, draft):
    add_document(draft, "cv", content=THREE_PAGE_PDF)

    response = signed_in.get(file_url(draft, "cv"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == THREE_PAGE_PDF
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def _who(name, client, staff, make_applicant, draft):
    if name == "another applicant":
        client.force_login(make_applicant(email="third@example.org"))
    elif name == "an editor":
        client.force_login(staff("Editors"))
    elif name == "a reviewer":
        client.force_login(staff("Reviewers"))
    elif name == "the applicant of another application":
        client.force_login(draft.applicant)


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "another applicant",
        "an editor",
        "a reviewer",
        "the applicant of another application",
    ],
)
def test_nobody_else_opens_an_applicants_file(
    client, staff, make_applicant, draft, others_file, who
):
    _who(who, client, staff, make_applicant, draft)
    application = others_file.application

    for url in (
        file_url(application, "passport"),
        # Someone else's document under one's own application's address, and the reverse.
        file_url(draft, "passport"),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in response.content


@pytest.mark.parametrize("who", ["anonymous", "the owner", "an editor"])
def test_no_file_is_reachable_under_media_or_private_directly(client, staff, others_file, who):
    if who == "the owner":
        client.force_login(others_file.application.applicant)
    elif who == "an editor":
        client.force_login(staff("Editors"))

    for url in (f"/private/{others_file.path}", f"/media/{others_file.path}"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"%PDF" not in response.content


# --- On the review ----------------------------------------------------------------------------


def test_the_review_lists_each_missing_document_linked_to_it(signed_in, draft):
    add_document(draft, "cv")

    page = html(signed_in.get(f"/en/my/applications/{draft.pk}/review/"))

    missing = page[page.index("Still missing") :]
    assert f'href="/en/my/applications/{draft.pk}/documents/#id_passport"' in missing
    assert f'href="/en/my/applications/{draft.pk}/documents/#id_photo"' in missing
    assert "#id_cv" not in missing


# --- The audit trail --------------------------------------------------------------------------


def document_entries(application):
    return ModelLogEntry.objects.filter(
        object_id=str(application.pk), action__startswith="exchange.application.document_"
    )


def test_uploading_replacing_and_removing_are_in_the_audit_trail(signed_in, draft, applicant):
    post_file(signed_in, draft, "cv", "first.pdf", ONE_PAGE_PDF)
    post_file(signed_in, draft, "cv", "second.pdf", ONE_PAGE_PDF)
    signed_in.post(documents_url(draft), {"kind": "cv", "action": "remove"})

    entries = document_entries(draft).order_by("timestamp", "pk")
    assert [(entry.action, entry.data) for entry in entries] == [
        (
            "exchange.application.document_uploaded",
            {"kind": "cv", "name": "first.pdf", "replaced": False},
        ),
        (
            "exchange.application.document_uploaded",
            {"kind": "cv", "name": "second.pdf", "replaced": True},
        ),
        ("exchange.application.document_removed", {"kind": "cv", "name": "second.pdf"}),
    ]
    assert {entry.user_id for entry in entries} == {applicant.pk}


def test_a_refused_file_leaves_no_audit_entry(signed_in, draft):
    post_file(signed_in, draft, "cv", "cv.pdf", png_bytes())

    assert not document_entries(draft).exists()
