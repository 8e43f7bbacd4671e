"""The weeks of a long diary summed in a helper process while the app starts (issue 15).

Trends' "all time" reads kept weekly totals (store/weeks.py) and the few weeks after them. A
diary of years with none kept (copied without its ``.weeks`` file, edited by hand, written by
an older version) makes the first "all time" read every record on the event loop: about 0.3 s
at 30 years. At start-up the other core is idle, so ``bonecoach`` sums them there, before the
app's own slow start: it does what ``bonecoach doctor --keep-weeks`` does, but reads the
records all at once (the person may be waiting), beside the session (it needs no lock, see
``Store.keep_weeks``), and ends without freeing its 60 MB of records one by one. Trends reads
the kept weeks once they come: its whole read, unasked, waits for them, and asked, stops when
they come first (screens/trends.py ``_read_whole``).

On Linux, before any thread is started, the helper is a fork of the app with the store it has
just opened: no second Python start-up, import or read of the file (at 30 years it ends about
40 ms sooner: 0.24 against 0.28 s). Elsewhere it is ``python -m screens.weeks_helper FILE``.

Nothing depends on it: if it fails, is slow or is stopped, the weeks are summed as before.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import subprocess

    from store.db import Store


class _Forked:
    """A forked helper, seen as ``subprocess.Popen`` shows a process: ``pid``, ``returncode``,
    ``poll``, ``kill``, ``wait``."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def _reap(self, options: int) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, options)
            except ChildProcessError:  # (reaped already: it has ended)
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def poll(self) -> int | None:
        return self._reap(os.WNOHANG)

    def wait(self) -> int | None:
        return self._reap(0)

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def can_fork() -> bool:
    """Whether the helper may be a fork of this process: on Linux (macOS libraries are not
    safe in a fork that does not exec), with no thread started (only the forking thread
    would go on in the child; ``bonecoach`` forks before it imports Textual)."""
    threading = sys.modules.get("threading")
    threads = threading.active_count() if threading is not None else 1
    return sys.platform == "linux" and hasattr(os, "fork") and threads == 1


class WeeksHelper:
    """At most one helper process of the app; ``generation`` counts the ones that ended."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | _Forked | None = None
        self._data_path: Path | None = None
        self._ended = 0

    @classmethod
    def for_store(cls, store: Store, today: date) -> WeeksHelper:
        """A helper, started at once if ``store`` needs one (``wanted``): before the app's
        own slow start (importing Textual, the first frame), so its 0.3 s at 30 years are
        mostly over when Trends opens."""
        helper = cls()
        if cls.wanted(store, today):
            if can_fork():
                helper.fork(store)
            else:
                helper.start(store.path)
        return helper

    @staticmethod
    def wanted(store: Store, today: date) -> bool:
        """Whether ``store`` is a diary of years whose weeks are not kept (or are too old to
        use today) and could keep them: what ``doctor --keep-weeks`` would sum. False for a
        file not in the layout or on a read-only file system (``Store.can_keep_weeks``): a
        helper would read it whole every session to keep nothing."""
        from coach.kept_weeks import KEEP_WEEKS_FROM, kept_weeks_usable

        if store.history_size() < KEEP_WEEKS_FROM:
            return False
        kept = store.kept_weeks()
        if kept is not None and kept_weeks_usable(kept.cut, today):
            return False
        return store.can_keep_weeks(beside_writer=True)

    def start(self, data_path: Path) -> None:
        """Run this module on ``data_path`` in a process of its own, with this Python,
        silent; nothing if one is running or it cannot be started."""
        if self._process is not None and self._process.poll() is None:
            return
        import subprocess  # (here: the helper process itself needs none of it)

        argv = [sys.executable, "-m", "screens.weeks_helper", str(data_path)]
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None
        self._data_path = data_path

    def fork(self, store: Store) -> None:
        """Sum and keep the weeks of ``store`` in a fork of this process (``can_fork`` must
        hold); ``start`` if no process can be made now."""
        if self.running:
            return
        try:
            pid = os.fork()
        except OSError:
            self.start(store.path)
            return
        if pid == 0:
            _forked_helper(store)
        self._process, self._data_path = _Forked(pid), store.path

    @property
    def running(self) -> bool:
        process = self._process
        if process is None:
            return False
        if process.poll() is None:
            return True
        self._process, self._ended = None, self._ended + 1
        return False

    @property
    def generation(self) -> int:
        """How many helpers have ended: kept weeks looked up before may be out of date."""
        _ = self.running
        return self._ended

    def stop(self) -> None:
        """End a helper still running (the app is closing): its weeks are summed another
        time. Waited for, so no process outlives the session."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        process.kill()
        process.wait()
        if self._data_path is not None:  # its file, if it was writing the weeks then
            from store.weeks import kept_path, temp_of

            temp_of(kept_path(self._data_path), process.pid).unlink(missing_ok=True)


def _keep(store: Store) -> int:
    """What a helper does with ``store``: 0 if its weeks are kept now (or held already)."""
    import gc

    from coach.cli import sum_and_keep_weeks

    gc.disable()  # a short process making 16,000 records and no cycles: 50 ms of 310 less
    outcome = sum_and_keep_weeks(store, beside_writer=True, whole=True)
    return 0 if outcome in ("kept", "held") else 1


def _forked_helper(store: Store) -> NoReturn:
    """The fork's whole life: silent (its terminal is the app's), never back into the app's
    code, whatever is raised, and ended with ``os._exit`` (no exit handlers of the app's, no
    buffered output written twice, and 60 MB of records not freed one by one)."""
    status = 1
    try:
        silent = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(silent, stream)
        _close_inherited()
        status = _keep(store)
    finally:
        os._exit(status)


def _close_inherited() -> None:
    """Close every file the fork has from the app but its three streams: it needs none (the
    records are in memory), and the app's one-writer lock, if held, must end with the app."""
    for name in os.listdir("/proc/self/fd"):
        if int(name) > 2:
            with contextlib.suppress(OSError):  # (the listing's own, closed already)
                os.close(int(name))


def main(argv: list[str]) -> int:
    """Sum and keep the weeks of the data file ``argv[0]``; 0 if kept (or held already)."""
    from store.db import Store, StoreError

    try:
        with Store.open(Path(argv[0]), read_only=True) as store:
            return _keep(store)
    except StoreError:
        return 1


if __name__ == "__main__":
    # the app waits for the end of this process: the records need not be freed one by one
    # (30 years: 60 ms), as nothing is left to write
    os._exit(main(sys.argv[1:]))
