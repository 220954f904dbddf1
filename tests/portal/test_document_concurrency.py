"""Two simultaneous issues of one document give one active document, also when they re-issue a
revoked one: the partial unique constraint decides, not the check before the insert.

A delay between the check ("none active yet") and the insert lets every client pass the check
before any inserts, so without the constraint each would issue its own document. The race runs
on SQLite and, in CI's second stage, on PostgreSQL.
"""

import threading
import time

import pytest
from django.db import connection

from portal.documents import revoke_document, services
from portal.models import IssuedDocument
from tests.portal import decision_letter

CLIENTS = 8

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def slow_check(monkeypatch):
    original = services.issued_document

    def slow(subject, *, kind):
        found = original(subject, kind=kind)
        time.sleep(0.05)
        return found

    monkeypatch.setattr(services, "issued_document", slow)


def _race(applicant, reissue=False):
    barrier = threading.Barrier(CLIENTS)
    codes, errors = [], []

    def client():
        try:
            barrier.wait()
            document, _created = decision_letter.issue(applicant, reissue=reissue)
            codes.append(document.code)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[:3]
    return codes


def test_simultaneous_issues_and_re_issues_give_one_active_document(user_factory, slow_check):
    decision_letter.register()
    try:
        applicant = user_factory()

        first = _race(applicant)
        active = IssuedDocument.objects.filter(kind=decision_letter.KIND, revoked_at=None)
        assert active.count() == 1 and set(first) == {active.get().code}

        revoke_document(active.get(), by=None, reason="Wrong programme")
        again = _race(applicant, reissue=True)  # staff re-issuing it from two tabs
        assert active.count() == 1 and set(again) == {active.get().code}
        assert active.get().code not in first
        assert IssuedDocument.objects.filter(kind=decision_letter.KIND).count() == 2
    finally:
        decision_letter.unregister()
