"""Next steps for a child (R16): staff set them and move them on; a family suggests them, and the
key person takes a suggestion on (suggested → working on it). Keyword-only, atomic, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.nextsteps import NEXTSTEP_SUGGEST
from ..actions.observations import JOURNAL_CONTRIBUTE
from ..models import Area, NextStep

MAX_TEXT = 500
MAX_NOTE = 300
Status = NextStep.Status


def _text(value: str | None, *, field: str, limit: int, required: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: required})
    if len(text) > limit:
        raise ValidationError({field: f"Keep this to {limit:,} characters or fewer."})
    return text


def _create(*, actor: User, child: Child, text: str, area: Area | None, family: bool) -> NextStep:
    text = _text(text, field="text", limit=MAX_TEXT, required="Write the next step, in a sentence.")
    now = timezone.now()
    with transaction.atomic():
        step = NextStep(
            child=child,
            area=area,
            text=text,
            from_family=family,
            status=Status.SUGGESTED if family else Status.OPEN,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        step._history_user = actor  # type: ignore[attr-defined]
        step.save()
        audit.record(
            "journal.next_step.suggested" if family else "journal.next_step.created",
            actor,
            child_ids=[child.pk],
            obj=step,
            setting_id=child.setting_id,
        )
    return step


def add_step(*, actor: User, child: Child, text: str, area: Area | None = None) -> NextStep:
    """Staff set a next step: the child is working on it from now."""
    require(actor, JOURNAL_CONTRIBUTE, child)
    return _create(actor=actor, child=child, text=text, area=area, family=False)


def suggest_step(*, actor: User, child: Child, text: str, area: Area | None = None) -> NextStep:
    """A parent or carer suggests a next step; it waits for the key person to take it on."""
    require(actor, NEXTSTEP_SUGGEST, child)
    return _create(actor=actor, child=child, text=text, area=area, family=True)


def change_step(
    *,
    actor: User,
    child: Child,
    step: NextStep,
    status: str,
    note: str = "",
    text: str | None = None,
    area: Area | None = None,
    keep_area: bool = False,
) -> NextStep:
    """Move a next step on (take a suggestion on, achieved, set aside, or back to working on it)
    with a note, and perhaps reword it. A step cannot go back to "suggested"."""
    require(actor, JOURNAL_CONTRIBUTE, child)
    if step.child_id != child.pk:
        raise ValidationError("This next step is about another child.")
    valid = {Status.OPEN, Status.ACHIEVED, Status.SET_ASIDE}
    if step.status == Status.SUGGESTED:
        valid.add(Status.SUGGESTED)
    if status not in valid:
        raise ValidationError({"status": "Choose where this next step is up to."})
    note = _text(note, field="status_note", limit=MAX_NOTE)
    if status == Status.SET_ASIDE and not note:
        raise ValidationError({"status_note": "Say briefly why it is set aside, so the family understands."})
    new_text = (
        step.text
        if text is None
        else _text(text, field="text", limit=MAX_TEXT, required="Write the next step, in a sentence.")
    )
    with transaction.atomic():
        fresh = NextStep.objects.select_for_update().get(pk=step.pk)
        previous = fresh.status
        fresh.status = status
        fresh.status_note = note
        fresh.text = new_text
        if not keep_area:
            fresh.area = area
        fresh.updated_at = timezone.now()
        fresh._history_user = actor  # type: ignore[attr-defined]
        fresh.save()
        event = (
            "journal.next_step.taken_on"
            if previous == Status.SUGGESTED and status == Status.OPEN
            else "journal.next_step.updated"
        )
        audit.record(event, actor, child_ids=[child.pk], obj=fresh, setting_id=child.setting_id)
    return fresh


def take_on(*, actor: User, child: Child, step: NextStep) -> NextStep:
    """The key person takes a family's suggestion on: the child now works on it."""
    if step.status != Status.SUGGESTED:
        raise ValidationError("This next step has already been taken on.")
    return change_step(actor=actor, child=child, step=step, status=Status.OPEN, keep_area=True)
