"""The plan in plain text, for ``bonecoach plan`` (and anyone reading a plan without the TUI)."""

from __future__ import annotations

from datetime import date

from coach.exercises import get_exercise
from coach.models import Plan, PlanSession, Prescription
from coach.plan_view import session_date, session_total_minutes, week_index

DAY_NAMES = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}


def dose(p: Prescription) -> str:
    """ "2 x 10, effort 5/10" or "20 min, effort 4/10"."""
    amount = f"{p.minutes} min" if p.minutes is not None else f"{p.sets} x {p.reps}"
    return f"{amount}, effort {p.effort}/10"


def session_lines(plan: Plan, week: int, session: PlanSession) -> list[str]:
    when = session_date(plan, week, session.day).strftime("%a %d %b")
    lines = [f"  {when}  {session.kind} (about {session_total_minutes(session)} min)"]
    for p in session.prescriptions:
        lines.append(f"    - {get_exercise(p.exercise_id).name}: {dose(p)}")
    return lines


def plan_as_text(plan: Plan, today: date, week: int | None = None) -> str:
    """Reasons, safety notes, adaptations, then the weeks (or one week)."""
    current = week_index(plan, today)
    lines = [
        f"Exercise plan from {plan.start.isoformat()} ({len(plan.weeks)} weeks)"
        + (f"; this is week {current}" if current else "")
    ]
    if plan.status == "paused":
        lines.append(
            "PAUSED: stop exercising and contact your care team; resume in the app "
            "when they say it is safe."
        )
    lines += ["", "Why this plan:"] + [f"  - {r}" for r in plan.reasons]
    lines += ["", "Safety:"] + [f"  - {n}" for n in plan.safety_notes]
    if plan.adaptations:
        lines += ["", "Changes made:"]
        lines += [
            f"  - {a.day.isoformat()} (week {a.week}, {a.kind}): {a.reason}"
            for a in plan.adaptations
        ]
    for plan_week in plan.weeks:
        if week is not None and plan_week.week != week:
            continue
        marker = "  <- this week" if plan_week.week == current else ""
        lines += ["", f"Week {plan_week.week}: {plan_week.phase}{marker}"]
        lines += [f"  note: {n}" for n in plan_week.notes]
        for session in plan_week.sessions:
            lines += session_lines(plan, plan_week.week, session)
    return "\n".join(lines) + "\n"
