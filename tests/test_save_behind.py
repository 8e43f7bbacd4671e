"""Saves that finish behind the caller (``Store.save_behind``, as ``bonecoach checkin`` saves).

The fsync and rename of such a save run in a thread while the command works out what to say;
the next write, ``finish_saving`` and ``close`` wait for them. What must hold: the file on disk
changes only once the save is whole (as for any save), nothing is reported saved before it is
on disk, and a failure is raised (as a SaveError naming the data file) with memory dropping
the change, the temp file removed and the lock let go.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.models import CheckIn
from store import storage
from store.db import SaveError, Store

DAY = TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.usefixtures("cli_on_module_today")


def on_disk(path: Path, day: date = DAY) -> int | None:
    """The pain the file itself holds for ``day`` (a fresh read-only store)."""
    with Store.open(path, read_only=True) as store:
        entry = store.get_checkin(day)
    return entry.pain if entry is not None else None


def temp_files(path: Path) -> list[str]:
    return [p.name for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


class HeldReplace:
    """``os.replace`` held until ``let_go``, or failing with ``error``; records the threads
    that called it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, error: OSError | None = None) -> None:
        self.gate = threading.Event()
        self.callers: list[int] = []
        self.error = error
        self._real: Callable[[str, str], None] = os.replace
        monkeypatch.setattr(storage.os, "replace", self)

    def __call__(self, src: str, dst: str) -> None:
        self.callers.append(threading.get_ident())
        if self.error is not None:
            raise self.error
        assert self.gate.wait(10), "never let go"
        self._real(src, dst)

    def let_go(self) -> None:
        self.gate.set()

    def reached(self, count: int = 1) -> bool:
        deadline = time.monotonic() + 10
        while len(self.callers) < count and time.monotonic() < deadline:
            time.sleep(0.001)
        return len(self.callers) >= count


@pytest.fixture
def saved_once(data_path: Path) -> Iterator[Store]:
    """A store with DAY saved (pain 1) the usual way, then saving behind."""
    store = Store.open(data_path, clock=lambda: DAY)
    store.put_checkin(CheckIn(DAY, pain=1))
    store.save_behind()
    yield store
    with contextlib.suppress(SaveError):
        store.close()


def test_a_save_returns_before_its_rename_and_close_waits_for_it(
    saved_once: Store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    interval = sys.getswitchinterval()
    held = HeldReplace(monkeypatch)
    saved_once.put_checkin(CheckIn(DAY, pain=7))  # returns with the rename still held
    assert held.reached()
    assert len(held.callers) == 1 and held.callers[0] != threading.get_ident()  # its thread
    assert saved_once.get_checkin(DAY).pain == 7  # memory has it
    assert on_disk(data_path) == 1  # the file does not, yet: it is replaced whole or not at all
    assert saved_once._storage.committing
    held.let_go()
    saved_once.close()
    assert on_disk(data_path) == 7
    assert temp_files(data_path) == []
    assert sys.getswitchinterval() == interval  # (shortened only while the thread ran)


def test_a_failed_save_behind_is_raised_by_close_and_nothing_is_changed(
    saved_once: Store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    HeldReplace(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    saved_once.put_checkin(CheckIn(DAY, pain=7))  # (the failure comes later)
    with pytest.raises(SaveError) as raised:
        saved_once.close()
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(data_path)
    monkeypatch.undo()
    assert on_disk(data_path) == 1
    assert temp_files(data_path) == []
    with Store.open(data_path) as again:  # the lock was let go: another session may write
        assert not again.read_only
        again.put_checkin(CheckIn(DAY, pain=3))
    assert on_disk(data_path) == 3


def test_after_a_failed_save_behind_memory_holds_what_the_file_holds(
    saved_once: Store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldReplace(monkeypatch, OSError(errno.EIO, "Input/output error"))
    saved_once.put_checkin(CheckIn(DAY, pain=7))
    with pytest.raises(SaveError):
        saved_once.finish_saving()
    assert saved_once.get_checkin(DAY).pain == 1  # the change is gone from memory too
    held.error = None
    held.let_go()
    saved_once.put_checkin(CheckIn(DAY + timedelta(days=-1), pain=2))  # and the store goes on
    saved_once.finish_saving()
    assert (on_disk(data_path), on_disk(data_path, DAY - timedelta(days=1))) == (1, 2)


def test_the_next_write_waits_for_the_save_in_flight(
    saved_once: Store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldReplace(monkeypatch)
    saved_once.put_checkin(CheckIn(DAY, pain=7))
    assert held.reached()
    threading.Thread(target=lambda: (time.sleep(0.2), held.let_go())).start()  # (no Timer:
    # a timed wait never ends under libfaketime's shifted clock, as .ci/weekdays runs this)
    began = time.monotonic()
    saved_once.put_checkin(CheckIn(DAY - timedelta(days=1), pain=5))  # waits for the first
    assert time.monotonic() - began >= 0.15
    assert len(held.callers) >= 1
    saved_once.close()
    assert len(held.callers) == 2  # one rename each, the first one's first
    assert (on_disk(data_path), on_disk(data_path, DAY - timedelta(days=1))) == (7, 5)
    assert temp_files(data_path) == []


def test_checkin_says_saved_only_once_the_file_holds_it(
    capsys: pytest.CaptureFixture[str], _isolated_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's save runs behind it; a failure is its one error line, never "Saved"."""
    assert cli.main(["checkin", "--pain", "2"]) == 0
    assert "Saved check-in" in capsys.readouterr().out
    saved = _isolated_data.read_bytes()
    HeldReplace(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    code = cli.main(["checkin", "--pain", "8"])
    out, err = capsys.readouterr()
    monkeypatch.undo()
    assert code == cli.EXIT_PROBLEM
    assert "Saved" not in out and "Thank you" not in out
    assert str(_isolated_data) in err and "No space left on device" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _isolated_data.read_bytes() == saved
    assert temp_files(_isolated_data) == []


class InterruptedOnce:
    """A commit's "done" lock whose first wait is cut short by Ctrl-C (the save goes on)."""

    def __init__(self, real: object, meanwhile: Callable[[], None]) -> None:
        self.real, self.meanwhile, self.calls = real, meanwhile, 0

    def acquire(self) -> bool:
        self.calls += 1
        if self.calls == 1:
            self.meanwhile()
            raise KeyboardInterrupt
        return self.real.acquire()  # type: ignore[attr-defined]

    def release(self) -> None:
        self.real.release()  # type: ignore[attr-defined]


def test_ctrl_c_while_waiting_still_waits_for_the_save_then_is_raised(
    saved_once: Store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save landed: memory keeps it (it is not dropped as a failed one), then Ctrl-C."""
    held = HeldReplace(monkeypatch)
    saved_once.put_checkin(CheckIn(DAY, pain=7))
    commit = saved_once._storage._commit[0]
    commit._done = InterruptedOnce(commit._done, held.let_go)
    with pytest.raises(KeyboardInterrupt):
        saved_once.finish_saving()
    assert commit._done.calls == 2  # waited again after Ctrl-C
    assert on_disk(data_path) == 7
    assert saved_once.get_checkin(DAY).pain == 7
    assert not saved_once._storage.committing
