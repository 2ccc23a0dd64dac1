"""The demo's information from other agencies seeds without error, twice (idempotent), with its
origin, a consent in force, and a safeguarding note the SENCO does not see."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.agencies.demo import received as demo
from tandem.agencies.models import ReceivedItem
from tandem.agencies.selectors.received import consent_in_force, items_for
from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import DSL_EMAIL, SENCO_EMAIL
from tandem.people.models import Child


@pytest.mark.django_db
def test_demo_seeds_received_information(settings: Any, tmp_path: Any) -> None:
    settings.TANDEM_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name="Willowbrook Community Preschool")
    demo.seed(setting=setting)  # again: nothing new
    assert ReceivedItem.objects.count() == 3
    assessment = ReceivedItem.objects.get(title=demo.ASSESSMENT)
    assert assessment.file and assessment.file.open("rb").read(5) == b"%PDF-"
    consent = consent_in_force(assessment)
    assert consent is not None and "Primary School" in consent.scope
    theo = Child.objects.get(first_name="Theo", last_name="Kaya")
    secret = ReceivedItem.objects.get(child=theo)
    assert secret.safeguarding
    assert secret not in items_for(actor=User.objects.get(email=SENCO_EMAIL), child=theo)
    assert secret in items_for(actor=User.objects.get(email=DSL_EMAIL), child=theo)
