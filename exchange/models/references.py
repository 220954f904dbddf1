"""The counter behind application references (HX-2026-0042): one row per year of submission.

The submission locks the year's row (select_for_update) to take the next number, so simultaneous
submissions get distinct, consecutive numbers; SQLite, which has one writer at a time, gets the
same from its write lock. Internal: no page or admin shows it.
"""

from django.db import models


class ReferenceCounter(models.Model):
    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"
