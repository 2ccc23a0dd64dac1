"""The holdings walker covers every model that holds something about a child or an adult: each is
either walked or excluded with a reason, so a model added later fails here until someone decides."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings

from tandem.people.models import Adult, Child
from tandem.records import holdings


def _relates(model: type, target: type) -> bool:
    return any(
        getattr(f, "concrete", False) and f.is_relation and f.related_model is target for f in model._meta.get_fields()
    )


def _found_child() -> set[str]:
    first = [m for m in apps.get_models() if m is not Child and _relates(m, Child)]
    second = [
        m
        for m in apps.get_models()
        if m not in first
        and m is not Child
        and any(
            getattr(f, "concrete", False) and f.is_relation and not f.many_to_many and f.related_model in first
            for f in m._meta.get_fields()
        )
    ]
    return {m._meta.label for m in first + second} | {"people.Child", "people.HistoricalChild"}


def _found_adult() -> set[str]:
    user = apps.get_model(settings.AUTH_USER_MODEL)
    found = {m._meta.label for m in apps.get_models() if _relates(m, Adult) or _relates(m, user)}
    return found | {"people.Adult", user._meta.label}


def _excluded(scope: str) -> set[str]:
    return {label for (s, label) in holdings.EXCLUDED if s == scope}


def test_every_model_about_a_child_is_walked_or_excluded() -> None:
    walked, excluded = set(holdings.CHILD_MODELS), _excluded(holdings.CHILD)
    assert not walked & excluded
    assert walked | excluded == _found_child()
    assert "people.HistoricalNeed" in walked and "journal.Comment" in walked and "attendance.Dose" in walked


def test_every_model_about_an_adult_is_walked_or_excluded() -> None:
    walked, excluded = set(holdings.ADULT_MODELS), _excluded(holdings.SELF)
    assert not walked & excluded
    assert walked | excluded == _found_adult()
    assert "core.AuditEvent" not in walked and "core.AuditSubject" not in walked


def test_every_exclusion_has_a_reason() -> None:
    assert all(reason.strip() for reason in holdings.EXCLUDED.values())


def test_secrets_are_recognised() -> None:
    for name in ("token_hash", "password", "secret", "door_key_code", "otp", "totp_otp", "recovery_codes"):
        assert holdings.is_secret(name), name
    for name in ("summary", "photo", "footprint", "keyboard"):
        assert not holdings.is_secret(name), name


def test_redaction_removes_other_childrens_names() -> None:
    data = {"text": "Amelia and Barnaby built a den; barnaby fetched blankets.", "children": ["Barnaby Brackenbury"]}
    out = holdings.redact(data, ["Barnaby", "Brackenbury", "Barnaby Brackenbury"])
    assert "Barnaby" not in str(out) and "barnaby" not in str(out) and "Amelia" in out["text"]


def test_rows_reached_through_a_row_shared_by_many_children_are_filtered_or_excluded() -> None:
    """A level-2 model whose parent is shared by many children (a post) reaches other families' rows."""
    first = holdings.level_one()
    shared = {m for m in first if any(f.many_to_many for f in holdings.relations_to(m, Child))}
    reached = {
        m._meta.label for m, links in holdings.level_two(first).items() if any(f.related_model in shared for f in links)
    }
    assert "comms.PostRecipient" in reached
    assert reached <= set(holdings.PER_RECIPIENT) | _excluded(holdings.CHILD)
