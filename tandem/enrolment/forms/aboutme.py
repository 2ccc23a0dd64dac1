"""The All About Me form: friendly questions in four parts, with hints, for a phone."""

from __future__ import annotations

from typing import Any

from django import forms

from tandem.enrolment.models.aboutme import ABOUT_ME_FIELDS, ABOUT_ME_SECTIONS, AllAboutMe, about_me_label
from tandem.enrolment.services.aboutme import MAX_LENGTH

HINTS = {
    "interests": "Games, toys, songs, places, animals: whatever makes their eyes light up.",
    "likes": "Foods, colours, characters, activities. For example: bubbles, dinosaurs, singing in the bath.",
    "dislikes": "Anything they avoid or find hard. For example: loud hand dryers, messy hands, hats.",
    "special_skills": "Things they are proud of. For example: climbing the stairs, counting to five, putting on shoes.",
    "sleep_routine": "Do they nap? When, for how long, and what helps them drift off?",
    "meal_routine": "When they eat, what they like, how they eat (fingers, spoon, beaker or cup).",
    "toileting_routine": "Nappies, pull-ups or the potty, and any words they use.",
    "comforters": "A teddy, blanket or dummy, and its name, so we can find it quickly.",
    "comfort": "A cuddle, a song, a quiet corner, being rocked: what works best when they are upset?",
    "needs_and_worries": "Anything that worries them, or that you would like us to know or help with. "
    "Medical needs and allergies go on their record too: please tell the office.",
    "family": "Who lives at home, pets, and other people who matter: grandparents, friends, a childminder.",
    "languages": "Every language spoken at home, and any words your child uses that we should know.",
}


class AboutMeForm(forms.Form):
    """Every part is optional: families write as much or as little as they like."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": "This form is out of date. Open All About Me again and make your changes.",
            "invalid": "This form is out of date. Open All About Me again and make your changes.",
            "min_value": "This form is out of date. Open All About Me again and make your changes.",
        },
    )

    def __init__(self, *args: Any, booklet: AllAboutMe | None = None, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"version": booklet.version if booklet else 0}
        if booklet is not None:
            initial |= {name: getattr(booklet, name) for name in ABOUT_ME_FIELDS}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for name in ABOUT_ME_FIELDS:
            label = about_me_label(name)
            self.fields[name] = forms.CharField(
                label=label[:1].upper() + label[1:],
                help_text=HINTS[name],
                required=False,
                max_length=MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"max_length": f"Keep this to {MAX_LENGTH:,} characters or fewer."},
            )

    def sections(self) -> list[dict[str, Any]]:
        """The bound fields, part by part, for fieldsets in the template."""
        return [{"title": title, "fields": [self[name] for name in names]} for title, names in ABOUT_ME_SECTIONS]
