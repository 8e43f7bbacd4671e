"""The exercise planner: a profile (plus history) in, a safe 12-week plan out.

``make_plan`` is pure and deterministic: the same profile, history and ``today`` give an equal plan.
The doses follow shared/clinical/FACTS.md §D (items 15-18): resistance on two non-consecutive days
(8-12 repetitions, 1-3 sets, effort about 5-8 out of 10), balance in every session building toward
about 2 hours a week, posture and back-extensor work in every strength session, and
weight-bearing aerobic activity building toward 150 minutes a week in bouts of at least 10 minutes,
on top of (never instead of) strength and balance.

Decisions taken here, so they can be reviewed in one place:

- **Start.** Week 1 starts on the Monday of ``today``'s week, so the plan is usable today;
  sessions of that week dated before ``today`` simply lie in the past (adherence only counts
  sessions on or after the day the plan was created).
- **Clinical facts** (bone status, falls in 12 months, a spine fracture, age, recent pain) come
  from the clinical picture (``coach.picture``): bone status is the latest scan's band (T <= -2.5
  osteoporosis, -2.5 < T < -1.0 osteopenia, else normal), else the profile's; a spine fracture
  means osteoporosis. Falls are the larger of the profile's count and those logged in check-ins.
- **Never prescribed, to anyone:** exercises tagged ``spinal_flexion`` or ``loaded_twisting``
  (sit-ups, crunches, toe touches, loaded twists). They are unsafe with osteoporosis, which many
  people on an aromatase inhibitor have without knowing it yet; safer moves train the same muscles.
- **Impact.** Vertebral fracture: none. Osteoporosis: none unless supervised, then low impact only
  (heel drops, stomps). Unknown (no scan): low impact at most, none after falls or from 75.
  Normal or osteopenia: low impact; moderate (small jumps, from week 3) and high (jump landings,
  from week 7) only when supervised. Effort never exceeds 8 out of 10.
- **Progression of balance and impact** is not by the calendar: the plan is written at the
  starting level (chair-supported versions after falls or for a gentle start; heel drops for
  impact) and ``coach.adapt`` steps up one level only after sessions marked done "steady"
  (``plan.extra["step_ups"]`` lists the allowed next steps), and back after a fall.
- **Equipment.** Body weight always; a sturdy chair (or kitchen counter) is assumed in every home,
  because the chair-supported versions are the safer start and must never be withheld. "gym" implies
  bands and dumbbells too. A vertebral fracture removes every loaded (dumbbell/gym) exercise until a
  physiotherapist has been seen. Nordic walking needs poles the profile does not ask about, so it is
  never prescribed automatically.
- **Falls** (>= 1 in 12 months): a longer balance block in every session, chair-supported
  versions, no floor exercises (getting down and up is itself a fall risk), nothing on a stair
  (no stair climbing, no step-ups). A falls assessment is suggested when the picture advises one.
- **Gentle start** when sedentary, aged 75 or more, or the 7-day mean worst joint pain is >= 7:
  easier versions, 1 set for three weeks, a lower aerobic start, impact delayed to week 3.
- **Time.** A session's estimated minutes never exceed ``minutes_per_session``. Repetition work is
  estimated as ``sets x (reps x 4 s + rest)`` (2 s a repetition for impact), rounded up to whole
  minutes per exercise; timed work counts its minutes.
- **Aerobic progression.** Each week's planned aerobic minutes are at most 20% or one 10-minute
  bout (whichever is larger) above the previous week's; a lighter week drops to 75%, and the week
  after it may go back up to at most that step above the week *before* the lighter week.
  Outside the lighter weeks a week never has fewer aerobic minutes than the last full week (the
  walk is kept free before strength and balance are sized).
  The 150-minute goal is reached by the end whenever the sessions have room for it once strength,
  balance and impact are in; :data:`AEROBIC_GOAL_GUARANTEED_FROM` gives a simple sufficient rule
  (3+ days and 360+ minutes a week). Otherwise a reason says how far the plan gets.

Session kinds: "strength" (has resistance work), "aerobic" (an aerobic bout, no resistance), or
"balance" (neither fits). Every session holds balance work.

Adaptation (``adapt``, ``resume``) lives in ``coach.adapt``; reading a plan (today's session,
ids, estimated minutes, JSON) in ``coach.plan_view``. Both are re-exported here.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from coach.checkin import FALL_WATCH_TEXT, FALLS_ASSESSMENT_TEXT
from coach.exercises import EXERCISES, IMPACT_TAGS, Exercise
from coach.models import (
    WEEKDAYS,
    CheckIn,
    DxaScan,
    Plan,
    PlanSession,
    PlanWeek,
    Prescription,
    Profile,
    SessionLog,
)
from coach.picture import ClinicalPicture, build_picture, pain_mean
from coach.plan_view import (
    current_week,
    monday_of,
    plan_to_json,
    prescription_minutes,
    session_date,
    session_for,
    session_id,
    session_minutes,
    session_total_minutes,
    week_index,
    weekly_minutes,
)
from coach.thresholds import (
    AEROBIC_TARGET_MIN_PER_WEEK,
    BALANCE_TARGET_MIN_PER_WEEK,
    GENTLE_AGE,
    GENTLE_PAIN,
    MAX_EFFORT,
    PAIN_RECENT_DAYS,
    T_NORMAL_FROM,
    T_OSTEOPOROSIS_AT,
    VERTEBRAL_FRACTURE_AEROBIC_MAX,
)

__all__ = [
    "AEROBIC_GOAL_GUARANTEED_FROM",
    "AEROBIC_GOAL_MIN",
    "AEROBIC_MIN_BOUT",
    "BALANCE_GOAL_MIN",
    "LIGHTER_PHASE",
    "MAX_EFFORT",
    "NEVER_TAGS",
    "PHASES",
    "PLAN_WEEKS",
    "RESISTANCE_REPS",
    "RESISTANCE_SETS",
    "PlanHistory",
    "adapt",
    "bone_status",
    "current_week",
    "impact_level",
    "make_plan",
    "max_next_aerobic",
    "monday_of",
    "pain_mean",
    "plan_to_json",
    "prescription_minutes",
    "profile_key",
    "resume",
    "session_date",
    "session_for",
    "session_id",
    "session_minutes",
    "session_total_minutes",
    "week_index",
    "weekly_minutes",
]

# --------------------------------------------------------------------------- rules as constants

PLAN_WEEKS = 12
LIGHTER_PHASE = "lighter week"
PHASES: tuple[str, ...] = (
    *("learn",) * 2,
    *("build",) * 3,
    LIGHTER_PHASE,
    *("build 2",) * 4,
    LIGHTER_PHASE,
    "review",
)

# Resistance doses (Too Fit To Fracture; FACTS items 15-16): (sets, reps, effort 0-10) per week.
RESISTANCE_REPS = (8, 12)
RESISTANCE_SETS = (1, 3)
# never above 8/10: heavier lifting is for supervised programmes only (FACTS 18)
DOSES: tuple[tuple[int, int, int], ...] = (
    (1, 8, 5), (1, 10, 5),                      # learn
    (2, 8, 6), (2, 10, 6), (2, 12, 6),          # build
    (1, 10, 5),                                 # lighter
    (2, 10, 7), (2, 12, 7), (3, 10, 7), (3, 12, 8),  # build 2
    (2, 10, 6),                                 # lighter
    (3, 10, 7),                                 # review
)  # fmt: skip
GENTLE_DOSES: tuple[tuple[int, int, int], ...] = (
    (1, 8, 5), (1, 10, 5),
    (1, 12, 5), (2, 8, 5), (2, 10, 6),
    (1, 10, 5),
    (2, 10, 6), (2, 12, 6), (2, 12, 7), (3, 10, 7),
    (2, 10, 5),
    (2, 12, 7),
)  # fmt: skip
PAIN_WINDOW_DAYS = PAIN_RECENT_DAYS  # the gentle start reads the picture's 7-day mean

# Time estimates.
REST_SECONDS = 60  # between sets of resistance work
POSTURE_REST_SECONDS = 30
IMPACT_REST_SECONDS = 30
RESISTANCE_SHARE = 0.5  # of a strength session given to the strength block ...
RESISTANCE_BLOCK_MIN = 6  # ... but at least this many minutes (room for posture + 2 exercises)
RESISTANCE_BLOCK_MAX = 30
MIN_MAIN_EXERCISES = 2
MAX_MAIN_EXERCISES = 4
POSTURE_REPS = 10
POSTURE_EFFORT = 4

# Balance (FACTS 16: daily, building to about 2 hours a week).
BALANCE_GOAL_MIN = BALANCE_TARGET_MIN_PER_WEEK
BALANCE_START = 30
BALANCE_START_FALLS = 45
BALANCE_STEP = 10  # weekly minutes added
BALANCE_MIN_BLOCK = 3
BALANCE_MAX_BLOCK = 20
BALANCE_SHARE = 0.25  # at most this share of a session (more for people who fell) ...
BALANCE_SHARE_FALLS = 0.35
BALANCE_SPLIT_AT = 6  # ... split into two exercises from this many minutes
BALANCE_EFFORT = 3

# Weight-bearing aerobic (FACTS 15-16: 150 min/week, bouts of 10+ minutes).
AEROBIC_GOAL_MIN = AEROBIC_TARGET_MIN_PER_WEEK
AEROBIC_MIN_BOUT = 10
AEROBIC_START = {"sedentary": 40, "light": 60, "active": 90}
AEROBIC_GENTLE_START = 40
AEROBIC_GROWTH = 1.2  # at most 20% more than the previous week ...
AEROBIC_MIN_STEP = 10  # ... or one 10-minute bout, whichever is larger
LIGHTER_WEEK_FACTOR = 0.75
AEROBIC_EFFORT = {"learn": 4, "build": 5, LIGHTER_PHASE: 4, "build 2": 6, "review": 6}
AEROBIC_EFFORT_ACTIVE = 7  # build 2 / review for active people without a vertebral fracture
# A simple sufficient condition for reaching 150 min/week: (days per week, minutes per week).
AEROBIC_GOAL_GUARANTEED_FROM = (3, 360)

# Impact (bone loading). Levels: 0 none, 1 low, 2 moderate, 3 high.
IMPACT_REPS = 10
IMPACT_SESSIONS_PER_WEEK = 3
IMPACT_PHASE_CAP = (1, 1, 2, 2, 2, 1, 3, 3, 3, 3, 2, 3)
IMPACT_PHASE_CAP_GENTLE = (0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 1, 2)
IMPACT_EFFORT = {1: 5, 2: 6, 3: 7}

FLEX_MINUTES = 2
FLEX_EFFORT = 2

# Osteoporosis by T-score (WHO), lowest site: the bands live in coach.thresholds.
T_OSTEOPOROSIS = T_OSTEOPOROSIS_AT  # T <= -2.5
T_OSTEOPENIA = T_NORMAL_FROM  # -2.5 < T < -1.0

NEVER_TAGS = frozenset({"spinal_flexion", "loaded_twisting"})

# Days. Strength days are never consecutive, also across the week end (sun -> mon).
DAY_PATTERNS: dict[int, tuple[str, ...]] = {
    1: ("mon",),
    2: ("mon", "thu"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "sat"),
    5: ("mon", "tue", "thu", "fri", "sat"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
    7: WEEKDAYS,
}
STRENGTH_DAYS: dict[int, tuple[str, ...]] = {
    1: ("mon",),
    2: ("mon", "thu"),
    3: ("mon", "fri"),
    **{n: ("mon", "thu") for n in (4, 5, 6, 7)},
}
_IMPACT_DAY_ORDER = ("mon", "wed", "fri", "sat", "tue", "thu", "sun")
DAY_NAMES = dict(zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                "Saturday", "Sunday"), strict=True))  # fmt: skip

# Exercise chains (easiest first). A level picks one of the chain's allowed exercises.
STRENGTH_A: tuple[tuple[str, ...], ...] = (
    ("sit-to-stand", "bodyweight-squat", "goblet-squat"),
    ("wall-push-up", "counter-push-up", "knee-push-up"),
    ("band-row", "dumbbell-row"),
    ("heel-raise", "single-leg-heel-raise"),
    ("standing-hip-abduction", "side-lying-leg-raise"),
)
STRENGTH_B: tuple[tuple[str, ...], ...] = (
    ("hip-hinge", "band-deadlift", "dumbbell-rdl"),
    ("split-squat", "forward-lunge"),
    ("seated-band-press", "seated-overhead-press"),
    ("step-up",),
    ("band-pull-apart",),
    ("bridge",),
)
BACK_EXTENSOR = ("seated-back-extension", "prone-back-extension")
POSTURE_EXTRA: tuple[tuple[str, ...], ...] = (
    ("shoulder-blade-squeeze", "wall-angel"),
    ("chin-tuck",),
)
# Variants that ask more of balance: reached only by a step up after sessions reported steady.
BALANCE_DEMANDING_CHAIN = ("split-squat", "forward-lunge")
BALANCE_CHAINS: tuple[tuple[str, ...], ...] = (
    ("tandem-stance-supported", "tandem-stance", "heel-to-toe-walk"),
    ("single-leg-stance-supported", "single-leg-stance"),
    ("weight-shift",),
    ("side-step",),
)
AEROBIC_ROTATION = ("brisk-walk", "march-on-spot", "dancing", "stair-climb")
IMPACT_CHAIN = ("heel-drop", "stomp", "small-jumps", "jump-landing")
FLEX_ROTATION = ("calf-stretch", "hamstring-stretch", "chest-stretch")

# --------------------------------------------------------------------------- words

RED_FLAG_NOTE = (
    "Stop exercising and contact your care team if you have chest pain, fainting or dizziness, "
    "breathlessness out of proportion, new sharp or bone pain, new swelling, or sudden severe back "
    "pain that is worse when standing. A fall with an injury also warrants a call."
)
SPINE_NOTE = (
    "Move with a long spine: bend at the hips and knees, not the waist, and hold a support for "
    "balance work."
)
JOINT_PAIN_NOTE = (
    "Aching joints are common on an aromatase inhibitor and exercise tends to help. In a flare, "
    "ease the effort but keep moving, and raise pain of 4 or more out of 10 with your care team "
    "(topic: joint-pain)."
)
VERTEBRAL_FRACTURE_NOTE = (
    "You have had a spine (vertebral) fracture: see a physiotherapist before adding weights. Until "
    "then this plan uses body weight, bands and a chair only, no impact of any kind, and moderate "
    f"aerobic effort ({VERTEBRAL_FRACTURE_AEROBIC_MAX} out of 10 at most)."
)
OSTEOPOROSIS_NOTE = (
    "With osteoporosis, also avoid bending forward from the waist and twisting under load in daily "
    "life: lift with your hips and knees and keep loads close to your body."
)
FALLS_NOTE = (
    "Do balance exercises next to a kitchen counter or sturdy chair, in shoes with a good grip, "
    "on a clear floor."
)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class PlanHistory:
    """What the planner reads besides the profile: check-ins (recent joint pain), session logs
    (adherence, used by ``adapt``) and DXA scans (bone status from the lowest T-score)."""

    checkins: tuple[CheckIn, ...] = ()
    session_logs: tuple[SessionLog, ...] = ()
    dxa_scans: tuple[DxaScan, ...] = ()

    def __post_init__(self) -> None:
        for name in ("checkins", "session_logs", "dxa_scans"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


def bone_status(profile: Profile, scans: Iterable[DxaScan], today: date) -> tuple[str, str]:
    """Bone status used by the rules, and where it came from (the clinical picture's answer)."""
    picture = build_picture(profile, (), scans, (), today)
    return picture.bone.value, picture.bone.text


def profile_key(profile: Profile) -> str:
    """Fingerprint of the profile fields the plan uses: a change means regenerate the plan."""
    fields = {
        "birth_year": profile.birth_year,
        "activity": profile.activity,
        "days_per_week": profile.days_per_week,
        "minutes_per_session": profile.minutes_per_session,
        "equipment": list(profile.equipment),
        "bone_status": profile.bone_status,
        "vertebral_fracture": profile.vertebral_fracture,
        "falls_last_year": profile.falls_last_year,
        "supervised": profile.supervised,
    }
    blob = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class _Context:
    """Everything the week builder needs, derived once from profile + history."""

    minutes: int
    days: tuple[str, ...]
    strength_days: tuple[str, ...]
    impact_days: tuple[str, ...]
    gear: frozenset[str]
    bone: str
    vertebral_fracture: bool
    falls: int
    supervised: bool
    gentle: bool
    active: bool
    impact_cap: int
    aerobic_start: int
    allowed: frozenset[str] = frozenset()

    def allows(self, ex: Exercise) -> bool:
        """The safety and equipment filter: may this exercise appear in this person's plan?"""
        if ex.tags & NEVER_TAGS or "poles" in ex.tags:
            return False
        if not set(ex.equipment) <= self.gear:
            return False
        if self.vertebral_fracture and "loaded" in ex.tags:
            return False
        if self.falls and ("floor" in ex.tags or "stairs" in ex.tags):
            return False
        if "supervised_only" in ex.tags and not self.supervised:
            return False
        return impact_level(ex) <= self.impact_cap

    def chain(self, ids: Sequence[str]) -> tuple[str, ...]:
        """The allowed exercises of a chain, easiest first."""
        return tuple(i for i in ids if i in self.allowed)


def impact_level(ex: Exercise) -> int:
    """0 for no impact, 1 low, 2 moderate, 3 high."""
    for level, tag in enumerate(IMPACT_TAGS, start=1):
        if tag in ex.tags:
            return level
    return 0


def _impact_cap(
    bone: str, vertebral_fracture: bool, supervised: bool, falls: int = 0, age: int | None = None
) -> int:
    """Highest impact level allowed. Unknown bone status is treated cautiously: low impact at
    most (no jumps until a scan shows the bones allow them), none after falls or from 75."""
    if vertebral_fracture:
        return 0
    if bone == "osteoporosis":
        return 1 if supervised else 0
    if bone == "unknown":
        return 0 if falls or (age is not None and age >= GENTLE_AGE) else 1
    return 3 if supervised else 1


def _context(profile: Profile, picture: ClinicalPicture) -> tuple[_Context, list[str]]:
    """The rules' inputs, all read from the clinical picture; also the 'why gentle' phrases."""
    bone = picture.bone.value
    age = picture.age
    pain = picture.pain.recent
    why: list[str] = []
    if profile.activity == "sedentary":
        why.append("not regularly active yet")
    if age is not None and age >= GENTLE_AGE:
        why.append(f"{picture.age_text} years old")
    if pain is not None and pain >= GENTLE_PAIN:
        why.append(f"reporting worst joint pain of {pain:.1f} out of 10 on average this week")
    gear = {"none", "chair", *profile.equipment}
    if "gym" in gear:
        gear |= {"band", "dumbbells"}
    days = DAY_PATTERNS[profile.days_per_week]
    impact_days = tuple(d for d in _IMPACT_DAY_ORDER if d in days)[:IMPACT_SESSIONS_PER_WEEK]
    start = AEROBIC_START[profile.activity]
    if why:
        start = min(start, AEROBIC_GENTLE_START)
    falls = picture.falls.count_12m
    ctx = _Context(
        minutes=profile.minutes_per_session,
        days=days,
        strength_days=STRENGTH_DAYS[profile.days_per_week],
        impact_days=tuple(d for d in days if d in impact_days),
        gear=frozenset(gear),
        bone=bone,
        vertebral_fracture=picture.vertebral_fracture,
        falls=falls,
        supervised=profile.supervised,
        gentle=bool(why),
        active=profile.activity == "active",
        impact_cap=_impact_cap(
            bone, picture.vertebral_fracture, profile.supervised, falls, picture.age
        ),
        aerobic_start=start,
    )
    allowed = frozenset(e.id for e in EXERCISES if ctx.allows(e))
    return replace(ctx, allowed=allowed), why


def _step_ups(ctx: _Context) -> dict[str, str]:
    """Each balance, impact or balance-demanding exercise -> its next harder allowed variant.

    The plan is written at the starting level; ``coach.adapt`` moves one step along these only
    after sessions are marked done "steady" (and back after a fall).
    """
    out: dict[str, str] = {}
    for chain in (*BALANCE_CHAINS, BALANCE_DEMANDING_CHAIN, IMPACT_CHAIN):
        allowed = ctx.chain(chain)
        for easier, harder in itertools.pairwise(allowed):
            out[easier] = harder
    return out


# --------------------------------------------------------------------------- progression


def max_next_aerobic(previous: int) -> int:
    """Most aerobic minutes a week may hold after a week of ``previous`` minutes (20% or 10 min)."""
    return max(math.floor(previous * AEROBIC_GROWTH), previous + AEROBIC_MIN_STEP)


# --------------------------------------------------------------------------- building blocks


def _level(ctx: _Context, week: int, *, by_calendar: bool = True) -> int:
    """Index into an exercise chain: easier versions first for gentle starts and after falls.

    Strength chains step up in week 7 (``by_calendar``); balance chains and balance-demanding
    variants stay at the starting level: they step up only on reported steadiness (adapt).
    """
    return (0 if ctx.gentle or ctx.falls else 1) + (1 if by_calendar and week >= 7 else 0)


def _pick(chain: Sequence[str], level: int) -> str | None:
    return chain[min(level, len(chain) - 1)] if chain else None


def _reps(ex_id: str, sets: int, reps: int, effort: int, rest: int = REST_SECONDS) -> Prescription:
    return Prescription(exercise_id=ex_id, sets=sets, reps=reps, effort=effort, rest_s=rest)


def _timed(ex_id: str, minutes: int, effort: int) -> Prescription:
    return Prescription(exercise_id=ex_id, minutes=minutes, effort=effort, rest_s=0)


def _strength_block(
    ctx: _Context, week: int, template: int, budget: int
) -> tuple[list[Prescription], list[Prescription]]:
    """Main resistance exercises and posture work that fit in ``budget`` minutes.

    Sets drop (never below 1) until at least two main exercises fit with the back-extensor work.
    """
    sets, reps, effort = (GENTLE_DOSES if ctx.gentle else DOSES)[week - 1]
    level = _level(ctx, week)
    slots = STRENGTH_A if template == 0 else STRENGTH_B
    start = _level(ctx, week, by_calendar=False)
    mains = [
        x
        for x in (
            _pick(ctx.chain(c), start if c == BALANCE_DEMANDING_CHAIN else level) for c in slots
        )
        if x
    ]
    back = _pick(ctx.chain(BACK_EXTENSOR), level)
    extra = _pick(ctx.chain(POSTURE_EXTRA[template]), level)
    while True:
        posture_sets = min(sets, 2)
        posture = [_reps(back, posture_sets, POSTURE_REPS, POSTURE_EFFORT, POSTURE_REST_SECONDS)]
        used = sum(prescription_minutes(p) for p in posture)
        chosen: list[Prescription] = []
        for ex_id in mains:
            p = _reps(ex_id, sets, reps, effort)
            if len(chosen) < MAX_MAIN_EXERCISES and used + prescription_minutes(p) <= budget:
                chosen.append(p)
                used += prescription_minutes(p)
        if len(chosen) >= min(MIN_MAIN_EXERCISES, len(mains)) or sets == 1:
            break
        sets -= 1
    if extra:
        p = _reps(extra, posture_sets, POSTURE_REPS, POSTURE_EFFORT, POSTURE_REST_SECONDS)
        if used + prescription_minutes(p) <= budget:
            posture.append(p)
    return chosen, posture


def _impact(ctx: _Context, week: int) -> Prescription | None:
    caps = IMPACT_PHASE_CAP_GENTLE if ctx.gentle else IMPACT_PHASE_CAP
    level = min(ctx.impact_cap, caps[week - 1])
    if level == 0:
        return None
    ex_id = IMPACT_CHAIN[0]  # the starting level; harder impact only after reported steadiness
    phase = PHASES[week - 1]
    sets = 1 if phase in ("learn", LIGHTER_PHASE) else 2
    return _reps(ex_id, sets, IMPACT_REPS, IMPACT_EFFORT[1], IMPACT_REST_SECONDS)


def _balance_block(ctx: _Context, week: int, minutes: int, slot: int) -> list[Prescription]:
    """One or two balance exercises filling ``minutes``; ``slot`` rotates them over the week."""
    level = _level(ctx, week, by_calendar=False)
    picks = [x for x in (_pick(ctx.chain(c), level) for c in BALANCE_CHAINS) if x]
    first = picks[slot % len(picks)]
    if minutes < BALANCE_SPLIT_AT:
        return [_timed(first, minutes, BALANCE_EFFORT)]
    second = picks[(slot + 1) % len(picks)]
    half = minutes // 2
    return [_timed(first, minutes - half, BALANCE_EFFORT), _timed(second, half, BALANCE_EFFORT)]


def _balance_minutes(ctx: _Context, week: int) -> int:
    start = BALANCE_START_FALLS if ctx.falls else BALANCE_START
    weekly = min(BALANCE_GOAL_MIN, start + (week - 1) * BALANCE_STEP)
    share = BALANCE_SHARE_FALLS if ctx.falls else BALANCE_SHARE
    per = math.ceil(weekly / len(ctx.days))
    cap = max(BALANCE_MIN_BLOCK, math.floor(ctx.minutes * share))
    return max(BALANCE_MIN_BLOCK, min(per, cap, BALANCE_MAX_BLOCK))


def _spread(total: int, rooms: Sequence[int]) -> list[int]:
    """Split ``total`` minutes into bouts of >= AEROBIC_MIN_BOUT over sessions with that much room.

    Uses as many sessions as the total allows, the roomiest first, evenly (water-filling), so no
    bout exceeds its session's room. Returns minutes per session (0 = no bout).
    """
    out = [0] * len(rooms)
    fits = sorted((r, i) for i, r in enumerate(rooms) if r >= AEROBIC_MIN_BOUT)
    count = min(len(fits), total // AEROBIC_MIN_BOUT)
    chosen = fits[len(fits) - count :]
    left = total
    for k, (room, i) in enumerate(chosen):
        give = min(room, left // (count - k))
        out[i] = give
        left -= give
    return out


def _aerobic_effort(ctx: _Context, week: int) -> int:
    phase = PHASES[week - 1]
    effort = AEROBIC_EFFORT[phase]
    if ctx.active and not ctx.gentle and phase in ("build 2", "review"):
        effort = AEROBIC_EFFORT_ACTIVE
    if ctx.vertebral_fracture:
        effort = min(effort, VERTEBRAL_FRACTURE_AEROBIC_MAX)
    return effort


def _build_week(
    ctx: _Context,
    week: int,
    aerobic_target: int,
    reserve: Sequence[int] | None = None,
) -> PlanWeek:
    """Lay out one week: strength, impact and balance first, aerobic bouts in the room left.

    ``reserve`` (minutes per session, e.g. the last full week's walks) is kept free before the
    strength, impact and balance blocks are sized, so that the walk is never squeezed out.
    """
    keep = list(reserve) if reserve is not None else [0] * len(ctx.days)
    balance = _balance_minutes(ctx, week)
    if reserve is not None:
        balance = max(BALANCE_MIN_BLOCK, min(balance, ctx.minutes - max(keep)))
    impact = _impact(ctx, week)
    parts: list[dict[str, list[Prescription]]] = []
    rooms: list[int] = []
    for n, day in enumerate(ctx.days):
        part: dict[str, list[Prescription]] = {"impact": [], "main": [], "posture": []}
        used = balance + keep[n]
        if day in ctx.strength_days:
            k = ctx.strength_days.index(day)
            template = (k + (week - 1) * len(ctx.strength_days)) % 2
            share = max(math.ceil(ctx.minutes * RESISTANCE_SHARE), RESISTANCE_BLOCK_MIN)
            budget = min(RESISTANCE_BLOCK_MAX, share, ctx.minutes - balance - keep[n])
            part["main"], part["posture"] = _strength_block(ctx, week, template, budget)
            used += sum(prescription_minutes(p) for p in part["main"] + part["posture"])
        if impact and day in ctx.impact_days and used + prescription_minutes(impact) <= ctx.minutes:
            part["impact"] = [impact]
            used += prescription_minutes(impact)
        part["balance"] = _balance_block(ctx, week, balance, n + week)
        parts.append(part)
        rooms.append(ctx.minutes - used + keep[n])
    bouts = _spread(aerobic_target, rooms)
    effort = _aerobic_effort(ctx, week)
    rotation = ctx.chain(AEROBIC_ROTATION)
    sessions = []
    k = 0
    for n, (day, part, room, bout) in enumerate(zip(ctx.days, parts, rooms, bouts, strict=True)):
        aerobic = []
        if bout:
            aerobic = [_timed(rotation[(k + week - 1) % len(rotation)], bout, effort)]
            k += 1
        flex = []
        if room - bout >= FLEX_MINUTES:
            flex = [
                _timed(FLEX_ROTATION[(n + week) % len(FLEX_ROTATION)], FLEX_MINUTES, FLEX_EFFORT)
            ]
        items = aerobic + part["impact"] + part["main"] + part["posture"] + part["balance"] + flex
        kind = "strength" if part["main"] else "aerobic" if aerobic else "balance"
        sessions.append(PlanSession(day=day, kind=kind, prescriptions=tuple(items)))
    return PlanWeek(week=week, phase=PHASES[week - 1], sessions=tuple(sessions))


def _aerobic(week: PlanWeek) -> int:
    return weekly_minutes(week)["aerobic_min"]


def _bouts(week: PlanWeek) -> list[int]:
    """Aerobic minutes of each session of a week."""
    return [session_minutes(s)["aerobic_min"] for s in week.sessions]


def _weeks(ctx: _Context) -> list[PlanWeek]:
    """All weeks, each week's aerobic target limited by the previous weeks' actual minutes.

    Outside the lighter weeks, aerobic minutes never fall: when a week's growing balance block
    would squeeze the walk below the last full week's, the balance block stays as it was.
    """
    weeks: list[PlanWeek] = []
    last_full: PlanWeek | None = None
    for w in range(1, PLAN_WEEKS + 1):
        phase = PHASES[w - 1]
        if w == 1:
            target = ctx.aerobic_start
        elif phase == LIGHTER_PHASE:
            target = math.floor(_aerobic(weeks[-1]) * LIGHTER_WEEK_FACTOR)
        elif PHASES[w - 2] == LIGHTER_PHASE:
            target = max_next_aerobic(_aerobic(weeks[-2]))
        else:
            target = max_next_aerobic(_aerobic(weeks[-1]))
        week = _build_week(ctx, w, min(target, AEROBIC_GOAL_MIN))
        if phase != LIGHTER_PHASE and last_full is not None:
            floor = _aerobic(last_full)
            if _aerobic(week) < floor:  # keep last full week's walks free, size the rest
                held = _build_week(
                    ctx, w, min(max(target, floor), AEROBIC_GOAL_MIN), _bouts(last_full)
                )
                if _aerobic(held) > _aerobic(week):
                    week = held
        if phase != LIGHTER_PHASE:
            last_full = week
        weeks.append(week)
    return weeks


# --------------------------------------------------------------------------- reasons


def _day_list(days: Sequence[str]) -> str:
    names = [DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _reasons(
    ctx: _Context,
    profile: Profile,
    picture: ClinicalPicture,
    why: list[str],
    weeks: list[PlanWeek],
) -> tuple[list[str], list[str]]:
    final = weekly_minutes(weeks[-1])
    aerobic_peak = max(_aerobic(w) for w in weeks)
    reasons = [
        "Twelve weeks: weeks 1-2 learn the movements, 3-5 build, 6 is a lighter week, 7-10 build "
        "further, 11 is lighter again and 12 reviews how far you have come.",
        f"Bone status used: {ctx.bone}, {picture.bone.text}."
        + (
            " A DXA scan result will make the plan more specific; until then impact stays low."
            if ctx.bone == "unknown"
            else ""
        ),
    ]
    if len(ctx.strength_days) >= 2:
        reasons.append(
            f"Strength work on {_day_list(ctx.strength_days)}: two days a week with rest days "
            f"between, {RESISTANCE_REPS[0]}-{RESISTANCE_REPS[1]} repetitions, "
            f"{RESISTANCE_SETS[0]}-{RESISTANCE_SETS[1]} sets, at an effort of about 5-{MAX_EFFORT} "
            "out of 10 (Too Fit To Fracture)."
        )
    else:
        reasons.append(
            "With 1 day a week, strength work is once a week; two non-consecutive days is the "
            "target — add a day when you can."
        )
    reasons += [
        "Posture and back-muscle work in every strength session, for an upright spine.",
        "Balance practice in every session, building toward about 2 hours a week: it does not "
        "build bone, but it lowers the risk of the falls that break bones. Harder balance and "
        "impact versions come only after you mark sessions done feeling steady.",
    ]
    growth = (
        f"by no more than a fifth (or one {AEROBIC_MIN_BOUT}-minute bout) a week, and never less "
        "than the week before except in the lighter weeks 6 and 11"
    )
    if aerobic_peak >= AEROBIC_GOAL_MIN:
        reasons.append(
            f"Weight-bearing aerobic activity such as brisk walking, in bouts of at least "
            f"{AEROBIC_MIN_BOUT} minutes, building toward {AEROBIC_GOAL_MIN} minutes a week "
            f"{growth}; it comes on top of strength and balance, never instead of them."
        )
    elif aerobic_peak > 0:
        reasons.append(
            f"Weight-bearing aerobic activity such as brisk walking, in bouts of at least "
            f"{AEROBIC_MIN_BOUT} minutes, {growth}; it comes on top of strength and balance, "
            "never instead of them."
        )
    if ctx.bone == "osteoporosis":
        reasons.append(
            "No crunches, sit-ups or toe touches, and no twisting with a weight: with "
            "osteoporosis, bending the spine forward or twisting under load raises the risk of a "
            "spine fracture."
        )
    else:
        reasons.append(
            "No crunches, sit-ups or toe touches, and no twisting with a weight: bending the "
            "spine forward or twisting under load strains the vertebrae, and bridges, hip hinges "
            "and back extensors train the same muscles more safely."
        )
    if why:
        reasons.append(
            f"Gentle start because you are {' and '.join(why)}: easier versions and 1 set at "
            "first, building up slowly."
        )
    falls = picture.falls
    if ctx.falls:
        n = ctx.falls
        where = "reported" if not falls.logged else "recorded"
        reasons.append(
            f"You {where} {n} fall{'s' if n > 1 else ''} in the last year: a longer balance block "
            "in every session, versions holding a chair or counter, no stair climbing or step-ups "
            "on a stair, and no exercises on the floor (getting down and up is itself a fall risk)."
        )
        if len(ctx.days) < 7:
            reasons.append(
                "On days without a session, a few minutes of balance practice holding the kitchen "
                "counter helps too."
            )
    if falls.assessment_advised:
        reasons.append(FALLS_ASSESSMENT_TEXT.format(why=" and ".join(falls.assessment_reasons)))
    reasons.append(_impact_reason(ctx))
    reasons.append(
        f"Effort stays at {MAX_EFFORT} out of 10 or below: heavier lifting belongs in a programme "
        "supervised by an exercise professional."
    )
    have = ", ".join(e for e in profile.equipment if e != "none") or "no equipment"
    reasons.append(
        f"Exercises use only what you have ({have}); a sturdy chair or kitchen counter is assumed "
        "in every home."
    )
    sessions = f"{len(ctx.days)} session{'s' if len(ctx.days) > 1 else ''}"
    if aerobic_peak == 0:
        reasons.append(
            f"With {sessions} of {ctx.minutes} minutes a week, strength and balance fill the time "
            f"and leave no room for a {AEROBIC_MIN_BOUT}-minute walk; {AEROBIC_GOAL_MIN} minutes "
            "a week is the target, so walks on other days count too."
        )
    elif aerobic_peak < AEROBIC_GOAL_MIN:
        reasons.append(
            f"With {sessions} of {ctx.minutes} minutes a week, after strength and balance the "
            f"plan reaches {aerobic_peak} minutes of aerobic activity a week at most; "
            f"{AEROBIC_GOAL_MIN} minutes a week is the target, so walks on other days count too."
        )
    if final["balance_min"] < BALANCE_GOAL_MIN:
        reasons.append(
            f"Balance reaches {final['balance_min']} minutes a week in this plan; about 2 hours a "
            "week is the target, and short balance practice on other days counts too."
        )
    notes = [RED_FLAG_NOTE, SPINE_NOTE, JOINT_PAIN_NOTE]
    if ctx.vertebral_fracture:
        notes.append(VERTEBRAL_FRACTURE_NOTE)
    if ctx.bone == "osteoporosis":
        notes.append(OSTEOPOROSIS_NOTE)
    if ctx.falls:
        notes.append(FALLS_NOTE)
    if falls.watch:
        notes.append(FALL_WATCH_TEXT)
    return reasons, notes


def _impact_reason(ctx: _Context) -> str:
    if ctx.vertebral_fracture:
        return "No impact exercises: after a spine fracture, jumping and stomping are left out."
    if ctx.impact_cap == 0 and ctx.bone == "unknown":
        return (
            "No impact exercises yet: without a DXA result, and after falls or from age 75, heel "
            "drops and stomps wait until a scan shows your bones allow them."
        )
    if ctx.impact_cap == 0:
        return (
            "No impact exercises: with osteoporosis, heel drops and stomps are only added with an "
            "exercise professional present."
        )
    if ctx.bone == "osteoporosis":
        return (
            "Low impact only (heel drops and stomps), as you exercise with supervision; with "
            "osteoporosis, jumps are left out."
        )
    if ctx.impact_cap == 1 and ctx.bone == "unknown":
        return (
            "Low impact only (heel drops, stomps once you report feeling steady) a few times a "
            "week: without a DXA result, jumps are left out."
        )
    if ctx.impact_cap == 1:
        return (
            "Low impact (heel drops, stomps once you report feeling steady) a few times a week to "
            "load the hips; jumps are only added with an exercise professional present."
        )
    return (
        "Because you exercise with supervision and your bones allow it, impact can build from "
        "heel drops to small jumps (from week 3) and jump-landing drills (from week 7), one step "
        "at a time after you report feeling steady, only with your exercise professional present."
    )


# --------------------------------------------------------------------------- make_plan


def make_plan(
    profile: Profile,
    history: PlanHistory | None,
    today: date,
    *,
    picture: ClinicalPicture | None = None,
    created: date | None = None,
) -> Plan:
    """A 12-week plan for this profile, starting on the Monday of ``today``'s week.

    Every clinical fact (bone status, falls, age, recent pain) comes from the clinical picture
    of ``today`` (``coach.picture``), built from the history unless given. ``created`` (default
    ``today``) dates the plan: ``coach.coaching`` refits an existing plan to a changed picture.
    Pure and deterministic; see the module docstring for every rule and choice.
    """
    history = history or PlanHistory()
    if picture is None:
        picture = build_picture(
            profile, history.checkins, history.dxa_scans, history.session_logs, today
        )
    created = today if created is None else created
    ctx, why = _context(profile, picture)
    weeks = _weeks(ctx)
    reasons, notes = _reasons(ctx, profile, picture, why, weeks)
    caps = IMPACT_PHASE_CAP_GENTLE if ctx.gentle else IMPACT_PHASE_CAP
    extra: dict[str, Any] = {
        "bone_status": ctx.bone,
        "gentle": ctx.gentle,
        "impact_level": ctx.impact_cap,
        "minutes_per_session": ctx.minutes,
        "days": list(ctx.days),
        "strength_days": list(ctx.strength_days),
        "falls": ctx.falls,
        "vertebral_fracture": ctx.vertebral_fracture,
        "step_ups": _step_ups(ctx),
        "impact_week_caps": [min(ctx.impact_cap, c) for c in caps],
    }
    return Plan(
        created=created,
        start=monday_of(created),
        weeks=tuple(weeks),
        reasons=tuple(reasons),
        safety_notes=tuple(notes),
        profile_key=profile_key(profile),
        extra=extra,
    )


def needs_refit(plan: Plan, profile: Profile, picture: ClinicalPicture) -> bool:
    """Whether the clinical facts the plan was made for (bone status, any falls, a spine
    fracture, the impact level) differ from today's picture. Facts an older plan did not
    record are not compared."""
    ctx, _ = _context(profile, picture)
    now = {
        "bone_status": ctx.bone,
        "falls": bool(ctx.falls),
        "vertebral_fracture": ctx.vertebral_fracture,
        "impact_level": ctx.impact_cap,
    }
    extra = plan.extra
    for key, value in now.items():
        if key not in extra:
            continue
        recorded = bool(extra[key]) if key == "falls" else extra[key]
        if recorded != value:
            return True
    return False


# --------------------------------------------------------------------------- adaptation


def adapt(
    plan: Plan, checkins: Sequence[CheckIn], session_logs: Sequence[SessionLog], today: date
) -> Plan:
    """Adjust the plan to recent pain, red flags and adherence (see ``coach.adapt``)."""
    from coach import adapt as _adapt

    return _adapt.adapt(plan, checkins, session_logs, today)


def resume(plan: Plan, today: date) -> Plan:
    """Resume a paused plan; an explicit step (see ``coach.adapt``)."""
    from coach import adapt as _adapt

    return _adapt.resume(plan, today)
