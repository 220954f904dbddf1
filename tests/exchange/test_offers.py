"""Offers: the selected applicant accepts or declines before the deadline (their own offer
only, once); an unanswered offer lapses; a declined or lapsed place goes to the best reserve,
who gets a deadline of their own, a new letter and an email; coordinators are told."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import letters
from exchange.choices import ApplicationStatus
from exchange.models import Application
from exchange.services import decisions, offers, submission
from exchange.services.drafts import ApplicationError
from portal.documents import issued_document
from portal.models import IssuedDocument, OutboundEmail
from tests.exchange.decision_helpers import (
    coordinators_group,
    grant_decisions,
    in_review,
    release_date_passed,
)

pytestmark = pytest.mark.django_db
Status = ApplicationStatus


@pytest.fixture
def coordinator(staff):
    user = staff("Programme coordinators", email="coordinator@example.org", full_name="Zhou Min")
    return grant_decisions(user)


@pytest.fixture
def released(call, make_applicant, coordinator):
    """A released call of two places: two selected, three reserves (ranks 1–3), one not
    selected. released(name) is the application, freshly read."""
    call.places = 2
    call.save()
    names = ["first", "second", "reserve1", "reserve2", "reserve3", "rejected"]
    languages = {"first": "zh-hans", "reserve1": "fr"}
    applications = {
        name: in_review(
            call,
            make_applicant(
                email=f"{name}@example.org",
                full_name=name.title(),
                preferred_language=languages.get(name, "en"),
            ),
        )
        for name in names
    }
    for name, application in applications.items():
        outcome = Status.SELECTED if name in ("first", "second") else Status.RESERVE
        outcome = Status.NOT_SELECTED if name == "rejected" else outcome
        decisions.decide_application(application, by=coordinator, outcome=outcome)
    release_date_passed(call)
    decisions.release_decisions(call)
    OutboundEmail.objects.all().delete()

    def get(name):
        return Application.objects.select_related("call", "applicant").get(pk=applications[name].pk)

    return get


def kinds_to(address):
    return sorted(OutboundEmail.objects.filter(to=address).values_list("kind", flat=True))


def test_the_selected_applicant_accepts_before_the_deadline(released, coordinator):
    application = released("first")

    accepted = offers.accept_offer(application, by=application.applicant)

    assert accepted.status == Status.OFFER_ACCEPTED and accepted.offer_answered_at
    assert ModelLogEntry.objects.filter(action="exchange.application.offer_accepted").exists()
    (confirmation,) = OutboundEmail.objects.filter(to="first@example.org")
    assert confirmation.kind == "exchange.application.offer_accepted"
    assert confirmation.language == "zh-hans"
    (notice,) = OutboundEmail.objects.filter(to=coordinator.email)
    assert notice.kind == "exchange.application.coordinator_notice"
    assert "First accepted the place" in notice.body_text


def test_an_offer_is_answered_once(released):
    application = released("first")
    offers.accept_offer(application, by=application.applicant)

    with pytest.raises(ApplicationError):
        offers.decline_offer(application, by=application.applicant)
    assert released("first").status == Status.OFFER_ACCEPTED


def test_no_answer_after_the_deadline(released):
    application = released("first")
    late = application.offer_deadline + timedelta(seconds=1)

    with pytest.raises(ApplicationError, match="deadline"):
        offers.accept_offer(application, by=application.applicant, now=late)
    with pytest.raises(ApplicationError, match="deadline"):
        offers.decline_offer(application, by=application.applicant, now=late)
    assert released("first").status == Status.SELECTED


def test_only_the_owner_answers_their_offer(released):
    application = released("first")

    with pytest.raises(ApplicationError):
        offers.accept_offer(application, by=released("second").applicant)
    assert released("first").status == Status.SELECTED


def test_an_unreleased_selection_cannot_be_answered(call, make_applicant, coordinator):
    application = in_review(call, make_applicant(email="early@example.org"))
    decisions.decide_application(application, by=coordinator, outcome=Status.SELECTED)
    Application.objects.filter(pk=application.pk).update(
        offer_deadline=timezone.now() + timedelta(days=5)
    )

    with pytest.raises(ApplicationError):
        offers.accept_offer(application, by=application.applicant)


@pytest.mark.parametrize("name", ["reserve1", "rejected"])
def test_only_a_selected_applicant_has_an_offer(released, name):
    application = released(name)

    with pytest.raises(ApplicationError):
        offers.accept_offer(application, by=application.applicant)


def test_a_decline_keeps_its_reason_tells_the_coordinators_and_promotes_the_first_reserve(
    released, coordinator
):
    application = released("second")
    now = timezone.now()

    offers.decline_offer(
        application, by=application.applicant, reason="My department needs me.", now=now
    )

    declined = released("second")
    assert declined.status == Status.OFFER_DECLINED
    assert declined.decline_reason == "My department needs me."
    notices = OutboundEmail.objects.filter(to=coordinator.email)
    assert any("My department needs me." in notice.body_text for notice in notices)
    promoted = released("reserve1")
    assert promoted.status == Status.SELECTED
    assert promoted.offer_deadline == now + timedelta(days=promoted.call.reserve_response_days)
    assert kinds_to("reserve1@example.org") == ["exchange.application.promoted"]
    assert OutboundEmail.objects.get(to="reserve1@example.org").language == "fr"
    assert released("reserve2").status == Status.RESERVE
    assert kinds_to("second@example.org") == ["exchange.application.offer_declined"]


def test_a_promoted_reserve_gets_a_new_letter_and_the_old_one_is_revoked(released):
    reserve = released("reserve1")
    old = issued_document(reserve, kind=letters.KIND)
    assert old.details["decision"] == "reserve"

    offers.decline_offer(released("first"), by=released("first").applicant)

    old.refresh_from_db()
    new = issued_document(reserve, kind=letters.KIND)
    assert old.revoked_at is not None
    assert new.code != old.code and new.details["decision"] == "selected"
    assert new.details["offer_deadline"] is not None


def test_the_promoted_reserve_can_accept_within_their_own_deadline(released):
    offers.decline_offer(released("first"), by=released("first").applicant)
    promoted = released("reserve1")

    offers.accept_offer(promoted, by=promoted.applicant)

    assert released("reserve1").status == Status.OFFER_ACCEPTED


def test_reserves_are_promoted_in_the_order_of_their_ranks(released):
    offers.decline_offer(released("first"), by=released("first").applicant)
    offers.decline_offer(released("reserve1"), by=released("reserve1").applicant)

    assert released("reserve2").status == Status.SELECTED
    assert released("reserve3").status == Status.RESERVE


@pytest.mark.parametrize("accepted_first", [False, True], ids=["offered", "accepted"])
def test_withdrawing_a_released_place_gives_it_to_the_first_reserve(released, accepted_first):
    first = released("first")
    if accepted_first:
        offers.accept_offer(first, by=first.applicant)

    submission.withdraw_application(released("first"), by=first.applicant, reason="Visa refused.")

    assert released("first").status == Status.WITHDRAWN
    assert released("reserve1").status == Status.SELECTED
    assert kinds_to("reserve1@example.org") == ["exchange.application.promoted"]
    assert released("reserve2").status == Status.RESERVE


def test_the_withdraw_page_warns_a_place_holder_that_the_place_goes_to_a_reserve(client, released):
    held, reserve = released("first"), released("reserve1")
    warning = "once you withdraw, it goes to the next applicant on the reserve list"

    client.force_login(held.applicant)
    shown = client.get(f"/en/my/applications/{held.pk}/withdraw/").content.decode()
    client.force_login(reserve.applicant)
    not_shown = client.get(f"/en/my/applications/{reserve.pk}/withdraw/").content.decode()

    assert warning in shown
    assert warning not in not_shown


def test_withdrawing_an_unreleased_selection_promotes_nobody_before_the_release(
    call, make_applicant, coordinator
):
    chosen, reserve = (
        in_review(call, make_applicant(email=f"{name}@example.org")) for name in ("a", "b")
    )
    decisions.decide_application(chosen, by=coordinator, outcome=Status.SELECTED)
    decisions.decide_application(reserve, by=coordinator, outcome=Status.RESERVE)

    submission.withdraw_application(chosen, by=chosen.applicant)

    reserve.refresh_from_db()
    assert reserve.status == Status.RESERVE and reserve.decision_released_at is None


def test_an_accepted_offer_promotes_nobody(released):
    offers.accept_offer(released("first"), by=released("first").applicant)

    assert released("reserve1").status == Status.RESERVE


def test_no_promotion_while_the_places_are_still_held(released, call):
    call.places = 1  # the committee selected more than the places on purpose
    call.save()

    offers.decline_offer(released("first"), by=released("first").applicant)

    assert released("reserve1").status == Status.RESERVE


def test_promotion_with_an_empty_reserve_list_does_nothing(call, released):
    for name in ("reserve1", "reserve2", "reserve3"):
        Application.objects.filter(pk=released(name).pk).update(status=Status.WITHDRAWN)

    offers.decline_offer(released("first"), by=released("first").applicant)

    assert offers.promote_reserve(call) is None


# Lapsing.


def test_an_unanswered_offer_lapses_after_its_deadline_and_promotes_a_reserve(
    released, coordinator
):
    after = released("first").offer_deadline + timedelta(minutes=1)

    assert offers.lapse_offers(now=after) == 2  # both selected applicants stayed silent

    assert released("first").status == Status.OFFER_LAPSED
    assert kinds_to("first@example.org") == ["exchange.application.offer_lapsed"]
    assert released("reserve1").status == released("reserve2").status == Status.SELECTED
    assert released("reserve3").status == Status.RESERVE
    assert ModelLogEntry.objects.filter(action="exchange.application.offer_lapsed").count() == 2
    assert OutboundEmail.objects.filter(to=coordinator.email).count() == 4  # 2 lapsed, 2 promoted


def test_nothing_lapses_before_the_deadline_nor_once_answered(released):
    offers.accept_offer(released("first"), by=released("first").applicant)
    deadline = released("second").offer_deadline

    assert offers.lapse_offers(now=deadline - timedelta(minutes=1)) == 0
    assert offers.lapse_offers(now=deadline + timedelta(minutes=1)) == 1
    assert released("first").status == Status.OFFER_ACCEPTED
    assert offers.lapse_offers(now=deadline + timedelta(minutes=2)) == 0


def test_the_coordinators_group_is_who_hears_of_answers(released, staff):
    outsider = staff("Editors", email="editor@example.org")
    assert coordinators_group().user_set.filter(pk=outsider.pk).exists() is False

    offers.accept_offer(released("first"), by=released("first").applicant)

    assert not OutboundEmail.objects.filter(to=outsider.email).exists()


# The applicant's pages.


@pytest.fixture
def offer_url():
    def url(application):
        return reverse("exchange:offer", args=(application.pk,))

    return url


def test_the_offer_page_shows_the_deadline_in_both_clocks_and_both_answers(
    client, released, offer_url
):
    application = released("second")
    client.force_login(application.applicant)

    page = client.get(offer_url(application)).content.decode()

    assert "A place is offered to you" in page
    assert "Changsha" in page and "Paris" in page
    assert 'value="accept"' in page and 'value="decline"' in page


def test_accepting_from_the_offer_page_confirms_it(client, released, offer_url):
    application = released("second")
    client.force_login(application.applicant)

    response = client.post(offer_url(application), {"action": "accept"}, follow=True)

    page = response.content.decode()
    assert "You have accepted your place." in page
    assert "Place accepted" in page and 'value="accept"' not in page
    assert released("second").status == Status.OFFER_ACCEPTED


def test_declining_from_the_offer_page_with_a_reason(client, released, offer_url):
    application = released("second")
    client.force_login(application.applicant)

    client.post(offer_url(application), {"action": "decline", "reason": "Family reasons."})

    declined = released("second")
    assert declined.status == Status.OFFER_DECLINED and declined.decline_reason == "Family reasons."


def test_a_late_answer_from_the_page_is_refused_with_the_reason(client, released, offer_url):
    application = released("second")
    Application.objects.filter(pk=application.pk).update(
        offer_deadline=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(application.applicant)

    response = client.post(offer_url(application), {"action": "accept"}, follow=True)

    assert "The deadline to answer" in response.content.decode()
    assert released("second").status == Status.SELECTED


def test_an_unknown_answer_is_a_bad_request(client, released, offer_url):
    application = released("second")
    client.force_login(application.applicant)

    assert client.post(offer_url(application), {"action": "maybe"}).status_code == 400
    assert released("second").status == Status.SELECTED


@pytest.mark.parametrize("name", ["reserve1", "rejected"])
def test_there_is_no_offer_page_without_an_offer(client, released, offer_url, name):
    application = released(name)
    client.force_login(application.applicant)

    assert client.get(offer_url(application)).status_code == 404


def test_another_applicant_gets_404_for_the_offer_and_the_letter(client, released, offer_url):
    application = released("first")
    client.force_login(released("second").applicant)

    assert client.get(offer_url(application)).status_code == 404
    assert client.post(offer_url(application), {"action": "decline"}).status_code == 404
    letter = reverse("exchange:decision_letter", args=(application.pk,))
    assert client.get(letter).status_code == 404
    assert released("first").status == Status.SELECTED


def test_a_visitor_not_signed_in_is_asked_to_sign_in_for_the_offer(client, released, offer_url):
    response = client.get(offer_url(released("first")))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_links_the_offer_page_while_it_is_open(client, released, offer_url):
    application = released("second")
    client.force_login(application.applicant)

    page = client.get("/en/my/").content.decode()

    assert offer_url(application) in page and "Accept or decline the place" in page
    assert IssuedDocument.objects.filter(object_id=application.pk, kind=letters.KIND).exists()


def test_hostile_ids_and_answers_get_a_clear_answer_never_a_server_error(released):
    from urllib.parse import quote, urlencode

    from django.test import Client

    from tests.test_hostile_input import EVERYWHERE

    browser = Client(raise_request_exception=False)
    application = released("second")
    browser.force_login(application.applicant)
    offer = reverse("exchange:offer", args=(application.pk,))
    for value in EVERYWHERE:
        segment = quote(value, safe="", errors="surrogatepass")
        for url in (
            f"/en/my/applications/{segment}/offer/",
            f"/en/my/applications/{segment}/decision-letter.pdf",
        ):
            assert browser.get(url).status_code < 500, url
        body = urlencode({"action": value, "reason": value}, errors="surrogatepass")
        response = browser.post(offer, body, "application/x-www-form-urlencoded")
        assert response.status_code < 500, value
    assert released("second").status == Status.SELECTED
