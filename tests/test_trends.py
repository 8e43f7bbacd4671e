"""coach.trends aggregation, summaries and sparklines; screens.widgets.plot drawing."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import checkins

from coach import trends
from coach.models import CheckIn, DxaScan, SessionLog
from coach.trends import (
    METRICS,
    Point,
    Series,
    combined_pain_exercise,
    daily_series,
    rebin,
    series_for_range,
    sparkline,
    summary,
    t_score_series,
    t_score_sites,
    weekly_series,
)
from screens.widgets import plot as plotmod

ROOT = Path(__file__).resolve().parent.parent
MON = date(2025, 3, 3)  # a Monday


def days(start: date, n: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


def ci(day: date, **fields: object) -> CheckIn:
    return CheckIn(day=day, **fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- gaps


def test_missing_days_are_none_never_zero() -> None:
    checkins = [ci(MON, pain=2), ci(MON + timedelta(days=2), pain=0)]
    s = daily_series("pain", checkins, [], MON, MON + timedelta(days=3))
    assert s.values == [2.0, None, 0.0, None]
    assert [p.days for p in s.points] == [1, 0, 1, 0]
    assert s.bucket == "day"


def test_a_checkin_without_the_field_is_a_gap() -> None:
    s = daily_series("pain", [ci(MON, mood=3)], [], MON, MON)
    assert s.values == [None]


def test_week_without_data_is_none() -> None:
    checkins = [ci(MON, pain=4), ci(MON + timedelta(days=14), pain=2)]
    s = weekly_series("pain", checkins, [], MON, MON + timedelta(days=20))
    assert s.values == [4.0, None, 2.0]
    assert s.points[1].days == 0
    assert s.points[1].span == 7


def test_minutes_week_without_data_is_none_not_zero() -> None:
    checkins = [ci(MON, aerobic_min=30)]
    s = weekly_series("aerobic_min", checkins, [], MON, MON + timedelta(days=13))
    assert s.values == [30.0, None]


def test_recorded_zero_minutes_is_zero() -> None:
    s = weekly_series("aerobic_min", [ci(MON, aerobic_min=0)], [], MON, MON + timedelta(days=6))
    assert s.values == [0.0]
    assert s.points[0].days == 1


def test_week_with_two_days_averages_those_two() -> None:
    checkins = [ci(MON, pain=2), ci(MON + timedelta(days=4), pain=5)]
    s = weekly_series("pain", checkins, [], MON, MON + timedelta(days=6))
    assert s.values == [3.5]
    assert s.points[0].days == 2


def test_partial_week_minutes_are_not_scaled() -> None:
    checkins = [ci(d, aerobic_min=20) for d in days(MON, 3)]
    s = weekly_series("aerobic_min", checkins, [], MON, MON + timedelta(days=6))
    assert s.values == [60.0]  # 3 recorded days, not scaled to 7
    assert (s.points[0].days, s.points[0].span) == (3, 7)


def test_pain_max_is_the_highest_of_the_week() -> None:
    checkins = [ci(d, pain=p) for d, p in zip(days(MON, 4), [1, 6, 3, 2], strict=True)]
    s = weekly_series("pain_max", checkins, [], MON, MON + timedelta(days=6))
    assert s.values == [6.0]


def test_later_checkin_of_the_same_day_wins() -> None:
    s = daily_series("pain", [ci(MON, pain=2), ci(MON, pain=7)], [], MON, MON)
    assert s.values == [7.0]


# --------------------------------------------------------------------------- ISO weeks


def test_iso_week_53_across_new_year() -> None:
    start, end = date(2020, 12, 31), date(2021, 1, 4)
    checkins = [ci(d, pain=i) for i, d in enumerate(days(start, 5))]
    s = weekly_series("pain", checkins, [], start, end)
    assert [p.start for p in s.points] == [date(2020, 12, 28), date(2021, 1, 4)]
    assert [p.iso_week for p in s.points] == [(2020, 53), (2021, 1)]
    assert [(p.days, p.span) for p in s.points] == [(4, 4), (1, 1)]  # Thu-Sun, then Monday
    assert s.values == [1.5, 4.0]  # mean of 0,1,2,3 ; then 4


def test_iso_year_differs_from_calendar_year() -> None:
    # Monday 30 Dec 2019 starts ISO week 1 of 2020.
    start, end = date(2019, 12, 30), date(2020, 1, 5)
    s = weekly_series("pain", [ci(date(2019, 12, 31), pain=3)], [], start, end)
    assert len(s.points) == 1
    assert s.points[0].iso_week == (2020, 1)
    assert s.values == [3.0]


def test_year_boundary_weekly_split_is_by_monday() -> None:
    start = date(2021, 12, 27)  # Monday
    checkins = [ci(d, aerobic_min=10) for d in days(start, 14)]
    s = weekly_series("aerobic_min", checkins, [], start, start + timedelta(days=13))
    assert [p.start for p in s.points] == [date(2021, 12, 27), date(2022, 1, 3)]
    assert s.values == [70.0, 70.0]


def test_leap_day_counts() -> None:
    start = date(2024, 2, 26)  # Monday; the week holds 29 February
    checkins = [ci(d, calcium_food_mg=1000) for d in days(start, 7)]
    daily = daily_series("calcium", checkins, [], date(2024, 2, 28), date(2024, 3, 1))
    assert [p.start for p in daily.points] == [
        date(2024, 2, 28),
        date(2024, 2, 29),
        date(2024, 3, 1),
    ]
    assert daily.values == [1000.0] * 3
    weekly = weekly_series("calcium", checkins, [], start, start + timedelta(days=6))
    assert weekly.points[0].days == 7


def test_first_and_last_partial_weeks_have_short_span() -> None:
    start, end = date(2025, 3, 5), date(2025, 3, 18)  # Wednesday .. Tuesday
    s = weekly_series("pain", [ci(d, pain=1) for d in days(start, 14)], [], start, end)
    assert [p.span for p in s.points] == [5, 7, 2]
    assert [p.days for p in s.points] == [5, 7, 2]
    assert s.points[0].start == date(2025, 3, 3)


# --------------------------------------------------------------------------- derived metrics


def test_adherence_percent_of_recorded_days() -> None:
    taken = [True, True, False, None, True, None, None]
    checkins = [ci(d, ai_taken=t) for d, t in zip(days(MON, 7), taken, strict=True)]
    s = weekly_series("adherence", checkins, [], MON, MON + timedelta(days=6))
    assert s.values == [75.0]
    assert s.points[0].days == 4


def test_adherence_with_nothing_recorded_is_none() -> None:
    s = weekly_series("adherence", [ci(MON, pain=3)], [], MON, MON + timedelta(days=6))
    assert s.values == [None]


def test_resistance_sessions_count_days() -> None:
    d = days(MON, 7)
    checkins = [
        ci(d[0], resistance_min=20),  # counts
        ci(d[1], resistance_min=0),  # recorded, no session
        ci(d[2], resistance_min=0),  # ... but a logged session that day counts
        ci(d[3], pain=2),  # resistance not recorded, but a log
    ]
    logs = [
        SessionLog(day=d[2], session_id="a", resistance_min=15),
        SessionLog(day=d[3], session_id="b", resistance_min=10),
        SessionLog(day=d[5], session_id="c", resistance_min=10),  # log, no check-in
        SessionLog(day=d[5], session_id="d", resistance_min=10),  # same day: still one
        SessionLog(day=d[6], session_id="e", aerobic_min=20),  # no resistance: 0
    ]
    daily = daily_series("resistance_sessions", checkins, logs, MON, d[6])
    assert daily.values == [1.0, 0.0, 1.0, 1.0, None, 1.0, 0.0]
    weekly = weekly_series("resistance_sessions", checkins, logs, MON, d[6])
    assert weekly.values == [4.0]
    assert weekly.target == trends.RESISTANCE_TARGET_SESSIONS_PER_WEEK


def test_falls_count_per_week() -> None:
    d = days(MON, 14)
    checkins = [ci(d[0], fall=True), ci(d[1], fall=False), ci(d[3], fall=True)]
    checkins += [ci(d[8], pain=1)]  # second week: nothing about falls
    s = weekly_series("falls", checkins, [], MON, d[13])
    assert s.values == [2.0, None]


def test_calcium_is_food_plus_supplement() -> None:
    checkins = [ci(MON, calcium_food_mg=700, calcium_supplement_mg=500)]
    assert daily_series("calcium", checkins, [], MON, MON).values == [1200.0]


def test_session_minutes_not_double_counted() -> None:
    d = days(MON, 4)
    checkins = [
        ci(d[0], aerobic_min=30),  # the check-in already holds the 30-minute session
        ci(d[1], pain=3),  # no minutes recorded: the session log's minutes are used
        ci(d[2], aerobic_min=0),  # recorded 0 wins over a log (the check-in is the truth)
    ]
    logs = [
        SessionLog(day=d[0], session_id="a", aerobic_min=30),
        SessionLog(day=d[1], session_id="b", aerobic_min=20, balance_min=10),
        SessionLog(day=d[2], session_id="c", aerobic_min=25),
        SessionLog(day=d[3], session_id="d", aerobic_min=15),  # a log without a check-in
        SessionLog(day=d[3], session_id="e", aerobic_min=5),
    ]
    aerobic = daily_series("aerobic_min", checkins, logs, MON, d[3])
    assert aerobic.values == [30.0, 20.0, 0.0, 20.0]
    total = daily_series("exercise_min", checkins, logs, MON, d[3])
    assert total.values == [30.0, 30.0, 0.0, 20.0]


def test_fallback_is_per_kind_of_minutes() -> None:
    checkins = [ci(MON, aerobic_min=30)]  # resistance not recorded
    logs = [SessionLog(day=MON, session_id="a", resistance_min=20)]
    assert daily_series("resistance_min", checkins, logs, MON, MON).values == [20.0]
    assert daily_series("aerobic_min", checkins, logs, MON, MON).values == [30.0]


def test_session_logs_do_not_create_pain_values() -> None:
    logs = [SessionLog(day=MON, session_id="a", aerobic_min=20, pain_during=6)]
    assert daily_series("pain", [], logs, MON, MON).values == [None]


def test_unknown_metric_and_bad_range() -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        daily_series("steps", [], [], MON, MON)
    with pytest.raises(ValueError, match="DXA"):
        weekly_series("t_score", [], [], MON, MON)
    with pytest.raises(ValueError, match="before start"):
        weekly_series("pain", [], [], MON, MON - timedelta(days=1))
    with pytest.raises(ValueError, match="unknown range"):
        series_for_range("pain", "5y", [], [], MON)


def test_every_checkin_metric_has_words_and_aggregates() -> None:
    start = MON
    fields = {
        "pain": 3,
        "interference": 1,
        "ai_taken": True,
        "aerobic_min": 30,
        "resistance_min": 10,
        "balance_min": 5,
        "calcium_food_mg": 900,
        "vitamin_d_iu": 800,
        "fatigue": 4,
        "mood": 3,
        "fall": False,
    }
    checkins = [ci(d, **fields) for d in days(start, 21)]
    for metric in trends.CHECKIN_METRICS:
        s = weekly_series(metric, checkins, [], start, start + timedelta(days=20))
        assert s.label and s.unit
        assert all(v is not None for v in s.values), metric
        assert summary(s, start + timedelta(days=20)).endswith(".")


def test_targets_are_the_guideline_numbers() -> None:
    assert METRICS["aerobic_min"].target == 150
    assert METRICS["aerobic_min"].target_label == "150 min/week target"
    assert METRICS["resistance_sessions"].target_label == "2 sessions/week"
    assert METRICS["calcium"].target == 1200
    assert METRICS["calcium"].upper_limit == 2000
    assert METRICS["vitamin_d"].target == 800
    assert METRICS["vitamin_d"].upper_limit == 4000
    assert METRICS["pain"].target_label == "pain 4: raise with care team"
    assert METRICS["balance_min"].target == 120
    assert METRICS["adherence"].target is None


# --------------------------------------------------------------------------- ranges


TODAY = date(2025, 3, 12)  # a Wednesday


def history(n_days: int, **fields: object) -> list[CheckIn]:
    return [ci(TODAY - timedelta(days=i), **fields) for i in range(n_days)]


def test_range_2w_is_14_daily_points_ending_today() -> None:
    s = series_for_range("pain", "2w", history(30, pain=2), [], TODAY)
    assert s.bucket == "day"
    assert len(s.points) == 14
    assert s.points[-1].start == TODAY
    assert s.points[0].start == TODAY - timedelta(days=13)


def test_range_3m_is_iso_weeks_covering_91_days() -> None:
    s = series_for_range("pain", "3m", history(200, pain=2), [], TODAY)
    assert s.bucket == "week"
    assert all(p.start.weekday() == 0 for p in s.points)
    assert s.points[-1].start == date(2025, 3, 10)
    assert sum(p.span for p in s.points) == 91
    assert s.points[-1].span == 3  # Monday .. Wednesday (today)
    assert s.points[0].start <= TODAY - timedelta(days=90) < s.points[1].start


def test_range_1y_and_all() -> None:
    data = history(800, pain=2)
    year = series_for_range("pain", "1y", data, [], TODAY)
    assert sum(p.span for p in year.points) == 365
    everything = series_for_range("pain", "all", data, [], TODAY)
    assert sum(p.span for p in everything.points) == 800
    empty = series_for_range("pain", "all", [], [], TODAY)
    assert not empty.has_data


def test_future_records_are_left_out() -> None:
    data = [ci(TODAY + timedelta(days=3), pain=9), ci(TODAY, pain=1)]
    s = series_for_range("pain", "2w", data, [], TODAY)
    assert s.values[-1] == 1.0
    assert 9.0 not in s.values


def test_combined_series_share_weeks() -> None:
    data = history(60, pain=3, aerobic_min=20, balance_min=10)
    start = TODAY - timedelta(days=55)
    pain, exercise = combined_pain_exercise(data, [], start, TODAY)
    assert [p.start for p in pain.points] == [p.start for p in exercise.points]
    assert pain.metric == "pain"
    assert exercise.metric == "exercise_min"
    assert exercise.points[2].value == 7 * 30


def test_ten_years_aggregate_into_iso_weeks() -> None:
    """Speed is measured in benchmarks/trends_bench.py; here: 10 years become ~522 weeks."""
    data = history(3650, pain=3, aerobic_min=20, ai_taken=True, calcium_food_mg=800)
    for metric in trends.CHECKIN_METRICS:
        s = series_for_range(metric, "all", data, [], TODAY)
        assert 521 <= len(s.points) <= 523
        if metric in ("pain", "aerobic_min", "calcium", "adherence"):
            assert all(p.value is not None for p in s.points[1:-1]), metric


def test_deterministic() -> None:
    data = history(100, pain=3, aerobic_min=20)
    assert series_for_range("pain", "1y", data, [], TODAY) == series_for_range(
        "pain", "1y", list(data), [], TODAY
    )


# --------------------------------------------------------------------------- rebin


def _series(values: list[tuple[float | None, int]], aggregate: str = "mean") -> Series:
    base = weekly_series("pain", [], [], MON, MON + timedelta(days=7 * len(values) - 1))
    points = tuple(Point(MON + timedelta(days=7 * i), v, d, 7) for i, (v, d) in enumerate(values))
    return replace(base, points=points, aggregate=aggregate)  # type: ignore[arg-type]


def test_rebin_weights_means_by_recorded_days() -> None:
    s = rebin(_series([(2.0, 1), (5.0, 3), (None, 0), (None, 0)]), 2)
    assert s.merged == 2
    assert [p.value for p in s.points] == [pytest.approx(4.25), None]
    assert [p.days for p in s.points] == [4, 0]
    assert [p.span for p in s.points] == [14, 14]


def test_rebin_sums_stay_per_week_and_align_to_newest() -> None:
    s = rebin(_series([(100.0, 3), (50.0, 2), (None, 0), (150.0, 5), (90.0, 4)], "sum"), 2)
    # 5 weeks into groups of 3 aligned to the newest: [w0, w1] and [w2, w3, w4]
    assert [p.start for p in s.points] == [MON, MON + timedelta(days=14)]
    assert [p.value for p in s.points] == [75.0, 120.0]


def test_rebin_keeps_short_series() -> None:
    s = _series([(1.0, 1)] * 5)
    assert rebin(s, 10) is s


# --------------------------------------------------------------------------- DXA


SCANS = [
    DxaScan(day=date(2021, 5, 1), site="lumbar_spine", t_score=-1.2),
    DxaScan(day=date(2021, 5, 1), site="total_hip", t_score=-1.8),
    DxaScan(day=date(2021, 5, 1), site="femoral_neck", t_score=-1.5),
    DxaScan(day=date(2023, 6, 1), site="total_hip", t_score=-2.6),
    DxaScan(day=date(2023, 6, 1), site="lumbar_spine", t_score=-1.0),
]


def test_t_score_lowest_per_scan_day() -> None:
    s = t_score_series(reversed(SCANS))
    assert s.bucket == "scan"
    assert [(p.start, p.value) for p in s.points] == [
        (date(2021, 5, 1), -1.8),
        (date(2023, 6, 1), -2.6),
    ]
    assert s.target == -2.5


def test_t_score_per_site() -> None:
    sites = t_score_sites(SCANS)
    assert list(sites) == ["lumbar_spine", "total_hip", "femoral_neck"]
    assert sites["lumbar_spine"].values == [-1.2, -1.0]
    assert sites["femoral_neck"].values == [-1.5]
    assert "femoral neck" in sites["femoral_neck"].label
    with pytest.raises(ValueError):
        t_score_series(SCANS, site="wrist")


def test_t_score_summary() -> None:
    text = summary(t_score_series(SCANS), date(2025, 1, 1))
    assert text.startswith("Lowest T-score -2.6 on 1 Jun 2023, down from -1.8 on 1 May 2021")
    assert "-2.5" in text
    assert summary(t_score_series([]), date(2025, 1, 1)) == "No DXA scans recorded yet."


# --------------------------------------------------------------------------- summary


SUN = date(2025, 3, 16)  # a Sunday: the current week is complete


def eight_weeks(first: dict[str, object], last: dict[str, object]) -> list[CheckIn]:
    """Fields ``first`` for the 4 weeks before, ``last`` for the latest 4 weeks (to SUN)."""
    return [ci(SUN - timedelta(days=i), **(last if i < 28 else first)) for i in range(56)]


def test_summary_pain_down() -> None:
    s = series_for_range("pain", "3m", eight_weeks({"pain": 5}, {"pain": 3}), [], SUN)
    assert summary(s, SUN) == (
        "Average worst pain 3.0 over the last 4 weeks, down from 5.0 the 4 weeks before; below 4."
    )


def test_summary_pain_up_names_care_team() -> None:
    s = series_for_range("pain", "3m", eight_weeks({"pain": 2}, {"pain": 4}), [], SUN)
    text = summary(s, SUN)
    assert text.startswith("Average worst pain 4.0 over the last 4 weeks, up from 2.0")
    assert "care team" in text


def test_summary_same() -> None:
    s = series_for_range("fatigue", "3m", eight_weeks({"fatigue": 3}, {"fatigue": 3}), [], SUN)
    assert summary(s, SUN) == (
        "Average fatigue 3.0 over the last 4 weeks, about the same as the 4 weeks before."
    )


def test_summary_minutes_against_target() -> None:
    s = series_for_range(
        "aerobic_min", "3m", eight_weeks({"aerobic_min": 10}, {"aerobic_min": 20}), [], SUN
    )
    assert summary(s, SUN) == (
        "Aerobic minutes: 140 a week on average over the last 4 full weeks, "
        "up from 70 the 4 weeks before; target 150."
    )


def test_summary_minutes_skip_the_week_in_progress() -> None:
    wed = SUN + timedelta(days=3)
    data = eight_weeks({"aerobic_min": 20}, {"aerobic_min": 20})
    data += [ci(SUN + timedelta(days=i), aerobic_min=0) for i in (1, 2, 3)]
    s = series_for_range("aerobic_min", "3m", data, [], wed)
    assert summary(s, wed).startswith("Aerobic minutes: 140 a week on average over the last 4 full")


def test_summary_minutes_coverage() -> None:
    skipped = SUN - timedelta(days=13), SUN - timedelta(days=7)  # the week before last
    data = eight_weeks({"aerobic_min": 20}, {"aerobic_min": 20})
    data = [c for c in data if not skipped[0] <= c.day <= skipped[1]]
    s = series_for_range("aerobic_min", "3m", data, [], SUN)
    assert "(3 of 4 weeks recorded)" in summary(s, SUN)


def test_summary_daily_range() -> None:
    s = series_for_range("aerobic_min", "2w", eight_weeks({}, {"aerobic_min": 10}), [], SUN)
    assert summary(s, SUN) == (
        "Aerobic minutes: 70 in the last 7 days, about the same as the 7 days before; "
        "target 150 a week."
    )


def test_summary_calcium_and_upper_limit() -> None:
    s = series_for_range(
        "calcium", "3m", eight_weeks({"calcium_food_mg": 800}, {"calcium_food_mg": 1000}), [], SUN
    )
    assert summary(s, SUN) == (
        "Average calcium 1,000 mg/day over the last 4 weeks, up from 800 the 4 weeks before; "
        "target 1,200 mg."
    )
    high = series_for_range("calcium", "3m", eight_weeks({}, {"calcium_food_mg": 2500}), [], SUN)
    assert "above the 2000 mg upper limit" in summary(high, SUN)


def test_summary_adherence() -> None:
    data = eight_weeks({"ai_taken": True}, {"ai_taken": True})
    data = [ci(c.day, ai_taken=False) if c.day == SUN else c for c in data]
    s = series_for_range("adherence", "3m", data, [], SUN)
    assert summary(s, SUN) == (
        "Aromatase inhibitor taken on 27 of 28 recorded days (96%) in the last 4 weeks, "
        "down from 100% the 4 weeks before."
    )


def test_summary_falls() -> None:
    data = eight_weeks({"fall": False}, {"fall": False})
    data = [ci(c.day, fall=True) if c.day == SUN - timedelta(days=2) else c for c in data]
    s = series_for_range("falls", "3m", data, [], SUN)
    assert summary(s, SUN) == "1 fall recorded in the last 4 weeks; none in the 4 weeks before."
    none = series_for_range("falls", "3m", eight_weeks({}, {"fall": False}), [], SUN)
    assert summary(none, SUN) == "No falls recorded in the last 4 weeks."


def test_summary_no_data() -> None:
    s = series_for_range("pain", "3m", [], [], SUN)
    assert summary(s, SUN) == "No worst pain recorded in this range yet."


def test_summary_old_data_only() -> None:
    data = [ci(SUN - timedelta(days=60), pain=3)]
    s = series_for_range("pain", "3m", data, [], SUN)
    assert summary(s, SUN) == (
        "No worst pain recorded in the last 4 weeks; last recorded the week of 13 Jan 2025."
    )


def test_summary_has_no_colour_words() -> None:
    data = eight_weeks({"pain": 6, "aerobic_min": 5}, {"pain": 2, "aerobic_min": 40})
    for metric in trends.CHECKIN_METRICS:
        for key in trends.RANGES:
            text = summary(series_for_range(metric, key, data, [], SUN), SUN).lower()
            for word in ("red", "green", "amber", "yellow", "orange"):
                assert word not in text.split(), (metric, text)


# --------------------------------------------------------------------------- sparkline


def test_sparkline_scale_and_gaps() -> None:
    assert sparkline([0, None, 10, 5], low=0, high=10) == "▁·█▅"
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"


def test_sparkline_constant_and_empty() -> None:
    assert sparkline([4, 4, 4]) == "▁▁▁"
    assert sparkline([None, None]) == "··"
    assert sparkline([]) == ""
    assert sparkline([3, 3], low=0, high=10) == "▃▃"


def test_sparkline_clamps_to_the_scale() -> None:
    assert sparkline([-5, 20], low=0, high=10) == "▁█"


def test_sparkline_of_two_weeks_of_pain() -> None:
    data = [ci(TODAY - timedelta(days=i), pain=i % 11) for i in range(14) if i != 3]
    line = sparkline(series_for_range("pain", "2w", data, [], TODAY).values, 0, 10)
    assert len(line) == 14
    assert line[-4] == "·"


# --------------------------------------------------------------------------- drawing


def test_segments_split_at_gaps() -> None:
    points = [Point(MON + timedelta(days=i), v, 1) for i, v in enumerate([1, 2, None, 3, None])]
    runs = plotmod.segments(points)
    assert [[p.value for p in r] for r in runs] == [[1, 2], [3]]


def test_date_ticks() -> None:
    short = plotmod.date_ticks(date(2025, 3, 1), date(2025, 3, 14), 7)
    assert short[0][1] == "1 Mar"
    assert len(short) <= 7
    year = plotmod.date_ticks(date(2024, 3, 12), date(2025, 3, 12), 6)
    assert [label for _, label in year] == ["Apr 2024", "Jul 2024", "Oct 2024", "Jan 2025"]
    decade = plotmod.date_ticks(date(2015, 3, 1), date(2025, 3, 1), 6)
    assert [label for _, label in decade] == ["2016", "2018", "2020", "2022", "2024"]


def test_nice_ticks() -> None:
    assert plotmod.nice_ticks(0, 10, 6) == [0, 2, 4, 6, 8, 10]
    assert plotmod.nice_ticks(0, 264, 9) == [0, 50, 100, 150, 200, 250, 300]


def _build(series: Series, no_color: bool = True, width: int = 80, height: int = 24) -> str:
    import plotext

    plotmod.draw_series(plotext, series, width, height, no_color)
    return plotext.uncolorize(plotext.build())


def test_draw_series_with_real_plotext() -> None:
    data = history(400, pain=3, aerobic_min=20)
    text = _build(series_for_range("aerobic_min", "1y", data, [], TODAY))
    lines = text.splitlines()
    assert len(lines) == 24
    assert max(len(line) for line in lines) <= 80
    assert "--- 150 min/week target" in text
    assert "Aerobic minutes" in text
    assert "-----" in text  # the target line itself, in a glyph of its own


def test_draw_series_ten_years_and_gaps() -> None:
    data = [c for c in history(3650, pain=3) if not 100 < (TODAY - c.day).days < 200]
    series = series_for_range("pain", "all", data, [], TODAY)
    text = _build(series)
    assert "pain 4: raise with care team" in text
    assert "2020" in text


def test_draw_series_all_none_shows_no_data() -> None:
    text = _build(series_for_range("pain", "3m", [], [], TODAY))
    assert plotmod.NO_DATA_TEXT in text
    assert "pain 4: raise with care team" in text


def test_draw_series_upper_limit_when_near() -> None:
    high = series_for_range("calcium", "3m", history(90, calcium_food_mg=1900), [], TODAY)
    assert "=== 2000 mg upper limit" in _build(high)
    low = series_for_range("calcium", "3m", history(90, calcium_food_mg=900), [], TODAY)
    assert "upper limit" not in _build(low)


def test_draw_t_scores_and_single_point() -> None:
    text = _build(t_score_series(SCANS[:1]))
    assert "osteoporosis range" in text


def test_draw_combined_with_textual_plotext_figure() -> None:
    from textual_plotext.plot import Plot

    plt = Plot()
    data = history(120, pain=5, aerobic_min=30)
    pain, exercise = combined_pain_exercise(data, [], TODAY - timedelta(days=90), TODAY)
    plotmod.draw_combined(plt, pain, exercise, 80, 24, no_color=True)
    plt.plotsize(80, 24)
    text = plt.uncolorize(plt.build())
    assert "Worst joint pain" in text
    assert "Exercise minutes" in text
    assert "pain 4: raise with care team" in text


def test_draw_series_with_textual_plotext_figure() -> None:
    from textual_plotext.plot import Plot

    plt = Plot()
    plotmod.draw_series(plt, series_for_range("mood", "2w", history(20, mood=4), [], TODAY), 80, 24)
    assert "Mood" in plt.uncolorize(plt.build())


def test_draw_series_after_combined_on_plotext_module() -> None:
    import plotext

    start = TODAY - timedelta(days=20)
    pain, exercise = combined_pain_exercise(history(30, pain=2), [], start, TODAY)
    plotmod.draw_combined(plotext, pain, exercise, 80, 24, no_color=True)
    plotext.build()
    text = _build(series_for_range("pain", "2w", history(30, pain=2), [], TODAY))
    assert len(text.splitlines()) == 24  # one plot again, not a panel of the last figure


def test_no_plotext_at_import() -> None:
    code = (
        "import screens.widgets.plot, coach.trends, sys; "
        "assert 'plotext' not in sys.modules, 'plotext'; "
        "assert 'textual_plotext' not in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_patchy_series_drawn_as_unjoined_points() -> None:
    # Every other week recorded for 3 years: at 200 columns no merging, about 80 runs.
    data = [c for c in history(3 * 365, pain=3) if c.day.isocalendar().week % 2]
    series = series_for_range("pain", "all", data, [], TODAY)
    assert len(plotmod.segments(series.points)) > plotmod.MAX_SEGMENTS
    text = _build(series, width=200, height=50)
    assert "•" in text
    assert "pain 4: raise with care team" in text


def test_long_ranges_summarise_by_quarter() -> None:
    data = history(400, pain=3, aerobic_min=20)
    year = series_for_range("pain", "1y", data, [], TODAY)
    months = series_for_range("pain", "3m", data, [], TODAY)
    assert "13 weeks" in summary(year, TODAY)
    assert "4 weeks" in summary(months, TODAY)


def test_month_ticks_name_the_year_in_full() -> None:
    """Issue 11: "Nov 26" read as 26 November beside the 2-week view's "26 Nov"."""
    ticks = plotmod.date_ticks(date(2026, 9, 1), date(2026, 11, 26), 6)
    assert [label for _, label in ticks] == ["Sep 2026", "Oct 2026", "Nov 2026"]


