"""Daily backups of one data file: named unambiguously, rotated by what they hold.

A backup of ``bonecoach.json`` made on 26 November 2026 is
``backups/bonecoach.json.2026-11-26.bak.json``: the full file name comes first, so backups of
``bonecoach.json`` and ``bonecoach-mum.json`` in one folder can never be mistaken for each other.
(Older versions named it ``bonecoach-2026-11-26.json``; such names are recognised when no other
file shares the stem, and renamed to the new form by the next writer.)

Which backups are newest is decided by what they hold, not by their names or the clock: every
save increments a ``generation`` counter in the file's ``_meta``, which a backup keeps. After the
clock was once ahead, the backup made today still holds the highest generation and is kept.

Rotation deletes only what bonecoach made: a regular file (not a link) owned by this user, with
one of our names, whose first bytes are a bonecoach ``_meta``. A backup is never written over:
a second one on the same day gets a ``-2`` suffix.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import NamedTuple

from store.errors import PathError, StoreError, UnreadableFileError
from store.schema import check_schema, generation_of
from store.storage import atomic_write_bytes, fsync_dir, load_json_file, write_new_file

BACKUP_DIR = "backups"
BACKUPS_KEPT = 7
SUFFIX = ".bak.json"
_HEAD = re.compile(rb'\{"_meta":\{"1":(\{[^{}]{0,400}\})')


class Backup(NamedTuple):
    path: Path
    generation: int
    mtime_ns: int


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_DIR


def backup_name(path: Path, day: date, label: str = "") -> str:
    return f"{path.name}.{day.isoformat()}{label}{SUFFIX}"


def _pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(path.name) + r"\.(\d{4}-\d{2}-\d{2})((?:-[a-z0-9]+)*)\.bak\.json")


def _old_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(path.stem) + r"-(\d{4}-\d{2}-\d{2})(-schema\d+)?\.json")


def _old_names_are_ours(path: Path) -> bool:
    """Old-style names carry only the stem: ours unless another file in the folder shares it."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return False
    return not any(n != path.name and Path(n).stem == path.stem for n in names)


def _regular(file: Path) -> os.stat_result | None:
    try:
        info = file.lstat()
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def read_generation(file: Path) -> int | None:
    """The generation a bonecoach file holds; None if it is not a readable bonecoach file.

    Our files start with ``_meta``, so the first bytes usually suffice; others are parsed.
    """
    try:
        with open(file, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    found = _HEAD.match(head)
    if found:
        try:
            meta = json.loads(found.group(1))
        except ValueError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("schema"), int):
            return generation_of({"_meta": {"1": meta}})
    try:
        data = load_json_file(file)
        if data is None:
            return None
        check_schema(file, data)
    except UnreadableFileError:
        return None
    return generation_of(data)


