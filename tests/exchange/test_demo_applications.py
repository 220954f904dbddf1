"""The demo applicants: two verified accounts, each with a draft to its demo call, in its own
language; nothing breaks when the demo calls are not there."""

import pytest
from allauth.account.models import EmailAddress

from exchange.demo_applications import CHANGSHA_CALL, PARIS_CALL, build_demo_applications
from exchange.models import Application

pytestmark = pytest.mark.django_db


def test_each_demo_applicant_has_a_draft_to_their_call_in_their_language(make_call, home_page):
    paris = make_call(slug=PARIS_CALL)
    changsha = make_call(slug=CHANGSHA_CALL)

    build_demo_applications(home_page)
    build_demo_applications(home_page)  # a second run changes nothing

    chinese = Application.objects.get(call=paris)
    french = Application.objects.get(call=changsha)
    assert Application.objects.count() == 2
    assert chinese.applicant.preferred_language == "zh-hans" and "质控" in chinese.motivation
    assert french.applicant.preferred_language == "fr" and "DIEP" in french.motivation
    assert chinese.is_step_complete("personal") and french.is_step_complete("languages")
    for application in (chinese, french):
        assert application.is_draft and not application.applicant.is_staff
        assert EmailAddress.objects.filter(user=application.applicant, verified=True).exists()


def test_without_the_demo_calls_the_applicants_are_made_without_drafts(home_page):
    build_demo_applications(home_page)

    assert not Application.objects.exists()
    assert EmailAddress.objects.filter(email="liu.yang@example.cn", verified=True).exists()
