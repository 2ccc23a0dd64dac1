"""Who has seen the record: a link under the child on the parent's home (R65)."""

from __future__ import annotations

from tandem.people.panels import Link, register_link

from ..actions.viewers import VIEWERS

register_link(Link("records_viewers", "Who has seen this record", "records:viewers", VIEWERS, 98))
