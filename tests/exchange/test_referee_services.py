"""exchange.services.referees: asking, reminding and replacing referees, and the letter.

Each test builds the state, calls the service and reads the referee's row, the audit entry
and the emails delivered (django.core.mail.outbox), as the seminars' service tests do.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from exchange.choices import ApplicationStatus, RefereeStatus
from exchange.models import Application, Referee
from exchange.services import referees as services
from exchange.services.referees import RefereeError
from home.models import Institution
from portal.models import OutboundEmail
from portal.uploads import PDF, check_upload
from tests.exchange.referee_helpers import ANSWERS, pdf_bytes, upload

pytestmark = pytest.mark.django_db
Status = RefereeStatus


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are asserted in English, whatever language an earlier request left active."""
    with translation.override("en"):
        yield


def details(n=1, **changes):
    return {
        "name": f"Prof. Wang {n}",
        "email": f"Wang.{n}@Example.cn ",
        "institution": "Xiangya Hospital",
        "position": "Head of the radiotherapy department, my supervisor",
        "language": "zh-hans",
        **changes,
    }


@pytest.fixture
def host():
    return Institution.objects.get(locale__language_code="en", country="France")


@pytest.fixture
def paris_call(make_call, host):
    return make_call(
        title="Radiotherapy quality control", referees_required=2, host_institution=host
    )


@pytest.fixture
def application(applicant, paris_call):
    return Application.objects.create(call=paris_call, applicant=applicant, passport_name="LI NA")


def outbox():
    """The emails queued through the outbox, oldest first (each test starts with none)."""
    return list(OutboundEmail.objects.order_by("pk"))


def audit(application, action):
    return ModelLogEntry.objects.filter(
        object_id=str(application.pk), action=f"exchange.application.{action}"
    )


def ask(application, applicant, n=1, **changes):
    return services.request_reference(application, by=applicant, details=details(n, **changes))


# --- Asking -----------------------------------------------------------------------------------


def test_asking_a_referee_emails_the_private_link_in_the_language_chosen_for_them(
    application, applicant
):
    referee = ask(application, applicant, language="fr")

    assert referee.status == Status.REQUESTED and referee.email == "wang.1@example.cn"
    assert len(referee.token) == 43
    (email,) = outbox()
    assert email.to == "wang.1@example.cn" and email.language == "fr"
    assert "李娜 (LI NA)" in email.subject
    assert f"http://testserver/fr/referee/{referee.token}/" in email.body_text
    assert "Radiotherapy quality control" in email.body_text
    with translation.override("fr"):
        host = gettext("Host:")
    assert f"{host} Centre du sein de l’hôpital universitaire" in email.body_text  # in French
    # The deadline in both hospitals' clocks: the call's closing.
    assert "Changsha" in email.body_text and "Paris" in email.body_text
    assert "(heure de Paris)" in email.body_text and "Bien cordialement," in email.body_text


def test_the_request_in_chinese_names_beijing_and_paris_time(application, applicant):
    ask(application, applicant, language="zh-hans")

    body = outbox()[0].body_text
    assert "长沙" in body and "北京时间" in body and "巴黎时间" in body


def test_the_html_request_carries_the_same_link(application, applicant):
    referee = ask(application, applicant, language="en")

    html = outbox()[0].body_html
    assert f'href="http://testserver/en/referee/{referee.token}/"' in html
    assert '<html lang="en">' in html


def test_asking_writes_an_audit_entry_naming_the_referee(application, applicant):
    referee = ask(application, applicant)

    (entry,) = audit(application, "referee_requested")
    assert entry.user_id == applicant.pk
    assert entry.data == {"referee": referee.pk, "name": "Prof. Wang 1"}


def test_an_applicant_cannot_be_their_own_referee(application, applicant):
    with pytest.raises(RefereeError, match="cannot be your own referee"):
        ask(application, applicant, email=applicant.email.upper())

    assert not Referee.objects.exists() and not outbox()


def test_the_same_person_is_asked_once(application, applicant):
    ask(application, applicant)

    with pytest.raises(RefereeError, match="already asked this person"):
        ask(application, applicant, email="WANG.1@example.cn")

    assert Referee.objects.count() == 1 and len(outbox()) == 1


