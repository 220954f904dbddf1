import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from portal.roles import ROLES


@pytest.mark.django_db
def test_every_role_exists_as_a_group():
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_every_role_can_reach_the_admin(client, staff, role):
    client.force_login(staff(role))

    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_editors_edit_pages_and_snippets_but_do_not_publish(staff, demo):
    editor = staff("Editors")
    about = Page.objects.get(slug="about", locale__language_code="en")
    perms = about.permissions_for_user(editor)

    assert perms.can_edit()
    assert not perms.can_publish()
    assert editor.has_perm("home.change_person")
    assert editor.has_perm("home.add_institution")
    assert not editor.has_perm("portal.view_outboundemail")


@pytest.mark.django_db
def test_moderators_publish_and_see_the_outbox(staff, demo):
    moderator = staff("Moderators")
    about = Page.objects.get(slug="about", locale__language_code="en")

    assert about.permissions_for_user(moderator).can_publish()
    assert moderator.has_perm("portal.view_outboundemail")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Seminar organisers", "Programme coordinators", "Reviewers"])
def test_back_office_roles_cannot_edit_site_pages(staff, demo, role):
    user = staff(role)
    about = Page.objects.get(slug="about", locale__language_code="en")

    assert not about.permissions_for_user(user).can_edit()
    assert not user.has_perm("home.change_person")


@pytest.mark.django_db
def test_reviewers_do_not_see_the_outbox(client, staff):
    client.force_login(staff("Reviewers"))

    assert client.get("/admin/outbox/").status_code in (302, 403)


@pytest.mark.django_db
def test_a_user_without_a_role_cannot_reach_the_admin(client, user_factory):
    client.force_login(user_factory())

    # Not sent to the sign-in page: signed in already, it would send them straight back.
    assert client.get("/admin/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES))
def test_each_group_holds_exactly_the_permissions_its_role_lists(role):
    granted = {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert set(ROLES[role]["permissions"]) <= granted  # also catches a misspelt permission
