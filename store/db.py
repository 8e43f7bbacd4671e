"""The Store: one person's data file behind a small typed API.

One writer per file (an exclusive lock); a second session gets a read-only store that says so.
The file carries a schema version and is migrated forward on open. Before the first write of
each day the current file is copied to ``backups/`` (newest 7 kept). A damaged file is never
written over: opening it raises ``CorruptStoreError`` naming the file and the newest good backup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.table import Document

from coach.models import CheckIn, DxaScan, Profile, SessionLog, ValidationError
from store import paths
from store.storage import (
    AtomicJSONStorage,
    UnreadableFileError,
    atomic_write_bytes,
    load_json_file,
    remove_stale_temp_files,
)

if TYPE_CHECKING:
    from filelock import FileLock

    from coach.models import Plan
    from store.transfer import ImportCounts

SCHEMA_VERSION = 2
META = "_meta"
SINGLE_DOC = 1  # doc id of one-document tables (profile, plan, settings)
BACKUPS_KEPT = 7
BACKUP_DIR = "backups"
READ_ONLY_MESSAGE = "open in another session — read-only"
EXPORT_FORMAT = "bonecoach-export"


def _new_file_data() -> dict[str, Any]:
    return {META: {str(SINGLE_DOC): {"schema": SCHEMA_VERSION}}}


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Identity of the file's current version (a replace makes a new inode)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class StoreError(Exception):
    """A problem with the data file that a person can act on; the message says how."""


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only (usually: another session has it)."""

    def __init__(self, path: Path, reason: str = READ_ONLY_MESSAGE) -> None:
        super().__init__(f"{path} is {reason}; nothing was saved")
        self.path = path


class CorruptStoreError(StoreError):
    """The file cannot be used. It is left exactly as it is."""

    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        hint = (
            f"newest good backup: {newest_backup} (restore with: bonecoach doctor --restore "
            f"{newest_backup})"
            if newest_backup
            else "no good backup found"
        )
        super().__init__(f"{path} {reason}; it was not changed; {hint}")
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup


class RecordError(StoreError):
    """A stored record fails validation (edited by hand, or a bug); names file and record."""


# --------------------------------------------------------------------------- migrations


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 kept one ``calcium_mg`` per check-in; 2 splits food and supplement calcium."""
    for doc in data.get("checkins", {}).values():
        if "calcium_mg" in doc:
            doc["calcium_food_mg"] = doc.pop("calcium_mg")
            doc.setdefault("calcium_supplement_mg", None)
    return data


# from-version -> function returning the data at from-version + 1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def schema_of(data: dict[str, Any]) -> int:
    """The schema version a loaded file declares (0 if it has no bonecoach marker)."""
    meta = data.get(META, {}).get(str(SINGLE_DOC), {})
    version = meta.get("schema") if isinstance(meta, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a loaded file up to ``SCHEMA_VERSION`` one step at a time."""
    version = schema_of(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data.setdefault(META, {})[str(SINGLE_DOC)] = {"schema": version}
    return data


def check_schema(path: Path, data: dict[str, Any]) -> None:
    """Raise UnreadableFileError for files that are JSON but not (this) bonecoach's."""
    version = schema_of(data)
    if version == 0:
        raise UnreadableFileError(path, "is not a bonecoach data file (no schema marker)")
    if version > SCHEMA_VERSION:
        raise UnreadableFileError(
            path,
            f"was written by a newer bonecoach (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade bonecoach",
        )
    if version not in MIGRATIONS and version != SCHEMA_VERSION:
        raise UnreadableFileError(path, f"has an unknown schema version {version}")


# --------------------------------------------------------------------------- backups


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_DIR


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, newest first (names carry the ISO date, so they sort)."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.json"), reverse=True)


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


