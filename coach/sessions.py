"""Marking a plan session done: the session log, and what it adds to the day's check-in.

A session marked done counts toward the day's exercise minutes, so the check-in, the trends and
the planner's adherence all agree without the person typing the minutes twice. It never counts
twice: a walk already logged in the check-in is usually that very session, so each kind of minute
becomes the larger of what the check-in holds and what the session took, not their sum (45 logged
+ a 24-minute session stays 45). Marking the same session again (to correct effort or pain)
therefore changes nothing either. Someone who did both, separately, corrects the check-in.

Also the small look-ups the plan screen needs (which session falls on a day, how each day of a
plan week stands), kept here so the screen only formats. Pure, standard library only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coach.models import (
    SESSION_RANGES,
    WEEKDAYS,
    CheckIn,
    Plan,
    PlanSession,
    PlanWeek,
    SessionLog,
)
from coach.plan_view import (
    session_date,
    session_id,
    session_minutes,
    session_total_minutes,
    week_index,
)

__all__ = [
    "MINUTE_FIELDS",
    "DayStatus",
    "add_to_checkin",
    "due_today",
    "find_log",
    "log_for",
    "minutes_counted",
    "session_on",
    "week_days",
]

MINUTE_FIELDS = ("aerobic_min", "resistance_min", "balance_min")


def _clamp(name: str, value: int) -> int:
    spec = SESSION_RANGES[name]
    return int(min(spec.high, max(spec.low, value)))


def log_for(
    plan: Plan,
    plan_week: PlanWeek,
    session: PlanSession,
    day: date,
    effort: int | None,
    pain_during: int | None,
    note: str = "",
    steady: bool | None = None,
) -> SessionLog:
    """The log of one plan session done on ``day``, with its estimated minutes by kind.

    The minutes are the plan's own estimate (``plan_view.session_minutes``), so what is counted
    matches what the plan showed; each is clamped to the model's range.
    """
    if plan_week not in plan.weeks or session not in plan_week.sessions:
        raise ValueError(f"session {session_id(plan_week, session)} is not part of this plan")
    minutes = {k: _clamp(k, v) for k, v in session_minutes(session).items()}
    return SessionLog(
        day=day,
        session_id=session_id(plan_week, session),
        effort=effort,
        pain_during=pain_during,
        exercises=tuple(p.exercise_id for p in session.prescriptions),
        note=note,
        steady=steady,
        **minutes,
    )


def add_to_checkin(existing: CheckIn | None, log: SessionLog) -> CheckIn:
    """The day's check-in counting the session's minutes once (see the module docstring).

    Each kind becomes the larger of the check-in's minutes and the session's (None and n give n),
    within 0..600. A kind the session has no minutes of is left as it was (None stays None: "not
    recorded" is not the same as zero). Marking the same session again changes nothing.
    """
    if existing is not None and existing.day != log.day:
        raise ValueError(f"check-in of {existing.day} cannot take a session of {log.day}")
    base = existing if existing is not None else CheckIn(log.day)
    changes: dict[str, int | None] = {}
    for name in MINUTE_FIELDS:
        current = getattr(base, name)
        session = getattr(log, name)
        if session:
            changes[name] = _clamp(name, max(current or 0, session))
    return dataclasses.replace(base, **changes)


MINUTE_WORDS = {"aerobic_min": "walking", "resistance_min": "strength", "balance_min": "balance"}


def minutes_counted(before: CheckIn | None, after: CheckIn) -> str:
    """What marking a session done did to the day's minutes, in words, e.g. "walking 45 min
    (already counted: kept), strength 10 min (from the session)"."""
    parts = []
    for name in MINUTE_FIELDS:
        old = getattr(before, name) if before is not None else None
        new = getattr(after, name)
        if new is None or new == old == 0:
            continue
        if old == new:
            parts.append(f"{MINUTE_WORDS[name]} {new} min (already counted: kept)")
        else:
            parts.append(f"{MINUTE_WORDS[name]} {new} min (from the session)")
    return ", ".join(parts) or "no minutes"


def session_on(plan: Plan, day: date) -> tuple[PlanWeek, PlanSession] | None:
    """The plan week and session that fall on ``day`` (paused or not), or None for a rest day."""
    index = week_index(plan, day)
    if index is None:
        return None
    week = plan.weeks[index - 1]
    name = WEEKDAYS[day.weekday()]
    session = next((s for s in week.sessions if s.day == name), None)
    return None if session is None else (week, session)


def due_today(
    plan: Plan, logs: Iterable[SessionLog], today: date
) -> tuple[PlanWeek, PlanSession] | None:
    """Today's session when it is still to do (the plan active, not logged yet), else None."""
    if plan.status == "paused":
        return None
    found = session_on(plan, today)
    if found is None or find_log(logs, today, session_id(*found)) is not None:
        return None
    return found


def find_log(logs: Iterable[SessionLog], day: date, sid: str) -> SessionLog | None:
    """The log of session ``sid`` on ``day`` (matched by date too, so a log of an older plan
    with the same session id never marks a new plan's session done)."""
    key = f"{day.isoformat()}/{sid}"
    return next((log for log in logs if log.key == key), None)


@dataclass(frozen=True)
class DayStatus:
    """One day of a plan week as the week glance shows it.

    ``state`` is "done", "rest", "to do" (today or later), "not done" (an earlier day) or
    "before" (dated before the plan was made: nothing to catch up, and adherence ignores it).
    """

    day: date
    session: PlanSession | None
    session_id: str | None
    minutes: int
    log: SessionLog | None
    state: str


def week_days(plan: Plan, week: int, logs: Iterable[SessionLog], today: date) -> list[DayStatus]:
    """Monday to Sunday of plan week ``week`` (1-based), each with its session and whether the
    session was marked done."""
    plan_week = plan.weeks[week - 1]
    logs = tuple(logs)
    monday = session_date(plan, week, "mon")
    out = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        session = next((s for s in plan_week.sessions if s.day == WEEKDAYS[offset]), None)
        if session is None:
            out.append(DayStatus(day, None, None, 0, None, "rest"))
            continue
        sid = session_id(plan_week, session)
        log = find_log(logs, day, sid)
        if log is not None:
            state = "done"
        elif day >= today:
            state = "to do"
        else:
            state = "before" if day < plan.created else "not done"
        out.append(DayStatus(day, session, sid, session_total_minutes(session), log, state))
    return out
