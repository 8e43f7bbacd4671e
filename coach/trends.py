"""Series for the trends screen: daily values -> ISO-week aggregates, with guideline targets.

Pure and deterministic (standard library only; every function takes its dates as arguments).

Rules that every series follows, so a plot never tells a story the data does not:

* **Missing days are gaps, never zeros.** A daily point without a value holds ``None``; a week
  without a single recorded day holds ``None``. ``Point.days`` says how many days had a value and
  ``Point.span`` how many days of the bucket lie inside the asked-for range, so a partial week
  (the first and last week of a range, or a week with few check-ins) is visible as coverage.
* **Partial weeks are not scaled.** Minutes per week are the sum over the recorded days; a week
  with 3 recorded days shows what those 3 days hold. Scaling to 7 days would invent exercise
  nobody logged; showing coverage (``days`` of ``span``) is honest instead.
* **Session logs are not counted twice.** The check-in screen adds a logged session's minutes
  into that day's check-in, so a recorded check-in field wins. Only when a day's check-in did not
  record a kind of minutes (``None``, or no check-in at all) are that day's session-log minutes
  of that kind used instead. This is decided per field (aerobic, resistance, balance).
* **Resistance sessions are days.** A day counts once when it has resistance minutes (check-in or
  a session log); two sessions on one day are one "session day", as the guideline counts days.
* One check-in per day: when a list holds two for the same day, the later one in the list wins.

Everything is one pass over the records (indexed by date) and one pass over the days of the
range, so 10 years of check-ins aggregate in milliseconds.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import compress
from operator import attrgetter, is_not
from typing import Any, Literal, NamedTuple

from coach.kept_weeks import kept_weeks_cut
from coach.models import DXA_SITE_LABELS, DXA_SITES, CheckIn, DxaScan, SessionLog

# --------------------------------------------------------------------------- targets (FACTS.md)
# Every target and limit lives in coach.thresholds; the trends draw them as reference lines.
from coach.thresholds import (
    AEROBIC_TARGET_MIN_PER_WEEK,
    BALANCE_TARGET_MIN_PER_WEEK,
    CALCIUM_TARGET_MG,
    CALCIUM_UPPER_LIMIT_MG,
    PAIN_RAISE_LEVEL,
    RESISTANCE_TARGET_SESSIONS_PER_WEEK,
    VITAMIN_D_TARGET_IU,
    VITAMIN_D_UPPER_LIMIT_IU,
)
from coach.thresholds import T_OSTEOPOROSIS_AT as T_SCORE_REFERENCE  # -2.5: osteoporosis

# Adherence has no target line on purpose: the aim is every day, and a line at 80 % (a research
# cut-off) would read as "missing one day in five is fine".

LONG_RANGE_WEEKS = 26  # ranges longer than this summarise by quarter
SUMMARY_QUARTER_WEEKS = 13
SUMMARY_WEEKS = 4  # a weekly summary compares the last 4 weeks with the 4 before
SUMMARY_DAYS = 7  # a daily (2-week) summary compares the last 7 days with the 7 before

RANGES: dict[str, int | None] = {"2w": 14, "3m": 91, "1y": 365, "all": None}
RANGE_LABELS: dict[str, str] = {
    "2w": "2 weeks",
    "3m": "3 months",
    "1y": "1 year",
    "all": "all time",
}

Aggregate = Literal["mean", "max", "sum", "percent", "count"]
Bucket = Literal["day", "week", "scan"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --------------------------------------------------------------------------- data shapes


class Point(NamedTuple):
    """One bucket: its first day, its value (None = nothing recorded) and its coverage.

    ``days`` is how many days in the bucket had a value; ``span`` how many days of the bucket
    lie inside the range (1 for a day, 7 for a full week, fewer for a clipped first/last week,
    k*7 for a point merged from k weeks by :func:`rebin`). A named tuple rather than a frozen
    dataclass: just as immutable, and about half the cost to make 520 of them (10 years of weeks).
    """

    start: date
    value: float | None
    days: int
    span: int = 1

    @property
    def iso_week(self) -> tuple[int, int]:
        """(ISO year, ISO week) of the bucket's first day: 2020-12-31 is (2020, 53)."""
        iso = self.start.isocalendar()
        return iso.year, iso.week


@dataclass(frozen=True)
class MetricSpec:
    """What a metric means: its words, unit, target line and how days become a week."""

    key: str
    label: str
    noun: str
    unit: str
    aggregate: Aggregate
    target: float | None = None
    target_label: str | None = None
    higher_is_better: bool | None = None
    upper_limit: float | None = None
    upper_label: str | None = None
    y_min: float | None = 0
    y_max: float | None = None
    decimals: int = 1


@dataclass(frozen=True)
class Series:
    """Points ready to plot, with the words and target line the plot and summary need."""

    metric: str
    label: str
    unit: str
    points: tuple[Point, ...]
    target: float | None
    target_label: str | None
    higher_is_better: bool | None
    bucket: Bucket
    aggregate: Aggregate = "mean"
    upper_limit: float | None = None
    upper_label: str | None = None
    y_min: float | None = 0
    y_max: float | None = None
    merged: int = 1  # how many buckets each point holds (see rebin)

    @property
    def values(self) -> list[float | None]:
        return [p.value for p in self.points]

    @property
    def has_data(self) -> bool:
        return any(p.value is not None for p in self.points)

    @property
    def spec(self) -> MetricSpec:
        return METRICS[self.metric]


