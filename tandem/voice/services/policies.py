"""Every write of the policy library (R40) and of acknowledgements (R41).

Keyword-only, ``require`` first, one transaction, audited. A version runs: draft → open for
parents' comments until a closing date (review) → adopted (in force; the version it replaces is
superseded) → superseded. A draft may be adopted directly only as a minor change that needs no
comment period, and the manager says so; a policy for staff only is never put to parents.
Adopting tells the families (and asks them to acknowledge it, if the policy asks) and the staff
who must acknowledge it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User

from ..actions.policies import (
    COMMENT_RESPOND,
    POLICY_EDIT,
    POLICY_MANAGE,
    VERSION_ACKNOWLEDGE,
    VERSION_COMMENT,
    VERSION_MANAGE,
)
from ..models.policies import Acknowledgement, Policy, PolicyComment, PolicyVersion
from ..selectors import policies as selectors

# Notification kinds (declared in hooks/policies.py).
REVIEW_KIND = "voice.policies.review"  # parents: a policy open for comments; the setting answered a comment
CHANGED_KIND = "voice.policies.changed"  # parents: a policy changed; please acknowledge it
STAFF_KIND = "voice.policies.staff"  # staff: a policy to read and acknowledge
COMMENT_KIND = "voice.policies.comment"  # managers: a parent commented on a version under review

Status = PolicyVersion.Status
LONGEST_REVIEW = dt.timedelta(days=92)
REMINDER_GAP = dt.timedelta(days=1)
MAX_TEXT = 3000
POLICY_FIELDS = ("title", "category", "audience", "parents_acknowledge", "staff_acknowledge")
VERSION_FIELDS = ("body", "changes", "next_review_on")


STATES = {
    Status.DRAFT.value: "a draft",
    Status.REVIEW.value: "open for parents' comments",
    Status.ADOPTED.value: "in force",
    Status.SUPERSEDED.value: "replaced by a newer version",
}


def state_of(version: PolicyVersion) -> str:
    """Where a version stands, in words that follow "is": "a draft", "in force"…"""
    return STATES.get(str(version.status), version.get_status_display().lower())


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def _url(name: str, pk: int) -> str:
    return reverse(f"voice:{name}", args=[pk])


# --- policies ------------------------------------------------------------------------------------


def _clean_policy(data: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": " ".join((data.get("title") or "").split()),
        "category": " ".join((data.get("category") or "").split()),
        "audience": data.get("audience") or Policy.Audience.EVERYONE,
        "parents_acknowledge": bool(data.get("parents_acknowledge")),
        "staff_acknowledge": bool(data.get("staff_acknowledge")),
    }
    errors = {}
    if not values["title"]:
        errors["title"] = "Write the policy's title."
    elif len(values["title"]) > 200:
        errors["title"] = "Keep the title to 200 characters."
    if len(values["category"]) > 100:
        errors["category"] = "Keep the category to 100 characters."
    if values["audience"] not in Policy.Audience.values:
        errors["audience"] = "Choose who the policy is for."
    if errors:
        raise ValidationError(errors)
    if values["audience"] == Policy.Audience.STAFF:
        values["parents_acknowledge"] = False  # parents never see a staff-only policy
    return values


def _clean_version(data: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "body": (data.get("body") or "").strip(),
        "changes": (data.get("changes") or "").strip(),
        "next_review_on": data.get("next_review_on") or None,
    }
    errors = {}
    if not values["body"]:
        errors["body"] = "Write the text of the policy."
    if len(values["changes"]) > MAX_TEXT:
        errors["changes"] = f"Keep what changed to {MAX_TEXT} characters."
    if values["next_review_on"] is not None and values["next_review_on"] <= timezone.localdate():
        errors["next_review_on"] = "Choose a review date in the future."
    if errors:
        raise ValidationError(errors)
    return values


def _title_taken(setting_id: int, title: str, exclude: int | None = None) -> bool:
    found = Policy.objects.filter(setting_id=setting_id, title__iexact=title)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.exists()


def create_policy(*, actor: User, setting: Setting, data: dict[str, Any]) -> Policy:
    """A new policy with its first version, a draft."""
    require(actor, POLICY_MANAGE, setting)
    errors: dict[str, Any] = {}
    for clean in (_clean_policy, _clean_version):
        try:
            clean(data)
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    values, version_values = _clean_policy(data), _clean_version(data)
    if not version_values["changes"]:
        version_values["changes"] = "The first version."
    if _title_taken(setting.pk, values["title"]):
        raise ValidationError({"title": "There is already a policy with this title: open it and write a new version."})
    try:
        with transaction.atomic():
            policy = Policy.objects.create(setting=setting, **values)
            PolicyVersion.objects.create(policy=policy, number=1, created_by=actor, **version_values)
            audit.record("voice.policies.created", actor, obj=policy, setting_id=setting.pk)
    except IntegrityError:
        raise ValidationError({"title": "There is already a policy with this title."}) from None
    return policy


def update_policy(*, actor: User, policy: Policy, data: dict[str, Any]) -> Policy:
    """Change a policy's title, category, audience and who acknowledges it (from the next version
    adopted; acknowledgements already given stay)."""
    require(actor, POLICY_EDIT, policy)
    values = _clean_policy(data)
    if _title_taken(policy.setting_id, values["title"], exclude=policy.pk):
        raise ValidationError({"title": "There is already a policy with this title."})
    with transaction.atomic():
        locked = Policy.objects.select_for_update().get(pk=policy.pk)
        reviewing = locked.versions.filter(status=Status.REVIEW).exists()
        if values["audience"] == Policy.Audience.STAFF and reviewing:
            raise ValidationError(
                {"audience": "A version is open for parents' comments: adopt it or take it back first."}
            )
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(POLICY_FIELDS))
        audit.record("voice.policies.changed", actor, obj=locked, setting_id=locked.setting_id)
    return locked


# --- versions ------------------------------------------------------------------------------------


def create_version(*, actor: User, policy: Policy, data: dict[str, Any]) -> PolicyVersion:
    """The next version of a policy, a draft. Only one version is written or reviewed at a time."""
    require(actor, POLICY_EDIT, policy)
    values = _clean_version(data)
    with transaction.atomic():
        Policy.objects.select_for_update().get(pk=policy.pk)
        open_version = selectors.open_version(policy)
        if open_version is not None:
            raise ValidationError(f"Version {open_version.number} is still {state_of(open_version)}: finish it first.")
        number = (policy.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = PolicyVersion.objects.create(policy=policy, number=number, created_by=actor, **values)
        audit.record("voice.policies.version_created", actor, obj=version, setting_id=policy.setting_id)
    return version


def _locked(version: PolicyVersion, *statuses: str) -> PolicyVersion:
    locked = PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)
    if statuses and locked.status not in statuses:
        raise ValidationError(f"This version is {state_of(locked)}, so that cannot be done now.")
    return locked


def update_version(*, actor: User, version: PolicyVersion, data: dict[str, Any]) -> PolicyVersion:
    """Change a draft's text, what changed, and its next review date."""
    require(actor, VERSION_MANAGE, version)
    values = _clean_version(data)
    with transaction.atomic():
        locked = _locked(version, Status.DRAFT)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(VERSION_FIELDS))
        audit.record("voice.policies.version_changed", actor, obj=locked, setting_id=locked.policy.setting_id)
    return locked


