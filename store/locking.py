"""The one-writer lock on a data file: ``fcntl.flock`` on a ``<file>.lock`` beside it.

This is what the filelock package's ``UnixFileLock`` does, without its imports (about 30 ms:
logging, secrets, asyncio...), which every saving command and the app's start paid for (issue
15: ``bonecoach checkin`` against a stock TinyDB script). The kernel drops the lock when the
process ends, however it ends (kill -9 included), so a crash never leaves the file locked.
Where ``fcntl`` does not exist (Windows), the filelock package does the same job.
"""

from __future__ import annotations

import os
import time
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05


class Timeout(Exception):
    """Another process holds the lock (after waiting ``timeout`` seconds)."""


class FileLock:
    """An exclusive lock on ``path`` (created 0600 if missing), held until ``release``."""

    def __init__(self, path: str, timeout: float = 0.0, mode: int = 0o600) -> None:
        self.path = path
        self.timeout = timeout
        self.mode = mode
        self._fd: int | None = None
        self._other: Any = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None or self._other is not None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``timeout`` seconds; Timeout if another holds it.
        OSError if the lock file cannot be made (a read-only folder, say)."""
        if self.is_locked:
            return
        if fcntl is None:  # pragma: no cover - not POSIX
            import filelock

            other = filelock.FileLock(self.path, timeout=self.timeout, mode=self.mode)
            try:
                other.acquire()
            except filelock.Timeout:
                raise Timeout(self.path) from None
            self._other = other
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, self.mode)
        deadline = time.monotonic() + self.timeout
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise Timeout(self.path) from None
                    time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._other is not None:  # pragma: no cover - not POSIX
            self._other.release()
            self._other = None
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __del__(self) -> None:  # a lock nobody holds any more is let go
        self.release()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