METRICS: dict[str, MetricSpec] = {
    spec.key: spec
    for spec in (
        MetricSpec(
            "pain",
            "Worst joint pain",
            "worst pain",
            "0-10",
            "mean",
            target=PAIN_RAISE_LEVEL,
            target_label=f"pain {PAIN_RAISE_LEVEL}: raise with care team",
            higher_is_better=False,
            y_max=10,
        ),
        MetricSpec(
            "pain_max",
            "Worst joint pain, highest of the week",
            "worst pain",
            "0-10",
            "max",
            target=PAIN_RAISE_LEVEL,
            target_label=f"pain {PAIN_RAISE_LEVEL}: raise with care team",
            higher_is_better=False,
            y_max=10,
            decimals=0,
        ),
        MetricSpec(
            "interference",
            "Pain interference",
            "pain interference",
            "0-4",
            "mean",
            higher_is_better=False,
            y_max=4,
        ),
        MetricSpec(
            "adherence",
            "Aromatase inhibitor taken",
            "aromatase inhibitor doses",
            "% of recorded days",
            "percent",
            higher_is_better=True,
            y_max=100,
            decimals=0,
        ),
        MetricSpec(
            "aerobic_min",
            "Aerobic minutes",
            "aerobic minutes",
            "min/week",
            "sum",
            target=AEROBIC_TARGET_MIN_PER_WEEK,
            target_label=f"{AEROBIC_TARGET_MIN_PER_WEEK} min/week target",
            higher_is_better=True,
            decimals=0,
        ),
        MetricSpec(
            "resistance_min",
            "Resistance minutes",
            "resistance minutes",
            "min/week",
            "sum",
            higher_is_better=True,
            decimals=0,
        ),
        MetricSpec(
            "balance_min",
            "Balance minutes",
            "balance minutes",
            "min/week",
            "sum",
            target=BALANCE_TARGET_MIN_PER_WEEK,
            target_label=f"building toward {BALANCE_TARGET_MIN_PER_WEEK} min/week",
            higher_is_better=True,
            decimals=0,
        ),
        MetricSpec(
            "exercise_min",
            "Exercise minutes, all kinds",
            "exercise minutes",
            "min/week",
            "sum",
            higher_is_better=True,
            decimals=0,
        ),
        MetricSpec(
            "resistance_sessions",
            "Resistance sessions",
            "resistance sessions",
            "days/week",
            "sum",
            target=RESISTANCE_TARGET_SESSIONS_PER_WEEK,
            target_label=f"{RESISTANCE_TARGET_SESSIONS_PER_WEEK} sessions/week",
            higher_is_better=True,
            y_max=7,
        ),
        MetricSpec(
            "calcium",
            "Calcium",
            "calcium",
            "mg/day",
            "mean",
            target=CALCIUM_TARGET_MG,
            target_label=f"{CALCIUM_TARGET_MG} mg target",
            higher_is_better=True,
            upper_limit=CALCIUM_UPPER_LIMIT_MG,
            upper_label=f"{CALCIUM_UPPER_LIMIT_MG} mg upper limit",
            decimals=-1,
        ),
        MetricSpec(
            "vitamin_d",
            "Vitamin D supplement",
            "vitamin D",
            "IU/day",
            "mean",
            target=VITAMIN_D_TARGET_IU,
            target_label=f"{VITAMIN_D_TARGET_IU} IU",
            higher_is_better=True,
            upper_limit=VITAMIN_D_UPPER_LIMIT_IU,
            upper_label=f"{VITAMIN_D_UPPER_LIMIT_IU} IU upper limit",
            decimals=-1,
        ),
        MetricSpec(
            "fatigue", "Fatigue", "fatigue", "0-10", "mean", higher_is_better=False, y_max=10
        ),
        MetricSpec("mood", "Mood", "mood", "1-5", "mean", higher_is_better=True, y_min=1, y_max=5),
        MetricSpec(
            "falls",
            "Falls",
            "falls",
            "falls/week",
            "count",
            higher_is_better=False,
            decimals=0,
        ),
        MetricSpec(
            "t_score",
            "Lowest T-score",
            "T-score",
            "",
            "mean",
            target=T_SCORE_REFERENCE,
            target_label=f"{T_SCORE_REFERENCE}: osteoporosis range",
            higher_is_better=True,
            y_min=None,
        ),
    )
}
# What the trends screen cycles through (t_score comes from DXA scans, not check-ins).
CHECKIN_METRICS: tuple[str, ...] = tuple(k for k in METRICS if k != "t_score")


# --------------------------------------------------------------------------- daily values

_Logs = tuple[SessionLog, ...]
_FromCheckIn = Callable[[CheckIn], float | None]
_WithLogs = Callable[[CheckIn | None, _Logs], float | None]

# Each metric reads a day in two ways: from the check-in alone (the common, fast path, used for
# every day without session logs), and from the check-in (or None) plus that day's session logs.
# Only the exercise metrics look at session logs; for the others a day with logs but no
# check-in has no value.


def _minutes(field: str) -> tuple[_FromCheckIn, _WithLogs]:
    """Check-in minutes of one kind; that day's session-log minutes only when not recorded."""
    from_checkin = attrgetter(field)

    def with_logs(ci: CheckIn | None, logs: _Logs) -> int | None:
        value = getattr(ci, field) if ci is not None else None
        if value is not None:
            return value
        return sum(getattr(log, field) for log in logs)

    return from_checkin, with_logs


_aerobic = _minutes("aerobic_min")
_resistance = _minutes("resistance_min")
_balance = _minutes("balance_min")


