"""Configuring the complaints procedure: who holds the stages above the setting manager (R59)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Organisation, User

from ..actions.procedure import PROCEDURE_SETTINGS_MANAGE
from ..models.procedure import ProcedureSettings
from ..selectors.procedure import appeal_choices, line_manager_choices

TITLE_MAX = ProcedureSettings._meta.get_field("line_manager_title").max_length or 100


def _title(value: str, field: str, what: str) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise ValidationError({field: f"Write what your organisation calls {what}."})
    if len(title) > TITLE_MAX:
        raise ValidationError({field: f"Keep it to {TITLE_MAX} characters."})
    return title


def save_procedure_settings(
    *,
    actor: User,
    organisation: Organisation,
    line_manager_title: str,
    line_manager: User | None,
    appeal_title: str,
    appeal_contact: User | None,
) -> ProcedureSettings:
    """Name the line-manager and appeal stages and choose who holds them (one person, or everyone
    with the role in the organisation). The procedure text parents see changes with it."""
    require(actor, PROCEDURE_SETTINGS_MANAGE, organisation)
    errors: dict[str, str] = {}
    titles = {}
    for field, value, what in (
        ("line_manager_title", line_manager_title, "the setting manager's line manager"),
        ("appeal_title", appeal_title, "those who hear appeals"),
    ):
        try:
            titles[field] = _title(value, field, what)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if line_manager is not None and not line_manager_choices(organisation).filter(pk=line_manager.pk).exists():
        errors["line_manager"] = "Choose one of the organisation's line managers, or everyone."
    if appeal_contact is not None and not appeal_choices(organisation).filter(pk=appeal_contact.pk).exists():
        errors["appeal_contact"] = "Choose one of the organisation's owners, directors or trustees, or everyone."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row, _ = ProcedureSettings.objects.select_for_update().get_or_create(organisation=organisation)
        row.line_manager_title = titles["line_manager_title"]
        row.line_manager = line_manager
        row.appeal_title = titles["appeal_title"]
        row.appeal_contact = appeal_contact
        row.updated_by = actor
        row.updated_at = timezone.now()
        row.save()
        audit.record("complaints.procedure.configured", actor, obj=row)
    return row
