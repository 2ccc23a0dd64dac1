"""Who may read, write and handle messages about a child (R26).

A thread is about one child and is between the family and the setting.

* **Families** see and reply to a thread only while they are in it (a participant) *and* still
  linked to the child without a no-information restriction: a parent restricted by a court order
  never sees a thread about that child, even one they were once added to. A linked adult may start
  a thread about their own child.
* **Staff** who answer families: the child's key person or back-up, the leaders (manager, deputy,
  SENCO, DSL) and the administrator ("the office"). They see, reply, assign, set a follow-up date,
  close and reopen. Room practitioners and volunteers do not, unless they are the key person.
* Nobody of another provider sees anything.

Both rules below are built from the memoised links and roles plus subqueries, never from joins
that would repeat a thread in a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsKeyPerson, IsKeyPersonInSetting, IsLinkedAdult, IsParentInSetting

if TYPE_CHECKING:
    from tandem.core.models import User

# The staff who answer families on behalf of the setting, whatever the child (the key person is a rule).
HANDLER_ROLES = (*LEADERSHIP, SettingRole.ADMINISTRATOR)


@dataclass(frozen=True)
class IsThreadParticipant(Rule):
    """In the thread as a family member, and still linked to its child with no restriction on
    information. ``thread`` is the path from the action's model to the thread ("" for a Thread)."""

    thread: str = ""

    def q(self, user: User) -> Q:
        from ..models.messages import ThreadParticipant

        linked = IsLinkedAdult(child=path(self.thread, "child")).child_ids(user)
        if not linked:
            return NOTHING
        mine = ThreadParticipant.objects.filter(adult__user=user).values("thread_id")
        key = path(self.thread, "id__in") if self.thread else "pk__in"
        return Q(**{path(self.thread, "child_id__in"): linked}) & Q(**{key: mine})

    def holds(self, user: User) -> bool:
        from ..models.messages import Thread

        if not IsLinkedAdult().child_ids(user):
            return False
        return memo(
            user, "comms_thread_participant", lambda: Thread.objects.filter(IsThreadParticipant().q(user)).exists()
        )


# Staff who answer the family about one child (the model reaches the child by ``child``, the setting by ``setting``).
STAFF_RULES_FOR_CHILD = (IsKeyPerson(), HasSettingRole(*HANDLER_ROLES))
STAFF_RULES_FOR_THREAD = (IsKeyPerson(child="child"), HasSettingRole(*HANDLER_ROLES))

# --- on a Thread ------------------------------------------------------------------------------
THREAD_READ = Action(
    "comms.message.read",
    rules=(IsThreadParticipant(), *STAFF_RULES_FOR_THREAD),
    description="Read a conversation about a child and reply to it (a family: only while in it and "
    "not restricted from information about the child).",
    audit_read="comms.message.viewed",
)
THREAD_MANAGE = Action(
    "comms.message.manage",
    rules=STAFF_RULES_FOR_THREAD,
    description="Assign a conversation to a member of staff, set a date to follow it up, close or reopen it.",
)

# --- on a Child -------------------------------------------------------------------------------
CHILD_MESSAGES = Action(
    "comms.message.child",
    rules=(IsLinkedAdult(), *STAFF_RULES_FOR_CHILD),
    description="See the conversations about a child one may read, and start a new one.",
)
CHANGE_AT_HOME = Action(
    "comms.message.change_at_home",
    rules=(IsLinkedAdult(),),
    description="Tell the key person about a change at home (a parent or carer of the child).",
)

# --- on a Setting -----------------------------------------------------------------------------
INBOX = Action(
    "comms.message.inbox",
    rules=(HasSettingRole(*HANDLER_ROLES, setting=""), IsKeyPersonInSetting()),
    description="The setting's inbox of conversations with families (the key person: their key children's).",
)
# The main menu's "Messages": families of the setting and the staff who answer them. The order
# matters: roles first, then links, so that the menu usually asks nothing new of the database.
MESSAGES = Action(
    "comms.message.use",
    rules=(HasSettingRole(*HANDLER_ROLES, setting=""), IsParentInSetting(), IsKeyPersonInSetting()),
    description="Use messages in the setting: its families, and the staff who answer them.",
)
