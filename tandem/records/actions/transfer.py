"""Who may send a child's records to the receiving school, and who sees that they went (R55, R67).
Built on ``tandem/records/rules.py``.

* **Sending** each kind of record goes separately, by those whose records they are
  (:data:`~tandem.records.rules.TRANSFER_ROLES`): the learning record by the manager or deputy, SEN
  records by the SENCO or the manager, child protection records by the DSL or the manager. The "send
  records" page is for anyone who may send one kind; each kind is checked on its own action.
* **Seeing a transfer**: a learning record's transfer, the child's key person and the setting's
  leaders (:func:`~tandem.records.rules.transition_staff`); SEN and child protection transfers only
  the roles that may send them. Withdrawing an unopened transfer, downloading the PDF to hand over
  and recording the hand-over: the roles that may send that kind.
* **Families** (parental responsibility, not kept from information) see the learning and SEN
  records sent about their child, once sent; never a child protection transfer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, Rule, path
from tandem.people.rules import IsLinkedAdult

from ..rules import ANY_TRANSFER_ROLE, TRANSFER_ROLES, roles, transition_staff

if TYPE_CHECKING:
    from tandem.core.models import User

LEARNING, SEN, PROTECTION = "learning", "sen", "protection"  # RecordTransfer.Kind
FAMILY_KINDS = (LEARNING, SEN)
DELIVERED_OR_SENT = ("sent", "opened")  # RecordTransfer.Status the family sees


@dataclass(frozen=True)
class OnKinds(Rule):
    """``rule`` (a path from a RecordTransfer), only on transfers of the given kinds."""

    rule: Rule
    kinds: tuple[str, ...]

    def q(self, user: User) -> Q:
        return self.rule.q(user) & Q(kind__in=list(self.kinds))

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


@dataclass(frozen=True)
class FamilyWithTransfer(Rule):
    """A parent with parental responsibility, not kept from information, of a child (``child`` is
    the path to it, "" for a Child) whose learning or SEN records have been sent to a school. The
    transfer is looked for in the same query (a subquery), so the link under each child costs nothing
    more."""

    child: str = ""

    def _family(self) -> IsLinkedAdult:
        return IsLinkedAdult(child=self.child, parental_responsibility=True)

    def q(self, user: User) -> Q:
        from ..models import RecordTransfer

        ids = self._family().child_ids(user)
        if not ids:
            return NOTHING
        sent = RecordTransfer.objects.filter(
            child_id__in=ids, kind__in=FAMILY_KINDS, status__in=DELIVERED_OR_SENT
        ).values("child_id")
        return Q(**{path(self.child, "id__in") if self.child else "pk__in": sent})

    def holds(self, user: User) -> bool:
        return self._family().holds(user)


# --- on a Transition -----------------------------------------------------------------------------
TRANSFER_LIST = Action(
    "records.transfer.list",
    rules=transition_staff("child"),
    description="See the records sent to the receiving school for a child's transition (each transfer as "
    "its kind allows): the key person and the setting's leaders.",
)
TRANSFER_SEND = Action(
    "records.transfer.send",
    rules=(roles(*ANY_TRANSFER_ROLE),),
    description="Open the 'Send records to the school' page: anyone who may send one kind of record "
    "(the manager, deputy, SENCO or DSL); each kind is checked on its own.",
)
SEND_LEARNING = Action(
    "records.transfer.send_learning",
    rules=(roles(*TRANSFER_ROLES[LEARNING]),),
    description="Send the learning and development record (the agreed transition report, summaries, the "
    "progress check at two, All About Me) to the school: the manager or the deputy.",
)
SEND_SEN = Action(
    "records.transfer.send_sen",
    rules=(roles(*TRANSFER_ROLES[SEN]),),
    description="Send the special educational needs records (support plans, targets, reviews, SEN needs) "
    "to the school: the SENCO or the manager.",
)
SEND_PROTECTION = Action(
    "records.transfer.send_protection",
    rules=(roles(*TRANSFER_ROLES[PROTECTION]),),
    description="Send the child protection records, separately, to the school's DSL: the DSL or the manager.",
)
SEND_BY_KIND = {LEARNING: SEND_LEARNING, SEN: SEND_SEN, PROTECTION: SEND_PROTECTION}

# --- on a RecordTransfer ---------------------------------------------------------------------------
TRANSFER_VIEW = Action(
    "records.transfer.view",
    rules=(
        *(OnKinds(rule, (LEARNING,)) for rule in transition_staff("child")),
        OnKinds(roles(*TRANSFER_ROLES[SEN]), (SEN,)),
        OnKinds(roles(*TRANSFER_ROLES[PROTECTION]), (PROTECTION,)),
    ),
    description="See one transfer of records: learning records, the key person and the leaders; SEN "
    "records, the SENCO and the manager; child protection records, the DSL and the manager.",
)
TRANSFER_MANAGE = Action(
    "records.transfer.manage",
    rules=tuple(OnKinds(roles(*TRANSFER_ROLES[kind]), (kind,)) for kind in (LEARNING, SEN, PROTECTION)),
    description="Withdraw an unopened transfer, download its PDF to hand over, record the hand-over, and "
    "(child protection) record that the family has been told: those who may send that kind.",
)

# --- on a Child ------------------------------------------------------------------------------------
TRANSFER_FAMILY = Action(
    "records.transfer.family",
    rules=(FamilyWithTransfer(""),),
    description="A family's page of the records sent to their child's school ('Records sent to school'): "
    "parents with parental responsibility, not restricted, once learning or SEN records were sent.",
)
