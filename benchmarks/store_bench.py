"""Saving one check-in into a diary of 1, 10 and 30 years: our store vs stock TinyDB, same run.

Two ways a save happens:

- **warm**, in a long-lived process (the app): one store opened once, many saves. Ours writes a
  temp file, fsyncs it, renames it over the data file and fsyncs the folder; stock TinyDB's
  JSONStorage re-reads the file, rewrites it in place and fsyncs. Target: ours <= 0.5x stock.
- **cold**, one process per save (a script, ``bonecoach checkin``): a fresh Python opens the
  file, saves one check-in and exits; the figure is the whole process. Target: <= 1.3x stock,
  as for whole commands (issue 15). The daily backup is made on the warm-up run.

Each side has its own copy of the same demo diary; saves are of recent days, as a daily
check-in is, and alternate between the two sides (medians compared).

Run: python benchmarks/store_bench.py [--repeats 9] [--saves 41] [--years 1 10 30] [--quick]
Takes about a minute.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from itertools import count
from pathlib import Path

from _common import (
    Row,
    bench_args,
    bench_parser,
    compile_project,
    diaries,
    fine_ms,
    finish,
    fresh_copy,
    interleaved,
    median,
    ratio_row,
    run_child,
    size_label,
    stopwatch,
)
from tinydb import TinyDB
from tinydb.table import Document

from coach.models import CheckIn
from store.db import Store

WARM_LIMIT, COLD_LIMIT = 0.5, 1.3
ONE_SHOT = {
    "ours": """
import sys
from datetime import date
from coach.models import CheckIn
from store.db import Store
entry = CheckIn(date.fromisoformat(sys.argv[2]), pain=int(sys.argv[3]), note=sys.argv[4])
with Store.open(sys.argv[1]) as store:
    store.put_checkin(entry)
""",
    "stock": """
import sys
from datetime import date
from tinydb import TinyDB
from tinydb.table import Document
from coach.models import CheckIn
entry = CheckIn(date.fromisoformat(sys.argv[2]), pain=int(sys.argv[3]), note=sys.argv[4])
with TinyDB(sys.argv[1]) as db:
    db.table("checkins").upsert(Document(entry.to_dict(), doc_id=entry.day.toordinal()))
""",
}


def recent_saves(today: date) -> Callable[[], CheckIn]:
    """A new check-in of one of the last 7 days each call, as daily use saves."""
    numbers = count()

    def next_entry() -> CheckIn:
        n = next(numbers)
        return CheckIn(today - timedelta(days=n % 7), pain=n % 11, note=f"save {n}")

    return next_entry


Jobs = dict[str, Callable[[], float]]


def warm_jobs(diary: Path, folder: Path, today: date) -> tuple[Jobs, list[Store | TinyDB]]:
    store = Store.open(fresh_copy(diary, folder / "ours"))
    stock = TinyDB(fresh_copy(diary, folder / "stock"))  # default: JSONStorage
    ours_entry, stock_entry = recent_saves(today), recent_saves(today)

    def stock_save() -> None:
        entry = stock_entry()
        stock.table("checkins").upsert(Document(entry.to_dict(), doc_id=entry.day.toordinal()))

    jobs = {
        "ours": stopwatch(lambda: store.put_checkin(ours_entry())),
        "stock": stopwatch(stock_save),
    }
    return jobs, [store, stock]


def cold_job(side: str, diary: Path, folder: Path, today: date) -> Callable[[], float]:
    data, entries = fresh_copy(diary, folder / f"cold-{side}"), recent_saves(today)

    def run() -> float:
        entry = entries()
        argv = [sys.executable, "-c", ONE_SHOT[side], str(data), entry.day.isoformat()]
        return run_child([*argv, str(entry.pain), entry.note]).seconds

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = bench_parser(__doc__, repeats=9)
    parser.add_argument("--saves", type=int, help="warm saves per side and size (default 41)")
    args = bench_args(parser, argv)
    saves = args.saves or (5 if args.quick else 41)
    compile_project()
    today = date.today()
    warm: dict[int, dict[str, list[float]]] = {}
    cold_jobs: Jobs = {}
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        for years, diary in made.items():
            jobs, handles = warm_jobs(diary, Path(tmp) / f"{years}y-warm", today)
            warm[years] = interleaved(jobs, saves)  # the warm-up save encodes every document
            for handle in handles:
                handle.close()
            for side in ONE_SHOT:
                cold_jobs[f"{side}|{years}"] = cold_job(side, diary, Path(tmp) / f"{years}y", today)
        cold = interleaved(cold_jobs, args.repeats)
    rows: list[Row] = []
    for years in args.years:
        rows.append(
            ratio_row(
                "save a check-in, warm (long-lived store)",
                size_label(years),
                median(warm[years]["ours"]),
                median(warm[years]["stock"]),
                fmt=fine_ms,
                base_name="stock JSONStorage",
                limit=WARM_LIMIT,
            )
        )
    for years in args.years:
        rows.append(
            ratio_row(
                "save a check-in, cold (one process a save)",
                size_label(years),
                median(cold[f"ours|{years}"]),
                median(cold[f"stock|{years}"]),
                base_name="stock JSONStorage",
                limit=COLD_LIMIT,
            )
        )
    how = (
        f"warm = medians of {saves} alternating saves after a warm-up; cold = medians of "
        f"{args.repeats} interleaved processes after a warm-up"
    )
    return finish("store", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
