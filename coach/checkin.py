"""What check-ins mean: streaks, month coverage, and the flags that need attention.

Pure functions of dates and CheckIn records; the screens and the CLI only display the results.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Container, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from coach.models import RED_FLAGS, CheckIn
from coach.nutrition import calcium_verdict
from coach.tablet_text import missed_today_text, raise_side_effects, side_effects_text
from coach.thresholds import (
    ALCOHOL_UNITS_LIMIT,
    CALCIUM_TARGET_MG,
    CALCIUM_UPPER_LIMIT_MG,
    EMERGENCY_RED_FLAGS,
    FATIGUE_SEVERE_FROM,
    INTERFERENCE_HIGH_FROM,
    MOOD_LOW_AT_MOST,
    PAIN_MODERATE_FROM,
    PAIN_RAISE_LEVEL,
    PAIN_SEVERE_FROM,
    VITAMIN_D_UPPER_LIMIT_IU,
)
from coach.topic_ids import JOINT_PAIN_TOPIC, RED_FLAGS_TOPIC

if TYPE_CHECKING:
    from coach.picture import ClinicalPicture

PAIN_PROMPT_THRESHOLD = PAIN_RAISE_LEVEL  # worst joint pain >= 4 predicted stopping the AI
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


def current_streak(days: Container[date], today: date) -> int:
    """Consecutive days checked in, ending today — or yesterday, so a streak is not "lost"
    in the morning before today's check-in. ``days`` is only looked up: this streak's days
    and the one before it, never the whole diary."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def longest_streak(days: Iterable[date]) -> int:
    """The longest run of consecutive days in ``days`` (future days ignored by the caller)."""
    best = run = 0
    previous = None
    for number in sorted({day.toordinal() for day in days}):  # ints: 30 years in a few ms
        run = run + 1 if number - 1 == previous else 1
        if run > best:
            best = run
        previous = number
    return best


def days_this_month(days: Iterable[date], today: date) -> int:
    """Days of today's month, up to today, that have a check-in."""
    first = today.replace(day=1)
    return sum(1 for d in set(days) if first <= d <= today)


def streaks(days: Collection[date], today: date) -> Streaks:
    """All the streak figures the home screen and ``bonecoach status`` show."""
    return streaks_of_ordinals({d.toordinal() for d in days}, today)


def streaks_of_ordinals(ordinals: Collection[int], today: date) -> Streaks:
    """``streaks`` of days given as ``date.toordinal`` numbers (the store's check-in ids):
    30 years of days are counted as ints, without building a date for each."""
    now = today.toordinal()
    past = sorted(o for o in ordinals if o <= now)
    held = set(past)
    day = now if now in held else now - 1
    current = 0
    while day in held:
        current += 1
        day -= 1
    best = run = 0
    previous = None
    for number in past:
        run = run + 1 if number - 1 == previous else 1
        if run > best:
            best = run
        previous = number
    first = today.replace(day=1).toordinal()
    return Streaks(
        current=current,
        longest=best,
        this_month=len(past) - bisect_left(past, first),
        checked_in_today=now in held,
    )


DayState = str  # "checked", "missed", "open" (today, not checked in yet), "before", "future"


def day_state(
    day: date, days: Collection[date], today: date, *, first: date | None = None
) -> DayState:
    """How a calendar day stands. A day is "missed" only between the first check-in and
    yesterday: days before someone started are not missed, and today is still "open".
    ``first``, the first check-in, if the caller knows it (else found in ``days``)."""
    if day > today:
        return "future"
    if day in days:
        return "checked"
    if day == today:
        return "open"
    if first is None:
        first = min(days, default=None)
    return "missed" if first is not None and first < day else "before"