def _candidates(path: Path) -> list[tuple[Path, bool]]:
    """(file, is_old_style) for every name in backups/ that is one of ``path``'s backups."""
    folder = backup_folder(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    new, old = _pattern(path), _old_pattern(path)
    old_ok = None
    out = []
    for name in names:
        if new.fullmatch(name):
            out.append((folder / name, False))
        elif old.fullmatch(name):
            if old_ok is None:
                old_ok = _old_names_are_ours(path)
            if old_ok:
                out.append((folder / name, True))
    return out


def _ranked(path: Path, *, ours_only: bool) -> list[Backup]:
    found = []
    for file, _ in _candidates(path):
        info = _regular(file)
        if info is None or (ours_only and info.st_uid != os.getuid()):
            continue
        generation = read_generation(file)
        if generation is None:
            if ours_only:
                continue
            generation = -1  # listed (restore may say it is bad) but never ranked above others
        found.append(Backup(file, generation, info.st_mtime_ns))
    return sorted(found, key=lambda b: (b.generation, b.mtime_ns, b.path.name), reverse=True)


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, newest first (by the generation they hold, then by time)."""
    return [b.path for b in _ranked(path, ours_only=False)]


def is_good_file(path: Path) -> bool:
    """A file that parses as a bonecoach data file of a schema we can read."""
    try:
        data = load_json_file(path)
        if data is None:
            return False
        check_schema(path, data)
    except UnreadableFileError:
        return False
    return True


def newest_good_backup(path: Path) -> Path | None:
    return next((b for b in list_backups(path) if is_good_file(b)), None)


def has_backup_for(path: Path, day: date) -> bool:
    prefix = f"{path.name}.{day.isoformat()}"
    return any(f.name.startswith(prefix) for f, old in _candidates(path) if not old)


def _prepare_folder(path: Path) -> Path:
    from store.paths import make_folders

    folder = backup_folder(path)
    try:
        make_folders(folder)
    except PathError:
        raise StoreError(
            f"cannot keep backups of {path}: {folder} is not a folder; nothing was saved "
            "(move that file away)"
        ) from None
    return folder


def clean_temp_files(path: Path) -> None:
    """Remove copies a killed backup left in backups/ (only call while holding the lock)."""
    folder = backup_folder(path)
    pattern = re.compile(r"\.tmp-" + _pattern(path).pattern + r"\.\d+\.\d+\.\d+")
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if pattern.fullmatch(name):
                with contextlib.suppress(OSError):
                    (folder / name).unlink()


def rename_old_backups(path: Path) -> None:
    """Give old-style backups (``<stem>-<date>.json``) their unambiguous new names."""
    for file, old in _candidates(path):
        info = _regular(file)
        if not old or info is None or info.st_uid != os.getuid():
            continue
        found = _old_pattern(path).fullmatch(file.name)
        assert found is not None
        day, label = found.group(1), found.group(2) or ""
        for extra in ["", *(f"-{n}" for n in range(2, 100))]:
            target = file.with_name(f"{path.name}.{day}{label}{extra}{SUFFIX}")
            try:
                os.link(file, target)
            except FileExistsError:
                continue
            except OSError:
                break
            with contextlib.suppress(OSError):
                file.unlink()
            break


def make_backup(
    path: Path, day: date, label: str = "", *, replaced_next: bool = False
) -> Path | None:
    """Copy the data file into backups/ for ``day`` (never over another file), then rotate.

    ``replaced_next``: the caller is about to replace the data file by a rename (every store
    write is one), so the backup may be a hard link to the file's current inode instead of a
    copy: the rename leaves that inode, unchanged, to the backup alone. That saves reading and
    writing the whole diary on the first save of each day. Where links are not possible, a copy.
    """
    if not path.exists():
        return None
    folder = _prepare_folder(path)
    clean_temp_files(path)
    rename_old_backups(path)
    link = replaced_next  # until the file system says it has no links
    payload: bytes | None = None
    for extra in ["", *(f"-{n}" for n in range(2, 1000))]:
        target = folder / backup_name(path, day, f"{label}{extra}")
        try:
            link = link and _link_new(path, target)
            if not link:
                payload = path.read_bytes() if payload is None else payload
                write_new_file(target, payload)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return None
        rotate(path, keep=target)
        return target
    raise StoreError(f"too many backups of {path} for {day.isoformat()} in {folder}")


def _link_new(path: Path, target: Path) -> bool:
    """Hard-link ``target`` to the data file (FileExistsError if the name is taken); False
    where the file system has no links (then the caller copies)."""
    try:
        os.link(path, target)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError:
        return False
    fsync_dir(target.parent)
    return True


def unshare(backup: Path, path: Path) -> None:
    """If ``backup`` is still a hard link to the data file (its save failed after the backup
    was linked), give it a copy of its own."""
    try:
        if not backup.samefile(path):
            return
    except FileNotFoundError:
        return
    atomic_write_bytes(backup, backup.read_bytes())


def rotate(path: Path, keep: Path | None = None) -> list[Path]:
    """Delete all but the newest ``BACKUPS_KEPT`` backups bonecoach made; return the deleted."""
    ranked = _ranked(path, ours_only=True)
    kept = {b.path for b in ranked[:BACKUPS_KEPT]}
    if keep is not None and keep not in kept:  # the backup just made is never the one to go
        others = [b.path for b in ranked if b.path != keep]
        kept = {keep, *others[: BACKUPS_KEPT - 1]}
    deleted = []
    for backup in ranked:
        if backup.path in kept:
            continue
        with contextlib.suppress(OSError):
            backup.path.unlink()
            deleted.append(backup.path)
    return deleted
