"""Bulk actions that call a service per row: each row its own transaction, refusals reported
by name, bugs not swallowed, permissions and Wagtail's bulk-action hooks still in force."""

from html import unescape
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks

from portal.bulk_actions import ServiceBulkAction, failure_summary
from portal.models import User
from portal.workflow import DomainError

pytestmark = pytest.mark.django_db


def rename(user, *, by, suffix="(done)"):
    """A service: refuses accounts whose name starts with "Refused", renames the others."""
    if user.full_name.startswith("Refused"):
        raise DomainError(_("This account is locked."))
    User.objects.filter(pk=user.pk).update(full_name=f"{user.full_name} {suffix} by {by.email}")


class RenameBulkAction(ServiceBulkAction):
    display_name = "Rename"
    aria_label = "Rename the selected accounts"
    action_type = "rename"
    models = [User]
    template_name = "wagtailadmin/bulk_actions/confirmation/base.html"
    required_permission = "portal.change_user"
    service = staticmethod(rename)
    done_message = ngettext_lazy("%(count)d renamed", "%(count)d renamed", "count")

    def row_label(self, user):
        return user.full_name


def run(action_class, *rows, by, ids=None):
    """POST the confirmation of `action_class` for `rows`, as `by`; returns (response, messages)."""
    ids = [row.pk for row in rows] if ids is None else ids
    query = urlencode([*(("id", pk) for pk in ids), ("next", "/admin/")])
    request = RequestFactory().post(f"/admin/bulk/portal/user/{action_class.action_type}/?{query}")
    request.user = by
    request._messages = CookieStorage(request)
    response = action_class(request, User).dispatch(request)
    return response, [unescape(str(message)).strip() for message in get_messages(request)]


def names(*users):
    return [User.objects.get(pk=user.pk).full_name for user in users]


