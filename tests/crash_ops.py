"""A child process for kill -9 trials of the other writers: backups, restore, import, repair.

Usage: python crash_ops.py MODE DATA_FILE FIRST_INDEX
Prints "ready", then "<index>" after each operation returned:
- rotate: a check-in on a new day each time (so a backup and a rotation before each save);
- restore: restore the newest backup (the replaced file is kept as .corrupt-<time>);
- import: import an export holding that index's check-in (a record at a time, as the command);
- repair: plant a damaged record, then move it to a side file (doctor --repair).
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from coach.models import CheckIn
from store.backups import list_backups
from store.db import Store
from store.doctor import repair_file, restore_backup
from store.storage import atomic_write_bytes

BASE = date(2001, 1, 1)


def entry(index: int) -> CheckIn:
    return CheckIn(BASE + timedelta(days=index), pain=index % 11, note=f"op {index}")


def main() -> None:
    mode, path, first = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    for index in range(first, first + 100_000):
        day = BASE + timedelta(days=index)
        if mode == "rotate":
            with Store.open(path, clock=lambda day=day: day) as store:
                store.put_checkin(entry(index))
        elif mode == "restore":
            restore_backup(path, list_backups(path)[0], datetime.now())
        elif mode == "import":
            export = {
                "format": "bonecoach-export",
                "schema": 2,
                "checkins": [entry(index).to_dict()],
            }
            with Store.open(path, clock=lambda: date(2030, 1, 1)) as store:
                store.import_stream(json.dumps(export))  # as bonecoach import reads ours
        elif mode == "repair":
            with Store.open(path, clock=lambda: date(2030, 1, 1)) as store:
                store.put_checkin(entry(index))
            data = json.loads(path.read_text())
            data["checkins"][str(day.toordinal())]["pain"] = 99
            atomic_write_bytes(path, json.dumps(data).encode())  # a careful hand edit
            repair_file(path, lambda problems: True, lambda: date(2030, 1, 1))
        print(index, flush=True)


if __name__ == "__main__":
    main()
