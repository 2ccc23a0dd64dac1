"""The demo shows the agreement, registration and sessions to a newcomer, and is idempotent."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from tandem.conftest import login
from tandem.core.models import User
from tandem.enrolment.models.contract import AgreementSignature, AgreementVersion
from tandem.enrolment.models.registration import Registration, SessionChangeRequest
from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, PARENT_EMAIL
from tandem.people.models import Child

MODELS = [AgreementVersion, AgreementSignature, Registration, SessionChangeRequest]


def counts() -> dict[str, int]:
    return {m.__name__: m._default_manager.count() for m in MODELS}


@pytest.mark.django_db
def test_demo_agreement_registration_and_sessions(client: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
    assert first["AgreementVersion"] == 2 and first["AgreementSignature"] >= 7

    current = AgreementVersion.objects.order_by("-number").first()
    assert current is not None and current.fingerprint == current.text_fingerprint()
    assert "funded hours" in current.body and "notice" in current.body and "48 hours" in current.body

    isla = Child.objects.get(first_name="Isla", last_name="Morgan")
    alfie = Child.objects.get(first_name="Alfred", last_name="Morgan")
    assert Registration.objects.get(child=alfie).status == "draft"
    assert SessionChangeRequest.objects.get(child=isla).status == "pending"
    assert Registration.objects.filter(completed_with_help=True).exclude(help_note="").exists()

    parent = User.objects.get(email=PARENT_EMAIL)
    login(client, parent)
    home = client.get("/").content.decode()
    assert "Please sign the new agreement" in home and "Registration form" in home and "Sessions" in home
    page = client.get(f"/children/{isla.pk}/agreement/").content.decode()
    assert "Our partnership agreement" in page and "Earlier versions signed" in page

    # a demo signature has no PDF yet: the download says it is being prepared
    login(client, User.objects.get(email=MANAGER_EMAIL))
    signature = AgreementSignature.objects.filter(version=current).first()
    assert signature is not None and not signature.pdf
    response = client.get(f"/children/{signature.child_id}/agreement/signatures/{signature.pk}/copy.pdf")
    assert response.status_code == 202
