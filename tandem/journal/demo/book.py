"""Demo: no book is made in advance. The main demo parent makes Isla's book from her home page
("Learning journal book (PDF)"), which shows the book being made and then the download."""

from __future__ import annotations

from tandem.core.models import Setting


def seed(*, setting: Setting) -> None:
    return None
