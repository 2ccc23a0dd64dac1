"""When a progress check at two falls due: the date arithmetic at its edges (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from tandem.journal.selectors.twocheck import born_by, check_dates, reaches
from tandem.people.models import Child

D = dt.date


@pytest.mark.parametrize(
    ("born", "months", "expected"),
    [
        (D(2024, 5, 15), 24, D(2026, 5, 15)),
        (D(2024, 5, 15), 30, D(2026, 11, 15)),
        (D(2024, 5, 15), 36, D(2027, 5, 15)),
        # a leap-day baby reaches whole months on 1 March in other years (as Child.age_on counts)
        (D(2024, 2, 29), 24, D(2026, 3, 1)),
        (D(2024, 2, 29), 36, D(2027, 3, 1)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        # the 31st in a 30-day month, and across a year end
        (D(2023, 8, 31), 30, D(2026, 3, 3) - dt.timedelta(days=2)),
        (D(2023, 12, 31), 30, D(2026, 7, 1)),
        (D(2024, 1, 1), 24, D(2026, 1, 1)),
    ],
)
def test_the_day_a_child_reaches_an_age(born: dt.date, months: int, expected: dt.date) -> None:
    assert reaches(born, months) == expected
    child = Child(date_of_birth=born)
    years, rest = child.age_on(expected)
    assert years * 12 + rest == months  # agrees with the child record's own age
    years, rest = child.age_on(expected - dt.timedelta(days=1))
    assert years * 12 + rest == months - 1


@pytest.mark.parametrize("day", [D(2026, 2, 28), D(2026, 3, 1), D(2026, 3, 31), D(2028, 2, 29), D(2026, 12, 31)])
@pytest.mark.parametrize("months", [24, 30, 36])
def test_born_by_is_the_exact_boundary(day: dt.date, months: int) -> None:
    edge = born_by(day, months)
    assert reaches(edge, months) <= day
    assert reaches(edge + dt.timedelta(days=1), months) > day


def test_due_overdue_and_last_possible_dates() -> None:
    born = D(2024, 2, 29)
    exactly_24 = check_dates(born, due_months=24, overdue_months=30, today=D(2026, 3, 1))
    assert (exactly_24.due, exactly_24.overdue, exactly_24.last_possible) == (
        D(2026, 3, 1),
        D(2026, 8, 29),
        D(2027, 3, 1),
    )
    assert exactly_24.state == "due"
    assert check_dates(born, due_months=24, overdue_months=30, today=D(2026, 2, 28)).state == "coming"
    assert check_dates(born, due_months=24, overdue_months=30, today=D(2026, 8, 28)).state == "due"
    overdue = check_dates(born, due_months=24, overdue_months=30, today=D(2026, 8, 29))
    assert overdue.state == "overdue" and overdue.label == "Overdue"
