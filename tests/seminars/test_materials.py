import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from seminars import services
from seminars.choices import AttendanceMode
from seminars.models import SeminarMaterial

pytestmark = pytest.mark.django_db


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
    assert response["Cache-Control"] == "private, no-store"


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
