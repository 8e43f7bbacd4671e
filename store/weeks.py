"""Kept weeks: weekly totals of the diary's older records, kept beside the data file.

The trends screen's "all time" sums every week of the diary: at 30 years, 16,000 records to
read and check (about 0.2 s) before the first plot, in every session. The weeks before a cut
day (a Monday some weeks back) rarely change, so once they have been summed they are kept in
``<data file>.weeks``, and a later session reads those plus the records from the cut on.

The file is a throwaway copy, never the source of truth: deleting it costs one slow "all time".
It is trusted only for a data file it was made from, or one that a save of this program turned
it into without changing a day before the cut. Its last lines are those files' seals (the
CRC-32 and size the data file's layout gives its body, see store/lines.py): a save appends
the new file's seal when the file it replaced was the last one sealed and every record it
changed is dated from the cut on (``carry``). A file written any other way (another program,
a hand edit, an import, a restored backup of other data) has a seal not in the list, and the
weeks are made again from the records. Anything unexpected in the file counts as no file.

Layout, one JSON value a line::

    {"version":1,"cut":739500,"start":728000,"names":["pain","fatigue",...]}
    [[2.5,7,7],[null,0,7],...]       one line a name: that series' weeks, oldest first
    ...
    3092460620 222966                one line a seal: "CRC size"

What a row holds is the caller's business (the store knows nothing of trends): here, lists.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from store.paths import FILE_MODE
from store.storage import Seal, process_alive

VERSION = 1
SUFFIX = ".weeks"
MAX_BYTES = 16 * 1024 * 1024  # 30 years of every metric is about 0.4 MB


def kept_path(data_path: Path) -> Path:
    """The kept weeks of a data file: beside it, named after it (``bonecoach.json.weeks``)."""
    return data_path.with_name(data_path.name + SUFFIX)


def _seal_line(seal: Seal) -> bytes:
    return b"%d %d\n" % seal


@dataclass
class KeptWeeks:
    """The kept weeks of one data file: rows by name, parsed when first asked for."""

    cut: date  # the first day not summed: a Monday; weeks before it are kept
    start: date  # the first day summed: the diary's first record
    _lines: dict[str, bytes]
    _parsed: dict[str, list[Any] | None] = field(default_factory=dict)

    def rows(self, name: str, *, keep: bool = True) -> list[Any] | None:
        """The rows kept for ``name``, or None if there are none or they do not parse;
        kept parsed for the next call unless ``keep`` is False (a pass over every name)."""
        if name in self._parsed:
            return self._parsed[name]
        line = self._lines.get(name)
        try:
            rows = json.loads(line) if line is not None else None
        except ValueError:
            rows = None
        rows = rows if isinstance(rows, list) else None
        if keep:
            self._parsed[name] = rows
        return rows


def load(data_path: Path, seal: Seal | None) -> KeptWeeks | None:
    """The kept weeks of ``data_path`` if they hold for the file whose seal is ``seal``."""
    if seal is None:
        return None
    try:
        with open(kept_path(data_path), "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES or not raw.endswith(b"\n"):
        return None
    lines = raw[:-1].split(b"\n")
    try:
        header = json.loads(lines[0])
        names = header["names"]
        cut, start = date.fromordinal(header["cut"]), date.fromordinal(header["start"])
        ok = header["version"] == VERSION and isinstance(names, list) and start < cut
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
    if not ok or not all(isinstance(n, str) for n in names) or len(lines) < len(names) + 2:
        return None
    if _seal_line(seal)[:-1] not in lines[len(names) + 1 :]:
        return None
    return KeptWeeks(cut, start, dict(zip(names, lines[1 : len(names) + 1], strict=True)))


def keep(data_path: Path, seal: Seal, cut: date, start: date, rows: dict[str, list[Any]]) -> bool:
    """Keep ``rows`` (weeks from ``start``'s to ``cut``) for the data file sealed ``seal``;
    False if they could not be written (nothing else comes of it: they are a copy).

    Written to a new file and renamed over the old one, with no fsync: after a crash the file
    is either whole or fails ``load`` (made again later)."""
    header = {"version": VERSION, "cut": cut.toordinal(), "start": start.toordinal()}
    parts = [json.dumps({**header, "names": list(rows)}, separators=(",", ":")).encode()]
    parts += [json.dumps(r, separators=(",", ":"), allow_nan=False).encode() for r in rows.values()]
    payload = b"\n".join(parts) + b"\n" + _seal_line(seal)
    target = kept_path(data_path)
    _remove_dead_temps(target)
    temp = temp_of(target, os.getpid())
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return False
    return True


def can_write(data_path: Path) -> bool:
    """Whether the kept weeks of ``data_path`` could be written (the folder takes new files):
    False on a read-only file system, or a folder of someone else's."""
    return os.access(kept_path(data_path).parent, os.W_OK)


def temp_of(target: Path, pid: int) -> Path:
    """The file a process writes the weeks to before renaming it: a name of its own, as the
    app's helper (screens/weeks_helper.py) may keep them at the same moment as the session."""
    return target.with_name(f"{target.name}.{pid}.new")


def _remove_dead_temps(target: Path) -> None:
    """Remove what a process killed while writing the weeks left (its pid runs no more)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(target.parent):
            pid = name.removeprefix(target.name + ".").removesuffix(".new")
            if not pid.isdigit() or name != temp_of(target, int(pid)).name:
                continue  # not such a file
            if not process_alive(int(pid)):
                with contextlib.suppress(OSError):
                    (target.parent / name).unlink()


def carry(data_path: Path, before: Seal | None, after: Seal | None, changed_from: date) -> None:
    """A save replaced the data file sealed ``before`` with one sealed ``after``, changing
    no record dated before ``changed_from``: the kept weeks hold for it too if they held for
    the file it replaced (the last one sealed) and their cut is no later than that day.
    Otherwise they are removed: no later file can match them."""
    if before is None or after is None:
        return
    target = kept_path(data_path)
    try:
        with open(target, "r+b") as handle:
            header = json.loads(handle.readline(4096))
            cut = header["cut"]
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 64))
            last = handle.read().rsplit(b"\n", 2)[-2:]
            if last != [_seal_line(before)[:-1], b""]:
                return  # not kept for the file replaced: already of no use
            if type(cut) is int and changed_from.toordinal() >= cut:
                handle.write(_seal_line(after))
                return
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return
    with contextlib.suppress(OSError):
        target.unlink()
