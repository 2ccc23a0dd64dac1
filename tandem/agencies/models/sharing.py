"""Sharing information with an agency or a school (R48, R51).

A ``Share`` is the record that must exist before anything leaves the setting: what (its
``ShareItem`` rows, the share pack), with whom, when, why, and on what basis: the consent of an
adult with parental responsibility, or the DSL's ``SharingDecision`` to share without consent
because a child may be suffering, or be likely to suffer, significant harm."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Share", "ShareItem", "ShareOpening", "SharingDecision"]


class SharingDecision(models.Model):
    """The DSL's recorded decision to share without consent (significant harm)."""

    class ParentsTold(models.TextChoices):
        YES = "yes", "Yes, the parents were told"
        NOT_YET = "not_yet", "Not yet: they will be told"
        NO = "no", "No: telling them would put the child at greater risk"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="sharing_decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(
        help_text="Why the child may be suffering, or be likely to suffer, significant harm, and why consent "
        "is not sought."
    )
    with_whom = models.CharField(max_length=300, help_text="Who the information may go to.")
    parents_told = models.CharField(max_length=10, choices=ParentsTold.choices)
    parents_told_on = models.DateField(null=True, blank=True)
    not_told_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"Decision to share without consent #{self.pk}"


class Share(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being prepared"
        SHARED = "shared", "Shared"
        CANCELLED = "cancelled", "Cancelled"

    class Basis(models.TextChoices):
        CONSENT = "consent", "Consent from a parent with parental responsibility"
        WITHOUT_CONSENT = "without_consent", "Without consent: the DSL's decision (significant harm)"

    class Recipient(models.TextChoices):
        AGENCY = "agency", "An agency"
        SCHOOL = "school", "A school"
        PROFESSIONAL = "professional", "A visiting professional"

    class Delivery(models.TextChoices):
        LINK = "link", "A secure link by email (expires)"
        VISIT = "visit", "Shown to a visiting professional during their visit"
        IN_PERSON = "in_person", "Handed over or told in person"
        PHONE = "phone", "Told by phone"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="agency_shares")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    recipient_kind = models.CharField(max_length=12, choices=Recipient.choices, default=Recipient.AGENCY)
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="shares"
    )
    contact = models.ForeignKey(
        "agencies.AgencyContact", null=True, blank=True, on_delete=models.PROTECT, related_name="shares"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A visiting professional's account: they read the pack during their visit.",
    )
    recipient_name = models.CharField("shared with", max_length=200, help_text="The person, as a snapshot.")
    recipient_email = models.EmailField(blank=True)
    purpose = models.TextField(help_text="Why it is shared.")
    basis = models.CharField(max_length=20, choices=Basis.choices)
    consent_by = models.ForeignKey(
        "people.Adult",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The adult with parental responsibility who consented.",
    )
    consent_on = models.DateField(null=True, blank=True)
    consent_how = models.CharField(max_length=200, blank=True, help_text="For example: signed form, in person.")
    decision = models.ForeignKey(
        SharingDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="shares"
    )
    delivery = models.CharField(max_length=12, choices=Delivery.choices, default=Delivery.LINK)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["child", "-created_at"], name="agency_share_child_idx")]
        constraints = [
            models.CheckConstraint(
                name="agency_share_basis_recorded",
                condition=models.Q(status="draft")
                | models.Q(status="cancelled")
                | models.Q(basis="consent", consent_by__isnull=False)
                | models.Q(basis="without_consent", decision__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"Share #{self.pk}"


class ShareItem(models.Model):
    """One item of the share pack: what it was (a snapshot of its title), and where it came from."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=30, help_text="The pack source's key (sharing.PACK_SOURCES).")
    object_id = models.PositiveIntegerField()
    label = models.CharField(max_length=300)
    received_item = models.ForeignKey(
        "agencies.ReceivedItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="share_items",
        help_text="Set when the item is third-party information (R49).",
    )
    received_consent = models.ForeignKey(
        "agencies.ReceivedConsent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The agency's consent in force when it was shared.",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["share", "kind", "object_id"], name="agency_share_item_once")]

    def __str__(self) -> str:
        return self.label


class ShareOpening(models.Model):
    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Opening of share {self.share_id}"
