import pytest
from django.core.files.base import ContentFile

from portal.private import private_file_response

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


def assert_private_headers(response):
    """Every private file: never cached, sniffed, run as a page, indexed or its URL passed on.
    Through the client, this also shows the site's CSP middleware keeps the file's policy."""
    for header, value in PRIVATE_HEADERS.items():
        assert response[header] == value, header


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
    assert_private_headers(response)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="passport.pdf"'


@pytest.mark.django_db
def test_a_file_a_browser_would_run_is_downloaded_not_shown(client, private_storage, user_factory):
    owner = user_factory(email="trainee@example.cn")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    path = private_storage.save(f"users/{owner.pk}/drawing.svg", ContentFile(svg))
    client.force_login(owner)

    response = _get(client, path)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="drawing.svg"'
    assert_private_headers(response)


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


@pytest.mark.parametrize(
    ("filename", "disposition"),
    [
        ("简历 王芳.pdf", "inline; filename*=utf-8''%E7%AE%80%E5%8E%86%20%E7%8E%8B%E8%8A%B3.pdf"),
        ("CV Hélène.pdf", "inline; filename*=utf-8''CV%20H%C3%A9l%C3%A8ne.pdf"),
        ('say "hi".pdf', 'inline; filename="say \\"hi\\".pdf"'),
        ("../../etc/passwd\n.pdf", 'inline; filename="passwd.pdf"'),
    ],
)
def test_the_download_name_survives_the_header(filename, disposition):
    response = private_file_response(b"%PDF-1.7", filename=filename)

    assert response["Content-Disposition"] == disposition


@pytest.mark.parametrize("content", [b"%PDF-1.7 bytes", "file"], ids=["bytes", "open-file"])
def test_bytes_and_open_files_leave_with_the_same_headers(content, tmp_path):
    if content == "file":
        (tmp_path / "letter.pdf").write_bytes(b"%PDF-1.7 bytes")
        content = (tmp_path / "letter.pdf").open("rb")

    response = private_file_response(content, filename="letter.pdf")

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body == b"%PDF-1.7 bytes"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(body))
    assert_private_headers(response)
    if response.streaming:
        response.file_to_stream.close()


@pytest.mark.parametrize(
    ("filename", "content_type", "inline", "disposition"),
    [
        ("photo.jpg", None, None, "inline"),
        ("photo.png", None, None, "inline"),
        ("letter.pdf", None, False, "attachment"),
        ("page.html", None, True, "attachment"),  # never shown, even when asked
        ("notes.txt", None, None, "attachment"),
        ("scan", "image/png", None, "inline"),
        ("letter.pdf", "text/html", True, "attachment"),
    ],
)
def test_only_pdf_png_and_jpeg_are_shown_in_the_browser(
    filename, content_type, inline, disposition
):
    response = private_file_response(
        b"x", filename=filename, content_type=content_type, inline=inline
    )

    assert response["Content-Disposition"].split(";")[0] == disposition
