"""The baseline of commands_bench.py: a stock TinyDB script doing a bonecoach command's work.

Each subcommand opens the same kind of data file with stock TinyDB as its documentation
recommends for speed (JSONStorage behind CachingMiddleware: the file is read and parsed once,
and written once when the database closes), reads the records its output covers the way the
documentation queries (``where("day") >= ...``), turns them into ``coach.models`` records, calls
the same pure ``coach`` functions as the command, and prints the same output. What it leaves out
is what our store adds around TinyDB: the one-writer lock, the schema check, the daily backup
and the atomic replace (``checkin`` writes as JSONStorage does: in place, flush, fsync).

Run: python benchmarks/stock_tinydb.py FILE checkin --pain 3 | status | plan | report --days 90
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from tinydb import TinyDB, where
from tinydb.middlewares import CachingMiddleware
from tinydb.queries import QueryInstance
from tinydb.storages import JSONStorage
from tinydb.table import Table

from coach.models import CheckIn, DxaScan, Plan, Profile, SessionLog

TABLES = ("profile", "checkins", "sessions", "dxa", "plan")


def open_db(path: str, *, write: bool) -> TinyDB:
    storage = CachingMiddleware(JSONStorage)
    db = TinyDB(path, storage=storage, access_mode="r+" if write else "r")
    missing = [t for t in TABLES if t not in db.tables()]
    if missing:  # the store's layout changed: this script must follow it
        raise SystemExit(f"stock_tinydb.py: {path} has no table(s) {missing}; update this script")
    return db


def table(db: TinyDB, name: str) -> Table:
    return db.table(name, cache_size=0)  # no query cache: every run reads as a one-shot does


def in_range(start: date, end: date) -> QueryInstance:
    return (where("day") >= start.isoformat()) & (where("day") <= end.isoformat())


def single(db: TinyDB, name: str) -> dict[str, Any] | None:
    docs = table(db, name).all()
    return dict(docs[0]) if docs else None


def read(db: TinyDB, name: str, kind: Any, start: date | None = None, end: date | None = None):
    docs = table(db, name).search(in_range(start, end)) if start and end else table(db, name).all()
    return sorted((kind.from_dict(d) for d in docs), key=lambda r: r.day)


def checkin(path: str, args: argparse.Namespace, today: date) -> int:
    """Merge the day's check-in, then what ``bonecoach checkin`` prints after a save: the
    summary prompts from the clinical picture of the last year (coach.picture)."""
    from coach.checkin import summary_prompts
    from coach.picture import build_picture, frax_from_settings, picture_window

    partial = CheckIn(day=today, pain=args.pain)
    with open_db(path, write=True) as db:
        checkins = table(db, "checkins")
        same_day = where("day") == today.isoformat()
        doc = checkins.get(same_day)
        merged = CheckIn.from_dict(doc).merged(partial) if doc else partial
        checkins.upsert(merged.to_dict(), same_day)
        start, end = picture_window(today)
        major, hip = frax_from_settings(single(db, "settings") or {})
        picture = build_picture(
            Profile.from_dict(single(db, "profile") or {}),
            read(db, "checkins", CheckIn, start, end),
            read(db, "dxa", DxaScan),
            read(db, "sessions", SessionLog, start, end),
            today,
            frax_major=major,
            frax_hip=hip,
        )
    markers = {"emergency": "EMERGENCY: ", "stop": "STOP: ", "attention": "! ", "info": "- "}
    for prompt in summary_prompts(merged, picture):
        print(f"{markers.get(prompt.level, 'ok ')}{prompt.text}")
    print(f"Saved check-in for {today.isoformat()} ({', '.join(partial.recorded_fields())}).")
    return 0


def status(path: str, args: argparse.Namespace, today: date) -> int:
    from coach.checkin import current_streak, status_line

    with open_db(path, write=False) as db:
        days = {date.fromisoformat(d["day"]) for d in table(db, "checkins").all()}
    print(status_line(current_streak(days, today), today in days))
    return 0 if today in days else 1


def plan(path: str, args: argparse.Namespace, today: date) -> int:
    from coach.coaching import history_window, refresh_plan
    from coach.plan_text import plan_as_text

    with open_db(path, write=True) as db:
        profile = Profile.from_dict(single(db, "profile") or {})
        start, end = history_window(today)
        stored = single(db, "plan")
        state = refresh_plan(
            Plan.from_dict(stored) if stored else None,
            profile,
            read(db, "checkins", CheckIn, start, end),
            read(db, "sessions", SessionLog, start, end),
            read(db, "dxa", DxaScan),
            today,
        )
        if state.changed:
            table(db, "plan").truncate()
            table(db, "plan").insert(state.plan.to_dict())
    print(plan_as_text(state.plan, today))
    return 0


def report(path: str, args: argparse.Namespace, today: date) -> int:
    from coach.report import build_report, frax_from_settings, render_markdown

    start = today - timedelta(days=args.days - 1)
    with open_db(path, write=False) as db:
        stored_plan = single(db, "plan")
        major, hip = frax_from_settings(single(db, "settings") or {})
        built = build_report(
            Profile.from_dict(single(db, "profile") or {}),
            read(db, "checkins", CheckIn, start, today),
            read(db, "sessions", SessionLog, start, today),
            read(db, "dxa", DxaScan),
            Plan.from_dict(stored_plan) if stored_plan else None,
            today,
            args.days,
            frax_major=major,
            frax_hip=hip,
        )
    sys.stdout.write(render_markdown(built))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("checkin").add_argument("--pain", type=int, required=True)
    sub.add_parser("status")
    sub.add_parser("plan")
    sub.add_parser("report").add_argument("--days", type=int, default=90)
    args = parser.parse_args(argv)
    command = {"checkin": checkin, "status": status, "plan": plan, "report": report}
    return command[args.command](args.file, args, date.today())


if __name__ == "__main__":
    raise SystemExit(main())