def delete_draft(*, actor: User, version: PolicyVersion) -> Policy:
    """Throw a draft away (never a version parents have commented on)."""
    require(actor, VERSION_MANAGE, version)
    with transaction.atomic():
        locked = _locked(version, Status.DRAFT)
        if locked.comments.exists():
            raise ValidationError("Parents have commented on this version, so it is kept: change it instead.")
        policy = locked.policy
        audit.record("voice.policies.draft_deleted", actor, obj=policy, setting_id=policy.setting_id)
        locked.delete()
    return policy


def open_review(*, actor: User, version: PolicyVersion, closes_on: dt.date) -> PolicyVersion:
    """Open a draft for parents' comments until ``closes_on`` and tell the setting's families."""
    require(actor, VERSION_MANAGE, version)
    today = timezone.localdate()
    if closes_on is None or closes_on <= today:
        raise ValidationError({"review_closes_on": "Choose a closing date after today."})
    if closes_on > today + LONGEST_REVIEW:
        raise ValidationError({"review_closes_on": "Choose a closing date within the next three months."})
    with transaction.atomic():
        locked = _locked(version, Status.DRAFT)
        policy = locked.policy
        if policy.audience != Policy.Audience.EVERYONE:
            raise ValidationError("Parents do not see a staff-only policy: adopt it directly.")
        locked.status = Status.REVIEW
        locked.review_closes_on = closes_on
        locked.review_opened_at = timezone.now()
        locked.save(update_fields=["status", "review_closes_on", "review_opened_at"])
        audit.record("voice.policies.review_opened", actor, obj=locked, setting_id=policy.setting_id)
        first = locked.number == 1
        notify(
            kind=REVIEW_KIND,
            user_ids=selectors.family_user_ids(policy.setting_id).values_list("adult__user_id", flat=True),
            title=f"Have your say: {'a new policy' if first else 'a change to our policy'}, {policy.title}",
            body=f"We are {'writing' if first else 'reviewing'} our {policy.title} policy and would like "
            f"to know what you think. Read what would change and tell us by {_day(closes_on)}.",
            url=_url("policy_version", locked.pk),
            setting_id=policy.setting_id,
        )
    return locked