def _exercise_checkin(ci: CheckIn) -> int | None:
    a, r, b = ci.aerobic_min, ci.resistance_min, ci.balance_min
    if a is None and r is None and b is None:
        return None
    return (a or 0) + (r or 0) + (b or 0)


def _exercise_logs(ci: CheckIn | None, logs: _Logs) -> int | None:
    # With logs every kind has a value (the logs' minutes, maybe 0), so the sum is never None.
    return sum(part(ci, logs) for _, part in (_aerobic, _resistance, _balance))  # type: ignore[misc]


def _resistance_day_checkin(ci: CheckIn) -> int | None:
    minutes = ci.resistance_min
    return None if minutes is None else int(minutes > 0)


def _resistance_day_logs(ci: CheckIn | None, logs: _Logs) -> int | None:
    if any(log.resistance_min > 0 for log in logs):
        return 1
    return _resistance_day_checkin(ci) if ci is not None else 0


def _calcium(ci: CheckIn) -> int | None:
    food, supplement = ci.calcium_food_mg, ci.calcium_supplement_mg  # = ci.calcium_total_mg,
    if food is None and supplement is None:  # without building a list for every day
        return None
    return (food or 0) + (supplement or 0)


def _flag(field: str, yes: float) -> _FromCheckIn:
    def get(ci: CheckIn) -> float | None:
        value = getattr(ci, field)
        return None if value is None else (yes if value else 0)

    return get


def _tablet(ci: CheckIn) -> float | None:
    """Taken 100, missed 0; a pause the care team decided is not a missed dose (None)."""
    if ci.ai_taken is None or ci.ai_missed_reason == "care-team-paused":
        return None
    return 100 if ci.ai_taken else 0


def _checkin_only(from_checkin: _FromCheckIn) -> tuple[_FromCheckIn, _WithLogs]:
    def with_logs(ci: CheckIn | None, logs: _Logs) -> float | None:
        return None if ci is None else from_checkin(ci)

    return from_checkin, with_logs


_EXTRACT: dict[str, tuple[_FromCheckIn, _WithLogs]] = {
    "pain": _checkin_only(attrgetter("pain")),
    "pain_max": _checkin_only(attrgetter("pain")),
    "interference": _checkin_only(attrgetter("interference")),
    "adherence": _checkin_only(_tablet),
    "aerobic_min": _aerobic,
    "resistance_min": _resistance,
    "balance_min": _balance,
    "exercise_min": (_exercise_checkin, _exercise_logs),
    "resistance_sessions": (_resistance_day_checkin, _resistance_day_logs),
    "calcium": _checkin_only(_calcium),
    "vitamin_d": _checkin_only(attrgetter("vitamin_d_iu")),
    "fatigue": _checkin_only(attrgetter("fatigue")),
    "mood": _checkin_only(attrgetter("mood")),
    "falls": _checkin_only(_flag("fall", 1)),
}


def _spec(metric: str) -> MetricSpec:
    try:
        spec = METRICS[metric]
    except KeyError:
        raise ValueError(f"unknown metric {metric!r}; known: {', '.join(METRICS)}") from None
    if metric not in _EXTRACT:
        raise ValueError(f"{metric!r} comes from DXA scans: use t_score_series")
    return spec


@dataclass(frozen=True)
class _DayIndex:
    """The records of [start, end] keyed by day ordinal: built once, read for several metrics."""

    start: date
    end: date
    checkins: dict[int, CheckIn]
    logs: dict[int, _Logs]


def _index(
    checkins: Iterable[CheckIn], session_logs: Iterable[SessionLog], start: date, end: date
) -> _DayIndex:
    """One pass each over the records (a later check-in of the same day wins)."""
    lo, hi = start.toordinal(), end.toordinal()
    by_day = {n: ci for ci in checkins if lo <= (n := ci.day.toordinal()) <= hi}
    logs: dict[int, list[SessionLog]] = {}
    for log in session_logs:
        if lo <= (n := log.day.toordinal()) <= hi:
            logs.setdefault(n, []).append(log)
    return _DayIndex(start, end, by_day, {d: tuple(v) for d, v in logs.items()})


def _daily_values(metric: str, index: _DayIndex) -> list[float | None]:
    """The metric's value for every day of the index's range, None where nothing was recorded.

    Work is per record, not per day: a list of None for the range, then each check-in (and
    each day with session logs) writes its own slot.
    """
    from_checkin, with_logs = _EXTRACT[metric]
    first = index.start.toordinal()
    values: list[float | None] = [None] * (index.end.toordinal() - first + 1)
    for n, ci in index.checkins.items():
        values[n - first] = from_checkin(ci)
    for n, day_logs in index.logs.items():
        values[n - first] = with_logs(index.checkins.get(n), day_logs)
    return values


def day_value(
    metric: str, checkin: CheckIn | None, session_logs: Sequence[SessionLog]
) -> float | None:
    """One day's value of ``metric`` from that day's records, as ``daily_series`` counts it
    (session logs, when there are any, together with the check-in; else the check-in)."""
    from_checkin, with_logs = _EXTRACT[metric]
    if session_logs:
        value = with_logs(checkin, tuple(session_logs))
    else:
        value = None if checkin is None else from_checkin(checkin)
    return None if value is None else float(value)


