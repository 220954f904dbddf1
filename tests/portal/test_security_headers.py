"""Content-Security-Policy and Permissions-Policy on the public site and in the admin."""

import re

import pytest

from seminars.models import SeminarPage

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def test_public_pages_allow_only_their_own_scripts_and_styles(client, demo):
    response = client.get("/en/")

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_inline_script_carries_the_nonce_of_its_response(client, demo):
    seminar = SeminarPage.objects.live().filter(locale__language_code="en").first()

    first, second = client.get(seminar.url), client.get(seminar.url)

    nonces = []
    for response in (first, second):
        html = response.content.decode()
        script = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html)
        assert script, "the seminar's structured data is a nonce'd inline script"
        assert f"'nonce-{script.group(1)}'" in directives(response)["script-src"]
        nonces.append(script.group(1))
    assert nonces[0] != nonces[1]  # a fresh nonce per response


def test_no_public_template_has_an_inline_script_without_a_nonce(client, demo):
    seminar = SeminarPage.objects.live().filter(locale__language_code="en").first()

    for url in ("/en/", "/fr/", "/zh-hans/", seminar.url, "/en/search/?q=breast"):
        html = client.get(url).content.decode()
        for attributes in re.findall(r"<script([^>]*)>", html):
            assert "src=" in attributes or "nonce=" in attributes, (url, attributes)


def test_admin_has_its_own_policy_still_limited_to_the_site(client, staff):
    client.force_login(staff("Editors"))

    response = client.get("/admin/")

    policy = directives(response)
    assert response.status_code == 200
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])


@pytest.mark.parametrize("url", ["/en/", "/admin/login/", "/admin/seminars/check-in/"])
def test_camera_microphone_and_location_are_denied_everywhere(client, demo, staff, url):
    client.force_login(staff("Seminar organisers"))

    header = client.get(url)["Permissions-Policy"]

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header
    assert "publickey-credentials" not in header  # security keys for MFA keep working
