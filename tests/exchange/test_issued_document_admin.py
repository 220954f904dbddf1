"""The admin's Issued documents (portal.document_admin), on real decision letters: who sees a
letter, revoking it with a reason, re-issuing it under a new code, and every refusal."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange import letters
from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.services import decisions
from portal.documents import issued_document
from portal.models import IssuedDocument
from tests.exchange.decision_helpers import grant_decisions, in_review, release_date_passed

pytestmark = pytest.mark.django_db
LISTING = "/admin/issued-documents/"


@pytest.fixture
def coordinator(staff):
    return grant_decisions(staff("Programme coordinators", email="coordinator@example.org"))


@pytest.fixture
def letter(call, make_applicant, coordinator):
    """The decision letter of a released selection, held by 李娜."""
    applicant = make_applicant(
        email="li.na@example.cn", full_name="李娜", preferred_language="zh-hans"
    )
    application = in_review(call, applicant, passport_name="LI NA")
    decisions.decide_application(application, by=coordinator, outcome=ApplicationStatus.SELECTED)
    release_date_passed(call)
    decisions.release_decisions(call)
    return issued_document(Application.objects.get(pk=application.pk), kind=letters.KIND)


def inspect_url(document):
    return f"{LISTING}inspect/{document.pk}/"


def revoke_url(document):
    return reverse("issued_documents:revoke", args=(document.pk,))


def reissue_url(document):
    return reverse("issued_documents:reissue", args=(document.pk,))


def messages_of(response):
    return [str(message).strip() for message in response.context["messages"]]


def test_coordinators_find_decision_letters_by_holder_or_code(client, coordinator, letter):
    client.force_login(coordinator)

    listed = client.get(LISTING, {"q": "李娜"})
    by_code = client.get(LISTING, {"q": letter.code})

    assert listed.status_code == 200
    assert letter.display_code in listed.content.decode()
    assert "李娜" in by_code.content.decode()
    page = client.get(inspect_url(letter)).content.decode()
    assert "Revoke this document" in page and 'name="reason"' in page
    assert "Issue it again" not in page  # only once revoked


def test_a_coordinator_revokes_a_letter_with_a_reason_and_it_verifies_as_revoked(
    client, coordinator, letter
):
    client.force_login(coordinator)

    response = client.post(revoke_url(letter), {"reason": "Wrong call on the letter"}, follow=True)

    letter.refresh_from_db()
    assert letter.revoked_at is not None
    assert response.redirect_chain[-1][0] == inspect_url(letter)
    assert any("is revoked" in message for message in messages_of(response))
    entry = ModelLogEntry.objects.get(action="portal.document.revoked", object_id=str(letter.pk))
    assert entry.user == coordinator and entry.data["reason"] == "Wrong call on the letter"
    assert "Wrong call on the letter" in response.content.decode()  # in the history
    assert "has been revoked" in client.get(f"/verify/{letter.display_code}/").content.decode()
    assert "Issue it again" in response.content.decode()


def test_a_revocation_without_a_reason_is_refused_with_a_message(client, coordinator, letter):
    client.force_login(coordinator)

    response = client.post(revoke_url(letter), {"reason": "   "}, follow=True)

    letter.refresh_from_db()
    assert letter.revoked_at is None
    assert "Say why the document is revoked." in messages_of(response)
    too_long = client.post(revoke_url(letter), {"reason": "x" * 1001}, follow=True)
    assert any("under 1000 characters" in message for message in messages_of(too_long))
    letter.refresh_from_db()
    assert letter.revoked_at is None


def test_staff_reissue_a_revoked_letter_under_a_new_code_once(client, coordinator, letter):
    client.force_login(coordinator)
    client.post(revoke_url(letter), {"reason": "Name misspelt"})

    response = client.post(reissue_url(letter), follow=True)

    new = IssuedDocument.objects.get(kind=letters.KIND, revoked_at=None)
    assert new.code != letter.code and new.object_id == letter.object_id
    assert response.redirect_chain[-1][0] == inspect_url(new)
    assert any(new.display_code in message for message in messages_of(response))
    for document in (letter, new):
        entry = ModelLogEntry.objects.get(
            action="portal.document.reissued", object_id=str(document.pk)
        )
        assert entry.user == coordinator
        assert entry.data["replaces"] == letter.code and entry.data["code"] == new.code
    old_page = client.get(inspect_url(letter)).content.decode()
    assert new.display_code in old_page and "Issue it again" not in old_page

    again = client.post(reissue_url(letter), follow=True)

    assert IssuedDocument.objects.filter(kind=letters.KIND).count() == 2
    assert any("A newer document is already issued" in m for m in messages_of(again))


def test_an_active_letter_is_not_reissued_and_a_revoked_one_not_revoked_twice(
    client, coordinator, letter
):
    client.force_login(coordinator)

    refused = client.post(reissue_url(letter), follow=True)

    assert "Only a revoked document can be issued again." in messages_of(refused)
    assert IssuedDocument.objects.count() == 1
    client.post(revoke_url(letter), {"reason": "Duplicate"})
    twice = client.post(revoke_url(letter), {"reason": "Again"}, follow=True)
    assert "This document has already been revoked." in messages_of(twice)
    assert ModelLogEntry.objects.filter(action="portal.document.revoked").count() == 1


def test_the_actions_answer_only_post(client, coordinator, letter):
    client.force_login(coordinator)

    assert client.get(revoke_url(letter)).status_code == 405
    assert client.get(reissue_url(letter)).status_code == 405
    letter.refresh_from_db()
    assert letter.revoked_at is None


def test_a_revocation_without_the_csrf_token_is_refused(coordinator, letter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(revoke_url(letter), {"reason": "Forged"})

    assert response.status_code == 403
    letter.refresh_from_db()
    assert letter.revoked_at is None


@pytest.mark.parametrize("role", ["Reviewers", "Seminar organisers", "Editors"])
def test_staff_who_do_not_manage_letters_neither_see_nor_change_them(client, staff, letter, role):
    """Reviewers have no permission on documents; organisers manage certificates of their own
    seminars only; editors nothing of it."""
    client.force_login(staff(role))

    listing = client.get(LISTING)
    assert listing.status_code in (302, 403) or letter.display_code not in listing.content.decode()
    assert client.get(inspect_url(letter)).status_code in (302, 403, 404)
    assert client.post(revoke_url(letter), {"reason": "Not mine"}).status_code == 404
    assert client.post(reissue_url(letter)).status_code == 404
    letter.refresh_from_db()
    assert letter.revoked_at is None


def test_a_coordinator_without_the_change_permission_sees_but_cannot_revoke(client, staff, letter):
    viewer = staff("Programme coordinators")
    viewer.groups.get(name="Programme coordinators").permissions.remove(
        *viewer.groups.get(name="Programme coordinators").permissions.filter(
            codename="change_issueddocument"
        )
    )
    client.force_login(viewer)

    page = client.get(inspect_url(letter)).content.decode()

    assert letter.display_code in page and 'name="reason"' not in page
    assert client.post(revoke_url(letter), {"reason": "No"}).status_code == 404
    letter.refresh_from_db()
    assert letter.revoked_at is None


def test_an_unknown_or_hostile_id_is_a_404(client, coordinator, letter):
    client.force_login(coordinator)

    assert client.get(f"{LISTING}inspect/999999/").status_code == 404
    assert client.post(reverse("issued_documents:revoke", args=(999999,))).status_code == 404
    assert client.get(f"{LISTING}inspect/abc/").status_code == 404
    assert client.get(LISTING, {"kind": "<script>", "revoked": "maybe"}).status_code == 200
