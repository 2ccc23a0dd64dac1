"""The demo's directory and signposting seed without error, twice (idempotent), and give later
demos the agencies they look up by name."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command

from tandem.agencies.demo import directory as demo
from tandem.agencies.models import Agency, AgencyContact, Signposting
from tandem.core.models import Setting

DRAMA_PHONE = re.compile(r"^(01632 960\d{3}|0808 157 0\d{3})$")


@pytest.mark.django_db
def test_demo_seeds_the_directory_once(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    counts = (Agency.objects.count(), AgencyContact.objects.count(), Signposting.objects.count())
    demo.seed(setting=setting)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Agency.objects.count(), AgencyContact.objects.count(), Signposting.objects.count()) == counts

    agencies = Agency.objects.filter(setting=setting)
    mine = agencies.filter(name__in=[entry.name for entry in demo.DIRECTORY])
    assert mine.count() == len(demo.DIRECTORY) >= 16
    assert set(mine.values_list("category", flat=True)) == set(Agency.Category.values)
    assert mine.filter(reach=Agency.Reach.NATIONAL).count() >= 2
    for agency in mine:
        assert DRAMA_PHONE.match(agency.phone), agency.phone
        assert not agency.email or agency.email.endswith((".example.org", "@example.org", ".invalid"))
        assert not agency.website or agency.website.startswith("https://")
    for contact in AgencyContact.objects.filter(agency__in=mine):
        assert not contact.phone or DRAMA_PHONE.match(contact.phone), contact.phone
        assert contact.email.endswith(".example.org")

    # the agencies later demos look up by name, with a named contact each
    for name in (demo.HEALTH_VISITING, demo.SLT, demo.AREA_SENCO, demo.EARLY_YEARS, demo.SOCIAL_CARE, demo.SCHOOL):
        assert agencies.get(name=name).contacts.exists(), name
    assert agencies.get(name=demo.SOCIAL_CARE).show_to_families is False
    assert agencies.get(name=demo.SOCIAL_CARE).category == Agency.Category.SOCIAL_CARE
    assert agencies.get(name=demo.SCHOOL).category == Agency.Category.SCHOOL
    assert agencies.get(name=demo.AREA_SENCO).category == Agency.Category.SEND
    assert agencies.get(name=demo.EARLY_YEARS).category == Agency.Category.EARLY_YEARS
    assert "Polish" in agencies.get(name=demo.POLISH, category="cultural").languages
    assert "Urdu" in agencies.get(name=demo.SOUTH_ASIAN, category="cultural").languages

    morgans = Signposting.objects.filter(child__last_name="Morgan", child__setting=setting)
    assert morgans.count() == 2
    assert morgans.filter(shared_with_family=True).count() == 1
    assert {s.adult.first_name for s in morgans if s.adult} == {"Emma"}
    assert all(s.recorded_by for s in morgans)