def _make_series(spec: MetricSpec, points: Sequence[Point], bucket: Bucket) -> Series:
    return Series(
        metric=spec.key,
        label=spec.label,
        unit=spec.unit,
        points=tuple(points),
        target=spec.target,
        target_label=spec.target_label,
        higher_is_better=spec.higher_is_better,
        bucket=bucket,
        aggregate=spec.aggregate,
        upper_limit=spec.upper_limit,
        upper_label=spec.upper_label,
        y_min=spec.y_min,
        y_max=spec.y_max,
    )


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise ValueError(f"end ({end.isoformat()}) is before start ({start.isoformat()})")


def daily_series(
    metric: str,
    checkins: Iterable[CheckIn],
    session_logs: Iterable[SessionLog],
    start: date,
    end: date,
) -> Series:
    """One point per day from ``start`` to ``end`` (inclusive); days without a value are None."""
    spec = _spec(metric)
    _check_range(start, end)
    values = _daily_values(metric, _index(checkins, session_logs, start, end))
    points = [
        Point(start + timedelta(days=i), None if v is None else float(v), int(v is not None), 1)
        for i, v in enumerate(values)
    ]
    return _make_series(spec, points, "day")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


# How a week's recorded days become one number (percent: days are 0 or 100, so the mean).
_COMBINE: dict[str, Callable[[list[float]], float]] = {
    "mean": _mean,
    "percent": _mean,
    "max": max,
    "sum": sum,
    "count": sum,
}


def weekly_series(
    metric: str,
    checkins: Iterable[CheckIn],
    session_logs: Iterable[SessionLog],
    start: date,
    end: date,
) -> Series:
    """One point per ISO week (Monday first) touching [start, end].

    Only days inside the range count; a clipped first/last week has ``span`` < 7. A week with no
    recorded day is None. Sums are not scaled up for partial weeks (see the module docstring).
    """
    _check_range(start, end)
    return _weekly(metric, _index(checkins, session_logs, start, end))


def _weekly(metric: str, index: _DayIndex) -> Series:
    spec = _spec(metric)
    values = _daily_values(metric, index)
    combine = _COMBINE[spec.aggregate]
    n = len(values)
    first = min(n, 7 - index.start.weekday())  # the first week may start mid-week
    bounds = [0, *range(first, n, 7), n]
    monday = _monday(index.start).toordinal()
    points = []
    for i in range(len(bounds) - 1):
        lo, hi = bounds[i], bounds[i + 1]
        recorded = [v for v in values[lo:hi] if v is not None]
        value = float(combine(recorded)) if recorded else None
        points.append(Point(date.fromordinal(monday + 7 * i), value, len(recorded), hi - lo))
    return _make_series(spec, points, "week")


def range_start(
    range_key: str,
    checkins: Iterable[CheckIn],
    session_logs: Iterable[SessionLog],
    today: date,
) -> date:
    """First day of a named range ending today; "all" starts at the first record (or today)."""
    if range_key not in RANGES:
        raise ValueError(f"unknown range {range_key!r}; known: {', '.join(RANGES)}")
    days = RANGES[range_key]
    if days is not None:
        return today - timedelta(days=days - 1)
    first_checkin = min(map(attrgetter("day"), checkins), default=today)
    first_log = min(map(attrgetter("day"), session_logs), default=today)
    return _first_shown(first_checkin, first_log, today)


def all_time_start(
    checkins: Sequence[CheckIn], session_logs: Sequence[SessionLog], today: date
) -> date:
    """``range_start("all", ...)`` for records oldest first (as the store gives them): the
    first of each list, not a pass over 30 years."""
    return _first_shown(
        checkins[0].day if checkins else today,
        session_logs[0].day if session_logs else today,
        today,
    )


def _first_shown(first_checkin: date, first_log: date, today: date) -> date:
    """The earliest record's day; records dated after today are not shown."""
    return min(first_checkin, first_log, today)


def series_for_range(
    metric: str,
    range_key: str,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    today: date,
) -> Series:
    """The series the trends screen shows: days for "2w", ISO weeks for "3m", "1y" and "all".

    "all" keeps ISO weeks even over 10 years (about 520 points); :func:`rebin` merges them to
    the plot's width at drawing time, so the data stays weekly for summaries.
    """
    start = range_start(range_key, checkins, session_logs, today)
    if range_key == "2w":
        return daily_series(metric, checkins, session_logs, start, today)
    return weekly_series(metric, checkins, session_logs, start, today)


# --------------------------------------------------------------------------- all time, again


@dataclass(frozen=True)
class Made:
    """A weekly series and what it was made from, so the next one can start from it."""

    series: Series
    start: date
    end: date
    checkins: Sequence[CheckIn]
    session_logs: Sequence[SessionLog]


def _same_until(before: Sequence[Any], after: Sequence[Any]) -> date:
    """The first day at which two lists of records (oldest first) may differ: the day of the
    first record that is not the same in both (``date.max`` when the lists are equal).

    Records are immutable, and the store hands the same record objects out until one is saved
    or the file is read again, so "the same" is the same object: found by one pass at C speed
    that copies nothing (a slice of 30 years of records touches every record's reference
    count, most of them gone cold in memory). A record read again counts as changed: only
    more weeks are made again."""
    if before is after:  # the usual case when the screen shows again
        return date.max
    size = min(len(before), len(after))
    low = next(compress(range(size), map(is_not, before, after)), size)
    days = [records[low].day for records in (before, after) if low < len(records)]
    return min(days, default=date.max)


def _made_afresh(
    metric: str,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    start: date,
    end: date,
) -> Made:
    series = weekly_series(metric, checkins, session_logs, start, end)
    return Made(series, start, end, checkins, session_logs)


