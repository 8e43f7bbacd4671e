"""Checking a data file, and restoring a backup without ever destroying the damaged file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from coach.models import CheckIn, DxaScan, Plan, Profile, SessionLog, ValidationError
from store import paths
from store.db import (
    READ_ONLY_MESSAGE,
    SINGLE_DOC,
    StoreError,
    check_schema,
    is_good_file,
    list_backups,
    schema_of,
)
from store.storage import UnreadableFileError, atomic_write_bytes, load_json_file

RECORD_TABLES: dict[str, type] = {
    "checkins": CheckIn,
    "dxa": DxaScan,
    "sessions": SessionLog,
}
SINGLE_TABLES: dict[str, type] = {"profile": Profile, "plan": Plan}


@dataclass
class DoctorReport:
    """What ``bonecoach doctor`` found: counts when healthy, problems when not."""

    path: Path
    exists: bool
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    schema: int | None = None
    backups: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path) -> DoctorReport:
    """Parse the file and validate every record; never writes anything."""
    report = DoctorReport(path=path, exists=path.exists(), backups=list_backups(path))
    try:
        data = load_json_file(path)
        if data is None:
            return report
        check_schema(path, data)
    except UnreadableFileError as error:
        report.problems.append(f"{path} {error.reason}")
        return report
    report.schema = schema_of(data)
    for table, kind in RECORD_TABLES.items():
        docs = data.get(table, {})
        report.counts[table] = len(docs)
        for doc_id, doc in docs.items():
            try:
                kind.from_dict(doc)
            except (ValidationError, TypeError) as error:
                report.problems.append(f"{table} record {doc_id}: {error}")
    for table, kind in SINGLE_TABLES.items():
        doc = data.get(table, {}).get(str(SINGLE_DOC))
        if doc is not None:
            try:
                kind.from_dict(doc)
            except (ValidationError, TypeError) as error:
                report.problems.append(f"{table}: {error}")
    return report


def restore_backup(path: Path, backup: Path, now: datetime) -> Path | None:
    """Put ``backup`` in place of ``path``; keep the old file as ``<name>.corrupt-<timestamp>``.

    Refuses while another session has the file open, and refuses a backup that is itself bad.
    Returns where the old file was kept (None if there was no old file).
    """
    if not backup.is_file():
        raise StoreError(f"backup {backup} does not exist")
    if not is_good_file(backup):
        raise StoreError(f"backup {backup} is not a readable bonecoach data file; not restoring")
    paths.ensure_private_folder(path.parent)
    lock = FileLock(str(path) + ".lock", timeout=0, mode=paths.FILE_MODE)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError(f"{path} is {READ_ONLY_MESSAGE}; close it first") from None
    try:
        kept = None
        if path.exists():
            kept = path.with_name(f"{path.name}.corrupt-{now.strftime('%Y%m%dT%H%M%S')}")
            atomic_write_bytes(kept, path.read_bytes())
        atomic_write_bytes(path, backup.read_bytes())
        return kept
    finally:
        lock.release()