def test_at_most_two_referees_beyond_the_calls_number_are_asked(application, applicant):
    for n in range(1, 5):  # the call asks for two
        ask(application, applicant, n)

    with pytest.raises(RefereeError, match="as many referees as this call accepts"):
        ask(application, applicant, 5)

    assert Referee.objects.count() == 4


def test_someone_elses_application_takes_no_request(application, other_application):
    with pytest.raises(RefereeError, match="not yours"):
        ask(application, other_application.applicant)

    assert not Referee.objects.exists()


def test_a_draft_takes_no_request_once_the_call_has_closed(application, applicant):
    later = application.call.closes_at + timedelta(minutes=1)

    with pytest.raises(RefereeError, match="no longer takes letters"):
        services.request_reference(application, by=applicant, details=details(), now=later)


def test_a_draft_with_an_extended_deadline_still_takes_requests(application, applicant):
    application.deadline_extended_to = application.call.closes_at + timedelta(days=5)
    later = application.call.closes_at + timedelta(days=1)

    referee = services.request_reference(application, by=applicant, details=details(), now=later)

    assert referee.status == Status.REQUESTED


def test_a_submitted_application_takes_requests_for_fourteen_days_after_the_close(
    application, applicant
):
    application.status = ApplicationStatus.SUBMITTED
    closes_at = application.call.closes_at

    services.request_reference(
        application, by=applicant, details=details(1), now=closes_at + timedelta(days=13)
    )
    with pytest.raises(RefereeError, match="no longer takes letters"):
        services.request_reference(
            application, by=applicant, details=details(2), now=closes_at + timedelta(days=14)
        )


def test_a_withdrawn_application_takes_no_request(application, applicant):
    application.status = ApplicationStatus.WITHDRAWN

    with pytest.raises(RefereeError, match="no longer takes letters"):
        ask(application, applicant)


# --- Reminding --------------------------------------------------------------------------------


@pytest.fixture
def asked(application, applicant):
    referee = ask(application, applicant, language="en")
    OutboundEmail.objects.all().delete()
    return referee


def test_a_reminder_goes_out_48_hours_after_the_request(asked, applicant):
    at = asked.requested_at + timedelta(hours=48)

    services.remind_referee(asked, by=applicant, now=at)

    asked.refresh_from_db()
    assert asked.reminders_sent == 1 and asked.last_reminded_at == at
    (email,) = outbox()
    assert email.subject.startswith("Reminder: a letter of recommendation for")
    assert f"/en/referee/{asked.token}/" in email.body_text
    (entry,) = audit(asked.application, "referee_reminded")
    assert entry.data["reminder"] == 1


def test_a_reminder_within_48_hours_is_refused_saying_when_it_can_be_sent(asked, applicant):
    at = asked.requested_at + timedelta(hours=30)

    with pytest.raises(RefereeError) as refused:
        services.remind_referee(asked, by=applicant, now=at)

    assert str(refused.value) == (
        "We wrote to Prof. Wang 1 less than 48 hours ago. You can send a reminder in 18 hours."
    )
    assert not outbox()
    asked.refresh_from_db()
    assert asked.reminders_sent == 0


def test_the_48_hours_count_from_the_last_reminder(asked, applicant):
    first = asked.requested_at + timedelta(days=3)
    services.remind_referee(asked, by=applicant, now=first)

    with pytest.raises(RefereeError, match="in 1 hour"):
        services.remind_referee(asked, by=applicant, now=first + timedelta(hours=47, minutes=30))
    services.remind_referee(asked, by=applicant, now=first + timedelta(hours=48))

    asked.refresh_from_db()
    assert asked.reminders_sent == 2


def test_a_referee_is_reminded_three_times_at_most(asked, applicant):
    at = asked.requested_at
    for _n in range(3):
        at += timedelta(days=2)
        services.remind_referee(asked, by=applicant, now=at)

    with pytest.raises(RefereeError) as refused:
        services.remind_referee(asked, by=applicant, now=at + timedelta(days=5))

    assert "already been reminded 3 times, the most we send" in str(refused.value)
    assert "replace them with another referee" in str(refused.value)
    assert len(outbox()) == 3


