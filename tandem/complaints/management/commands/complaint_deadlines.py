"""``manage.py complaint_deadlines``: send every complaint reminder and escalation that is due.

The task queue normally does this at the right moment; run this after the worker was down (or
from cron as a safety net). Each reminder and escalation happens once, however often it runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.complaints.tasks_deadlines import check_all_deadlines


class Command(BaseCommand):
    help = "Send the complaint deadline reminders and escalations that are due and have not been sent."

    def handle(self, *args: Any, **options: Any) -> None:
        done = check_all_deadlines.call()
        self.stdout.write(f"Reminders sent: {done['reminded']}. Missed deadlines escalated: {done['missed']}.")
