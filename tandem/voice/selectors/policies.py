"""Reads of the policy library (R40, R41), filtered by the access layer in the database, and the
comparison of two versions' text.

Who is asked to acknowledge a version: the **families** of the setting (each parent or carer with
an account, linked to a child who has not left and whom no restriction keeps from information),
when the policy is for families and asks parents to; and the **staff** (every active member of
staff, volunteer and student of the setting), when the policy asks staff to.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tandem.core.access import HasSettingRole, permitted
from tandem.core.models import AuditEvent, Setting, SettingMembership, User
from tandem.people.models import ChildAdult
from tandem.people.rules import IsParentInSetting

from ..actions.policies import ADOPTED, DRAFT, EVERYONE, POLICY_READ, PUBLISHED, REVIEW, VERSION_READ
from ..models.policies import Acknowledgement, Policy, PolicyComment, PolicyVersion
from ..rules import ALL_STAFF

PARENTS: str = Acknowledgement.As.PARENT.value
STAFF: str = Acknowledgement.As.STAFF.value
REMINDED = "voice.policies.reminded"
DUE_SOON = dt.timedelta(days=31)


# --- who the user is, from what the access layer has loaded -----------------------------------------


def parent_setting_ids(user: Any) -> list[int]:
    """Settings where the user is a parent or carer (not kept from information). No query of its own."""
    return IsParentInSetting().setting_ids(user) if user.is_authenticated else []


def staff_setting_ids(user: Any) -> list[int]:
    """Settings where the user holds an active role (volunteers and students too)."""
    return HasSettingRole(*ALL_STAFF, setting="").setting_ids(user) if user.is_authenticated else []


def capacities(user: Any, version: PolicyVersion) -> list[str]:
    """As whom the user is asked to acknowledge this version: as a parent, as staff, both or neither
    (the same answer as the rules of ``voice.policies.acknowledge``)."""
    policy = version.policy
    if version.status != ADOPTED:
        return []
    found = []
    if policy.audience == EVERYONE and policy.parents_acknowledge and policy.setting_id in parent_setting_ids(user):
        found.append(PARENTS)
    if policy.staff_acknowledge and policy.setting_id in staff_setting_ids(user):
        found.append(STAFF)
    return found


# --- the people asked --------------------------------------------------------------------------------


def family_user_ids(setting_id: int) -> QuerySet[Any]:
    """The accounts of the setting's families: parents and carers of a child who has not left, whom
    no restriction keeps from information (a subquery)."""
    today = timezone.localdate()
    return (
        ChildAdult.objects.filter(
            child__setting_id=setting_id,
            no_information=False,
            adult__user__isnull=False,
            adult__user__is_active=True,
        )
        .filter(Q(child__leaving_date__isnull=True) | Q(child__leaving_date__gte=today))
        .values("adult__user_id")
    )


def staff_user_ids(setting_id: int) -> QuerySet[Any]:
    """The accounts of everyone with an active role in the setting (a subquery)."""
    return SettingMembership.objects.filter(setting_id=setting_id, active=True, user__is_active=True).values("user_id")


def groups_asked(version: PolicyVersion) -> list[str]:
    """Which groups this version asks to acknowledge it: parents, staff, both or none."""
    policy = version.policy
    found = []
    if policy.audience == EVERYONE and policy.parents_acknowledge:
        found.append(PARENTS)
    if policy.staff_acknowledge:
        found.append(STAFF)
    return found


def _asked(version: PolicyVersion, group: str) -> QuerySet[User]:
    setting_id = version.policy.setting_id
    ids = family_user_ids(setting_id) if group == PARENTS else staff_user_ids(setting_id)
    return User.objects.filter(pk__in=ids)


def who(version: PolicyVersion, group: str, *, waiting_only: bool = False) -> QuerySet[User]:
    """The parents (or the staff) asked to acknowledge this version, each with ``acknowledged_at``
    (None when they have not): those who have not first, then by name."""
    when = Acknowledgement.objects.filter(version=version, user_id=OuterRef("pk"), acknowledged_as=group)
    found = _asked(version, group).annotate(acknowledged_at=Subquery(when.values("at")[:1]))
    if waiting_only:
        found = found.filter(acknowledged_at__isnull=True)
    return found.order_by(F("acknowledged_at").asc(nulls_first=True), "last_name", "first_name", "pk")


def who_counts(version: PolicyVersion, group: str) -> dict[str, int]:
    """How many were asked, how many have acknowledged and how many have not. One query."""
    done = Acknowledgement.objects.filter(version=version, acknowledged_as=group).values("user_id")
    counts = _asked(version, group).aggregate(total=Count("pk"), done=Count("pk", filter=Q(pk__in=done)))
    return {"total": counts["total"], "done": counts["done"], "waiting": counts["total"] - counts["done"]}


def waiting_user_ids(version: PolicyVersion, group: str) -> list[int]:
    return list(who(version, group, waiting_only=True).values_list("pk", flat=True))


def with_details(version: PolicyVersion, group: str, users: list[User]) -> list[dict[str, Any]]:
    """The page's rows with, for a parent, their children in the setting; for staff, their roles.
    One query, whatever the number of rows."""
    setting_id = version.policy.setting_id
    ids = [u.pk for u in users]
    details: dict[int, list[str]] = {uid: [] for uid in ids}
    if group == PARENTS:
        links = ChildAdult.objects.filter(
            adult__user_id__in=ids, child__setting_id=setting_id, no_information=False
        ).select_related("child", "adult")
        for link in links.order_by("child__first_name", "child__last_name"):
            details[link.adult.user_id].append(link.child.display_name)  # type: ignore[index]
    else:
        roles = SettingMembership.objects.filter(user_id__in=ids, setting_id=setting_id, active=True)
        for membership in roles.order_by("role"):
            details[membership.user_id].append(membership.title or membership.get_role_display())
    return [{"user": u, "details": details[u.pk]} for u in users]


def last_reminder(version: PolicyVersion) -> dt.datetime | None:
    """When someone last sent a reminder about this version (from the audit trail)."""
    return (
        AuditEvent.objects.filter(event=REMINDED, object_type="voice.policyversion", object_id=version.pk)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )


# --- what a person has to read --------------------------------------------------------------------------


def _acknowledged(user: Any, group: str) -> Exists:
    return Exists(Acknowledgement.objects.filter(version=OuterRef("pk"), user=user, acknowledged_as=group))


def parent_to_acknowledge(user: Any) -> list[PolicyVersion]:
    """Versions in force, for families, that ask parents to acknowledge them and that this parent
    has not. One query (none if the user is no one's parent)."""
    settings = parent_setting_ids(user)
    if not settings:
        return []
    found = PolicyVersion.objects.filter(
        ~_acknowledged(user, PARENTS),
        status=ADOPTED,
        policy__setting_id__in=settings,
        policy__audience=EVERYONE,
        policy__parents_acknowledge=True,
    )
    return list(found.select_related("policy", "policy__setting").order_by("policy__title", "pk"))


def staff_to_acknowledge(user: Any) -> list[PolicyVersion]:
    """ "Policies you must read": versions in force that ask staff to acknowledge them and that this
    member of staff has not. One query (none if the user works nowhere)."""
    settings = staff_setting_ids(user)
    if not settings:
        return []
    found = PolicyVersion.objects.filter(
        ~_acknowledged(user, STAFF),
        status=ADOPTED,
        policy__setting_id__in=settings,
        policy__staff_acknowledge=True,
    )
    return list(found.select_related("policy", "policy__setting").order_by("policy__title", "pk"))


def open_for_comments(user: Any) -> list[PolicyVersion]:
    """Versions for families open for comments today in the parent's settings. One query."""
    settings = parent_setting_ids(user)
    if not settings:
        return []
    found = PolicyVersion.objects.filter(
        status=REVIEW,
        review_closes_on__gte=timezone.localdate(),
        policy__setting_id__in=settings,
        policy__audience=EVERYONE,
    )
    return list(found.select_related("policy").order_by("review_closes_on", "policy__title", "pk"))


@dataclass(frozen=True)
class HubItem:
    kind: str  # "acknowledge" or "comment"
    version: PolicyVersion

    @property
    def setting_id(self) -> int:
        """The hub shows each item on its setting's page."""
        return self.version.policy.setting_id


def hub_items(user: Any) -> list[HubItem]:
    """The voice hub's "Policies to read": in-force versions the parent has not acknowledged and
    reviews open for their comments. Two queries at most."""
    return [HubItem("comment", v) for v in open_for_comments(user)] + [
        HubItem("acknowledge", v) for v in parent_to_acknowledge(user)
    ]


# --- the library -----------------------------------------------------------------------------------------


def _latest(status: str) -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.filter(policy=OuterRef("pk"), status=status).order_by("-number")


def library(user: Any) -> QuerySet[Policy]:
    """The policies the user may read that have a version in force or open for comments, with that
    version's number and date, by setting, category and title."""
    in_force, review = _latest(ADOPTED), _latest(REVIEW)
    return (
        permitted(user, POLICY_READ, Policy.objects.all())
        .annotate(
            in_force_id=Subquery(in_force.values("pk")[:1]),
            in_force_number=Subquery(in_force.values("number")[:1]),
            in_force_since=Subquery(in_force.values("adopted_at")[:1]),
            review_id=Subquery(review.values("pk")[:1]),
            review_number=Subquery(review.values("number")[:1]),
            review_closes_on=Subquery(review.values("review_closes_on")[:1]),
        )
        .filter(Q(in_force_id__isnull=False) | Q(review_id__isnull=False))
        .select_related("setting")
        .order_by("setting__name", "category", "title", "pk")
    )


def setting_policies(setting: Setting) -> QuerySet[Policy]:
    """The manager's list: every policy of the setting with its version in force (and its next
    review) and the version being written or reviewed."""
    in_force = _latest(ADOPTED)
    open_version = PolicyVersion.objects.filter(policy=OuterRef("pk"), status__in=(DRAFT, REVIEW)).order_by("-number")
    return (
        Policy.objects.filter(setting=setting)
        .annotate(
            in_force_id=Subquery(in_force.values("pk")[:1]),
            in_force_number=Subquery(in_force.values("number")[:1]),
            in_force_since=Subquery(in_force.values("adopted_at")[:1]),
            next_review_on=Subquery(in_force.values("next_review_on")[:1]),
            open_number=Subquery(open_version.values("number")[:1]),
            open_status=Subquery(open_version.values("status")[:1]),
            open_closes_on=Subquery(open_version.values("review_closes_on")[:1]),
        )
        .order_by("category", "title", "pk")
    )


def review_state(next_review_on: dt.date | None, today: dt.date | None = None) -> str:
    """ "overdue" (the review date has passed), "due" (within a month), or ""."""
    if next_review_on is None:
        return ""
    today = today or timezone.localdate()
    if next_review_on < today:
        return "overdue"
    if next_review_on <= today + DUE_SOON:
        return "due"
    return ""


def versions_for_manager(policy: Policy) -> QuerySet[PolicyVersion]:
    return policy.versions.annotate(
        comment_count=Count("comments", distinct=True),
        acknowledgement_count=Count("acknowledgements", distinct=True),
    ).select_related("adopted_by", "created_by")


def open_version(policy: Policy) -> PolicyVersion | None:
    """The version being written or under review (there is at most one)."""
    return policy.versions.filter(status__in=(DRAFT, REVIEW)).order_by("-number").first()


def visible_versions(user: Any, policy: Policy) -> list[PolicyVersion]:
    """The versions of the policy the user may read that are not drafts, newest first."""
    found = permitted(user, VERSION_READ, policy.versions.filter(status__in=PUBLISHED))
    return list(found.select_related("policy").order_by("-number"))


def acknowledgements_of(user: Any, versions: list[PolicyVersion]) -> dict[int, dict[str, dt.datetime]]:
    """{version id: {as: when}} for the user's own acknowledgements of these versions. One query."""
    found: dict[int, dict[str, dt.datetime]] = {}
    rows = Acknowledgement.objects.filter(user=user, version_id__in=[v.pk for v in versions])
    for version_id, group, at in rows.values_list("version_id", "acknowledged_as", "at"):
        found.setdefault(version_id, {})[group] = at
    return found


def previous_version(version: PolicyVersion) -> PolicyVersion | None:
    """The version before this one that got beyond a draft (what parents and staff last read)."""
    return (
        PolicyVersion.objects.filter(policy_id=version.policy_id, number__lt=version.number, status__in=PUBLISHED)
        .order_by("-number")
        .first()
    )


def comparable(user: Any, version: PolicyVersion) -> list[PolicyVersion]:
    """The other versions of the policy this user may compare this one with."""
    found = permitted(user, VERSION_READ, PolicyVersion.objects.filter(policy_id=version.policy_id))
    return list(found.exclude(pk=version.pk).order_by("-number"))


# --- comments ------------------------------------------------------------------------------------------


def own_comments(user: Any, version: PolicyVersion) -> QuerySet[PolicyComment]:
    """A parent's own comments on a version, with the setting's answers. Never anyone else's."""
    return version.comments.filter(author=user).order_by("created_at", "pk")


def comments_of(version: PolicyVersion, *, unanswered_only: bool = False) -> QuerySet[PolicyComment]:
    """Every comment on a version (for the manager and deputy)."""
    found = version.comments.select_related("author")
    if unanswered_only:
        found = found.filter(response="")
    return found.order_by("created_at", "pk")


# --- what changed between two versions -----------------------------------------------------------------

WORDS = re.compile(r"\s+|[^\s]+")
# Below this likeness two lines are shown as one removed and one added, not word by word.
LIKENESS = 0.4


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "same", "added", "removed", "changed" or "gap"
    html: SafeString
    count: int = 0  # for a gap: how many unchanged lines it stands for


@dataclass
class Diff:
    rows: list[DiffRow] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in (text or "").splitlines() if line.strip()]


