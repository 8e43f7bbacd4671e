"""The guided session's state machine (coach.guided) and how its answers feed the plan."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.adapt import adapt
from coach.exercises import EXERCISES, get_exercise
from coach.guided import (
    DEFAULT_HOLD_SECONDS,
    Countdown,
    GuidedSession,
    hold_seconds,
    progress_bar,
)
from coach.models import SKIP_REASONS, Profile, SessionLog, ValidationError
from coach.picture import build_picture
from coach.plan_view import session_date, session_id
from coach.planner import make_plan
from coach.sessions import add_to_checkin, due_today, log_for, session_on

TODAY = date(2026, 11, 26)  # a Thursday
PROFILE = Profile(birth_year=1958, days_per_week=7, equipment=("none", "chair", "band"))


@pytest.fixture(scope="module")
def plan():
    return make_plan(PROFILE, None, TODAY)


def _guided(plan, day: date = TODAY) -> GuidedSession:
    week, session = session_on(plan, day)
    return GuidedSession(plan, week, session, day)


# --------------------------------------------------------------------------- countdowns


def test_a_countdown_counts_clock_time_not_ticks() -> None:
    c = Countdown("hold", 30, started=100.0)
    assert c.seconds_left(100.0) == 30
    assert c.seconds_left(100.1) == 30  # rounded up: "0" only at the very end
    assert c.seconds_left(129.5) == 1
    assert not c.finished(129.99)
    assert c.finished(130.0) and c.seconds_left(130.0) == 0
    assert c.seconds_left(10_000.0) == 0  # a suspended terminal: over, never negative


def test_pause_stops_the_time_and_resume_goes_on_from_there() -> None:
    c = Countdown("rest", 60, started=0.0)
    c.pause(10.0)
    assert c.left(10.0) == c.left(500.0) == 50  # paused: time stands still
    c.resume(500.0)
    assert c.left(505.0) == 45
    c.pause(505.0)
    c.pause(900.0)  # a second pause changes nothing
    assert c.left(900.0) == 45


@given(
    length=st.integers(1, 3600),
    steps=st.lists(st.tuples(st.floats(0, 100, allow_nan=False), st.booleans()), max_size=30),
)
def test_countdown_time_run_is_exactly_the_unpaused_clock_time(length, steps) -> None:
    """Whatever the pauses and however uneven the looks at the clock: elapsed = unpaused time."""
    now = 1000.0
    c = Countdown("hold", float(length), started=now)
    running_time = 0.0
    for gap, toggle in steps:
        if not c.paused:
            running_time += gap
        now += gap
        assert c.elapsed(now) == pytest.approx(min(length, running_time), abs=1e-6)
        assert 0 <= c.seconds_left(now) <= length
        assert 0.0 <= c.fraction(now) <= 1.0
        if toggle:
            c.resume(now) if c.paused else c.pause(now)


@given(st.floats(-1, 2, allow_nan=False), st.integers(1, 80))
def test_progress_bar_is_full_and_empty_cells_not_colour(fraction, width) -> None:
    bar = progress_bar(fraction, width)
    assert len(bar) == width and set(bar) <= {"█", "░"}
    assert bar.count("█") == int(min(1, max(0, fraction)) * width + 1e-9)


def test_holds_come_from_the_how_to_text() -> None:
    assert hold_seconds(get_exercise("single-leg-stance")) == 30
    assert hold_seconds(get_exercise("single-leg-stance-supported")) == DEFAULT_HOLD_SECONDS
    assert hold_seconds(get_exercise("chin-tuck")) == 3
    assert hold_seconds(get_exercise("heel-raise")) is None  # "Hold a counter": a grip
    assert hold_seconds(get_exercise("bodyweight-squat")) is None
    for ex in EXERCISES:  # every "hold for N seconds" in the library is timed as written
        if "hold for" in ex.how_to.lower() and "seconds" in ex.how_to.lower():
            assert hold_seconds(ex) is not None, ex.id


def test_easier_variants_keep_the_category_and_no_unsafe_tag() -> None:
    """Switching to the easier variant never swaps in something a plan would leave out."""
    for ex in EXERCISES:
        if ex.easier:
            easier = get_exercise(ex.easier)
            assert easier.category == ex.category
            assert not easier.tags & {"spinal_flexion", "loaded_twisting", "supervised_only"}


# --------------------------------------------------------------------------- the session


def test_sets_holds_rests_and_the_full_log_match_marking_done(plan) -> None:
    g = _guided(plan)
    for item in g.items:
        while not item.done:
            assert g.count_set()
        assert not g.count_set()  # no more than the plan's sets
        g.move(1)
    assert g.all_settled and g.anything_done
    log = g.to_log(5, 1, "good", True)
    week, session = session_on(plan, TODAY)
    marked = log_for(plan, week, session, TODAY, 5, 1, "good", True)
    for name in ("aerobic_min", "resistance_min", "balance_min", "exercises", "session_id"):
        assert getattr(log, name) == getattr(marked, name)
    assert not log.partial and log.skipped == {} and log.easier == {}


def test_a_hold_counts_when_it_ends_and_pause_holds_it(plan) -> None:
    g = _guided(plan)
    index = next(i for i, it in enumerate(g.items) if it.hold_length() is not None)
    g.move(index)
    item = g.current
    kind, seconds = item.hold_length()
    assert g.start_hold(0.0).kind == kind
    assert g.running(1.0)
    assert g.toggle_pause(5.0) is True
    assert g.tick(seconds + 100.0) is None  # paused: the hold has not run out
    assert not g.running(seconds + 100.0)
    assert g.toggle_pause(seconds + 100.0) is False
    assert g.tick(seconds + 100.0 + seconds - 5.0 - 0.01) is None
    ended = g.tick(seconds + 100.0 + seconds - 5.0)
    assert ended is not None and g.countdown is None
    assert item.holds_done == 1 if kind == "hold" else item.done


def test_a_rest_has_a_length_even_when_none_is_written(plan) -> None:
    g = _guided(plan)
    g.current.planned = dataclasses.replace(g.current.planned, rest_s=0)
    assert g.start_rest(0.0).length == 60
    assert g.tick(59.9) is None and g.tick(60.0).kind == "rest"


def test_repetitions_have_no_hold(plan) -> None:
    g = _guided(plan)
    reps = next(i for i, it in enumerate(g.items) if it.hold_length() is None)
    g.move(reps)
    assert g.start_hold(0.0) is None and g.countdown is None


def test_moving_on_stops_a_countdown(plan) -> None:
    g = _guided(plan)
    g.start_rest(0.0)
    assert g.move(1) and g.countdown is None
    assert not g.move(-5) and g.index == 1
    assert g.move(-1) and not g.move(-1) and g.index == 0


def test_skip_easier_and_partial_go_into_the_one_log(plan) -> None:
    g = _guided(plan)
    with pytest.raises(ValueError):
        g.skip("bored")
    g.skip("hurt")
    g.move(1)
    switchable = next(i for i, it in enumerate(g.items) if it.exercise.easier)
    g.index = switchable
    planned = g.current.planned.exercise_id
    easier = g.use_easier()
    assert easier == get_exercise(get_exercise(planned).easier).name
    g.count_set()
    log = g.to_log(4, 6)
    assert log.partial  # others neither done nor skipped
    assert log.skipped == {g.items[0].planned.exercise_id: "hurt"}
    assert log.easier == {planned: get_exercise(planned).easier}
    assert log.exercises == (get_exercise(planned).easier,)
    assert SessionLog.from_dict(log.to_dict()) == log  # stored and read back unchanged


def test_minutes_count_only_what_was_done(plan) -> None:
    g = _guided(plan)
    assert g.minutes() == {"aerobic_min": 0, "resistance_min": 0, "balance_min": 0}
    reps = next(
        i
        for i, it in enumerate(g.items)
        if it.planned.reps and it.exercise.category == "resistance"
    )
    item = g.items[reps]
    item.planned = dataclasses.replace(item.planned, sets=3)
    g.index = reps
    g.count_set()
    one = g.minutes()["resistance_min"]
    g.count_set()
    g.count_set()
    three = g.minutes()["resistance_min"]
    assert 0 < one < three  # a third of the sets: about a third of the minutes (rounded up)
    g.skip("no-time")
    assert g.minutes()["resistance_min"] == 0  # skipped: no minutes
    full = _guided(plan)
    for it in full.items:
        it.sets_done = it.sets_target
    assert full.minutes() == {
        k: v
        for k, v in log_for(plan, full.week, full.session, TODAY, 5, 1).to_dict().items()
        if k in full.minutes()
    }


def test_steady_is_asked_only_after_balance_or_impact(plan) -> None:
    g = _guided(plan)
    for i, item in enumerate(g.items):
        if item.exercise.category not in ("balance", "impact"):
            g.index = i
            g.count_set()
    assert not g.asks_steady() and g.to_log(3, 0, steady=True).steady is None
    balance = next(i for i, it in enumerate(g.items) if it.exercise.category == "balance")
    g.index = balance
    g.count_set()
    assert g.asks_steady() and g.to_log(3, 0, steady=False).steady is False


OPS = st.lists(
    st.one_of(
        st.just(("set",)),
        st.just(("unset",)),
        st.just(("hold",)),
        st.just(("rest",)),
        st.just(("pause",)),
        st.just(("easier",)),
        st.tuples(st.just("skip"), st.sampled_from(sorted(SKIP_REASONS))),
        st.tuples(st.just("move"), st.sampled_from([-1, 1])),
        st.tuples(st.just("wait"), st.floats(0, 200, allow_nan=False)),
    ),
    max_size=60,
)


@given(OPS)
def test_any_key_sequence_gives_a_valid_log(ops) -> None:
    """Whatever is pressed in whatever order: the state stays sound and the log validates."""
    plan = make_plan(PROFILE, None, TODAY)
    g = _guided(plan)
    now = 0.0
    for op in ops:
        if op[0] == "set":
            g.count_set()
        elif op[0] == "unset":
            g.uncount_set()
        elif op[0] == "hold":
            g.start_hold(now)
        elif op[0] == "rest":
            g.start_rest(now)
        elif op[0] == "pause":
            g.toggle_pause(now)
        elif op[0] == "easier":
            g.use_easier()
        elif op[0] == "skip":
            g.skip(op[1])
        elif op[0] == "move":
            g.move(op[1])
        else:
            now += op[1]
            g.tick(now)
        assert 0 <= g.index < len(g.items)
        for item in g.items:
            assert 0 <= item.sets_done <= item.sets_target
            assert item.done + (item.skipped is not None) <= 1
        if g.countdown is not None:
            assert 0 <= g.countdown.seconds_left(now) <= g.countdown.length
    log = g.to_log(5, 2, steady=True)
    again = SessionLog.from_dict(log.to_dict())
    assert again == log
    assert log.partial == (not g.all_settled)
    assert log.minutes <= log_for(plan, g.week, g.session, TODAY, 5, 2).minutes


def test_session_log_fields_are_validated() -> None:
    with pytest.raises(ValidationError, match="skipped"):
        SessionLog(TODAY, "w1-thu", skipped={"squat": "bored"})
    with pytest.raises(ValidationError, match="partial"):
        SessionLog.from_dict({"day": "2026-11-26", "session_id": "w1-thu", "partial": "yes"})
    with pytest.raises(ValidationError, match="easier"):
        SessionLog.from_dict({"day": "2026-11-26", "session_id": "w1-thu", "easier": ["x"]})
    old = SessionLog.from_dict({"day": "2026-11-26", "session_id": "w1-thu"})  # older files
    assert not old.partial and old.skipped == {} and old.easier == {}


def test_due_today_is_the_session_not_yet_logged(plan) -> None:
    found = due_today(plan, [], TODAY)
    assert found == session_on(plan, TODAY)
    log = SessionLog(TODAY, session_id(*found))
    assert due_today(plan, [log], TODAY) is None
    assert due_today(dataclasses.replace(plan, status="paused"), [], TODAY) is None


def test_a_guided_session_counts_minutes_once_with_the_checkin(plan) -> None:
    from coach.models import CheckIn

    g = _guided(plan)
    for item in g.items:
        item.sets_done = item.sets_target
    log = g.to_log(5, 1)
    walked = CheckIn(TODAY, aerobic_min=10)
    day = add_to_checkin(walked, log)
    assert day.aerobic_min == max(10, log.aerobic_min)
    assert add_to_checkin(day, log) == day  # saving the same session again adds nothing


# --------------------------------------------------------------------------- feeding the plan

MADE = date(2026, 11, 2)  # a Monday
NOW = date(2026, 11, 26)  # week 4: the coming week is 5


@pytest.fixture(scope="module")
def plan3():
    profile = Profile(birth_year=1958, days_per_week=3, equipment=("none", "chair", "band"))
    return make_plan(profile, None, MADE)


def _log(plan, week: int, index: int = 0, **fields) -> SessionLog:
    s = plan.weeks[week - 1].sessions[index]
    return SessionLog(
        day=session_date(plan, week, s.day),
        session_id=session_id(plan.weeks[week - 1], s),
        **fields,
    )


def _ids(plan, weeks) -> set[str]:
    return {
        p.exercise_id for w in weeks for s in plan.weeks[w - 1].sessions for p in s.prescriptions
    }


def test_pain_during_a_session_eases_the_coming_week(plan3) -> None:
    calm = adapt(plan3, [], [_log(plan3, 4, pain_during=3)], NOW)
    assert not [a for a in calm.adaptations if a.kind == "ease"]
    hurt = adapt(plan3, [], [_log(plan3, 4, pain_during=8)], NOW)
    (ease,) = [a for a in hurt.adaptations if a.kind == "ease"]
    assert ease.week == 5 and "joint pain 8/10 during the session" in ease.reason
    assert adapt(hurt, [], [_log(plan3, 4, pain_during=8)], NOW) == hurt  # idempotent
    later = NOW + timedelta(days=7)
    assert not [
        a
        for a in adapt(hurt, [], [_log(plan3, 4, pain_during=8)], later).adaptations
        if a.kind == "ease" and a.week == 6
    ]  # the same session does not ease a second week


def test_a_skip_because_it_hurt_eases_the_coming_week(plan3) -> None:
    first = plan3.weeks[3].sessions[0].prescriptions[0].exercise_id
    adapted = adapt(plan3, [], [_log(plan3, 4, skipped={first: "hurt"})], NOW)
    (ease,) = [a for a in adapted.adaptations if a.kind == "ease"]
    assert "skipped because it hurt" in ease.reason and get_exercise(first).name in ease.reason
    picture = build_picture(None, [], [], [_log(plan3, 4, skipped={first: "hurt"})], NOW)
    assert picture.session_strain and picture.session_strain[0][0] <= NOW


def test_too_hard_brings_the_easier_variant_from_the_coming_week(plan3) -> None:
    harder = next(
        p.exercise_id
        for s in plan3.weeks[4].sessions
        for p in s.prescriptions
        if get_exercise(p.exercise_id).easier and p.exercise_id in _ids(plan3, [4])
    )
    easier = get_exercise(harder).easier
    adapted = adapt(plan3, [], [_log(plan3, 4, skipped={harder: "too-hard"})], NOW)
    (event,) = [a for a in adapted.adaptations if a.kind == "easier"]
    assert event.week == 5 and get_exercise(easier).name in event.reason
    assert harder not in _ids(adapted, range(5, 13)) and easier in _ids(adapted, range(5, 13))
    assert _ids(adapted, range(1, 5)) == _ids(plan3, range(1, 5))  # the past is kept
    assert adapt(adapted, [], [_log(plan3, 4, skipped={harder: "too-hard"})], NOW) == adapted
    switched = adapt(plan3, [], [_log(plan3, 4, easier={harder: easier})], NOW)
    assert harder not in _ids(switched, range(5, 13))
    # a hand-edited file naming a harder or unknown "easier" variant changes nothing
    forged = adapt(plan3, [], [_log(plan3, 4, easier={easier: harder})], NOW)
    assert not [a for a in forged.adaptations if a.kind == "easier"]
    unknown = adapt(plan3, [], [_log(plan3, 4, easier={harder: "no-such"})], NOW)
    assert not [a for a in unknown.adaptations if a.kind == "easier"]


def test_not_steady_in_a_guided_session_holds_balance_progression(plan3) -> None:
    steady = [_log(plan3, 3, i, steady=True) for i in range(3)]
    stepped = adapt(plan3, [], steady, NOW)
    assert [a for a in stepped.adaptations if a.kind == "step up"]
    wobbly = [*steady, _log(plan3, 4, 0, steady=False, partial=True)]
    held = adapt(plan3, [], wobbly, NOW)
    assert not [a for a in held.adaptations if a.kind == "step up"]
