"""The demo's policy library seeds without error, twice (idempotent): five policies in force, the
confidentiality policy asked of staff with some who have not acknowledged it, a version open for
comments with parents' comments, and acknowledgements from demo parents and staff."""

from __future__ import annotations

import pytest
from django.db import transaction

from tandem.people.management.commands.seed_demo import (
    MANAGER_EMAIL,
    PARENT_EMAIL,
    PRACTITIONER_EMAIL,
    VOLUNTEER_EMAIL,
    Loader,
)
from tandem.voice.demo import policies as demo
from tandem.voice.models import Acknowledgement, Policy, PolicyComment, PolicyVersion
from tandem.voice.selectors import policies as selectors


@pytest.mark.django_db
def test_demo_seeds_the_policy_library() -> None:
    loader = Loader()
    with transaction.atomic():
        loader.run()
    demo.seed(setting=loader.setting)
    counts = (Policy.objects.count(), PolicyVersion.objects.count(), Acknowledgement.objects.count())
    demo.seed(setting=loader.setting)
    assert (Policy.objects.count(), PolicyVersion.objects.count(), Acknowledgement.objects.count()) == counts
    assert PolicyComment.objects.count() == 2

    policies = {p.title: p for p in Policy.objects.filter(setting=loader.setting)}
    assert set(policies) == {demo.CONFIDENTIALITY, demo.SAFEGUARDING, demo.COMPLAINTS, demo.ADMISSIONS, demo.LATE}
    for policy in policies.values():
        assert policy.versions.filter(status="adopted").count() == 1, policy.title
    reviews = PolicyVersion.objects.filter(policy__setting=loader.setting, status="review")
    assert [(v.policy.title, v.number) for v in reviews] == [(demo.LATE, 2)]
    assert reviews[0].comments.exclude(response="").count() == 1

    confidentiality = policies[demo.CONFIDENTIALITY]
    assert confidentiality.staff_acknowledge and confidentiality.parents_acknowledge
    in_force = confidentiality.versions.select_related("policy").get(status="adopted")
    waiting_staff = {u.email for u in selectors.who(in_force, selectors.STAFF, waiting_only=True)}
    assert PRACTITIONER_EMAIL in waiting_staff and VOLUNTEER_EMAIL in waiting_staff
    assert MANAGER_EMAIL not in waiting_staff
    assert PARENT_EMAIL not in {u.email for u in selectors.who(in_force, selectors.PARENTS, waiting_only=True)}
    assert selectors.who_counts(in_force, selectors.PARENTS)["done"] == 2
    # the admissions policy is due for review
    admissions = policies[demo.ADMISSIONS].versions.get(status="adopted")
    assert selectors.review_state(admissions.next_review_on) == "due"
