"""A crash-safe TinyDB storage: reads served from memory, every write atomic and durable.

Stock ``JSONStorage`` rewrites the file in place and re-parses it on every write: a kill in the
middle leaves a torn file, and a 10-year diary costs a full parse per save. Here a write goes to a
temporary file in the same folder, is flushed and fsynced, replaces the data file with
``os.replace`` (atomic on POSIX) and then the folder is fsynced so the rename itself survives a
power cut. A reader therefore sees the old file or the new one, never a mix.

Serialisation is incremental and reading is lazy: the file holds one document a line
(store/lines.py), so a read parses only the documents asked for, and a write encodes only the
documents that changed and copies every other line as it was.

Hostile files are read without crashing: the size is bounded, nesting too deep for Python is an
"unreadable file", and a number too long for Python's int conversion is kept as ``RawNumber``
(written back exactly as it was, and refused by every record's validation).
"""

from __future__ import annotations

import _thread
import contextlib
import itertools
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from tinydb.storages import Storage

from store.errors import StoreError, UnreadableFileError
from store.paths import MAX_FILE_BYTES

__all__ = [
    "FILE_MODE",
    "MAX_FILE_BYTES",
    "TEMP_PREFIX",
    "AtomicJSONStorage",
    "RawNumber",
    "UnreadableFileError",
    "atomic_write_bytes",
    "encode_json",
    "fsync_dir",
    "load_data_file",
    "load_json_file",
    "open_bounded",
    "parse_json",
    "process_alive",
    "remove_stale_temp_files",
    "write_new_file",
]

FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"
META = "_meta"
Seal = tuple[int, int]  # a file in the layout of store/lines.py: its body's CRC-32 and size


class RawNumber:
    """A number in a file that Python will not convert (over 4,300 digits): kept as its text.

    It is not an int, so every record that holds one fails validation and is quarantined; the
    encoder writes the text back unchanged, so the file keeps exactly what it held.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"<a number of {len(self.text)} digits>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RawNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def _int_or_raw(text: str) -> int | RawNumber:
    try:
        return int(text)
    except ValueError:  # beyond sys.get_int_max_str_digits()
        return RawNumber(text)


def parse_json(raw: bytes, path: Path) -> Any:
    """Parse JSON bytes; any way they cannot be read raises UnreadableFileError naming ``path``."""
    try:
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            raise
        except ValueError:  # an integer too long to convert: read again, keeping it as text
            return json.loads(raw, parse_int=_int_or_raw)
    except RecursionError:
        raise UnreadableFileError(path, "is nested too deeply to be a bonecoach file") from None
    except UnicodeDecodeError:
        raise UnreadableFileError(path, "is not valid JSON (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise UnreadableFileError(path, f"is not valid JSON ({error})") from None


def parse_document(raw: bytes | bytearray) -> Any:
    """One document's JSON (a line of the data file); a number too long for ``int`` is kept
    as ``RawNumber``. Raises ValueError or RecursionError if it does not parse."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        raise
    except ValueError:
        return json.loads(raw, parse_int=_int_or_raw)


def _open_for_reading(path: Path) -> int | None:
    """A descriptor of ``path`` (non-blocking: a FIFO cannot hang the open), None if there is
    no such file; any other failure is an UnreadableFileError naming it."""
    try:
        return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UnreadableFileError(path, f"cannot be read ({error.strerror})") from None


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a regular file, None if it does not exist; refuses huge or odd files."""
    fd = _open_for_reading(path)
    if fd is None:
        return None
    try:
        size = _regular_size(path, fd, limit)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # read what the file holds (asking for ``limit`` bytes would allocate them all)
            data = handle.read(size + 1)
            if len(data) > size:  # it grew since: read on, to the limit
                data += handle.read(limit + 1 - len(data))
            return data
    except OSError as error:
        raise UnreadableFileError(path, f"cannot be read ({error.strerror})") from None
    finally:
        os.close(fd)


def _regular_size(path: Path, fd: int, limit: int) -> int:
    """The size of the open file ``fd``; refuses anything but a regular file of ``limit``."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(path, "is not a regular file")
    if info.st_size > limit:
        raise UnreadableFileError(
            path, f"is too large to be a bonecoach file ({info.st_size} bytes)"
        )
    return info.st_size


def open_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> BinaryIO | None:
    """``path`` opened for reading a piece at a time, after the checks ``read_bounded`` makes
    (a regular file, at most ``limit`` bytes when opened); None if it does not exist."""
    fd = _open_for_reading(path)
    if fd is None:
        return None
    try:
        _regular_size(path, fd, limit)
        return os.fdopen(fd, "rb")
    except BaseException as error:
        os.close(fd)
        if isinstance(error, OSError):
            raise UnreadableFileError(path, f"cannot be read ({error.strerror})") from None
        raise