def test_summary_from_two_days_says_since_and_how_many_whatever_the_range() -> None:
    """Issue 11: "Average … over the last 4 weeks" with two days of data, even on "all"."""
    data = [ci(SUN - timedelta(days=1), pain=3), ci(SUN, pain=5)]
    for key in ("3m", "1y", "all"):
        text = summary(series_for_range("pain", key, data, [], SUN), SUN)
        assert text.startswith(
            "Average worst pain 4.0 since the week of 10 Mar 2025 (2 days recorded)"
        ), key
        assert "weeks" not in text
    daily = summary(series_for_range("pain_max", "2w", data, [], SUN), SUN)
    assert daily.startswith("Highest worst pain 5 since 15 Mar 2025 (2 days recorded)")


def test_summary_says_how_few_days_an_average_comes_from() -> None:
    data = [ci(SUN - timedelta(days=i), pain=2) for i in range(0, 56, 7)]  # one day a week
    text = summary(series_for_range("pain", "3m", data, [], SUN), SUN)
    assert text.startswith("Average worst pain 2.0 over the last 4 weeks (4 days recorded)")


def test_pain_at_or_above_the_raise_level_has_its_own_glyph_in_a_short_panel() -> None:
    """Issue 11: in the combined view at 80x24 a pain of 6 sat on the row of the pain 4 line."""
    from textual_plotext.plot import Plot

    data = history(90, pain=2, aerobic_min=30)
    data = [
        ci(c.day, pain=6, aerobic_min=30) if c.day > TODAY - timedelta(days=14) else c for c in data
    ]
    pain, exercise = combined_pain_exercise(data, [], TODAY - timedelta(days=90), TODAY)
    plt = Plot()
    plotmod.draw_combined(plt, pain, exercise, 80, 17, no_color=True)
    plt.plotsize(80, 17)
    text = plt.uncolorize(plt.build())
    assert f"{plotmod.HIGH_MARKER} 4 or more" in text  # the legend says what it means
    high = [p for p in pain.points if p.value is not None and p.value >= 4]
    assert len(high) == 3 and text.count(plotmod.HIGH_MARKER) == 1 + 3  # each such week has it
    low_only = [ci(c.day, pain=2) for c in data]
    pain, exercise = combined_pain_exercise(low_only, [], TODAY - timedelta(days=90), TODAY)
    plotmod.draw_combined(plt, pain, exercise, 80, 17, no_color=True)
    plt.plotsize(80, 17)
    assert plt.uncolorize(plt.build()).count(plotmod.HIGH_MARKER) == 1  # the legend only


