"""Children, the adults linked to them (R1), needs (R3), languages and access (R4), key person (R5)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.core.models import Room, Setting


class Child(models.Model):
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="children")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    first_name = models.CharField("legal first name", max_length=100)
    last_name = models.CharField("last name", max_length=100)
    preferred_name = models.CharField(
        max_length=100, blank=True, help_text="What the child likes to be called, if not their first name."
    )
    date_of_birth = models.DateField()
    start_date = models.DateField(null=True, blank=True)
    leaving_date = models.DateField(null=True, blank=True)
    key_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="key_children"
    )
    backup_key_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="backup_key_children",
        verbose_name="back-up key person",
    )
    photo = models.ImageField(upload_to="children/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["setting", "last_name", "first_name"], name="child_setting_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(leaving_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(leaving_date__gte=models.F("start_date")),
                name="child_leaves_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:child", args=[self.pk])

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    def age_on(self, day: dt.date) -> tuple[int, int]:
        """Age in (years, months) on ``day``."""
        months = (day.year - self.date_of_birth.year) * 12 + day.month - self.date_of_birth.month
        if day.day < self.date_of_birth.day:
            months -= 1
        return months // 12, months % 12

    @property
    def age_text(self) -> str:
        years, months = self.age_on(timezone.localdate())
        if years < 0:
            return "not yet born"
        y = f"{years} year{'s' if years != 1 else ''}"
        m = f"{months} month{'s' if months != 1 else ''}"
        return f"{y}, {m}" if years else m

    @property
    def is_current(self) -> bool:
        return self.leaving_date is None or self.leaving_date >= timezone.localdate()


class Adult(models.Model):
    """A parent, carer or other adult in a child's life: a record, and a sign-in once invited."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="adult"
    )
    setting = models.ForeignKey(
        Setting, on_delete=models.PROTECT, related_name="adults", help_text="The setting that keeps this record."
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    # R4: language and access
    home_languages = models.CharField(max_length=200, blank=True, help_text="Languages spoken at home.")
    preferred_language = models.CharField(
        max_length=50, blank=True, help_text="Language for written material, for example: Polish."
    )
    interpreter_needed = models.BooleanField(default=False)
    access_needs = models.TextField(
        blank=True, help_text="Any adjustment this adult needs for a disability or impairment."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["setting", "last_name", "first_name"], name="adult_setting_name_idx")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(models.TextChoices):
    BIRTH_PARENT = "birth_parent", "Birth parent"
    STEP_PARENT = "step_parent", "Step-parent"
    ADOPTIVE_PARENT = "adoptive_parent", "Adoptive parent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER = "other", "Other"


class ChildAdult(models.Model):
    """How one adult stands to one child (R1). Every later feature honours the restrictions."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="links")
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="links")
    relationship = models.CharField(max_length=30, choices=Relationship.choices)
    relationship_detail = models.CharField(max_length=100, blank=True, help_text="For example: aunt, childminder.")
    parental_responsibility = models.BooleanField(default=False)
    lives_with_child = models.BooleanField(default=False)
    legal_guardian = models.BooleanField(default=False)
    # Restrictions, usually from a court order. Each is honoured everywhere.
    no_contact = models.BooleanField(default=False, help_text="May not have contact with the child at the setting.")
    no_collection = models.BooleanField(default=False, help_text="May not collect the child.")
    no_information = models.BooleanField(default=False, help_text="May not be given information about the child.")
    restriction_reference = models.CharField(
        max_length=200, blank=True, help_text="The court order or agreement behind a restriction."
    )
    emergency_contact = models.BooleanField(default=False)
    emergency_priority = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 is called first in an emergency."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["emergency_priority", "-parental_responsibility", "adult__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["child", "adult"], name="child_adult_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.adult} ({self.get_relationship_display()})"

    @property
    def is_restricted(self) -> bool:
        return self.no_contact or self.no_collection or self.no_information

    @property
    def restrictions(self) -> list[str]:
        names = []
        if self.no_contact:
            names.append("No contact")
        if self.no_collection:
            names.append("No collection")
        if self.no_information:
            names.append("No information")
        return names


class Need(models.Model):
    """A particular need (R3). Sensitive: shown only to those who need it, every read logged."""

    class Kind(models.TextChoices):
        ALLERGY = "allergy", "Allergy"
        MEDICAL = "medical", "Medical"
        DIETARY = "dietary", "Dietary"
        CULTURAL = "cultural", "Cultural or religious"
        SEN = "sen", "Special educational need"
        DISABILITY = "disability", "Disability"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    action_plan = models.TextField(blank=True, help_text="What staff do, for example in an allergic reaction.")
    severe = models.BooleanField(default=False, help_text="Life-threatening or needing immediate action.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-severe", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"


class Invitation(models.Model):
    """A single-use, expiring invitation for an adult to make their sign-in."""

    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"
