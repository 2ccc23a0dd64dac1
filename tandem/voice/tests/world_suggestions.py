"""Suggestions for the persona matrix: a named one from parent A, an anonymous one, and one made
to the other provider's setting."""

from __future__ import annotations

from typing import Any

from tandem.voice.models import Suggestion


def extend(w: Any) -> None:
    w.suggestion_named = Suggestion.objects.create(
        setting=w.setting, tone=Suggestion.Tone.IDEA, text="Could the garden open earlier?", author=w.parent_a
    )
    w.suggestion_anonymous = Suggestion.objects.create(
        setting=w.setting, tone=Suggestion.Tone.NEGATIVE, text="The car park is chaotic at 3pm."
    )
    w.other_suggestion = Suggestion.objects.create(
        setting=w.other_setting, tone=Suggestion.Tone.POSITIVE, text="Lovely staff.", author=w.other_parent
    )
