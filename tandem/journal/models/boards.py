"""Home links (R19, R20): each room's daily activity board ("today we explored…, try at home…")
with photos, and its planning board of focus areas with ideas for home; shown to the room's families."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from tandem.core.models import Room

from .eyfs import Area

__all__ = ["DailyBoard", "PlanningFocus"]


class DailyBoard(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="daily_boards")
    date = models.DateField(default=timezone.localdate)
    today = models.TextField("today we…", help_text="What the children explored today (Markdown).")
    try_at_home = models.TextField("try at home", blank=True)
    published = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["room", "date"], name="journal_one_board_a_day")]

    def __str__(self) -> str:
        return f"{self.room} on {self.date}"


class PlanningFocus(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="planning_focuses")
    week_starting = models.DateField()
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    focus = models.TextField(help_text="What we will focus on and why.")
    home_ideas = models.TextField("ideas for home", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week_starting", "pk"]
        indexes = [models.Index(fields=["room", "-week_starting"], name="journal_planning_room_idx")]

    def __str__(self) -> str:
        return f"Focus for {self.room} from {self.week_starting}"