def _marked(tag: str, words: str, *, say: bool = True) -> SafeString:
    """Words removed (``del``) or added (``ins``), escaped. Inside a changed line, ``say`` adds
    "removed:" or "added:" for screen readers, which do not all announce these elements (a whole
    line added or removed is labelled on the page instead)."""
    if not say:
        return format_html("<{0}>{1}</{0}>", tag, words)
    hidden = "removed: " if tag == "del" else "added: "
    return format_html('<{0}><span class="visually-hidden">{1}</span>{2}</{0}>', tag, hidden, words)


def _word_diff(old: str, new: str) -> SafeString:
    """One changed line: unchanged words as they are, removed words in ``<del>``, added in ``<ins>``;
    every word escaped."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(conditional_escape("".join(before[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(_marked("del", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(_marked("ins", "".join(after[j1:j2])))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def diff(old_text: str, new_text: str, *, context: int = 1) -> Diff:
    """What changed from ``old_text`` to ``new_text``, line by line (blank lines left out) and, in
    a changed line, word by word. Runs of unchanged lines beyond ``context`` lines of a change
    become one "gap" row. Every piece of text is escaped: the rows are safe to show as they are."""
    before, after = _lines(old_text), _lines(new_text)
    result = Diff()
    raw: list[tuple[str, SafeString]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.extend(("same", conditional_escape(line)) for line in before[i1:i2])
            continue
        old_block, new_block = before[i1:i2], after[j1:j2]
        for k in range(max(len(old_block), len(new_block))):
            old = old_block[k] if k < len(old_block) else None
            new = new_block[k] if k < len(new_block) else None
            if old is not None and new is not None:
                if difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= LIKENESS:
                    raw.append(("changed", _word_diff(old, new)))
                    result.changed += 1
                    continue
                raw.append(("removed", _marked("del", old, say=False)))
                raw.append(("added", _marked("ins", new, say=False)))
                result.removed += 1
                result.added += 1
            elif old is not None:
                raw.append(("removed", _marked("del", old, say=False)))
                result.removed += 1
            elif new is not None:
                raw.append(("added", _marked("ins", new, say=False)))
                result.added += 1
    near = {i for i, (kind, _) in enumerate(raw) if kind != "same"}
    keep = {j for i in near for j in range(i - context, i + context + 1)}
    gap = 0
    for i, (kind, html) in enumerate(raw):
        if kind == "same" and i not in keep:
            gap += 1
            continue
        if gap:
            result.rows.append(DiffRow("gap", SafeString(""), gap))
            gap = 0
        result.rows.append(DiffRow(kind, html))
    if gap:
        result.rows.append(DiffRow("gap", SafeString(""), gap))
    return result
