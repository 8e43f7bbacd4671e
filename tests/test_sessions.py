"""Marking a session done: the log, the minutes added to the check-in, and the week glance."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.models import CheckIn, Profile, SessionLog
from coach.plan_view import session_id, session_minutes
from coach.planner import make_plan
from coach.sessions import (
    add_to_checkin,
    find_log,
    log_for,
    minutes_counted,
    session_on,
    week_days,
)

TODAY = date(2026, 11, 26)  # a Thursday
PROFILE = Profile(birth_year=1958, days_per_week=3, equipment=("none", "chair", "band"))


@pytest.fixture
def plan():
    return make_plan(PROFILE, None, TODAY)


def _wednesday(plan):
    found = session_on(plan, TODAY - timedelta(days=1))
    assert found is not None
    return found


def test_log_for_uses_the_plans_minutes_and_exercises(plan) -> None:
    week, session = _wednesday(plan)
    log = log_for(plan, week, session, TODAY - timedelta(days=1), 6, 2, "felt good")
    minutes = session_minutes(session)
    assert log.session_id == session_id(week, session) == "w1-wed"
    assert (log.aerobic_min, log.resistance_min, log.balance_min) == (
        minutes["aerobic_min"],
        minutes["resistance_min"],
        minutes["balance_min"],
    )
    assert log.minutes > 0
    assert log.exercises == tuple(p.exercise_id for p in session.prescriptions)
    assert (log.effort, log.pain_during, log.note) == (6, 2, "felt good")
    assert log.key == "2026-11-25/w1-wed"


def test_log_for_refuses_a_session_of_another_plan(plan) -> None:
    other = make_plan(dataclasses.replace(PROFILE, days_per_week=7), None, TODAY)
    week, session = session_on(other, TODAY)
    with pytest.raises(ValueError, match="not part of this plan"):
        log_for(plan, week, session, TODAY, 5, 0)


def _log(**minutes: int) -> SessionLog:
    return SessionLog(day=TODAY, session_id="w1-thu", **minutes)


def test_add_to_no_checkin_starts_one() -> None:
    checkin = add_to_checkin(None, _log(aerobic_min=20, resistance_min=10))
    assert checkin.day == TODAY
    assert (checkin.aerobic_min, checkin.resistance_min) == (20, 10)
    assert checkin.balance_min is None  # nothing of that kind: still "not recorded"
    assert checkin.pain is None


def test_add_keeps_other_fields_and_counts_each_kind_once() -> None:
    existing = CheckIn(TODAY, pain=3, aerobic_min=15, balance_min=None, note="walked the dog")
    checkin = add_to_checkin(existing, _log(aerobic_min=20, balance_min=5))
    assert (checkin.aerobic_min, checkin.balance_min, checkin.resistance_min) == (20, 5, None)
    assert (checkin.pain, checkin.note) == (3, "walked the dog")


def test_a_walk_already_logged_is_not_counted_again() -> None:
    """Issue 11: 45 minutes logged, then the 24-minute session marked done, showed 69."""
    logged = CheckIn(TODAY, aerobic_min=45, resistance_min=None)
    checkin = add_to_checkin(logged, _log(aerobic_min=24, resistance_min=10))
    assert (checkin.aerobic_min, checkin.resistance_min) == (45, 10)
    assert minutes_counted(logged, checkin) == (
        "walking 45 min (already counted: kept), strength 10 min (from the session)"
    )


def test_marking_twice_does_not_double_count() -> None:
    first = _log(aerobic_min=20, resistance_min=10, balance_min=5)
    once = add_to_checkin(CheckIn(TODAY, aerobic_min=15), first)
    assert (once.aerobic_min, once.resistance_min, once.balance_min) == (20, 10, 5)
    again = dataclasses.replace(first, effort=7)
    twice = add_to_checkin(once, again)
    assert twice == once


@given(
    logged=st.none() | st.integers(0, 600),
    session=st.integers(0, 240),
    times=st.integers(1, 4),
)
def test_minutes_never_exceed_the_larger_of_logged_and_session(
    logged: int | None, session: int, times: int
) -> None:
    checkin = CheckIn(TODAY, aerobic_min=logged)
    for _ in range(times):
        checkin = add_to_checkin(checkin, _log(aerobic_min=session))
    expected = max(logged or 0, session) if session else logged
    assert checkin.aerobic_min == expected


def test_add_refuses_another_day() -> None:
    with pytest.raises(ValueError):
        add_to_checkin(CheckIn(TODAY - timedelta(days=1)), _log(aerobic_min=5))


def test_session_on_and_week_days(plan) -> None:
    assert session_on(plan, TODAY) is None  # 3 days a week: Mon, Wed, Fri; today is Thursday
    assert session_on(plan, plan.start - timedelta(days=1)) is None
    week, session = _wednesday(plan)
    log = log_for(plan, week, session, TODAY - timedelta(days=1), 5, 1)
    old_plan_log = SessionLog(day=TODAY - timedelta(days=80), session_id="w1-mon", aerobic_min=5)
    days = week_days(plan, 1, [log, old_plan_log], TODAY)
    assert [d.day.strftime("%a") for d in days] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert [d.state for d in days] == [
        "before",  # Monday: the plan was made on Thursday
        "rest",
        "done",
        "rest",
        "to do",
        "rest",
        "rest",
    ]
    assert days[2].log == log and days[2].minutes > 0
    later = week_days(plan, 1, [], TODAY + timedelta(days=2))
    assert [d.state for d in later][2:5] == ["before", "rest", "not done"]  # Fri: missed
    assert find_log([log], log.day, "w1-wed") == log
    assert find_log([log], TODAY, "w1-wed") is None