@pytest.fixture
def admin(user_factory):
    return user_factory(email="admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def accounts(user_factory):
    return [
        user_factory(email="wang@example.org", full_name="Wang Fang"),
        user_factory(email="refused1@example.org", full_name="Refused Hélène Dupré"),
        user_factory(email="zhang@example.org", full_name="Zhang Wei"),
        user_factory(email="refused2@example.org", full_name="Refused 李娜"),
    ]


def test_each_row_goes_through_the_service_as_the_user_and_refusals_are_named(admin, accounts):
    response, messages = run(RenameBulkAction, *accounts, by=admin)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert names(*accounts) == [
        "Wang Fang (done) by admin@example.org",
        "Refused Hélène Dupré",
        "Zhang Wei (done) by admin@example.org",
        "Refused 李娜",
    ]
    assert messages == [
        "2 renamed; 2 could not be: This account is locked. (Refused Hélène Dupré, Refused 李娜)"
    ]


def test_without_refusals_the_done_message_alone_is_shown(admin, accounts):
    _response, messages = run(RenameBulkAction, accounts[0], accounts[2], by=admin)

    assert messages == ["2 renamed"]


def test_a_plain_function_as_service_is_not_bound_to_the_view(admin, accounts):
    class Plain(RenameBulkAction):
        service = rename  # read from the class: never called with the view as first argument

    run(Plain, accounts[0], by=admin)

    assert names(accounts[0]) == ["Wang Fang (done) by admin@example.org"]


def test_service_kwargs_reach_the_service(admin, accounts):
    class WithSuffix(RenameBulkAction):
        def service_kwargs(self, user):
            return {"suffix": f"#{user.pk}"}

    run(WithSuffix, accounts[0], by=admin)

    assert names(accounts[0]) == [f"Wang Fang #{accounts[0].pk} by admin@example.org"]


def test_a_bug_in_the_service_surfaces_and_the_rows_done_before_it_stay_done(admin, accounts):
    def crash_on_zhang(user, *, by):
        if user.full_name == "Zhang Wei":
            raise RuntimeError("a bug, not a refusal")
        rename(user, by=by)

    class Crashing(RenameBulkAction):
        service = staticmethod(crash_on_zhang)

    with pytest.raises(RuntimeError):
        run(Crashing, accounts[0], accounts[2], by=admin)

    # Under Wagtail's own form_valid the whole action was one transaction: Wang Fang's rename
    # would have been rolled back with the crash.
    assert names(accounts[0], accounts[2]) == ["Wang Fang (done) by admin@example.org", "Zhang Wei"]


def test_a_refused_rows_partial_writes_are_rolled_back_with_it(admin, accounts):
    def write_then_refuse(user, *, by):
        User.objects.filter(pk=user.pk).update(full_name="half-done")
        raise DomainError(_("This account is locked."))

    class HalfDone(RenameBulkAction):
        service = staticmethod(write_then_refuse)

    run(HalfDone, accounts[0], by=admin)

    assert names(accounts[0]) == ["Wang Fang"]


def test_rows_out_of_reach_of_check_perm_are_left_alone(admin, accounts):
    class OnlyWang(RenameBulkAction):
        def check_perm(self, user):
            return user.email.startswith("wang")

    run(OnlyWang, accounts[0], accounts[2], by=admin)

    assert names(accounts[0], accounts[2]) == ["Wang Fang (done) by admin@example.org", "Zhang Wei"]


def test_without_the_required_permission_nothing_is_shown_or_done(user_factory, accounts):
    staff = user_factory(email="editor@example.org", is_staff=True)

    with pytest.raises(PermissionDenied):
        run(RenameBulkAction, accounts[0], by=staff)
    assert names(accounts[0]) == ["Wang Fang"]


def test_ids_that_are_not_numbers_or_match_nothing_are_404(admin):
    for ids in (["x"], ["999999"], ["1 OR 1=1"]):
        with pytest.raises(Http404):
            run(RenameBulkAction, by=admin, ids=ids)


def test_a_before_bulk_action_hook_can_still_stop_the_action(admin, accounts):
    def refuse(request, action_type, objects, action):
        return HttpResponse("refused", status=409) if action_type == "rename" else None

    with hooks.register_temporarily("before_bulk_action", refuse):
        response, _messages = run(RenameBulkAction, accounts[0], by=admin)

    assert response.status_code == 409
    assert names(accounts[0]) == ["Wang Fang"]


def test_after_bulk_action_hooks_see_the_rows_acted_on(admin, accounts):
    seen = []

    def after(request, action_type, objects, action):
        seen.append((action_type, [user.pk for user in objects]))

    with hooks.register_temporarily("after_bulk_action", after):
        run(RenameBulkAction, accounts[0], by=admin)

    assert seen == [("rename", [accounts[0].pk])]


def test_the_failure_summary_groups_names_by_reason_and_shortens_long_lists():
    failures = [(f"Person {n}", "Locked.") for n in range(7)] + [("Wang Fang", "Too late.")]

    assert failure_summary(failures) == (
        "8 could not be: Locked. (Person 0, Person 1, Person 2, Person 3, Person 4, …); "
        "Too late. (Wang Fang)"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_row_is_committed_before_the_next_row_starts(admin, accounts):
    """Nothing wraps the loop: a row's commit (and its on-commit side effects, such as the
    email it queues) happens before the next row begins, and a refusal undoes only its row."""
    committed, committed_when_called = [], []

    def record(user, *, by):
        committed_when_called.append(list(committed))
        transaction.on_commit(lambda: committed.append(user.full_name))
        rename(user, by=by)

    class Recording(RenameBulkAction):
        service = staticmethod(record)

    run(Recording, *accounts[:3], by=admin)

    assert committed_when_called == [[], ["Wang Fang"], ["Wang Fang"]]
    assert committed == ["Wang Fang", "Zhang Wei"]  # the refused row's side effect is dropped
    assert names(accounts[0]) == ["Wang Fang (done) by admin@example.org"]