def month_coverage(days: Collection[date], month: date, today: date) -> tuple[int, int]:
    """(days checked in, days that could have been) in ``month``'s month, counting only days
    from the first check-in on and up to today (today only once it is checked in).

    Costs the month's days, not the diary's: ``days`` is looked up, never walked, after one
    pass for the first check-in."""
    import calendar

    held = days if isinstance(days, (set, frozenset)) else set(days)
    first = min(held, default=None)
    first_day = month.replace(day=1)
    last_day = first_day.replace(day=calendar.monthrange(month.year, month.month)[1])
    month_days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    checked = sum(1 for d in month_days if d in held and d <= today)
    states = (day_state(d, held, today, first=first) for d in month_days)
    possible = sum(1 for state in states if state in ("checked", "missed"))
    return checked, possible


def status_line(current: int, checked_in_today: bool) -> str:
    """One line for a login script: checked in today? current streak."""
    unit = "day" if current == 1 else "days"
    if checked_in_today:
        return f"bonecoach: checked in today; streak {current} {unit}."
    if current:
        return f"bonecoach: not checked in today yet; streak {current} {unit} — run bonecoach."
    return "bonecoach: not checked in today yet — run bonecoach to check in."


# --------------------------------------------------------------------------- after a check-in


FALLS_ASSESSMENT_TEXT = (
    "Ask your care team for a falls assessment (a check of balance, strength, medicines, "
    "eyesight and home hazards): guidelines advise one after {why}."
)
FALL_WATCH_TEXT = (
    "After a fall, watch for new back pain or loss of height over the coming weeks: a fall can "
    "break a spine bone without an obvious injury. If either appears, contact your care team."
)


class Prompt(NamedTuple):
    """One line of the after-save summary. ``level``: emergency, stop, attention, info, good."""

    level: str
    text: str
    topic: str | None = None


def needs_stop(checkin: CheckIn) -> bool:
    """A red-flag symptom or a fall with injury: stop exercising and contact the care team."""
    return bool(checkin.red_flags) or bool(checkin.fall_injured)


def _list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _pain_prompt(pain: int) -> Prompt:
    """Worst joint pain, in the words of its band (FACTS item 28): severe is not moderate."""
    if pain >= PAIN_SEVERE_FROM:
        text = (
            f"Worst joint pain {pain}/10 is severe. Contact your care team soon, today if it is "
            "new, sudden or getting worse: there are ways to ease it. Keep gently moving if you "
            "can; decisions about your medicine belong with them."
        )
    elif pain >= PAIN_MODERATE_FROM:
        text = (
            f"Worst joint pain {pain}/10 is moderate. Pain of {PAIN_RAISE_LEVEL} or more is worth "
            "raising with your care team at your next contact: there are ways to ease it, and "
            "gentle, regular exercise helps many people. Decisions about your medicine belong "
            "with them."
        )
    else:
        text = (
            f"Worst joint pain {pain}/10. Pain of {PAIN_RAISE_LEVEL} or more is worth raising with "
            "your care team: there are ways to ease it, and gentle, regular exercise helps many "
            "people. Decisions about your medicine belong with them."
        )
    return Prompt("attention", text, JOINT_PAIN_TOPIC)


def _calcium_prompt(checkin: CheckIn) -> Prompt | None:
    """A day's calcium: food and supplement together; a supplement alone says food is unknown."""
    food, supplement = checkin.calcium_food_mg, checkin.calcium_supplement_mg
    if food is None and supplement is None:
        return None
    if food is None and supplement is not None and supplement <= CALCIUM_UPPER_LIMIT_MG:
        return Prompt(
            "info",
            f"Calcium supplement {supplement} mg; food was not recorded, so the day's total is "
            f"not known (target {CALCIUM_TARGET_MG} mg a day from food and supplements "
            f"together, upper limit {CALCIUM_UPPER_LIMIT_MG} mg).",
        )
    level, words = calcium_verdict(checkin.calcium_total_mg or 0)
    return Prompt({"high": "attention", "ok": "good", "low": "info"}[level], words)


