"""Work that should run later: scheduled newsletters, daily digests.

The database task backend runs a task at ``run_after``; a backend that cannot defer (the immediate
backend tests use) runs work that is already due at once and leaves future work alone, so a task
must always re-check, when it runs, that its moment has come (and do nothing otherwise).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django_tasks import default_task_backend


def enqueue_at(task: Any, when: datetime, *args: Any) -> bool:
    """Enqueue ``task(*args)`` to run at ``when`` (now if it is past). Returns whether it was queued."""
    if when <= timezone.now():
        task.enqueue(*args)
        return True
    if default_task_backend.supports_defer:
        task.using(run_after=when).enqueue(*args)
        return True
    return False
