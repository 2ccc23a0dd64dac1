"""The demo's progress checks and the share with another setting: realistic, visible, idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import User
from tandem.enrolment.demo import consents as consents_demo
from tandem.journal.demo import sharing as sharing_demo
from tandem.journal.demo import twocheck as twocheck_demo
from tandem.journal.models import OutsideShare, OutsideShareOpening, ProgressCheck
from tandem.journal.selectors.twocheck import due_children
from tandem.people.management.commands import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    loader = seed_demo.Loader()
    loader.run()
    consents_demo.seed(setting=loader.setting)
    for module in (sharing_demo, twocheck_demo):  # the order seed_demo runs them in
        module.seed(setting=loader.setting)
    return loader.setting


def counts() -> tuple[int, ...]:
    return (ProgressCheck.objects.count(), OutsideShare.objects.count(), OutsideShareOpening.objects.count())


def test_demo_checks_due_overdue_shared_and_idempotent(demo: Any, client: Any) -> None:
    before = counts()
    sharing_demo.seed(setting=demo)
    twocheck_demo.seed(setting=demo)
    assert counts() == before == (2, 1, 1)

    manager = User.objects.get(email=seed_demo.MANAGER_EMAIL)
    due = {c.first_name: c for c in due_children(actor=manager, setting=demo)}
    assert "Harry" in due and "Rosie" in due and "Poppy" in due and "Alfred" not in due
    login(client, manager)
    body = client.get(reverse("journal:twocheck_due", args=[demo.pk])).content.decode()
    assert "Overdue" in body and "Due now" in body and "draft started" in body

    alfie_check = ProgressCheck.objects.get(child__first_name="Alfred", child__last_name="Morgan")
    assert alfie_check.is_shared and alfie_check.signed_off_by == manager
    parent = User.objects.get(email=seed_demo.PARENT_EMAIL)
    login(client, parent)
    page = client.get(reverse("journal:twocheck_detail", args=[alfie_check.child_id, alfie_check.pk]))
    assert page.status_code == 200 and "I have read it" in page.content.decode()
    log = client.get(reverse("journal:sharing_log", args=[alfie_check.child_id])).content.decode()
    assert "Little Acorns Childminding" in log
