from __future__ import annotations

from typing import Any

from django import template

from tandem.core.access import ACTIONS, can
from tandem.core.text import render_markdown

register = template.Library()

EVENT_WORDS = {
    "viewed": "looked at",
    "audit_viewed": "looked at the access log of",
    "created": "created",
    "updated": "changed",
    "accepted": "accepted",
}


@register.filter
def event_label(event: str) -> str:
    """``people.needs.viewed`` → ``looked at needs``."""
    parts = event.split(".")
    if len(parts) < 3:
        return event
    thing, verb = parts[-2].replace("_", " "), parts[-1]
    return f"{EVENT_WORDS.get(verb, verb.replace('_', ' '))} {thing}"


@register.simple_tag(takes_context=True)
def may(context: dict[str, Any], action_name: str, obj: Any = None) -> bool:
    """``{% may "people.child.manage" child as allowed %}`` — the same check views make."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return can(user, ACTIONS[action_name], obj)


@register.filter
def initials(name: str) -> str:
    return "".join(word[0] for word in str(name).split()[:2]).upper()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def markdown(text: str) -> str:
    """``{{ page.body|markdown }}``: sanitised Markdown (see tandem.core.text)."""
    return render_markdown(text)
