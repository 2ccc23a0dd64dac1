"""A complaint from another service (R62, R53) is a ``Complaint`` on the agency track; its letters
(the written complaint, a letter to the line manager, an appeal) are kept as PDFs here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["AgencyLetter"]


class AgencyLetter(models.Model):
    """A letter or email from the complainant, as a PDF: stored under a random name, served only by
    a permission-checked view. Goes with its complaint (kept as long as the complaint is)."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="agency_letters")
    stage = models.CharField(max_length=12, help_text="The stage it was written to (Complaint.Stage).")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="complaints/")
    size = models.PositiveIntegerField(default=0)
    received_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return self.title
