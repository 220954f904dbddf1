"""Two simultaneous starts of the same person's application (a double click, two tabs, a retry
over a slow hospital network) give one application: the unique constraint decides, and the
start that loses returns the winner's row."""

import threading
import time

import pytest
from django.db import connection

from exchange import services
from exchange.models import Application
from exchange.services import drafts

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
STARTS = 8


@pytest.fixture
def slow_lookup(monkeypatch):
    """Every start finds no application yet, then waits: all of them race to insert."""
    original = drafts.Application.objects.filter

    def no_application_yet(*args, **kwargs):
        queryset = original(*args, **kwargs)
        time.sleep(0.05)
        return queryset

    monkeypatch.setattr(drafts.Application.objects, "filter", no_application_yet)


def test_simultaneous_starts_give_one_application(applicant, call, slow_lookup):
    barrier = threading.Barrier(STARTS)
    started, errors = [], []

    def start():
        try:
            barrier.wait()
            started.append(services.start_application(call, by=applicant).pk)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(STARTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors, errors[:3]
    assert Application.objects.filter(call=call, applicant=applicant).count() == 1
    assert len(set(started)) == 1 and len(started) == STARTS