def weekly_series_again(
    made: Made | None,
    metric: str,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    start: date,
    end: date,
    *,
    same_until: date | None = None,
) -> Made:
    """``weekly_series(metric, checkins, session_logs, start, end)``, with the weeks of an
    earlier one (``made``) that nothing can have changed taken as they are.

    "All time" over 30 years sums 11,000 days into 1,500 weeks; after a check-in of today is
    saved only this week differs. A week is taken from ``made`` when it lies wholly before
    the first record that differs between then and now, and wholly inside both ranges (with
    the same start); every later week is made again from the records of those weeks only.
    Records must be oldest first (as the store gives them). ``same_until``: that first day,
    when the caller knows it (the store does for a history it patched: see
    ``Store.same_until``); else both lists are compared.
    """
    _check_range(start, end)
    if made is None or made.series.metric != metric or made.start != start:
        return _made_afresh(metric, checkins, session_logs, start, end)
    if same_until is None:
        same_until = min(
            _same_until(made.checkins, checkins), _same_until(made.session_logs, session_logs)
        )
    same_until = min(same_until, made.end + timedelta(days=1), end + timedelta(days=1))
    before, monday = made.series, _monday(start)
    # week i (from monday + 7 i) is kept when its Sunday comes before same_until
    kept = min(len(before.points), max(0, (same_until - monday).days // 7))
    if kept == 0:
        return _made_afresh(metric, checkins, session_logs, start, end)
    again_from = monday + timedelta(days=7 * kept)  # a Monday after start
    again: tuple[Point, ...] = ()
    if again_from <= end:
        day = attrgetter("day")
        recent_checkins = checkins[bisect_left(checkins, again_from, key=day) :]
        recent_logs = session_logs[bisect_left(session_logs, again_from, key=day) :]
        index = _index(recent_checkins, recent_logs, again_from, end)
        again = _weekly(metric, index).points
    # only the weeks made again are compared: a copy of 1,500 kept weeks touches each one
    if made.end == end and again == before.points[kept:]:
        return made  # nothing changed: the same series (a drawing of it can be kept)
    series = replace(before, points=before.points[:kept] + again)
    return Made(series, start, end, checkins, session_logs)


# --------------------------------------------------------------------------- kept weeks

# the rules of kept weeks (store/weeks.py): coach/kept_weeks.py
WEEKLY_METRICS: tuple[str, ...] = tuple(_EXTRACT)


# weeks summed together by ``rows_to_keep``: a season of records held at a time
KEPT_PIECE_WEEKS = 13


class _Oldest:
    """Records given oldest first, one at a time, taken a piece of days at a time."""

    def __init__(self, records: Iterable[Any]) -> None:
        self._rest = iter(records)
        self.first = self._next = next(self._rest, None)

    def until(self, last: date) -> list[Any]:
        """The records not taken yet dated up to ``last``."""
        taken = []
        while self._next is not None and self._next.day <= last:
            taken.append(self._next)
            self._next = next(self._rest, None)
        return taken


def rows_to_keep(
    checkins: Iterable[CheckIn],
    session_logs: Iterable[SessionLog],
    today: date,
    *,
    piece_weeks: int = KEPT_PIECE_WEEKS,
) -> tuple[date, date, dict[str, list[Any]]] | None:
    """(start, cut, rows) to keep for a whole history, as ``kept_rows`` makes them, for
    records given oldest first one at a time (the store's streams): a season of weeks is summed
    at a time (``piece_weeks``), so an import of 30 years holds a season of records, not all
    of them. Rows are tuples, one object per distinct row. None when no week comes before
    the cut."""
    checkins_left, logs_left = _Oldest(checkins), _Oldest(session_logs)
    first_checkin, first_log = checkins_left.first, logs_left.first
    start = _first_shown(
        first_checkin.day if first_checkin is not None else today,
        first_log.day if first_log is not None else today,
        today,
    )
    cut = kept_weeks_cut(today)
    if start >= cut:
        return None
    rows: dict[str, list[Any]] = {metric: [] for metric in WEEKLY_METRICS}
    # one object per distinct row (30 years: 21,840 rows, about 1,700 distinct). A value is
    # None or a float from sums and means of numbers of at least 0 (never -0.0): rows equal
    # as tuples are written alike
    distinct: dict[tuple[float | None, int, int], tuple[float | None, int, int]] = {}
    one_of = distinct.setdefault
    piece_start, monday = start, _monday(start)
    while piece_start < cut:
        monday += timedelta(weeks=piece_weeks)
        piece_end = min(monday, cut) - timedelta(days=1)
        piece = checkins_left.until(piece_end), logs_left.until(piece_end)
        index = _index(*piece, piece_start, piece_end)
        for metric in WEEKLY_METRICS:
            points = _weekly(metric, index).points
            rows[metric] += [one_of(row := (p.value, p.days, p.span), row) for p in points]
        piece_start = monday
    return start, cut, rows


def kept_rows(
    checkins: Sequence[CheckIn], session_logs: Sequence[SessionLog], start: date, cut: date
) -> Iterator[tuple[str, list[list[Any]]]]:
    """Every weekly metric's weeks from ``start`` to the day before ``cut`` (a Monday) as
    rows [value, days, span], one metric at a time (30 years: about 5 ms each), to be kept
    (store/weeks.py) and made into a series again by ``made_from_kept``."""
    _check_range(start, cut - timedelta(days=1))
    index = _index(checkins, session_logs, start, cut - timedelta(days=1))
    for metric in WEEKLY_METRICS:
        yield metric, [[p.value, p.days, p.span] for p in _weekly(metric, index).points]


def kept_rows_again(
    kept: Callable[[str], Any],
    start: date,
    cut: date,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    new_cut: date,
) -> Iterator[tuple[str, list[list[Any]] | None]]:
    """``kept_rows`` until ``new_cut``, made from kept rows until ``cut`` (``kept(metric)``)
    and the records from ``cut`` on (oldest first): weeks kept a while ago are carried on
    without the records before ``cut``. A metric whose kept rows do not fit gives None."""
    end = new_cut - timedelta(days=1)
    for metric in WEEKLY_METRICS:
        made = made_from_kept(metric, kept(metric), start, cut)
        if made is None or new_cut <= cut:
            yield metric, None
            continue
        again = weekly_series_again(
            made, metric, checkins, session_logs, start, end, same_until=cut
        )
        yield metric, [[p.value, p.days, p.span] for p in again.series.points]


def _kept_points(monday: date, rows: list[Any]) -> list[Point] | None:
    """The weeks of kept rows from ``monday`` on, or None if a row is not one ``kept_rows``
    makes. One tight loop (30 years: 1,560 rows in about 0.7 ms): it is paid each time a
    metric's "all time" is first shown in a session."""
    first, day = monday.toordinal(), date.fromordinal
    points: list[Point] = []
    append = points.append
    for week, row in enumerate(rows):
        if type(row) is not list or len(row) != 3:
            return None
        value, days, span = row
        if type(days) is not int or type(span) is not int or not 0 <= days <= span <= 7 or span < 1:
            return None
        if type(value) is int:
            if not -(2**53) <= value <= 2**53:  # a float would round or overflow it
                return None
            value = float(value)
        elif value is not None and (type(value) is not float or not math.isfinite(value)):
            return None
        append(Point(day(first + 7 * week), value, days, span))
    return points


def made_from_kept(metric: str, rows: Any, start: date, cut: date) -> Made | None:
    """The weekly series of ``metric`` from ``start`` until ``cut`` made from kept rows
    (``kept_rows``), to be carried on to today by ``weekly_series_again`` with
    ``same_until=cut`` and the records from ``cut`` on; None if the rows do not fit."""
    monday = _monday(start)
    if not isinstance(rows, list) or len(rows) != (cut - monday).days // 7 or start >= cut:
        return None
    points = _kept_points(monday, rows)
    if points is None:
        return None
    series = _make_series(_spec(metric), points, "week")
    return Made(series, start, cut - timedelta(days=1), (), ())


def combined_pain_exercise(
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    start: date,
    end: date,
) -> tuple[Series, Series]:
    """Weekly mean worst pain and weekly exercise minutes over the same ISO weeks."""
    _check_range(start, end)
    index = _index(checkins, session_logs, start, end)
    return _weekly("pain", index), _weekly("exercise_min", index)


# --------------------------------------------------------------------------- DXA


def t_score_series(dxa_scans: Iterable[DxaScan], site: str | None = None) -> Series:
    """T-scores over time, one point per scan day: the lowest site of that day (what guidelines
    use), or one site's value when ``site`` is given."""
    if site is not None and site not in DXA_SITES:
        raise ValueError(f"unknown site {site!r}; known: {', '.join(DXA_SITES)}")
    by_day: dict[date, float] = {}
    for scan in dxa_scans:
        if site is not None and scan.site != site:
            continue
        current = by_day.get(scan.day)
        by_day[scan.day] = scan.t_score if current is None else min(current, scan.t_score)
    points = tuple(Point(d, by_day[d], 1, 1) for d in sorted(by_day))
    series = _make_series(METRICS["t_score"], points, "scan")
    if site is not None:
        series = replace(series, label=f"T-score, {DXA_SITE_LABELS[site]}")
    return series


def t_score_sites(dxa_scans: Sequence[DxaScan]) -> dict[str, Series]:
    """One T-score series per site that has at least one scan."""
    sites = {scan.site for scan in dxa_scans}
    return {s: t_score_series(dxa_scans, s) for s in DXA_SITES if s in sites}


# --------------------------------------------------------------------------- rebinning


def _merge(kind: Aggregate, points: Sequence[Point]) -> Point:
    recorded = [p for p in points if p.value is not None]
    days = sum(p.days for p in points)
    span = sum(p.span for p in points)
    value: float | None = None
    if recorded:
        if kind == "max":
            value = max(p.value for p in recorded)  # type: ignore[type-var]
        elif kind in ("mean", "percent"):
            weight = sum(p.days for p in recorded) or len(recorded)
            value = sum(p.value * (p.days or 1) for p in recorded) / weight  # type: ignore[operator]
        else:  # sum / count per bucket: keep "per bucket" by averaging the recorded buckets
            value = sum(p.value for p in recorded) / len(recorded)  # type: ignore[misc]
    return Point(points[0].start, value, days, span)


_REBINNED: dict[tuple[int, int], tuple[Series, Series]] = {}  # see rebin; oldest use first
REBINNED_KEPT = 8  # a view draws one or two series; a ninth drops the merge used longest ago


def rebin(series: Series, max_points: int) -> Series:
    """Merge consecutive points so that at most ``max_points`` remain (for drawing only).

    A terminal 80 columns wide cannot show 520 weeks; merging k weeks per point keeps the meaning
    of the axis: means are weighted by recorded days, maxima stay maxima, and per-week sums become
    the average week of the recorded weeks (never scaled, gaps never zero). Groups are aligned
    to the newest point so the latest data is a full group.
    """
    n = len(series.points)
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    if n <= max_points or series.bucket == "scan":
        return series
    # the same series drawn again (a redraw, all time shown again unchanged): merged once.
    # Keyed by identity, with the series kept so that its id cannot be another's.
    key = (id(series), max_points)
    kept = _REBINNED.get(key)
    if kept is not None and kept[0] is series:
        _REBINNED[key] = _REBINNED.pop(key)  # used last: dropped last
        return kept[1]
    earlier = _earlier_merge(series, max_points, n)
    merged = _rebin(series, max_points, n, earlier)
    _REBINNED[key] = (series, merged)
    while len(_REBINNED) > REBINNED_KEPT:  # the merge used longest ago goes, not every merge
        del _REBINNED[next(iter(_REBINNED))]
    return merged


def _earlier_merge(series: Series, max_points: int, n: int) -> tuple[Series, Series] | None:
    """A merge kept of a series with the same number of points, merged the same way, that
    starts with the same point objects (the same metric before today's check-in was saved):
    its groups before the first point that differs are taken as they are."""
    for (_, size), (before, merged) in reversed(_REBINNED.items()):
        if (
            size == max_points
            and len(before.points) == n
            and before.aggregate == series.aggregate
            and before.points[0] is series.points[0]
        ):
            return before, merged
    return None


def _rebin(
    series: Series, max_points: int, n: int, earlier: tuple[Series, Series] | None = None
) -> Series:
    k = math.ceil(n / max_points)
    first = n % k
    starts = [*([0] if first else []), *range(first, n, k)]
    ends = [*starts[1:], n]
    taken: tuple[Point, ...] = ()
    if earlier is not None:  # 30 years after a check-in: 1,500 weeks not merged again
        before, merged = earlier
        same = next(compress(range(n), map(is_not, before.points, series.points)), n)
        taken = merged.points[: bisect_right(ends, same)]
    points = taken + tuple(
        _merge(series.aggregate, series.points[start:end])
        for start, end in zip(starts[len(taken) :], ends[len(taken) :], strict=True)
    )
    return replace(series, points=points, merged=series.merged * k)


# --------------------------------------------------------------------------- words


def short_date(day: date) -> str:
    """'3 Mar 2025': unambiguous in every locale (no month/day order to guess)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _fmt(value: float, decimals: int) -> str:
    if decimals <= 0:
        return f"{round(value, decimals):,.0f}"
    return f"{value:.{decimals}f}"


@dataclass(frozen=True)
class _Window:
    value: float | None  # the summary number (mean, max, per-week average, %, or total)
    days: int  # recorded days
    buckets: int  # buckets with data
    size: int  # buckets in the window
    taken: int = 0  # adherence: days taken


def _window(series: Series, points: Sequence[Point]) -> _Window:
    recorded = [p for p in points if p.value is not None]
    days = sum(p.days for p in recorded)
    if not recorded:
        return _Window(None, 0, 0, len(points))
    kind = series.aggregate
    taken = 0
    if kind == "max":
        value: float = max(p.value for p in recorded)  # type: ignore[type-var]
    elif kind in ("mean", "percent"):
        total = sum(p.value * p.days for p in recorded)  # type: ignore[operator]
        value = total / days if days else 0.0
        taken = round(total / 100) if kind == "percent" else 0
    elif kind == "count" or series.bucket == "day":  # totals: events, or minutes of 7 days
        value = sum(p.value for p in recorded)  # type: ignore[misc]
    else:
        value = sum(p.value for p in recorded) / len(recorded)  # type: ignore[misc]
    return _Window(value, days, len(recorded), len(points), taken)


def _target_clause(series: Series, spec: MetricSpec, value: float) -> str:
    if series.target is None:
        return ""
    t = series.target
    if series.metric in ("pain", "pain_max"):
        if value >= t:
            return f"; at or above {_fmt(t, 0)}: worth raising with your care team"
        return f"; below {_fmt(t, 0)}"
    if series.metric == "t_score":
        if value <= t:
            return f"; at or below {t}, the osteoporosis range: discuss with your care team"
        return f"; above {t}"
    if series.upper_limit is not None and value > series.upper_limit:
        return f"; above the {series.upper_label}"
    per_week = " a week" if series.bucket == "day" and spec.aggregate == "sum" else ""
    words = {"calcium": " mg", "vitamin_d": " IU"}.get(series.metric, "")
    return f"; target {_fmt(t, 0)}{words}{per_week}"


def _compare(now: float, before: float | None, decimals: int, period: str, suffix: str = "") -> str:
    if before is None:
        return ""
    a, b = _fmt(now, decimals), _fmt(before, decimals)
    if a == b:
        return f", about the same as the {period} before"
    direction = "up" if now > before else "down"
    return f", {direction} from {b}{suffix} the {period} before"


def _count_compare(before: float | None, period: str) -> str:
    """Events are counted, not trended: "; none in the 4 weeks before" reads better than "down"."""
    if before is None:
        return ""
    count = round(before)
    return f"; {'none' if count == 0 else count} in the {period} before"


def _t_score_summary(series: Series, today: date) -> str:
    points = [p for p in series.points if p.start <= today and p.value is not None]
    if not points:
        return "No DXA scans recorded yet."
    last = points[-1]
    assert last.value is not None
    text = f"{series.label} {last.value:.1f} on {short_date(last.start)}"
    if len(points) > 1:
        prev = points[-2]
        assert prev.value is not None
        if f"{prev.value:.1f}" == f"{last.value:.1f}":
            text += f", the same as on {short_date(prev.start)}"
        else:
            direction = "up" if last.value > prev.value else "down"
            text += f", {direction} from {prev.value:.1f} on {short_date(prev.start)}"
    return text + _target_clause(series, series.spec, last.value) + "."


def summary(series: Series, today: date) -> str:
    """One plain-language line about the latest weeks (or days) against the ones before.

    Weekly series compare the last 4 weeks with the 4 before (13 with 13 when the range spans
    more than half a year); daily series the last 7 days with the 7 before. Minutes and session
    counts are averaged over full weeks only (the week in progress would drag a per-week figure
    down); means include the current week. The target is named where there is one. No colour
    words: the screen may be monochrome.

    It never claims more than the data holds: when the records start inside the window it says
    "since <date>" rather than "over the last 4 weeks" (whatever the range), and an average or
    a highest value from few days says how many days it comes from.
    """
    if series.metric == "t_score":
        return _t_score_summary(series, today)
    spec = series.spec
    points = [p for p in series.points if p.start <= today]
    if not any(p.value is not None for p in points):
        return f"No {spec.noun} recorded in this range yet."

    daily = series.bucket == "day"
    per_week = not daily and spec.aggregate == "sum"
    if per_week and points[-1].span < 7 * series.merged:
        points = points[:-1]  # the week in progress is not a full week yet
    if daily:
        n, length, unit_word = SUMMARY_DAYS, SUMMARY_DAYS, "days"
    else:
        # 3 months compares 4 weeks with 4 weeks; a year or more compares quarters (13 weeks)
        span_weeks = len(series.points) * series.merged
        window = SUMMARY_WEEKS if span_weeks <= LONG_RANGE_WEEKS else SUMMARY_QUARTER_WEEKS
        n = max(1, window // series.merged)
        length, unit_word = n * series.merged, "weeks"
    period = f"{length} {'full ' if per_week else ''}{unit_word}"
    before_period = f"{length} {unit_word}"

    now = _window(series, points[-n:])
    before = _window(series, points[-2 * n : -n]) if len(points) > n else None
    if now.value is None:
        last = next((p for p in reversed(points) if p.value is not None), None)
        if last is None:  # only the dropped week in progress had data
            return f"No full week of {spec.noun} recorded in this range yet."
        when = short_date(last.start) if daily else f"the week of {short_date(last.start)}"
        return f"No {spec.noun} recorded in the last {period}; last recorded {when}."

    window = points[-n:]
    first = next(p for p in points if p.value is not None)
    if len(points) < n or first.start > window[0].start:  # records begin inside the window
        since = short_date(first.start) if daily else f"the week of {short_date(first.start)}"
        over = within = f"since {since}"
    else:
        over, within = f"over the last {period}", f"in the last {period}"
    window_days = length if daily else length * 7
    few_days = ""
    if spec.aggregate in ("mean", "max") and now.days < 0.75 * window_days:
        few_days = f" ({now.days} day{'s' if now.days != 1 else ''} recorded)"

    d = spec.decimals
    prev = before.value if before is not None else None
    cmp = _compare(now.value, prev, d, before_period)
    target = _target_clause(series, spec, now.value)
    coverage = ""
    if per_week and now.buckets < len(points[-n:]):
        coverage = f" ({now.buckets} of {len(points[-n:])} weeks recorded)"

    kind = spec.aggregate
    if kind == "mean":
        per = f" {spec.unit}" if spec.unit.endswith("/day") else ""
        text = f"Average {spec.noun} {_fmt(now.value, d)}{per} {over}{few_days}"
    elif kind == "max":
        text = f"Highest {spec.noun} {_fmt(now.value, d)} {within}{few_days}"
    elif kind == "percent":
        text = (
            f"Aromatase inhibitor taken on {now.taken} of {now.days} recorded days "
            f"({_fmt(now.value, 0)}%) {within}"
        )
        cmp = _compare(now.value, prev, 0, before_period, "%")
    elif kind == "count":
        count = round(now.value)
        things = spec.noun if count != 1 else spec.noun.rstrip("s")
        text = (
            f"No {spec.noun} recorded {within}"
            if count == 0
            else f"{count} {things} recorded {within}"
        )
        cmp = _count_compare(prev, before_period)
    elif daily:  # a plain total of whole minutes or whole session days
        text = f"{spec.label}: {_fmt(now.value, 0)} {within}"
        cmp = _compare(now.value, prev, 0, before_period)
    else:
        text = f"{spec.label}: {_fmt(now.value, d)} a week on average {over}"
    return f"{text}{coverage}{cmp}{target}."


# --------------------------------------------------------------------------- sparkline

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_GAP = "·"


def sparkline(
    values: Sequence[float | None], low: float | None = None, high: float | None = None
) -> str:
    """A one-line block chart for the home screen; a gap (None) is "·", never the lowest bar.

    ``low``/``high`` fix the scale (pain 0-10) so two days read the same on every screen; without
    them the recorded values set it. A constant series with no fixed scale draws the lowest bar
    (flat, nothing to compare). Values outside the scale are clamped.
    """
    recorded = [v for v in values if v is not None]
    if not recorded:
        return SPARK_GAP * len(values)
    lo = min(recorded) if low is None else low
    hi = max(recorded) if high is None else high
    top = len(SPARK_BLOCKS) - 1
    out = []
    for v in values:
        if v is None:
            out.append(SPARK_GAP)
        elif hi <= lo:
            out.append(SPARK_BLOCKS[0])
        else:
            frac = (min(max(v, lo), hi) - lo) / (hi - lo)
            out.append(SPARK_BLOCKS[round(frac * top)])
    return "".join(out)
