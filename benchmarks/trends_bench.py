"""A trends plot from the records to the drawn text, beside stock TinyDB + plotext drawing the
same points the same way, at 1, 10 and 30 years.

Ours, as the trends screen does it: the store (open, as in the app) gives the check-ins and
session logs the range covers (all of them for "all", which the store keeps), and the DXA scans
(``TrendsScreen._read``); ``coach.trends.series_for_range`` makes the series, or for "all"
``weekly_series_again`` from the last all-time series of that metric (``TrendsScreen._all_time``:
only the weeks from the first changed record on are made again, that day told by the store:
``records_same_until``); ``screens.widgets.plot.draw_series`` draws it (rebinned to the width,
target line, labels, date ticks), then plotext builds the text. A whole history read is frozen
for the collector, as the screen does (``settle_records``). The screen also keeps whole views
until the store changes; left out here.

"after a save" views: today's check-in is saved (not timed; on both sides, on each side's own
copy of the diary) before each run, as when a person checks in and then looks at all time.

Baseline, the straightforward way to the same picture: stock TinyDB (JSONStorage behind
CachingMiddleware, opened once: the stock equivalent of an open store) reads only the records
the range covers (``where("day") >= first day``), the same ``coach`` functions make the same
series, and plain plotext draws the same rebinned points with the same marker ("dot") and the
same target line, then builds. Both sides draw at PLOT_SIZE (the plot area of the trends screen
at 80x24) into the plotext module.

Each side and each size runs in processes of its own, as each app holds one diary (ours, stock,
then stock, ours, the sizes in turn and then the other way round: half the repeats each time),
its jobs timed turn about (after a warm-up). In one process, our 30-year views were timed among
the stock side's: 30 years of dicts in the same heap, and 300 ms of its allocations between two
of ours; they read up to 1.6x our 1-year time there, against at most 1.12x in a process of our
own jobs (the same jobs, in-process). Three sizes in one process are three apps' views sharing
what one app keeps: the drawings of its last few series (``coach.trends.rebin``, 8), enough for
one app's four metrics, were dropped, and the weeks merged for drawing all over again (five
rounds at 10 and 30 years: 32 merges from scratch in one process, 14 with one diary per
process). With every size in one process, all time at 30 years read 1.14x to 1.26x its 1-year
time (after a save 1.22x to 1.34x); with one diary per process, 1.01x to 1.06x (after a save
1.15x to 1.24x), in two runs.

No issue target compares the two sides (printed for reference); the target is on growth: at 30
years within 1.3x the 1-year time, as for every screen (issue 15).

Each figure is a few milliseconds, and one run's medians of 9 moved by a third from one run to
the next (the growth of one view read 1.14x, then 1.42x, on the same code): 21 repeats.

Run: python benchmarks/trends_bench.py [--repeats 21] [--years 1 10 30] [--quick]
Takes about a minute.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from types import SimpleNamespace

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
from screens.long_lived import settle_records
from screens.trends import records_same_until
from screens.widgets.plot import DATA_MARKER, TARGET_MARKER, draw_series, max_points
from store.db import Store

PLOT_SIZE = (78, 16)
# (metric, range, after a save)
VIEWS = (
    ("pain", "3m", False),
    ("pain", "all", False),
    ("pain", "all", True),
    ("aerobic_min", "3m", False),
    ("aerobic_min", "all", False),
    ("aerobic_min", "all", True),
)
AFTER_A_SAVE = ", after a save"
SIDES = ("ours", "stock")
# The screen freezes a whole history once read, for the collector (screens.long_lived), in a
# running app; so does ours here, once for each store (each as the one store of an app).
RUNNING_APPS: dict[int, SimpleNamespace] = {}


def ours(
    store: Store, metric: str, range_key: str, today: date, made: dict[str, trends.Made]
) -> str:
    days = trends.RANGES[range_key]  # the screen reads what the range shows (TrendsScreen._read)
    start = None if days is None else today - timedelta(days=days - 1)
    end = today if start else None
    checkins, logs = store.checkins(start, end), store.session_logs(start, end)
    store.dxa_scans()  # the screen reads them too (for the T-score metric)
    if days is None:  # TrendsScreen._read, then TrendsScreen._all_time
        app = RUNNING_APPS.setdefault(id(store), SimpleNamespace(is_headless=False))
        settle_records(app, len(checkins) + len(logs), store.changes[1])
        first = trends.all_time_start(checkins, logs, today)
        before = made.get(metric)
        known = records_same_until(store, before, checkins, logs)
        again = trends.weekly_series_again(
            before, metric, checkins, logs, first, today, same_until=known
        )
        made[metric] = again
        series = again.series
    else:
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


def save_today_ours(store: Store, today: date, pain: int) -> None:
    store.put_checkin(CheckIn(today, pain=pain, aerobic_min=10 * pain))


def save_today_stock(db: TinyDB, today: date, pain: int) -> None:
    """The same check-in, as a stock TinyDB script would put it (by its day)."""
    doc = CheckIn(today, pain=pain, aerobic_min=10 * pain).to_dict()
    db.table("checkins", cache_size=0).upsert(doc, where("day") == today.isoformat())


def timed_after(save: Callable[[int], None], run: Callable[[], object]) -> Callable[[], float]:
    """A job that saves today's check-in (not timed), then times ``run``."""
    count = iter(range(1_000_000))

    def job() -> float:
        save(next(count) % 10)
        return stopwatch(run)()

    return job


