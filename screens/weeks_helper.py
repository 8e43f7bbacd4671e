"""The weeks of a long diary summed in a helper process while the app starts (issue 15).

Trends' "all time" reads kept weekly totals (store/weeks.py) and the few weeks after them. A
diary of years with none kept (copied without its ``.weeks`` file, edited by hand, written by
an older version) makes the first "all time" read every record on the event loop: about 0.3 s
at 30 years. At start-up the other core is idle, so ``bonecoach`` runs this module there
(``python -m screens.weeks_helper FILE``, before the app's own slow start): it does what
``bonecoach doctor --keep-weeks`` does, but reads the records all at once (the person may be
waiting), opening the file read-only (it needs no lock, see ``Store.keep_weeks``), and ends
without freeing its 60 MB of records one by one. Trends reads the kept weeks once they come:
its whole read, unasked, waits for them, and asked, stops when they come first
(screens/trends.py ``_read_whole``).

Nothing depends on it: if it fails, is slow or is stopped, the weeks are summed as before.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

    from store.db import Store


class WeeksHelper:
    """At most one helper process of the app; ``generation`` counts the ones that ended."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._data_path: Path | None = None
        self._ended = 0

    @classmethod
    def for_store(cls, store: Store, today: date) -> WeeksHelper:
        """A helper, started at once if ``store`` needs one (``wanted``): before the app's
        own slow start (importing Textual, the first frame), so its 0.3 s at 30 years are
        mostly over when Trends opens."""
        helper = cls()
        if cls.wanted(store, today):
            helper.start(store.path)
        return helper

    @staticmethod
    def wanted(store: Store, today: date) -> bool:
        """Whether ``store`` is a diary of years whose weeks are not kept (or are too old to
        use today) and could keep them: what ``doctor --keep-weeks`` would sum. None for a
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


def main(argv: list[str]) -> int:
    """Sum and keep the weeks of the data file ``argv[0]``; 0 if kept (or held already)."""
    from coach.cli import sum_and_keep_weeks
    from store.db import Store, StoreError

    try:
        with Store.open(Path(argv[0]), read_only=True) as store:
            outcome = sum_and_keep_weeks(store, beside_writer=True, whole=True)
    except StoreError:
        return 1
    return 0 if outcome in ("kept", "held") else 1


if __name__ == "__main__":
    import gc

    gc.disable()  # a short process making 16,000 records and no cycles: 50 ms of 310 less
    # the app waits for the end of this process: the records need not be freed one by one
    # (30 years: 60 ms), as nothing is left to write
    os._exit(main(sys.argv[1:]))
