"""A registration's private-link token and badge code come from portal.tokens."""

import pytest

from portal import tokens
from seminars import services

pytestmark = pytest.mark.django_db


def test_a_new_registration_takes_its_token_and_check_in_code_from_portal_tokens(
    monkeypatch, make_seminar, details
):
    monkeypatch.setattr(tokens, "new_token", lambda: "t" * 43)
    monkeypatch.setattr(tokens, "new_code", lambda: "K7QM4XRT9PZC")

    registration = services.register_for_seminar(make_seminar(), details=details(1), language="en")

    assert registration.token == "t" * 43
    assert registration.checkin_code == "K7QM4XRT9PZC"
