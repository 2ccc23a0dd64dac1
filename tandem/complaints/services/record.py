"""Every write of the Ofsted complaints record, reviews of practice, exports and retention (R63, R60,
R51): keyword-only, one transaction, audited.

* :func:`open_practice_review` is called by the stage services when a final outcome is upheld or
  partly upheld: one review per complaint, and the organisation's owners are told.
* Exports state their purpose (kept on a :class:`RecordExport` row) and are audited; PDFs are made
  after commit in the task queue (``tasks_record``) and downloaded only by whoever asked.
* :func:`delete_expired` deletes only complaints closed more than ``RETENTION_YEARS`` ago (and
  never one passed to the allegations procedure, whose record is kept under that procedure);
  what it deleted is recorded as counts only.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import OrganisationMembership, Setting, User
from tandem.core.roles import OrganisationRole

from ..actions.record import DOCUMENTATION, RECORD_CLASSIFY, RECORD_DELETE_EXPIRED, RECORD_VIEW, REVIEW_MANAGE
from ..models import (
    Complaint,
    ComplaintStep,
    Deadline,
    InvestigationReport,
    PracticeReview,
    RecordEntry,
    RecordExport,
    RetentionDeletion,
)
from ..selectors.record import expired_complaints, retention_cutoff
from ..tasks_record import delete_files

logger = logging.getLogger("tandem.complaints")

# An export still "waiting" or "being made" after this long was lost (the worker stopped).
STALE_AFTER = dt.timedelta(minutes=30)
STALE_MESSAGE = "Making the PDF took too long and was stopped. Please try again."
MAX_PERIOD_YEARS = 10


# --- reviews of practice --------------------------------------------------------------------------
def owner_ids(complaint: Complaint) -> list[int]:
    """The organisation's active owners, never the person the complaint is about."""
    ids = OrganisationMembership.objects.filter(
        organisation__settings=complaint.setting_id, role=OrganisationRole.OWNER, active=True
    ).values_list("user_id", flat=True)
    return sorted(set(ids) - {complaint.about_staff_id})


def open_practice_review(*, complaint: Complaint) -> PracticeReview:
    """Open the owners' review of practice after an upheld (or partly upheld) complaint, once.

    Called by the stage services inside their transaction (there is no actor: the procedure asks
    for it). Asking again returns the review already opened; the owners are told only once."""
    from ..hooks.record import REVIEW_KIND

    if complaint.outcome not in Complaint.UPHELD_OUTCOMES:
        raise ValidationError("A review of practice follows an upheld or partly upheld complaint.")
    with transaction.atomic():
        Complaint.objects.select_for_update().filter(pk=complaint.pk).first()  # one review, even when raced
        review, created = PracticeReview.objects.get_or_create(complaint=complaint)
        if created:
            audit.record("complaints.review.opened", None, obj=review, setting_id=complaint.setting_id)
            notify_owners(review, complaint, REVIEW_KIND)
    return review


def notify_owners(review: PracticeReview, complaint: Complaint, kind: str) -> None:
    from tandem.comms.services.notifications import notify

    setting = Setting.objects.filter(pk=complaint.setting_id).values_list("name", flat=True).first() or ""
    notify(
        kind=kind,
        user_ids=owner_ids(complaint),
        title="A review of practice is needed after an upheld complaint",
        body=(
            f"A complaint at {setting} ({complaint.reference}) was upheld. The procedure asks the owners, "
            "directors or trustees to review practice and say what will change. Open the review in Tandem."
        ),
        url=reverse("complaints:review", args=[review.pk]),
        setting_id=complaint.setting_id,
    )


def _locked_review(review: PracticeReview) -> PracticeReview:
    locked = PracticeReview.objects.select_for_update().select_related("complaint").get(pk=review.pk)
    if locked.completed_at is not None:
        raise ValidationError("This review of practice has been completed and can no longer be changed.")
    return locked


def save_review(*, actor: User, review: PracticeReview, findings: str, actions: str) -> PracticeReview:
    """Save the owners' findings and actions so far (the review stays open)."""
    require(actor, REVIEW_MANAGE, review)
    with transaction.atomic():
        locked = _locked_review(review)
        locked.findings = (findings or "").strip()
        locked.actions = (actions or "").strip()
        locked.save(update_fields=["findings", "actions"])
        audit.record("complaints.review.saved", actor, obj=locked, setting_id=locked.complaint.setting_id)
    return locked


