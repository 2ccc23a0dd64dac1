"""The demo's consents and privacy notice: realistic, visible to the right people, and idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.core.models import User
from tandem.enrolment.actions.privacy import children_awaiting_acknowledgement
from tandem.enrolment.demo import consents as consents_demo
from tandem.enrolment.demo import privacy as privacy_demo
from tandem.enrolment.models import ConsentCode, ConsentDecision, ConsentType, PrivacyAcknowledgement, PrivacyNotice
from tandem.enrolment.selectors.consents import ConsentStatus, consent_now, consents_for_children
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Any:
    loader = seed_demo.Loader()
    loader.run()
    consents_demo.seed(setting=loader.setting)
    privacy_demo.seed(setting=loader.setting)
    return loader.setting


def counts() -> dict[str, int]:
    models = [ConsentType, ConsentDecision, PrivacyNotice, PrivacyAcknowledgement, ConsentType.history.model]
    return {m.__name__: m._default_manager.count() for m in models}


def child(first: str, last: str) -> Child:
    return Child.objects.get(first_name=first, last_name=last)


def test_running_again_changes_nothing(demo: Any) -> None:
    before = counts()
    consents_demo.seed(setting=demo)
    privacy_demo.seed(setting=demo)
    assert counts() == before
    assert before["ConsentType"] == 7
    assert before["PrivacyNotice"] == 2


def test_the_demo_shows_every_state(demo: Any) -> None:
    photos = ConsentCode.PHOTOS_RECORDS
    isla = child(*seed_demo.MAIN_CHILD)
    assert consent_now(isla, photos).status == ConsentStatus.NOT_ASKED  # for the demo parent to give
    assert consent_now(isla, ConsentCode.LOCAL_OUTINGS).given
    assert consent_now(child("Leo", "Walsh"), photos).status == ConsentStatus.REFUSED
    assert consent_now(child("Zofia", "Kowalska"), ConsentCode.PHOTOS_DISPLAY).status == ConsentStatus.WITHDRAWN
    assert consent_now(child("Ana", "Popescu"), ConsentCode.ONLINE_JOURNAL).status == ConsentStatus.NEEDS_RENEWING
    assert consent_now(child("Jayden", "Price"), photos).status == ConsentStatus.NOT_ASKED
    states = consents_for_children(Child.objects.filter(setting=demo, leaving_date__isnull=True), photos)
    assert sum(s.given for s in states.values()) >= 15
    # every decision was made by an adult with parental responsibility for that child, unrestricted
    for decision in ConsentDecision.objects.select_related("decided_by"):
        link = decision.decided_by.links.get(child_id=decision.child_id)
        assert link.parental_responsibility and not link.is_restricted


def test_the_demo_parent_is_asked_to_read_the_new_privacy_notice(demo: Any) -> None:
    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    sana = User.objects.get(email=seed_demo.OTHER_PARENT_EMAIL)
    assert len(children_awaiting_acknowledgement(emma)) == 2  # Isla and Alfie
    assert children_awaiting_acknowledgement(sana) == []
    latest = PrivacyNotice.objects.get(setting=demo, version=2)
    for words in ("UK General Data Protection Regulation", "Legal obligation", "How long we keep it", "ico.org.uk"):
        assert words in latest.body
    assert "Willowbrook Community Preschool" in latest.body
    assert latest.published_by.email == seed_demo.MANAGER_EMAIL
    assert "Tandem is protected" not in PrivacyNotice.objects.get(setting=demo, version=1).body
