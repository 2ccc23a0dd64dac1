"""Tenancy (Organisation → Setting → Room), people's accounts and roles, and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from .roles import OrganisationRole, SettingRole


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """Anyone who signs in: staff, parents and carers, visiting professionals.

    ``is_staff`` keeps Django's meaning (may use the Django admin) and is not how Tandem
    tells staff from parents: memberships do that.
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    first_name = models.CharField("first name", max_length=150)
    last_name = models.CharField("last name", max_length=150)
    photo = models.FileField(
        upload_to="people/", blank=True, help_text="A staff member's photo, shown to the families they work with."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_setting_staff(self) -> bool:
        """Works for a setting or its organisation (and so must use MFA)."""
        cached = getattr(self, "_is_setting_staff", None)
        if cached is None:
            cached = (
                self.setting_memberships.filter(active=True).exists()
                or self.organisation_memberships.filter(active=True).exists()
            )
            self._is_setting_staff = cached
        return cached


class Organisation(models.Model):
    """The registered provider: a charity, company or committee that runs one or more settings."""

    name = models.CharField(max_length=200)
    legal_form = models.CharField(
        max_length=100, blank=True, help_text="For example: charity, company, committee-run preschool."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Setting(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="settings")
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    emergency_phone = models.CharField(
        max_length=40, blank=True, help_text="The number parents call in an emergency during opening hours."
    )
    ofsted_urn = models.CharField("Ofsted URN", max_length=20, blank=True)
    opening_hours = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
    age_range = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["setting", "name"]
        constraints = [models.UniqueConstraint(fields=["setting", "name"], name="room_unique_name_in_setting")]

    def __str__(self) -> str:
        return self.name


class OrganisationMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="organisation_memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=OrganisationRole.choices)
    title = models.CharField(max_length=100, blank=True, help_text="For example: Chair of trustees.")
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="org_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class SettingMembership(models.Model):
    """A role a member of staff holds in one setting. One person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="setting_memberships")
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=SettingRole.choices)
    room = models.ForeignKey(
        Room,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
        help_text="The room this person usually works in.",
    )
    title = models.CharField(max_length=100, blank=True, help_text="Job title shown to parents.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["setting", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "setting", "role"], name="setting_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only")


class AuditEvent(models.Model):
    """One thing that happened: ids and an event name, never free text or personal details.

    Append-only: the model refuses updates and deletes, and so does the database (see the
    migration that installs triggers).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    event = models.CharField(max_length=80)
    actor_id = models.BigIntegerField(null=True, db_index=True)
    setting_id = models.BigIntegerField(null=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.BigIntegerField(null=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only")


class AuditSubject(models.Model):
    """Whom an event was about: a child or a person (adult) — by id only."""

    class Kind(models.TextChoices):
        CHILD = "child", "Child"
        PERSON = "person", "Person"

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="subjects")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject_id = models.BigIntegerField()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["kind", "subject_id"], name="audit_subject_idx")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only")


class ExportRecord(models.Model):
    """An export or print of a child's record, with the purpose its maker stated (R51).

    Append-only, like the audit trail. Core knows nothing of children: ``child_id`` is an id, as in
    ``AuditSubject``. Made only through ``core.exports.record_export``.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="export_records")
    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    child_id = models.BigIntegerField(null=True, db_index=True)
    what = models.CharField(
        max_length=120, help_text="What was exported or printed, for example 'Learning journal book'."
    )
    purpose = models.CharField(max_length=300)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Export #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Export records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Export records are append-only")
