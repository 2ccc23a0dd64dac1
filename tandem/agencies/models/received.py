"""Information received from another agency (R49): it carries its origin, stays confidential, and
is passed on to anyone outside the setting only with that agency's recorded consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["ReceivedConsent", "ReceivedItem"]


class ReceivedItem(models.Model):
    """A document (a checked PDF) or a note of what an agency told the setting about a child."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "A document"
        NOTE = "note", "A note of what they told us"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="received_items")
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="received_items"
    )
    from_name = models.CharField(
        "from", max_length=200, help_text="Who sent it: the person and their service, as they gave it."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="A note's text, or a summary of the document.")
    file = models.FileField(upload_to="agencies/received/", blank=True)
    size = models.PositiveIntegerField(default=0)
    received_on = models.DateField(default=timezone.localdate)
    safeguarding = models.BooleanField(
        default=False, help_text="Child-protection material: only the DSL, the manager and the key person see it."
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["child", "-received_on"], name="received_child_idx")]

    def __str__(self) -> str:
        return self.title


class ReceivedConsent(models.Model):
    """The originating agency's consent to pass an item on, as they gave it. Without one that is
    in force (not withdrawn), the item cannot go into anything that leaves the setting."""

    item = models.ForeignKey(ReceivedItem, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(max_length=200, help_text="Who at the agency agreed, and their role.")
    given_on = models.DateField(default=timezone.localdate)
    scope = models.CharField(
        max_length=300, help_text="Who it may be passed to, as the agency said (for example: the receiving school)."
    )
    how = models.CharField(max_length=200, blank=True, help_text="For example: by email, kept on file.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Consent to pass on #{self.item_id}"
