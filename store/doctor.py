"""Checking a data file, repairing it, and restoring a backup, never destroying anything.

- ``check_file`` validates every record (the one full read besides export and import) and
  lists each damaged one with its location; it never writes.
- ``repair_file`` moves the damaged records to a side file (after the caller confirmed), so the
  rest of the file is clean again; the side file keeps them verbatim.
- ``restore_backup`` puts a backup in place; the file it replaces is kept under a new name that
  never overwrites another (two restores in one second keep both).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from store import paths
from store.backups import is_good_file, list_backups, read_generation
from store.db import CLI_LOCK_WAIT, Store
from store.errors import READ_ONLY_MESSAGE, StoreError, UnreadableFileError
from store.loader import Problem, check_all, unknown_tables
from store.schema import META, SINGLE_DOC, check_schema, generation_of, migrate, schema_of
from store.storage import atomic_write_bytes, load_json_file, write_new_file

COUNTED_TABLES = ("checkins", "dxa", "sessions")


@dataclass
class DoctorReport:
    """What ``bonecoach doctor`` found: counts when healthy, problems when not."""

    path: Path
    exists: bool
    problems: list[str] = field(default_factory=list)  # the file as a whole
    records: list[Problem] = field(default_factory=list)  # quarantined records
    counts: dict[str, int] = field(default_factory=dict)
    schema: int | None = None
    backups: list[Path] = field(default_factory=list)
    side_files: list[Path] = field(default_factory=list)
    unknown_tables: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.records

    @property
    def readable(self) -> bool:
        return not self.problems


def side_files(path: Path) -> list[Path]:
    """Files holding records moved out of ``path`` (by a save or by ``--repair``)."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    prefix = f"{path.name}.damaged-"
    return sorted(path.parent / n for n in names if n.startswith(prefix) and n.endswith(".json"))


def check_file(path: Path) -> DoctorReport:
    """Parse the file and validate every record; never writes anything."""
    path = paths.real_data_file(path)
    report = DoctorReport(
        path=path, exists=path.exists(), backups=list_backups(path), side_files=side_files(path)
    )
    try:
        data = load_json_file(path)
        if data is None:
            return report
        check_schema(path, data)
    except UnreadableFileError as error:
        report.problems.append(f"{path} {error.reason}")
        return report
    report.schema = schema_of(data)
    data = migrate(data)  # in memory: records are checked as this version reads them
    for table in COUNTED_TABLES:
        docs = data.get(table)
        report.counts[table] = len(docs) if isinstance(docs, dict) else 0
    report.records = check_all(data)
    report.unknown_tables = unknown_tables(data)
    return report


def repair_file(
    path: Path, confirm: Callable[[list[Problem]], bool], clock: Callable[[], date]
) -> tuple[Path | None, int]:
    """Move damaged records to a side file once ``confirm(problems)`` says yes.

    Returns (side file, records moved); (None, 0) when there was nothing to do or the answer
    was no. Waits briefly for another command; refuses while a session has the file open.
    """
    with Store.open(path, clock=clock, lock_timeout=CLI_LOCK_WAIT) as store:
        if store.read_only:
            raise StoreError(f"{store.path} is {store.read_only_reason}; close it first")
        problems = store.check_all()
        if not problems or not confirm(problems):
            return None, 0
        return store.repair()


def _kept_name(path: Path, now: datetime, attempt: int) -> Path:
    extra = f"-{attempt}" if attempt > 1 else ""
    return path.with_name(f"{path.name}.corrupt-{now.strftime('%Y%m%dT%H%M%S')}{extra}")


IDENTITY_FIELDS = ("name", "birth_year", "birth_date")


def _identity(data: object) -> dict[str, object]:
    """Who a data file is about, as far as its profile says (fields with a value only)."""
    tables = data if isinstance(data, dict) else {}
    profile = tables.get("profile")
    docs = list(profile.values()) if isinstance(profile, dict) else []
    doc = docs[0] if docs and isinstance(docs[0], dict) else {}
    return {key: doc[key] for key in IDENTITY_FIELDS if doc.get(key) not in (None, "")}


def other_person(current: object, backup: object) -> str | None:
    """Why ``backup`` looks like another person's data than ``current`` (None if it does not):
    a name or a birth year/date both files give, and that differ."""
    mine, theirs = _identity(current), _identity(backup)
    differ = [
        key for key in IDENTITY_FIELDS if key in mine and key in theirs and mine[key] != theirs[key]
    ]
    if not differ:
        return None
    said = "; ".join(f"{key} {theirs[key]!r} in the backup, {mine[key]!r} now" for key in differ)
    return said


def restore_backup(
    path: Path, backup: Path, now: datetime, *, other_person_ok: bool = False
) -> Path | None:
    """Put ``backup`` in place of ``path``; keep the old file as ``<name>.corrupt-<timestamp>``.

    Refuses while another session has the file open (after a short wait), and refuses a
    backup that is itself bad, or that is about another person (a different name or birth
    year in its profile) unless ``other_person_ok``: two people's backups must not mix.
    The kept copy never overwrites another file. The restored file
    counts as the newest save, so the next backups are not rotated away behind older ones.
    Returns where the old file was kept (None if there was no old file).
    """
    from store.locking import FileLock, Timeout

    path = paths.real_data_file(path)
    backup = Path(backup).expanduser()
    if not backup.is_file():
        raise StoreError(f"backup {backup} does not exist")
    if backup.resolve() == path:
        raise StoreError(f"{backup} is the data file itself; give one of its backups")
    if not is_good_file(backup):
        raise StoreError(f"backup {backup} is not a readable bonecoach data file; not restoring")
    paths.ensure_private_folder(path.parent)
    lock = FileLock(str(path) + ".lock", timeout=CLI_LOCK_WAIT, mode=paths.FILE_MODE)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(f"{path} is {READ_ONLY_MESSAGE}; close it first") from None
    try:
        data = load_json_file(backup)
        assert data is not None
        if not other_person_ok and path.exists():
            try:
                current = load_json_file(path)
            except (OSError, ValueError, StoreError, UnreadableFileError):
                current = None  # a damaged file: nothing to compare with
            differ = other_person(current, data)
            if differ:
                raise StoreError(
                    f"backup {backup} seems to be another person's data ({differ}); "
                    "not restoring. If you are sure, run it again with --yes"
                )
        newest = max(
            [read_generation(path) or 0, *(read_generation(b) or 0 for b in list_backups(path))]
        )
        meta = data.get(META) if isinstance(data.get(META), dict) else {}
        old = meta.get(str(SINGLE_DOC))
        meta[str(SINGLE_DOC)] = {
            **(old if isinstance(old, dict) else {}),
            "generation": max(newest, generation_of(data)) + 1,
        }
        data[META] = meta
        from store import lines

        payload, _ = lines.encode(data)
        kept = None
        if path.exists():
            original = path.read_bytes()
            for attempt in range(1, 10_000):
                kept = _kept_name(path, now, attempt)
                try:
                    write_new_file(kept, original)
                    break
                except FileExistsError:
                    continue
        atomic_write_bytes(path, payload)
        return kept
    finally:
        lock.release()
