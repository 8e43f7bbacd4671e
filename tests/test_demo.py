"""coach.demo: a deterministic synthetic patient whose story holds up (and is all valid data)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from coach import trends
from coach.demo import DEMO_NAME, DemoData, demo_summary, filler, make_demo
from coach.models import CheckIn, DxaScan, Plan, Profile, SessionLog
from coach.plan_view import session_date, session_id, session_minutes
from store.db import Store, write_new_store

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return make_demo(365, 1, today=TODAY)


def test_same_inputs_give_equal_data() -> None:
    assert make_demo(120, 7, today=TODAY) == make_demo(120, 7, today=TODAY)


def test_different_seeds_differ() -> None:
    a, b = make_demo(120, 1, today=TODAY), make_demo(120, 2, today=TODAY)
    assert a.checkins != b.checkins
    assert a.profile == b.profile  # the person is the same; her days differ


def test_every_record_validates(demo: DemoData) -> None:
    assert Profile.from_dict(demo.profile.to_dict()) == demo.profile
    for checkin in demo.checkins:
        assert CheckIn.from_dict(checkin.to_dict()) == checkin
    for scan in demo.dxa_scans:
        assert DxaScan.from_dict(scan.to_dict()) == scan
    for log in demo.session_logs:
        assert SessionLog.from_dict(log.to_dict()) == log
    for plan in (*demo.past_plans, demo.plan):
        assert Plan.from_dict(plan.to_dict()) == plan
    assert len({c.day for c in demo.checkins}) == len(demo.checkins)  # one per day
    assert all(demo.profile.ai_start <= c.day < TODAY for c in demo.checkins)


def test_synthetic_identity(demo: DemoData) -> None:
    assert demo.profile.name == DEMO_NAME and "synthetic" in demo.profile.name.lower()
    assert demo.profile.ai_drug == "anastrozole"
    assert demo.profile.ai_start == TODAY - timedelta(days=365)


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def test_joint_pain_flares_then_eases(demo: DemoData) -> None:
    start = demo.profile.ai_start
    flare = [
        c.pain for c in demo.checkins if 42 <= (c.day - start).days < 70 and c.pain is not None
    ]
    last = [c.pain for c in demo.checkins if (TODAY - c.day).days <= 28 and c.pain is not None]
    assert min(flare) >= 6 and max(flare) <= 8
    assert _mean(flare) >= 6.5
    assert _mean(flare) > _mean(last) + 2.5


def test_exercise_rises_toward_150_a_week(demo: DemoData) -> None:
    start = demo.profile.ai_start
    series = trends.weekly_series(
        "aerobic_min", demo.checkins, demo.session_logs, start, TODAY - timedelta(days=1)
    )
    full = [p.value for p in series.points if p.span == 7 and p.value is not None]
    assert _mean(full[:3]) < 60
    assert 100 <= _mean(full[-12:]) <= 200


def test_about_one_day_in_ten_is_missed_some_in_runs(demo: DemoData) -> None:
    days = {c.day for c in demo.checkins}
    missed = [demo.profile.ai_start + timedelta(days=i) for i in range(365)]
    missed = [d for d in missed if d not in days]
    assert 0.05 <= len(missed) / 365 <= 0.15
    longest = run = 1
    for a, b in pairwise(missed):
        run = run + 1 if (b - a).days == 1 else 1
        longest = max(longest, run)
    assert longest >= 3


def test_adherence_about_ninety_percent_with_a_dip(demo: DemoData) -> None:
    start = demo.profile.ai_start
    answered = [c for c in demo.checkins if c.ai_taken is not None]
    overall = sum(c.ai_taken for c in answered) / len(answered)
    dip = [c.ai_taken for c in answered if 56 <= (c.day - start).days < 84]
    assert 0.85 <= overall <= 0.96
    assert sum(dip) / len(dip) < overall


def test_one_fall_with_a_minor_injury_pauses_then_resumes_the_plan(demo: DemoData) -> None:
    falls = [c for c in demo.checkins if c.fall]
    assert len(falls) == 1
    fall = falls[0]
    assert fall.fall_injured is True and "Tripped" in fall.note
    kinds = [(a.kind, a.day) for a in demo.plan.adaptations]
    pause = next(d for k, d in kinds if k == "pause")
    resumed = next(d for k, d in kinds if k == "resume")
    assert pause == fall.day + timedelta(days=1)
    assert pause < resumed < TODAY
    assert demo.plan.status == "active"


def test_calcium_and_vitamin_d_around_targets(demo: DemoData) -> None:
    start = demo.profile.ai_start
    later = [c for c in demo.checkins if (c.day - start).days >= 21 and c.calcium_total_mg]
    calcium = _mean([c.calcium_total_mg for c in later])
    vitamin_d = _mean([c.vitamin_d_iu for c in later if c.vitamin_d_iu is not None])
    assert 1000 <= calcium <= 1450
    assert 700 <= vitamin_d <= 1000
    assert max(c.calcium_total_mg for c in later) <= 2000  # never above the upper limit


def test_two_dxa_visits_about_a_year_apart(demo: DemoData) -> None:
    visits: dict[date, dict[str, float]] = {}
    for scan in demo.dxa_scans:
        visits.setdefault(scan.day, {})[scan.site] = scan.t_score
    first, second = sorted(visits)
    assert 330 <= (second - first).days <= 400
    assert (
        set(visits[first])
        == set(visits[second])
        == {
            "lumbar_spine",
            "total_hip",
            "femoral_neck",
        }
    )
    assert min(visits[first].values()) == -1.8
    assert min(visits[second].values()) == -2.0


def _plan_on(demo: DemoData, day: date) -> Plan:
    plans = sorted((*demo.past_plans, demo.plan), key=lambda p: p.created)
    return [p for p in plans if p.created <= day][-1]


def test_session_logs_match_the_plan_sessions_of_their_day(demo: DemoData) -> None:
    assert len(demo.session_logs) > 100
    for log in demo.session_logs:
        plan = _plan_on(demo, log.day)
        match = [
            (session_id(week, s), session_minutes(s))
            for week in plan.weeks
            for s in week.sessions
            if session_date(plan, week.week, s.day) == log.day
        ]
        assert len(match) == 1, log
        sid, minutes = match[0]
        assert log.session_id == sid
        assert (log.aerobic_min, log.resistance_min, log.balance_min) == (
            minutes["aerobic_min"],
            minutes["resistance_min"],
            minutes["balance_min"],
        )
    checked = {c.day: c for c in demo.checkins}
    for log in demo.session_logs:  # the check-in counts the session's minutes too
        c = checked[log.day]
        if c.aerobic_min is not None:
            assert c.aerobic_min >= log.aerobic_min


def test_the_current_plan_has_real_dated_adaptations(demo: DemoData) -> None:
    plan = demo.plan
    assert plan.created <= TODAY < plan.start + timedelta(weeks=12)
    assert {"pause", "resume"} <= {a.kind for a in plan.adaptations}
    assert all(plan.created <= a.day <= TODAY and a.reason for a in plan.adaptations)
    earlier = [a.kind for p in demo.past_plans for a in p.adaptations]
    assert "ease" in earlier  # the first plan eased off for the joint-pain flare


@pytest.mark.parametrize("days", [1, 2, 30, 3650, 10950])
def test_day_bounds_work(days: int) -> None:
    demo = make_demo(days, 3, today=TODAY)
    assert demo.profile.ai_start == TODAY - timedelta(days=days)
    assert demo.checkins and demo.dxa_scans and demo.plan is not None
    assert all(c.day < TODAY for c in demo.checkins)
    assert all(s.day <= TODAY for s in demo.dxa_scans)


@pytest.mark.parametrize("days", [0, 10951, -5])
def test_days_out_of_range_are_refused_clearly(days: int) -> None:
    with pytest.raises(ValueError, match="days must be a whole number from 1 to 10950"):
        make_demo(days, 1, today=TODAY)


def test_summary_is_one_line(demo: DemoData) -> None:
    text = demo_summary(demo)
    assert "\n" not in text
    assert DEMO_NAME in text and "365 days" in text and "plan week" in text


def test_fill_store_writes_everything_in_one_go(demo: DemoData, tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    write_new_store(path, filler(demo))
    with Store.open(path, read_only=True) as store:
        assert store.get_profile() == demo.profile
        assert list(store.checkins()) == list(demo.checkins)
        assert len(store.dxa_scans()) == len(demo.dxa_scans)
        assert len(store.session_logs()) == len(demo.session_logs)
        assert store.get_plan() == demo.plan
