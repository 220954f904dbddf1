"""The audit history of an inspected object: newest first, who and when, and only the log data
keys the app names (log data may hold what an inspect view must not show)."""

from datetime import UTC, datetime

import pytest
from django.template.loader import render_to_string
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from portal.history import AuditHistoryMixin, audit_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(user_factory):
    return user_factory(email="wang.fang@example.org", full_name="Wang Fang")


@pytest.fixture
def coordinator(user_factory):
    return user_factory(email="li@example.org", full_name="Li Coordinator")


def at(entry_action, moment):
    ModelLogEntry.objects.filter(action=entry_action).update(timestamp=moment)


def test_entries_come_newest_first_with_label_user_and_only_the_named_details(subject, coordinator):
    log(instance=subject, action="wagtail.create", user=coordinator, data={"round": "1"})
    log(
        instance=subject,
        action="wagtail.edit",
        user=None,
        data={"round": "2", "token": "secret-token", "session": "Morning"},
    )
    at("wagtail.create", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    at("wagtail.edit", datetime(2026, 12, 2, 8, 0, tzinfo=UTC))

    history = audit_history(subject, detail_keys=("session", "round"))

    assert [entry["label"] for entry in history] == ["Edit", "Create"]
    assert [entry["detail"] for entry in history] == ["Morning · 2", "1"]
    assert [entry["user"] for entry in history] == ["system", "Li Coordinator"]
    assert history[0]["timestamp"] == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert "secret-token" not in str(history)


def test_no_detail_is_shown_unless_named(subject):
    log(instance=subject, action="wagtail.edit", data={"subject": "Private message"})

    [entry] = audit_history(subject)

    assert entry["detail"] == ""


def test_an_action_no_longer_registered_shows_its_name(subject):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    retired = ModelLogEntry(  # written before its action was renamed: save() would refuse it
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        label=str(subject),
        action="portal.test.retired",
        timestamp=timezone.now(),
    )
    ModelLogEntry.objects.bulk_create([retired])

    assert [entry["label"] for entry in audit_history(subject)] == ["portal.test.retired"]


def test_only_the_objects_own_entries_and_at_most_the_limit(subject, user_factory):
    other = user_factory(email="other@example.org")
    log(instance=other, action="wagtail.create")
    for _ in range(4):
        log(instance=subject, action="wagtail.edit")

    assert len(audit_history(subject, limit=3)) == 3
    assert len(audit_history(other)) == 1


def test_reading_the_history_costs_the_same_queries_for_2_or_20_entries(
    subject, user_factory, django_assert_max_num_queries
):
    people = [user_factory(email=f"person{n}@example.org") for n in range(20)]
    for person in people[:2]:
        log(instance=subject, action="wagtail.edit", user=person)
    audit_history(subject)  # content types and log actions are cached after the first call
    with django_assert_max_num_queries(1) as small:
        audit_history(subject)
    for person in people[2:]:
        log(instance=subject, action="wagtail.edit", user=person)

    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(audit_history(subject)) == 20


def test_the_mixin_puts_the_history_in_the_inspect_views_context(subject, coordinator):
    class Base:
        def get_context_data(self, **kwargs):
            return kwargs

    class View(AuditHistoryMixin, Base):
        history_detail_keys = ("session",)
        object = subject

    log(instance=subject, action="wagtail.edit", user=coordinator, data={"session": "Morning"})

    context = View().get_context_data(title="Wang Fang")

    assert context["title"] == "Wang Fang"
    assert [entry["detail"] for entry in context["history"]] == ["Morning"]


def test_the_template_lists_each_entry_in_both_clocks_and_says_when_there_is_none(
    subject, coordinator
):
    log(instance=subject, action="wagtail.edit", user=coordinator, data={"session": "Morning"})
    history = audit_history(subject, detail_keys=("session",))

    html = render_to_string("portal/admin/history.html", {"history": history})
    empty = render_to_string("portal/admin/history.html", {"history": []})
    told = render_to_string(
        "portal/admin/history.html", {"history": [], "empty": "Nothing has happened yet."}
    )

    assert "Edit" in html and "· Morning" in html and "Li Coordinator" in html
    assert "<time datetime=" in html
    assert "Changsha" in html and "Paris" in html  # both hospitals' clocks, never the server's
    assert "Nothing has been recorded yet." in empty
    assert "Nothing has happened yet." in told and "Nothing has been recorded" not in told
