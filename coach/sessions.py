"""Marking a plan session done: the session log, and what it adds to the day's check-in.

A session marked done counts toward the day's exercise minutes, so the check-in, the trends and
the planner's adherence all agree without the person typing the minutes twice. Marking the same
session again (to correct effort or pain) replaces its log and must not count the minutes twice:
the old log's minutes come off before the new ones go on.

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
    "find_log",
    "log_for",
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


def add_to_checkin(
    existing: CheckIn | None, log: SessionLog, previous_log: SessionLog | None = None
) -> CheckIn:
    """The day's check-in with the session's minutes added (None + n = n).

    ``previous_log`` is the stored log with the same key, when the session was already marked
    done: its minutes come off first, so marking twice never counts twice. Results stay within
    0..600 minutes. A kind the session has no minutes of is left as it was (None stays None:
    "not recorded" is not the same as zero).
    """
    if existing is not None and existing.day != log.day:
        raise ValueError(f"check-in of {existing.day} cannot take a session of {log.day}")
    if previous_log is not None and previous_log.key != log.key:
        raise ValueError(f"previous log {previous_log.key} is not the same session as {log.key}")
    base = existing if existing is not None else CheckIn(log.day)
    changes: dict[str, int | None] = {}
    for name in MINUTE_FIELDS:
        current = getattr(base, name)
        before = getattr(previous_log, name) if previous_log is not None else 0
        added = getattr(log, name)
        if current is None and before == 0 and added == 0:
            continue
        changes[name] = _clamp(name, max(0, (current or 0) - before) + added)
    return dataclasses.replace(base, **changes)


def session_on(plan: Plan, day: date) -> tuple[PlanWeek, PlanSession] | None:
    """The plan week and session that fall on ``day`` (paused or not), or None for a rest day."""
    index = week_index(plan, day)
    if index is None:
        return None
    week = plan.weeks[index - 1]
    name = WEEKDAYS[day.weekday()]
    session = next((s for s in week.sessions if s.day == name), None)
    return None if session is None else (week, session)


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
