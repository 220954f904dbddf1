"""The periodic jobs in-process, for the embedded default (`make run`), where no beat runs.

CELERY_BEAT_SCHEDULE is the one list of periodic jobs: beat dispatches it in production; under
`manage.py serve` a daemon thread of the serving process runs the same tasks in-process on the
same intervals. It is started by that command only: never in tests, gunicorn or migrate.
"""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections

logger = logging.getLogger(__name__)

TICK_SECONDS = 1


def _seconds(every):
    if isinstance(every, timedelta):
        return every.total_seconds()
    if isinstance(every, int | float):
        return float(every)
    # A crontab would need beat's own calendar logic: the embedded default has no such entry.
    raise TypeError(f"in-process schedule supports seconds or timedelta, not {every!r}")


def run_task(name):
    """Run the Celery task `name` here and now, as a worker would."""
    from portal.celery import app

    # Celery imports the apps' tasks modules lazily (a worker does it when it starts).
    app.loader.import_default_modules()
    return app.tasks[name]()


class Scheduler:
    """Runs each job of `schedule` (a CELERY_BEAT_SCHEDULE) every `schedule` seconds.

    Every job is due at the start, so a newcomer sees the sweep and reminders run at once.
    `run` and `clock` are injectable so that tick() can be tested without waiting.
    """

    def __init__(self, schedule, *, run=run_task, clock=time.monotonic):
        self.intervals = {entry["task"]: _seconds(entry["schedule"]) for entry in schedule.values()}
        self.run = run
        self.clock = clock
        self.next_due = dict.fromkeys(self.intervals, clock())

    def tick(self):
        """Run every job that is due, once each; return the names of those run."""
        now = self.clock()
        due = [name for name, at in self.next_due.items() if at <= now]
        for name in due:
            self.next_due[name] = now + self.intervals[name]
            self._run_one(name)
        return due

    def _run_one(self, name):
        try:
            result = self.run(name)
        except Exception:  # one failing job must not stop the others or the next ticks
            logger.exception("Periodic job %s failed", name)
        else:
            logger.info("Periodic job %s: %s", name, result)

    def run_forever(self, stop):
        while not stop.wait(TICK_SECONDS):
            self.tick()
            close_old_connections()  # this thread's own connection, as after a request


_lock = threading.Lock()
_started = None


def start_in_background():
    """Start the scheduler thread once per process; return it (None when beat's job)."""
    global _started
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        return None  # a broker is configured: celery beat runs the schedule
    with _lock:
        if _started is None:
            scheduler = Scheduler(settings.CELERY_BEAT_SCHEDULE)
            _started = threading.Thread(
                target=scheduler.run_forever,
                args=(threading.Event(),),
                name="periodic-jobs",
                daemon=True,
            )
            _started.start()
    return _started
