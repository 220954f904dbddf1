"""`make run` has no beat: `manage.py serve` runs CELERY_BEAT_SCHEDULE in-process."""

import threading

import pytest
from django.conf import settings
from django.core import mail

from portal import mail as outbox
from portal import scheduler
from portal.choices import EmailStatus

SWEEP = "portal.tasks.sweep_outbox"
REMINDERS = "seminars.tasks.send_seminar_reminders"
THANKS = "seminars.tasks.send_seminar_thanks"
RELEASE = "exchange.tasks.release_due_decisions"
LAPSE = "exchange.tasks.lapse_due_offers"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _scheduler(run):
    clock = Clock()
    return scheduler.Scheduler(settings.CELERY_BEAT_SCHEDULE, run=run, clock=clock), clock


def test_tick_runs_each_due_job_once_on_the_beat_schedule():
    ran = []
    jobs, clock = _scheduler(ran.append)
    timeline = {}
    for elapsed in (0, 20, 30, 31, 300, 900):
        clock.now = 1000.0 + elapsed
        ran.clear()
        jobs.tick()
        timeline[elapsed] = sorted(ran)

    assert timeline == {
        # all due at start: a newcomer sees them run
        0: sorted([SWEEP, REMINDERS, THANKS, RELEASE, LAPSE]),
        20: [],
        30: [SWEEP],
        31: [],
        300: sorted([SWEEP, REMINDERS, RELEASE, LAPSE]),
        900: sorted([SWEEP, REMINDERS, THANKS, RELEASE, LAPSE]),
    }


def test_a_failing_job_does_not_stop_the_others():
    ran = []

    def run(name):
        ran.append(name)
        if name == REMINDERS:
            raise RuntimeError("template missing")

    jobs, _clock = _scheduler(run)

    every = sorted([SWEEP, REMINDERS, THANKS, RELEASE, LAPSE])
    assert sorted(jobs.tick()) == every
    assert sorted(ran) == every


@pytest.mark.django_db
def test_the_in_process_sweep_sends_what_is_pending():
    email = outbox.queue_email(
        to="li.na@example.cn",
        template="test_notice",
        context={"name": "李娜", "message": "Réunion à Créteil"},
        language="zh-hans",
        kind="tests.notice",
    )  # inside the test's transaction: never handed to Celery, as after a failed publish
    jobs = scheduler.Scheduler({"sweep": settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]})

    assert jobs.tick() == [SWEEP]

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["li.na@example.cn"]]


def test_the_scheduler_thread_starts_once_per_process(monkeypatch, settings):
    started = []

    class Recorder(scheduler.Scheduler):
        def run_forever(self, stop):
            started.append(self)

    monkeypatch.setattr(scheduler, "Scheduler", Recorder)
    monkeypatch.setattr(scheduler, "_started", None)
    settings.CELERY_TASK_ALWAYS_EAGER = True

    first, second = scheduler.start_in_background(), scheduler.start_in_background()
    first.join(timeout=5)

    assert first is second
    assert len(started) == 1


def test_no_scheduler_with_a_broker_where_beat_runs_the_schedule(monkeypatch, settings):
    monkeypatch.setattr(scheduler, "_started", None)
    settings.CELERY_TASK_ALWAYS_EAGER = False

    assert scheduler.start_in_background() is None


def test_tests_and_management_commands_start_no_scheduler():
    assert "periodic-jobs" not in [thread.name for thread in threading.enumerate()]
