"""Every write about allegations against staff or volunteers (R61): keyword-only, one transaction,
audited.

An allegation of serious harm to a child by a member of staff or a volunteer leaves the complaints
track at once (:func:`divert`): the complaint moves to the stage "allegation", its open time limits
no longer apply, an :class:`Allegation` is made, and from then on only the setting manager (not the
deputy), the DSL and the owners see it — never the person it is about. Staff may also record one
directly (:func:`record`). Either way the manager and the DSL are told at once (a mandatory
notification that names no one); when it is about the manager or the DSL, the owners are told
instead of them. The complainant sees only that their concern is being dealt with under the
safeguarding procedure. Then the DSL informed, the referral to the LADO, Ofsted notified, the
outcome, and close.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import OrganisationMembership, Setting, SettingMembership, User
from tandem.core.roles import OrganisationRole
from tandem.people.actions import CHILD_VIEW
from tandem.people.models import Child

from ..actions.allegations import ALLEGATION_DIVERT, ALLEGATION_RECORD, ALLEGATION_ROLES, ALLEGATION_VIEW
from ..actions.complaints import OPEN_STAGES
from ..models import Allegation, Complaint, ComplaintStep
from . import deadlines

KIND = "complaints.allegation"
# What the complainant sees of a complaint passed to the allegations procedure: no names, no detail.
COMPLAINANT_NOTICE = (
    "Your concern is being dealt with under our safeguarding procedure for allegations against staff, "
    "with the local authority designated officer (LADO). It is no longer handled as a complaint. The "
    "setting will contact you about anything you need to know."
)
CLOSED = "This allegation has been closed. Its record is kept."


def _audit(event: str, actor: User, allegation: Allegation) -> None:
    audit.record(
        event,
        actor,
        child_ids=[allegation.child_id] if allegation.child_id else [],
        obj=allegation,
        setting_id=allegation.setting_id,
    )


def recipients(allegation: Allegation) -> list[int]:
    """Who is told at once: the setting manager and the DSL, never the person it is about. When it is
    about the manager or the DSL (or no one holds those roles), the organisation's owners too."""
    rows = SettingMembership.objects.filter(
        setting_id=allegation.setting_id, active=True, user__is_active=True, role__in=ALLEGATION_ROLES
    ).values_list("user_id", flat=True)
    leaders = set(rows)
    # never the person it is about, nor the person the complaint it came from was about
    complaint = allegation.complaint
    about = {allegation.about_id, complaint.about_staff_id if complaint is not None else None}
    told = leaders - about
    if leaders & about or not told:
        owners = OrganisationMembership.objects.filter(
            organisation__settings=allegation.setting_id,
            role=OrganisationRole.OWNER,
            active=True,
            user__is_active=True,
        ).values_list("user_id", flat=True)
        told |= set(owners) - about
    return sorted(told)


def _tell(allegation: Allegation) -> None:
    from tandem.comms.services.notifications import notify

    notify(
        kind=KIND,
        user_ids=recipients(allegation),
        title="An allegation against a member of staff has been recorded",
        body=(
            "An allegation that a member of staff or a volunteer has harmed a child has been recorded in Tandem. "
            "Open it now: inform the DSL, and refer it to the local authority designated officer (LADO) within "
            "one working day. Do not discuss it with the person it is about."
        ),
        url=reverse("complaints:allegation", args=[allegation.pk]),
        setting_id=allegation.setting_id,
    )


def _staff_ids(setting_id: int) -> set[int]:
    return set(SettingMembership.objects.filter(setting_id=setting_id, active=True).values_list("user_id", flat=True))


def _check_about(setting_id: int, about: User | None, about_name: str) -> None:
    if about is None and not about_name:
        raise ValidationError(
            {"about": "Choose the member of staff or volunteer, or write the name of someone without an account."}
        )
    if about is not None and about.pk not in _staff_ids(setting_id):
        raise ValidationError({"about": "Choose someone who works in this setting."})


def record(
    *,
    actor: User,
    setting: Setting,
    summary: str,
    about: User | None = None,
    about_name: str = "",
    child: Child | None = None,
) -> Allegation:
    """Record an allegation directly (not from a complaint)."""
    require(actor, ALLEGATION_RECORD, setting)
    summary, about_name = (summary or "").strip(), (about_name or "").strip()
    if not summary:
        raise ValidationError(
            {"summary": "Write what was alleged: what happened, to which child, when and who said so."}
        )
    _check_about(setting.pk, about, about_name)
    if child is not None and (child.setting_id != setting.pk or not can(actor, CHILD_VIEW, child)):
        raise ValidationError({"child": "Choose a child of this setting."})
    with transaction.atomic():
        allegation = Allegation.objects.create(
            setting=setting,
            child=child,
            about=about,
            about_name=about_name[:200],
            summary=summary,
            received_at=timezone.now(),
            recorded_by=actor,
        )
        _audit("complaints.allegation.recorded", actor, allegation)
        _tell(allegation)
    return allegation


