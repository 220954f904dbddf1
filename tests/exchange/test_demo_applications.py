"""The demo applicants: two verified accounts, each with a draft to its demo call, in its own
language (the demo content every test starts from); a second build changes nothing."""

import pytest
from allauth.account.models import EmailAddress

from exchange.demo_applications import CHANGSHA_CALL, PARIS_CALL, build_demo_applications
from exchange.models import Application

pytestmark = [pytest.mark.django_db, pytest.mark.demo_applications]


def demo_applications():
    return Application.objects.filter(
        applicant__email__in=["liu.yang@example.cn", "camille.moreau@example.fr"]
    )


def test_each_demo_applicant_has_a_draft_to_their_call_in_their_language(home_page):
    build_demo_applications(home_page)  # after the demo's own run: changes nothing

    chinese = demo_applications().get(call__slug=PARIS_CALL)
    french = demo_applications().get(call__slug=CHANGSHA_CALL)
    assert demo_applications().count() == 2
    assert chinese.applicant.preferred_language == "zh-hans" and "质控" in chinese.motivation
    assert french.applicant.preferred_language == "fr" and "DIEP" in french.motivation
    assert chinese.is_step_complete("personal") and french.is_step_complete("languages")
    for application in (chinese, french):
        assert application.is_draft and not application.applicant.is_staff
        assert EmailAddress.objects.filter(user=application.applicant, verified=True).exists()


def test_without_the_demo_calls_the_applicants_are_made_without_drafts(home_page):
    Application.objects.all().delete()
    from exchange.models import ProgrammePage

    ProgrammePage.objects.filter(slug__in=[PARIS_CALL, CHANGSHA_CALL]).update(slug="gone")

    build_demo_applications(home_page)

    assert not Application.objects.exists()
    assert EmailAddress.objects.filter(email="liu.yang@example.cn", verified=True).exists()
