"""Archive every child who has left and is not archived yet (R67). Run daily from cron:
``manage.py archive_leavers``. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.records.services.retention import archive_leavers


class Command(BaseCommand):
    help = "Archive every child who has left (leaving date today or earlier) and is not archived yet."

    def handle(self, *args: Any, **options: Any) -> None:
        n = archive_leavers(actor=None)
        self.stdout.write(f"Archived {n} child{'ren' if n != 1 else ''} who had left.")
