"""Reading a plan: which week and session is today, session ids, estimated minutes, JSON.

Shared by the planner (time estimates decide what fits in a session), ``coach.adapt`` and the
screens/CLI. Pure, standard library only.

Time estimate (documented, used everywhere a session's length matters): timed work counts its
minutes; repetition work counts ``sets x (reps x REP_SECONDS + rest_s)`` seconds, rounded up to
whole minutes per exercise (impact repetitions are quicker: IMPACT_REP_SECONDS).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from coach.exercises import get_exercise
from coach.models import WEEKDAYS, Plan, PlanSession, PlanWeek, Prescription

__all__ = [
    "IMPACT_REP_SECONDS",
    "REP_SECONDS",
    "current_week",
    "minute_field",
    "monday_of",
    "plan_to_json",
    "prescription_minutes",
    "session_date",
    "session_for",
    "session_id",
    "session_minutes",
    "session_total_minutes",
    "week_index",
    "weekly_minutes",
]

REP_SECONDS = 4  # a controlled repetition: about 2 s up, 2 s down
IMPACT_REP_SECONDS = 2

# What each category counts toward when a session is marked done (stretching: none of them).
_COUNTER = {
    "weight-bearing aerobic": "aerobic_min",
    "resistance": "resistance_min",
    "posture": "resistance_min",
    "impact": "resistance_min",
    "balance": "balance_min",
}

# --------------------------------------------------------------------------- time estimates


def minute_field(exercise_id: str) -> str | None:
    """Which of a SessionLog's minutes an exercise counts toward (None: stretching)."""
    return _COUNTER.get(get_exercise(exercise_id).category)


def prescription_minutes(p: Prescription) -> int:
    """Estimated minutes of one prescription: its minutes, or sets x (reps x s/rep + rest)."""
    if p.minutes is not None:
        return p.minutes
    per_rep = (
        IMPACT_REP_SECONDS if get_exercise(p.exercise_id).category == "impact" else REP_SECONDS
    )
    return math.ceil((p.sets or 1) * ((p.reps or 0) * per_rep + p.rest_s) / 60)


def session_total_minutes(session: PlanSession) -> int:
    """Estimated minutes of a whole session (what must fit in minutes_per_session)."""
    return sum(prescription_minutes(p) for p in session.prescriptions)


def session_minutes(session: PlanSession) -> dict[str, int]:
    """Estimated aerobic / resistance / balance minutes, as a SessionLog and check-in record them.

    Posture and impact work count as resistance (strength and bone loading); stretching counts
    toward none of the three.
    """
    out = {"aerobic_min": 0, "resistance_min": 0, "balance_min": 0}
    for p in session.prescriptions:
        key = _COUNTER.get(get_exercise(p.exercise_id).category)
        if key:
            out[key] += prescription_minutes(p)
    return out


def weekly_minutes(week: PlanWeek) -> dict[str, int]:
    """Sum of ``session_minutes`` over a week's sessions."""
    out = {"aerobic_min": 0, "resistance_min": 0, "balance_min": 0}
    for s in week.sessions:
        for k, v in session_minutes(s).items():
            out[k] += v
    return out


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week (plans start on a Monday)."""
    return day - timedelta(days=day.weekday())


# --------------------------------------------------------------------------- calendar helpers


def week_index(plan: Plan, today: date) -> int | None:
    """1-based plan week containing ``today``; None before the start or after the last week."""
    days = (today - plan.start).days
    if days < 0:
        return None
    index = days // 7 + 1
    return index if index <= len(plan.weeks) else None


def current_week(plan: Plan, today: date) -> PlanWeek | None:
    """The plan week containing ``today``, if any."""
    index = week_index(plan, today)
    return None if index is None else plan.weeks[index - 1]


def session_date(plan: Plan, week: int, day: str) -> date:
    """The calendar date of a week's session day."""
    return plan.start + timedelta(days=(week - 1) * 7 + WEEKDAYS.index(day))


def session_for(plan: Plan, today: date) -> PlanSession | None:
    """Today's session, or None (rest day, outside the plan, or the plan is paused)."""
    week = current_week(plan, today)
    if week is None or plan.status == "paused":
        return None
    day = WEEKDAYS[today.weekday()]
    return next((s for s in week.sessions if s.day == day), None)


def session_id(plan_week: PlanWeek, session: PlanSession) -> str:
    """Stable id of a session within its plan, e.g. ``w3-mon`` (SessionLog.session_id)."""
    return f"w{plan_week.week}-{session.day}"


# --------------------------------------------------------------------------- JSON for the CLI


def _prescription_json(p: Prescription) -> dict[str, Any]:
    ex = get_exercise(p.exercise_id)
    out: dict[str, Any] = {
        "id": ex.id,
        "name": ex.name,
        "category": ex.category,
        "tags": sorted(ex.tags),
    }
    if p.minutes is not None:
        out["minutes"] = p.minutes
    else:
        out["sets"] = p.sets
        out["reps"] = p.reps
    out["effort"] = p.effort
    return out


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The shape printed by ``bonecoach plan --json`` (stable; documented in the README)."""
    return {
        "status": plan.status,
        "start": plan.start.isoformat(),
        "created": plan.created.isoformat(),
        "reasons": list(plan.reasons),
        "safety_notes": list(plan.safety_notes),
        "adaptations": [
            {"date": a.day.isoformat(), "kind": a.kind, "reason": a.reason, "week": a.week}
            for a in plan.adaptations
        ],
        "weeks": [
            {
                "week": w.week,
                "phase": w.phase,
                "sessions": [
                    {
                        "day": s.day,
                        "kind": s.kind,
                        "exercises": [_prescription_json(p) for p in s.prescriptions],
                    }
                    for s in w.sessions
                ],
            }
            for w in plan.weeks
        ],
    }
