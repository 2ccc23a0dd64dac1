"""The demo's support plan seeds once (idempotent): Alfie's agreed SEN plan with targets, a review, and
comments from Emma and the SENCO; Emma reads it from the "Support plan" link under Alfie."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.agencies.actions.plans import PLAN_VIEW, PLANS_FAMILY
from tandem.agencies.demo import plans as demo
from tandem.agencies.models import PlanComment, PlanReview, SupportPlan
from tandem.core.access import can
from tandem.core.models import Setting, User
from tandem.people.models import Child


@pytest.mark.django_db
def test_demo_seeds_alfies_plan_once(settings: Any) -> None:
    from tandem.people.management.commands.seed_demo import CHLOE, PARENT_EMAIL, SENCO_EMAIL, STEP_PARENT_EMAIL

    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    demo.seed(setting=setting)
    alfie = Child.objects.get(setting=setting, first_name="Alfred", last_name="Morgan")
    plan = SupportPlan.objects.get(child=alfie)
    assert plan.kind == SupportPlan.Kind.SEN and plan.status == SupportPlan.Status.AGREED
    assert plan.agreed_by is not None and plan.agreed_by.email == PARENT_EMAIL
    assert plan.created_by == User.objects.get(email=CHLOE) and alfie.key_person == plan.created_by
    assert plan.targets.count() == 3 and PlanReview.objects.filter(plan=plan).count() == 1
    roles = list(PlanComment.objects.filter(plan=plan).values_list("author__email", "author_role"))
    assert roles == [(PARENT_EMAIL, "Parent"), (SENCO_EMAIL, "SENCO")]
    emma, liam = User.objects.get(email=PARENT_EMAIL), User.objects.get(email=STEP_PARENT_EMAIL)
    assert can(emma, PLAN_VIEW, plan) and can(emma, PLANS_FAMILY, alfie)
    assert not can(liam, PLAN_VIEW, plan)  # a step-parent without parental responsibility
