"""A trends plot from the records to the drawn text, beside stock TinyDB + plotext drawing the
same points the same way, at 1, 10 and 30 years.

Ours, as the trends screen does it: the store (open, as in the app) gives the check-ins and
session logs the range covers (all of them for "all"), and the DXA scans
(``TrendsScreen._read``), ``coach.trends.series_for_range`` makes
the series and ``screens.widgets.plot.draw_series`` draws it (rebinned to the width, target line,
labels, date ticks), then plotext builds the text.

Baseline, the straightforward way to the same picture: stock TinyDB (JSONStorage behind
CachingMiddleware, opened once: the stock equivalent of an open store) reads only the records
the range covers (``where("day") >= first day``), the same ``coach`` functions make the same
series, and plain plotext draws the same rebinned points with the same marker ("dot") and the
same target line, then builds. Both sides draw at PLOT_SIZE (the plot area of the trends screen
at 80x24) into the plotext module.

Jobs are timed turn about (medians of --repeats after a warm-up). No issue target compares the
two sides (printed for reference); the target is on growth: at 30 years within 1.3x the 1-year
time, as for every screen (issue 15).

Run: python benchmarks/trends_bench.py [--repeats 9] [--years 1 10 30] [--quick]
Takes about 20 s.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

import plotext as plt
from _common import (
    Row,
    bench_args,
    bench_parser,
    diaries,
    fine_ms,
    finish,
    fresh_copy,
    growth_row,
    interleaved,
    median,
    ratio_row,
    size_label,
    stopwatch,
)
from tinydb import TinyDB, where
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import JSONStorage

from coach import trends
from coach.models import CheckIn, SessionLog
from screens.widgets.plot import DATA_MARKER, TARGET_MARKER, draw_series, max_points
from store.db import Store

PLOT_SIZE = (78, 16)
VIEWS = (("pain", "3m"), ("pain", "all"), ("aerobic_min", "3m"), ("aerobic_min", "all"))


def ours(store: Store, metric: str, range_key: str, today: date) -> str:
    days = trends.RANGES[range_key]  # the screen reads what the range shows (TrendsScreen._read)
    start = None if days is None else today - timedelta(days=days - 1)
    end = today if start else None
    checkins, logs = store.checkins(start, end), store.session_logs(start, end)
    store.dxa_scans()  # the screen reads them too (for the T-score metric)
    series = trends.series_for_range(metric, range_key, checkins, logs, today)
    draw_series(plt, series, *PLOT_SIZE)
    return plt.build()


def stock(db: TinyDB, metric: str, range_key: str, today: date) -> str:
    days = trends.RANGES[range_key]
    if days is None:
        checkins = [CheckIn.from_dict(d) for d in db.table("checkins", cache_size=0).all()]
        logs = [SessionLog.from_dict(d) for d in db.table("sessions", cache_size=0).all()]
    else:
        first = trends.range_start(range_key, [], [], today).isoformat()
        since = where("day") >= first
        checkins = [CheckIn.from_dict(d) for d in db.table("checkins", cache_size=0).search(since)]
        logs = [SessionLog.from_dict(d) for d in db.table("sessions", cache_size=0).search(since)]
    series = trends.series_for_range(metric, range_key, checkins, logs, today)
    shown = [
        p for p in trends.rebin(series, max_points(PLOT_SIZE[0])).points if p.value is not None
    ]
    xs = [p.start.toordinal() for p in shown]
    plt.clear_figure()
    plt.limitsize(False, False)
    plt.plotsize(*PLOT_SIZE)
    if series.target is not None and xs:
        plt.plot([xs[0], xs[-1]], [series.target] * 2, marker=TARGET_MARKER)
    plt.plot(xs, [p.value for p in shown], marker=DATA_MARKER)
    return plt.build()


def main(argv: Sequence[str] | None = None) -> int:
    args = bench_args(bench_parser(__doc__, repeats=9), argv)
    today = date.today()
    jobs: dict[str, Callable[[], float]] = {}
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        opened = []
        for years, diary in made.items():
            store = Store.open(fresh_copy(diary, Path(tmp) / f"{years}y-ours"), read_only=True)
            db = TinyDB(
                fresh_copy(diary, Path(tmp) / f"{years}y-stock"),
                storage=CachingMiddleware(JSONStorage),
                access_mode="r",
            )
            opened += [store, db]
            for metric, range_key in VIEWS:
                view = f"{metric}|{range_key}|{years}"
                jobs[f"ours|{view}"] = stopwatch(
                    lambda a=(store, metric, range_key, today): ours(*a)
                )
                jobs[f"stock|{view}"] = stopwatch(
                    lambda a=(db, metric, range_key, today): stock(*a)
                )
        samples = interleaved(jobs, args.repeats)
        for handle in opened:
            handle.close()
    time = {key: median(values) for key, values in samples.items()}
    rows: list[Row] = []
    for metric, range_key in VIEWS:
        what = f"trends plot {metric}, range {range_key}"
        ours_time = {years: time[f"ours|{metric}|{range_key}|{years}"] for years in args.years}
        for years in args.years:
            stock_time = time[f"stock|{metric}|{range_key}|{years}"]
            base = "stock TinyDB + plotext"
            rows.append(
                ratio_row(
                    what,
                    size_label(years),
                    ours_time[years],
                    stock_time,
                    fmt=fine_ms,
                    base_name=base,
                )
            )
        rows += growth_row(what, ours_time, fmt=fine_ms, base_name="ours")
    how = (
        f"load + series + draw + build at {PLOT_SIZE[0]}x{PLOT_SIZE[1]}, medians of "
        f"{args.repeats} interleaved runs after a warm-up"
    )
    return finish("trends", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
