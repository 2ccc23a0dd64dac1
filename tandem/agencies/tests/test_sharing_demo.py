"""The demo's shares about Isla Morgan seed without error, twice (idempotent): both on Emma's
consent, each with its items, its export record, and the SLT link opened once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.agencies.demo import sharing as demo
from tandem.agencies.demo.directory import HEALTH_VISITING, SLT
from tandem.agencies.models import Share
from tandem.agencies.selectors.sharing import family_shares, render_pack
from tandem.core.models import ExportRecord, Setting


@pytest.mark.django_db
def test_demo_seeds_two_shares_for_isla(settings: Any, tmp_path: Any) -> None:
    settings.TANDEM_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name="Willowbrook Community Preschool")
    demo.seed(setting=setting)  # again: nothing new
    shares = Share.objects.filter(child__first_name="Isla", child__last_name="Morgan", professional__isnull=True)
    assert {s.agency.name for s in shares if s.agency} == {SLT, HEALTH_VISITING}
    for share in shares:
        assert share.status == "shared" and share.basis == "consent" and share.consent_by
        assert share.consent_by.first_name == "Emma" and share.items.exists()
        assert [e.label for e in render_pack(share)] == list(share.items.values_list("label", flat=True))
    slt = shares.get(agency__name=SLT)
    assert slt.delivery == "link" and slt.openings.count() == 1 and slt.token_hash
    whats = set(ExportRecord.objects.filter(child_id=slt.child_id).values_list("what", flat=True))
    assert {f"Share pack for {SLT}", f"Share pack for {HEALTH_VISITING}"} <= whats
    assert set(shares) <= set(family_shares(slt.child))
