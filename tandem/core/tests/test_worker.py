"""The real task worker: an invitation is queued in the database and the worker sends it."""

from __future__ import annotations

import re
import signal
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks_db.models import DBTaskResult

from tandem.core.roles import SettingRole
from tandem.factories import AdultFactory, SettingMembershipFactory
from tandem.people import services
from tandem.people.models import Invitation

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


@pytest.fixture
def keep_signal_handlers() -> Any:
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_db_worker_sends_the_invitation(transactional_db: None, settings: Any, keep_signal_handlers: None) -> None:
    settings.TASKS = DATABASE_TASKS
    manager = SettingMembershipFactory(role=SettingRole.MANAGER)
    adult = AdultFactory(setting=manager.setting, email="wren@family.example.org")

    # Outside a test transaction: the invitation commits, and its task is queued in the database.
    invitation = services.invite_adult(actor=manager.user, adult=adult)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "tandem.people.tasks.send_invitation"
    assert queued.args_kwargs["args"] == [invitation.pk]  # an id only, never personal data
    assert mail.outbox == []
    assert default_task_backend.get_result(str(queued.id)).status == TaskResultStatus.READY

    out = StringIO()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0, stdout=out, stderr=out)

    result = default_task_backend.get_result(str(queued.id))
    assert result.status == TaskResultStatus.SUCCESSFUL, out.getvalue()
    assert result.return_value is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wren@family.example.org"]
    token = re.search(r"/invitation/([A-Za-z0-9_-]+)/", mail.outbox[0].body).group(1)
    assert Invitation.objects.get(pk=invitation.pk).token_hash == Invitation.hash_token(token)
