"""Change requests (R2): every write, keyword-only, one transaction, audited.

Applying a change to a parent's own details goes through ``tandem.people.services.update_adult``,
so the Adult's history records who applied what and when. A request never silently overwrites a
newer change: if a field it changes was changed by someone else since the parent asked, applying
stops with :class:`ChangeConflict` until the person applying confirms against exactly the values
they were shown (a fingerprint of them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.forms import AdultForm
from tandem.people.models import Adult, Child
from tandem.people.services import update_adult

from ..actions.changes import CHANGE_DECIDE, CHANGE_SUBMIT
from ..models.changes import ADULT_FIELDS, ChangeRequest, field_label

MAX_TEXT = 5000


class ChangeConflict(ValidationError):
    """Someone changed a field of the record after the parent asked: confirm before replacing it."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = fields
        labels = ", ".join(field_label(f).lower() for f in fields)
        super().__init__(
            f"The record was changed after this request was made ({labels}). Nothing has been changed: check "
            "the details now on the record, then apply anyway or decline the request."
        )


def own_adult(*, actor: User, child: Child) -> Adult | None:
    """The signed-in parent's own record, linked to this child."""
    return Adult.objects.select_related("setting").filter(user=actor, links__child=child).first()


def fingerprint(adult: Adult, fields: list[str] | dict[str, Any]) -> str:
    """A short digest of the record's present values of ``fields``: what a confirmation is made against."""
    values = {name: getattr(adult, name) for name in sorted(fields)}
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]


def conflicts_of(change_request: ChangeRequest, adult: Adult) -> list[str]:
    """Fields asked for that someone else has changed since: neither the value then nor the value asked for."""
    found = []
    for name, value in change_request.proposed.items():
        now = getattr(adult, name)
        if now != change_request.original.get(name) and now != value:
            found.append(name)
    return found


def submit_own_details_change(*, actor: User, child: Child, changes: dict[str, Any]) -> ChangeRequest:
    """A parent asks for their own details to be changed. Checked with the same rules as the record's form."""
    require(actor, CHANGE_SUBMIT, child)
    adult = own_adult(actor=actor, child=child)
    if adult is None:
        raise ValidationError("We could not find your own record. Please speak to the office.")
    unknown = set(changes) - set(ADULT_FIELDS)
    if unknown:
        raise ValidationError("Only your name, contact details, languages and access needs can be changed here.")
    current = {name: getattr(adult, name) for name in ADULT_FIELDS}
    form = AdultForm(data={**current, **changes}, instance=Adult(setting_id=adult.setting_id))
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    proposed = {name: form.cleaned_data[name] for name in changes if form.cleaned_data[name] != current[name]}
    if not proposed:
        raise ValidationError("Nothing has changed yet. Change the details that are out of date, then send them.")
    with transaction.atomic():
        change_request = ChangeRequest.objects.create(
            setting_id=adult.setting_id,
            child=child,
            adult=adult,
            submitted_by=actor,
            kind=ChangeRequest.Kind.OWN_DETAILS,
            proposed=proposed,
            original={name: current[name] for name in proposed},
        )
        audit.record(
            "enrolment.change_request.submitted",
            actor,
            child_ids=[child.pk],
            person_ids=[adult.pk],
            obj=change_request,
            setting_id=adult.setting_id,
        )
    return change_request


def submit_circumstances_change(*, actor: User, child: Child, category: str, description: str) -> ChangeRequest:
    """A parent tells the setting about a change in the child's circumstances."""
    require(actor, CHANGE_SUBMIT, child)
    if category not in ChangeRequest.Category.values:
        raise ValidationError({"category": "Choose what has changed."})
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": "Tell us what has changed."})
    if len(description) > MAX_TEXT:
        raise ValidationError({"description": f"Keep it to {MAX_TEXT} characters or fewer."})
    with transaction.atomic():
        change_request = ChangeRequest.objects.create(
            setting_id=child.setting_id,
            child=child,
            submitted_by=actor,
            kind=ChangeRequest.Kind.CHILD_CIRCUMSTANCES,
            category=category,
            description=description,
        )
        audit.record(
            "enrolment.change_request.submitted",
            actor,
            child_ids=[child.pk],
            obj=change_request,
            setting_id=child.setting_id,
        )
    return change_request


def _lock_pending(change_request: ChangeRequest) -> ChangeRequest:
    locked = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if locked.status != ChangeRequest.Status.PENDING:
        raise ValidationError(
            f"This request has already been dealt with ({locked.get_status_display().lower()}). Nothing was changed."
        )
    return locked


def _subjects(change_request: ChangeRequest) -> dict[str, Any]:
    return {
        "child_ids": [change_request.child_id] if change_request.child_id else [],
        "person_ids": [change_request.adult_id] if change_request.adult_id else [],
        "obj": change_request,
        "setting_id": change_request.setting_id,
    }


def apply_change_request(*, actor: User, change_request: ChangeRequest, confirm: str = "") -> ChangeRequest:
    """Apply a parent's request. Own details are written through people's ``update_adult``.

    ``confirm`` is the :func:`fingerprint` of the record's values the person applying was shown; it
    is needed only when someone else changed a requested field since the parent asked."""
    require(actor, CHANGE_DECIDE, change_request.setting)
    with transaction.atomic():
        locked = _lock_pending(change_request)
        if locked.kind == ChangeRequest.Kind.OWN_DETAILS:
            assert locked.adult_id is not None  # a database constraint: own details name the adult
            adult = Adult.objects.select_for_update().get(pk=locked.adult_id)
            conflicts = conflicts_of(locked, adult)
            if conflicts and confirm != fingerprint(adult, locked.proposed):
                raise ChangeConflict(conflicts)
            adult._history_user = actor  # type: ignore[attr-defined]  # who, in the Adult's history
            adult._change_reason = f"Change request {locked.pk} from a parent"  # type: ignore[attr-defined]
            update_adult(actor=actor, adult=adult, **locked.proposed)
        locked._history_user = actor  # type: ignore[attr-defined]
        locked.status = ChangeRequest.Status.APPLIED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record("enrolment.change_request.applied", actor, **_subjects(locked))
    return locked


def decline_change_request(*, actor: User, change_request: ChangeRequest, reason: str) -> ChangeRequest:
    """Decline a request, with the reason the parent will read."""
    require(actor, CHANGE_DECIDE, change_request.setting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason, so the parent knows why."})
    if len(reason) > MAX_TEXT:
        raise ValidationError({"reason": f"Keep the reason to {MAX_TEXT} characters or fewer."})
    with transaction.atomic():
        locked = _lock_pending(change_request)
        locked._history_user = actor  # type: ignore[attr-defined]
        locked.status = ChangeRequest.Status.DECLINED
        locked.reason = reason
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        audit.record("enrolment.change_request.declined", actor, **_subjects(locked))
    return locked
