"""Fault injection: kill -9 during saves, and two processes on one file.

Every save the child acknowledged (printed after ``put_checkin`` returned) must be in the file
after the kill, and the file must always load.

The child's output is read line by line by one reader thread until end of file, never mixed
with ``communicate()`` (which reads the pipe underneath the line buffer and so loses lines the
buffer already holds). Kills continue past ``KILLS`` until enough of them landed inside a write:
on tmpfs a write is so quick that a fixed number of kills may all land between writes.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from crash_child import BASE, entry

from coach.demo import filler, make_demo
from coach.models import CheckIn
from coach.trends import WEEKLY_METRICS, kept_rows, rows_to_keep
from store.db import READ_ONLY_MESSAGE, Store, write_new_store

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("BONECOACH_KILLS", "60"))  # CI: 60; a longer trial: set it higher
PREFILL = 1500  # a bigger file makes each save longer, so kills land inside writes
TEN_YEARS = 3650  # issue 15: the trials again on a 10-year diary (check-ins and session logs)


def prefill(path: Path, years: int | None) -> None:
    """Check-ins before the children's days: ``PREFILL`` of them, or a whole demo diary of
    ``years`` years (a patient who has used the coach that long; about 1.7 MB at 10 years)."""
    if years:
        write_new_store(path, filler(make_demo(365 * years, 7, today=BASE - timedelta(days=1))))
        return
    with Store.open(path) as store, store.batch():
        for index in range(PREFILL):
            store.put_checkin(CheckIn(BASE - timedelta(days=index + 1), pain=1))


MIN_MID_WRITE = max(1, KILLS // 20)  # kills that must land inside a write
MAX_KILLS = KILLS * 10


class Child:
    """A child process whose stdout lines are collected by one thread, in order, to the end."""

    def __init__(
        self,
        path: Path,
        first: int,
        count: int,
        *,
        hold: bool = False,
        behind: bool = False,
        argv: list[str] | None = None,
    ) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        self.process = subprocess.Popen(
            argv
            or [sys.executable, str(CHILD), str(path), str(first), str(count)]
            + (["hold"] if hold else [])
            + (["behind"] if behind else []),
            stdin=subprocess.PIPE if hold else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def next_line(self, timeout: float = 30) -> str:
        line = self.lines.get(timeout=timeout)
        assert line is not None, "the child ended early"
        return line

    def finish(self, timeout: float = 60) -> list[str]:
        """Wait for the process and for every line it wrote."""
        self.process.wait(timeout=timeout)
        self._reader.join(timeout=timeout)
        out = []
        while (line := self.lines.get(timeout=timeout)) is not None:
            out.append(line)
        return out


def acknowledged(lines: list[str]) -> list[int]:
    return [int(line) for line in lines if line.strip().isdigit()]


def kept_weeks_hold(store: Store) -> bool:
    """After a kill, the weeks kept beside the file (store/weeks.py) are either of no use
    (then kept again, as the app would, for the next kill to test) or exactly what the file's
    records make: a kill between a save and its seal never leaves them trusted and wrong."""
    checkins, logs = store.checkins(), store.session_logs()
    kept = store.kept_weeks()
    if kept is None:
        made = rows_to_keep(checkins, logs, BASE)  # they end weeks before the children's days
        assert made is not None
        start, cut, rows = made
        assert store.keep_weeks(cut, start, rows)
        return False
    made_now = dict(kept_rows(checkins, logs, kept.start, kept.cut))
    assert made_now == {metric: kept.rows(metric) for metric in WEEKLY_METRICS}
    return True


@pytest.mark.parametrize(
    ("years", "behind"),
    [(None, False), (10, False), (10, True)],
    ids=["1500 days", "10 years", "10 years, saved behind"],
)
def test_kill_during_saves_never_corrupts_or_loses_an_acknowledged_save(
    tmp_path: Path, years: int | None, behind: bool
) -> None:
    """``behind``: the child saves as ``bonecoach checkin`` does (``Store.save_behind``)."""
    path = tmp_path / "b.json"
    prefill(path, years)
    before = {c.day: c for c in Store.open(path, read_only=True).checkins()}
    rng = random.Random(20261126)
    acked_total: dict[int, CheckIn] = {}
    next_index = 0
    mid_write_kills = kills = kept_held = 0
    while kills < KILLS or (mid_write_kills < MIN_MID_WRITE and kills < MAX_KILLS):
        kills += 1
        child = Child(path, next_index, 10_000, behind=behind)
        assert child.next_line().startswith("ready -")
        first_ack = child.next_line()  # at least one save acknowledged before the kill
        time.sleep(rng.uniform(0.0, 0.05))
        child.process.send_signal(signal.SIGKILL)
        rest = child.finish()
        assert child.process.returncode == -signal.SIGKILL
        acked = acknowledged([first_ack, *rest])
        if any(p.name.startswith(".tmp-") for p in tmp_path.iterdir()):
            mid_write_kills += 1
        for index in acked:
            acked_total[index] = entry(index)
        with Store.open(path) as store:  # must load, and cleans the killed writer's temp file
            saved = {c.day: c for c in store.checkins()}
            kept_held += bool(years) and kept_weeks_hold(store)
        missing = [i for i, e in acked_total.items() if saved.get(e.day) != e]
        assert not missing, f"acknowledged saves lost: {missing[:5]}"
        assert all(saved.get(day) == c for day, c in before.items()), "the diary changed"
        next_index = max(acked, default=next_index - 1) + 2  # skip one: it may or may not be there
    assert len(acked_total) > KILLS  # the children really were saving
    assert mid_write_kills >= MIN_MID_WRITE, "too few kills landed during a write"
    assert kept_held or not years, "the kept weeks never outlived a kill"
    size = (f"{years} years" if years else f"{PREFILL} days") + (", behind" if behind else "")
    print(
        f"{size}: {kills} kills, {mid_write_kills} inside a write, {len(acked_total)} saves "
        f"checked, kept weeks carried through {kept_held}"
    )


def test_two_processes_at_once_one_writes_the_other_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(entry(0))
    first = Child(path, 1000, 300, hold=True)  # holds the file until told to close
    first_ready = first.next_line()
    second = Child(path, 2000, 300)
    lines_second = [line.rstrip("\n") for line in second.finish()]
    assert first.process.stdin is not None
    first.process.stdin.close()
    out_first = "".join(first.finish())
    assert first_ready.startswith("ready -")
    assert lines_second[0] == f"ready {READ_ONLY_MESSAGE}"
    assert acknowledged(lines_second) == []  # the second never wrote anything
    assert sum(1 for line in lines_second if line.startswith("refused")) == 300
    acked = acknowledged(out_first.splitlines())
    assert len(acked) == 300
    with Store.open(path) as store:
        saved = {c.day: c for c in store.checkins()}
    assert all(saved.get(entry(i).day) == entry(i) for i in [0, *acked])
    assert len(saved) == 301


def test_writers_in_turn_never_lose_each_others_saves(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    expected: set[int] = set()
    for turn in range(4):
        child = Child(path, turn * 100, 50)
        lines = child.finish()
        assert child.process.returncode == 0
        expected |= set(acknowledged(lines))
    with Store.open(path) as store:
        assert {c.day for c in store.checkins()} == {entry(i).day for i in expected}
    assert len(expected) == 200
