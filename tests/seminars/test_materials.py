from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from seminars import services
from seminars.choices import AttendanceMode
from seminars.models import SeminarMaterial

pytestmark = pytest.mark.django_db

# portal.private's headers, the same for a token link as for a signed-in download.
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


@pytest.fixture
def seminar_with_materials(make_seminar):
    seminar = make_seminar(capacity_onsite=1)
    Document = get_document_model()
    slides = Document.objects.create(
        title="Slides", file=ContentFile(b"%PDF-1.7 slides", name="slides.pdf")
    )
    programme = Document.objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.7 programme", name="programme.pdf")
    )
    private = SeminarMaterial.objects.create(
        seminar=seminar, document=slides, title="Slides", registrants_only=True
    )
    SeminarMaterial.objects.create(seminar=seminar, document=programme, title="Programme")
    return seminar, private, slides, programme


def _body(response):
    return b"".join(response.streaming_content)


def test_confirmed_attendee_downloads_registrants_only_material(
    client, seminar_with_materials, details
):
    seminar, private, _slides, _programme = seminar_with_materials
    mine = services.register_for_seminar(seminar, details=details(1), language="en")

    response = client.get(f"/en/registration/{mine.token}/materials/{private.pk}/")

    assert response.status_code == 200
    assert _body(response) == b"%PDF-1.7 slides"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="slides.pdf"'
    assert {header: response[header] for header in PRIVATE_HEADERS} == PRIVATE_HEADERS


def test_waitlisted_or_foreign_tokens_get_404(
    client, seminar_with_materials, details, make_seminar
):
    seminar, private, _slides, _programme = seminar_with_materials
    services.register_for_seminar(seminar, details=details(1), language="en")
    waiting = services.register_for_seminar(seminar, details=details(2), language="en")
    elsewhere = services.register_for_seminar(
        make_seminar(), details=details(3, mode=AttendanceMode.ONSITE), language="en"
    )

    assert (
        client.get(f"/en/registration/{waiting.token}/materials/{private.pk}/").status_code == 404
    )
    assert (
        client.get(f"/en/registration/{elsewhere.token}/materials/{private.pk}/").status_code == 404
    )


def test_registrants_only_document_is_not_served_at_its_public_url(
    client, seminar_with_materials, staff
):
    _seminar, _private, slides, programme = seminar_with_materials

    assert client.get(slides.url).status_code == 404
    assert client.get(programme.url).status_code == 200
    client.force_login(staff("Editors"))
    assert client.get(slides.url).status_code == 200


@pytest.fixture
def demo_slides(demo):
    """The demo's registrants-only slides of last year's Mastopathy Day, and an attendee."""
    material = (
        SeminarMaterial.objects.select_related("document", "seminar")
        .filter(registrants_only=True, document__file__endswith="slides-reconstruction.pdf")
        .order_by("pk")
        .first()
    )
    attendee = material.seminar.canonical.registrations.filter(status="attended").first()
    return material, attendee


def _addresses(document):
    name = document.file.name  # documents/slides-reconstruction.pdf
    filename = name.rsplit("/", 1)[-1]
    prefixes = ["/media/", "/media/documents/", "/media/images/", "/media/original_images/"]
    prefixes += ["/private/", "/private/documents/", "/static/", "/static/documents/"]
    prefixes += ["/", "/documents/", "/en/", "/fr/documents/", "/zh-hans/media/documents/"]
    return [
        document.url,
        f"/documents/{document.pk}/{filename}",
        f"/media/{name}",
        f"/private/{name}",
        f"/media/../private/{name}",
        *(f"{prefix}{filename}" for prefix in prefixes),
    ]


def _served(response):
    if response.status_code != 200:
        return False
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.startswith(b"%PDF")


def test_registrants_only_slides_have_no_public_address(client, demo_slides, settings):
    material, attendee = demo_slides

    private_link = client.get(f"/en/registration/{attendee.token}/materials/{material.pk}/")

    assert _served(private_link)  # the one way in: a registrant's private link
    for address in _addresses(material.document):
        response = client.get(address)
        # A path climbing out of /media/ is refused as suspicious (400) before any lookup.
        assert response.status_code == (400 if ".." in address else 404), address
        assert not _served(response), address
    served_trees = [settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    assert not any(
        any(path.name == "slides-reconstruction.pdf" for path in Path(tree).rglob("*"))
        for tree in served_trees
    )


def test_signed_in_staff_without_a_file_rule_get_no_raw_private_file(client, demo_slides, staff):
    material, _attendee = demo_slides
    client.force_login(staff("Editors"))

    assert client.get(f"/private/{material.document.file.name}").status_code == 404
    assert client.get(f"/media/{material.document.file.name}").status_code == 404


def test_every_new_document_is_stored_outside_the_public_media_tree(settings):
    Document = get_document_model()
    document = Document.objects.create(
        title="Poster", file=ContentFile(b"%PDF-1.7 poster", name="poster.pdf")
    )

    stored = Path(document.file.path)
    assert stored.is_relative_to(settings.PRIVATE_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert document.file.name.startswith("documents/")


def test_files_uploaded_before_leave_the_media_tree(client, settings):
    from importlib import import_module

    migration = import_module("seminars.migrations.0008_registration_checkin_code")
    old = Path(settings.MEDIA_ROOT) / "documents" / "old-slides.pdf"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"%PDF-1.7 old slides")
    document = get_document_model().objects.create(
        title="Old slides", file="documents/old-slides.pdf"
    )
    assert client.get("/media/documents/old-slides.pdf").status_code == 200

    migration.move_document_files_out_of_media(None, None)

    assert client.get("/media/documents/old-slides.pdf").status_code == 404
    assert not old.exists()
    assert document.file.open("rb").read() == b"%PDF-1.7 old slides"
    document.file.close()
