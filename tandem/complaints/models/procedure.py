"""Who holds each stage of the procedure, as the organisation names them (R59)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Organisation

__all__ = ["ProcedureSettings"]


class ProcedureSettings(models.Model):
    """An organisation's names and holders for the stages above the setting manager. Without a
    row, the defaults apply: "Line manager" (the organisation's line managers) and
    "Owners, directors or trustees" (its owners)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="complaint_procedure")
    line_manager_title = models.CharField(
        max_length=100, default="Line manager", help_text="For example: Area manager, Chair of the committee."
    )
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty for every line manager of the organisation.",
    )
    appeal_title = models.CharField(
        max_length=100,
        default="Owners, directors or trustees",
        help_text="For example: The board of trustees, The governors.",
    )
    appeal_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty for every owner, director or trustee of the organisation.",
    )
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Complaints procedure of organisation {self.organisation_id}"
