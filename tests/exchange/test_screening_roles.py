"""Who may screen applications, and the demo's coordinator and reviewers."""

import pytest
from wagtail.users.models import UserProfile

from exchange.demo_staff import (
    COORDINATOR_EMAIL,
    REVIEWER_EMAIL,
    SECOND_REVIEWER_EMAIL,
    build_demo_staff,
)
from exchange.services.screening import is_reviewer

pytestmark = pytest.mark.django_db

APPLICATION_PERMISSIONS = (
    "exchange.view_application",
    "exchange.change_application",
    "exchange.view_review",
    "exchange.change_review",
)


def test_coordinators_see_and_change_applications_and_reviews(staff):
    coordinator = staff("Programme coordinators")

    assert all(coordinator.has_perm(permission) for permission in APPLICATION_PERMISSIONS)
    assert not coordinator.has_perm("exchange.delete_application")


def test_reviewers_hold_no_permission_on_applications(staff):
    reviewer = staff("Reviewers")

    assert not any(reviewer.has_perm(permission) for permission in APPLICATION_PERMISSIONS)


def test_the_demo_staff_are_a_coordinator_and_two_reviewers_in_their_admin_languages():
    users = build_demo_staff()
    again = build_demo_staff()  # a second run changes nothing

    by_email = {user.email: user for user in users}
    assert [user.pk for user in again] == [user.pk for user in users]
    coordinator = by_email[COORDINATOR_EMAIL]
    assert coordinator.has_perm("exchange.change_application") and coordinator.is_staff
    assert is_reviewer(by_email[REVIEWER_EMAIL]) and is_reviewer(by_email[SECOND_REVIEWER_EMAIL])
    assert not is_reviewer(coordinator)
    languages = {
        email: UserProfile.get_for_user(user).preferred_language for email, user in by_email.items()
    }
    assert languages == {
        COORDINATOR_EMAIL: "en",
        REVIEWER_EMAIL: "fr",
        SECOND_REVIEWER_EMAIL: "zh-hans",
    }
    assert not coordinator.has_usable_password()  # no demo password file in tests