def side_jobs(
    side: str, made: dict[int, Path], folder: Path, today: date
) -> tuple[dict[str, Callable[[], float]], list[Store | TinyDB]]:
    """One side's jobs ("ours" or "stock") on private copies of the diaries, and what they
    opened (to close)."""
    jobs: dict[str, Callable[[], float]] = {}
    opened: list[Store | TinyDB] = []
    for years, diary in made.items():
        if side == "ours":
            store = Store.open(fresh_copy(diary, folder / f"{years}y"), read_only=True)
            saved_store = Store.open(fresh_copy(diary, folder / f"{years}y-saved"))
            opened += [store, saved_store]
        else:
            db = TinyDB(
                fresh_copy(diary, folder / f"{years}y"),
                storage=CachingMiddleware(JSONStorage),
                access_mode="r",
            )
            saved_db = TinyDB(
                fresh_copy(diary, folder / f"{years}y-saved"),
                storage=CachingMiddleware(JSONStorage),
            )
            opened += [db, saved_db]
        all_time: dict[str, trends.Made] = {}
        saved_all_time: dict[str, trends.Made] = {}
        for metric, range_key, saved in VIEWS:
            key = f"{side}|{metric}|{range_key}{AFTER_A_SAVE if saved else ''}|{years}"
            if side == "ours" and not saved:
                jobs[key] = stopwatch(partial(ours, store, metric, range_key, today, all_time))
            elif side == "ours":
                run = partial(ours, saved_store, metric, range_key, today, saved_all_time)
                jobs[key] = timed_after(partial(save_today_ours, saved_store, today), run)
            elif not saved:
                jobs[key] = stopwatch(partial(stock, db, metric, range_key, today))
            else:
                run = partial(stock, saved_db, metric, range_key, today)
                jobs[key] = timed_after(partial(save_today_stock, saved_db, today), run)
    return jobs, opened


def run_side(args: argparse.Namespace) -> int:
    """The child process of one side: its jobs interleaved, the samples to ``--samples``."""
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        jobs, opened = side_jobs(args.side, made, Path(tmp), date.today())
        samples = interleaved(jobs, args.repeats)
        for handle in opened:
            handle.close()
    args.samples.write_text(json.dumps(samples))
    return 0


def side_in_child(side: str, years: int, folder: Path, repeats: int) -> dict[str, list[float]]:
    """One side's jobs on one size of diary, in a process of their own (one app, one diary)."""
    out = folder / f"{side}-{years}y.json"
    argv = [sys.executable, __file__, "--side", side, "--samples", str(out)]
    argv += ["--diaries", str(folder), "--repeats", str(repeats), "--years", str(years)]
    subprocess.run(argv, check=True)
    return json.loads(out.read_text())


def main(argv: Sequence[str] | None = None) -> int:
    parser = bench_parser(__doc__, repeats=21)
    parser.add_argument("--side", choices=SIDES, help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=Path, help=argparse.SUPPRESS)
    args = bench_args(parser, argv)
    if args.side:
        return run_side(args)
    samples: dict[str, list[float]] = {}
    with diaries(args.diaries, args.years) as made:
        folder = next(iter(made.values())).parent
        first_half = (args.repeats + 1) // 2
        for turn, side in enumerate(("ours", "stock", "stock", "ours")):
            repeats = first_half if turn in (0, 1) else args.repeats - first_half
            if not repeats:
                continue
            for years in args.years if turn < 2 else args.years[::-1]:
                for key, values in side_in_child(side, years, folder, repeats).items():
                    samples.setdefault(key, []).extend(values)
    time = {key: median(values) for key, values in samples.items()}
    rows: list[Row] = []
    for metric, range_key, saved in VIEWS:
        label = f"{range_key}{AFTER_A_SAVE if saved else ''}"
        what = f"trends plot {metric}, range {label}"
        ours_time = {years: time[f"ours|{metric}|{label}|{years}"] for years in args.years}
        for years in args.years:
            stock_time = time[f"stock|{metric}|{label}|{years}"]
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
        f"{args.repeats} interleaved runs after a warm-up, each side in processes of its own"
    )
    return finish("trends", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
