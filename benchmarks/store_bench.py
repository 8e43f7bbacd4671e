"""Save one check-in into a 10-year diary: our store vs stock TinyDB JSONStorage, same run.

Both sides hold the same 3,650 check-ins and save the same records; both fsync (stock TinyDB's
JSONStorage flushes and fsyncs in place; ours writes a temp file, fsyncs it, renames it over the
data file and fsyncs the folder). Saves alternate between the two so machine noise hits both.
Prints the median save time of each and the ratio (target: ours <= 0.5x stock).

Run: python benchmarks/store_bench.py [--days 3650] [--saves 41]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Document

from coach.models import CheckIn
from store.db import Store

START = date(2016, 1, 1)


def diary(days: int, seed: int = 1) -> list[CheckIn]:
    """A realistic 10-year diary: most fields filled, a short note most days."""
    rng = random.Random(seed)
    return [
        CheckIn(
            START + timedelta(days=i),
            pain=rng.randint(0, 8),
            interference=rng.randint(0, 3),
            ai_taken=rng.random() > 0.05,
            aerobic_min=rng.choice([0, 10, 20, 30, 45]),
            resistance_min=rng.choice([0, 0, 20, 30]),
            balance_min=rng.choice([0, 5, 10, 15]),
            calcium_food_mg=rng.randint(500, 1300),
            calcium_supplement_mg=rng.choice([0, 500]),
            vitamin_d_iu=rng.choice([0, 800, 1000]),
            fatigue=rng.randint(0, 7),
            mood=rng.randint(2, 5),
            alcohol_units=rng.choice([0, 0, 1, 2]),
            caffeine_drinks=rng.randint(0, 4),
            fall=False,
            note=rng.choice(["", "stiff hands in the morning", "walked with a friend"]),
        )
        for i in range(days)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--saves", type=int, default=41)
    args = parser.parse_args()
    entries = diary(args.days)
    with tempfile.TemporaryDirectory() as folder:
        ours_path, stock_path = Path(folder) / "ours.json", Path(folder) / "stock.json"
        store = Store.open(ours_path)
        with store.batch():
            for entry in entries:
                store.put_checkin(entry)
        stock = TinyDB(stock_path)  # default: JSONStorage
        stock.table("checkins").insert_multiple(
            Document(e.to_dict(), doc_id=e.day.toordinal()) for e in entries
        )
        store.put_checkin(entries[0])  # warm-up: the first save encodes every document once
        ours_times, stock_times = [], []
        rng = random.Random(7)
        for n in range(args.saves):
            # a save of a recent day, as a daily check-in is
            entry = CheckIn(entries[-1 - rng.randint(0, 6)].day, pain=n % 11, note=f"save {n}")
            start = time.perf_counter()
            store.put_checkin(entry)
            ours_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            stock.table("checkins").upsert(Document(entry.to_dict(), doc_id=entry.day.toordinal()))
            stock_times.append(time.perf_counter() - start)
        size = ours_path.stat().st_size
        store.close()
        stock.close()
    ours, base = statistics.median(ours_times), statistics.median(stock_times)
    print(f"check-ins in file     {args.days} ({size / 1e6:.1f} MB on disk)")
    print(f"saves measured        {args.saves} each, alternating")
    print(f"ours   median save    {ours * 1000:8.2f} ms  (atomic replace + fsync file + fsync dir)")
    print(f"stock  median save    {base * 1000:8.2f} ms  (TinyDB JSONStorage, in place + fsync)")
    print(f"ratio ours / stock    {ours / base:8.3f}  (target <= 0.5)")
    print("TARGET MET" if ours / base <= 0.5 else "TARGET MISSED")


if __name__ == "__main__":
    main()
