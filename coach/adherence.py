"""The tablet story: how often the aromatase inhibitor was taken, the gaps, and why it was not.

Derived once here for the clinical picture (the last 30 days, ``coach.picture``) and for the
visit report (its period), so both tell the same story. Pure, standard library only.

Definitions, so they can be checked by hand (FACTS items 10 and 29; thresholds in
``coach.thresholds``):

- **Days counted** are the days of the period that fall within the course as the profile knows
  it: not before ``ai_start``, not after ``ai_end`` (an unknown date excludes nothing). Days the
  person recorded as "not taken: my care team paused it" are then left out of every share: a
  pause the care team decided is not a missed dose. Both numbers are shown.
- **Share of recorded days** = days taken / days with an answer (paused days left out). A day
  without an answer is a gap in the diary, not a missed dose.
- **Share of all days** (the proportion of days covered, PDC, as adherence studies count it)
  = days taken / days counted (paused days left out): a day without an answer counts as not
  covered, so this is the cautious figure. With a complete diary the two are equal.
- Both are compared with the 80% line used in adherence studies (``AI_ADHERENCE_LINE``).
- **Longest gap**: the longest run of consecutive days recorded as not taken (paused days and
  days without an answer end a run: the first is not a miss, the second is not known).
- **Reasons**: how many of the days not taken gave each reason, and how many gave none.
- **Missed days and pain flares**: days with worst joint pain of ``PAIN_SEVERE_FROM`` (7) or more
  are compared with days below it, counting only days with both a pain score and a tablet answer
  (paused days left out). The tablet was missed on ``high_missed`` of ``high_days`` high-pain days
  and ``other_missed`` of ``other_days`` other days. They "cluster" when there are at least
  ``MISS_CLUSTER_MIN_DAYS`` days in each group, at least ``MISS_CLUSTER_MIN_MISSED`` misses on
  high-pain days, and the missed share on high-pain days is at least ``MISS_CLUSTER_RATIO`` times
  the other share (any miss on high-pain days against none on other days counts). Too few days:
  "cannot say yet". Otherwise: "no sign".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coach.models import AI_MISSED_REASONS, CheckIn, Profile
from coach.thresholds import (
    AI_ADHERENCE_LINE,
    MISS_CLUSTER_MIN_DAYS,
    MISS_CLUSTER_MIN_MISSED,
    MISS_CLUSTER_RATIO,
    PAIN_SEVERE_FROM,
)

__all__ = [
    "NO_REASON",
    "PAUSED",
    "MissCluster",
    "TabletStory",
    "course_days",
    "tablet_story",
]

PAUSED = "care-team-paused"
NO_REASON = "not said"
CLUSTER_VERDICTS = ("cluster", "no sign", "cannot say yet")


@dataclass(frozen=True)
class MissCluster:
    """Missed tablets on high-pain days against other days (module docstring)."""

    high_days: int
    high_missed: int
    other_days: int
    other_missed: int

    @property
    def verdict(self) -> str:
        """'cluster', 'no sign' or 'cannot say yet' (too few days in a group)."""
        if self.high_days < MISS_CLUSTER_MIN_DAYS or self.other_days < MISS_CLUSTER_MIN_DAYS:
            return "cannot say yet"
        if self.high_missed < MISS_CLUSTER_MIN_MISSED:
            return "no sign"
        # high/high_days >= ratio * other/other_days, in whole numbers (no rounding surprises)
        if self.high_missed * self.other_days >= MISS_CLUSTER_RATIO * (
            self.other_missed * self.high_days
        ):
            return "cluster"
        return "no sign"

    @property
    def high_share(self) -> float | None:
        return self.high_missed / self.high_days if self.high_days else None

    @property
    def other_share(self) -> float | None:
        return self.other_missed / self.other_days if self.other_days else None


@dataclass(frozen=True)
class TabletStory:
    """How the tablet went over ``first``..``last`` (module docstring for every figure)."""

    first: date
    last: date
    days: int  # days counted: in the period and in the course
    paused: int  # days recorded "not taken: my care team paused it"
    answered: int  # days with an answer, paused days included
    taken: int
    missed: int  # answered "not taken", paused days left out
    reasons: tuple[tuple[str, int], ...]  # (reason id or NO_REASON, days), most frequent first
    longest_gap: int
    gap_first: date | None
    gap_last: date | None
    cluster: MissCluster

    @property
    def recorded_days(self) -> int:
        """Days with an answer, paused days left out: the first share's denominator."""
        return self.answered - self.paused

    @property
    def period_days(self) -> int:
        """Days counted, paused days left out: the PDC's denominator."""
        return self.days - self.paused

    @property
    def share_recorded(self) -> float | None:
        return self.taken / self.recorded_days if self.recorded_days else None

    @property
    def share_period(self) -> float | None:
        return self.taken / self.period_days if self.period_days else None

    @property
    def unanswered(self) -> int:
        return self.days - self.answered

    def reason_count(self, reason: str) -> int:
        return dict(self.reasons).get(reason, 0)

    @staticmethod
    def meets_line(share: float | None) -> bool | None:
        """At or above the 80% line (None: nothing to compare)."""
        return None if share is None else round(share, 9) >= AI_ADHERENCE_LINE