# --------------------------------------------------------------------------- all time, again

_AGAIN_DAYS = st.dates(min_value=MON, max_value=MON + timedelta(days=60))
_LOGS = st.builds(
    SessionLog,
    _AGAIN_DAYS,
    st.sampled_from(["w1-mon", "w1-wed", "w2-fri"]),
    aerobic_min=st.integers(0, 60),
    resistance_min=st.integers(0, 60),
    balance_min=st.integers(0, 30),
)


def _oldest_first(checkins: list[CheckIn], logs: list[SessionLog]) -> tuple[list, list]:
    """As the store gives them: one check-in a day (the later wins), logs by day and id."""
    by_day = {c.day: c for c in checkins}
    return [by_day[d] for d in sorted(by_day)], sorted(logs, key=lambda s: (s.day, s.session_id))


@settings(max_examples=150, deadline=None)
@given(
    metric=st.sampled_from(trends.CHECKIN_METRICS),
    old_checkins=st.lists(checkins(_AGAIN_DAYS), max_size=25),
    old_logs=st.lists(_LOGS, max_size=8),
    added=st.lists(checkins(_AGAIN_DAYS), max_size=4),
    added_logs=st.lists(_LOGS, max_size=2),
    dropped=st.sets(st.integers(0, 30), max_size=3),
    later=st.integers(0, 9),
    start_shift=st.sampled_from([0, 0, 0, 2]),
    told_earlier=st.none() | st.integers(0, 20),
)
def test_all_time_made_again_is_what_a_fresh_series_shows(
    metric: str,
    old_checkins: list[CheckIn],
    old_logs: list[SessionLog],
    added: list[CheckIn],
    added_logs: list[SessionLog],
    dropped: set[int],
    later: int,
    start_shift: int,
    told_earlier: int | None,
) -> None:
    """Whatever changed between two series (days added, replaced or removed anywhere, session
    logs added, a later end, another start), the weeks taken from the first one and the weeks
    made again are exactly a fresh weekly series of the new records; also when the caller
    tells the first day that may differ (as the store does), that day or any earlier one."""
    start, end = MON + timedelta(days=1), MON + timedelta(days=50)
    checkins_then, logs_then = _oldest_first(old_checkins, old_logs)
    made = trends.weekly_series_again(None, metric, checkins_then, logs_then, start, end)
    assert made.series == weekly_series(metric, checkins_then, logs_then, start, end)
    kept = [c for i, c in enumerate(checkins_then) if i not in dropped]
    checkins_now, logs_now = _oldest_first(kept + added, logs_then + added_logs)
    new_start, new_end = start + timedelta(days=start_shift), end + timedelta(days=later)
    told = None
    if told_earlier is not None:
        first = min(
            trends._same_until(checkins_then, checkins_now), trends._same_until(logs_then, logs_now)
        )
        told = first if first == date.max else first - timedelta(days=told_earlier)
    again = trends.weekly_series_again(
        made, metric, checkins_now, logs_now, new_start, new_end, same_until=told
    )
    assert again.series == weekly_series(metric, checkins_now, logs_now, new_start, new_end)


