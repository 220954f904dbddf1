import pytest

from portal import mail as outbox
from portal.choices import EmailStatus
from portal.models import OutboundEmail


def _row(**fields):
    defaults = {
        "to": "wang.fang@example.cn",
        "subject": "Confirmation · 确认",
        "body_text": "Bonjour",
        "body_html": "",
        "language": "fr",
        "kind": "tests.notice",
        "attachments": (),
        "reply_to": "",
    }
    return outbox.write_email(**{**defaults, **fields})


@pytest.mark.django_db
def test_moderators_see_status_and_error_in_the_outbox(client, staff):
    failed = _row(to="bounce@example.fr")
    OutboundEmail.objects.filter(pk=failed.pk).update(
        status=EmailStatus.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550"
    )
    _row(to="pending@example.cn")
    client.force_login(staff("Moderators"))

    html = client.get("/admin/outbox/").content.decode()

    assert "bounce@example.fr" in html and "pending@example.cn" in html
    assert "SMTPRecipientsRefused: 550" in html
    assert "Failed" in html and "Pending" in html


@pytest.mark.django_db
def test_outbox_filters_by_status_in_the_database(client, staff, django_assert_max_num_queries):
    for n in range(60):
        _row(to=f"guest{n}@example.org")
    failed = _row(to="bounce@example.fr")
    OutboundEmail.objects.filter(pk=failed.pk).update(status=EmailStatus.FAILED)
    client.force_login(staff("Moderators"))

    with django_assert_max_num_queries(40):
        html = client.get("/admin/outbox/", {"status": "failed"}).content.decode()

    assert "bounce@example.fr" in html
    assert "guest1@example.org" not in html


@pytest.mark.django_db
def test_outbox_is_read_only_even_for_superusers(client, user_factory):
    client.force_login(user_factory(email="root@example.org", is_superuser=True, is_staff=True))
    row = _row()

    assert client.get("/admin/outbox/new/").status_code in (302, 403, 404)
    assert client.get(f"/admin/outbox/edit/{row.pk}/").status_code in (302, 403, 404)
    assert client.get(f"/admin/outbox/delete/{row.pk}/").status_code in (302, 403, 404)
    assert client.get(f"/admin/outbox/inspect/{row.pk}/").status_code == 200


@pytest.fixture
def moderator_in(client, staff):
    """moderator_in("zh-hans"): signed in as a moderator whose admin speaks that language."""
    from wagtail.users.models import UserProfile

    def sign_in(language):
        moderator = staff("Moderators")
        profile = UserProfile.get_for_user(moderator)
        profile.preferred_language = language
        profile.save()
        client.force_login(moderator)
        return client

    return sign_in


@pytest.mark.django_db
def test_the_outbox_says_what_each_email_is_instead_of_its_key(moderator_in):
    declined = _row(kind="seminars.registration.declined", to="declined@example.cn")
    _row(kind="tests.unheard_of", to="other@example.org")
    client = moderator_in("zh-hans")

    listing = client.get("/admin/outbox/").content.decode()
    inspect = client.get(f"/admin/outbox/inspect/{declined.pk}/").content.decode()

    assert "报名未通过" in listing and "报名未通过" in inspect  # "Registration declined"
    rows = {row.split("</tr>")[0] for row in listing.split("<tr") if "@example." in row}
    declined_row = next(row for row in rows if "declined@example.cn" in row)
    other_row = next(row for row in rows if "other@example.org" in row)
    assert "报名未通过" in declined_row
    assert "seminars.registration.declined" not in declined_row
    assert "seminars.registration.declined" not in inspect
    assert "tests.unheard_of" in other_row  # a kind nobody named is shown as its key


@pytest.mark.django_db
def test_the_email_type_filter_offers_the_same_names_and_filters_exactly(moderator_in):
    _row(kind="seminars.registration.declined", to="declined@example.cn")
    _row(kind="seminars.registration.confirmed", to="confirmed@example.cn")
    _row(kind="tests.unheard_of", to="other@example.org")
    client = moderator_in("en")

    response = client.get("/admin/outbox/", {"kind": "seminars.registration.declined"})

    choices = dict(response.context["filters"].form.fields["kind"].choices)
    assert choices["seminars.registration.declined"] == "Registration declined"
    assert choices["seminars.registration.reminder"] == "Reminder before the seminar"
    assert choices["tests.unheard_of"] == "tests.unheard_of"
    listed = {row.to for row in response.context["object_list"]}
    assert "declined@example.cn" in listed
    assert not listed & {"confirmed@example.cn", "other@example.org"}


def test_an_unregistered_kind_is_named_by_its_key():
    from django.utils import translation

    from portal.email_kinds import email_kind_label

    with translation.override("en"):
        assert email_kind_label("seminars.registration.cancelled") == "Registration cancelled"
    assert email_kind_label("exchange.offer.sent") == "exchange.offer.sent"
