"""A seminar with registrations cannot be deleted, in the admin or by any code path: its
registrations, their audit history and certificates would go with it."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Locale

from home.demo import translate
from seminars import services
from seminars.models import Registration, SeminarPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, staff):
    client.force_login(staff("Editors", "Moderators", is_superuser=True))
    return client


def register(seminar, details, n=1, language="en"):
    return services.register_for_seminar(seminar, details=details(n), language=language)


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def bulk_delete_url(*pages):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    explorer = reverse("wagtailadmin_explore", args=(pages[0].get_parent().pk,))
    return f"{url}?next={explorer}&" + "&".join(f"id={page.pk}" for page in pages)


def test_the_admin_refuses_to_delete_a_seminar_with_registrations(
    moderator_client, make_seminar, details
):
    seminar = make_seminar()
    register(seminar, details)

    shown = moderator_client.get(delete_url(seminar), follow=True)
    posted = moderator_client.post(delete_url(seminar))

    assert posted.status_code == 302
    assert "Not deleted: people have registered for" in shown.content.decode()
    assert SeminarPage.objects.filter(pk=seminar.pk).exists()
    assert Registration.objects.filter(seminar=seminar).count() == 1


def test_bulk_delete_refuses_seminars_with_registrations_and_pages_above_them(
    moderator_client, make_seminar, details
):
    seminar, empty = make_seminar(), make_seminar()
    register(seminar, details)

    response = moderator_client.post(bulk_delete_url(seminar, empty), follow=True)
    above = moderator_client.post(delete_url(seminar.get_parent()))

    assert "Not deleted: people have registered for" in response.content.decode()
    assert above.status_code == 302
    assert SeminarPage.objects.filter(pk__in=[seminar.pk, empty.pk]).count() == 2


def test_a_seminar_without_registrations_is_still_deleted(moderator_client, make_seminar):
    seminar = make_seminar()

    moderator_client.post(delete_url(seminar))

    assert not SeminarPage.objects.filter(pk=seminar.pk).exists()


def test_a_translation_of_a_seminar_with_registrations_can_be_deleted(
    moderator_client, make_seminar, details
):
    seminar = make_seminar()
    translate(seminar.get_parent().specific, "fr")
    translate(seminar, "fr")
    french = seminar.get_translation(Locale.objects.get(language_code="fr"))
    register(french.specific, details, language="fr")

    moderator_client.post(delete_url(french))

    assert not SeminarPage.objects.filter(pk=french.pk).exists()
    assert Registration.objects.filter(seminar=seminar).count() == 1


def test_no_code_path_deletes_registrations_with_their_seminar(make_seminar, details):
    seminar = make_seminar()
    register(seminar, details)

    with pytest.raises(ProtectedError):
        SeminarPage.objects.get(pk=seminar.pk).delete()
    with pytest.raises(ProtectedError):
        seminar.get_parent().delete()
    assert Registration.objects.filter(seminar=seminar).count() == 1
