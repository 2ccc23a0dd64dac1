"""Consultations on changes (R39): written and published by the manager, answered by families
while open, then closed and decided with reasons, which every family is told."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tandem.comms.services.notifications import notify
from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Setting, User
from tandem.people.selectors import family_user_ids

from ..actions.consultations import (
    CONSULTATION_MANAGE,
    CONSULTATION_RESPOND,
    CONSULTATION_WRITE,
)
from ..models import Consultation, ConsultationResponse

Status = Consultation.Status
ASKED_KIND = "voice.consultations.asked"
DECIDED_KIND = "voice.consultations.decided"
CLOSED_MESSAGE = "Views on this consultation closed on {day}."
NOT_DRAFT = "This consultation has been published, so it can no longer be changed."


def _text(value: str | None) -> str:
    return (value or "").strip()


def _check(title: str, proposal: str, closes_on: dt.date | None, *, publishing: bool = False) -> None:
    errors = {}
    if not title:
        errors["title"] = "Give it a title."
    if not proposal:
        errors["proposal"] = "Describe the change you propose."
    if closes_on is None:
        errors["closes_on"] = "Enter the date views close."
    elif closes_on < timezone.localdate():
        errors["closes_on"] = "The closing date cannot be in the past."
    elif publishing and closes_on < timezone.localdate() + dt.timedelta(days=7):
        errors["closes_on"] = "Give families at least a week: set the closing date 7 days or more from today."
    if errors:
        raise ValidationError(errors)


def create(
    *, actor: User, setting: Setting, title: str, proposal: str, question: str, closes_on: dt.date | None
) -> Consultation:
    require(actor, CONSULTATION_WRITE, setting)
    title, proposal, question = _text(title), _text(proposal), _text(question)
    _check(title, proposal, closes_on)
    assert closes_on is not None
    with transaction.atomic():
        consultation = Consultation.objects.create(
            setting=setting, title=title, proposal=proposal, question=question, closes_on=closes_on, created_by=actor
        )
        audit.record("voice.consultation.created", actor, obj=consultation, setting_id=setting.pk)
    return consultation


def update(
    *, actor: User, consultation: Consultation, title: str, proposal: str, question: str, closes_on: dt.date | None
) -> Consultation:
    require(actor, CONSULTATION_MANAGE, consultation)
    title, proposal, question = _text(title), _text(proposal), _text(question)
    _check(title, proposal, closes_on)
    assert closes_on is not None
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.status != Status.DRAFT:
            raise ValidationError(NOT_DRAFT)
        locked.title, locked.proposal, locked.question, locked.closes_on = title, proposal, question, closes_on
        locked.save()
        audit.record("voice.consultation.changed", actor, obj=locked, setting_id=locked.setting_id)
    return locked


def publish(*, actor: User, consultation: Consultation) -> Consultation:
    """Open it for views and tell every family of the setting."""
    require(actor, CONSULTATION_MANAGE, consultation)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.status != Status.DRAFT:
            raise ValidationError(NOT_DRAFT)
        _check(locked.title, locked.proposal, locked.closes_on, publishing=True)
        locked.status, locked.published_at = Status.OPEN, timezone.now()
        locked.save()
        audit.record("voice.consultation.published", actor, obj=locked, setting_id=locked.setting_id)
        day = locked.closes_on
        notify(
            kind=ASKED_KIND,
            user_ids=family_user_ids(setting_id=locked.setting_id),
            title=f"Have your say: {locked.title}",
            body=f"We are thinking about a change and would like your view by {day.day} {day:%B %Y}.",
            url=reverse("voice:consultation", args=[locked.pk]),
            setting_id=locked.setting_id,
        )
    return locked


def is_open(consultation: Consultation) -> bool:
    return consultation.status == Status.OPEN and consultation.closes_on >= timezone.localdate()


def respond(*, actor: User, consultation: Consultation, answer: str, comment: str) -> ConsultationResponse:
    """A family member's view; giving it again replaces their earlier one."""
    consultation = Consultation.objects.get(pk=consultation.pk)  # its state now, not as the caller read it
    require(actor, CONSULTATION_RESPOND, consultation)
    comment = _text(comment)
    if not is_open(consultation):
        day = consultation.closes_on
        raise ValidationError(CLOSED_MESSAGE.format(day=f"{day.day} {day:%B %Y}"))
    if answer and answer not in ConsultationResponse.Answer.values:
        raise ValidationError({"answer": "Choose one of the answers."})
    if not answer and not comment:
        raise ValidationError({"comment": "Choose an answer or write a comment."})
    with transaction.atomic():
        response, _ = ConsultationResponse.objects.update_or_create(
            consultation=consultation,
            author=actor,
            defaults={"answer": answer, "comment": comment, "updated_at": timezone.now()},
        )
        audit.record("voice.consultation.responded", actor, obj=consultation, setting_id=consultation.setting_id)
    return response


def close(*, actor: User, consultation: Consultation) -> Consultation:
    require(actor, CONSULTATION_MANAGE, consultation)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.status != Status.OPEN:
            raise ValidationError("Only an open consultation can be closed.")
        locked.status = Status.CLOSED
        if locked.closes_on > timezone.localdate():
            locked.closes_on = timezone.localdate()
        locked.save()
        audit.record("voice.consultation.closed", actor, obj=locked, setting_id=locked.setting_id)
    return locked


def decide(*, actor: User, consultation: Consultation, decision: str, reasons: str) -> Consultation:
    """Publish the decision and its reasons once views have closed, and tell every family."""
    require(actor, CONSULTATION_MANAGE, consultation)
    decision, reasons = _text(decision), _text(reasons)
    errors = {}
    if not decision:
        errors["decision"] = "Write the decision."
    if not reasons:
        errors["reasons"] = "Give the reasons for the decision."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.status == Status.DRAFT or is_open(locked):
            raise ValidationError("Wait until views have closed before you decide.")
        if locked.status == Status.DECIDED:
            raise ValidationError("The decision has already been published.")
        locked.status, locked.decision, locked.reasons = Status.DECIDED, decision, reasons
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save()
        audit.record("voice.consultation.decided", actor, obj=locked, setting_id=locked.setting_id)
        notify(
            kind=DECIDED_KIND,
            user_ids=family_user_ids(setting_id=locked.setting_id),
            title=f"Decision: {locked.title}",
            body="Thank you for your views. Open Tandem to read what we decided and why.",
            url=reverse("voice:consultation", args=[locked.pk]),
            setting_id=locked.setting_id,
        )
    return locked