def test_a_referee_who_sent_the_letter_is_not_reminded(asked, applicant):
    services.submit_reference(asked, answers=ANSWERS)
    OutboundEmail.objects.all().delete()

    with pytest.raises(RefereeError, match="has already sent the letter"):
        services.remind_referee(asked, by=applicant, now=timezone.now() + timedelta(days=3))

    assert not outbox()


def test_only_the_applicant_reminds_their_referees(asked, other_application):
    with pytest.raises(RefereeError, match="not yours"):
        services.remind_referee(
            asked, by=other_application.applicant, now=timezone.now() + timedelta(days=3)
        )


# --- Replacing --------------------------------------------------------------------------------


def test_replacing_closes_the_old_request_and_asks_the_new_person(asked, applicant):
    new = services.replace_referee(
        asked, by=applicant, details=details(2, name="Dr. Zhao", language="fr")
    )

    asked.refresh_from_db()
    assert asked.status == Status.REPLACED and asked.replaced_at
    assert new.status == Status.REQUESTED and new.token != asked.token
    (email,) = outbox()
    assert email.to == "wang.2@example.cn" and f"/fr/referee/{new.token}/" in email.body_text
    with pytest.raises(Referee.DoesNotExist):
        Referee.objects.by_token(asked.token)
    (entry,) = audit(asked.application, "referee_replaced")
    assert entry.data == {"referee": asked.pk, "name": "Prof. Wang 1", "replacement": new.pk}


def test_a_replaced_referee_no_longer_counts_and_may_be_asked_again(asked, applicant):
    services.replace_referee(asked, by=applicant, details=details(2))

    again = ask(asked.application, applicant, 1)

    assert again.status == Status.REQUESTED
    assert Referee.objects.current().count() == 2


def test_a_referee_whose_letter_is_in_cannot_be_replaced(asked, applicant):
    services.submit_reference(asked, answers=ANSWERS)

    with pytest.raises(RefereeError, match="already sent the letter: it can no longer be replaced"):
        services.replace_referee(asked, by=applicant, details=details(2))

    asked.refresh_from_db()
    assert asked.status == Status.RECEIVED
    assert Referee.objects.count() == 1


def test_replacing_twice_is_refused(asked, applicant):
    services.replace_referee(asked, by=applicant, details=details(2))

    with pytest.raises(RefereeError, match="already been replaced"):
        services.replace_referee(asked, by=applicant, details=details(3))


def test_a_refused_replacement_keeps_the_old_request_open(asked, applicant):
    with pytest.raises(RefereeError, match="own referee"):
        services.replace_referee(asked, by=applicant, details=details(2, email=applicant.email))

    asked.refresh_from_db()
    assert asked.status == Status.REQUESTED


# --- The referee's side -----------------------------------------------------------------------


def test_opening_the_request_marks_it_opened_once(asked):
    services.open_reference_request(asked)
    first = Referee.objects.get(pk=asked.pk).opened_at
    services.open_reference_request(asked)

    asked.refresh_from_db()
    assert asked.status == Status.OPENED and asked.opened_at == first
    assert audit(asked.application, "referee_opened").count() == 1


def test_a_pdf_letter_is_stored_privately_with_its_name_size_and_pages(asked, private_storage):
    content = pdf_bytes(pages=2)
    letter = check_upload(upload(content, "Lettre Wang.pdf"), kinds=[PDF])

    services.submit_reference(asked, letter=letter)

    asked.refresh_from_db()
    assert asked.status == Status.RECEIVED and asked.has_letter_file
    assert asked.letter_path.startswith(f"referees/{asked.application_id}/")
    assert (asked.letter_name, asked.letter_size, asked.letter_pages) == (
        "Lettre Wang.pdf",
        len(content),
        2,
    )
    with asked.open_letter() as stored:
        assert stored.read() == content
    (entry,) = audit(asked.application, "reference_received")
    assert entry.data["kind"] == "file" and entry.user is None


def test_a_form_letter_keeps_its_answers(asked):
    services.submit_reference(asked, answers=ANSWERS)

    asked.refresh_from_db()
    assert asked.form_answers == ANSWERS and not asked.has_letter_file
    assert ("Your recommendation", "Recommend with reservations") in asked.form_answer_rows()


