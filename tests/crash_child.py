"""A child process for fault-injection tests: saves check-ins in a loop, acknowledging each.

Usage: python crash_child.py DATA_FILE FIRST_INDEX COUNT [hold] [behind]
Prints "ready <read_only_reason or ->" once open, then "<index>" after each save returns, or
"refused <index>" when the store refused the write (read-only). With ``hold`` it keeps the file
open after its saves until its standard input closes (so a second process surely meets it).
With ``behind`` it saves as ``bonecoach checkin`` does (``Store.save_behind``): the fsync and
rename run in a thread, and a save is acknowledged once ``finish_saving`` returns.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from coach.models import CheckIn
from store.db import ReadOnlyError, Store

BASE = date(2000, 1, 1)


def entry(index: int) -> CheckIn:
    return CheckIn(BASE + timedelta(days=index), pain=index % 11, note=f"save {index}")


def main() -> None:
    path, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    hold, behind = "hold" in sys.argv[4:], "behind" in sys.argv[4:]
    store = Store.open(path)
    if behind:
        store.save_behind()
    print("ready", store.read_only_reason or "-", flush=True)
    for index in range(first, first + count):
        try:
            store.put_checkin(entry(index))
            store.finish_saving()
        except ReadOnlyError:
            print("refused", index, flush=True)
            continue
        print(index, flush=True)
    if hold:
        print("holding", flush=True)
        sys.stdin.read()
    store.close()


if __name__ == "__main__":
    main()
