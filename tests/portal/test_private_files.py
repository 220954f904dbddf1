import pytest
from django.core.files.base import ContentFile


@pytest.fixture
def owner_file(private_storage, user_factory):
    owner = user_factory(email="trainee@example.cn")
    path = private_storage.save(f"users/{owner.pk}/passport.pdf", ContentFile(b"%PDF-1.7 secret"))
    return owner, path


def _get(client, path):
    return client.get(f"/private/{path}")


@pytest.mark.django_db
def test_owner_downloads_their_file_without_caching(client, owner_file):
    owner, path = owner_file
    client.force_login(owner)

    response = _get(client, path)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 secret"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_anonymous_visitor_gets_404(client, owner_file):
    _owner, path = owner_file

    assert _get(client, path).status_code == 404


@pytest.mark.django_db
def test_another_user_gets_404_not_403(client, owner_file, user_factory):
    _owner, path = owner_file
    client.force_login(user_factory(email="someone.else@example.fr"))

    assert _get(client, path).status_code == 404


@pytest.mark.django_db
def test_staff_without_a_rule_gets_404(client, owner_file, staff):
    _owner, path = owner_file
    client.force_login(staff("Editors"))

    assert _get(client, path).status_code == 404


@pytest.mark.django_db
def test_superuser_may_read_it(client, owner_file, user_factory):
    _owner, path = owner_file
    client.force_login(user_factory(email="root@example.org", is_superuser=True, is_staff=True))

    assert _get(client, path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["../settings.py", "users/../../etc/passwd", "/etc/passwd", "users/%2e%2e/x", "users\\1\\a"],
)
def test_paths_leaving_private_storage_are_404(client, owner_file, path):
    owner, _path = owner_file
    client.force_login(owner)

    assert _get(client, path).status_code == 404


@pytest.mark.django_db
def test_missing_file_is_404_for_its_owner(client, owner_file):
    owner, _path = owner_file
    client.force_login(owner)

    assert _get(client, f"users/{owner.pk}/nothing.pdf").status_code == 404


def test_private_root_lies_outside_every_served_folder():
    from portal.settings import base

    for served in (base.MEDIA_ROOT, base.STATIC_ROOT, base.BASE_DIR / "static"):
        assert not base.PRIVATE_ROOT.is_relative_to(served)
