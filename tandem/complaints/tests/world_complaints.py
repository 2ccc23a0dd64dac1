"""World objects for concerns and complaints (R56–R60): one complaint at each stage of the parent
track, so the persona matrix tries every stage's rule. Made directly (no services, so no
notifications, steps or deadlines).

* ``complaint_a``: Penny (parent_a) about Amelia (child_a), with her key person.
* ``complaint_about_key_person``: Penny about Amelia's key person, so it starts with the manager.
* ``complaint_about_manager``: Stefan (parent_b_no_pr) about the manager: with the line manager, who has responded.
* ``complaint_at_appeal``: Penny's appeal, with the owners.
* ``complaint_diverted``: passed to the allegations procedure (about the other practitioner).
* ``other_complaint``: the other provider's, with its key person.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from tandem.complaints.models.complaints import Complaint

_numbers = count(9001)


def _complaint(child: Any, raised_by: Any, stage: str, *, about: Any = None, handler: Any = None) -> Complaint:
    return Complaint.objects.create(
        reference=f"C-2026-{next(_numbers)}",
        setting=child.setting,
        child=child,
        stage=stage,
        raised_by=raised_by,
        complainant_name=raised_by.get_full_name(),
        complainant_contact=raised_by.email,
        recorded_by=raised_by,
        summary="Wellington boots went missing twice this week.",
        desired_outcome="A named peg for outdoor things.",
        about_staff=about,
        handler=handler,
    )


def extend(w: Any) -> None:
    stage = Complaint.Stage
    w.complaint_a = _complaint(w.child_a, w.parent_a, stage.KEY_PERSON, handler=w.key_person_a)
    w.complaint_about_key_person = _complaint(
        w.child_a, w.parent_a, stage.MANAGER, about=w.key_person_a, handler=w.manager
    )
    w.complaint_about_manager = _complaint(w.child_b, w.parent_b_no_pr, stage.LINE_MANAGER, about=w.manager)
    # the line manager has responded: Stefan may say he is still not satisfied
    w.complaint_about_manager.outcome = Complaint.Outcome.NOT_UPHELD
    w.complaint_about_manager.save(update_fields=["outcome"])
    w.complaint_at_appeal = _complaint(w.child_a, w.parent_a, stage.APPEAL)
    w.complaint_diverted = _complaint(w.child_a, w.parent_a, stage.ALLEGATION, about=w.other_practitioner)
    w.other_complaint = _complaint(w.other_child, w.other_parent, stage.KEY_PERSON, handler=w.other_manager)
