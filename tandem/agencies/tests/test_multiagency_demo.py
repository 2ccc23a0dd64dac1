"""The demo's multi-agency work and child protection plan: Isla Morgan's referral to speech and
language therapy and her team around the child meeting (seen by her mum); a child protection plan on
another child (never the Morgans), marked as demo data and seen only by the DSL, the manager and his
key person. Seeding twice changes nothing; without the directory, nothing is made and nothing fails."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.agencies.demo import directory, multiagency, protection, sharing
from tandem.agencies.models import AgencyAction, AgencyMeeting, ProtectionPlan, ProtectionTask, Referral
from tandem.conftest import login
from tandem.core.models import User
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child

MODELS = (Referral, AgencyMeeting, AgencyAction, ProtectionPlan, ProtectionTask)


def counts() -> dict[str, int]:
    return {m.__name__: m._default_manager.count() for m in MODELS}


@pytest.mark.django_db
def test_without_the_directory_only_the_plan_is_made(settings: Any) -> None:
    loader = seed_demo.Loader()
    loader.run()
    multiagency.seed(setting=loader.setting)
    protection.seed(setting=loader.setting)
    assert not Referral.objects.exists() and not AgencyMeeting.objects.filter(kind="tac").exists()
    assert ProtectionPlan.objects.count() == 1


@pytest.mark.django_db
def test_demo(client: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    loader = seed_demo.Loader()
    loader.run()
    first: dict[str, int] = {}
    for n in range(2):
        for module in (directory, multiagency, protection, sharing):  # the order seed_demo runs them in
            module.seed(setting=loader.setting)
        first = first or counts()
    assert counts() == first
    isla = Child.objects.get(first_name="Isla", last_name="Morgan")
    referral = Referral.objects.get(child=isla)
    assert referral.agency.name == directory.SLT and not referral.safeguarding and referral.shared_with_family
    assert referral.share is not None  # linked on the second run, once the sharing demo made it
    tac = AgencyMeeting.objects.get(child=isla, kind=AgencyMeeting.Kind.TEAM_AROUND_CHILD)
    assert tac.shared_with_family and tac.actions.count() == 3
    # no child protection plan, nor any safeguarding work, for the Morgans
    assert not ProtectionPlan.objects.filter(child__last_name="Morgan").exists()
    assert not Referral.objects.filter(child__last_name="Morgan", safeguarding=True).exists()
    assert not AgencyMeeting.objects.filter(child__last_name="Morgan", safeguarding=True).exists()
    plan = ProtectionPlan.objects.get()
    assert plan.child.last_name != "Morgan" and "(demo)" in plan.lead_professional
    assert all(t.task.startswith("(Demo)") for t in plan.tasks.all())

    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    login(client, emma)
    page = client.get(reverse("agencies:multiagency_family", args=[isla.pk])).content.decode()
    assert directory.SLT.replace("'", "&#x27;") in page and "sound games" in page
    amira = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    login(client, amira)
    assert client.get(reverse("agencies:protection_child", args=[plan.child_id])).status_code == 200
    for email in (seed_demo.DEPUTY_EMAIL, seed_demo.SENCO_EMAIL):
        login(client, User.objects.get(email=email))
        assert client.get(reverse("agencies:protection_child", args=[plan.child_id])).status_code == 404
        page = client.get(reverse("agencies:multiagency_child", args=[plan.child_id])).content.decode()
        assert "Child protection conference" not in page and "Social Care" not in page
