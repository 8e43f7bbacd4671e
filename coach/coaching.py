"""Keeping a person's plan current: make one, adapt it to recent days, or say it needs remaking.

The CLI and the plan screen both call ``refresh_plan`` so they always agree on what "the current
plan" is. Pure: the caller reads the store, passes the records in, and saves what comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.models import CheckIn, DxaScan, Plan, Profile, SessionLog
from coach.plan_view import week_index
from coach.planner import PlanHistory, adapt, bone_status, make_plan, profile_key

HISTORY_DAYS = 42  # enough for a 7-day vs 14-day pain comparison and two weeks of adherence


@dataclass(frozen=True)
class PlanState:
    """The plan to show, whether it changed (so it is saved), and what the person should know."""

    plan: Plan
    changed: bool
    profile_changed: bool
    finished: bool


def history_window(today: date) -> tuple[date, date]:
    """The dates of check-ins and session logs that planning looks at."""
    return today - timedelta(days=HISTORY_DAYS), today


def refresh_plan(
    plan: Plan | None,
    profile: Profile,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    dxa_scans: Sequence[DxaScan],
    today: date,
) -> PlanState:
    """A new plan when there is none, else the stored plan adapted to the recent days."""
    if plan is None:
        history = PlanHistory(tuple(checkins), tuple(session_logs), tuple(dxa_scans))
        return PlanState(make_plan(profile, history, today), True, False, False)
    adapted = adapt(plan, checkins, session_logs, today)
    finished = week_index(adapted, today) is None and today >= adapted.start
    return PlanState(
        adapted,
        changed=adapted != plan,
        profile_changed=adapted.profile_key != profile_key(profile),
        finished=finished,
    )


def changed_since_made(
    plan: Plan, profile: Profile, dxa_scans: Sequence[DxaScan], today: date
) -> tuple[str, ...]:
    """What the plan was built from that has changed since, in words ("your profile", "your
    bone density results"): each means a new plan (g) would come out different."""
    changed = []
    if plan.profile_key != profile_key(profile):
        changed.append("your profile")
    made_with = plan.extra.get("bone_status")
    if made_with is not None and made_with != bone_status(profile, dxa_scans, today)[0]:
        changed.append("your bone density results")
    return tuple(changed)


def regenerate(
    profile: Profile,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    dxa_scans: Sequence[DxaScan],
    today: date,
) -> Plan:
    """A fresh 12-week plan from today (after a profile change, or when the plan is over)."""
    history = PlanHistory(tuple(checkins), tuple(session_logs), tuple(dxa_scans))
    return make_plan(profile, history, today)