def make_backup(path: Path, day: date, label: str = "") -> Path | None:
    """Copy the data file into backups/ for ``day`` (atomically), then keep the newest 7."""
    if not path.exists():
        return None
    folder = backup_folder(path)
    paths.ensure_private_folder(folder)
    target = folder / f"{path.stem}-{day.isoformat()}{label}.json"
    atomic_write_bytes(target, path.read_bytes())
    for old in list_backups(path)[BACKUPS_KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


# --------------------------------------------------------------------------- store


class Store:
    """Typed access to one person's data. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(
        self,
        path: Path,
        data: dict[str, Any] | None,
        lock: FileLock | None,
        clock: Callable[[], date],
        read_only_reason: str | None,
    ) -> None:
        self.path = path
        self._lock = lock
        self._clock = clock
        self.read_only_reason = read_only_reason
        self._backup_day: date | None = None
        self._lock_pending = False
        self._disk_schema = SCHEMA_VERSION
        self._loaded_signature: tuple[int, int, int] | None = None
        if data is None:  # a new file: it is written with its schema marker on first save
            data = _new_file_data()
        self._db = TinyDB(
            str(path), storage=AtomicJSONStorage, before_write=self._before_write, initial=data
        )
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        clock: Callable[[], date] = date.today,
        defer_lock: bool = False,
    ) -> Store:
        """Open (or prepare to create) the data file at ``path``.

        Raises CorruptStoreError if the file exists but cannot be used. If another session
        holds the file, the store opens read-only with ``read_only_reason`` set.

        ``defer_lock`` lets the TUI draw its first frame before taking the lock (the locking
        library is a noticeable import): call ``acquire_lock()`` soon after. Until then the
        store is not written; any write takes the lock first.
        """
        path = Path(path)
        data = cls._load(path)
        store = cls(path, data, None, clock, "opened read-only" if read_only else None)
        store._disk_schema = schema_of(data) if data is not None else SCHEMA_VERSION
        if store._disk_schema < SCHEMA_VERSION:
            store._storage._cache = migrate(data)  # in memory; on disk once the lock is held
        if not read_only:
            store._lock_pending = True
            store._loaded_signature = _signature(path)
            if not defer_lock:
                store.acquire_lock()
        return store

    def acquire_lock(self) -> bool:
        """Take the one-writer lock (or become read-only). True if the file was re-read
        because another session changed it after this store first read it."""
        if not self._lock_pending:
            return False
        self._lock_pending = False
        from filelock import FileLock, Timeout

        paths.ensure_private_folder(self.path.parent)
        lock = FileLock(str(self.path) + ".lock", timeout=0, mode=paths.FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            self.read_only_reason = READ_ONLY_MESSAGE
            return False
        try:
            remove_stale_temp_files(self.path)
            paths.ensure_private_file(self.path)
            reloaded = _signature(self.path) != self._loaded_signature
            if reloaded:  # written by a session that closed in between: start from its data
                data = self._load(self.path)
                self._disk_schema = schema_of(data) if data is not None else SCHEMA_VERSION
                self._storage.reload()
                self._storage._cache = migrate(data) if data is not None else _new_file_data()
                self._storage._loaded = True
            if self._disk_schema < SCHEMA_VERSION:
                self._migrate_on_disk()
                self._disk_schema = SCHEMA_VERSION
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return reloaded

    @staticmethod
    def _load(path: Path) -> dict[str, Any] | None:
        try:
            data = load_json_file(path)
            if data is not None:
                check_schema(path, data)
        except UnreadableFileError as error:
            raise CorruptStoreError(path, error.reason, newest_good_backup(path)) from None
        return data

    def _migrate_on_disk(self) -> None:
        """Keep the old-version file as a backup, then write the migrated data once."""
        make_backup(self.path, self._clock(), label=f"-schema{self._disk_schema}")
        self._storage.write(self._storage.read() or {})

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        self._db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- writing

    def _before_write(self) -> None:
        self.acquire_lock()
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason or READ_ONLY_MESSAGE)
        today = self._clock()
        if self._backup_day != today:
            backups = list_backups(self.path)
            if self.path.exists() and not any(
                b.name.startswith(f"{self.path.stem}-{today.isoformat()}") for b in backups
            ):
                make_backup(self.path, today)
            self._backup_day = today

    def _require_writable(self) -> None:
        self.acquire_lock()
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason or READ_ONLY_MESSAGE)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes saved as one atomic write: all of them, or none."""
        self._require_writable()
        with self._storage.batch():
            yield

    def _put(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        self._require_writable()
        self._db.table(table).upsert(Document(doc, doc_id=doc_id))

    def _get(self, table: str, doc_id: int) -> dict[str, Any] | None:
        found = self._db.table(table).get(doc_id=doc_id)
        return dict(found) if found is not None else None

    def _records(self, table: str, kind: type, keyed: Callable[[Any], Any]) -> list[Any]:
        out = []
        for doc in self._db.table(table).all():
            try:
                out.append(kind.from_dict(doc))
            except (ValidationError, TypeError) as error:
                raise RecordError(
                    f"{self.path}: a stored {table} record is invalid ({error}); "
                    "run: bonecoach doctor"
                ) from None
        return sorted(out, key=keyed)

    def _ids_by_key(self, table: str) -> dict[str, int]:
        """Record key -> doc id, read from the raw table (no documents are built)."""
        raw = (self._storage.read() or {}).get(table, {})
        return {doc.get("key"): int(doc_id) for doc_id, doc in raw.items()}

    def _put_keyed(self, table: str, key: str, doc: dict[str, Any]) -> bool:
        """Insert or replace the record whose ``key`` matches; True if it replaced one."""
        self._require_writable()
        existing = self._ids_by_key(table).get(key)
        record = {**doc, "key": key}
        if existing is not None:
            self._db.table(table).upsert(Document(record, doc_id=existing))
        else:
            self._db.table(table).insert(record)
        return existing is not None

    def _replace_many(self, table: str, docs: dict[int, dict[str, Any]]) -> None:
        """Put many documents by id with two table updates instead of one per document."""
        tbl = self._db.table(table)
        present = [doc_id for doc_id in docs if tbl.contains(doc_id=doc_id)]
        if present:
            tbl.remove(doc_ids=present)
        tbl.insert_multiple(Document(doc, doc_id=doc_id) for doc_id, doc in docs.items())

    def _replace_many_keyed(self, table: str, docs: dict[str, dict[str, Any]]) -> None:
        ids = self._ids_by_key(table)
        next_id = max(ids.values(), default=0) + 1
        by_id: dict[int, dict[str, Any]] = {}
        for key, doc in docs.items():
            doc_id = ids.get(key)
            if doc_id is None:
                doc_id, next_id = next_id, next_id + 1
            by_id[doc_id] = {**doc, "key": key}
        self._replace_many(table, by_id)

    def put_records(
        self,
        checkins: Iterable[CheckIn] = (),
        dxa_scans: Iterable[DxaScan] = (),
        session_logs: Iterable[SessionLog] = (),
    ) -> None:
        """Many records in one atomic write (import, demo); same date or key replaces."""
        self._require_writable()
        with self.batch():
            entries = {c.day.toordinal(): c.to_dict() for c in checkins}
            if entries:
                self._replace_many("checkins", entries)
            scans = {s.key: s.to_dict() for s in dxa_scans}
            if scans:
                self._replace_many_keyed("dxa", scans)
            logs = {s.key: s.to_dict() for s in session_logs}
            if logs:
                self._replace_many_keyed("sessions", logs)

    # ----------------------------------------------------------------- profile

    def get_profile(self) -> Profile | None:
        doc = self._get("profile", SINGLE_DOC)
        if doc is None:
            return None
        try:
            return Profile.from_dict(doc)
        except (ValidationError, TypeError) as error:
            raise RecordError(f"{self.path}: the stored profile is invalid ({error})") from None

    def put_profile(self, profile: Profile) -> None:
        self._put("profile", SINGLE_DOC, profile.to_dict())

    # ----------------------------------------------------------------- check-ins

    def get_checkin(self, day: date) -> CheckIn | None:
        doc = self._get("checkins", day.toordinal())
        return CheckIn.from_dict(doc) if doc is not None else None

    def put_checkin(self, checkin: CheckIn) -> None:
        """Save the day's entry, replacing whatever that date held."""
        self._put("checkins", checkin.day.toordinal(), checkin.to_dict())

    def merge_checkin(self, checkin: CheckIn) -> CheckIn:
        """Save only the fields ``checkin`` recorded into that day's entry; return the result."""
        current = self.get_checkin(checkin.day)
        merged = current.merged(checkin) if current is not None else checkin
        self.put_checkin(merged)
        return merged

    def delete_checkin(self, day: date) -> bool:
        self._require_writable()
        table = self._db.table("checkins")
        if not table.contains(doc_id=day.toordinal()):
            return False
        table.remove(doc_ids=[day.toordinal()])
        return True

    def checkins(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        """Check-ins between ``start`` and ``end`` inclusive, oldest first."""
        low = start.toordinal() if start else 0
        high = end.toordinal() if end else 10**9
        table = self._db.storage.read() or {}
        docs = [
            doc for doc_id, doc in table.get("checkins", {}).items() if low <= int(doc_id) <= high
        ]
        try:
            out = [CheckIn.from_dict(doc) for doc in docs]
        except (ValidationError, TypeError) as error:
            raise RecordError(
                f"{self.path}: a stored check-in is invalid ({error}); run: bonecoach doctor"
            ) from None
        return sorted(out, key=lambda c: c.day)

    def checkin_days(self) -> set[date]:
        """Dates that have a check-in (cheap: no record is decoded)."""
        table = (self._db.storage.read() or {}).get("checkins", {})
        return {date.fromordinal(int(k)) for k in table}

    # ----------------------------------------------------------------- DXA scans

    def dxa_scans(self) -> list[DxaScan]:
        return self._records("dxa", DxaScan, lambda s: (s.day, s.site))

    def put_dxa(self, scan: DxaScan) -> None:
        self._put_keyed("dxa", scan.key, scan.to_dict())

    def delete_dxa(self, scan: DxaScan) -> bool:
        self._require_writable()
        return bool(self._db.table("dxa").remove(lambda d: d.get("key") == scan.key))

    # ----------------------------------------------------------------- session logs

    def session_logs(self, start: date | None = None, end: date | None = None) -> list[SessionLog]:
        logs = self._records("sessions", SessionLog, lambda s: (s.day, s.session_id))
        low, high = start or date.min, end or date.max
        return [s for s in logs if low <= s.day <= high]

    def put_session_log(self, log: SessionLog) -> None:
        self._put_keyed("sessions", log.key, log.to_dict())

    # ----------------------------------------------------------------- plan

    def get_plan(self) -> Plan | None:
        from coach.models import Plan

        doc = self._get("plan", SINGLE_DOC)
        if doc is None:
            return None
        try:
            return Plan.from_dict(doc)
        except (ValidationError, TypeError) as error:
            raise RecordError(f"{self.path}: the stored plan is invalid ({error})") from None

    def put_plan(self, plan: Plan) -> None:
        self._put("plan", SINGLE_DOC, plan.to_dict())

    # ----------------------------------------------------------------- settings, reading

    def settings(self) -> dict[str, Any]:
        return self._get("settings", SINGLE_DOC) or {}

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        if self.settings().get(key, object()) == value:
            return
        self._put("settings", SINGLE_DOC, {**self.settings(), key: value})

    def topics_read(self) -> dict[str, str]:
        """Topic id -> ISO date it was first read."""
        return self._get("reading", SINGLE_DOC) or {}

    def mark_topic_read(self, topic_id: str, day: date) -> None:
        read = self.topics_read()
        if topic_id not in read:
            self._put("reading", SINGLE_DOC, {**read, topic_id: day.isoformat()})

    # ----------------------------------------------------------------- export / import

    def export_dict(self) -> dict[str, Any]:
        """Everything in the store, as plain JSON data that ``import_dict`` accepts back."""
        profile = self.get_profile()
        plan = self.get_plan()
        return {
            "format": EXPORT_FORMAT,
            "schema": SCHEMA_VERSION,
            "profile": profile.to_dict() if profile else None,
            "checkins": [c.to_dict() for c in self.checkins()],
            "dxa_scans": [s.to_dict() for s in self.dxa_scans()],
            "session_logs": [s.to_dict() for s in self.session_logs()],
            "plan": plan.to_dict() if plan else None,
            "settings": self.settings(),
            "topics_read": self.topics_read(),
        }

    def import_dict(self, data: Any) -> ImportCounts:
        """Merge an export into this store in one atomic write; validate all of it first.

        Records are matched by date (check-ins) or key (scans, sessions); imported values win.
        Importing the same export twice changes nothing the second time.
        """
        from store.transfer import ImportCounts, parse_export

        self._require_writable()
        parsed = parse_export(data)
        counts = ImportCounts()
        with self.batch():
            if parsed.profile is not None and parsed.profile != self.get_profile():
                counts.count("profile", self.get_profile() is not None)
                self.put_profile(parsed.profile)
            existing = {c.day: c for c in self.checkins()}
            new_checkins = [c for c in parsed.checkins if existing.get(c.day) != c]
            for checkin in new_checkins:
                counts.count("checkins", checkin.day in existing)
            scans = {s.key: s for s in self.dxa_scans()}
            new_scans = [s for s in parsed.dxa_scans if scans.get(s.key) != s]
            for scan in new_scans:
                counts.count("dxa_scans", scan.key in scans)
            logs = {s.key: s for s in self.session_logs()}
            new_logs = [s for s in parsed.session_logs if logs.get(s.key) != s]
            for log in new_logs:
                counts.count("session_logs", log.key in logs)
            self.put_records(new_checkins, new_scans, new_logs)
            if parsed.plan is not None and parsed.plan != self.get_plan():
                counts.count("plan", self.get_plan() is not None)
                self.put_plan(parsed.plan)
            for key, value in parsed.settings.items():
                if self.get_setting(key, object()) != value:
                    counts.count("settings", key in self.settings())
                    self.set_setting(key, value)
            read = self.topics_read()
            new_read = {k: v for k, v in parsed.topics_read.items() if k not in read}
            if new_read:
                counts.added["topics_read"] = len(new_read)
                self._put("reading", SINGLE_DOC, {**read, **new_read})
        return counts


def write_new_store(path: Path, fill: Callable[[Store], None]) -> None:
    """Create a brand-new data file at ``path`` (refusing to replace one) and fill it."""
    if path.exists():
        raise StoreError(f"{path} already exists; not overwriting it")
    with Store.open(path) as store, store.batch():
        fill(store)
