"""The privacy notice (R10): who reads it, who confirms reading it, who publishes it, who follows up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, Subquery

from tandem.core.access import NOTHING, Action, HasOrganisationRole, HasSettingRole, Rule, memo, path
from tandem.core.roles import OrganisationRole, SettingRole
from tandem.people.rules import IsLinkedAdult, IsParentInSetting

if TYPE_CHECKING:
    from tandem.core.models import User


def children_awaiting_acknowledgement(user: User) -> list[int]:
    """The children whose setting has a privacy notice this adult has not yet confirmed reading
    (its current version), among the children they are linked to and may be told about. One query,
    remembered for the request."""
    from tandem.people.models import ChildAdult

    from ..models.privacy import PrivacyAcknowledgement, PrivacyNotice

    def load() -> list[int]:
        if not IsLinkedAdult().child_ids(user):  # from the links the access layer has already loaded
            return []
        current = PrivacyNotice.objects.filter(setting=OuterRef("child__setting")).order_by("-version")
        read = PrivacyAcknowledgement.objects.filter(user=user, notice=OuterRef("current_notice"))
        links = (
            ChildAdult.objects.filter(adult__user=user, no_information=False)
            .annotate(current_notice=Subquery(current.values("pk")[:1]))
            .filter(current_notice__isnull=False)
            .exclude(Exists(read))
        )
        return sorted(set(links.values_list("child_id", flat=True)))

    return memo(user, "enrolment_privacy_unread", load)


@dataclass(frozen=True)
class HasNotReadPrivacyNotice(Rule):
    """A parent or carer of the child (not barred from information about them) who has not yet
    confirmed reading the current version of the privacy notice of the child's setting."""

    child: str = ""

    def q(self, user: User) -> Q:
        ids = children_awaiting_acknowledgement(user)
        return Q(**{path(self.child, "id__in") if self.child else "pk__in": ids}) if ids else NOTHING

    def holds(self, user: User) -> bool:
        return bool(children_awaiting_acknowledgement(user))


# --- on a Setting -----------------------------------------------------------------------------
PRIVACY_READ = Action(
    "enrolment.privacy.read",
    rules=(
        IsParentInSetting(),
        HasSettingRole(*SettingRole.values, setting=""),
        HasOrganisationRole(*OrganisationRole.values, organisation="organisation"),
    ),
    description="Read a setting's privacy notice: its families, its staff and the provider.",
)
PRIVACY_ACKNOWLEDGE = Action(
    "enrolment.privacy.acknowledge",
    rules=(IsParentInSetting(),),
    description="Confirm having read the current privacy notice (parents and carers).",
)
PRIVACY_PUBLISH = Action(
    "enrolment.privacy.publish",
    rules=(HasSettingRole(SettingRole.MANAGER, setting=""),),
    description="Publish a new version of the setting's privacy notice.",
)
PRIVACY_TRACK = Action(
    "enrolment.privacy.track",
    rules=(HasSettingRole(SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.ADMINISTRATOR, setting=""),),
    description="See which parents and carers with a sign-in have not read the current privacy notice.",
)

# --- on a Child -------------------------------------------------------------------------------
PRIVACY_FOR_CHILD = Action(
    "enrolment.privacy.for_child",
    rules=(IsLinkedAdult(),),
    description="Open the privacy notice of a child's setting from the child (parents and carers).",
)
PRIVACY_UNREAD = Action(
    "enrolment.privacy.unread",
    rules=(HasNotReadPrivacyNotice(),),
    description="Be asked, under a child, to read the privacy notice: only while its current version is unread.",
)
