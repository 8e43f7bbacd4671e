"""A deterministic synthetic patient, so clinicians can demo the coach without anyone's real data.

``make_demo(days, seed, today)`` simulates a person who started anastrozole ``days`` days before
``today`` and used the coach every day since: check-ins (with missed days), an exercise plan made
by ``coach.planner`` and kept current with ``coach.coaching.refresh_plan`` exactly as the app does
(so the adaptations and their dates are real outputs of the coach), session logs that match the
plan's sessions, two or more DXA visits, and one fall with a minor injury that pauses the plan.

The story (day numbers count from the first tablet):

- joint pain starts mild, rises from week 2 and flares in weeks 6-10 (worst pain 6-8), then eases
  over the following months as exercise builds up (FACTS.md items 10 and 20);
- exercise is low for the first three weeks, then follows the plan from day 21, with extra walks
  on other days that become more frequent: aerobic minutes climb toward about 150 a week;
- the aromatase inhibitor is taken on about 93% of days, with a dip to about 70% during the flare;
- about 1 day in 10 has no check-in, partly in clusters (a holiday, a busy spell);
- calcium and vitamin D hover around the targets once supplements start (day 21);
- DXA at the start (lowest T-score -1.8, lumbar spine) and about a year later (-2.0), then every
  two years (the ASCO interval for a T-score above -2.5);
- one fall with a minor injury in the current plan: the coach pauses the plan, and the person
  resumes it six days later (after, in the story, speaking with the care team).

Pure and deterministic: only ``random.Random(seed)``, no clock; the same ``(days, seed, today)``
always gives equal data. The name is clearly synthetic and no real identifier appears anywhere.
This module imports nothing of the store: ``fill_store`` only calls the methods it is given.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from coach.coaching import history_window, refresh_plan, regenerate
from coach.models import CheckIn, DxaScan, Plan, PlanSession, Profile, SessionLog
from coach.plan_view import (
    current_week,
    monday_of,
    session_for,
    session_id,
    session_minutes,
    week_index,
)
from coach.planner import resume

__all__ = [
    "DEMO_NAME",
    "MAX_DAYS",
    "MIN_DAYS",
    "DemoData",
    "StoreLike",
    "demo_summary",
    "fill_store",
    "make_demo",
]

MIN_DAYS = 1
MAX_DAYS = 10950  # thirty years: an AI course is 5-10, but benchmarks need older diaries too
DEMO_NAME = "Demo Patient (synthetic)"
DEMO_AGE = 62  # under 66, so "age over 65" is not a risk factor; former smoker is one
PLAN_START_DAY = 21  # the person asks the coach for a plan after three weeks of check-ins
SUPPLEMENTS_FROM_DAY = 21  # ... and starts calcium and vitamin D supplements then
FLARE_DAYS = (42, 70)  # weeks 6-10: worst joint pain 6-8
DIP_DAYS = (56, 84)  # AI adherence dips while the joints hurt
# reasons given for a missed tablet (None: not said), drawn with equal chance
MISSED_IN_DIP = ("side-effects", "side-effects", "side-effects", "forgot", None)
MISSED_OTHERWISE = ("forgot", "forgot", "forgot", "ran-out", "other", None, None)
BASELINE_SCAN_DAY = 3
FOLLOW_UP_SCAN_AFTER = 357  # "about a year" after the baseline (visits are rarely to the day)
LATER_SCAN_EVERY = 730  # then every 2 years (ASCO 2019 when the T-score stays above -2.5)
RESUME_AFTER_DAYS = 6
CURRENT_PLAN_DAYS = 45  # the current plan is about this many days old on today (week 7)
FALL_DAYS_BEFORE_TODAY = 28
MISS_RATE = 0.08  # scattered missed days; with the clusters about 1 day in 10 is missed
# (lumbar spine, total hip, femoral neck) per visit: a slow loss, faster in the first year.
SCAN_T_SCORES: tuple[tuple[float, float, float], ...] = (
    (-1.8, -1.2, -1.5),
    (-2.0, -1.4, -1.7),
    (-2.1, -1.5, -1.8),
    (-2.2, -1.5, -1.9),
    (-2.2, -1.6, -1.9),
    (-2.3, -1.6, -2.0),
)
NOTES: dict[str, str] = {
    "onset": "Fingers and knees stiff when I get up. Is this the tablets?",
    "flare": "Knees and hands really sore this week; hard to get going in the morning.",
    "nurse": "Spoke to the breast care nurse about the joint pain. Keep walking, she said.",
    "better": "Joints easier since I walk most days. Slept better too.",
    "fall": "Tripped on an uneven pavement on my walk: grazed knee, sore wrist. "
    "Phoned the clinic; no fracture suspected.",
    "resumed": "Wrist fine again; the clinic said I can carry on with the plan.",
}


@dataclass(frozen=True)
class DemoData:
    """Everything a demo store holds; ``plan`` is the current plan, ``past_plans`` the earlier
    12-week plans it replaced (kept so session logs can be checked against their plan)."""

    profile: Profile
    checkins: tuple[CheckIn, ...]
    dxa_scans: tuple[DxaScan, ...]
    session_logs: tuple[SessionLog, ...]
    plan: Plan
    past_plans: tuple[Plan, ...] = ()
    days: int = 0
    seed: int = 0
    today: date = field(default=date.min)


class StoreLike(Protocol):
    """The part of ``store.db.Store`` that ``fill_store`` uses (this module cannot import it)."""

    def batch(self) -> AbstractContextManager[None]: ...
    def put_profile(self, profile: Profile) -> None: ...
    def put_records(
        self,
        checkins: Iterable[CheckIn] = (),
        dxa_scans: Iterable[DxaScan] = (),
        session_logs: Iterable[SessionLog] = (),
    ) -> None: ...
    def put_plan(self, plan: Plan) -> None: ...


# --------------------------------------------------------------------------- the story


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _pain_level(i: int) -> float:
    """The underlying worst joint pain on day ``i`` of treatment (noise is added on top)."""
    start, end = FLARE_DAYS
    if i < 14:
        return 2.0
    if i < start:
        return 2.0 + 4.5 * (i - 14) / (start - 14)
    if i < end:
        return 7.0
    if i < 140:
        return 6.5 - 3.5 * (i - end) / (140 - end)
    return 2.8


def _clusters(days: int, rng: random.Random) -> set[int]:
    """Runs of missed days: a holiday and a busy spell every ~half year (positions vary)."""
    missed: set[int] = set()
    anchor = 120
    while anchor < days:
        length = rng.randint(4, 7) if (anchor // 120) % 2 else rng.randint(2, 4)
        start = anchor + rng.randint(0, 40)
        missed.update(range(start, min(days, start + length)))
        anchor += 180
    return missed


def _scan_days(days: int) -> list[int]:
    out = [min(BASELINE_SCAN_DAY, days - 1)]
    nxt = BASELINE_SCAN_DAY + FOLLOW_UP_SCAN_AFTER
    while nxt < days and len(out) < len(SCAN_T_SCORES):
        out.append(nxt)
        nxt += LATER_SCAN_EVERY
    return out


def _profile(today: date, ai_start: date, activity: str) -> Profile:
    return Profile(
        name=DEMO_NAME,
        birth_year=today.year - DEMO_AGE,
        ai_drug="anastrozole",
        ai_start=ai_start,
        smoker="former",
        activity=activity,
        days_per_week=5,
        minutes_per_session=50,
        equipment=("none", "chair", "band"),
        weight_kg=68.0,
    )


def _effort(session: PlanSession) -> int:
    efforts = [p.effort for p in session.prescriptions] or [5]
    return round(sum(efforts) / len(efforts))


def _timeline(days: int, ai_start: date) -> tuple[int | None, int]:
    """(day the person updates the profile and remakes the plan, day of the fall).

    The remake is timed so that on ``today`` the current plan is in about week 7: far enough
    along to hold real adaptations (the fall's pause and resume, adherence checks), with weeks
    still to come. It falls inside the second plan (after the first one has seen the flare).
    None when the history is too short for a second plan. The fall is four weeks before today.
    """
    first_start = (monday_of(ai_start + timedelta(days=PLAN_START_DAY)) - ai_start).days
    first_end = first_start + 84
    remake: int | None = None
    if days - CURRENT_PLAN_DAYS > first_end:
        remake = first_end + (days - CURRENT_PLAN_DAYS - first_end) % 84
    fall = days - FALL_DAYS_BEFORE_TODAY
    if fall < PLAN_START_DAY + 7:
        fall = max(0, min(days - 1, round(days * 0.75)))
    return remake, fall


# --------------------------------------------------------------------------- make_demo


def make_demo(days: int = 365, seed: int = 1, *, today: date) -> DemoData:
    """A synthetic patient ``days`` days into anastrozole treatment on ``today``.

    ``days`` must be a whole number from 1 to 10950 (ValueError otherwise). Deterministic per
    ``(days, seed, today)``.
    """
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(
            f"days must be a whole number from {MIN_DAYS} to {MAX_DAYS} (got {days!r})"
        )
    rng = random.Random(seed)
    # why a tablet was missed: its own stream, so adding it left every other figure as it was
    why_rng = random.Random(f"missed-reason-{seed}")
    ai_start = today - timedelta(days=days)
    missed = _clusters(days, rng)
    remake_day, fall_day = _timeline(days, ai_start)
    missed.discard(fall_day)
    scan_days = _scan_days(days)

    scans: list[DxaScan] = []
    for visit, i in enumerate(scan_days):
        for site, t in zip(
            ("lumbar_spine", "total_hip", "femoral_neck"), SCAN_T_SCORES[visit], strict=True
        ):
            scans.append(DxaScan(ai_start + timedelta(days=i), site, t))

    checkins: list[CheckIn] = []
    logs: list[SessionLog] = []
    plans_done: list[Plan] = []
    plan: Plan | None = None
    profile = _profile(today, ai_start, "light")
    paused_on: int | None = None
    pending_note: str | None = None
    notes_due = {
        20: "onset",
        FLARE_DAYS[0] + 10: "flare",
        FLARE_DAYS[1] - 5: "nurse",
        150: "better",
        fall_day: "fall",
    }

    for i in range(days + 1):  # day 0 is the first tablet; day ``days`` is today
        day = ai_start + timedelta(days=i)
        # Morning: the coach keeps the plan current, as the app does whenever it opens.
        if i >= PLAN_START_DAY or (i == days and plan is None):
            lo, hi = history_window(day)
            recent = [c for c in checkins[-60:] if lo <= c.day <= hi]
            recent_logs = [s for s in logs[-60:] if lo <= s.day <= hi]
            past_scans = [s for s in scans if s.day <= day]
            finished = plan is not None and week_index(plan, day) is None and day >= plan.start
            if plan is not None and (finished or i == remake_day):
                plans_done.append(plan)
                if remake_day is None or i == remake_day:
                    profile = _profile(today, ai_start, "active")  # fitter: profile updated
                plan = regenerate(profile, recent, recent_logs, past_scans, day)
                paused_on = None
            state = refresh_plan(plan, profile, recent, recent_logs, past_scans, day)
            plan = state.plan
            if plan.status == "paused":
                paused_on = i if paused_on is None else paused_on
                if i - paused_on >= RESUME_AFTER_DAYS:
                    plan = resume(plan, day)
                    paused_on = None
                    notes_due.setdefault(i, "resumed")
        if i == days:
            break  # today: no check-in yet (the demo can show one being made)

        # The day itself.
        skip = (i in missed or rng.random() < MISS_RATE) and i != fall_day
        in_flare = FLARE_DAYS[0] <= i < FLARE_DAYS[1]
        pain = _clamp(_pain_level(i) + rng.choice((-1, -1, 0, 0, 0, 1, 1)), 0, 10)
        if in_flare:
            pain = _clamp(_pain_level(i) + rng.choice((-1, 0, 0, 1)), 6, 8)
        if fall_day <= i < fall_day + 4:
            pain = max(pain, 4)  # the sore wrist
        session = session_for(plan, day) if plan is not None else None
        done_rate = 0.6 if in_flare else 0.85
        did_session = session is not None and not skip and rng.random() < done_rate
        # Walks on days without a session become more frequent and longer as the habit grows.
        if i < PLAN_START_DAY:
            walk_rate, walk_minutes = 0.3, (10, 10, 15, 20)
        else:
            walk_rate, walk_minutes = min(0.7, 0.1 + i / 400), (15, 20, 30, 30, 40)
        if session is not None:
            walk_rate = 0.1
        extra_walk = rng.choice(walk_minutes) if rng.random() < walk_rate else 0
        if skip:
            pending_note = notes_due.get(i) or pending_note  # written down the next day
            continue

        aerobic, resistance, balance = extra_walk, 0, 0
        if did_session and session is not None and plan is not None:
            week = current_week(plan, day)
            assert week is not None
            minutes = session_minutes(session)
            logs.append(
                SessionLog(
                    day=day,
                    session_id=session_id(week, session),
                    **minutes,
                    effort=_clamp(_effort(session) + rng.choice((-1, 0, 0, 1)), 0, 10),
                    pain_during=_clamp(pain - 1 + rng.choice((-1, 0, 0)), 0, 10),
                    exercises=tuple(p.exercise_id for p in session.prescriptions),
                )
            )
            aerobic += minutes["aerobic_min"]
            resistance += minutes["resistance_min"]
            balance += minutes["balance_min"]
        elif i >= PLAN_START_DAY and rng.random() < 0.3:
            balance = rng.choice((5, 5, 10))  # a few minutes of balance practice at the sink

        taken_rate = 0.7 if DIP_DAYS[0] <= i < DIP_DAYS[1] else 0.93
        supplements = i >= SUPPLEMENTS_FROM_DAY
        partial = rng.random() < 0.03  # a rushed day: only the essentials
        note_key = notes_due.get(i) or pending_note
        pending_note = None
        if i == fall_day:
            fall, injured = True, True
        else:
            fall, injured = False, None
        took = rng.random() < taken_rate
        fields: dict[str, object] = {"pain": pain, "ai_taken": took}
        if not took:  # in the dip, while the joints hurt, side effects are the usual reason
            reasons = MISSED_IN_DIP if DIP_DAYS[0] <= i < DIP_DAYS[1] else MISSED_OTHERWISE
            fields["ai_missed_reason"] = why_rng.choice(reasons)
        if not partial or fall:
            fields.update(
                interference=_clamp(pain / 2.5 + rng.choice((-0.5, 0, 0.5)), 0, 4),
                aerobic_min=aerobic,
                resistance_min=resistance,
                balance_min=balance,
                calcium_food_mg=_clamp(rng.gauss(820, 180) / 10, 30, 160) * 10,
                calcium_supplement_mg=(500 if rng.random() < 0.85 else 0) if supplements else 0,
                vitamin_d_iu=(1000 if rng.random() < 0.88 else 0) if supplements else 0,
                fatigue=_clamp(2 + pain / 3 + rng.choice((-1, 0, 1)), 0, 10),
                mood=_clamp(4 - pain / 5 + rng.choice((-0.5, 0, 0.5)), 1, 5),
                alcohol_units=rng.choice((0.0, 0.0, 0.0, 1.0, 1.5, 2.0)),
                caffeine_drinks=rng.choice((1, 2, 2, 3)),
                fall=fall,
                fall_injured=injured,
            )
        if note_key:
            fields["note"] = NOTES[note_key]
        checkins.append(CheckIn(day=day, **fields))  # type: ignore[arg-type]

    assert plan is not None  # made on day PLAN_START_DAY, or today for shorter histories
    return DemoData(
        profile=profile,
        checkins=tuple(checkins),
        dxa_scans=tuple(scans),
        session_logs=tuple(logs),
        plan=plan,
        past_plans=tuple(plans_done),
        days=days,
        seed=seed,
        today=today,
    )


# --------------------------------------------------------------------------- using it


def fill_store(store: StoreLike, demo: DemoData) -> None:
    """Write the whole demo in one atomic write (all of it or nothing)."""
    with store.batch():
        store.put_profile(demo.profile)
        store.put_records(demo.checkins, demo.dxa_scans, demo.session_logs)
        store.put_plan(demo.plan)


def filler(demo: DemoData) -> Callable[[StoreLike], None]:
    """``fill_store`` bound to ``demo``: the shape ``store.db.write_new_store`` takes."""
    return lambda store: fill_store(store, demo)


def demo_summary(demo: DemoData) -> str:
    """One line for the CLI: who, how long, how much data, where the plan is."""
    visits = len({s.day for s in demo.dxa_scans})
    week = week_index(demo.plan, demo.today)
    where = f"plan week {week} of {len(demo.plan.weeks)}" if week else "plan not started"
    if demo.plan.status == "paused":
        where += " (paused)"
    return (
        f"{demo.profile.name}: {demo.profile.ai_drug} for {demo.days} days; "
        f"{len(demo.checkins)} check-ins, {len(demo.dxa_scans)} DXA results "
        f"({visits} visit{'s' if visits != 1 else ''}), {len(demo.session_logs)} sessions "
        f"logged, {len(demo.plan.adaptations)} plan changes; {where}. Seed {demo.seed}."
    )
