"""Reading the notice board (R27): drawn from the data, plus the documents the setting publishes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

from tandem.core.access import setting_roles
from tandem.core.models import Setting, SettingMembership, User
from tandem.core.roles import SettingRole
from tandem.people.models import Child
from tandem.people.rules import IsLinkedAdult
from tandem.people.selectors import current

from ..models.board import SettingDocument

# Ofsted's contact details for complaints about a registered early years setting.
OFSTED = {
    "name": "Ofsted",
    "team": "Applications, Regulatory and Contact (ARC) Team",
    "address": ("Piccadilly Gate", "Store Street", "Manchester", "M1 2WD"),
    "phone": "0300 123 1231",
    "email": "enquiries@ofsted.gov.uk",
}
# The leaders families should know by name, in this order.
LEADER_ROLES = (SettingRole.MANAGER, SettingRole.DEPUTY, SettingRole.DSL, SettingRole.SENCO)


@dataclass
class Documents:
    ofsted: SettingDocument | None = None
    complaints: list[SettingDocument] = field(default_factory=list)
    policies: list[SettingDocument] = field(default_factory=list)
    other: list[SettingDocument] = field(default_factory=list)


def leaders(setting: Setting) -> list[SettingMembership]:
    """The manager, deputy, DSL and SENCO with their titles. One query."""
    rows = SettingMembership.objects.filter(setting=setting, active=True, role__in=LEADER_ROLES).select_related("user")
    return sorted(rows, key=lambda m: (LEADER_ROLES.index(SettingRole(m.role)), m.user.last_name, m.pk))


def my_children(user: User, setting: Setting) -> list[Child]:
    """The reader's own children in the setting (none barred by a restriction), with their key
    persons. One query, none for a member of staff who is not a parent."""
    ids = IsLinkedAdult().child_ids(user)
    if not ids:
        return []
    children = current(Child.objects.filter(pk__in=ids, setting=setting))
    return list(children.select_related("key_person", "backup_key_person").order_by("first_name", "last_name"))


def documents(setting: Setting) -> Documents:
    """The setting's documents in force: the latest Ofsted report, the complaints procedure,
    policies. One query."""
    found = Documents()
    rows = SettingDocument.objects.filter(setting=setting, withdrawn_at__isnull=True).order_by("-dated", "-pk")
    for doc in rows:
        if doc.kind == SettingDocument.Kind.OFSTED_REPORT:
            found.ofsted = found.ofsted or doc
        elif doc.kind == SettingDocument.Kind.COMPLAINTS:
            found.complaints.append(doc)
        elif doc.kind == SettingDocument.Kind.POLICY:
            found.policies.append(doc)
        else:
            found.other.append(doc)
    found.policies.sort(key=lambda d: d.title.casefold())
    return found


def all_documents(setting: Setting) -> list[SettingDocument]:
    """Every document of the setting for those who keep them, withdrawn ones last."""
    return list(
        SettingDocument.objects.filter(setting=setting)
        .select_related("uploaded_by")
        .order_by("withdrawn_at", "kind", "-dated", "-pk")
    )


def document_of(setting: Setting, document_id: int) -> SettingDocument | None:
    return SettingDocument.objects.filter(setting=setting, pk=document_id).first()


def is_staff_of(user: User, setting: Setting) -> bool:
    return setting.pk in {s for s, _, _ in setting_roles(user)}


def events_url(setting: Setting) -> str | None:
    """The events page, if the events feature has one."""
    for args in ([setting.pk], []):
        try:
            return reverse("comms:events", args=args)
        except NoReverseMatch:
            continue
    return None


def address_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def board_context(user: User, setting: Setting) -> dict[str, Any]:
    from .events import diary_for

    return {
        "leaders": leaders(setting),
        "my_children": my_children(user, setting),
        "documents": documents(setting),
        "diary": diary_for(user, setting, limit=5),
        "events_url": events_url(setting),
        "ofsted": OFSTED,
        "address": address_lines(setting.address),
        "is_staff": is_staff_of(user, setting),
    }
