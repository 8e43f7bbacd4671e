"""Fault injection: kill -9 during saves, and two processes on one file.

Every save the child acknowledged (printed after ``put_checkin`` returned) must be in the file
after the kill, and the file must always load.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from crash_child import BASE, entry

from coach.models import CheckIn
from store.db import READ_ONLY_MESSAGE, Store

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("BONECOACH_KILLS", "60"))  # CI: 60; a longer trial: set it higher
PREFILL = 1500  # a bigger file makes each save longer, so kills land inside writes


def start_child(path: Path, first: int, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(first), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def acknowledged(lines: list[str]) -> list[int]:
    return [int(line) for line in lines if line.strip().isdigit()]


def test_kill_during_saves_never_corrupts_or_loses_an_acknowledged_save(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store, store.batch():
        for index in range(PREFILL):
            store.put_checkin(
                CheckIn(BASE - __import__("datetime").timedelta(days=index + 1), pain=1)
            )
    rng = random.Random(20261126)
    acked_total: dict[int, CheckIn] = {}
    next_index = 0
    mid_write_kills = 0
    for _ in range(KILLS):
        child = start_child(path, next_index, 10_000)
        assert child.stdout is not None
        assert child.stdout.readline().startswith("ready -")
        first_ack = child.stdout.readline()  # at least one save acknowledged before the kill
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        acked = acknowledged([first_ack, *out.splitlines()])
        if any(p.name.startswith(".tmp-") for p in tmp_path.iterdir()):
            mid_write_kills += 1
        for index in acked:
            acked_total[index] = entry(index)
        with Store.open(path) as store:  # must load, and cleans the killed writer's temp file
            saved = {c.day: c for c in store.checkins()}
        missing = [i for i, e in acked_total.items() if saved.get(e.day) != e]
        assert not missing, f"acknowledged saves lost: {missing[:5]}"
        next_index = max(acked, default=next_index - 1) + 2  # skip one: it may or may not be there
    assert len(acked_total) > KILLS  # the children really were saving
    assert mid_write_kills > 0, "no kill landed during a write; the test proved nothing"


def test_two_processes_at_once_one_writes_the_other_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(entry(0))
    first = start_child(path, 1000, 300)
    assert first.stdout is not None
    first_ready = first.stdout.readline()
    second = start_child(path, 2000, 300)
    out_second, _ = second.communicate(timeout=60)
    out_first, _ = first.communicate(timeout=60)
    assert first_ready.startswith("ready -")
    lines_second = out_second.splitlines()
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
        child = start_child(path, turn * 100, 50)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        expected |= set(acknowledged(out.splitlines()))
    with Store.open(path) as store:
        assert {c.day for c in store.checkins()} == {entry(i).day for i in expected}
    assert len(expected) == 200