def course_days(profile: Profile | None, first: date, last: date) -> tuple[date, date] | None:
    """The part of ``first``..``last`` within the course (None if none of it is)."""
    if profile is not None:
        if profile.ai_start is not None:
            first = max(first, profile.ai_start)
        if profile.ai_end is not None:
            last = min(last, profile.ai_end)
    return (first, last) if first <= last else None


def tablet_story(
    profile: Profile | None, checkins: Iterable[CheckIn], first: date, last: date
) -> TabletStory | None:
    """The tablet story over ``first``..``last`` (clipped to the course); None when no day of
    the period is in the course. A day checked in twice counts once (the later record wins)."""
    span = course_days(profile, first, last)
    if span is None:
        return None
    first, last = span
    by_day: dict[date, CheckIn] = {}
    for c in checkins:
        if first <= c.day <= last:
            by_day[c.day] = c
    days = (last - first).days + 1
    answered = taken = missed = paused = 0
    reasons: dict[str, int] = {}
    high = high_missed = other = other_missed = 0
    run = best = 0
    run_start: date | None = None
    gap: tuple[date, date] | None = None
    for offset in range(days):
        day = first + timedelta(days=offset)
        c = by_day.get(day)
        answer = None if c is None else c.ai_taken
        was_paused = answer is False and c is not None and c.ai_missed_reason == PAUSED
        if answer is not None:
            answered += 1
        if was_paused:
            paused += 1
        elif answer is True:
            taken += 1
        elif answer is False:
            missed += 1
            why = (c.ai_missed_reason if c is not None else None) or NO_REASON
            reasons[why] = reasons.get(why, 0) + 1
        if answer is False and not was_paused:
            run += 1
            run_start = day if run == 1 else run_start
            if run > best:
                best, gap = run, (run_start or day, day)
        else:
            run = 0
        if answer is not None and not was_paused and c is not None and c.pain is not None:
            if c.pain >= PAIN_SEVERE_FROM:
                high += 1
                high_missed += answer is False
            else:
                other += 1
                other_missed += answer is False
    order = [*AI_MISSED_REASONS, NO_REASON]
    ranked = sorted(reasons.items(), key=lambda item: (-item[1], order.index(item[0])))
    return TabletStory(
        first=first,
        last=last,
        days=days,
        paused=paused,
        answered=answered,
        taken=taken,
        missed=missed,
        reasons=tuple(ranked),
        longest_gap=best,
        gap_first=gap[0] if gap else None,
        gap_last=gap[1] if gap else None,
        cluster=MissCluster(high, high_missed, other, other_missed),
    )
