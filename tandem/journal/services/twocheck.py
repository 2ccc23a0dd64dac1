"""Every write about the progress check at two (R17): keyword-only, one transaction, audited.

Flow: the key person starts a draft (the three prime areas), writes it and may ask the family
for their contribution; a manager, deputy or SENCO who did not write it signs it off (from then on
it is read-only: a correction is a new check); the key person shares it with the family, which
makes the PDF in the task queue; the family acknowledges they have read it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.exports import record_export
from tandem.core.models import User
from tandem.people.models import Child

from ..actions.twocheck import CHECK_DOWNLOAD, CHECK_FAMILY, CHECK_SIGN_OFF, CHECK_WRITE
from ..models import ProgressCheck, ProgressCheckArea
from ..selectors.book import asks_purpose
from ..selectors.twocheck import prime_areas

PDF_RETRY_AFTER = dt.timedelta(minutes=10)
PLAN_NEEDED = "Write the plan agreed: when there are concerns, the check must say what you and the family will do."
NOT_A_DRAFT = "This check has been signed off and can no longer be changed. To correct it, start a correction."


def _record(event: str, actor: User, check: ProgressCheck) -> None:
    audit.record(event, actor, child_ids=[check.child_id], obj=check, setting_id=check.child.setting_id)


def _locked_draft(check: ProgressCheck) -> ProgressCheck:
    locked = ProgressCheck.objects.select_for_update().select_related("child").get(pk=check.pk)
    if not locked.is_draft:
        raise ValidationError(NOT_A_DRAFT)
    return locked


def start_check(*, actor: User, child: Child, corrects: ProgressCheck | None = None) -> ProgressCheck:
    """Start a draft with a section for each prime area, or return the draft already started.
    With ``corrects`` (a signed-off check), the draft starts as a copy of it."""
    require(actor, CHECK_WRITE, child)
    if corrects is not None and (corrects.child_id != child.pk or not corrects.is_final):
        raise ValidationError("Only a signed-off check of this child can be corrected.")
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()  # one draft at a time
        draft = ProgressCheck.objects.filter(child=child, status=ProgressCheck.Status.DRAFT).first()
        if draft is not None:
            return draft
        check = ProgressCheck.objects.create(child=child, author=actor, corrects=corrects)
        earlier = {a.area_id: a for a in corrects.areas.all()} if corrects else {}
        if corrects is not None:
            check.parents_contribution = corrects.parents_contribution
            check.family_contribution = corrects.family_contribution
            check.plan, check.concerns = corrects.plan, corrects.concerns
            check.save(update_fields=["parents_contribution", "family_contribution", "plan", "concerns"])
        ProgressCheckArea.objects.bulk_create(
            [
                ProgressCheckArea(
                    progress_check=check,
                    area=area,
                    strengths=earlier[area.pk].strengths if area.pk in earlier else "",
                    less_than_expected=earlier[area.pk].less_than_expected if area.pk in earlier else "",
                )
                for area in prime_areas()
            ]
        )
        _record("journal.twocheck.corrected" if corrects else "journal.twocheck.started", actor, check)
    return check


def save_check(
    *,
    actor: User,
    check: ProgressCheck,
    areas: dict[int, tuple[str, str]],
    concerns: bool,
    parents_contribution: str,
    plan: str,
    completed_on: dt.date | None = None,
) -> ProgressCheck:
    """Save the draft. ``areas`` is {area id: (strengths, where progress is less than expected)}."""
    require(actor, CHECK_WRITE, check.child)
    plan = (plan or "").strip()
    if concerns and not plan:
        raise ValidationError({"plan": PLAN_NEEDED})
    if completed_on and completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date of the check cannot be in the future."})
    with transaction.atomic():
        locked = _locked_draft(check)
        rows = {row.area_id: row for row in locked.areas.all()}
        for area_id, (strengths, less) in areas.items():
            row = rows.get(area_id)
            if row is None:
                raise ValidationError("The check covers the three prime areas only.")
            row.strengths, row.less_than_expected = (strengths or "").strip(), (less or "").strip()
        ProgressCheckArea.objects.bulk_update(rows.values(), ["strengths", "less_than_expected"])
        locked.concerns = concerns
        locked.parents_contribution = (parents_contribution or "").strip()
        locked.plan = plan
        locked.completed_on = completed_on
        locked.save(update_fields=["concerns", "parents_contribution", "plan", "completed_on"])
        _record("journal.twocheck.saved", actor, locked)
    return locked


def ask_family(*, actor: User, check: ProgressCheck) -> ProgressCheck:
    """Ask the family (those with parental responsibility) to write their part online."""
    from ..tasks_twocheck import email_family_asked

    require(actor, CHECK_WRITE, check.child)
    with transaction.atomic():
        locked = _locked_draft(check)
        if locked.family_asked_at is not None:
            raise ValidationError("The family has already been asked.")
        locked.family_asked_at, locked.family_asked_by = timezone.now(), actor
        locked.save(update_fields=["family_asked_at", "family_asked_by"])
        _record("journal.twocheck.family_asked", actor, locked)
        transaction.on_commit(lambda: email_family_asked.enqueue(locked.pk))
    return locked


def add_family_contribution(*, actor: User, check: ProgressCheck, text: str) -> ProgressCheck:
    """A parent with parental responsibility writes the family's part of a draft they were asked about."""
    require(actor, CHECK_FAMILY, check.child)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write what you would like to tell us about your child."})
    with transaction.atomic():
        locked = ProgressCheck.objects.select_for_update().select_related("child").get(pk=check.pk)
        if not locked.is_draft or locked.family_asked_at is None:
            raise ValidationError("This check is no longer open for your contribution.")
        locked.family_contribution = text
        locked.family_contribution_by, locked.family_contribution_at = actor, timezone.now()
        locked.save(update_fields=["family_contribution", "family_contribution_by", "family_contribution_at"])
        _record("journal.twocheck.family_contributed", actor, locked)
    return locked


