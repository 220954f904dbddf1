"""`make run` prints the logins a newcomer needs, the programme staff's and an applicant's too."""

import io

import pytest
from django.core.management import call_command

from home import demo

pytestmark = pytest.mark.django_db


def test_the_command_prints_every_apps_logins_and_the_password(monkeypatch):
    monkeypatch.setattr(demo, "ensure_accounts", lambda: "pw-for-this-test")
    monkeypatch.setattr(demo, "load_demo_content", lambda: False)  # the content is not the point
    out = io.StringIO()

    call_command("load_demo_content", stdout=out)

    printed = out.getvalue()
    for email, _role in demo.app_logins():
        assert email in printed
    assert "coordinator@exchange-portal.localhost (programme coordinator)" in printed
    assert "reviewer@exchange-portal.localhost (reviewer)" in printed
    assert "he.li@example.cn" in printed
    assert "Password: pw-for-this-test" in printed