def end_review(*, actor: User, version: PolicyVersion) -> PolicyVersion:
    """Take a version back from parents' comments to a draft, to change it (the comments stay)."""
    require(actor, VERSION_MANAGE, version)
    with transaction.atomic():
        locked = _locked(version, Status.REVIEW)
        locked.status = Status.DRAFT
        locked.save(update_fields=["status"])
        audit.record("voice.policies.review_ended", actor, obj=locked, setting_id=locked.policy.setting_id)
    return locked


def adopt(
    *,
    actor: User,
    version: PolicyVersion,
    next_review_on: dt.date,
    minor_change: bool = False,
    close_early: bool = False,
) -> PolicyVersion:
    """Put a version in force. The version in force until now is superseded. Families are told (and
    asked to acknowledge it, if the policy asks parents to); staff are asked to acknowledge it, if
    the policy asks them to.

    A draft of a policy for families that was never open for comments is adopted directly only as
    a minor change (``minor_change``: no comment period wanted); a version still open for comments
    only by closing it early (``close_early``). Both choices are recorded in the audit trail."""
    require(actor, VERSION_MANAGE, version)
    today = timezone.localdate()
    if next_review_on is None or next_review_on <= today:
        raise ValidationError({"next_review_on": "Choose the date of the next review, after today."})
    with transaction.atomic():
        locked = _locked(version, Status.DRAFT, Status.REVIEW)
        policy = Policy.objects.select_for_update().get(pk=locked.policy_id)
        for_families = policy.audience == Policy.Audience.EVERYONE
        events = ["voice.policies.adopted"]
        if locked.status == Status.DRAFT and for_families and locked.review_opened_at is None:
            if not minor_change:
                raise ValidationError(
                    {
                        "minor_change": "Open it for parents' comments first, or tick that it is a minor change "
                        "that needs no comment period."
                    }
                )
            events.append("voice.policies.adopted_as_minor_change")
        if locked.status == Status.REVIEW and locked.review_closes_on and locked.review_closes_on >= today:
            if not close_early:
                raise ValidationError(
                    {
                        "close_early": f"Parents may comment until {_day(locked.review_closes_on)}: tick to close "
                        "the comment period early, or wait until it has closed."
                    }
                )
            events.append("voice.policies.review_closed_early")
        replaced = list(policy.versions.filter(status=Status.ADOPTED).exclude(pk=locked.pk))
        policy.versions.filter(pk__in=[v.pk for v in replaced]).update(status=Status.SUPERSEDED)
        locked.status = Status.ADOPTED
        locked.adopted_at = timezone.now()
        locked.adopted_by = actor
        locked.next_review_on = next_review_on
        locked.save(update_fields=["status", "adopted_at", "adopted_by", "next_review_on"])
        for event in events:
            audit.record(event, actor, obj=locked, setting_id=policy.setting_id)
        _tell_adopted(locked, policy, changed=bool(replaced))
    return locked


def _tell_adopted(version: PolicyVersion, policy: Policy, *, changed: bool) -> None:
    url = _url("policy", policy.pk)
    what = f" What changed: {version.changes}" if changed and version.changes else ""
    if policy.audience == Policy.Audience.EVERYONE:
        ask = " Please read it and confirm that you have read and understood it." if policy.parents_acknowledge else ""
        notify(
            kind=CHANGED_KIND,
            user_ids=selectors.family_user_ids(policy.setting_id).values_list("adult__user_id", flat=True),
            title=f"{'Our policy has changed' if changed else 'A new policy'}: {policy.title}",
            body=f"Version {version.number} of our {policy.title} policy is now in force.{what}{ask}",
            url=url,
            setting_id=policy.setting_id,
        )
    if policy.staff_acknowledge:
        notify(
            kind=STAFF_KIND,
            user_ids=selectors.staff_user_ids(policy.setting_id).values_list("user_id", flat=True),
            title=f"Policy to read and acknowledge: {policy.title}, version {version.number}",
            body=f"Version {version.number} of the {policy.title} policy is now in force.{what} "
            "Please read it and acknowledge that you have read and understood it.",
            url=url,
            setting_id=policy.setting_id,
        )


# --- comments ------------------------------------------------------------------------------------


