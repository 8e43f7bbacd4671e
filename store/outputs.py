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

import os
import re
import stat
from pathlib import Path

from store.backups import BACKUP_DIR, read_generation
from store.errors import PathError
from store.storage import atomic_write_bytes

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
        elif read_generation(real) is not None:
            what = "a bonecoach data file"
    if what:
        raise PathError(f"{option}: {real} is {what}; choose another file name")


def clean_stale_outputs(folder: Path) -> int:
    """Remove temp files of output writes killed in ``folder`` (their process is gone)."""
    from store.storage import _process_alive

    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        found = _STALE.fullmatch(name)
        if not found or _process_alive(int(found.group(1))):
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
