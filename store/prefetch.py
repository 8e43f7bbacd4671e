"""The data file read ahead, in a thread, while a command imports what it needs.

``bonecoach`` knows its data file from its arguments, then spends some 40 ms importing the
command line, the store and the coach before the store reads the file (coach/__main__.py
starts the read first). Reading it is the kernel filling fresh memory (30 years, 5.5 MB:
about 2.4 ms) and its checksum is zlib (about 1 ms): both let go of the interpreter, so a
thread does them on the other core meanwhile.

``take`` gives the store those bytes only if the file is still the one read (the same inode,
modification time and size, as ``Store`` checks before its first write); otherwise, or if
anything went wrong, the store reads the file itself, exactly as without this module. Nothing
here raises: every error is left for that read to report.

Kept free of heavy imports: it is imported before the store is.
"""

from __future__ import annotations

import _thread
import os
import stat
import sys
import zlib

from store.paths import MAX_FILE_BYTES

# The thread needs the interpreter for a moment between its system calls; while it runs, the
# importing main thread lets go of it this often (not every 5 ms, which could make the read
# later than the store needs it).
SWITCH_INTERVAL = 0.0002

Identity = tuple[int, int, int]  # (inode, modification time in ns, size)
Result = tuple[bytes, int, Identity]  # the bytes, their body's CRC-32 (see lines.py), identity


class _Ahead:
    """One read ahead: started at once, its result waited for by ``result``."""

    def __init__(self, path: str, limit: int) -> None:
        self.path, self.limit = path, limit
        self._result: Result | None = None
        self._done = _thread.allocate_lock()
        self._done.acquire()

    def run(self) -> None:
        try:
            self._result = _read(self.path, self.limit)
        except BaseException:  # (left for the store's own read to meet and report)
            self._result = None
        finally:
            self._done.release()

    def result(self) -> Result | None:
        with self._done:
            return self._result


_ahead: dict[str, _Ahead] = {}
_interval_before = [sys.getswitchinterval()]  # (put back once the read ahead is taken)


def start(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> None:
    """Begin reading ``path`` (a regular file of at most ``limit`` bytes) in a thread."""
    real = os.path.realpath(path)
    if real in _ahead:
        return
    ahead = _Ahead(real, limit)
    try:
        _thread.start_new_thread(ahead.run, ())
    except RuntimeError:  # (no thread now: the store reads the file itself)
        return
    if not _ahead:
        _interval_before[0] = sys.getswitchinterval()
    _ahead[real] = ahead
    sys.setswitchinterval(SWITCH_INTERVAL)


def take(path: str | os.PathLike[str]) -> tuple[bytes, int] | None:
    """The bytes read ahead for ``path`` and their body's CRC-32, if the file is still the one
    read; None otherwise (read it). A read ahead is for the first store opened: after it,
    none is kept (an app would hold a file it does not use for the whole session)."""
    ahead = _ahead.pop(os.fspath(path), None)
    if ahead is None and not _ahead:
        return None
    _ahead.clear()
    result = ahead.result() if ahead is not None else None
    sys.setswitchinterval(_interval_before[0])
    if result is None:
        return None
    raw, crc, identity = result
    try:
        info = os.stat(path)
    except OSError:
        return None
    if (info.st_ino, info.st_mtime_ns, info.st_size) != identity:
        return None  # replaced or changed since: those bytes are not the file
    return raw, crc


def _read(path: str, limit: int) -> Result | None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        raw = os.read(fd, info.st_size + 1)
        if len(raw) != info.st_size:  # (short, or grew meanwhile)
            return None
    finally:
        os.close(fd)
    end = raw.find(b"\n")
    with memoryview(raw) as view:
        crc = zlib.crc32(view[end + 1 :]) if end >= 0 else 0
    return raw, crc, (info.st_ino, info.st_mtime_ns, info.st_size)