def _clean_text(text: str, name: str, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({name: missing})
    if len(text) > MAX_TEXT:
        raise ValidationError({name: f"Keep it to {MAX_TEXT} characters."})
    return text


def comment(*, actor: User, version: PolicyVersion, body: str) -> PolicyComment:
    """A parent's comment on a version open for comments, until its closing date (that day included).
    The manager and deputy read it; the parent sees it with the setting's answer; no other parent does."""
    require(actor, VERSION_COMMENT, version)
    body = _clean_text(body, "body", "Write your comment.")
    with transaction.atomic():
        locked = _locked(version)
        if locked.status != Status.REVIEW:
            raise ValidationError("This version is no longer open for comments.")
        if locked.review_closes_on is None or locked.review_closes_on < timezone.localdate():
            closed = f" on {_day(locked.review_closes_on)}" if locked.review_closes_on else ""
            raise ValidationError(f"The comment period closed{closed}: it is too late to comment.")
        made = PolicyComment.objects.create(
            version=locked, author=actor, author_role=Acknowledgement.As.PARENT.label, body=body
        )
        policy = locked.policy
        audit.record("voice.policies.commented", actor, obj=made, setting_id=policy.setting_id)
        leaders = selectors.staff_user_ids(policy.setting_id).filter(role__in=("manager", "deputy"))
        notify(
            kind=COMMENT_KIND,
            user_ids=leaders.values_list("user_id", flat=True),
            title=f"A parent commented on {policy.title}, version {locked.number}",
            body="Read the comment and answer it before the version is adopted.",
            url=_url("policy_comments", locked.pk),
            setting_id=policy.setting_id,
        )
    return made


def respond(*, actor: User, comment: PolicyComment, response: str) -> PolicyComment:
    """The setting's answer to a comment, shown to its author (who is told)."""
    require(actor, COMMENT_RESPOND, comment)
    response = _clean_text(response, "response", "Write your answer.")
    with transaction.atomic():
        locked = PolicyComment.objects.select_for_update().select_related("version__policy").get(pk=comment.pk)
        locked.response = response
        locked.save(update_fields=["response"])
        version = locked.version
        policy = version.policy
        audit.record("voice.policies.responded", actor, obj=locked, setting_id=policy.setting_id)
        if locked.author_id:
            notify(
                kind=REVIEW_KIND,
                user_ids=[locked.author_id],
                title=f"We have answered your comment on our {policy.title} policy",
                body="Read our answer on the policy's page.",
                url=_url("policy_version", version.pk),
                setting_id=policy.setting_id,
            )
    return locked


# --- acknowledgements ----------------------------------------------------------------------------------


def acknowledge(*, actor: User, version: PolicyVersion) -> list[Acknowledgement]:
    """ "I have read and understood this": the version in force, as a parent, as staff, or both, as
    the policy asks. Acknowledging again changes nothing. Returns the acknowledgements made now."""
    require(actor, VERSION_ACKNOWLEDGE, version)
    with transaction.atomic():
        locked = _locked(version)
        if locked.status != Status.ADOPTED:
            raise ValidationError("This version is no longer in force: read the version in force.")
        made = []
        for group in selectors.capacities(actor, locked):
            row, created = Acknowledgement.objects.get_or_create(version=locked, user=actor, acknowledged_as=group)
            if created:
                made.append(row)
        if made:
            audit.record("voice.policies.acknowledged", actor, obj=locked, setting_id=locked.policy.setting_id)
    return made


def remind(*, actor: User, version: PolicyVersion) -> dict[str, int]:
    """Remind the parents and staff who have not acknowledged the version in force (once a day per
    version). Returns how many of each were reminded."""
    require(actor, VERSION_MANAGE, version)
    with transaction.atomic():
        locked = _locked(version, Status.ADOPTED)
        policy = locked.policy
        last = selectors.last_reminder(locked)
        if last is not None and last > timezone.now() - REMINDER_GAP:
            again = timezone.localtime(last + REMINDER_GAP)
            raise ValidationError(
                f"A reminder about this version went on {_day(last)}. You can send another from "
                f"{formats.date_format(again, 'j F, H:i')}."
            )
        groups = selectors.groups_asked(locked)
        waiting = {group: selectors.waiting_user_ids(locked, group) for group in groups}
        if not any(waiting.values()):
            raise ValidationError("Everyone asked has acknowledged this version: there is no one to remind.")
        url = _url("policy", policy.pk)
        if waiting.get(selectors.PARENTS):
            notify(
                kind=CHANGED_KIND,
                user_ids=waiting[selectors.PARENTS],
                title=f"Reminder: please read our {policy.title} policy",
                body=f"Please read version {locked.number} of our {policy.title} policy and confirm that you "
                "have read and understood it.",
                url=url,
                setting_id=policy.setting_id,
            )
        if waiting.get(selectors.STAFF):
            notify(
                kind=STAFF_KIND,
                user_ids=waiting[selectors.STAFF],
                title=f"Reminder: read and acknowledge {policy.title}, version {locked.number}",
                body="You have not yet acknowledged this version. Please read it and acknowledge it.",
                url=url,
                setting_id=policy.setting_id,
            )
        audit.record(selectors.REMINDED, actor, obj=locked, setting_id=policy.setting_id)
    return {group: len(ids) for group, ids in waiting.items()}
