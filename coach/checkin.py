"""What check-ins mean: streaks, month coverage, and the flags that need attention.

Pure functions of dates and CheckIn records; the screens and the CLI only display the results.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import NamedTuple

from coach.models import RED_FLAGS, CheckIn
from coach.nutrition import ALCOHOL_UNITS_LIMIT, VITAMIN_D_UPPER_LIMIT_IU, calcium_verdict

PAIN_PROMPT_THRESHOLD = 4  # worst joint pain >= 4 predicted stopping the AI (Chim 2013)
JOINT_PAIN_TOPIC = "joint-pain"  # coach/content/joint-pain.md
RED_FLAGS_TOPIC = "when-to-call"
# Fields that are habits, copied by "same as yesterday"; events (falls, red flags, notes) are not.
HABIT_FIELDS = (
    "pain",
    "interference",
    "ai_taken",
    "aerobic_min",
    "resistance_min",
    "balance_min",
    "calcium_food_mg",
    "calcium_supplement_mg",
    "vitamin_d_iu",
    "fatigue",
    "mood",
    "alcohol_units",
    "caffeine_drinks",
    "smoked",
)


class Streaks(NamedTuple):
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


DayState = str  # "checked", "missed", "open" (today, not checked in yet), "before", "future"


def day_state(day: date, days: Collection[date], today: date) -> DayState:
    """How a calendar day stands. A day is "missed" only between the first check-in and
    yesterday: days before someone started are not missed, and today is still "open"."""
    if day > today:
        return "future"
    if day in days:
        return "checked"
    if day == today:
        return "open"
    first = min(days, default=None)
    return "missed" if first is not None and first < day else "before"


def month_coverage(days: Collection[date], month: date, today: date) -> tuple[int, int]:
    """(days checked in, days that could have been) in ``month``'s month, counting only days
    from the first check-in on and up to today (today only once it is checked in)."""
    import calendar

    first_day = month.replace(day=1)
    last_day = first_day.replace(day=calendar.monthrange(month.year, month.month)[1])
    checked = sum(1 for d in set(days) if first_day <= d <= min(last_day, today))
    possible = sum(
        1
        for offset in range((last_day - first_day).days + 1)
        if day_state(first_day + timedelta(days=offset), days, today) in ("checked", "missed")
    )
    return checked, possible


def status_line(s: Streaks) -> str:
    """One line for a login script: checked in today? current streak."""
    unit = "day" if s.current == 1 else "days"
    if s.checked_in_today:
        return f"bonecoach: checked in today; streak {s.current} {unit}."
    if s.current:
        return f"bonecoach: not checked in today yet; streak {s.current} {unit} — run bonecoach."
    return "bonecoach: not checked in today yet — run bonecoach to check in."


# --------------------------------------------------------------------------- after a check-in


class Prompt(NamedTuple):
    """One line of the after-save summary. ``level``: stop, attention, info or good."""

    level: str
    text: str
    topic: str | None = None


def needs_stop(checkin: CheckIn) -> bool:
    """A red-flag symptom or a fall with injury: stop exercising and contact the care team."""
    return bool(checkin.red_flags) or bool(checkin.fall_injured)


def summary_prompts(checkin: CheckIn) -> list[Prompt]:
    """What the coach says after a save, most urgent first (FACTS.md items 21, 22-23, 27, 29)."""
    prompts: list[Prompt] = []
    if needs_stop(checkin):
        reasons = [RED_FLAGS[flag] for flag in checkin.red_flags]
        if checkin.fall_injured:
            reasons.append("a fall with injury")
        prompts.append(
            Prompt(
                "stop",
                "Stop exercising and contact your care team today about: "
                + "; ".join(reasons)
                + ". If it is sudden or severe (chest pain, fainting), call emergency services.",
                RED_FLAGS_TOPIC,
            )
        )
    if checkin.pain is not None and checkin.pain >= PAIN_PROMPT_THRESHOLD:
        prompts.append(
            Prompt(
                "attention",
                f"Worst joint pain {checkin.pain}/10. Pain of {PAIN_PROMPT_THRESHOLD} or more is "
                "worth raising with your care team: there are ways to ease it, and gentle, "
                "regular exercise helps many people. Decisions about your medicine belong "
                "with them.",
                JOINT_PAIN_TOPIC,
            )
        )
    if checkin.fall and not checkin.fall_injured:
        prompts.append(
            Prompt(
                "attention",
                "You had a fall. Mention it to your care team; balance "
                "work in your plan lowers the chance of another.",
            )
        )
    if checkin.vitamin_d_iu is not None and checkin.vitamin_d_iu > VITAMIN_D_UPPER_LIMIT_IU:
        prompts.append(
            Prompt(
                "attention",
                f"Vitamin D {checkin.vitamin_d_iu} IU is too much for a daily dose: the "
                f"upper limit is {VITAMIN_D_UPPER_LIMIT_IU} IU/day. If a clinician prescribed "
                "it, follow their plan; otherwise check with your care team.",
            )
        )
    if checkin.alcohol_units is not None and checkin.alcohol_units > ALCOHOL_UNITS_LIMIT:
        prompts.append(
            Prompt(
                "attention",
                f"Alcohol {checkin.alcohol_units:g} units: above {ALCOHOL_UNITS_LIMIT} a day "
                "the risk of fracture rises.",
            )
        )
    total = checkin.calcium_total_mg
    if total is not None:
        level, words = calcium_verdict(total)
        prompts.append(Prompt({"high": "attention", "ok": "good", "low": "info"}[level], words))
    if checkin.ai_taken is False:
        prompts.append(
            Prompt(
                "info",
                "Tablet not taken today. If doses are hard to take, tell your care team: "
                "they can help.",
            )
        )
    if not prompts:
        prompts.append(Prompt("good", "Saved. Thank you for checking in."))
    return prompts


def same_as_yesterday(previous: CheckIn, day: date) -> CheckIn:
    """Yesterday's habits for ``day``; falls, red flags and the note start empty."""
    habits = {name: getattr(previous, name) for name in HABIT_FIELDS}
    return replace(CheckIn(day=day), **habits)
