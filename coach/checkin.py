"""What check-ins mean: streaks, month coverage, and the flags that need attention.

Pure functions of dates and CheckIn records; the screens and the CLI only display the results.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Streaks:
    """How consistently someone checks in: the habit the whole coach rests on."""

    current: int
    longest: int
    this_month: int
    checked_in_today: bool


def current_streak(days: Collection[date], today: date) -> int:
    """Consecutive days checked in, ending today — or yesterday, so a streak is not "lost"
    in the morning before today's check-in."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def longest_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive days in ``days`` (future days ignored by the caller)."""
    ordered = sorted(set(days))
    best = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def days_this_month(days: Iterable[date], today: date) -> int:
    """Days of today's month, up to today, that have a check-in."""
    first = today.replace(day=1)
    return sum(1 for d in set(days) if first <= d <= today)


def streaks(days: Collection[date], today: date) -> Streaks:
    """All the streak figures the home screen and ``bonecoach status`` show."""
    past = {d for d in days if d <= today}
    return Streaks(
        current=current_streak(past, today),
        longest=longest_streak(past),
        this_month=days_this_month(past, today),
        checked_in_today=today in past,
    )


def status_line(s: Streaks) -> str:
    """One line for a login script: checked in today? current streak."""
    unit = "day" if s.current == 1 else "days"
    if s.checked_in_today:
        return f"bonecoach: checked in today; streak {s.current} {unit}."
    if s.current:
        return f"bonecoach: not checked in today yet; streak {s.current} {unit} — run bonecoach."
    return "bonecoach: not checked in today yet — run bonecoach to check in."