def test_the_letter_is_acknowledged_to_each_in_their_language_without_its_content(asked):
    services.submit_reference(asked, answers=ANSWERS)

    receipt, note = outbox()
    assert receipt.to == asked.email and receipt.language == "en"
    assert receipt.subject.startswith("Thank you: your letter for")
    assert asked.token not in receipt.body_text
    assert note.to == asked.application.applicant.email
    assert note.language == "zh-hans"  # the applicant's language
    assert "Prof. Wang 1" in note.subject
    for email in (receipt, note):
        assert "frankly" not in email.body_text and "frankly" not in email.body_html
        assert "Recommend with reservations" not in email.body_text


def test_a_letter_closes_the_link(asked):
    services.submit_reference(asked, answers=ANSWERS)

    with pytest.raises(Referee.DoesNotExist):
        Referee.objects.by_token(asked.token)


def test_a_second_letter_is_refused_and_its_file_removed(asked, private_storage):
    services.submit_reference(asked, answers=ANSWERS)
    letter = check_upload(upload(pdf_bytes()), kinds=[PDF])

    with pytest.raises(RefereeError, match="already been received"):
        services.submit_reference(asked, letter=letter)

    asked.refresh_from_db()
    assert asked.form_answers == ANSWERS and not asked.letter_path
    _folders, files = private_storage.listdir(f"referees/{asked.application_id}")
    assert files == []


def test_letters_are_accepted_until_fourteen_days_after_the_close(asked):
    closes_at = asked.application.call.closes_at

    with pytest.raises(RefereeError, match="no longer accepted"):
        services.submit_reference(asked, answers=ANSWERS, now=closes_at + timedelta(days=14))
    services.submit_reference(asked, answers=ANSWERS, now=closes_at + timedelta(days=13))

    asked.refresh_from_db()
    assert asked.status == Status.RECEIVED


def test_no_letter_is_accepted_once_the_decisions_are_released(asked):
    call = asked.application.call
    call.decision_release_at = call.closes_at + timedelta(days=3)
    call.save()

    with pytest.raises(RefereeError, match="no longer accepted"):
        services.submit_reference(asked, answers=ANSWERS, now=call.closes_at + timedelta(days=4))


def test_a_withdrawn_application_takes_no_letter(asked):
    Application.objects.filter(pk=asked.application_id).update(status=ApplicationStatus.WITHDRAWN)
    asked.refresh_from_db()

    with pytest.raises(RefereeError, match="no longer accepted"):
        services.submit_reference(asked, answers=ANSWERS)


# --- Completeness -----------------------------------------------------------------------------


def test_the_application_misses_referees_until_enough_are_asked(application, applicant):
    missing = [item for item in application.missing_items() if item.step == "referees"]
    assert [str(item.label) for item in missing] == ["2 referees still to ask"]

    ask(application, applicant, 1)
    (item,) = application.missing_items("referees")
    assert str(item.label) == "1 referee still to ask"

    ask(application, applicant, 2)
    assert application.missing_items("referees") == []


def test_a_replaced_referee_leaves_a_gap_until_the_replacement_is_asked(application, applicant):
    first, _second = ask(application, applicant, 1), ask(application, applicant, 2)
    Referee.objects.filter(pk=first.pk).update(status=Status.REPLACED)

    assert [item.field for item in application.missing_items("referees")] == ["name"]


@pytest.mark.parametrize(
    ("full_name", "passport", "shown"),
    [
        ("李娜", "LI NA", "李娜 (LI NA)"),
        ("Camille Moreau", "MOREAU Camille", "Camille Moreau"),
        ("Camille Moreau", "", "Camille Moreau"),
        ("", "LI NA", "LI NA"),
    ],
)
def test_the_referee_knows_the_applicant_by_name_and_passport_spelling(
    make_applicant, paris_call, full_name, passport, shown
):
    applicant = make_applicant(email="someone@example.org", full_name=full_name)
    application = Application.objects.create(
        call=paris_call, applicant=applicant, passport_name=passport
    )

    referee = Referee(application=application)

    assert referee.applicant_name == shown


def test_a_replacement_at_the_limit_is_accepted(application, applicant):
    referees = [ask(application, applicant, n) for n in range(1, 5)]  # two more than asked for

    new = services.replace_referee(referees[0], by=applicant, details=details(9))

    assert new.status == Status.REQUESTED