def load_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a data file; None if it does not exist or is empty; raise if it is damaged.

    Only the outer shape is checked here (an object of tables); what is inside each table is
    the loader's business (store/loader.py), record by record.
    """
    raw = read_bounded(path)
    if raw is None or not raw.strip():
        return None
    data = parse_json(raw, path)
    if not isinstance(data, dict):
        raise UnreadableFileError(path, "is not a bonecoach data file (unexpected structure)")
    return data


def load_data_file(path: Path) -> dict[str, Any] | None:
    """A data file for the store: lazily, by lines, if it is in the layout store/lines.py
    writes (checked by its checksum); otherwise parsed whole as ``load_json_file`` does."""
    return load_sealed_data_file(path)[0]


def load_sealed_data_file(path: Path) -> tuple[dict[str, Any] | None, Seal | None]:
    """``load_data_file``, with the file's seal (store/weeks.py) if it is in the layout."""
    from store import lines, prefetch

    ahead = prefetch.take(path)  # (read already, if a command asked for it: store/prefetch.py)
    raw, body_crc = ahead if ahead is not None else (read_bounded(path), None)
    if raw is None or not raw.strip():
        return None, None
    data = lines.read(raw, body_crc=body_crc)
    if data is not None:
        return data, lines.seal_of(raw)
    data = parse_json(raw, path)
    if not isinstance(data, dict):
        raise UnreadableFileError(path, "is not a bonecoach data file (unexpected structure)")
    return lines.strip_layout(data), None


# --------------------------------------------------------------------------- writing


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX needs the directory itself fsynced)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _named(error: OSError, path: Path) -> OSError:
    """The same error, naming the file the person asked for instead of a temporary file."""
    return type(error)(error.errno, error.strerror or str(error), str(path))


