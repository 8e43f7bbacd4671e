"""kill -9 during the other writers: backup rotation, restore, import, repair (issue 13).

After every kill the data file loads, no backup, kept copy or side file is torn, and every
operation the child acknowledged is there. ``BONECOACH_KILLS`` sets the trials per writer
(a quarter of it; at least 10).
"""

from __future__ import annotations

import json
import random
import signal
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from crash_ops import BASE, entry
from test_crash import KILLS, Child, acknowledged

from coach.demo import filler, make_demo
from store.backups import BACKUPS_KEPT, is_good_file, list_backups
from store.db import Store, write_new_store

OPS = Path(__file__).with_name("crash_ops.py")
TRIALS = max(10, KILLS // 4)


def start(mode: str, path: Path, first: int) -> Child:
    return Child(path, first, 0, argv=[sys.executable, str(OPS), mode, str(path), str(first)])


def prepare(mode: str, path: Path, years: int | None = None) -> None:
    if years:  # issue 15: a diary of that many years before the trials
        write_new_store(path, filler(make_demo(365 * years, 5, today=date(1990, 1, 1))))
    with Store.open(path, clock=lambda: BASE) as store, store.batch():
        for index in range(300):
            store.put_checkin(entry(-index - 1))
    with Store.open(path, clock=lambda: date(2000, 12, 31)) as store:
        store.put_checkin(entry(-1000))  # a second day: one backup to restore from
    assert list_backups(path)


def check(mode: str, path: Path, acked: set[int], completed: bool) -> None:
    with Store.open(path, read_only=True) as store:  # loads: never torn
        saved = {c.day: c for c in store.checkins()}
        if mode in ("rotate", "import"):
            missing = [i for i in acked if saved.get(entry(i).day) != entry(i)]
            assert not missing, f"acknowledged {mode}s lost: {missing[:5]}"
        if mode == "repair":
            assert all(c.pain != 99 for c in saved.values())
    assert all(is_good_file(b) for b in list_backups(path)), "a torn backup"
    if completed:  # a rotation finished since the last kill: at most one backup made since
        assert len(list_backups(path)) <= BACKUPS_KEPT + 1
    for kept in path.parent.glob(f"{path.name}.corrupt-*"):
        assert is_good_file(kept), f"a torn kept copy: {kept.name}"
    moved = set()
    for side in path.parent.glob(f"{path.name}.damaged-*.json"):
        for record in json.loads(side.read_text())["records"]:  # parses: never torn
            moved.add(record["document"]["day"])
    if mode == "repair":
        assert {entry(i).day.isoformat() for i in acked} <= moved
    with Store.open(path):  # the next writer removes what a killed one left half-written
        pass
    left = [p.name for p in [*path.parent.iterdir(), *(path.parent / "backups").iterdir()]]
    assert not [name for name in left if name.startswith(".tmp-")], left


@pytest.mark.parametrize("years", [None, 10], ids=["300 days", "10 years"])
@pytest.mark.parametrize("mode", ["rotate", "restore", "import", "repair"])
def test_kill_during_other_writers_never_tears_or_loses(
    tmp_path: Path, mode: str, years: int | None
) -> None:
    path = tmp_path / "b.json"
    prepare(mode, path, years)
    rng = random.Random(f"{mode}-20261126")
    acked: set[int] = set()
    first = 0
    for _ in range(TRIALS):
        child = start(mode, path, first)
        assert child.next_line().startswith("ready")
        time.sleep(rng.uniform(0.0, 0.8 if years else 0.15))  # a 10-year operation is slower
        child.process.send_signal(signal.SIGKILL)
        done = acknowledged(child.finish())
        assert child.process.returncode == -signal.SIGKILL
        acked |= set(done)
        first = max(done, default=first - 1) + 2
        check(mode, path, acked, completed=bool(done))
    size = f"{years} years" if years else "300 days"
    print(f"{mode}, {size}: {TRIALS} kills, {len(acked)} operations acknowledged")
