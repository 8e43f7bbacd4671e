"""Adapting a plan to how the person is doing: joint-pain flares, red flags and adherence.

``adapt(plan, checkins, session_logs, today)`` is pure and returns a new Plan. Rules, in order:

1. **Red flag or injurious fall** (FACTS item 21): any check-in in the last 7 days (newer than the
   last explicit resume) with a red flag, or a fall with injury, pauses the plan ("pause"). A paused
   plan stays paused: only :func:`resume` (an explicit step) makes it active again.
2. **Joint-pain flare** (FACTS item 20: ease the intensity, keep moving): the mean worst joint
   pain of the last 7 days (days with a value) is >= 7, or at least 2 points above the mean of the
   14 days before. The *coming week* (the week after today's) is eased ("ease"): effort -2 (never
   below 3), one set fewer (never below 1), impact swapped for walking minutes, aerobic bouts
   trimmed by a fifth (never below 10 minutes, never zero). A note points to the "joint-pain" topic.
3. **Adherence** over the two full plan weeks before today's week (sessions logged / sessions
   planned on or after the day the plan was made), when there is no flare:
   - below 50%: "repeat" — the coming week repeats the doses of the last completed week and the plan
     continues its progression from there (later weeks move back; those beyond week 12 drop off);
   - 80% or more: "progress" — recorded, and the coming week goes ahead as written (the written plan
     already steps up; adding a further step would outrun the safety-checked progression);
   - in between: no change and nothing recorded.

Idempotent: at most one "ease" and one of "repeat"/"progress" per coming week, and a paused plan is
not paused again, so calling ``adapt`` twice with the same inputs changes nothing the second time.
``adapt`` only lowers or repeats doses the planner already checked: it never breaks a safety rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from coach.exercises import get_exercise
from coach.models import (
    RED_FLAGS,
    Adaptation,
    CheckIn,
    Plan,
    PlanSession,
    PlanWeek,
    Prescription,
    SessionLog,
)
from coach.plan_view import prescription_minutes, session_date, session_id, week_index
from coach.planner import AEROBIC_MIN_BOUT, pain_mean

__all__ = [
    "ADHERENCE_PROGRESS_FROM",
    "ADHERENCE_REPEAT_BELOW",
    "ADHERENCE_WEEKS",
    "EASE_AEROBIC_FACTOR",
    "EASE_EFFORT_FLOOR",
    "EASE_EFFORT_STEP",
    "JOINT_PAIN_TOPIC",
    "PAIN_BASELINE_DAYS",
    "PAIN_FLARE_MEAN",
    "PAIN_FLARE_RISE",
    "PAIN_RECENT_DAYS",
    "RED_FLAG_DAYS",
    "PainTrend",
    "adapt",
    "adherence",
    "pain_trend",
    "resume",
]

PAIN_RECENT_DAYS = 7  # today-6 .. today
PAIN_BASELINE_DAYS = 14  # today-20 .. today-7
PAIN_FLARE_MEAN = 7.0  # recent mean >= 7 is a flare ...
PAIN_FLARE_RISE = 2.0  # ... or a rise of >= 2 points over the baseline mean
RED_FLAG_DAYS = 7
ADHERENCE_WEEKS = 2
ADHERENCE_REPEAT_BELOW = 0.5
ADHERENCE_PROGRESS_FROM = 0.8
EASE_EFFORT_STEP = 2
EASE_EFFORT_FLOOR = 3
EASE_SETS_STEP = 1
EASE_AEROBIC_FACTOR = 0.8
JOINT_PAIN_TOPIC = "joint-pain"
_DECIMALS = 6  # compare means after rounding, so 6.1 - 4.1 counts as the 2.0 it stands for
_DOSE_KINDS = ("repeat", "progress")


@dataclass(frozen=True)
class PainTrend:
    """Recent and baseline mean worst joint pain, and whether that is a flare."""

    recent: float | None
    baseline: float | None
    flare: bool
    rising: bool


def pain_trend(checkins: Sequence[CheckIn], today: date) -> PainTrend:
    """Mean worst pain of the last 7 days vs the 14 days before; a flare by level or by rise."""
    recent_first = today - timedelta(days=PAIN_RECENT_DAYS - 1)
    recent = pain_mean(checkins, recent_first, today)
    baseline = pain_mean(
        checkins,
        recent_first - timedelta(days=PAIN_BASELINE_DAYS),
        recent_first - timedelta(days=1),
    )
    if recent is None:
        return PainTrend(None, baseline, False, False)
    rising = baseline is not None and round(recent - baseline, _DECIMALS) >= PAIN_FLARE_RISE
    high = round(recent, _DECIMALS) >= PAIN_FLARE_MEAN
    return PainTrend(recent, baseline, high or rising, rising)


def adherence(
    plan: Plan, session_logs: Sequence[SessionLog], today: date
) -> tuple[int, int, int, int] | None:
    """(sessions logged, sessions planned, first week, last week) over the two full weeks before
    today's week, counting sessions dated on or after the plan's creation; None if none planned."""
    current = week_index(plan, today)
    if current is None or current <= ADHERENCE_WEEKS:
        return None
    first, last = current - ADHERENCE_WEEKS, current - 1
    logged = {log.session_id for log in session_logs if log.day >= plan.created}
    planned = done = 0
    for week in plan.weeks[first - 1 : last]:
        for s in week.sessions:
            if session_date(plan, week.week, s.day) < plan.created:
                continue
            planned += 1
            done += session_id(week, s) in logged
    return (done, planned, first, last) if planned else None


# --------------------------------------------------------------------------- helpers


def _clamped_week(plan: Plan, today: date) -> int:
    index = week_index(plan, today)
    if index is not None:
        return index
    return 1 if today < plan.start else len(plan.weeks)


def _has(plan: Plan, kinds: Sequence[str], week: int) -> bool:
    return any(a.kind in kinds and a.week == week for a in plan.adaptations)


def _record(plan: Plan, today: date, kind: str, reason: str, week: int, **changes: object) -> Plan:
    entry = Adaptation(day=today, kind=kind, reason=reason, week=week)
    return replace(plan, adaptations=(*plan.adaptations, entry), **changes)


def _red_flag_reason(plan: Plan, checkins: Sequence[CheckIn], today: date) -> str | None:
    """Why to pause (latest flagged day in the window, after the last resume), or None."""
    resumed = [a.day for a in plan.adaptations if a.kind == "resume"]
    after = max(resumed) if resumed else date.min
    first = today - timedelta(days=RED_FLAG_DAYS - 1)
    flagged = [
        c
        for c in checkins
        if first <= c.day <= today and c.day > after and (c.red_flags or c.fall_injured)
    ]
    if not flagged:
        return None
    latest = max(flagged, key=lambda c: c.day)
    day = latest.day.isoformat()
    same_day = [c for c in flagged if c.day == latest.day]
    flags = sorted({f for c in same_day for f in c.red_flags}, key=list(RED_FLAGS).index)
    what = []
    if flags:
        what.append(f"red flag on {day} ({', '.join(RED_FLAGS[f] for f in flags)})")
    if any(c.fall_injured for c in same_day):
        what.append(f"fall with injury on {day}")
    text = " and ".join(what)
    return (
        f"{text[0].upper()}{text[1:]}: stop exercising and contact your care team. The plan is on "
        "hold until you resume it, once your care team agrees."
    )


def _eased_effort(effort: int) -> int:
    return (
        effort if effort <= EASE_EFFORT_FLOOR else max(EASE_EFFORT_FLOOR, effort - EASE_EFFORT_STEP)
    )


def _ease_session(session: PlanSession) -> PlanSession:
    """Lower effort and sets, swap impact for walking minutes, trim aerobic bouts modestly."""
    freed = 0
    items = []
    for p in session.prescriptions:
        category = get_exercise(p.exercise_id).category
        if category == "impact":
            freed += prescription_minutes(p)
            continue
        effort = _eased_effort(p.effort)
        if p.minutes is None:
            items.append(replace(p, sets=max(1, (p.sets or 1) - EASE_SETS_STEP), effort=effort))
        elif category == "weight-bearing aerobic":
            trimmed = max(AEROBIC_MIN_BOUT, math.ceil(p.minutes * EASE_AEROBIC_FACTOR))
            items.append(replace(p, minutes=min(p.minutes, trimmed), effort=effort))
        else:
            items.append(replace(p, effort=effort))
    if freed:
        # walking instead of impact: the freed minutes go to the aerobic bout (else to balance)
        target = _first(items, "weight-bearing aerobic")
        target = _first(items, "balance") if target is None else target
        if target is not None:
            items[target] = replace(items[target], minutes=(items[target].minutes or 0) + freed)
    return replace(session, prescriptions=tuple(items))


def _first(items: Sequence[Prescription], category: str) -> int | None:
    """Index of the first prescription of a category, or None."""
    for i, p in enumerate(items):
        if get_exercise(p.exercise_id).category == category:
            return i
    return None


def _with_week(plan: Plan, new: PlanWeek) -> Plan:
    weeks = list(plan.weeks)
    weeks[new.week - 1] = new
    return replace(plan, weeks=tuple(weeks))


# --------------------------------------------------------------------------- public


def adapt(
    plan: Plan, checkins: Sequence[CheckIn], session_logs: Sequence[SessionLog], today: date
) -> Plan:
    """The plan adjusted to red flags, joint-pain flares and adherence (module docstring)."""
    if plan.status == "paused":
        return plan
    why = _red_flag_reason(plan, checkins, today)
    if why is not None:
        return _record(plan, today, "pause", why, _clamped_week(plan, today), status="paused")
    current = week_index(plan, today)
    if current is None and today >= plan.start:
        return plan  # the plan is over: nothing left to adjust
    coming = 1 if current is None else current + 1
    if coming > len(plan.weeks):
        return plan
    trend = pain_trend(checkins, today)
    if trend.flare:
        return plan if _has(plan, ("ease",), coming) else _ease(plan, coming, trend, today)
    if _has(plan, ("ease", *_DOSE_KINDS), coming):
        return plan
    counts = adherence(plan, session_logs, today)
    if counts is None:
        return plan
    done, planned, first, last = counts
    ratio = done / planned
    share = f"{done} of {planned} planned sessions ({round(ratio * 100)}%) in weeks {first}-{last}"
    if ratio < ADHERENCE_REPEAT_BELOW:
        return _repeat(plan, coming, last, share, today)
    if ratio >= ADHERENCE_PROGRESS_FROM:
        reason = (
            f"You did {share} and joint pain is steady: next week (week {coming}) goes ahead "
            "as planned."
        )
        return _record(plan, today, "progress", reason, coming)
    return plan


def _ease(plan: Plan, coming: int, trend: PainTrend, today: date) -> Plan:
    recent = f"{trend.recent:.1f}"
    if trend.baseline is None:
        compared = "no earlier scores to compare"
    elif trend.rising:
        compared = f"up from {trend.baseline:.1f} in the 14 days before"
    else:
        compared = f"{trend.baseline:.1f} in the 14 days before"
    reason = (
        f"Average worst joint pain {recent} over the last 7 days ({compared}): next week "
        f"(week {coming}) is lighter, with effort down {EASE_EFFORT_STEP} points, one set "
        "fewer and walking instead of impact. "
        f"Keep moving; see the topic '{JOINT_PAIN_TOPIC}' and raise the pain with your care team."
    )
    note = (
        "Lighter week for a joint-pain flare: ease the effort, keep moving "
        f"(topic: {JOINT_PAIN_TOPIC})."
    )
    week = plan.weeks[coming - 1]
    eased = replace(
        week,
        sessions=tuple(_ease_session(s) for s in week.sessions),
        notes=(*week.notes, note),
    )
    return _record(_with_week(plan, eased), today, "ease", reason, coming)


def _repeat(plan: Plan, coming: int, last: int, share: str, today: date) -> Plan:
    """The coming week repeats week ``last``; later weeks continue the progression from there."""
    shift = coming - last
    weeks = list(plan.weeks)
    for j in range(coming, len(weeks) + 1):
        source = plan.weeks[j - shift - 1]
        notes = source.notes
        if j == coming:
            notes = (
                *notes,
                f"Repeats the doses of week {last}, so you can settle in before moving on.",
            )
        weeks[j - 1] = replace(source, week=j, notes=notes)
    reason = (
        f"You did {share}: next week (week {coming}) repeats the doses of week {last} instead "
        "of moving on, and the plan continues from there."
    )
    return _record(replace(plan, weeks=tuple(weeks)), today, "repeat", reason, coming)


def resume(plan: Plan, today: date) -> Plan:
    """Make a paused plan active again (only ever by the person's explicit choice)."""
    if plan.status != "paused":
        return plan
    paused = [a.day for a in plan.adaptations if a.kind == "pause"]
    since = f" after the pause of {max(paused).isoformat()}" if paused else ""
    reason = (
        f"Resumed on {today.isoformat()}{since}: start again gently and follow any advice from "
        "your care team."
    )
    return _record(plan, today, "resume", reason, _clamped_week(plan, today), status="active")
