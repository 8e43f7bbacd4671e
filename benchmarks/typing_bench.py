"""A key typed while Trends reads the whole diary for the first time: how long it waits, at 1,
10 and 30 years, beside the same key on an idle Trends screen and a bare Textual app's key.

Trends' "all time" needs every check-in and session log; the first time in a session, a diary
of more than ``screens.trends.LONG_READ`` records (about 15 years) is read in steps by a worker
on the event loop, a notice saying how far it is (smaller ones are read at once, under 0.1 s).
Each run is one process on a real 80x24 pseudo-terminal (this script with ``--child``): the
coach opens Trends, "4" is pressed, and ``AFTER`` seconds later "right" (the next metric), as a
person would type it; the figure is the time from then until the screen has taken the key (the
title names the next metric; it is drawn at the next frame). At 1 year the read is over before
the key comes, so the 1-year figure is the key on a screen with nothing to do; 10 years read at
once, holding the key until the read is done. Each process then presses "right" once more on the
settled screen: "the same key, idle". The floor is the bare app's key on its screen of panels
(``bare_app.FloorApp``: "right" changes a panel), timed the same way. Other processes look at
Trends for ``LOOK`` seconds before pressing "4", as a person reads the plot first: the time
until the screen settles then shows what reading ahead (``screens.trends.READ_AHEAD_AFTER``)
leaves to the key.

The copies of a demo diary come with the weeks ``demo`` kept beside it (store/weeks.py), as a
diary in use has them: "all time" then reads those and the records after them. A first session
on the file, with none kept, reads every record: other processes, from ``FIRST_SESSION_FROM``
years, type the same key on a copy without them.

Targets (issue 15, every key within 100 ms at 10 years and within 1.3x its 1-year time at 30):
the key typed during the read, and "4" after a look, at 10 and 30 years. One round runs the
floor and every size, the order reversed every other round; medians.

Run: python benchmarks/typing_bench.py [--repeats 7] [--years 1 10 30] [--quick]
Takes about 2 s a process: 7 repeats of 7 processes, about 1.5 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import (
    HERE,
    Row,
    bench_args,
    bench_parser,
    compile_project,
    diaries,
    finish,
    growth_row,
    interleaved,
    median,
    ms,
    pty_json_job,
    ratio_row,
    size_label,
)

AFTER = 0.03  # seconds from "4" to "right": typed on, not at once
LOOK = 1.0  # seconds Trends is looked at before "4", in the runs that time that
TEN_YEAR_MS = 100
FIRST_SESSION_FROM = 10  # years: a year is read whole at once with or without kept weeks
GIVE_UP = 20.0  # seconds: a key never taken (a bug) ends the run with a figure this large


# --------------------------------------------------------------------------- the child


async def _taken(widget: Any, before: str, since: float) -> float:
    """Seconds from ``since`` until ``widget`` shows something other than ``before``."""
    while str(widget.render()) == before and time.perf_counter() - since < GIVE_UP:
        await asyncio.sleep(0.0005)
    return time.perf_counter() - since


async def _type(app: Any, key: str, watched: Any, when: float | None = None) -> float:
    """Type ``key`` (at ``when``, or now) and time it until ``watched`` changes. A key typed
    while the event loop is held waits in the terminal: timed from ``when`` all the same."""
    from screens_walk import key_event

    before = str(watched.render())
    when = time.perf_counter() if when is None else when
    app.post_message(key_event(key))
    return await _taken(watched, before, when)


def child(args: argparse.Namespace) -> None:
    """One process: the coach on ``--data`` (or the floor app) typing as the module says."""
    from screens_walk import key_event, make_app, run_app, settle

    floor = args.data is None
    app, _, store = make_app(argparse.Namespace(floor=floor, kind_floors=False, data=args.data))
    watch = "#panel-0" if floor else "#trends-title"  # both screens open with "t"
    result: dict[str, float] = {}

    async def autopilot(pilot: Any) -> None:
        try:
            await settle(app)
            app.post_message(key_event("t"))
            await settle(app)
            watched = app.screen.query_one(watch)
            if args.look is not None:  # a person looking at the plot, then "all time"
                await asyncio.sleep(args.look)
                start = time.perf_counter()
                app.post_message(key_event("4"))
                await settle(app)
                result["after_look"] = time.perf_counter() - start
                return
            if not floor:
                start = time.perf_counter()
                app.post_message(key_event("4"))
                await asyncio.sleep(AFTER)
                result["during"] = await _type(app, "right", watched, when=start + AFTER)
                await settle(app)
                result["read"] = time.perf_counter() - start
            result["idle"] = await _type(app, "right", watched)
            await settle(app)
        finally:
            app.exit()

    run_app(app, store, autopilot)
    args.out.write_text(json.dumps(result))


# --------------------------------------------------------------------------- the benchmark


def job(
    folder: Path, diary: Path | None, look: float | None = None, *, kept_weeks: bool = True
) -> Callable[[], dict[str, float]]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--child"]
    if look is not None:
        argv += ["--look", str(look)]
    return pty_json_job(folder, argv, diary, timeout=120, kept_weeks=kept_weeks)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and "--child" in sys.argv:
        parser = argparse.ArgumentParser()
        parser.add_argument("--child", action="store_true")
        parser.add_argument("--data", type=Path)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--look", type=float)
        sys.path.insert(0, str(HERE))
        child(parser.parse_args())
        return 0
    args = bench_args(bench_parser(__doc__, repeats=7), argv)
    compile_project()
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        jobs = {"floor": job(Path(tmp) / "floor", None)}
        for years, diary in made.items():
            jobs[str(years)] = job(Path(tmp) / f"{years}y", diary)
            jobs[f"look {years}"] = job(Path(tmp) / f"look{years}y", diary, LOOK)
            if years >= FIRST_SESSION_FROM or args.quick:  # --quick: the path still runs
                folder = Path(tmp) / f"first{years}y"
                jobs[f"first {years}"] = job(folder, diary, kept_weeks=False)
        samples = interleaved(jobs, args.repeats)
    first_runs = {
        int(y.split()[1]): samples.pop(y) for y in list(samples) if y.startswith("first ")
    }
    first_session = {
        years: {k: median([run[k] for run in runs]) for k in ("during", "read")}
        for years, runs in first_runs.items()
    }
    floor = median([run["idle"] for run in samples.pop("floor")])
    looked = {
        int(y.split()[1]): median([run["after_look"] for run in samples.pop(y)])
        for y in list(samples)
        if y.startswith("look ")
    }
    figures = {
        int(y): {k: median([run[k] for run in runs]) for k in ("during", "idle", "read")}
        for y, runs in samples.items()
    }
    rows: list[Row] = []
    what = "Trends: a key typed during the first all time"
    for years, by in figures.items():
        row = ratio_row(what, size_label(years), by["during"], floor, base_name="floor key")
        if years == 10:
            limit = TEN_YEAR_MS / 1000
            row = Row(**{**row.__dict__, "target": f"<= {ms(limit)}", "ok": by["during"] <= limit})
        rows.append(row)
    rows += growth_row(what, {y: by["during"] for y, by in figures.items()})
    if first_session and 1 in figures:
        for label, field in (
            (f"{what}, first session (no kept weeks)", "during"),
            ("Trends: 4, the first all time, until settled, first session", "read"),
        ):
            by_size = {1: figures[1][field]} | {y: by[field] for y, by in first_session.items()}
            for years, seconds in by_size.items():
                rows.append(
                    ratio_row(label, size_label(years), seconds, floor, base_name="floor key")
                )
            rows += growth_row(label, by_size)
    for label, field in (
        ("Trends: the same key, idle (all time)", "idle"),
        ("Trends: 4, the first all time, until settled", "read"),
    ):
        for years, by in figures.items():
            rows.append(
                ratio_row(label, size_label(years), by[field], floor, base_name="floor key")
            )
    what = f"Trends: 4, the first all time, {ms(LOOK)} after opening"
    for years, seconds in looked.items():
        row = ratio_row(what, size_label(years), seconds, floor, base_name="floor key")
        if years == 10:
            limit = TEN_YEAR_MS / 1000
            row = Row(**{**row.__dict__, "target": f"<= {ms(limit)}", "ok": seconds <= limit})
        rows.append(row)
    rows += growth_row(what, looked)
    how = (
        f"{args.repeats} processes per size, interleaved with the floor (bare app's key on "
        f"its screen of panels: {ms(floor)}); 'right' typed {ms(AFTER)} after '4'; 80x24 pty; "
        "medians"
    )
    return finish("typing", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
