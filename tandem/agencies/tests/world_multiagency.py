"""Multi-agency work in the test world (R52): for child A, a referral to the family hub (shared with
the family) and a safeguarding referral to children's social care; a team around the child meeting
shared with the family, with an action the family sees and one they do not; a child protection
conference with an action. The same for the other provider's child."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import Agency, AgencyAction, AgencyMeeting, Referral

Kind = AgencyMeeting.Kind


def _work(setting: Any, child: Any, author: Any) -> dict[str, Any]:
    """The objects, by key: ``<key>_a`` for child A's, ``other_<key>`` for the other provider's."""
    w: dict[str, Any] = {}
    today = timezone.localdate()
    hub = Agency.objects.create(
        setting=setting, name=f"{setting.name} Family Hub", category=Agency.Category.CHILDRENS_CENTRE
    )
    social_care = Agency.objects.create(
        setting=setting,
        name=f"{setting.name} Children's Social Care",
        category=Agency.Category.SOCIAL_CARE,
        show_to_families=False,
    )
    w["family_hub"] = hub
    w["social_care"] = social_care
    w["referral"] = Referral.objects.create(
        child=child,
        agency=hub,
        reason="Help with sleep and routines: parenting group.",
        made_by=author,
        made_on=today - dt.timedelta(days=20),
    )
    w["safeguarding_referral"] = Referral.objects.create(
        child=child,
        agency=social_care,
        reason="Unexplained bruising seen on arrival (Zanzibar).",
        made_by=author,
        safeguarding=True,
        shared_with_family=False,
        made_on=today - dt.timedelta(days=10),
    )
    w["tac_meeting"] = tac = AgencyMeeting.objects.create(
        child=child,
        kind=Kind.TEAM_AROUND_CHILD,
        held_at=timezone.now() - dt.timedelta(days=7),
        venue="The setting's quiet room",
        attendees="Mum; key person; family hub worker",
        notes="Agreed a bedtime routine chart (Quokka).",
        shared_with_family=True,
        recorded_by=author,
    )
    w["tac_action"] = AgencyAction.objects.create(
        meeting=tac,
        action="Send the bedtime routine chart home (Wombat).",
        owner="Key person",
        due_on=today - dt.timedelta(days=1),
    )
    w["tac_private_action"] = AgencyAction.objects.create(
        meeting=tac,
        action="Check the hub's waiting list (Pangolin).",
        owner="Manager",
        due_on=today + dt.timedelta(days=5),
        visible_to_family=False,
    )
    w["cp_conference"] = cp = AgencyMeeting.objects.create(
        child=child,
        kind=Kind.CP_CONFERENCE,
        held_at=timezone.now() - dt.timedelta(days=3),
        attendees="Social worker; DSL; health visitor",
        notes="Conference notes (Narwhal).",
        safeguarding=True,
        shared_with_family=False,
        recorded_by=author,
    )
    w["cp_action"] = AgencyAction.objects.create(
        meeting=cp,
        action="Share attendance weekly with the social worker (Axolotl).",
        owner="DSL",
        due_on=today + dt.timedelta(days=7),
    )
    return w


def extend(w: Any) -> None:
    for key, value in _work(w.setting, w.child_a, w.dsl).items():
        setattr(w, f"{key}_a", value)  # referral_a, tac_meeting_a, ...
    for key, value in _work(w.other_setting, w.other_child, w.other_manager).items():
        setattr(w, f"other_{key}", value)  # other_referral, other_tac_meeting, ...
