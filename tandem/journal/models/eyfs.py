"""The EYFS areas of learning, their aspects, the characteristics of effective learning, and the
age bands of the framework each setting follows. Rows come from ``tandem/journal/eyfs_data.py``."""

from __future__ import annotations

from django.db import models

from tandem.core.models import Setting

__all__ = ["Area", "Aspect", "Band", "Characteristic", "JournalSettings"]


class Area(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    prime = models.BooleanField(help_text="A prime area (covered by the progress check at two).")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Aspect(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="aspects")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area__order", "order"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="journal_aspect_unique_in_area")]

    def __str__(self) -> str:
        return self.name


class Characteristic(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Framework(models.TextChoices):
    DEVELOPMENT_MATTERS = "DM", "Development Matters"
    BIRTH_TO_5 = "B5M", "Birth to 5 Matters"


class Band(models.Model):
    """An age band of a framework (Development Matters' three, or Birth to 5 Matters' ranges 1–6)."""

    framework = models.CharField(max_length=8, choices=Framework.choices)
    name = models.CharField(max_length=60)
    from_months = models.PositiveSmallIntegerField()
    to_months = models.PositiveSmallIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "name"], name="journal_band_unique")]

    def __str__(self) -> str:
        return self.name


class JournalSettings(models.Model):
    """How one setting runs its journal: its framework and when progress checks fall due."""

    setting = models.OneToOneField(Setting, on_delete=models.CASCADE, related_name="journal_settings")
    framework = models.CharField(max_length=8, choices=Framework.choices, default=Framework.DEVELOPMENT_MATTERS)
    check_due_months = models.PositiveSmallIntegerField(
        default=24, help_text="Age in months from which a child's progress check at two is due."
    )
    check_overdue_months = models.PositiveSmallIntegerField(
        default=30, help_text="Age in months after which a progress check not yet done is overdue."
    )

    def __str__(self) -> str:
        return f"Journal settings of {self.setting}"
