"""The EYFS facts the journal uses, as data (from ``shared/EYFS.md``): loaded by a migration and
by ``tandem.journal.services.eyfs.ensure_eyfs``. Nothing else in the code spells these out."""

from __future__ import annotations

# (code, name, prime?, aspects)
AREAS: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = (
    ("CL", "Communication and language", True, ("Listening, attention and understanding", "Speaking")),
    (
        "PSED",
        "Personal, social and emotional development",
        True,
        ("Self-regulation", "Managing self", "Building relationships"),
    ),
    ("PD", "Physical development", True, ("Gross motor skills", "Fine motor skills")),
    ("L", "Literacy", False, ("Comprehension", "Word reading", "Writing")),
    ("M", "Mathematics", False, ("Number", "Numerical patterns")),
    (
        "UW",
        "Understanding the world",
        False,
        ("Past and present", "People, culture and communities", "The natural world"),
    ),
    ("EAD", "Expressive arts and design", False, ("Creating with materials", "Being imaginative and expressive")),
)

# The characteristics of effective teaching and learning.
CHARACTERISTICS: tuple[tuple[str, str], ...] = (
    ("PE", "Playing and exploring"),
    ("AL", "Active learning"),
    ("CT", "Creating and thinking critically"),
)

# Age bands a setting tracks progress in: (framework code, framework name, bands as (name, from, to months)).
FRAMEWORKS: tuple[tuple[str, str, tuple[tuple[str, int, int], ...]], ...] = (
    (
        "DM",
        "Development Matters",
        (("Birth to three", 0, 36), ("Three and four-year-olds", 36, 60), ("Children in reception", 48, 72)),
    ),
    (
        "B5M",
        "Birth to 5 Matters",
        (
            ("Range 1", 0, 12),
            ("Range 2", 6, 18),
            ("Range 3", 12, 36),
            ("Range 4", 24, 48),
            ("Range 5", 36, 60),
            ("Range 6", 48, 72),
        ),
    ),
)
