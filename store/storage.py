"""A crash-safe TinyDB storage: reads served from memory, every write atomic and durable.

Stock ``JSONStorage`` rewrites the file in place and re-parses it on every write: a kill in the
middle leaves a torn file, and a 10-year diary costs a full parse per save. Here a write goes to a
temporary file in the same folder, is flushed and fsynced, replaces the data file with
``os.replace`` (atomic on POSIX) and then the folder is fsynced so the rename itself survives a
power cut. A reader therefore sees the old file or the new one, never a mix.

Serialisation is incremental: TinyDB hands over the whole database on every write, but only the
documents that changed need encoding again. Each document's JSON text is memoised against a
shallow snapshot of the document; unchanged documents reuse their text.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"


class UnreadableFileError(Exception):
    """The data file exists but is not a readable TinyDB JSON document."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def load_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a data file; None if it does not exist or is empty; raise if it is damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableFileError(path, f"cannot be read ({error.strerror})") from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFileError(path, f"is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise UnreadableFileError(path, "is not a bonecoach data file (unexpected structure)")
    return data


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX needs the directory itself fsynced)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old or the new file."""
    fd, temp_name = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(path.parent)


def _create_temp(path: Path) -> tuple[int, str]:
    """A new 0600 file beside ``path`` (``tempfile`` would pull in ``random`` at start-up)."""
    for attempt in itertools.count():
        name = str(
            path.parent / f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{time.time_ns()}.{attempt}"
        )
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), name
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


def remove_stale_temp_files(path: Path) -> int:
    """Delete temp files a killed writer left behind (only call while holding the lock)."""
    removed = 0
    for stale in path.parent.glob(TEMP_PREFIX + path.name + ".*"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed += 1
    return removed


class _DocumentEncoder:
    """Encodes the database to JSON, re-encoding only documents that changed since last time."""

    def __init__(self) -> None:
        # id(doc) -> (doc, shallow snapshot, json text); holding ``doc`` keeps its id unique.
        self._memo: dict[int, tuple[dict[str, Any], dict[str, Any], str]] = {}

    def encode(self, data: dict[str, dict[str, Any]]) -> str:
        memo: dict[int, tuple[dict[str, Any], dict[str, Any], str]] = {}
        tables = []
        for table_name, table in data.items():
            parts = []
            for doc_id, doc in table.items():
                cached = self._memo.get(id(doc))
                if cached is not None and cached[0] is doc and cached[1] == doc:
                    text = cached[2]
                    memo[id(doc)] = cached
                else:
                    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                    memo[id(doc)] = (doc, dict(doc), text)
                parts.append(f"{json.dumps(str(doc_id))}:{text}")
            tables.append(f"{json.dumps(table_name)}:{{{','.join(parts)}}}")
        self._memo = memo
        return "{" + ",\n".join(tables) + "}"

    def forget(self) -> None:
        self._memo.clear()


class AtomicJSONStorage(Storage):
    """TinyDB storage for one JSON file: cached reads, atomic durable writes.

    ``before_write`` runs before each write (the store uses it for the daily backup and for
    refusing writes in read-only mode). If a write fails, the in-memory copy is dropped so the
    next read comes from disk again: memory never claims a save the file does not hold.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        before_write: Callable[[], None] | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._before_write = before_write
        self._cache: dict[str, Any] | None = initial
        self._loaded = initial is not None
        self._encoder = _DocumentEncoder()
        self._deferred = 0
        self._dirty = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._cache = load_json_file(self.path)
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        self._cache = data
        self._loaded = True
        if self._deferred:
            self._dirty = True
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        try:
            if self._before_write is not None:
                self._before_write()
            payload = self._encoder.encode(data).encode("utf-8")
            atomic_write_bytes(self.path, payload)
        except BaseException:
            self.reload()
            raise

    def reload(self) -> None:
        """Drop the in-memory copy; the next read parses the file again."""
        self._cache = None
        self._loaded = False
        self._encoder.forget()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many TinyDB operations into one atomic write (all or nothing)."""
        self._deferred += 1
        try:
            yield
        except BaseException:
            self._deferred -= 1
            if not self._deferred:
                self._dirty = False
                self.reload()
            raise
        self._deferred -= 1
        if not self._deferred and self._dirty:
            self._dirty = False
            if self._cache is not None:
                self._flush(self._cache)

    def close(self) -> None:
        self._encoder.forget()
