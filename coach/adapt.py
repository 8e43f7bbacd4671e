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
     continues its progression from there (later weeks move back; those beyond week 12 drop off),
     keeping the balance and impact versions the weeks had (a fall's step back stays);
   - 80% or more: "progress" — recorded, and the coming week goes ahead as written (the written plan
     already steps up; adding a further step would outrun the safety-checked progression);
   - in between: no change and nothing recorded.

4. **Falls** (FACTS item 33): a fall logged since the plan was made (or last changed) moves balance
   and impact one step back to the easier, supported versions from the coming week ("falls"), and
   tells the person to watch for new back pain or height loss.
5. **Steadiness**: balance and impact move one step on ("step up") only after at least
   ``STEADY_SESSIONS_TO_STEP_UP`` sessions marked done "steady" since the last change, none "not
   steady" and no fall; impact never beyond the plan's cap for that week.
6. **A session that hurt** (a guided session or a session marked done, coach.guided): joint pain
   during it at ``SESSION_PAIN_EASE_FROM`` or more, or an exercise skipped because it hurt, since
   the last easing, eases the coming week as a flare does ("ease").
7. **Too hard**: an exercise skipped as "too hard" in a guided session, or done as its easier
   variant, is replaced by that easier variant from the coming week ("easier").

Pain trends, red flags, logged falls and steadiness come from the clinical picture
(``coach.picture``); the thresholds live in ``coach.thresholds``.

Idempotent: at most one "ease" and one of "repeat"/"progress" per coming week, and a paused plan is
not paused again, so calling ``adapt`` twice with the same inputs changes nothing the second time.
``adapt`` only lowers or repeats doses the planner already checked: it never breaks a safety rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from coach.checkin import FALL_WATCH_TEXT
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
from coach.picture import ClinicalPicture, PainTrend, build_picture, pain_trend
from coach.plan_view import prescription_minutes, session_date, session_id, week_index
from coach.planner import AEROBIC_MIN_BOUT, IMPACT_EFFORT, impact_level
from coach.thresholds import (
    PAIN_BASELINE_DAYS,
    PAIN_FLARE_MEAN,
    PAIN_FLARE_RISE,
    PAIN_RECENT_DAYS,
    RED_FLAG_DAYS,
    STEADY_SESSIONS_TO_STEP_UP,
)
from coach.topic_ids import JOINT_PAIN_TOPIC

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

ADHERENCE_WEEKS = 2
ADHERENCE_REPEAT_BELOW = 0.5
ADHERENCE_PROGRESS_FROM = 0.8
EASE_EFFORT_STEP = 2
EASE_EFFORT_FLOOR = 3
EASE_SETS_STEP = 1
EASE_AEROBIC_FACTOR = 0.8
_DOSE_KINDS = ("repeat", "progress")


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


def _record(
    plan: Plan,
    today: date,
    kind: str,
    reason: str,
    week: int,
    *,
    detail: str = "",
    **changes: object,
) -> Plan:
    entry = Adaptation(day=today, kind=kind, reason=reason, week=week, detail=detail)
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
    """The plan adjusted to red flags, falls, joint-pain flares, adherence and reported
    steadiness (module docstring). Clinical facts come from the clinical picture."""
    if plan.status == "paused":
        return plan
    why = _red_flag_reason(plan, checkins, today)
    if why is not None:
        return _record(
            plan,
            today,
            "pause",
            why,
            _clamped_week(plan, today),
            detail=why.split(":")[0] + ": plan paused until resumed.",
            status="paused",
        )
    current = week_index(plan, today)
    if current is None and today >= plan.start:
        return plan  # the plan is over: nothing left to adjust
    coming = 1 if current is None else current + 1
    if coming > len(plan.weeks):
        return plan
    picture = build_picture(None, checkins, (), session_logs, today)
    plan = _after_fall(plan, picture.falls.logged, today, coming)
    # last, so that a week repeated for adherence gets the easier variant too
    return _easier(_dose(plan, session_logs, picture, today, coming), session_logs, today, coming)


def _dose(
    plan: Plan,
    session_logs: Sequence[SessionLog],
    picture: ClinicalPicture,
    today: date,
    coming: int,
) -> Plan:
    """Rules 2, 6, 3 and 5: ease for a flare or a session that hurt, else adherence, else the
    steadiness step-up."""
    trend = picture.pain
    strain = [] if trend.flare else _new_strain(plan, picture.session_strain)
    if trend.flare or strain:
        return plan if _has(plan, ("ease",), coming) else _ease(plan, coming, trend, today, strain)
    if not _has(plan, ("ease", *_DOSE_KINDS), coming):
        plan = _adherence(plan, session_logs, today, coming)
    if _has(plan, ("ease", "repeat", "step up"), coming):
        return plan
    return _step_up(plan, picture.steady_reports, picture.falls.logged, today, coming)


def _adherence(plan: Plan, session_logs: Sequence[SessionLog], today: date, coming: int) -> Plan:
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
        detail = f"Adherence {share}: week {coming} as planned."
        return _record(plan, today, "progress", reason, coming, detail=detail)
    return plan


# --------------------------------------------------------------------------- steadiness, falls

_RESET_KINDS = ("step up", "falls", "refit")


def _last_change(plan: Plan) -> date | None:
    days = [a.day for a in plan.adaptations if a.kind in _RESET_KINDS]
    return max(days) if days else None


def _moved(plan: Plan, coming: int, mapping: dict[str, str]) -> tuple[Plan, list[str]]:
    """Weeks ``coming``.. with each mapped exercise replaced (impact within the week's cap)."""
    caps = plan.extra.get("impact_week_caps") or [3] * len(plan.weeks)
    changes: dict[str, str] = {}
    weeks = list(plan.weeks)
    for index in range(coming - 1, len(weeks)):
        week = weeks[index]
        sessions = []
        for session in week.sessions:
            items = []
            for p in session.prescriptions:
                new_id = mapping.get(p.exercise_id)
                if new_id is not None:
                    level = impact_level(get_exercise(new_id))
                    if level and level > caps[index]:
                        new_id = None
                if new_id is None:
                    items.append(p)
                    continue
                changes[get_exercise(p.exercise_id).name] = get_exercise(new_id).name
                level = impact_level(get_exercise(new_id))
                effort = IMPACT_EFFORT[level] if level else p.effort
                items.append(replace(p, exercise_id=new_id, effort=effort))
            sessions.append(replace(session, prescriptions=tuple(items)))
        weeks[index] = replace(week, sessions=tuple(sessions))
    words = [f"{old} -> {new}" for old, new in changes.items()]
    return replace(plan, weeks=tuple(weeks)), words


def _after_fall(plan: Plan, falls: Sequence[date], today: date, coming: int) -> Plan:
    """A fall since the plan was made (or last changed): balance and impact go back one step,
    and the person is told to watch for back pain and height loss."""
    handled = _last_change(plan)
    new = [d for d in falls if d >= plan.created and (handled is None or d > handled)]
    if not new:
        return plan
    easier = {harder: easier for easier, harder in plan.extra.get("step_ups", {}).items()}
    moved, words = _moved(plan, coming, easier)
    what = (
        "balance and impact work go back one step (" + "; ".join(words) + ")"
        if words
        else "balance work stays with a support to hold"
    )
    day = new[-1].isoformat()
    reason = (
        f"You logged a fall on {day}: from week {coming}, {what} until you report feeling steady "
        f"again. {FALL_WATCH_TEXT}"
    )
    detail = f"Fall logged {day}: from week {coming} balance/impact stepped down" + (
        f" ({'; '.join(words)})." if words else "."
    )
    week = moved.weeks[coming - 1]
    moved = _with_week(moved, replace(week, notes=(*week.notes, FALL_WATCH_TEXT)))
    return _record(moved, today, "falls", reason, coming, detail=detail)


def _step_up(
    plan: Plan,
    reports: Sequence[tuple[date, bool]],
    falls: Sequence[date],
    today: date,
    coming: int,
) -> Plan:
    """Balance and impact move one step on only after sessions marked done "steady"."""
    since = max(
        (a.day for a in plan.adaptations if a.kind in (*_RESET_KINDS, "easier")), default=None
    )

    def after(day: date) -> bool:
        return day >= plan.created if since is None else day > since

    answers = [steady for day, steady in reports if after(day) and day <= today]
    if any(after(d) for d in falls) or False in answers:
        return plan
    if answers.count(True) < STEADY_SESSIONS_TO_STEP_UP:
        return plan
    moved, words = _moved(plan, coming, dict(plan.extra.get("step_ups", {})))
    if not words:
        return plan
    n = answers.count(True)
    reason = (
        f"You marked {n} sessions done feeling steady: from week {coming}, balance and impact "
        f"work move one step on ({'; '.join(words)}). Hold a support whenever you need it."
    )
    detail = f"Reported steady in {n} sessions: from week {coming} stepped up ({'; '.join(words)})."
    return _record(moved, today, "step up", reason, coming, detail=detail)


def _new_strain(plan: Plan, strain: Sequence[tuple[date, str]]) -> list[tuple[date, str]]:
    """Sessions that hurt since the plan was made and after the last easing."""
    eased = [a.day for a in plan.adaptations if a.kind == "ease"]
    after = max(eased) if eased else date.min
    return [(day, what) for day, what in strain if day >= plan.created and day > after]


def _easier(plan: Plan, session_logs: Sequence[SessionLog], today: date, coming: int) -> Plan:
    """Rule 7: what a guided session found too hard (skipped as "too hard", or switched to the
    easier variant) is done as the easier variant from the coming week."""
    changed = [a.day for a in plan.adaptations if a.kind == "easier"]
    after = max(changed) if changed else plan.created
    mapping: dict[str, str] = {}
    days: list[date] = []
    for log in session_logs:
        if not after <= log.day <= today:
            continue
        for planned, used in log.easier.items():
            if _is_easier(planned, used):  # never a harder or unknown one (hand-edited file)
                mapping[planned] = used
                days.append(log.day)
        for planned, why in log.skipped.items():
            easier = _easier_id(planned) if why == "too-hard" else None
            if easier is not None:
                mapping[planned] = easier
                days.append(log.day)
    if not mapping:
        return plan
    moved, words = _moved(plan, coming, mapping)
    if not words:
        return plan  # already done as the easier variant (or not in the coming weeks)
    day = max(days).isoformat()
    reason = (
        f"You found some exercises too hard (session of {day}): from week {coming}, the easier "
        f"version ({'; '.join(words)}). Hold a support whenever you need it."
    )
    detail = f"Reported too hard {day}: from week {coming} easier variant ({'; '.join(words)})."
    return _record(moved, today, "easier", reason, coming, detail=detail)


def _is_easier(planned: str, used: str) -> bool:
    """Whether ``used`` is down the easier chain of ``planned`` in the library."""
    step = _easier_id(planned)
    seen = set()
    while step is not None and step not in seen:
        if step == used:
            return True
        seen.add(step)
        step = _easier_id(step)
    return False


def _easier_id(exercise_id: str) -> str | None:
    try:
        return get_exercise(exercise_id).easier
    except KeyError:
        return None


def _ease(
    plan: Plan,
    coming: int,
    trend: PainTrend,
    today: date,
    strain: Sequence[tuple[date, str]] = (),
) -> Plan:
    if strain:  # a session that hurt (rule 6), not the 7-day pain average
        day, what = strain[-1]
        cause = f"A session on {day.isoformat()} hurt ({what})"
        detail_cause = f"Session {day.isoformat()}: {what}"
    else:
        recent = f"{trend.recent:.1f}"
        if trend.baseline is None:
            compared = "no earlier scores to compare"
        elif trend.rising:
            compared = f"up from {trend.baseline:.1f} in the 14 days before"
        else:
            compared = f"{trend.baseline:.1f} in the 14 days before"
        cause = f"Average worst joint pain {recent} over the last 7 days ({compared})"
        detail_cause = f"Mean worst joint pain {recent} over 7 days ({compared})"
    reason = (
        f"{cause}: next week "
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
    detail = (
        f"{detail_cause}: week {coming} eased (effort "
        f"-{EASE_EFFORT_STEP}, one set fewer, walking instead of impact)."
    )
    return _record(_with_week(plan, eased), today, "ease", reason, coming, detail=detail)


def _same_versions(plan: Plan, source: PlanWeek, target: PlanWeek) -> PlanWeek:
    """``source`` with each balance or impact exercise in the version ``target`` uses.

    A repeated week copies an earlier week's doses, but the versions stay those of the week it
    replaces: a fall may have just stepped them back (or steady sessions on), and repeating
    doses must never undo that."""
    step_ups = plan.extra.get("step_ups", {})
    easier_of = {harder: easier for easier, harder in step_ups.items()}

    def root(exercise_id: str) -> str:
        seen = {exercise_id}
        while exercise_id in easier_of and easier_of[exercise_id] not in seen:
            exercise_id = easier_of[exercise_id]
            seen.add(exercise_id)
        return exercise_id

    versions: dict[str, set[str]] = {}
    for session in target.sessions:
        for p in session.prescriptions:
            versions.setdefault(root(p.exercise_id), set()).add(p.exercise_id)
    sessions = []
    for session in source.sessions:
        items = []
        for p in session.prescriptions:
            found = versions.get(root(p.exercise_id), set())
            if p.exercise_id in found or len(found) != 1:
                items.append(p)
                continue
            (new_id,) = found
            level = impact_level(get_exercise(new_id))
            effort = IMPACT_EFFORT[level] if level else p.effort
            items.append(replace(p, exercise_id=new_id, effort=effort))
        sessions.append(replace(session, prescriptions=tuple(items)))
    return replace(source, sessions=tuple(sessions))


def _repeat(plan: Plan, coming: int, last: int, share: str, today: date) -> Plan:
    """The coming week repeats week ``last``; later weeks continue the progression from there."""
    shift = coming - last
    weeks = list(plan.weeks)
    for j in range(coming, len(weeks) + 1):
        source = _same_versions(plan, plan.weeks[j - shift - 1], plan.weeks[j - 1])
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
    detail = f"Adherence {share}: week {coming} repeats week {last}."
    return _record(
        replace(plan, weeks=tuple(weeks)), today, "repeat", reason, coming, detail=detail
    )


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
    detail = f"Resumed by the patient on {today.isoformat()}{since}."
    return _record(
        plan, today, "resume", reason, _clamped_week(plan, today), detail=detail, status="active"
    )
