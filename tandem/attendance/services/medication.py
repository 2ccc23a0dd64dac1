"""Every write about medication (R9): keyword-only, one transaction, audited.

A parent with parental responsibility authorises each medicine, only under the medication consent
in force (kept on the medicine), signing with their typed full name. Staff take the medicine in and
record each dose with a witness, another member of staff of the setting; a dose outside the
medicine's dates or of a stopped medicine is refused. The family is emailed and acknowledges each dose.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import can, require
from tandem.core.models import User
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import consent_now
from tandem.enrolment.selectors.contract import my_adult
from tandem.enrolment.services.contract import check_typed_name
from tandem.people.models import Child

from ..actions.medication import MED_AUTHORISE, MED_GIVE, MED_VIEW
from ..models import Dose, Medicine
from ..selectors.medication import is_active_on, witnesses

NO_CONSENT = (
    "We can only give medicine with your consent to giving medicine. Give that consent on your child's "
    "consents page first, then authorise the medicine."
)
STOPPED = "This medicine has been stopped, so no more doses can be recorded."
WITNESS_SELF = "The witness must be another member of staff: you cannot witness your own dose."
CONSENT_GONE = (
    "There is no consent to giving medicine in force for this child (it may have been withdrawn). "
    "Do not give it: tell the manager and call the family."
)


def _record(event: str, actor: User, medicine: Medicine, child: Child) -> None:
    audit.record(event, actor, child_ids=[child.pk], obj=medicine, setting_id=child.setting_id)


def authorise(
    *,
    actor: User,
    child: Child,
    name: str,
    dose: str,
    times: str,
    start_date: dt.date,
    end_date: dt.date,
    last_dose_at_home: dt.datetime | None,
    typed_name: str,
    reason: str = "",
    instructions: str = "",
) -> Medicine:
    """A parent with parental responsibility authorises a medicine for their child."""
    require(actor, MED_VIEW, child)
    adult = my_adult(actor=actor, child=child) if can(actor, MED_AUTHORISE, child) else None
    if adult is None:
        raise ValidationError(
            f"Only a parent or carer with parental responsibility for {child.display_name} can authorise medicine."
        )
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = "Write the name of the medicine."
    if not (dose or "").strip():
        errors["dose"] = "Write the dose, for example: 5 ml."
    if not (times or "").strip():
        errors["times"] = "Write when to give it, for example: 12:00."
    if start_date < today:
        errors["start_date"] = "The first day cannot be in the past."
    if end_date < start_date:
        errors["end_date"] = "The last day must be on or after the first day."
    elif end_date < today:
        errors["end_date"] = "The last day cannot be in the past."
    if last_dose_at_home is None:
        errors["last_dose_at_home"] = "Tell us when your child last had this medicine."
    elif last_dose_at_home > timezone.now() + dt.timedelta(minutes=5):
        errors["last_dose_at_home"] = "The last dose at home cannot be in the future."
    if errors:
        raise ValidationError(errors)
    signed = check_typed_name(typed_name, first_name=adult.first_name, last_name=adult.last_name)
    with transaction.atomic():
        consent = consent_now(child, ConsentCode.ADMINISTERING_MEDICATION)
        if not consent.given:
            raise ValidationError(NO_CONSENT)
        medicine = Medicine.objects.create(
            child=child,
            name=name.strip(),
            reason=(reason or "").strip(),
            dose=dose.strip(),
            times=times.strip(),
            start_date=start_date,
            end_date=end_date,
            last_dose_at_home=last_dose_at_home,
            instructions=(instructions or "").strip(),
            authorised_by=adult,
            authorised_by_user=actor,
            authorised_at=timezone.now(),
            consent_decision=consent.decision,
            typed_name=signed,
        )
        _record("attendance.medication.authorised", actor, medicine, child)
    return medicine


def receive(*, actor: User, medicine: Medicine) -> Medicine:
    """Staff took the medicine in (checked the label against the authorisation)."""
    child = medicine.child
    require(actor, MED_GIVE, child)
    with transaction.atomic():
        locked = Medicine.objects.select_for_update().get(pk=medicine.pk)
        if locked.stopped_at is not None:
            raise ValidationError(STOPPED)
        if locked.received_at is None:
            locked.received_at, locked.received_by = timezone.now(), actor
            locked.save(update_fields=["received_at", "received_by"])
            _record("attendance.medication.received", actor, locked, child)
    return locked


def give_dose(
    *,
    actor: User,
    medicine: Medicine,
    given_at: dt.datetime,
    amount: str,
    witness: User | None,
    note: str = "",
) -> Dose:
    """Record a dose given by ``actor`` and witnessed by another member of staff of the setting."""
    from ..tasks_medication import email_dose_given

    child = medicine.child
    require(actor, MED_GIVE, child)
    if witness is None:
        raise ValidationError({"witness": "Choose the member of staff who witnessed the dose."})
    if witness.pk == actor.pk:
        raise ValidationError({"witness": WITNESS_SELF})
    if not witnesses(child.setting_id, exclude=actor).filter(pk=witness.pk).exists():
        raise ValidationError({"witness": "The witness must be a member of staff of this setting."})
    if not (amount or "").strip():
        raise ValidationError({"amount": "Write the amount given, for example: 5 ml."})
    if given_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"given_at": "The time given cannot be in the future."})
    try:
        with transaction.atomic():
            locked = Medicine.objects.select_for_update().get(pk=medicine.pk)
            if locked.stopped_at is not None:
                raise ValidationError(STOPPED)
            if not consent_now(child, ConsentCode.ADMINISTERING_MEDICATION).given:
                raise ValidationError(CONSENT_GONE)
            day = timezone.localtime(given_at).date()
            if not is_active_on(locked, day):
                raise ValidationError(
                    f"This medicine is authorised from {locked.start_date:%-d %B %Y} to {locked.end_date:%-d %B %Y} "
                    "only. Ask the family to authorise it again for other days."
                )
            dose = Dose.objects.create(
                medicine=locked,
                given_at=given_at,
                amount=amount.strip(),
                given_by=actor,
                witnessed_by=witness,
                note=(note or "").strip()[:300],
                recorded_at=timezone.now(),
            )
            audit.record(
                "attendance.medication.dose_given",
                actor,
                child_ids=[child.pk],
                obj=dose,
                setting_id=child.setting_id,
            )
            transaction.on_commit(lambda: email_dose_given.enqueue(dose.pk))
    except IntegrityError:
        raise ValidationError({"witness": WITNESS_SELF}) from None
    return dose


def acknowledge(*, actor: User, dose: Dose) -> Dose:
    """The family has seen the dose ("I have seen this")."""
    child = dose.medicine.child
    require(actor, MED_AUTHORISE, child)
    with transaction.atomic():
        locked = Dose.objects.select_for_update().get(pk=dose.pk)
        if locked.acknowledged_at is None:
            locked.acknowledged_at, locked.acknowledged_by = timezone.now(), actor
            locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
            audit.record(
                "attendance.medication.dose_acknowledged",
                actor,
                child_ids=[child.pk],
                obj=locked,
                setting_id=child.setting_id,
            )
    return locked


def stop(*, actor: User, medicine: Medicine) -> Medicine:
    """Stop a medicine: by a parent with parental responsibility or by staff who give it."""
    child = medicine.child
    if not (can(actor, MED_AUTHORISE, child) or can(actor, MED_GIVE, child)):
        require(actor, MED_GIVE, child)
    with transaction.atomic():
        locked = Medicine.objects.select_for_update().get(pk=medicine.pk)
        if locked.stopped_at is None:
            locked.stopped_at, locked.stopped_by = timezone.now(), actor
            locked.save(update_fields=["stopped_at", "stopped_by"])
            _record("attendance.medication.stopped", actor, locked, child)
    return locked
