"""World objects for the agency track (R62, R53): a complaint from another service at each stage,
made directly (no services, so no notifications, steps or deadlines).

* ``agency_complaint``: from the health visiting team about Amelia's care (child_a), with the manager.
* ``agency_at_line_manager``: about the manager, so with the line manager.
* ``agency_at_appeal``: with the owners.
* ``other_agency_complaint``: the other provider's, with its manager.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from tandem.complaints.models.complaints import Complaint

_numbers = count(8001)


def _agency(setting: Any, stage: str, *, child: Any = None, about: Any = None) -> Complaint:
    return Complaint.objects.create(
        reference=f"C-2026-{next(_numbers)}",
        setting=setting,
        child=child,
        track=Complaint.Track.AGENCY,
        stage=stage,
        via=Complaint.Via.LETTER,
        complainant_name="Hana Visitor",
        complainant_contact="hana.visitor@nhs.example.org",
        complainant_organisation="Meadowbank Health Visiting Team",
        summary="The setting did not pass on a concern about weight loss.",
        about_staff=about,
    )


def extend(w: Any) -> None:
    stage = Complaint.Stage
    w.agency_complaint = _agency(w.setting, stage.MANAGER, child=w.child_a, about=w.room_practitioner)
    w.agency_at_line_manager = _agency(w.setting, stage.LINE_MANAGER, about=w.manager)
    w.agency_at_appeal = _agency(w.setting, stage.APPEAL)
    w.other_agency_complaint = _agency(w.other_setting, stage.MANAGER)
