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
