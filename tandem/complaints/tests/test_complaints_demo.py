"""The demo's concerns and complaints seed without error, twice (idempotent), and show the track."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.complaints.demo.complaints import EMMA, LINDA, SANA
from tandem.complaints.models import Complaint
from tandem.core.models import Setting


@pytest.mark.django_db
def test_demo_seeds_concerns_and_complaints(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    ours = Complaint.objects.filter(setting=setting, summary__in=(SANA, EMMA, LINDA)).select_related("child")
    found = {c.child.first_name: c for c in ours if c.child}
    assert set(found) == {"Zara", "Isla", "Ruby"} and ours.count() == 3  # once each, however often it runs
    zara, isla, ruby = found["Zara"], found["Isla"], found["Ruby"]
    assert zara.kind == "concern" and zara.outcome == "resolved" and zara.steps.filter(kind="apologised").exists()
    assert isla.stage == "manager" and isla.raised_by.email.startswith("parent@")
    [open_limit] = isla.deadlines.filter(met_at__isnull=True, cancelled_at__isnull=True)
    assert open_limit.rule == "parent.manager_feedback" and open_limit.due_at > isla.stage_started_at
    assert ruby.outcome == "upheld" and ruby.closed_at and ruby.report.text
    assert ruby.deadlines.get().met_at <= ruby.deadlines.get().due_at
    assert len({c.reference for c in found.values()}) == 3
