"""Keeping a person's plan current: make one, adapt it to recent days, or say it needs remaking.

The CLI and the plan screen both call ``refresh_plan`` so they always agree on what "the current
plan" is. Pure: the caller reads the store, passes the records in, and saves what comes back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from coach.models import WEEKDAYS, Adaptation, CheckIn, DxaScan, Plan, Profile, SessionLog
from coach.picture import PICTURE_DAYS, ClinicalPicture, build_picture
from coach.plan_view import session_date, week_index
from coach.planner import (
    PlanHistory,
    adapt,
    bone_status,
    make_plan,
    needs_refit,
    profile_key,
)

# The clinical picture reads a year (falls in 12 months); pain needs 21 days, adherence 2 weeks.
HISTORY_DAYS = PICTURE_DAYS


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
    """A new plan when there is none, else the stored plan refit to a changed clinical picture
    (a scan, a fall, a fracture) and adapted to the recent days."""
    history = PlanHistory(tuple(checkins), tuple(session_logs), tuple(dxa_scans))
    if plan is None:
        return PlanState(make_plan(profile, history, today), True, False, False)
    picture = build_picture(profile, checkins, dxa_scans, session_logs, today)
    refit = refit_plan(plan, profile, history, picture, today)
    adapted = adapt(refit, checkins, session_logs, today)
    finished = week_index(adapted, today) is None and today >= adapted.start
    return PlanState(
        adapted,
        changed=adapted != plan,
        profile_changed=adapted.profile_key != profile_key(profile),
        finished=finished,
    )


def refit_plan(
    plan: Plan, profile: Profile, history: PlanHistory, picture: ClinicalPicture, today: date
) -> Plan:
    """The plan with this week and the coming weeks rebuilt when the picture's bone status,
    falls, fracture or impact level no longer match what it was made for; past weeks are kept
    (and the sessions marked done, whose ids are the week and the day)."""
    if not needs_refit(plan, profile, picture):
        return plan
    current = week_index(plan, today)
    if current is None and today >= plan.start:
        return plan  # finished: nothing to refit
    coming = 1 if current is None else current  # this week too (from today): a new risk applies
    fresh = make_plan(profile, history, today, picture=picture, created=plan.created)
    weeks = list(plan.weeks[: coming - 1]) + list(fresh.weeks[coming - 1 :])
    if current is not None:  # this week: the days already past keep what was planned (and done)
        old, new = plan.weeks[current - 1], fresh.weeks[current - 1]
        kept = [s for s in old.sessions if session_date(plan, current, s.day) < today]
        added = [s for s in new.sessions if session_date(plan, current, s.day) >= today]
        sessions = sorted((*kept, *added), key=lambda s: WEEKDAYS.index(s.day))
        weeks[current - 1] = replace(new, sessions=tuple(sessions))
    what = _what_changed(plan, fresh, picture)
    start = f"from week {coming}" if coming <= len(plan.weeks) else "from now"
    reason = (
        f"{what}: {start} the plan follows it (bone status {fresh.extra['bone_status']}"
        + (", balance with a support, no stairs" if fresh.extra.get("falls") else "")
        + "). The plan's reasons say what that means."
    )
    entry = Adaptation(
        day=today,
        kind="refit",
        reason=reason,
        week=min(coming, len(plan.weeks)),
        detail=f"Plan refit {start}: {what}.",
    )
    return replace(
        fresh,
        weeks=tuple(weeks),
        adaptations=(*plan.adaptations, entry),
        status=plan.status,
        profile_key=plan.profile_key,
    )


def _what_changed(plan: Plan, fresh: Plan, picture: ClinicalPicture) -> str:
    old, new = plan.extra, fresh.extra
    parts = []
    if old.get("bone_status") != new.get("bone_status"):
        parts.append(f"bone status now {new.get('bone_status')} ({picture.bone.text})")
    if bool(old.get("falls")) != bool(new.get("falls")):
        n = picture.falls.count_12m
        parts.append(f"{n} fall{'s' if n != 1 else ''} in the last 12 months")
    if old.get("vertebral_fracture") != new.get("vertebral_fracture"):
        parts.append("a spine (vertebral) fracture")
    if not parts:
        parts.append(f"impact level now {new.get('impact_level')}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


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
