"""The policy library for the persona matrix and the tests: a policy for families and staff with
version 1 in force (parent A has acknowledged it) and version 2 open for comments (parent A has
commented); a staff-only policy in force; a policy that is only a draft; and, at the other
provider's setting, a policy with version 1 in force and version 2 open for comments, commented on
by its parent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.voice.models import Acknowledgement, Policy, PolicyComment, PolicyVersion

V1_TEXT = (
    "## Information we keep\n\nWe keep information about children and families confidential.\n\n"
    "- Records are kept in a locked cabinet.\n- Staff share information on a need-to-know basis.\n"
)
V2_TEXT = (
    "## Information we keep\n\nWe keep information about children and families confidential.\n\n"
    "- Records are kept securely in Tandem.\n- Staff share information on a need-to-know basis.\n"
    "- Parents may see their own child's records on request.\n"
)


def _versions(policy: Policy, manager: Any, *, review: bool) -> tuple[PolicyVersion, PolicyVersion | None]:
    now = timezone.now()
    today = timezone.localdate()
    v1 = PolicyVersion.objects.create(
        policy=policy,
        number=1,
        body=V1_TEXT,
        changes="The first version.",
        status=PolicyVersion.Status.ADOPTED,
        adopted_at=now - dt.timedelta(days=200),
        adopted_by=manager,
        next_review_on=today + dt.timedelta(days=160),
        created_by=manager,
    )
    if not review:
        return v1, None
    v2 = PolicyVersion.objects.create(
        policy=policy,
        number=2,
        body=V2_TEXT,
        changes="Records are now kept in Tandem; parents may see their own child's records.",
        status=PolicyVersion.Status.REVIEW,
        review_opened_at=now - dt.timedelta(days=2),
        review_closes_on=today + dt.timedelta(days=14),
        created_by=manager,
    )
    return v1, v2


def extend(w: Any) -> None:
    w.policy = Policy.objects.create(
        setting=w.setting, title="Confidentiality and client access to records", category="Information"
    )
    w.policy_v1, w.policy_v2 = _versions(w.policy, w.manager, review=True)
    Acknowledgement.objects.create(version=w.policy_v1, user=w.parent_a, acknowledged_as=Acknowledgement.As.PARENT)
    w.policy_comment = PolicyComment.objects.create(
        version=w.policy_v2, author=w.parent_a, author_role="Parent or carer", body="Who can see the records?"
    )

    w.staff_policy = Policy.objects.create(
        setting=w.setting,
        title="Staff code of conduct",
        category="Staffing",
        audience=Policy.Audience.STAFF,
        parents_acknowledge=False,
    )
    w.staff_policy_v1, _ = _versions(w.staff_policy, w.manager, review=False)

    w.draft_policy = Policy.objects.create(setting=w.setting, title="Outings", category="Health and safety")
    w.draft_policy_v1 = PolicyVersion.objects.create(
        policy=w.draft_policy, number=1, body="## Outings\n\nA draft.", created_by=w.manager
    )

    w.other_policy = Policy.objects.create(setting=w.other_setting, title="Admissions", category="Admissions")
    w.other_policy_v1, w.other_policy_v2 = _versions(w.other_policy, w.other_manager, review=True)
    w.other_policy_comment = PolicyComment.objects.create(
        version=w.other_policy_v2, author=w.other_parent, author_role="Parent or carer", body="Fine by me."
    )
