"""Demo Ofsted record for Willowbrook (R63).

* Linda Evans's upheld complaint (Ruby's inhaler left behind on an outing; the complaints demo
  closes it and opens the review of practice) has its review, completed by the trustees with what
  they found and what changes.
* The demo's complaints have their line in the record: the area of the EYFS requirements and the
  nature in brief, without names.

Made directly (no one is notified). Idempotent; does nothing for a complaint not made yet.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User

from ..models import Complaint, PracticeReview, RecordEntry

Area = RecordEntry.Area

FINDINGS = (
    "The outing bag was packed from an out-of-date list, and no one checked each child's medicines against "
    "the care plans before leaving. The procedure for outings did not say who checks medicines, so each "
    "member of staff assumed someone else had. Ruby came to no lasting harm, but she could have: this was a "
    "failure of our system, not of one person. Linda was told the same day and given an apology; the "
    "manager's investigation was thorough and within the time limit."
)
ACTIONS = (
    "1. A named medicines check on every outing: the outing leader signs each child's medicines out and back "
    "in, by name, on the outing sheet (Sarah, from this week).\n"
    "2. The outing bag list is printed from Tandem on the day, never kept on paper (Tomasz, this week).\n"
    "3. Every member of staff goes through the outings procedure at the next staff meeting (Sarah, this half "
    "term).\n"
    "4. Sarah checks the outing sheets each week for a term and reports to the trustees' next meeting."
)


def _lines() -> list[tuple[str, str, str]]:
    """(the complaint's summary in the complaints demo, area, nature in brief)."""
    try:
        from .complaints import EMMA, LINDA, SANA
    except ImportError:  # the complaints demo is not there yet
        return []
    return [
        (SANA, Area.KEY_PERSON, "Parent not told why her child's clothes were changed."),
        (EMMA, Area.LEARNING, "Child left out of a group activity without explanation to the parent."),
        (LINDA, Area.HEALTH, "Child's inhaler left behind when the group went on an outing."),
    ]


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import OWNER_EMAIL

    owner = User.objects.filter(email=OWNER_EMAIL).first()
    lines = _lines()
    found = {c.summary: c for c in Complaint.objects.filter(setting=setting, summary__in=[s for s, _, _ in lines])}
    for summary, area, nature in lines:
        complaint = found.get(summary)
        if complaint is None:
            continue
        RecordEntry.objects.get_or_create(
            complaint=complaint,
            defaults={"area": area, "nature": nature, "updated_by": owner, "updated_at": complaint.received_at},
        )
        if complaint.closed_at is None or complaint.outcome not in Complaint.UPHELD_OUTCOMES:
            continue
        # The complaints demo opens the review through the procedure; its findings are added once.
        review, _ = PracticeReview.objects.get_or_create(
            complaint=complaint, defaults={"opened_at": complaint.closed_at}
        )
        if not review.findings:
            review.findings, review.actions = FINDINGS, ACTIONS
            review.opened_at = min(review.opened_at, complaint.closed_at)  # when the demo complaint closed
            review.completed_at = min(review.opened_at + dt.timedelta(days=12), timezone.now())
            review.completed_by = owner
            review.save(update_fields=["findings", "actions", "opened_at", "completed_at", "completed_by"])
