"""Who may collect a child (R43, R44).

A parent or carer linked to the child (R1) may collect unless a restriction says otherwise
(``no_collection`` or ``no_contact``); ``Collector`` adds other named adults with a photo; a
``OneOffCollector`` is a parent's written permission for another named adult on one day. The
collection password is stored hashed like a password and can never be read back; every check at
the door is kept (``PasswordAttempt``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.people.models import Adult, Child

__all__ = ["CollectionPassword", "Collector", "OneOffCollector", "PasswordAttempt"]


def collector_photo_path(instance: Collector, filename: str) -> str:
    import secrets

    return f"collectors/{instance.child.setting_id}/{secrets.token_hex(16)}.jpg"


class Collector(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="collectors")
    adult = models.ForeignKey(Adult, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, help_text="For example: grandmother, childminder.")
    phone = models.CharField(max_length=40, blank=True)
    photo = models.ImageField(upload_to=collector_photo_path, blank=True, max_length=200)
    is_adult = models.BooleanField(
        default=False, help_text="Confirmed aged 16 or over: children are only released to an adult."
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["child", "removed_at"], name="collector_child_idx")]

    def __str__(self) -> str:
        return self.name


class OneOffCollector(models.Model):
    """A parent's written permission for another named adult to collect on one day."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="one_off_collectors")
    date = models.DateField()
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=300, blank=True, help_text="How staff will recognise them.")
    is_adult = models.BooleanField(default=False)
    granted_by = models.ForeignKey(Adult, on_delete=models.PROTECT, related_name="+")
    granted_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    signed_name = models.CharField(
        max_length=200, blank=True, help_text="The granting parent's full name, typed as their signature."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["child", "date"], name="one_off_child_date_idx")]

    def __str__(self) -> str:
        return f"One-off collector for child {self.child_id} on {self.date}"


class CollectionPassword(models.Model):
    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="collection_password")
    password_hash = models.CharField(max_length=256)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Collection password of child {self.child_id}"


class PasswordAttempt(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="password_attempts")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    succeeded = models.BooleanField()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Password check for child {self.child_id}"