def sign_off(*, actor: User, check: ProgressCheck) -> ProgressCheck:
    """A manager, deputy or SENCO who did not write the check signs it off: it becomes read-only."""
    require(actor, CHECK_SIGN_OFF, check.child)
    with transaction.atomic():
        locked = _locked_draft(check)
        if locked.author_id == actor.pk:
            raise ValidationError("You wrote this check, so someone else must sign it off: a manager, deputy or SENCO.")
        missing = [a.area.name for a in locked.areas.select_related("area") if not a.strengths.strip()]
        if missing:
            raise ValidationError(f"Write the child's strengths in every prime area first: {', '.join(missing)}.")
        if locked.concerns and not locked.plan.strip():
            raise ValidationError(PLAN_NEEDED)
        if not (locked.parents_contribution.strip() or locked.family_contribution.strip()):
            raise ValidationError("Record the parents' contribution first: what the family told you, or ask them.")
        now = timezone.now()
        locked.status = ProgressCheck.Status.SIGNED_OFF
        locked.signed_off_at, locked.signed_off_by = now, actor
        locked.completed_on = locked.completed_on or timezone.localdate()
        locked.save(update_fields=["status", "signed_off_at", "signed_off_by", "completed_on"])
        _record("journal.twocheck.signed_off", actor, locked)
    return locked


def share_with_family(*, actor: User, check: ProgressCheck) -> ProgressCheck:
    """Share a signed-off check with the family; its PDF is made in the task queue."""
    from ..tasks_twocheck import make_check_pdf

    require(actor, CHECK_WRITE, check.child)
    with transaction.atomic():
        locked = ProgressCheck.objects.select_for_update().select_related("child").get(pk=check.pk)
        if locked.status != ProgressCheck.Status.SIGNED_OFF:
            raise ValidationError(
                "Only a signed-off check can be shared." if locked.is_draft else "This check is already shared."
            )
        locked.status = ProgressCheck.Status.SHARED
        locked.shared_at, locked.shared_by = timezone.now(), actor
        locked.pdf_requested_at = locked.shared_at
        locked.save(update_fields=["status", "shared_at", "shared_by", "pdf_requested_at"])
        _record("journal.twocheck.shared", actor, locked)
        transaction.on_commit(lambda: make_check_pdf.enqueue(locked.pk, True))
    return locked


def acknowledge(*, actor: User, check: ProgressCheck) -> ProgressCheck:
    """The family says they have read the shared check."""
    require(actor, CHECK_FAMILY, check.child)
    with transaction.atomic():
        locked = ProgressCheck.objects.select_for_update().select_related("child").get(pk=check.pk)
        if not locked.is_shared:
            raise ValidationError("This check has not been shared with you yet.")
        if locked.parent_acknowledged_at is not None:
            raise ValidationError("Someone in your family has already said they have read it. Thank you.")
        locked.parent_acknowledged_at, locked.parent_acknowledged_by = timezone.now(), actor
        locked.save(update_fields=["parent_acknowledged_at", "parent_acknowledged_by"])
        _record("journal.twocheck.acknowledged", actor, locked)
    return locked


def request_pdf(*, actor: User, check: ProgressCheck) -> bool:
    """Queue the PDF when it is missing; repeated asks within a few minutes queue nothing."""
    from ..tasks_twocheck import make_check_pdf

    require(actor, CHECK_DOWNLOAD, check.child)
    now = timezone.now()
    with transaction.atomic():
        locked = ProgressCheck.objects.select_for_update().select_related("child").get(pk=check.pk)
        if not locked.is_final:
            return False
        if locked.pdf and default_storage.exists(locked.pdf.name):
            return False
        if locked.pdf_requested_at and now - locked.pdf_requested_at < PDF_RETRY_AFTER:
            return False
        ProgressCheck.objects.filter(pk=locked.pk).update(pdf_requested_at=now)
        _record("journal.twocheck.pdf_requested", actor, locked)
        transaction.on_commit(lambda: make_check_pdf.enqueue(locked.pk, False))
    return True


# What a member of staff's download of the check is logged as (R51).
CHECK_EXPORT = "Progress check at two"


def record_download(*, actor: User, check: ProgressCheck, purpose: str | None = None) -> None:
    """A download of the check's PDF, audited. A member of staff (not the child's family) must give a
    purpose: the export is logged first (R51), and refused without one."""
    require(actor, CHECK_DOWNLOAD, check.child)
    with transaction.atomic():
        if asks_purpose(actor, check.child_id):
            record_export(
                actor=actor,
                setting_id=check.child.setting_id,
                what=CHECK_EXPORT,
                purpose=purpose,
                child_id=check.child_id,
            )
        _record("journal.twocheck.downloaded", actor, check)


def area_values(data: dict[str, Any], area_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The form's per-area fields as {area id: (strengths, less than expected)}."""
    return {pk: (data.get(f"strengths_{pk}", ""), data.get(f"less_{pk}", "")) for pk in area_ids}
