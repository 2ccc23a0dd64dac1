"""Who may see who at the setting has seen a child's record (R65: need to know, made visible).
Built on ``tandem/records/rules.py``.

* **"Who has seen this record"** (on a Child): the family with parental responsibility whom no
  restriction keeps from information (:func:`~tandem.records.rules.family`). It lists, by day and
  by role, the kinds of reading, printing, sharing and sending that the setting's staff and other
  agencies did; never names (other than the role "Key person") and never a count of clicks. Staff
  have their own, fuller view: "Who has seen or changed this record" (``people.child.audit``).
"""

from __future__ import annotations

from tandem.core.access import Action

from ..rules import family

VIEWERS = Action(
    "records.viewers.view",
    rules=family(),
    description="See who at the setting has seen the child's record: by day, role and kind of view, never "
    "names or clicks: the parents and carers with parental responsibility, not kept from information.",
    audit_read="records.viewers.viewed",
)