def test_all_time_again_takes_the_unchanged_weeks_as_they_are() -> None:
    """Today's check-in saved: every week before this one is the earlier series' own point."""
    checkins = [ci(MON + timedelta(days=i), pain=i % 10) for i in range(70)]
    start, end = MON, MON + timedelta(days=70)
    made = trends.weekly_series_again(None, "pain", checkins, [], start, end)
    now = [*checkins, ci(end, pain=9)]
    again = trends.weekly_series_again(made, "pain", now, [], start, end)
    assert all(a is b for a, b in zip(again.series.points[:-1], made.series.points, strict=False))
    assert again.series.points[-1].value == 9.0
    assert again.series == weekly_series("pain", now, [], start, end)


@settings(max_examples=300)
@given(
    same=st.integers(0, 40),
    tail_before=st.integers(0, 5),
    tail_after=st.integers(0, 5),
)
def test_the_first_day_that_may_differ_is_the_first_record_not_the_same(
    same: int, tail_before: int, tail_after: int
) -> None:
    shared = [ci(MON + timedelta(days=i), pain=1) for i in range(same)]
    before = shared + [ci(MON + timedelta(days=same + i), pain=2) for i in range(tail_before)]
    after = shared + [ci(MON + timedelta(days=same + i + 1), pain=3) for i in range(tail_after)]
    expected = [r.day for r in (before[same : same + 1] + after[same : same + 1])]
    assert trends._same_until(before, after) == min(expected, default=date.max)
    assert trends._same_until(after, after) == date.max


