"""Template tags of the complaints procedure: Ofsted's contact details for any complaints page."""

from __future__ import annotations

from typing import Any

from django import template

from tandem.comms.selectors.board import OFSTED

register = template.Library()


@register.simple_tag
def ofsted_contact() -> dict[str, Any]:
    """``{% ofsted_contact as ofsted %}``: the details the notice board shows (one constant)."""
    return OFSTED
