"""Where ``export --out``, ``report --out`` and ``remind --ics`` may write, and writing safely.

An output file holds health data, so it is written like the data file (temp file, fsync,
rename, 0600), and the name is checked first:

- ``-`` means standard output; an empty name is an error, never "the default";
- never the data file, anything of it (lock, backups, kept copies, side files, temp files), or
  any other bonecoach data file;
- never through a symbolic link, onto a device or pipe (``/dev/stdout``, ``/dev/null``), or
  onto a folder;
- an existing file only with ``--force``.

A kill during a write leaves a ``.tmp-<name>.<pid>...`` file beside the output; the next write
into that folder removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import orjson

from coach.textsafe import printable
from store.backups import BACKUP_DIR, read_generation
from store.errors import PathError
from store.storage import atomic_stream, atomic_write_bytes

_STALE = re.compile(r"\.tmp-.+\.(\d+)\.\d{16,20}\.\d+")


def output_target(
    out: str | None, data_path: Path, *, force: bool, option: str = "--out"
) -> Path | None:
    """The file to write, or None for standard output; PathError says why a name is refused
    (naming ``option``, the command's option that gave the name)."""
    if out is None or out == "-":
        return None
    if not out.strip():
        raise PathError(f"{option}: give a file name, or - for standard output (it is empty)")
    target = Path(out).expanduser()
    try:
        info: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise PathError(f"{option}: {target}: {error.strerror}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise PathError(
                f"{option}: {target} is a symbolic link; not replacing it "
                f"(use {option} - for standard output)"
            )
        if stat.S_ISDIR(info.st_mode):
            raise PathError(f"{option}: {target} is a folder; give a file name inside it")
        if not stat.S_ISREG(info.st_mode):
            raise PathError(
                f"{option}: {target} is not a regular file (a device or a pipe); not writing over "
                f"it (use {option} - for standard output)"
            )
    folder = Path(os.path.realpath(target.parent))
    if not folder.is_dir():
        raise PathError(f"{option}: folder {target.parent} does not exist")
    real = folder / target.name
    _refuse_data_files(real, info, Path(os.path.realpath(data_path)), option)
    if info is not None and not force:
        raise PathError(f"{option}: {target} exists; add --force to replace it")
    return real


def _refuse_data_files(
    real: Path, info: os.stat_result | None, data: Path, option: str = "--out"
) -> None:
    what = None
    if real == data:
        what = "the data file itself"
    elif real.parent == data.parent and (
        real.name.startswith(data.name + ".") or real.name.startswith(".tmp-")
    ):
        what = "a file of the data file (its lock, a kept copy or a temporary file)"
    elif real.parent == Path(os.path.realpath(data.parent / BACKUP_DIR)):
        what = "in the data file's backups folder"
    elif info is not None:
        try:
            same = os.path.samefile(real, data)
        except OSError:
            same = False
        if same:
            what = "the data file itself (another name for it)"
        elif _mentions_meta(real) and read_generation(real) is not None:
            what = "a bonecoach data file"
    if what:
        raise PathError(f"{option}: {real} is {what}; choose another file name")


def _mentions_meta(file: Path, chunk: int = 1 << 20) -> bool:
    """Whether ``file`` holds the text ``"_meta"`` (every bonecoach data file does): a scan
    at C speed, so an earlier export (60 MB of FHIR at 30 years) replaced with ``--force`` is
    not parsed whole just to learn it is not a data file."""
    needle = b'"_meta"'
    try:
        with open(file, "rb") as handle:
            tail = b""
            while block := handle.read(chunk):
                if not tail and _not_a_data_file(block):
                    return False
                if needle in tail + block[: len(needle)] or needle in block:
                    return True
                tail = block[-len(needle) :]
    except OSError:
        return True  # cannot tell: let the full check decide
    return False


# how our exports begin: a data file (an object of tables) never does
_EXPORT_HEADS = (b'{"resourceType":"Bundle",', b'{"format":"bonecoach-export",')


def _not_a_data_file(head: bytes) -> bool:
    """Sure from its first bytes that a file is no data file: not a JSON object at all (a
    CSV, a calendar, a report), or one of our JSON exports. Then it is not read on."""
    start = head.lstrip()
    return not start.startswith(b"{") or start.startswith(_EXPORT_HEADS)


def clean_stale_outputs(folder: Path) -> int:
    """Remove temp files of output writes killed in ``folder`` (their process is gone)."""
    from store.storage import process_alive

    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        found = _STALE.fullmatch(name)
        if not found or process_alive(int(found.group(1))):
            continue
        file = folder / name
        try:
            info = file.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                file.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def write_output(target: Path, payload: bytes) -> None:
    """Write an export or report atomically (0600), after cleaning what a killed write left."""
    clean_stale_outputs(target.parent)
    atomic_write_bytes(target, payload)


@contextlib.contextmanager
def open_output(target: Path) -> Iterator[BinaryIO]:
    """A file to stream an export into: written beside ``target`` and renamed over it only
    when complete and fsynced (0600), as ``write_output`` does with a whole text."""
    clean_stale_outputs(target.parent)
    with atomic_stream(target, buffering=1 << 20) as handle:
        yield handle


def dumps(value: Any) -> str:
    """Compact JSON text of one exported record or resource, safe to print (exports are
    written a record at a time; orjson is several times faster than the json module here).
    A record (a dataclass of coach.models) comes out as its ``to_dict()``: fields in order,
    dates as ISO text, tuples as lists (tests/test_exports.py checks they agree)."""
    return printable(orjson.dumps(value).decode("utf-8"), one_line=True)


def dumps_many(values: list[Any]) -> str:
    """``dumps`` of each value, joined by commas (one encoder call for a whole batch)."""
    return printable(orjson.dumps(values).decode("utf-8")[1:-1], one_line=True)


def dumps_many_bytes(values: list[Any]) -> bytes:
    """``dumps_many`` as UTF-8 bytes, for a stream that writes bytes (the FHIR export): plain
    ASCII, the usual case, comes straight from the encoder, with no text built or scanned
    twice (orjson escapes every control character but DEL, so it is then printable)."""
    raw = orjson.dumps(values)[1:-1]
    if raw.isascii() and b"\x7f" not in raw:
        return raw
    return dumps_many(values).encode("utf-8")


class Progress:
    """A one-line progress bar on a terminal's stderr for a long write: shown only once the
    write has taken more than ``delay`` seconds, and only when ``stream`` is a terminal."""

    WIDTH = 30

    def __init__(
        self,
        total: int,
        label: str,
        stream: TextIO | None = None,
        *,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        quiet: bool = False,
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.shown = False
        self._next_look = 0
        try:
            self.on_terminal = not quiet and self.stream.isatty()
        except (AttributeError, ValueError):
            self.on_terminal = False

    def reach(self, done: int) -> None:
        """Say how far the work is (of ``total``)."""
        self.advance(done - self.done)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.on_terminal or self.done < self._next_look:
            return
        self._next_look = self.done + max(self.total // 200, 1)
        if self.shown or self.clock() - self.started > self.delay:
            self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        filled = round(share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {share:4.0%}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """Clear the bar's line (the command's own last line follows)."""
        if self.shown:
            self.done = self.total
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
