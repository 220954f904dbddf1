from django.core.management.commands.runserver import Command as RunserverCommand

from portal import scheduler


class Command(RunserverCommand):
    help = (
        "runserver, plus the periodic jobs of CELERY_BEAT_SCHEDULE (outbox sweep, seminar "
        "reminders, thank-yous) in-process when no broker is configured: `make run`'s beat."
    )

    def inner_run(self, *args, **options):
        # inner_run runs in the serving process only (the autoreloader's child, or the one
        # process with --noreload), not in the reloader's watching parent: one scheduler.
        if scheduler.start_in_background():
            self.stdout.write("Periodic jobs (outbox sweep, reminders, thank-yous) run in-process.")
        super().inner_run(*args, **options)
