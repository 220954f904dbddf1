"""Tokens and codes made in one place, in the formats already stored; full URLs from SITE_URL."""

import re

import pytest

from portal.converters import TokenConverter
from portal.links import absolute_url
from portal.tokens import CODE_ALPHABET, new_code, new_token
from portal.verification import normalize_code


def test_a_token_is_43_url_safe_characters_that_the_token_converter_accepts():
    tokens = {new_token() for _ in range(200)}

    assert len(tokens) == 200
    for token in tokens:
        assert len(token) == 43  # secrets.token_urlsafe(32), as every stored token
        assert re.fullmatch(TokenConverter.regex, token)


def test_a_code_has_12_characters_without_look_alikes_and_survives_normalising():
    codes = {new_code() for _ in range(200)}

    assert len(codes) == 200
    assert set("".join(codes)) <= set(CODE_ALPHABET)
    assert not set("".join(codes)) & set("01OI")
    for code in codes:
        assert len(code) == 12
        assert normalize_code(code.lower()) == code


@pytest.mark.django_db
def test_issued_documents_take_their_verification_code_from_portal_tokens(
    monkeypatch, user_factory
):
    from portal import tokens
    from portal.documents import issue_document
    from tests.portal import decision_letter

    decision_letter.register()
    monkeypatch.setattr(tokens, "new_code", lambda: "K7QM4XRT9PZC")
    try:
        document, created = issue_document(
            user_factory(),
            kind=decision_letter.KIND,
            holder_name="Wang Fang",
            title="T",
            details={},
        )
    finally:
        decision_letter.unregister()

    assert created and document.code == "K7QM4XRT9PZC"


@pytest.mark.parametrize(
    ("base", "given", "url"),
    [
        (
            "https://exchange.example.org",
            "/fr/seminars/",
            "https://exchange.example.org/fr/seminars/",
        ),
        (
            "https://exchange.example.org/",
            "/verify/K7QM/",
            "https://exchange.example.org/verify/K7QM/",
        ),
        ("https://exchange.example.org", "zh-hans/", "https://exchange.example.org/zh-hans/"),
        ("https://exchange.example.org/portal", "/en/", "https://exchange.example.org/portal/en/"),
        (
            "https://exchange.example.org",
            "https://other.example.org/fr/",
            "https://other.example.org/fr/",
        ),
        (
            "https://exchange.example.org",
            "//cdn.example.org/a.png",
            "https://cdn.example.org/a.png",
        ),
    ],
)
def test_absolute_url_puts_a_path_under_site_url_and_leaves_full_urls_alone(
    settings, base, given, url
):
    settings.WAGTAILADMIN_BASE_URL = base

    assert absolute_url(given) == url