def _write_temp(path: Path, payload: bytes) -> str:
    """A new, complete, fsynced 0600 file beside ``path``; returns its name."""
    fd, temp_name = _create_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return temp_name


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old or the new file.

    Order: temp file written and fsynced, renamed over ``path``, then the folder fsynced. An
    error names ``path`` (the file asked for), never the temporary file.
    """
    try:
        temp_name = _write_temp(path, payload)
        try:
            os.replace(temp_name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
        fsync_dir(path.parent)
    except OSError as error:
        raise _named(error, path) from None


@contextlib.contextmanager
def atomic_stream(path: Path, buffering: int = -1) -> Iterator[Any]:
    """A binary file to write ``path`` through, piece by piece, with the guarantees of
    ``atomic_write_bytes``: the temp file is fsynced and renamed over ``path`` only if the
    block ends without an error (then the folder is fsynced); otherwise it is removed."""
    try:
        fd, temp_name = _create_temp(path)
        try:
            with os.fdopen(fd, "wb", buffering=buffering) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp_name, FILE_MODE)
            os.replace(temp_name, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            raise
        fsync_dir(path.parent)
    except OSError as error:
        raise _named(error, path) from None


def write_new_file(path: Path, payload: bytes) -> None:
    """Create ``path`` with ``payload`` atomically; FileExistsError if it exists (never replaced).

    The complete temp file is hard-linked to its name, which fails if the name is taken.
    """
    try:
        temp_name = _write_temp(path, payload)
        try:
            try:
                os.link(temp_name, path)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: exclusive create instead
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                    handle.flush()
                    os.fsync(handle.fileno())
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
        fsync_dir(path.parent)
    except FileExistsError:
        raise
    except OSError as error:
        raise _named(error, path) from None


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


def temp_name_pattern(name: str) -> re.Pattern[str]:
    """Names of the temp files a writer of ``name`` makes (and nothing else's): of the file
    itself, and of the copies kept beside it (``.corrupt-<time>``, ``.damaged-<time>.json``)."""
    kept = r"(?:\.corrupt-[0-9T]+(?:-\d+)?|\.damaged-[0-9T]+(?:-\d+)?\.json)?"
    return re.compile(re.escape(TEMP_PREFIX + name) + kept + r"\.(\d+)\.\d+\.\d+")


def remove_stale_temp_files(path: Path, *, only_dead: bool = False) -> int:
    """Delete temp files a killed writer of ``path`` left behind.

    Under the data file's lock no other writer of ``path`` exists, so every match is stale.
    Without a lock (``only_dead``: outputs of export/report) only files of processes that no
    longer run are removed.
    """
    pattern = temp_name_pattern(path.name)
    removed = 0
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        found = pattern.fullmatch(name)
        if not found or (only_dead and process_alive(int(found.group(1)))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path.parent / name)
            removed += 1
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (one we may not signal counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


# --------------------------------------------------------------------------- encoding


class _HasRawNumber(Exception):
    pass


def _no_raw(obj: object) -> object:
    if isinstance(obj, RawNumber):
        raise _HasRawNumber
    from store.lines import Unparsable

    if isinstance(obj, Unparsable):  # a forged line moved to a side file: kept as text
        return obj.raw.decode("utf-8", "replace")
    raise TypeError(f"cannot store {type(obj).__name__}")


# one encoder for every document (json.dumps with options builds a new one per call); the
# documents come from JSON or from records, so they hold no cycles to check for
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), check_circular=False, default=_no_raw
)


def encode_json(value: Any) -> str:
    """Compact JSON text; ``RawNumber``s are written back as the digits they were read from.

    Raises StoreError (not RecursionError) for a value nested too deeply to encode.
    """
    try:
        return _ENCODER.encode(value)
    except _HasRawNumber:
        return _encode_with_raw_numbers(value)
    except RecursionError:
        raise StoreError("a record is nested too deeply to be saved") from None


def _encode_with_raw_numbers(value: Any) -> str:
    raws: list[str] = []

    def placeholder(obj: object) -> str:
        if isinstance(obj, RawNumber):
            raws.append(obj.text)
            return f"\x00raw-{id(raws)}-{len(raws) - 1}\x00"
        raise TypeError(f"cannot store {type(obj).__name__}")

    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=placeholder)
    except RecursionError:
        raise StoreError("a record is nested too deeply to be saved") from None
    for index, digits in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw-{id(raws)}-{index}\x00"), digits)
    return text


def to_utf8(text: str) -> bytes:
    """UTF-8 bytes; a lone surrogate (only possible inside a JSON string) becomes its escape."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def _write_pieces(path: Path, pieces: list[bytes | memoryview]) -> None:
    """``atomic_stream`` of ``pieces``, one after the other (a save of the data file)."""
    with atomic_stream(path, buffering=1 << 20) as handle:
        handle.writelines(pieces)


# While a write runs in a thread, the caller lets go of the interpreter this often (not every
# 5 ms): the thread needs it for a moment between its system calls (about 15), and would
# otherwise wait up to 5 ms for each, taking 15-20 ms for 4 ms of disk time.
COMMIT_SWITCH_INTERVAL = 0.0002


class _Commit:
    """A write running in a thread of its own (``AtomicJSONStorage.commit_behind``).

    The thread spends its time in system calls (writing, fsync, rename), which let go of the
    interpreter, so the caller's own work goes on meanwhile. ``wait`` gives the write's error.
    """

    def __init__(self, write: Callable[[], None]) -> None:
        self._write: Callable[[], None] | None = write
        self._error: BaseException | None = None
        self._done = _thread.allocate_lock()
        self._done.acquire()
        self._interval = sys.getswitchinterval()  # (put back once the write is done)

    @classmethod
    def start(cls, write: Callable[[], None]) -> _Commit | None:
        """The write, started; None if no thread can be started now (write it then)."""
        commit = cls(write)
        try:
            _thread.start_new_thread(commit._run, ())
        except RuntimeError:
            return None
        sys.setswitchinterval(COMMIT_SWITCH_INTERVAL)
        return commit

    def _run(self) -> None:
        write, self._write = self._write, None
        try:
            if write is not None:
                write()
        except BaseException as error:  # (handed to the caller by ``wait``)
            self._error = error
        finally:
            write = None  # (the pieces it holds are views of the file's bytes: let go now)
            self._done.release()

    def wait(self) -> BaseException | None:
        """Wait until the write is done, even through Ctrl-C: whether the file was replaced
        is known before anything else happens. Raises the write's error; returns a Ctrl-C
        that came meanwhile, for the caller to raise once it has dealt with the outcome."""
        interrupted: BaseException | None = None
        while True:
            try:
                self._done.acquire()
                break
            except BaseException as error:
                interrupted = error
        self._done.release()
        sys.setswitchinterval(self._interval)
        error, self._error = self._error, None
        if error is not None:
            raise error
        return interrupted


class AtomicJSONStorage(Storage):
    """TinyDB storage for one JSON file: cached reads, atomic durable writes.

    ``before_write(data)`` runs before each write (the store uses it for the daily backup, the
    save counter, and refusing writes in read-only mode); ``after_failed_write()`` after a write
    that failed. If a write fails, the in-memory copy is dropped so the next read comes from
    disk again: memory never claims a save the file does not hold.
    ``loads`` counts how often the in-memory copy was (re)placed, so caches built on it know
    when to start again.

    ``seal`` identifies the file the in-memory copy is (None: a file not in the layout, or not
    read yet); ``changed_from`` is the earliest day whose records the copy may have changed
    since (``note_change``); ``after_write(before, after, changed_from)`` runs after each
    write with the seals of the file replaced and the one written (store/weeks.py).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        before_write: Callable[[dict[str, Any]], None] | None = None,
        initial: dict[str, Any] | None = None,
        after_failed_write: Callable[[], None] | None = None,
        *,
        seal: Seal | None = None,
        after_write: Callable[[Seal | None, Seal | None, date], None] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self._before_write = before_write
        self._after_failed_write = after_failed_write
        self._after_write = after_write
        self._cache: dict[str, Any] | None = initial
        self._loaded = initial is not None
        self._deferred = 0
        self._dirty = False
        self.loads = 0
        self.seal = seal
        self.changed_from = date.max
        # write behind: a save returns once its file is written, and the fsync and rename
        # finish in a thread while the caller goes on (a command works out what to say);
        # ``finish_commit`` waits for them. Off unless the caller asks.
        self.commit_behind = False
        self._commit: tuple[_Commit, Callable[[], None]] | None = None

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._cache, self.seal = load_sealed_data_file(self.path)
            self.changed_from = date.max
            self._loaded = True
            self.loads += 1
        return self._cache

    def replace_cache(self, data: dict[str, Any] | None, seal: Seal | None = None) -> None:
        """Use ``data`` as the in-memory copy (after a re-read or a migration): the file
        sealed ``seal``, or None if it is not exactly any file."""
        self.finish_commit()
        self._cache = data
        self._loaded = True
        self.loads += 1
        self.seal = seal
        self.changed_from = date.max

    def note_change(self, day: date) -> None:
        """Records from ``day`` on may have changed in memory (``date.min``: any record)."""
        self.changed_from = min(self.changed_from, day)

    def write(self, data: dict[str, Any]) -> None:
        self._cache = data
        self._loaded = True
        if self._deferred:
            self._dirty = True
            return
        self._flush(data)

    def _flush(self, data: dict[str, Any]) -> None:
        from store import lines

        self.finish_commit()
        try:
            if self._before_write is not None:
                self._before_write(data)
            pieces, blocks = lines.encode_pieces(data)
            written = partial(
                self._written,
                data,
                blocks,
                self.seal,
                lines.seal_of(pieces[0] + b"\n"),
                self.changed_from,
            )
            write = partial(_write_pieces, self.path, pieces)
            del pieces
            self.changed_from = date.max
            if self.commit_behind:
                commit = _Commit.start(write)
                if commit is not None:  # (else: no thread could be started, written here)
                    self._commit = (commit, written)
                    return
            write()
            del write
        except BaseException:
            self._failed()
            raise
        written()

    def finish_commit(self) -> None:
        """Wait for a write in flight (``commit_behind``) to be on disk; its error, if any, is
        raised here, as a write's own would be, and memory drops what the file does not
        hold. Nothing to do without one."""
        pending, self._commit = self._commit, None
        if pending is None:
            return
        commit, written = pending
        try:
            interrupted = commit.wait()
        except BaseException:
            self._failed()
            raise
        written()
        if interrupted is not None:  # (Ctrl-C while waiting: the save is on disk all the same)
            raise interrupted

    @property
    def committing(self) -> bool:
        """A write is in flight (``commit_behind``): ``finish_commit`` before saying it saved."""
        return self._commit is not None

    def _failed(self) -> None:
        self.reload()
        if self._after_failed_write is not None:
            self._after_failed_write()

    def _written(
        self,
        data: dict[str, Any],
        blocks: list[tuple[str, int, int]],
        before: Seal | None,
        after: Seal | None,
        changed_from: date,
    ) -> None:
        """``data`` is on disk, sealed ``after``, in place of the file sealed ``before``."""
        from store import lines

        self.seal = after
        if self._after_write is not None:
            self._after_write(before, after, changed_from)
        if not lines.read_back_after_write(data):
            return
        # later saves copy the unchanged lines of what was just written: read it back (the
        # lock is held, so it is these bytes), after letting go of the old ones
        lines.release(data)
        try:
            written = read_bounded(self.path)
        except UnreadableFileError:
            written = None
        if written is None:
            self.reload()
        else:
            lines.rebase(data, written, blocks)

    def reload(self) -> None:
        """Drop the in-memory copy; the next read parses the file again (once a write in
        flight is done: the file is then what it will stay)."""
        self.finish_commit()
        self._cache = None
        self._loaded = False
        self.loads += 1
        self.seal = None
        self.changed_from = date.max

    @property
    def in_batch(self) -> bool:
        return self._deferred > 0

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
        self.finish_commit()
