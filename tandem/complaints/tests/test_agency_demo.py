"""The demo's agency complaint and allegation seed without error, twice (idempotent)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.complaints.models import Allegation, Complaint, Deadline
from tandem.complaints.models.agency import AgencyLetter
from tandem.people.management.commands.seed_demo import DSL_EMAIL, JAMAL, MANAGER_EMAIL, OWNER_EMAIL


@pytest.mark.django_db
def test_demo_seeds_an_agency_complaint_and_an_allegation(settings: Any, tmp_path: Any) -> None:
    settings.TANDEM_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    complaint = Complaint.objects.get(track=Complaint.Track.AGENCY, complainant_name="Claire Hollis")
    assert complaint.stage == Complaint.Stage.MANAGER and AgencyLetter.objects.filter(complaint=complaint).count() == 1
    limits = {d.rule: d for d in Deadline.objects.filter(complaint=complaint)}
    assert limits["agency.acknowledge"].met_at and limits["agency.meeting"].met_at is None
    assert "within 28 days" in complaint.steps.get(kind="acknowledged").text
    allegation = Allegation.objects.get(lado_reference="SOM-LADO-2026-0417")
    assert allegation.closed_at and allegation.lado_referred_at and allegation.lado_name
    assert (
        allegation.about is not None
        and allegation.about.email == JAMAL
        and allegation.about.email not in (DSL_EMAIL, MANAGER_EMAIL, OWNER_EMAIL)
    )