def divert(
    *, actor: User, complaint: Complaint, summary: str, about: User | None = None, about_name: str = ""
) -> Allegation:
    """The complaint is an allegation of serious harm to a child by a member of staff or a volunteer:
    it leaves the complaints track at once."""
    require(actor, ALLEGATION_DIVERT, complaint)
    summary, about_name = (summary or "").strip(), (about_name or "").strip()
    if not summary:
        raise ValidationError({"summary": "Write what is alleged, in brief."})
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.stage not in OPEN_STAGES or locked.closed_at is not None:
            raise ValidationError("Only an open complaint can be passed to the allegations procedure.")
        if Allegation.objects.filter(complaint=locked).exists():
            raise ValidationError("This complaint has already been passed to the allegations procedure.")
        _check_about(locked.setting_id, about, about_name)
        now = timezone.now()
        deadlines.close_open_deadlines(locked, at=now)
        locked.stage, locked.stage_started_at, locked.handler = Complaint.Stage.ALLEGATION, now, None
        fields = ["stage", "stage_started_at", "handler"]
        if about is not None and locked.about_staff_id is None:
            # The person the allegation is about must never see the complaint either (when the
            # complaint was about someone else, it stays about them; the rules also leave out
            # the person its allegation is about).
            locked.about_staff = about
            fields.append("about_staff")
        locked.save(update_fields=fields)
        ComplaintStep.objects.create(
            complaint=locked,
            stage=Complaint.Stage.ALLEGATION,
            kind=ComplaintStep.Kind.DIVERTED,
            text=COMPLAINANT_NOTICE,
            by=actor,
            at=now,
            shared_with_complainant=True,
        )
        allegation = Allegation.objects.create(
            setting_id=locked.setting_id,
            complaint=locked,
            child_id=locked.child_id,
            about=about,
            about_name=about_name[:200],
            summary=summary,
            received_at=now,
            recorded_by=actor,
        )
        audit.record(
            "complaints.complaint.diverted",
            actor,
            child_ids=[locked.child_id] if locked.child_id else [],
            obj=locked,
            setting_id=locked.setting_id,
        )
        _audit("complaints.allegation.recorded", actor, allegation)
        _tell(allegation)
    return allegation


# --- the allegations procedure ----------------------------------------------------------------------
def _locked(allegation: Allegation) -> Allegation:
    locked = Allegation.objects.select_for_update().get(pk=allegation.pk)
    if locked.closed_at is not None:
        raise ValidationError(CLOSED)
    return locked


def _when(value: dt.datetime | None, field: str, what: str, allegation: Allegation) -> dt.datetime:
    if value is None:
        raise ValidationError({field: f"Enter the date and time {what}."})
    if value > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({field: f"The date and time {what} cannot be in the future."})
    if timezone.localdate(value) < timezone.localdate(allegation.received_at):
        raise ValidationError({field: f"The date {what} cannot be before the allegation was made."})
    return value


def dsl_informed(*, actor: User, allegation: Allegation, at: dt.datetime | None) -> Allegation:
    require(actor, ALLEGATION_VIEW, allegation)
    with transaction.atomic():
        locked = _locked(allegation)
        locked.dsl_informed_at = _when(at, "at", "the DSL was informed", locked)
        locked.save(update_fields=["dsl_informed_at"])
        _audit("complaints.allegation.dsl_informed", actor, locked)
    return locked


def refer_to_lado(
    *,
    actor: User,
    allegation: Allegation,
    at: dt.datetime | None,
    lado_name: str,
    reference: str = "",
    advice: str = "",
) -> Allegation:
    """Record the referral to the local authority designated officer and their advice (again, to
    add the advice when it comes)."""
    require(actor, ALLEGATION_VIEW, allegation)
    lado_name, reference, advice = (lado_name or "").strip(), (reference or "").strip(), (advice or "").strip()
    if not lado_name:
        raise ValidationError({"lado_name": "Write the name of the LADO you spoke to or wrote to."})
    with transaction.atomic():
        locked = _locked(allegation)
        locked.lado_referred_at = _when(at, "at", "of the referral", locked)
        locked.lado_name, locked.lado_reference, locked.lado_advice = lado_name[:200], reference[:100], advice
        locked.save(update_fields=["lado_referred_at", "lado_name", "lado_reference", "lado_advice"])
        _audit("complaints.allegation.lado_referred", actor, locked)
    return locked


def ofsted_notified(*, actor: User, allegation: Allegation, at: dt.datetime | None) -> Allegation:
    require(actor, ALLEGATION_VIEW, allegation)
    with transaction.atomic():
        locked = _locked(allegation)
        locked.ofsted_notified_at = _when(at, "at", "Ofsted was notified", locked)
        locked.save(update_fields=["ofsted_notified_at"])
        _audit("complaints.allegation.ofsted_notified", actor, locked)
    return locked


def close(*, actor: User, allegation: Allegation, outcome: str) -> Allegation:
    """Close with the outcome, once the referral to the LADO is recorded. A complaint it came from
    is closed with it (it stays at the stage "allegation")."""
    require(actor, ALLEGATION_VIEW, allegation)
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": "Write the outcome: what the LADO advised and what was done."})
    with transaction.atomic():
        locked = _locked(allegation)
        if locked.lado_referred_at is None:
            raise ValidationError("Record the referral to the LADO before closing the allegation.")
        now = timezone.now()
        locked.outcome, locked.closed_at = outcome, now
        locked.save(update_fields=["outcome", "closed_at"])
        if locked.complaint_id:
            Complaint.objects.filter(pk=locked.complaint_id, closed_at__isnull=True).update(closed_at=now)
        _audit("complaints.allegation.closed", actor, locked)
    return locked