def summary_prompts(checkin: CheckIn, picture: ClinicalPicture | None = None) -> list[Prompt]:
    """What the coach says after a save, most urgent first (FACTS.md items 21-23, 27-29, 33).

    Emergency advice comes before anything else; ``picture`` (the person's clinical picture
    with this check-in saved) adds what depends on more than one day, such as a falls
    assessment after a second fall. The TUI summary and ``bonecoach checkin`` print these.
    """
    prompts: list[Prompt] = []
    emergency = [RED_FLAGS[f] for f in EMERGENCY_RED_FLAGS if f in checkin.red_flags]
    if emergency:
        prompts.append(
            Prompt(
                "emergency",
                f"Call emergency services now (999, 112 or 911) for {_list(emergency)} that is "
                "severe, sudden or not settling with rest. Do not exercise.",
                RED_FLAGS_TOPIC,
            )
        )
    if needs_stop(checkin):
        reasons = [RED_FLAGS[flag] for flag in checkin.red_flags]
        if checkin.fall_injured:
            reasons.append("a fall with injury")
        spine = {"sudden_back_pain", "height_loss"} & set(checkin.red_flags)
        prompts.append(
            Prompt(
                "stop",
                "Stop exercising and contact your care team today about: "
                + "; ".join(reasons)
                + "."
                + (" Back pain or height loss can mean a spine fracture." if spine else ""),
                RED_FLAGS_TOPIC,
            )
        )
    if checkin.pain is not None and checkin.pain >= PAIN_RAISE_LEVEL:
        prompts.append(_pain_prompt(checkin.pain))
    if checkin.interference is not None and checkin.interference >= INTERFERENCE_HIGH_FROM:
        prompts.append(
            Prompt(
                "attention",
                f"Pain got in the way of daily activities a lot today ({checkin.interference}/4). "
                "Tell your care team, especially if it keeps happening: it is a reason to look "
                "at your pain together.",
                JOINT_PAIN_TOPIC,
            )
        )
    if checkin.fatigue is not None and checkin.fatigue >= FATIGUE_SEVERE_FROM:
        prompts.append(
            Prompt(
                "attention",
                f"Severe tiredness today ({checkin.fatigue}/10). Mention it to your care team if "
                "it goes on for more than a few days; gentle activity often helps.",
            )
        )
    if checkin.mood is not None and checkin.mood <= MOOD_LOW_AT_MOST:
        prompts.append(
            Prompt(
                "attention",
                f"Very low mood today ({checkin.mood}/5). If it lasts, talk to your care team or "
                "doctor: support helps. If you feel unsafe or think of harming yourself, call "
                "emergency services now.",
            )
        )
    if checkin.fall and not checkin.fall_injured:
        prompts.append(
            Prompt(
                "attention",
                "You had a fall. Mention it to your care team; balance work in your plan lowers "
                "the risk of another. " + FALL_WATCH_TEXT,
            )
        )
    if checkin.fall and picture is not None and picture.falls.assessment_advised:
        why = " and ".join(picture.falls.assessment_reasons)
        prompts.append(Prompt("attention", FALLS_ASSESSMENT_TEXT.format(why=why)))
    if checkin.smoked:
        prompts.append(
            Prompt(
                "info",
                "You smoked today. Smoking weakens bone; stopping helps at any age, and your care "
                "team can help you stop.",
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
    calcium = _calcium_prompt(checkin)
    if calcium is not None:
        prompts.append(calcium)
    if checkin.ai_taken is False:
        prompts.append(Prompt("info", missed_today_text(checkin)))
        story = picture.tablet if picture is not None else None
        if checkin.ai_missed_reason == "side-effects" and raise_side_effects(story):
            assert story is not None
            prompts.append(Prompt("attention", side_effects_text(story), JOINT_PAIN_TOPIC))
    if not prompts:
        prompts.append(Prompt("good", "Saved. Thank you for checking in."))
    return prompts


def same_as_yesterday(previous: CheckIn, day: date) -> CheckIn:
    """Yesterday's habits for ``day``; falls, red flags and the note start empty."""
    habits = {name: getattr(previous, name) for name in HABIT_FIELDS}
    return replace(CheckIn(day=day), **habits)
