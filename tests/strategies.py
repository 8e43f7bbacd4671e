"""Hypothesis strategies for valid records, built from the models' own range tables."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from coach.models import (
    ACTIVITY_LEVELS,
    AI_DRUGS,
    AI_MISSED_REASONS,
    BONE_STATUSES,
    CHECKIN_RANGES,
    DXA_SITES,
    EQUIPMENT,
    PROFILE_RANGES,
    RED_FLAGS,
    RISK_FACTORS,
    SMOKER_CHOICES,
    CheckIn,
    DxaScan,
    NumberRange,
    Profile,
)

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


def number(spec: NumberRange) -> st.SearchStrategy[float]:
    if spec.whole:
        return st.integers(int(spec.low), int(spec.high))
    return st.integers(int(spec.low * 10), int(spec.high * 10)).map(lambda n: n / 10)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


@st.composite
def checkins(draw: st.DrawFn, day: st.SearchStrategy[date] = days) -> CheckIn:
    values = {name: draw(optional(number(spec))) for name, spec in CHECKIN_RANGES.items()}
    fall = draw(optional(st.booleans()))
    ai_taken = draw(optional(st.booleans()))
    return CheckIn(
        day=draw(day),
        ai_taken=ai_taken,
        ai_missed_reason=(
            draw(optional(st.sampled_from(list(AI_MISSED_REASONS)))) if ai_taken is False else None
        ),
        smoked=draw(optional(st.booleans())),
        fall=fall,
        fall_injured=draw(optional(st.booleans())) if fall else None,
        red_flags=tuple(draw(st.lists(st.sampled_from(list(RED_FLAGS)), unique=True))),
        note=draw(st.text(max_size=500).filter(lambda t: "\x00" not in t)),
        **values,
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    ai_start = draw(optional(days))
    ai_end = draw(optional(st.dates(min_value=date(2015, 1, 2), max_value=date(2035, 12, 31))))
    if ai_start is not None and ai_end is not None and ai_end <= ai_start:
        ai_end = None
    return Profile(
        name=draw(st.text(max_size=40)),
        birth_year=draw(optional(st.integers(1900, 2000))),  # adults on any test date
        ai_drug=draw(st.sampled_from(AI_DRUGS)),
        ai_start=ai_start,
        ai_end=ai_end,
        smoker=draw(st.sampled_from(SMOKER_CHOICES)),
        activity=draw(st.sampled_from(ACTIVITY_LEVELS)),
        days_per_week=draw(number(PROFILE_RANGES["days_per_week"])),
        minutes_per_session=draw(number(PROFILE_RANGES["minutes_per_session"])),
        equipment=tuple(draw(st.lists(st.sampled_from(EQUIPMENT), min_size=1, unique=True))),
        bone_status=draw(st.sampled_from(BONE_STATUSES)),
        vertebral_fracture=draw(st.booleans()),
        falls_last_year=draw(number(PROFILE_RANGES["falls_last_year"])),
        supervised=draw(st.booleans()),
        risk_factors=tuple(draw(st.lists(st.sampled_from(list(RISK_FACTORS)), unique=True))),
        weight_kg=draw(optional(number(PROFILE_RANGES["weight_kg"]))),
    )


dxa_scans = st.builds(
    DxaScan,
    day=days,
    site=st.sampled_from(DXA_SITES),
    t_score=st.integers(-60, 40).map(lambda n: n / 10),
)