def test_all_time_shown_again_unchanged_is_the_same_series_and_drawing() -> None:
    """Nothing changed: the same series comes back, so its rebinned points are not merged
    again (30 years: 1,500 weeks); another series is never given the kept drawing."""
    checkins = [ci(MON + timedelta(days=i), pain=i % 10) for i in range(400)]
    start, end = MON, MON + timedelta(days=400)
    made = trends.weekly_series_again(None, "pain", checkins, [], start, end)
    again = trends.weekly_series_again(made, "pain", list(checkins), [], start, end)
    assert again is made
    assert rebin(made.series, 10) is rebin(made.series, 10)
    other = trends.weekly_series_again(
        made, "pain", [*checkins[:-1], ci(end, pain=1)], [], start, end
    )
    assert other.series is not made.series
    assert rebin(other.series, 10) == trends._rebin(other.series, 10, len(other.series.points))
    assert rebin(other.series, 10) != rebin(made.series, 10)


_week_values = st.tuples(st.none() | st.floats(0, 10, allow_nan=False), st.integers(0, 7))


@settings(max_examples=300)
@given(
    values=st.lists(_week_values, min_size=1, max_size=60),
    changed=st.dictionaries(st.integers(0, 59), _week_values, max_size=4),
    width=st.integers(1, 25),
    aggregate=st.sampled_from(["mean", "max", "sum"]),
)
def test_a_series_merged_again_after_a_change_is_merged_afresh(
    values: list, changed: dict, width: int, aggregate: str
) -> None:
    """Today's check-in saved changes a point or two of 30 years of weeks: the merge of the
    series before is kept up to the first point that differs, and what is drawn is exactly a
    fresh merge of the new series."""
    before = _series(values, aggregate)
    trends._REBINNED.clear()
    merged_before = rebin(before, width)
    points = list(before.points)
    for index, (value, days) in changed.items():
        if index < len(points):
            points[index] = Point(points[index].start, value, days, 7)
    after = replace(before, points=tuple(points))
    again = rebin(after, width)
    trends._REBINNED.clear()
    assert again == rebin(after, width)  # a fresh merge
    n = len(points)
    first_group_end = n % math.ceil(n / width) or math.ceil(n / width)
    if n > width and min((i for i in changed if i < n), default=n) >= first_group_end:
        assert again.points[0] is merged_before.points[0]  # taken, not merged again


def test_a_full_cache_of_merges_drops_the_one_used_longest_ago() -> None:
    """One more series than the cache keeps (another metric, a resized terminal) costs one
    merge again, not all of them: the merge used longest ago goes, a merge just drawn stays."""
    trends._REBINNED.clear()
    many = [_series([(float(i), 7)] * 30 + [(float(j), 7) for j in range(i + 1)]) for i in range(9)]
    merged = [rebin(series, 10) for series in many[: trends.REBINNED_KEPT]]
    assert rebin(many[0], 10) is merged[0]  # drawn again: now the one used last
    rebin(many[-1], 10)  # one too many
    assert rebin(many[0], 10) is merged[0]
    assert all(rebin(s, 10) is m for s, m in zip(many[2:-1], merged[2:], strict=True))
    again = rebin(many[1], 10)  # the one used longest ago was dropped, and is merged afresh
    assert again is not merged[1] and again == merged[1]
    assert len(trends._REBINNED) == trends.REBINNED_KEPT
