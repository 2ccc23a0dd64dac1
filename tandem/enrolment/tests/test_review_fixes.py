"""Fixes from the enrolment review: each test failed before its fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from tandem.conftest import login
from tandem.core.models import SettingMembership
from tandem.enrolment.forms.consents import DecisionForm
from tandem.enrolment.models import ConsentDecision, SettlingPlan
from tandem.enrolment.services.consents import give_consent, withdraw_consent
from tandem.enrolment.services.settling import complete_review, save_plan

pytestmark = pytest.mark.django_db


def test_the_consent_form_needs_the_version_the_parent_read() -> None:
    form = DecisionForm(data={"kind": ConsentDecision.Kind.GIVEN})
    assert not form.is_valid()
    assert "Please read the consent again and decide." in str(form.errors)
    assert DecisionForm(data={"kind": ConsentDecision.Kind.WITHDRAWN}).is_valid()


def test_a_key_person_who_has_left_is_not_told_of_a_withdrawal(world: Any, committed: Any) -> None:
    photos = world.photo_consent_type
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photos)
    SettingMembership.objects.filter(user=world.key_person_a).update(active=False)
    with committed():
        withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=photos)
    assert world.key_person_a.email not in [address for m in mail.outbox for address in m.to]


def test_a_draft_plan_cannot_be_completed_and_a_completed_plan_stays_complete(world: Any) -> None:
    child = world.child_a
    plan = save_plan(
        actor=world.key_person_a, child=child, version=0, status=SettlingPlan.Status.DRAFT, arrangements="",
        agreed_with=[], agreed_on=None, first_visit=None, start_date=None, review_date=None,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Agree the plan"):
        complete_review(actor=world.key_person_a, child=child, version=plan.version, review_notes="Went well.")
    plan = save_plan(
        actor=world.key_person_a, child=child, version=plan.version, status=SettlingPlan.Status.IN_PROGRESS,
        arrangements="", agreed_with=[world.adult_a], agreed_on=dt.date(2025, 9, 1), first_visit=None,
        start_date=None, review_date=None,
    )  # fmt: skip
    plan = complete_review(actor=world.key_person_a, child=child, version=plan.version, review_notes="Went well.")
    plan = save_plan(
        actor=world.key_person_a, child=child, version=plan.version, status=SettlingPlan.Status.COMPLETE,
        arrangements="Typo fixed", agreed_with=[world.adult_a], agreed_on=dt.date(2025, 9, 1), first_visit=None,
        start_date=None, review_date=None,
    )  # fmt: skip
    assert plan.status == SettlingPlan.Status.COMPLETE and plan.completed_at is not None


def test_registration_reads_are_audited(client: Client, world: Any, committed: Any) -> None:
    from tandem.core.models import AuditEvent

    login(client, world.administrator)
    with committed():
        response = client.get(f"/children/{world.child_a.pk}/registration/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(event="enrolment.registration.viewed", actor_id=world.administrator.pk).exists()
