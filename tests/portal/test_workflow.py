"""DomainError: the refusal every app's services raise, shown to the person who asked."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.workflow import DomainError
from seminars.services import AlreadyCheckedIn, RegistrationError


def test_the_message_is_translated_when_shown_in_the_language_active_then():
    error = DomainError(_("Registration for this seminar is closed."))

    with translation.override("fr"):
        french = str(error)
    with translation.override("zh-hans"):
        chinese = str(error)

    assert french.startswith("Les inscriptions")
    assert "报名" in chinese
    assert error.message == error.args[0]


def test_seminar_refusals_are_domain_errors_and_keep_their_message():
    error = AlreadyCheckedIn(registration=None, checked_in_at=None)

    assert isinstance(error, RegistrationError) and isinstance(error, DomainError)
    assert str(error) == "Already checked in."