def complete_review(*, actor: User, review: PracticeReview, findings: str, actions: str) -> PracticeReview:
    """Complete the review: what was found and what will change are both required."""
    require(actor, REVIEW_MANAGE, review)
    findings, actions = (findings or "").strip(), (actions or "").strip()
    errors = {}
    if not findings:
        errors["findings"] = "Write what the review found before completing it."
    if not actions:
        errors["actions"] = "Say what will change in practice (or why nothing needs to) before completing it."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_review(review)
        locked.findings, locked.actions = findings, actions
        locked.completed_at, locked.completed_by = timezone.now(), actor
        locked.save(update_fields=["findings", "actions", "completed_at", "completed_by"])
        audit.record("complaints.review.completed", actor, obj=locked, setting_id=locked.complaint.setting_id)
    return locked


# --- the record -----------------------------------------------------------------------------------
def classify(*, actor: User, complaint: Complaint, area: str, nature: str) -> RecordEntry:
    """Say which area of the EYFS requirements the complaint is about, in brief, for the record."""
    require(actor, RECORD_CLASSIFY, complaint)
    if area not in RecordEntry.Area.values:
        raise ValidationError({"area": "Choose the area of the EYFS requirements the complaint is about."})
    nature = " ".join((nature or "").split())
    if len(nature) > 200:
        raise ValidationError({"nature": "Keep it to one line (200 characters at most)."})
    with transaction.atomic():
        entry, _ = RecordEntry.objects.update_or_create(
            complaint=complaint,
            defaults={"area": area, "nature": nature, "updated_by": actor, "updated_at": timezone.now()},
        )
        audit.record("complaints.record.classified", actor, obj=complaint, setting_id=complaint.setting_id)
    return entry


def _purpose(purpose: str) -> str:
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise ValidationError({"purpose": "Say why you are exporting or printing it."})
    if len(purpose) > 300:
        raise ValidationError({"purpose": "Keep the purpose to 300 characters."})
    return purpose


def _period(date_from: dt.date, date_to: dt.date) -> None:
    if date_from > date_to:
        raise ValidationError("The start of the period must be on or before its end.")
    if (date_to - date_from).days > 366 * MAX_PERIOD_YEARS:
        raise ValidationError(f"Choose a period of at most {MAX_PERIOD_YEARS} years.")


def export_csv(*, actor: User, setting: Setting, purpose: str, date_from: dt.date, date_to: dt.date) -> RecordExport:
    """Log a CSV export of the record with its purpose; the view streams the file."""
    require(actor, RECORD_VIEW, setting)
    purpose = _purpose(purpose)
    _period(date_from, date_to)
    now = timezone.now()
    with transaction.atomic():
        export = RecordExport.objects.create(
            setting=setting,
            kind=RecordExport.Kind.RECORD_CSV,
            purpose=purpose,
            date_from=date_from,
            date_to=date_to,
            requested_by=actor,
            requested_at=now,
            state=RecordExport.State.READY,
            finished_at=now,
        )
        audit.record("complaints.record.exported", actor, obj=export, setting_id=setting.pk)
    return export


def _in_progress(actor: User, setting: Setting, kind: str, complaint: Complaint | None) -> RecordExport | None:
    now = timezone.now()
    waiting = RecordExport.objects.filter(
        setting=setting,
        kind=kind,
        complaint=complaint,
        requested_by=actor,
        state__in=[RecordExport.State.QUEUED, RecordExport.State.MAKING],
    )
    waiting.filter(requested_at__lt=now - STALE_AFTER).update(
        state=RecordExport.State.FAILED, failure=STALE_MESSAGE, finished_at=now
    )
    return waiting.order_by("-requested_at", "-pk").first()


def request_record_pdf(
    *, actor: User, setting: Setting, purpose: str, date_from: dt.date, date_to: dt.date
) -> RecordExport:
    """Queue a PDF of the record for the period. One at a time per person: asking while one is being
    made returns that one."""
    from ..tasks_record import make_record_pdf

    require(actor, RECORD_VIEW, setting)
    purpose = _purpose(purpose)
    _period(date_from, date_to)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()  # one request at a time per person
        current = _in_progress(actor, setting, RecordExport.Kind.RECORD_PDF, None)
        if current is not None:
            return current
        export = RecordExport.objects.create(
            setting=setting,
            kind=RecordExport.Kind.RECORD_PDF,
            purpose=purpose,
            date_from=date_from,
            date_to=date_to,
            requested_by=actor,
        )
        audit.record("complaints.record.pdf_requested", actor, obj=export, setting_id=setting.pk)
        transaction.on_commit(lambda: make_record_pdf.enqueue(export.pk))
    return export


