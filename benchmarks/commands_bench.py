"""Whole commands (checkin, status, plan, a 90-day report) beside a stock TinyDB script.

Each figure is the wall time of a whole process, from spawn to exit, as a login script or a
person at a shell sees it: ``bonecoach COMMAND --data FILE`` against ``python
benchmarks/stock_tinydb.py FILE COMMAND``, which does the same work (same records read, the
same pure ``coach`` functions, the same output) with TinyDB's default JSONStorage. Each side
has its own copy of the same demo diary (1, 10 and 30 years). One round runs every command of
both sides on every size, the order reversed every other round; medians are compared.

``checkin`` is measured twice: as a repeat check-in of the day (the daily backup already made)
and as the first check-in of the day (a fresh copy each time, so ours makes the day's backup;
stock TinyDB makes none).

Targets (issue 15): each command <= 1.3x the stock script on the same file, and at 30 years
<= 1.3x its own 1-year time (the stock script's own 30 y / 1 y is printed for reference).

Run: python benchmarks/commands_bench.py [--repeats 9] [--years 1 10 30] [--quick]
Takes about 2 minutes with 9 repeats.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from _common import (
    HERE,
    ChildRun,
    Row,
    bench_args,
    bench_parser,
    bonecoach_argv,
    compile_project,
    diaries,
    finish,
    fresh_copy,
    growth_row,
    interleaved,
    median,
    ratio_row,
    run_child,
    size_label,
)

LIMIT = 1.3
# name -> (arguments, exit statuses that mean success, a fresh copy before each run)
COMMANDS: dict[str, tuple[list[str], tuple[int, ...], bool]] = {
    "checkin --pain 3": (["checkin", "--pain", "3"], (0,), False),
    "checkin, first of the day": (["checkin", "--pain", "3"], (0,), True),
    "status": (["status"], (0, 1), False),  # 1: not checked in today
    "plan": (["plan"], (0,), False),
    "report --days 90": (["report", "--days", "90"], (0,), False),
}
HEADLINE = ("checkin --pain 3", "report --days 90")


def job(
    argv: Callable[[Path], list[str]], diary: Path, folder: Path, ok: tuple[int, ...], fresh: bool
) -> Callable[[], ChildRun]:
    """One side of one command on one size: its own copy of the diary (fresh each run, or
    made once and kept, so repeat runs see what the earlier ones wrote, as in daily use)."""
    data = fresh_copy(diary, folder)

    def run() -> ChildRun:
        if fresh:
            fresh_copy(diary, folder)
        return run_child(argv(data), ok=ok)

    return run


def main(argv: Sequence[str] | None = None) -> int:
    args = bench_args(bench_parser(__doc__, repeats=9), argv)
    compile_project()
    stock_script = [sys.executable, str(HERE / "stock_tinydb.py")]
    jobs: dict[str, Callable[[], ChildRun]] = {}
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        for years, diary in made.items():
            for n, (name, (words, ok, fresh)) in enumerate(COMMANDS.items()):
                place = Path(tmp) / f"{years}y-{n}"
                jobs[f"ours|{name}|{years}"] = job(
                    lambda data, w=words: [*bonecoach_argv(), *w, "--data", str(data)],
                    diary,
                    place / "ours",
                    ok,
                    fresh,
                )
                jobs[f"stock|{name}|{years}"] = job(
                    lambda data, w=words: [*stock_script, str(data), *w],
                    diary,
                    place / "stock",
                    ok,
                    fresh,
                )
        samples = interleaved(jobs, args.repeats)
    time = {key: median([r.seconds for r in runs]) for key, runs in samples.items()}
    rows: list[Row] = []
    for name in COMMANDS:
        ours = {years: time[f"ours|{name}|{years}"] for years in args.years}
        stock = {years: time[f"stock|{name}|{years}"] for years in args.years}
        for years in args.years:
            rows.append(
                ratio_row(
                    name,
                    size_label(years),
                    ours[years],
                    stock[years],
                    base_name="stock TinyDB",
                    limit=LIMIT,
                    key=name in HEADLINE,
                )
            )
        rows += growth_row(name, ours, base_name="ours")
        rows += growth_row(f"{name} (stock script)", stock, base_name="stock", target=False)
    how = (
        f"wall time of whole processes, medians of {args.repeats} interleaved runs after a warm-up"
    )
    return finish("commands", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
