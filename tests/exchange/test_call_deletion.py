"""A call with applications cannot be deleted from the admin (page delete, bulk delete, or a
page above it): the applications, their documents, reviews and letters would go with it.
Application.call is PROTECT, so without the refusal each of these answered 500."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from exchange.models import Application, ProgrammeIndexPage, ProgrammePage
from tests.exchange.conftest import translate_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client, staff):
    client.force_login(staff("Editors", "Moderators", is_superuser=True))
    return client


@pytest.fixture
def apply(make_applicant):
    """apply(call, n): n applicants' applications (drafts) to `call`."""

    def make(call, n=1):
        for i in range(n):
            applicant = make_applicant(email=f"applicant{call.pk}-{i}@example.cn")
            Application.objects.create(call=call, applicant=applicant, passport_name="WANG FANG")

    return make


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def bulk_delete_url(*pages):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    explorer = reverse("wagtailadmin_explore", args=(pages[0].get_parent().pk,))
    return f"{url}?next={explorer}&" + "&".join(f"id={page.pk}" for page in pages)


def reason(title, count):
    return f"Not deleted: the call “{title}” has {count} applications, which would be lost with it."


def test_the_admin_refuses_to_delete_a_call_with_applications_and_says_how_many(
    moderator_client, make_call, apply
):
    call = make_call(title="Quality control in radiotherapy")
    apply(call, 12)

    shown = moderator_client.get(delete_url(call), follow=True)
    posted = moderator_client.post(delete_url(call))

    assert posted.status_code == 302
    assert reason("Quality control in radiotherapy", 12) in shown.content.decode()
    assert ProgrammePage.objects.filter(pk=call.pk).exists()
    assert Application.objects.filter(call=call).count() == 12


def test_the_refusal_reads_in_the_editors_language(client, staff, make_call, apply):
    editor = staff("Editors", "Moderators", is_superuser=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(editor)
    call = make_call(title="DIEP observership")
    apply(call, 2)

    shown = client.get(delete_url(call), follow=True)

    with translation.override("fr"):
        expected = translation.ngettext(
            "Not deleted: the call “%(title)s” has %(count)d application, which would be lost "
            "with it. Unpublish the page instead.",
            "Not deleted: the call “%(title)s” has %(count)d applications, which would be lost "
            "with it. Unpublish the page instead.",
            2,
        ) % {"title": "DIEP observership", "count": 2}
    assert expected in shown.content.decode()


def test_bulk_delete_refuses_calls_with_applications_and_pages_above_them(
    moderator_client, make_call, apply
):
    call, empty = make_call(title="Call with applicants"), make_call(title="Empty call")
    apply(call)
    index = call.get_parent()

    response = moderator_client.post(bulk_delete_url(call, empty), follow=True)
    above = moderator_client.post(delete_url(index), follow=True)

    assert "Not deleted: the call “Call with applicants” has 1 application," in (
        response.content.decode()
    )
    assert "Not deleted: the call “Call with applicants”" in above.content.decode()
    assert ProgrammePage.objects.filter(pk__in=[call.pk, empty.pk]).count() == 2
    assert ProgrammeIndexPage.objects.filter(pk=index.pk).exists()


def test_a_call_without_applications_is_still_deleted(moderator_client, make_call):
    call = make_call()

    moderator_client.post(delete_url(call))

    assert not ProgrammePage.objects.filter(pk=call.pk).exists()


def test_a_translation_of_a_call_with_applications_can_be_deleted(
    moderator_client, make_call, apply
):
    call = make_call(title="Quality control in radiotherapy")
    french = translate_call(call, "fr", "Contrôle qualité en radiothérapie")
    apply(french.canonical)  # applications are made to the canonical page, whatever the language

    moderator_client.post(delete_url(french))

    assert not ProgrammePage.objects.filter(pk=french.pk).exists()
    assert Application.objects.filter(call=call).count() == 1


def test_no_code_path_deletes_applications_with_their_call(make_call, apply):
    call = make_call()
    apply(call)

    with pytest.raises(ProtectedError):
        ProgrammePage.objects.get(pk=call.pk).delete()
    assert Application.objects.filter(call=call).count() == 1