def request_documentation(*, actor: User, complaint: Complaint, purpose: str) -> RecordExport:
    """Queue a PDF of the complaint's full documentation (R60)."""
    from ..tasks_record import make_documentation_pdf

    require(actor, DOCUMENTATION, complaint)
    purpose = _purpose(purpose)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()
        current = _in_progress(actor, complaint.setting, RecordExport.Kind.DOCUMENTATION, complaint)
        if current is not None:
            return current
        export = RecordExport.objects.create(
            setting_id=complaint.setting_id,
            complaint=complaint,
            kind=RecordExport.Kind.DOCUMENTATION,
            purpose=purpose,
            requested_by=actor,
        )
        audit.record(
            "complaints.documentation.requested",
            actor,
            child_ids=[complaint.child_id] if complaint.child_id else [],
            obj=export,
            setting_id=complaint.setting_id,
        )
        transaction.on_commit(lambda: make_documentation_pdf.enqueue(export.pk))
    return export


def record_download(*, actor: User, export: RecordExport) -> None:
    """Audit a download (the view has checked the action and that the export is the actor's)."""
    if export.requested_by_id != actor.pk:
        raise ValidationError("Only the person who asked for this export may download it.")
    if export.kind == RecordExport.Kind.DOCUMENTATION:
        if export.complaint is None:
            raise ValidationError("This complaint's record has been deleted.")
        require(actor, DOCUMENTATION, export.complaint)
        child_id = export.complaint.child_id
        audit.record(
            "complaints.documentation.downloaded",
            actor,
            child_ids=[child_id] if child_id else [],
            obj=export,
            setting_id=export.setting_id,
        )
    else:
        require(actor, RECORD_VIEW, export.setting)
        audit.record("complaints.record.downloaded", actor, obj=export, setting_id=export.setting_id)


# --- retention ------------------------------------------------------------------------------------
def _files_of(complaint_ids: list[int]) -> list[str]:
    """The stored files of every row that goes with these complaints (letters, PDFs), whatever
    feature keeps them: they are deleted from storage after commit."""
    names: list[str] = []
    for relation in Complaint._meta.related_objects:
        model = cast(type[models.Model], relation.related_model)
        file_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not file_fields or relation.field.model is not model:
            continue
        rows = model._default_manager.filter(**{f"{relation.field.name}__in": complaint_ids})
        for values in rows.values_list(*file_fields):
            names.extend(name for name in values if name)
    return names


def delete_expired(*, actor: User, setting: Setting) -> RetentionDeletion:
    """Delete the setting's complaints closed more than ``RETENTION_YEARS`` ago, with their steps,
    deadlines, reports, reviews and record lines, and the stored PDFs of the setting's exports (they
    may list them). Refused when there is none. Audited with counts only."""
    require(actor, RECORD_DELETE_EXPIRED, setting)
    cutoff = retention_cutoff()
    with transaction.atomic():
        Setting.objects.select_for_update().filter(pk=setting.pk).first()
        ids = list(expired_complaints(setting=setting, cutoff=cutoff).values_list("pk", flat=True))
        if not ids:
            raise ValidationError(
                "No complaint of this setting was closed more than three years ago: nothing may be deleted yet."
            )
        files = _files_of(ids) + list(
            RecordExport.objects.filter(setting=setting).exclude(pdf="").values_list("pdf", flat=True)
        )
        RecordExport.objects.filter(setting=setting).exclude(pdf="").update(pdf="")
        steps, _ = ComplaintStep.objects.filter(complaint_id__in=ids).delete()
        deadlines, _ = Deadline.objects.filter(complaint_id__in=ids).delete()
        reports, _ = InvestigationReport.objects.filter(complaint_id__in=ids).delete()
        reviews, _ = PracticeReview.objects.filter(complaint_id__in=ids).delete()
        # The model's own guard checks the retention once more: a complaint closed since is refused.
        complaints = Complaint.objects.filter(pk__in=ids).delete()[1].get("complaints.Complaint", 0)
        deletion = RetentionDeletion.objects.create(
            setting=setting,
            closed_before=cutoff,
            complaints=complaints,
            steps=steps,
            deadlines=deadlines,
            reports=reports,
            reviews=reviews,
            deleted_by=actor,
        )
        audit.record("complaints.record.expired_deleted", actor, obj=deletion, setting_id=setting.pk)
        transaction.on_commit(lambda: delete_files(files))
    logger.info("complaints past retention deleted setting=%s complaints=%s", setting.pk, complaints)
    return deletion
