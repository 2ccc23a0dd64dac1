"""All About Me (R11): the booklet parents write about their child, for the key person and the team."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from tandem.people.models import Child

__all__ = ["ABOUT_ME_FIELDS", "ABOUT_ME_SECTIONS", "AllAboutMe", "about_me_label"]


class AllAboutMe(models.Model):
    """One booklet a child, written in the child's voice ("I love…"), with a full revision trail.

    ``version`` goes up by one with every save. A form carries the version it was loaded with, and
    the service writes nothing when the booklet has moved on since (two parents, or a parent and
    the key person, editing at once): neither person's words are ever silently lost.
    """

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="all_about_me")
    # Me
    interests = models.TextField("what I love doing", blank=True)
    likes = models.TextField("things I like", blank=True)
    dislikes = models.TextField("things I don't like", blank=True)
    special_skills = models.TextField("things I can do", blank=True)
    # My day
    sleep_routine = models.TextField("sleep and rest", blank=True)
    meal_routine = models.TextField("mealtimes", blank=True)
    toileting_routine = models.TextField("nappies and toileting", blank=True)
    # Comfort and feelings
    comforters = models.TextField("my comforters", blank=True)
    comfort = models.TextField("how I like to be comforted", blank=True)
    needs_and_worries = models.TextField("things that worry me, and what I need", blank=True)
    # Family and languages
    family = models.TextField("my family and important people", blank=True)
    languages = models.TextField("languages we speak at home", blank=True)

    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "All About Me"
        verbose_name_plural = "All About Me booklets"

    def __str__(self) -> str:
        return f"All About Me #{self.pk}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in ABOUT_ME_FIELDS)

    def sections(self) -> list[dict[str, object]]:
        """The booklet's sections, each with its fields' labels and text, for reading and printing."""
        return [
            {
                "title": title,
                "fields": [
                    {"name": name, "label": about_me_label(name), "text": getattr(self, name)} for name in names
                ],
            }
            for title, names in ABOUT_ME_SECTIONS
        ]


# The booklet's sections, in the order a parent fills them in and the key person reads them.
ABOUT_ME_SECTIONS: list[tuple[str, list[str]]] = [
    ("Me", ["interests", "likes", "dislikes", "special_skills"]),
    ("My day", ["sleep_routine", "meal_routine", "toileting_routine"]),
    ("Comfort and feelings", ["comforters", "comfort", "needs_and_worries"]),
    ("My family and languages", ["family", "languages"]),
]
ABOUT_ME_FIELDS: list[str] = [name for _, names in ABOUT_ME_SECTIONS for name in names]


def about_me_label(name: str) -> str:
    """The label of one part of the booklet, for example "things I can do"."""
    field = AllAboutMe._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)
