"""How long a 10-year trends plot takes to build, beside plotext drawing the raw daily points.

Run: ``.venv/bin/python benchmarks/trends_bench.py``

Data: 3,650 days of synthetic check-ins (random.Random(1); about 12% of days missing, plus a
few multi-week breaks), a session log on some days, and a DXA scan every two years.

Baseline (a): plotext alone draws 3,650 daily points (one a day, no gaps) the way plotext is
normally used for numbers: ``clear_figure(); plotsize(w, h); plot(x, y); build()`` with x as day
ordinals. That is the fastest plotext path, so the ratio below is measured against it. plotext's
date-string path (``date_form("d/m/Y")`` and ``plot(date_strings, y)``, as its docs show for
dates) parses every string and is slower; it is printed for reference only.

Ours (b): for each metric, range "all": ``coach.trends.series_for_range`` (aggregate to ISO weeks)
+ ``screens.widgets.plot.draw_series`` (the function the trends screen uses: rebin to the width,
target line, labels, date ticks) + ``build()``.

Each row times ours and the baseline turn about (median of REPEATS each, after a warm-up), so
both sides see the same machine load; the ratio is ours / baseline. Target: at 80x24 every
metric builds in at most 0.25x the baseline's time. Exit code is always 0: this is a report.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

import plotext as plt

from coach import trends
from coach.models import CheckIn, DxaScan, SessionLog
from screens.widgets.plot import draw_combined, draw_series

DAYS = 3650
TODAY = date(2025, 6, 30)
REPEATS = 9
SIZES = ((80, 24), (200, 50))
TARGET_RATIO = 0.25
TARGET_SIZE = (80, 24)


def synthetic(
    days: int = DAYS, today: date = TODAY
) -> tuple[list[CheckIn], list[SessionLog], list[DxaScan], list[float]]:
    """Deterministic check-ins, session logs, scans, and the gap-free daily pain signal."""
    rng = random.Random(1)
    checkins: list[CheckIn] = []
    logs: list[SessionLog] = []
    signal: list[float] = []
    pain = 3.0
    away = 0
    for i in range(days):
        day = today - timedelta(days=days - 1 - i)
        pain = min(10.0, max(0.0, pain + rng.uniform(-0.8, 0.8)))
        signal.append(round(pain))
        if away:
            away -= 1
            continue
        if rng.random() < 0.004:
            away = rng.randint(7, 30)  # a holiday or a hospital stay: weeks without check-ins
        if rng.random() < 0.12:
            continue
        kind = rng.random()
        aerobic = rng.choice([0, 0, 20, 30, 45, 60])
        resistance = rng.choice([0, 0, 0, 20, 30])
        checkins.append(
            CheckIn(
                day=day,
                pain=round(pain),
                interference=min(4, round(pain / 2.5)),
                ai_taken=rng.random() < 0.94,
                aerobic_min=aerobic if kind > 0.1 else None,
                resistance_min=resistance if kind > 0.1 else None,
                balance_min=rng.choice([None, 0, 10, 15]),
                calcium_food_mg=rng.randint(400, 1300),
                calcium_supplement_mg=rng.choice([None, 0, 500]),
                vitamin_d_iu=rng.choice([None, 800, 1000]),
                fatigue=rng.randint(0, 10),
                mood=rng.randint(1, 5),
                fall=rng.random() < 0.005,
            )
        )
        if kind <= 0.1 and rng.random() < 0.5:  # minutes only in a session log that day
            logs.append(SessionLog(day=day, session_id=f"s{i}", aerobic_min=20, resistance_min=15))
    scans = [
        DxaScan(day=today - timedelta(days=730 * k), site=site, t_score=t - 0.15 * (5 - k))
        for k in range(5)
        for site, t in (("lumbar_spine", -1.0), ("total_hip", -1.4), ("femoral_neck", -1.6))
    ]
    return checkins, logs, scans, signal


def median_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of ``fn`` in milliseconds, after one warm-up run."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def paired_ms(
    ours: Callable[[], object], base: Callable[[], object], repeats: int = REPEATS
) -> tuple[float, float]:
    """Medians (ms) of ``ours`` and ``base`` timed turn about, after a warm-up of each.

    Timing them in alternation keeps a busy or throttled machine from favouring one side: on a
    shared 2-CPU box a lone baseline figure moved between 55 and 100 ms from run to run.
    """
    ours()
    base()
    t_ours, t_base = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        base()
        t_base.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours()
        t_ours.append(time.perf_counter() - start)
    return statistics.median(t_ours) * 1000, statistics.median(t_base) * 1000


def baseline_numeric(xs: list[int], ys: list[float], w: int, h: int) -> str:
    plt.clear_figure()
    plt.limitsize(False, False)  # else plotext clips to the terminal (80x24 when piped)
    plt.plotsize(w, h)
    plt.plot(xs, ys)
    return plt.build()


def baseline_dates(ds: list[str], ys: list[float], w: int, h: int) -> str:
    plt.clear_figure()
    plt.limitsize(False, False)
    plt.plotsize(w, h)
    plt.date_form("d/m/Y")
    plt.plot(ds, ys)
    return plt.build()


def main() -> int:
    checkins, logs, scans, signal = synthetic()
    first = TODAY - timedelta(days=DAYS - 1)
    days = [first + timedelta(days=i) for i in range(DAYS)]
    xs = [d.toordinal() for d in days]
    ds = [d.strftime("%d/%m/%Y") for d in days]

    print(
        f"bonecoach trends benchmark: {DAYS} days, {len(checkins)} check-ins, "
        f"{len(logs)} session logs, {len(scans)} DXA results; median of {REPEATS} after a warm-up"
    )
    for w, h in SIZES:
        numeric_ms = median_ms(lambda w=w, h=h: baseline_numeric(xs, signal, w, h))
        dates_ms = median_ms(lambda w=w, h=h: baseline_dates(ds, signal, w, h))
        print(
            f"plotext raw {DAYS} daily points at {w}x{h}: numeric x {numeric_ms:.1f} ms, "
            f"date-string x {dates_ms:.1f} ms (reference; rows below re-time the numeric path)"
        )

    def ours(metric: str, w: int, h: int) -> str:
        if metric == "t_score":
            series = trends.t_score_series(scans)
        else:
            series = trends.series_for_range(metric, "all", checkins, logs, TODAY)
        draw_series(plt, series, w, h, no_color=False)
        return plt.build()

    def combined(w: int, h: int) -> str:
        start = trends.range_start("all", checkins, logs, TODAY)
        pain, exercise = trends.combined_pain_exercise(checkins, logs, start, TODAY)
        draw_combined(plt, pain, exercise, w, h, no_color=False)
        return plt.build()

    rows: list[tuple[str, str, float, float, float]] = []
    jobs: list[tuple[str, Callable[[int, int], object]]] = [
        (metric, lambda w, h, m=metric: ours(m, w, h))
        for metric in (*trends.CHECKIN_METRICS, "t_score")
    ]
    jobs.append(("pain+exercise (2 panels)", combined))
    for name, job in jobs:
        for w, h in SIZES:
            ms, raw = paired_ms(
                lambda job=job, w=w, h=h: job(w, h),
                lambda w=w, h=h: baseline_numeric(xs, signal, w, h),
            )
            rows.append((name, f"{w}x{h}", ms, raw, ms / raw))

    print()
    print(f"{'metric':<26} {'size':>7} {'ours ms':>9} {'plotext raw ms':>15} {'ratio':>7}")
    for metric, size, ms, raw, ratio in rows:
        print(f"{metric:<26} {size:>7} {ms:>9.1f} {raw:>15.1f} {ratio:>7.2f}")

    target_size = f"{TARGET_SIZE[0]}x{TARGET_SIZE[1]}"
    worst = max(rows, key=lambda r: r[4])
    worst_target = max((r for r in rows if r[1] == target_size), key=lambda r: r[4])
    print()
    print(f"worst ratio overall: {worst[4]:.2f} ({worst[0]}, {worst[1]})")
    print(f"worst ratio at {target_size}: {worst_target[4]:.2f} ({worst_target[0]})")
    met = worst_target[4] <= TARGET_RATIO
    verdict = "TARGET MET" if met else "TARGET MISSED"
    print(
        f"{verdict}: a 10-year plot at {target_size} builds in <= {TARGET_RATIO}x "
        f"of plotext's time for the raw daily points (worst {worst_target[4]:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
