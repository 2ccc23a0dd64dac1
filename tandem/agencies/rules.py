"""The access model of the agencies app, shared by its features (R48–R52, R22–R24).

* **Need to know.** A child's agency matters (signposting, received information, shares, referrals
  and meetings) are for the child's key person and the setting's leaders (manager, deputy, SENCO,
  DSL): :func:`child_staff_rules`. Room practitioners also see support plans, because they carry
  them out. Administrators, volunteers and the provider's owners see none of it.
* **Safeguarding material** (child-protection tasks, safeguarding referrals and meetings, received
  items marked safeguarding) is seen only by the DSL, the manager and the key person:
  :func:`protection_rules`.
* **Families** (linked adults with parental responsibility whom no restriction keeps from
  information) see what is shared with them: signposting marked so, agreed support plans, meetings
  and actions marked "shared with the family". Never received third-party material or decisions to
  share without consent.
* **Visiting professionals** hold no membership and no child link. :class:`IsVisitingProfessional`
  lets them reach the one child of a visit, only inside its window, once the supervisor has recorded
  their arrival and until their departure. :class:`IsPlanContributor` lets an invited professional
  read and comment on the one plan they were invited to, until their invitation ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from tandem.core.access import NOTHING, HasSettingRole, Rule, memo, organisation_roles, path, setting_roles
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

if TYPE_CHECKING:
    from tandem.core.models import User

PROTECTION_ROLES = (SettingRole.DSL, SettingRole.MANAGER)


def _setting(child: str) -> str:
    return path(child, "setting") if child else "setting"


def child_staff_rules(child: str = "") -> tuple[Rule, ...]:
    """The key person and the setting's leaders (manager, deputy, SENCO, DSL)."""
    return (HasSettingRole(*LEADERSHIP, setting=_setting(child)), IsKeyPerson(child=child))


def child_room_rules(child: str = "") -> tuple[Rule, ...]:
    """As :func:`child_staff_rules`, and the practitioners of the child's room."""
    return (*child_staff_rules(child), WorksInChildRoom(child=child))


def protection_rules(child: str = "") -> tuple[Rule, ...]:
    """The DSL, the manager and the key person: nobody else, ever."""
    return (HasSettingRole(*PROTECTION_ROLES, setting=_setting(child)), IsKeyPerson(child=child))


def family_rules(child: str = "") -> tuple[Rule, ...]:
    """Parents and carers with parental responsibility, not kept from information."""
    return (IsLinkedAdult(child=child, parental_responsibility=True),)


def active_visits(user: User) -> list[tuple[int, int]]:
    """(visit id, child id) of the user's visits going on now: inside the window, arrival recorded,
    no departure, not cancelled, the professional's account active. One query a request."""

    def load() -> list[tuple[int, int]]:
        from .models import Visit

        if not getattr(user, "is_authenticated", False):
            return []
        now = timezone.now()
        return list(
            Visit.objects.filter(
                professional__user=user,
                professional__active=True,
                cancelled_at__isnull=True,
                starts_at__lte=now,
                ends_at__gt=now,
                arrived_at__isnull=False,
                departed_at__isnull=True,
            ).values_list("pk", "child_id")
        )

    return memo(user, "agencies_active_visits", load)


@dataclass(frozen=True)
class IsVisitingProfessional(Rule):
    """A professional whose visit to the child (reached by ``child``) is going on now."""

    child: str = ""

    def q(self, user: User) -> Q:
        ids = sorted({c for _, c in active_visits(user)})
        if not ids:
            return NOTHING
        return Q(**{path(self.child, "id__in") if self.child else "pk__in": ids})

    def holds(self, user: User) -> bool:
        return bool(active_visits(user))


@dataclass(frozen=True)
class OnActiveVisit(Rule):
    """The professional of a visit going on now (``visit`` is the path to the Visit, "" for a Visit)."""

    visit: str = ""

    def q(self, user: User) -> Q:
        ids = sorted({v for v, _ in active_visits(user)})
        if not ids:
            return NOTHING
        return Q(**{path(self.visit, "id__in") if self.visit else "pk__in": ids})

    def holds(self, user: User) -> bool:
        return bool(active_visits(user))


@dataclass(frozen=True)
class IsProfessional(Rule):
    """The professional of a visit (any time: to see their own bookings), ``visit`` as above."""

    visit: str = ""

    def q(self, user: User) -> Q:
        if not getattr(user, "is_authenticated", False):
            return NOTHING
        return Q(**{path(self.visit, "professional__user"): user, path(self.visit, "professional__active"): True})

    def holds(self, user: User) -> bool:
        def load() -> bool:
            from .models import Professional

            return Professional.objects.filter(user=user, active=True).exists()

        if not getattr(user, "is_authenticated", False):
            return False
        # A professional holds no role and no child link (the visits service refuses to make staff or a
        # parent one), and the menu has loaded both already: so staff and parents cost no query here.
        if setting_roles(user) or organisation_roles(user) or IsLinkedAdult().holds(user):
            return False
        return bool(memo(user, "agencies_is_professional", load))


@dataclass(frozen=True)
class IsPlanContributor(Rule):
    """Invited to contribute to the plan (``plan`` is the path to the SupportPlan, "" for one),
    while the invitation lasts and the plan is not closed."""

    plan: str = ""

    def plan_ids(self, user: User) -> list[int]:
        def load() -> list[int]:
            from .models import PlanContributor

            if not getattr(user, "is_authenticated", False):
                return []
            return sorted(
                PlanContributor.objects.filter(user=user, ended_at__isnull=True, user__is_active=True)
                .filter(Q(user__professional__isnull=True) | Q(user__professional__active=True))
                .exclude(plan__status="closed")
                .values_list("plan_id", flat=True)
            )

        return memo(user, "agencies_plan_contributions", load)

    def q(self, user: User) -> Q:
        ids = self.plan_ids(user)
        return Q(**{path(self.plan, "id__in") if self.plan else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(self.plan_ids(user))
