"""The Store: one person's data file behind a small typed API.

One writer per file (an exclusive lock); a second session gets a read-only store that says so.
The file carries a schema version and is migrated forward on open. Before the first write of
each day the current file is copied to ``backups/`` (store/backups.py). A damaged file is never
written over: opening it raises ``CorruptStoreError`` naming the file and the newest good backup.

Every record is validated on its way out (store/loader.py). A damaged one is quarantined: kept
in the file as it is, skipped by every read, listed in ``problems``. A save that replaces a
damaged record (a new check-in for that day, a new plan) first moves the damaged one, verbatim,
to a side file ``<name>.damaged-<time>.json`` and says so in ``notices``; a change that needs
the damaged record itself (adding fields to that day's check-in) is refused with
``DamagedRecordError``. Nothing damaged is ever dropped or rewritten in place.

Reads follow what is asked for: documents are keyed by day, so a range of days is looked up
directly, and each document is validated once per process (issue 15).
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tinydb import TinyDB

from coach.models import CheckIn, DxaScan, Profile, SessionLog, ValidationError
from coach.settings import check_setting
from store import paths
from store.errors import (
    READ_ONLY_MESSAGE,
    CorruptStoreError,
    DamagedRecordError,
    PathError,
    ReadOnlyError,
    RecordError,
    SaveError,
    StoreError,
    UnreadableFileError,
)
from store.lines import LazyTable
from store.loader import (
    MAX_ORDINAL,
    MIN_ORDINAL,
    Loader,
    Problem,
    check_all,
    day_ordinal,
    day_ordinals,
    ids_in_day_order,
    is_topic_id,
    record_id,
    scan_structure,
)
from store.schema import (
    EXPORT_FORMAT,
    META,
    MIGRATIONS,
    SCHEMA_VERSION,
    SINGLE_DOC,
    check_schema,
    generation_of,
    migrate,
    schema_of,
)
from store.storage import (
    AtomicJSONStorage,
    Seal,
    encode_json,
    load_sealed_data_file,
    remove_stale_temp_files,
    to_utf8,
    write_new_file,
)

if TYPE_CHECKING:
    from coach.models import Plan
    from store.backups import (
        BACKUP_DIR,
        BACKUPS_KEPT,
        backup_folder,
        is_good_file,
        list_backups,
        make_backup,
        newest_good_backup,
    )
    from store.locking import FileLock
    from store.transfer import ImportCounts
    from store.weeks import KeptWeeks

__all__ = [
    "BACKUPS_KEPT",
    "BACKUP_DIR",
    "EXPORT_FORMAT",
    "META",
    "MIGRATIONS",
    "READ_ONLY_MESSAGE",
    "SCHEMA_VERSION",
    "SINGLE_DOC",
    "CorruptStoreError",
    "DamagedRecordError",
    "Problem",
    "ReadOnlyError",
    "RecordError",
    "Store",
    "StoreError",
    "backup_folder",
    "check_schema",
    "is_good_file",
    "list_backups",
    "make_backup",
    "migrate",
    "newest_good_backup",
    "problems_notice",
    "schema_of",
    "write_new_store",
]

SIDE_FILE_FORMAT = "bonecoach-damaged-records"
# backups are needed to write, or to explain a damaged file: loaded then, not by every read
_BACKUP_NAMES = (
    "BACKUP_DIR",
    "BACKUPS_KEPT",
    "backup_folder",
    "is_good_file",
    "list_backups",
    "make_backup",
    "newest_good_backup",
)


def __getattr__(name: str) -> Any:
    if name in _BACKUP_NAMES:
        from store import backups

        return getattr(backups, name)
    raise AttributeError(f"module 'store.db' has no attribute {name!r}")


CLI_LOCK_WAIT = 2.0  # seconds a one-shot write waits for another one-shot command
TRAIL_KEPT = 3  # earlier whole histories whose first changed day is known (same_until)
# a step of ``read_whole_history``: records checked (about 0.5 ms), bytes of lines parsed
# (0.3 ms): a key typed meanwhile waits for the step under way
READ_STEP = 75
DATED_TABLES = ("checkins", "sessions")  # the records kept weeks sum (store/weeks.py)
PARSE_PIECE_BYTES = 1 << 15


def _new_file_data() -> dict[str, Any]:
    return {META: {str(SINGLE_DOC): {"schema": SCHEMA_VERSION}}}


def _signature(path: Path) -> tuple[int, int, int] | None:
    """Identity of the file's current version (a replace makes a new inode)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def problems_notice(path: Path, problems: list[Problem]) -> str | None:
    """One line for commands and screens: how many records were skipped, and where to look."""
    if not problems:
        return None
    count = len(problems)
    words = "damaged record was" if count == 1 else "damaged records were"
    more = f" and {count - 1} more" if count > 1 else ""
    return f"{count} {words} skipped in {path} ({problems[0]}{more}); see: bonecoach doctor"


class Store:
    """Typed access to one person's data. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(
        self,
        path: Path,
        data: dict[str, Any] | None,
        lock: FileLock | None,
        clock: Callable[[], date],
        read_only_reason: str | None,
        lock_timeout: float = 0.0,
    ) -> None:
        self.path = path
        self._lock = lock
        self._clock = clock
        self._lock_timeout = lock_timeout
        self.read_only_reason = read_only_reason
        self._backup_day: date | None = None
        self._fresh_backup: Path | None = None  # today's, made by the write under way
        self._lock_pending = False
        self._disk_schema = SCHEMA_VERSION
        self._loaded_signature: tuple[int, int, int] | None = None
        if data is None:  # a new file: it is written with its schema marker on first save
            data = _new_file_data()
        self._db = TinyDB(
            str(path),
            storage=AtomicJSONStorage,
            before_write=self._before_write,
            after_failed_write=self._after_failed_write,
            initial=data,
            after_write=self._after_write,
        )
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._loader = Loader()
        self._loads_seen = self._storage.loads
        self._scanned = False
        self._moves: list[dict[str, Any]] = []
        self._saves = 0
        self._table_saves: dict[str, int] = {}  # saves of one table's documents (_change)
        self._other_saves = 0  # every other save: may have changed any table
        self._days_held: tuple[Any, frozenset[date]] | None = None  # see checkin_days
        self._ordinals_held: tuple[Any, frozenset[int]] | None = None  # see checkin_ordinals
        self._history_held: dict[str, tuple[Any, tuple[Any, ...]]] = {}  # see _whole_history
        self._history_trail: dict[str, list[tuple[tuple[Any, ...], date]]] = {}  # see same_until
        self.notices: list[str] = []
        self.on_notice: Callable[[str], None] | None = None

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        clock: Callable[[], date] = date.today,
        defer_lock: bool = False,
        lock_timeout: float = 0.0,
    ) -> Store:
        """Open (or prepare to create) the data file at ``path``.

        Raises CorruptStoreError if the file exists but cannot be used, PathError if ``path``
        is not a regular file (a folder, ``/dev/null``). A symbolic link is resolved once: the
        lock, the writes and every message are about the real file. If another session holds
        the file, the store opens read-only with ``read_only_reason`` set, after waiting up to
        ``lock_timeout`` seconds (the CLI waits briefly for another one-shot command).

        ``defer_lock`` lets the TUI draw its first frame before taking the lock (the locking
        library is a noticeable import): call ``acquire_lock()`` soon after. Until then the
        store is not written; any write takes the lock first.
        """
        path = paths.real_data_file(Path(path))
        data, seal = cls._load(path)
        store = cls(
            path, data, None, clock, "opened read-only" if read_only else None, lock_timeout
        )
        store._storage.seal = seal
        store._disk_schema = schema_of(data) if data is not None else SCHEMA_VERSION
        if store._disk_schema < SCHEMA_VERSION:
            store._storage.replace_cache(migrate(data))  # on disk once the lock is held
            store._loads_seen = store._storage.loads
        if not read_only:
            store._lock_pending = True
            store._loaded_signature = _signature(path)
            if not defer_lock:
                store.acquire_lock()
        return store

    def acquire_lock(self) -> bool:
        """Take the one-writer lock (or become read-only). True if the file was re-read
        because another session changed it after this store first read it.

        A folder where no lock can be made (a read-only file system) makes the store
        read-only too: looking at data never needs a write.
        """
        if not self._lock_pending:
            return False
        self._lock_pending = False
        from store.locking import FileLock, Timeout

        try:
            paths.ensure_private_folder(self.path.parent)
            lock = FileLock(str(self.path) + ".lock", timeout=self._lock_timeout, mode=0o600)
            lock.acquire()
        except Timeout:
            self.read_only_reason = READ_ONLY_MESSAGE
            return False
        except PathError:
            raise
        except OSError as error:
            self.read_only_reason = f"not writable here ({error.strerror or error}) — read-only"
            return False
        try:
            from store.backups import clean_temp_files

            remove_stale_temp_files(self.path)
            clean_temp_files(self.path)
            paths.ensure_private_file(self.path)
            reloaded = _signature(self.path) != self._loaded_signature
            if reloaded:  # written by a session that closed in between: start from its data
                data, seal = self._load(self.path)
                self._disk_schema = schema_of(data) if data is not None else SCHEMA_VERSION
                fresh = migrate(data) if data is not None else _new_file_data()
                self._storage.replace_cache(fresh, seal)
            if self._disk_schema < SCHEMA_VERSION:
                self._migrate_on_disk()
                self._disk_schema = SCHEMA_VERSION
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return reloaded

    @staticmethod
    def _load(path: Path) -> tuple[dict[str, Any] | None, Seal | None]:
        """The file's data, and its seal (store/weeks.py) if it needs no migration."""
        try:
            data, seal = load_sealed_data_file(path)
            if data is not None:
                check_schema(path, data)
        except UnreadableFileError as error:
            from store.backups import newest_good_backup

            raise CorruptStoreError(path, error.reason, newest_good_backup(path)) from None
        if data is None or schema_of(data) != SCHEMA_VERSION:
            seal = None  # migrated in memory: not exactly the file
        return data, seal

    def _migrate_on_disk(self) -> None:
        """Keep the old-version file as a backup, then write the migrated data once."""
        from store.backups import make_backup

        make_backup(self.path, self._clock(), label=f"-schema{self._disk_schema}")
        self._save(self._data())

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        """Close the file, once a save in flight is on disk (see ``save_behind``: its error
        is raised here); the lock is let go whatever happens."""
        try:
            self.finish_saving()
        finally:
            self._db.close()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def save_behind(self) -> None:
        """From now on a save returns once the new file is written; its fsync and rename
        finish in a thread while the caller goes on (a command works out what to say, about
        4 ms of waiting for the disk at 30 years). The next write, ``finish_saving`` and
        ``close`` wait for them, and raise a SaveError if they failed (memory then drops
        the change, as for any failed save). For one-shot commands that report a save only
        after closing the store."""
        self._storage.commit_behind = True

    def finish_saving(self) -> None:
        """Wait until a save in flight (``save_behind``) is on disk; a SaveError if it failed."""
        with self._saving():
            self._storage.finish_commit()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def changes(self) -> tuple[int, int]:
        """Changes as saves and re-reads of the file: what a screen read is current while
        this stays equal (a screen need not read again when a dialog closes)."""
        return self._saves, self._storage.loads

    # ----------------------------------------------------------------- raw documents

    def _data(self) -> dict[str, Any]:
        """The file's data in memory (read again after a failed write), checked and migrated."""
        if not self._storage._loaded:
            data, seal = self._load(self.path)
            fresh = migrate(data) if data is not None else _new_file_data()
            self._storage.replace_cache(fresh, seal)
        data = self._storage.read()
        if self._storage.loads != self._loads_seen:
            self._loads_seen = self._storage.loads
            self._loader.reset()
            self._scanned = False
        return data if data is not None else {}

    def _table(self, name: str) -> Mapping[str, Any]:
        raw = self._data().get(name)
        return raw if isinstance(raw, Mapping) else {}

    # ----------------------------------------------------------------- quarantine

    @property
    def problems(self) -> list[Problem]:
        """Quarantined records known so far: those reads met, and the cheap whole-file scan."""
        data = self._data()
        if not self._scanned:
            self._scanned = True
            for problem in scan_structure(data):
                self._loader.report(problem)
        return self._loader.problems

    @property
    def problems_met(self) -> list[Problem]:
        """``problems`` without the whole-file scan, if it has not run yet: what reads met so
        far (home's first frame; the scan follows it)."""
        return self._loader.problems if not self._scanned else self.problems

    def check_all(self) -> list[Problem]:
        """Validate every record now (doctor, export, import); return all the problems."""
        return check_all(self._data(), self._loader)

    @property
    def on_problem(self) -> Callable[[Problem], None] | None:
        return self._loader.on_problem

    @on_problem.setter
    def on_problem(self, callback: Callable[[Problem], None] | None) -> None:
        self._loader.on_problem = callback

    def problems_notice(self) -> str | None:
        return problems_notice(self.path, self.problems)

    def _notice(self, text: str) -> None:
        self.notices.append(text)
        if self.on_notice is not None:
            self.on_notice(text)

    def _damaged(self, table: str, doc_id: str, doc: Any) -> bool:
        if table in ("settings", "reading"):
            return not isinstance(doc, dict)
        return self._loader.is_damaged(table, doc_id, doc)

    def _problem_of(self, table: str, doc_id: str, key: str | None = None) -> str:
        found = [
            p
            for p in self._loader.problems
            if p.table == table and p.doc_id == doc_id and p.key == key
        ]
        return found[0].reason if found else "it cannot be read"

    def _aside(self, table: str, doc_id: str | None, key: str | None, doc: Any) -> None:
        """Queue a damaged document (or entry) for the side file, before it is replaced."""
        reason = self._problem_of(table, doc_id, key) if doc_id else "not a table of records"
        self._moves.append(
            {"table": table, "id": doc_id, "key": key, "problem": reason, "document": doc}
        )

    def _write_moves(self, how: str = "replaced by this save and kept in") -> Path | None:
        """Write queued damaged records to a new side file (never over an existing file)."""
        if not self._moves:
            return None
        moves, stamp = self._moves, datetime.now().strftime("%Y%m%dT%H%M%S")
        payload = to_utf8(
            encode_json(
                {
                    "format": SIDE_FILE_FORMAT,
                    "data_file": str(self.path),
                    "moved": datetime.now().isoformat(timespec="seconds"),
                    "records": moves,
                }
            )
        )
        for extra in ["", *(f"-{n}" for n in range(2, 10_000))]:
            side = self.path.with_name(f"{self.path.name}.damaged-{stamp}{extra}.json")
            try:
                write_new_file(side, payload)
            except FileExistsError:
                continue
            break
        self._moves = []
        count = len(moves)
        words = "damaged record was" if count == 1 else "damaged records were"
        self._notice(f"{count} {words} {how} {side}")
        return side

    def repair(self) -> tuple[Path | None, int]:
        """Move every damaged record to a side file, then save the file without them.

        The side file is written (and fsynced) before the data file stops holding the
        records, and a backup labelled ``-repair`` is made first: nothing can be lost.
        Returns the side file and how many records moved.
        """
        self._require_writable()
        problems = self.check_all()
        if not problems:
            return None, 0
        data = self._data()
        changes: list[tuple[str, str | None, str | None]] = []  # doc id None: the whole table
        for problem in problems:
            table = data.get(problem.table)
            if not isinstance(table, Mapping):  # not a table of records (a document may be "")
                self._aside(problem.table, None, None, table)
                changes.append((problem.table, None, None))
                continue
            if problem.doc_id in table:
                doc = table[problem.doc_id]
                if problem.key is None:
                    self._aside(problem.table, problem.doc_id, None, doc)
                elif isinstance(doc, dict) and problem.key in doc:
                    self._aside(
                        problem.table, problem.doc_id, problem.key, {problem.key: doc[problem.key]}
                    )
                else:
                    continue
            else:
                continue
            changes.append((problem.table, problem.doc_id, problem.key))
        from store.backups import make_backup

        make_backup(self.path, self._clock(), label="-repair")
        try:
            side = self._write_moves("moved to")
            for table_name, doc_id, key in changes:
                if doc_id is None:
                    data[table_name] = {}
                    continue
                table = data[table_name]
                if key is None:
                    table.pop(doc_id, None)
                else:
                    table[doc_id] = {k: v for k, v in table[doc_id].items() if k != key}
                self._loader.forget(table_name, doc_id)
            self._save(data)
        except BaseException:
            self._moves = []
            self._storage.reload()
            raise
        return side, len(changes)

    # ----------------------------------------------------------------- writing

    def _before_write(self, data: dict[str, Any]) -> None:
        self.acquire_lock()
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason or READ_ONLY_MESSAGE)
        today = self._clock()
        if self._backup_day != today:
            from store.backups import backup_folder, has_backup_for, make_backup

            if self.path.exists() and not has_backup_for(self.path, today):
                try:
                    self._fresh_backup = make_backup(self.path, today, replaced_next=True)
                except OSError as error:
                    raise SaveError(
                        error.errno,
                        f"{error.strerror} (making today's backup in {backup_folder(self.path)})",
                        str(self.path),
                    ) from None
            self._backup_day = today
        meta = data.get(META)
        if not isinstance(meta, dict):
            meta = data[META] = {}
        old = meta.get(str(SINGLE_DOC))
        meta[str(SINGLE_DOC)] = {  # a new dict: documents are never changed in place
            **(old if isinstance(old, dict) else {}),
            "schema": SCHEMA_VERSION,
            "generation": generation_of(data) + 1,
        }

    def _require_writable(self) -> None:
        self.finish_saving()  # (a write in flight copies lines of the tables about to change)
        self.acquire_lock()
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason or READ_ONLY_MESSAGE)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes saved as one atomic write: all of them, or none."""
        self._require_writable()
        outermost = not self._storage.in_batch
        try:
            with self._storage.batch():
                yield
                if outermost:
                    self._write_moves()  # before the data file stops holding them
        except SaveError:
            raise
        except OSError as error:  # the batch's one write failed
            if not outermost:
                raise
            raise SaveError(error.errno, error.strerror or str(error), str(self.path)) from None
        finally:
            if outermost:
                self._moves = []

    def _change(self, table: str, docs: dict[str, Any]) -> None:
        """Put raw documents by id (``None`` removes one) in one write.

        A damaged document that would be replaced or removed goes to the side file first.
        """
        self._require_writable()
        data = self._data()
        raw = data.get(table)
        held = self._history_held.get(table)
        patch = table == "checkins" and held is not None and held[0] == self._held_key(table, raw)
        if raw is not None and not isinstance(raw, Mapping):
            self._aside(table, None, None, raw)
            raw = None
        for doc_id in docs:
            old = raw.get(doc_id) if raw is not None else None
            if old is not None and self._damaged(table, doc_id, old):
                self._aside(table, doc_id, None, old)
        if not self._storage.in_batch:
            try:
                self._write_moves()
            finally:
                self._moves = []
        if raw is None:
            raw = data[table] = {}
        if table in DATED_TABLES:
            self._storage.note_change(_first_day_changed(table, raw, docs))
        for doc_id, doc in docs.items():
            if doc is None:
                raw.pop(doc_id, None)
            else:
                raw[doc_id] = doc
            self._loader.forget(table, doc_id)
        self._save(data, table)
        if patch and held is not None:
            self._patch_held_checkins(held[1], raw, docs)

    def _patch_held_checkins(
        self, held: tuple[CheckIn, ...], raw: Mapping[str, Any], docs: dict[str, Any]
    ) -> None:
        """The kept whole history of check-ins, with the saved days put in (it was current
        before the save): a day saved at 30 years costs that day, not 11,000 check-ins found
        and put in order again (5.7 ms). Gone if a day cannot be placed (read whole again).
        A new tuple: callers may still hold the one from before the save; the first day
        saved is noted against it (``same_until``)."""
        record, day = self._loader.record, attrgetter("day")
        history = list(held)
        first_changed = date.max
        for doc_id, doc in docs.items():
            ordinal = day_ordinal(doc_id)
            if ordinal is None:
                del self._history_held["checkins"]
                self._history_trail.pop("checkins", None)
                return
            when = date.fromordinal(ordinal)
            first_changed = min(first_changed, when)
            at = bisect_left(history, when, key=day)
            if at < len(history) and history[at].day == when:
                del history[at]
            entry = record("checkins", doc_id, doc) if doc is not None else None
            if entry is not None:
                history.insert(at, entry)
        self._history_held["checkins"] = (self._held_key("checkins", raw), tuple(history))
        trail = [
            (kept, min(day, first_changed)) for kept, day in self._history_trail.get("checkins", ())
        ]
        self._history_trail["checkins"] = [*trail[1 - TRAIL_KEPT :], (held, first_changed)]

    def _save(self, data: dict[str, Any], table: str | None = None) -> None:
        """Write ``data`` (or, in a batch, mark it to be written); a failure is a SaveError.
        ``table``: the one table this save changed (None: any may have changed)."""
        self._saves += 1
        if table is None:
            self._other_saves += 1
            self._storage.note_change(date.min)  # any record may have changed
        else:
            self._table_saves[table] = self._table_saves.get(table, 0) + 1
        with self._saving():
            self._storage.write(data)

    @contextlib.contextmanager
    def _saving(self) -> Iterator[None]:
        """A write's error, as a SaveError that names the data file."""
        try:
            yield
        except SaveError:
            raise
        except OSError as error:
            raise SaveError(error.errno, error.strerror or str(error), str(self.path)) from None

    def _after_write(self, before: Seal | None, after: Seal | None, changed_from: date) -> None:
        from store import weeks

        weeks.carry(self.path, before, after, changed_from)

    def _after_failed_write(self) -> None:
        """Today's backup may be a hard link to the data file (see ``make_backup``), parted by
        the rename of the save. If the save failed, they are still one file: the backup gets
        its own copy, so an editor that writes the data file in place cannot change it."""
        backup, self._fresh_backup = self._fresh_backup, None
        if backup is not None:
            from store.backups import unshare

            with contextlib.suppress(OSError):
                unshare(backup, self.path)

    def _ids_by_key(self, table: str) -> dict[Any, str]:
        """Record key -> doc id, from the raw table (no record is built)."""
        out: dict[Any, str] = {}
        raw = self._table(table)
        if isinstance(raw, LazyTable):  # the keys are read from the lines, nothing parsed
            for doc_id, key in raw.record_keys().items():
                if key is None:
                    doc = raw[doc_id]
                    key = doc.get("key") if isinstance(doc, dict) else None
                if record_id(doc_id) is not None and isinstance(key, str):
                    out.setdefault(key, doc_id)
            return out
        for doc_id, doc in raw.items():
            if record_id(doc_id) is not None and isinstance(doc, dict):
                key = doc.get("key")
                if isinstance(key, str):
                    out.setdefault(key, doc_id)
        return out

    def _keyed_docs(self, table: str, docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """Documents by key -> by doc id (the same key keeps its id; new keys get new ids)."""
        ids = self._ids_by_key(table)
        numbers = [record_id(i) for i in self._table(table)]
        next_id = max((n for n in numbers if n is not None), default=0) + 1
        out: dict[str, Any] = {}
        for key, doc in docs.items():
            doc_id = ids.get(key)
            if doc_id is None:
                doc_id, next_id = str(next_id), next_id + 1
            out[doc_id] = {**doc, "key": key}
        return out

    def put_records(
        self,
        checkins: Iterable[CheckIn] = (),
        dxa_scans: Iterable[DxaScan] = (),
        session_logs: Iterable[SessionLog] = (),
    ) -> None:
        """Many records in one atomic write (import, demo); same date or key replaces."""
        self._require_writable()
        with self.batch():
            entries = {str(c.day.toordinal()): c.to_dict() for c in checkins}
            if entries:
                self._change("checkins", entries)
            scans = {s.key: s.to_dict() for s in dxa_scans}
            if scans:
                self._change("dxa", self._keyed_docs("dxa", scans))
            logs = {s.key: s.to_dict() for s in session_logs}
            if logs:
                self._change("sessions", self._keyed_docs("sessions", logs))

    # ----------------------------------------------------------------- profile

    def get_profile(self) -> Profile | None:
        """The profile; None if there is none, or if it is damaged (then see ``problems``)."""
        doc = self._table("profile").get(str(SINGLE_DOC))
        return None if doc is None else self._loader.record("profile", str(SINGLE_DOC), doc)

    def profile_for_update(self) -> Profile | None:
        """The profile to change a few fields of; refuses if the stored one is damaged."""
        doc = self._table("profile").get(str(SINGLE_DOC))
        profile = self.get_profile()
        if doc is not None and profile is None:
            reason = self._problem_of("profile", str(SINGLE_DOC))
            raise DamagedRecordError(self.path, "the stored profile", reason)
        return profile

    def put_profile(self, profile: Profile) -> None:
        self._change("profile", {str(SINGLE_DOC): profile.to_dict()})

    # ----------------------------------------------------------------- check-ins

    def get_checkin(self, day: date) -> CheckIn | None:
        """The day's check-in; None if there is none or it is damaged (see ``problems``)."""
        doc_id = str(day.toordinal())
        doc = self._table("checkins").get(doc_id)
        return None if doc is None else self._loader.record("checkins", doc_id, doc)

    def put_checkin(self, checkin: CheckIn) -> None:
        """Save the day's entry, replacing whatever that date held."""
        self._change("checkins", {str(checkin.day.toordinal()): checkin.to_dict()})

    def merge_checkin(self, checkin: CheckIn) -> CheckIn:
        """Save only the fields ``checkin`` recorded into that day's entry; return the result.

        Refuses (DamagedRecordError, naming the file) if that day's stored entry is damaged:
        its other fields cannot be kept, and it is not ours to drop.
        """
        doc_id = str(checkin.day.toordinal())
        current = self.get_checkin(checkin.day)
        if current is None and self._table("checkins").get(doc_id) is not None:
            what = f"the stored check-in for {checkin.day.isoformat()}"
            raise DamagedRecordError(self.path, what, self._problem_of("checkins", doc_id))
        merged = current.merged(checkin) if current is not None else checkin
        self.put_checkin(merged)
        return merged

    def delete_checkin(self, day: date) -> bool:
        self._require_writable()
        doc_id = str(day.toordinal())
        if doc_id not in self._table("checkins"):
            return False
        self._change("checkins", {doc_id: None})
        return True

    def checkins(self, start: date | None = None, end: date | None = None) -> Sequence[CheckIn]:
        """Valid check-ins between ``start`` and ``end`` inclusive, oldest first.

        A bounded range looks its days up directly (no scan of the whole history); damaged
        entries are skipped and listed in ``problems``. Without bounds: the whole history the
        store keeps, as an immutable tuple (see ``_whole_history``).
        """
        raw = self._table("checkins")
        low = max(start.toordinal(), MIN_ORDINAL) if start else MIN_ORDINAL
        high = min(end.toordinal(), MAX_ORDINAL) if end else MAX_ORDINAL
        if high < low:
            return []
        record = self._loader.record
        if high - low < len(raw):
            pairs = ((str(o), raw.get(str(o))) for o in range(low, high + 1))
            return [c for i, d in pairs if d is not None and (c := record("checkins", i, d))]
        if start is None and end is None:
            return self._whole_history("checkins", raw, self._all_checkins)
        return self._checkins_scanned(raw, low, high, whole=False)

    def _all_checkins(self, raw: Mapping[str, Any]) -> list[CheckIn]:
        _parse_all(raw)
        return self._checkins_scanned(raw, MIN_ORDINAL, MAX_ORDINAL, whole=True)

    def _checkins_scanned(
        self, raw: Mapping[str, Any], low: int, high: int, *, whole: bool
    ) -> list[CheckIn]:
        record = self._loader.record
        found = []
        for doc_id, doc in raw.items():
            ordinal = day_ordinal(doc_id)
            if ordinal is None:
                if whole:
                    record("checkins", doc_id, doc)  # quarantined: it has no day
                continue
            if low <= ordinal <= high and (entry := record("checkins", doc_id, doc)):
                found.append(entry)
        return sorted(found, key=lambda c: c.day)

    def _whole_history(
        self, table: str, raw: Mapping[str, Any], read: Callable[[Mapping[str, Any]], list[Any]]
    ) -> tuple[Any, ...]:
        """A whole table's records, read once and kept until the file changes (the trends
        screen's "all time" at 30 years: 15,000 records put in order again at every key).
        A save of another table leaves it (a check-in saved: the session logs are kept).
        Every caller gets the kept tuple itself: no caller can change it, and a copy would
        touch every record's reference count (17,000 at 30 years, most gone cold in memory)."""
        key = self._held_key(table, raw)
        held = self._history_held.get(table)
        if held is None or held[0] != key:
            held = self._history_held[table] = (key, tuple(read(raw)))
            self._history_trail.pop(table, None)  # new records: nothing earlier is shared
        return held[1]

    def same_until(self, table: str, earlier: Sequence[Any], now: Sequence[Any]) -> date | None:
        """The first day at which ``earlier`` and ``now``, whole histories of ``table`` that
        this store gave out (``now`` the latest), may differ: ``date.max`` when they are the
        same; None when the store cannot tell (the caller compares them).

        A save patches the kept history with the days it saved, so the store knows where an
        earlier one stops being the same: a caller need not compare 11,000 check-ins (30
        years) record by record to find today's (``TRAIL_KEPT`` saves back)."""
        held = self._history_held.get(table)
        if held is None or held[1] is not now:
            return None
        if earlier is now:
            return date.max
        return next(
            (day for kept, day in self._history_trail.get(table, ()) if kept is earlier), None
        )

    def _held_key(self, table: str, raw: object) -> tuple[Any, ...]:
        """What a kept whole history was read from: equal while the table is unchanged."""
        saves = (self._other_saves, self._table_saves.get(table, 0))
        return (self._storage.loads, saves, id(raw), len(raw) if isinstance(raw, Mapping) else -1)

    def whole_history_known(self) -> bool:
        """Whether every check-in and session log has been read since the file was: reading
        them all again is then quick (a save adds one), not a first look at each (30 years:
        about 0.3 s)."""
        return all(self._read_since_load(table) for table in ("checkins", "sessions"))

    def _read_since_load(self, table: str) -> bool:
        """Whether ``table`` was read whole since the file was last read (saves since then
        leave most of its records validated)."""
        held = self._history_held.get(table)
        if held is None:
            return False
        loads, _saves, _raw_id, _count = held[0]
        return loads == self._storage.loads

    def read_whole_history(self, step: int = READ_STEP) -> Iterator[tuple[int, int]]:
        """Check every check-in and session log, ``step`` at a time, giving (done, total)
        after each step: a screen reads 30 years (16,000 records, about 0.2 s) in pieces, with
        keys and frames in between, rather than in one stretch on the event loop. Each table
        ends with its whole history put in order and kept, so ``checkins()`` and
        ``session_logs()`` without bounds then cost nothing. Stops early if the store changes
        meanwhile (the caller reads what is left the usual way)."""
        tables = [
            ("checkins", self._table("checkins"), self.checkins),
            ("sessions", self._table("sessions"), self.session_logs),
        ]
        total, done, changes = sum(len(raw) for _, raw, _ in tables), 0, self.changes
        record = self._loader.record
        for table, raw, whole_history in tables:
            if isinstance(raw, LazyTable):  # half the time of a parse line by line
                for _ in raw.parse_in_pieces(PARSE_PIECE_BYTES):
                    yield done, total
            ids = list(raw)
            for first in range(0, len(ids), step):
                if self.changes != changes:
                    return
                for doc_id in ids[first : first + step]:
                    record(table, doc_id, raw[doc_id])
                done += len(ids[first : first + step])
                yield done, total
            whole_history()  # put in order, and kept
            yield done, total

    def kept_weeks(self) -> KeptWeeks | None:
        """Weekly totals kept for this file's records before a cut day (store/weeks.py), if
        they hold for the file as it is in memory; None otherwise."""
        if self._storage.in_batch or self._storage.changed_from != date.max:
            return None
        from store import weeks

        self._data()  # (read again after a failed write: its seal with it)
        return weeks.load(self.path, self._storage.seal)

    def keep_weeks(
        self, cut: date, start: date, rows: dict[str, list[Any]], *, beside_writer: bool = False
    ) -> bool:
        """Keep weekly totals of the records from ``start`` until ``cut`` (made from this
        file as it is now) for later sessions; False if they cannot be (a file not in the
        layout, unsaved changes, another session holds the file, or they cannot be written).

        ``beside_writer``: from a store opened read-only while the session that holds the file
        goes on (the app's helper, ``doctor --keep-weeks``). Safe without the lock: the weeks
        name the seal of the bytes they were summed from, and a later save of that session
        either carries them on (no day before the cut changed) or leaves them matching no
        file."""
        if not beside_writer:
            self.acquire_lock()
        keepable = self.can_keep_weeks(beside_writer=beside_writer)
        seal = self._storage.seal  # (after the check, which reads the file again if need be)
        if not keepable or seal is None:
            return False
        from store import weeks

        return weeks.keep(self.path, seal, cut, start, rows)

    def can_keep_weeks(self, *, beside_writer: bool = False) -> bool:
        """Whether weeks summed from this file now could be kept (``keep_weeks``): asked
        before summing them, as that reads every record (0.3 s at 30 years). Not for a file
        not in the layout (no seal for them to name, until its next save), with unsaved
        changes, opened read-only (unless ``beside_writer``), or in a folder that cannot be
        written (a read-only file system)."""
        if self.read_only and not beside_writer:
            return False
        if self._storage.in_batch or self._storage.changed_from != date.max:
            return False
        self._data()  # (read again after a failed write: its seal with it)
        if self._storage.seal is None:
            return False
        from store import weeks

        return weeks.can_write(self.path)

    def history_size(self) -> int:
        """How many check-ins and session logs are stored (from their ids: nothing is read)."""
        return len(self._table("checkins")) + len(self._table("sessions"))

    def stream_checkins(self) -> Iterator[CheckIn]:
        """Every valid check-in, oldest first, one at a time: each is parsed and validated as
        it is reached and not kept (an export of 30 years holds one record at a time).
        Damaged entries are skipped and listed in ``problems``."""
        raw = self._table("checkins")
        if isinstance(raw, LazyTable):
            raw.find_all_lines()  # every line is read: found in one pass, not one by one
            peek = raw.peek
        else:
            peek = raw.__getitem__
        ordered = ids_in_day_order(raw)  # the usual case: no list of (day, id) pairs
        if ordered is None:
            pairs = []
            for doc_id in raw:
                ordinal = day_ordinal(doc_id)
                if ordinal is None:
                    self._loader.check("checkins", doc_id, peek(doc_id))  # quarantined: no day
                else:
                    pairs.append((ordinal, doc_id))
            ordered = [doc_id for _, doc_id in sorted(pairs)]
            del pairs
        check = self._loader.check
        for doc_id in ordered:
            entry = check("checkins", doc_id, peek(doc_id))
            if entry is not None:
                yield entry

    def first_checkin(self) -> CheckIn | None:
        """The oldest valid check-in (a report starts no earlier than it), without reading
        the rest: ids are days, so the oldest few are looked at until a valid one."""
        raw = self._table("checkins")
        for ordinal in sorted(day_ordinals(raw)):
            entry = self._loader.record("checkins", str(ordinal), raw[str(ordinal)])
            if entry is not None:
                return entry
        return None

    def checkin_days(self) -> set[date]:
        """Dates that have a check-in (cheap: read from the ids, no record is built).

        A day whose entry is damaged still counts here; opening it shows the notice.
        """
        ordinals = self.checkin_ordinals()
        held = self._days_held
        if held is None or held[0] is not ordinals:
            held = self._days_held = (ordinals, frozenset(map(date.fromordinal, ordinals)))
        return set(held[1])

    def checkin_days_looked_up(self) -> Container[date]:
        """``checkin_days`` to look up a day at a time (``day in days``): each day is its id,
        so the current streak (``bonecoach status``) costs its own days, not 30 years of
        ids turned into days and put in order."""
        return _CheckinDaysLookedUp(self._table("checkins"))

    def checkin_ordinals(self) -> frozenset[int]:
        """``checkin_days`` as day numbers (``date.toordinal``): the ids themselves, so the
        streaks of 30 years are counted without building a date (home's first frame)."""
        raw = self._table("checkins")
        key = (self.changes, id(raw), len(raw))
        held = self._ordinals_held
        if held is None or held[0] != key:
            held = self._ordinals_held = (key, frozenset(day_ordinals(raw)))
        return held[1]

    # ----------------------------------------------------------------- DXA scans

    def dxa_scans(self) -> list[DxaScan]:
        """Valid scans by day and site; kept until the scans change (every trends view and
        the plan read them: the 18 scans of a 30-year demo diary were checked and put in
        order again at every key)."""
        return list(self._whole_history("dxa", self._table("dxa"), self._all_dxa_scans))

    def _all_dxa_scans(self, raw: Mapping[str, Any]) -> list[DxaScan]:
        scans = self._loader.keyed("dxa", raw.items())
        return sorted(scans, key=lambda s: (s.day, s.site))

    def put_dxa(self, scan: DxaScan) -> None:
        self._change("dxa", self._keyed_docs("dxa", {scan.key: scan.to_dict()}))

    def delete_dxa(self, scan: DxaScan) -> bool:
        self._require_writable()
        ids = [
            doc_id
            for doc_id, doc in self._table("dxa").items()
            if isinstance(doc, dict) and doc.get("key") == scan.key
        ]
        if ids:
            self._change("dxa", dict.fromkeys(ids))
        return bool(ids)

    # ----------------------------------------------------------------- session logs

    def session_logs(
        self, start: date | None = None, end: date | None = None
    ) -> Sequence[SessionLog]:
        """Valid session logs between ``start`` and ``end``, oldest first (without bounds, the
        kept tuple: see ``checkins``).

        Documents are picked by their stored date text before any is validated, so a
        fortnight costs a fortnight at any age of the diary.
        """
        raw = self._table("sessions")
        if start is None and end is None:
            return self._whole_history("sessions", raw, self._all_session_logs)
        low = start.isoformat() if start else ""
        high = end.isoformat() if end else "~"
        if isinstance(raw, LazyTable):  # days read from the lines: only these are parsed
            picked = (
                raw.ids_from_day(low)
                if start
                else [i for i, day in raw.days().items() if day is None or day <= high]
            )
            pairs: Iterable[tuple[str, Any]] = [(doc_id, raw[doc_id]) for doc_id in picked]
        else:
            pairs = raw.items()
        pairs = [
            (doc_id, doc)
            for doc_id, doc in pairs
            if isinstance(doc, dict)
            and isinstance(day := doc.get("day"), str)
            and low <= day <= high
        ]
        logs = self._loader.keyed("sessions", pairs)
        low_day, high_day = start or date.min, end or date.max
        return sorted(
            (s for s in logs if low_day <= s.day <= high_day),
            key=lambda s: (s.day, s.session_id),
        )

    def _all_session_logs(self, raw: Mapping[str, Any]) -> list[SessionLog]:
        _parse_all(raw)
        logs = self._loader.keyed("sessions", raw.items())
        return sorted(logs, key=lambda s: (s.day, s.session_id))

    def stream_session_logs(self) -> list[SessionLog]:
        """Every valid session log by (day, key), validated without keeping the verdicts (an
        export); damaged ones skipped and listed in ``problems``."""
        raw = self._table("sessions")
        peek = raw.peek if isinstance(raw, LazyTable) else raw.__getitem__
        logs = self._loader.keyed("sessions", ((i, peek(i)) for i in raw), keep=False)
        return sorted(logs, key=lambda s: (s.day, s.key))

    def iter_session_logs(self) -> Iterator[SessionLog]:
        """``stream_session_logs`` one at a time: ordered by the key each log stores (read
        from its line without parsing it), then each read and validated once when its turn
        comes, and not kept. A JSON export of 30 years holds no list of 6,000 logs (issue 15:
        its peak memory follows the diary otherwise), nor validates each twice."""
        raw = self._table("sessions")
        if isinstance(raw, LazyTable):
            stored = raw.record_keys()
            keys = {doc_id: stored.get(doc_id) for doc_id in raw}
            peek = raw.peek
        else:
            keys, peek = dict.fromkeys(raw), raw.__getitem__
        yield from self._loader.keyed_stream("sessions", keys, peek)

    def put_session_log(self, log: SessionLog) -> None:
        self._change("sessions", self._keyed_docs("sessions", {log.key: log.to_dict()}))

    # ----------------------------------------------------------------- plan

    def get_plan(self) -> Plan | None:
        """The stored plan; None if there is none or it is damaged (see ``problems``)."""
        doc = self._table("plan").get(str(SINGLE_DOC))
        return None if doc is None else self._loader.record("plan", str(SINGLE_DOC), doc)

    def put_plan(self, plan: Plan) -> None:
        self._change("plan", {str(SINGLE_DOC): plan.to_dict()})

    # ----------------------------------------------------------------- settings, reading

    def _map_doc(self, table: str) -> Any:
        return self._table(table).get(str(SINGLE_DOC))

    def settings(self) -> dict[str, Any]:
        """Valid settings (coach/settings.py); a damaged or unknown entry is skipped."""
        return dict(self._loader.entries("settings", self._map_doc("settings")))

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings().get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        """Change one setting (validated as every way in is); other entries stay as they are."""
        value = check_setting(key, value)
        if self.settings().get(key, object()) == value:
            return
        self._put_entry("settings", key, value)

    def _put_entry(self, table: str, key: str, value: Any) -> None:
        doc = self._map_doc(table)
        if isinstance(doc, dict) and key in doc and self._loader.entry_is_damaged(table, doc, key):
            self._aside(table, str(SINGLE_DOC), key, {key: doc[key]})
        base = doc if isinstance(doc, dict) else {}
        self._change(table, {str(SINGLE_DOC): {**base, key: value}})

    def topics_read(self) -> dict[str, str]:
        """Topic id -> ISO date it was first read."""
        return dict(self._loader.entries("reading", self._map_doc("reading")))

    def mark_topic_read(self, topic_id: str, day: date) -> None:
        if not is_topic_id(topic_id):
            raise ValidationError("topic", f"{topic_id!r} is not a topic id")
        if topic_id not in self.topics_read():
            self._put_entry("reading", topic_id, day.isoformat())

    # ----------------------------------------------------------------- export / import

    def export_dict(self) -> dict[str, Any]:
        """Everything valid in the store, as plain JSON data that ``import_dict`` accepts back.

        Damaged records are skipped (and listed in ``problems``); ``doctor`` shows them.
        """
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

    def export_chunks(self, tick: Callable[[int], None] | None = None) -> Iterator[str]:
        """The JSON export (what ``export_dict`` holds, in its order) as pieces of text, one
        record a line: records are read, validated and written one at a time, so an export
        of any length holds one record in memory. ``tick(n)`` is told of each n records."""
        from store.outputs import dumps

        profile, plan = self.get_profile(), self.get_plan()
        head = {
            "format": EXPORT_FORMAT,
            "schema": SCHEMA_VERSION,
            "profile": profile.to_dict() if profile else None,
        }
        yield dumps(head)[:-1] + ',\n"checkins":['
        yield from _json_lines(self.stream_checkins(), tick)
        yield '\n],\n"dxa_scans":' + dumps([s.to_dict() for s in self.dxa_scans()])
        yield ',\n"session_logs":['
        yield from _json_lines(self.iter_session_logs(), tick)  # by (day, key): one at a time
        yield (
            "\n],\n"
            + dumps(
                {
                    "plan": plan.to_dict() if plan else None,
                    "settings": self.settings(),
                    "topics_read": self.topics_read(),
                }
            )[1:]
            + "\n"
        )

    def export_size(self) -> int:
        """How many records ``export_chunks`` will write (for a progress bar)."""
        return len(self._table("checkins")) + len(self._table("sessions"))

    def import_stream(
        self,
        source: str | TextIO,
        today: date | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> ImportCounts:
        """Merge an export given as JSON text or a text file, a record at a time: each is
        parsed, validated, compared with what is stored and kept as its JSON line only, so an
        import of any length holds no more than the new lines and a piece of the file
        (issue 15). Same checks and counts as ``import_dict``; nothing is written unless all
        of it is valid.

        Raises NotStreamable (and changes nothing) for any export but one in the order ours
        are written in and of the current schema: read that whole, with ``import_dict``.
        ``progress(n)`` is told how many characters of the text were read.
        """
        from store import transfer

        self._require_writable()
        today = today or self._clock()
        counts = transfer.ImportCounts()
        with self.batch():
            self._import_entries(transfer.stream_export(source, progress), today, counts)
            del source  # read through: let it go before the write (when no caller holds it)
        return counts

    def _import_entries(self, entries: Iterator[tuple[str, Any]], today: date, counts: Any) -> None:
        """``import_stream``'s work on the export's top-level entries, in file order."""
        from store import transfer

        head: dict[str, Any] = {}
        checked = False
        for key, value in entries:
            if key in ("format", "schema"):
                head[key] = value
                continue
            if key not in transfer.STREAM_ORDER:
                continue  # not ours: ignored, as import_dict does
            if not checked:
                if "format" not in head or "schema" not in head:
                    raise transfer.NotStreamable  # a whole read says what is missing
                if transfer.check_head(head) < SCHEMA_VERSION:
                    raise transfer.NotStreamable  # migrated on a whole read
                checked = True
            if key in transfer.RECORD_KINDS:
                if value is not None and not isinstance(value, list | transfer._Items):
                    raise StoreError(f"{key} must be a list")
                self._import_records(key, transfer.records_of(key, value or (), today), counts)
            elif key == "profile":
                profile = transfer.single_of(key, value, today)
                current = self.get_profile()
                if profile is not None and profile != current:
                    counts.count("profile", current is not None)
                    self.put_profile(profile)
            elif key == "plan":
                plan, stored = transfer.single_of(key, value, today), self.get_plan()
                if plan is not None and plan != stored:
                    counts.count("plan", stored is not None)
                    self.put_plan(plan)
            elif key == "settings":
                for name, setting in transfer.settings_of(value).items():
                    if self.get_setting(name, object()) != setting:
                        counts.count("settings", name in self.settings())
                        self.set_setting(name, setting)
            else:
                read = self.topics_read()
                marks = transfer.topics_read_of(value, today).items()
                new = {k: v for k, v in marks if k not in read}
                for topic_id, day in new.items():
                    self._put_entry("reading", topic_id, day)
                if new:
                    counts.added["topics_read"] = len(new)
        if not checked:
            transfer.check_head(head)

    def _writable_table(self, table: str) -> LazyTable:
        """A table to put encoded documents in (a damaged table goes to the side file)."""
        data = self._data()
        raw = data.get(table)
        if raw is not None and not isinstance(raw, Mapping):
            self._aside(table, None, None, raw)
            raw = None
        if not isinstance(raw, LazyTable):
            raw = data[table] = LazyTable.of(raw or {})
        return raw

    def _import_records(self, key: str, records: Iterable[Any], counts: ImportCounts) -> None:
        """Put the records of an export's list that differ from the stored ones."""
        table = {"checkins": "checkins", "dxa_scans": "dxa", "session_logs": "sessions"}[key]
        raw = self._writable_table(table)
        moves, put = len(self._moves), False
        if table == "checkins":
            for record in records:
                doc_id = str(record.day.toordinal())
                doc = record.to_dict()
                put = self._put_imported(raw, table, doc_id, record, doc, counts, key) or put
        else:
            stored = self.dxa_scans() if table == "dxa" else self.stream_session_logs()
            existing = {r.key: r for r in stored}
            ids = self._ids_by_key(table)
            numbers = [record_id(i) for i in raw]
            next_id = max((n for n in numbers if n is not None), default=0) + 1
            for record in records:
                if existing.get(record.key) == record:
                    continue
                doc_id = ids.get(record.key)
                if doc_id is None:
                    doc_id, next_id = str(next_id), next_id + 1
                    ids[record.key] = doc_id
                doc = {**record.to_dict(), "key": record.key}
                counts.count(key, record.key in existing)
                put = self._put_imported(raw, table, doc_id, None, doc, None, key) or put
        if put or len(self._moves) != moves:  # something was put: it is saved
            self._save(self._data(), table)  # (its days noted in ``_put_imported``)

    def _put_imported(
        self,
        raw: LazyTable,
        table: str,
        doc_id: str,
        record: Any,
        doc: dict[str, Any],
        counts: ImportCounts | None,
        key: str,
    ) -> bool:
        """Put one imported document (True), unless it is the check-in stored for its day."""
        old = raw.peek(doc_id) if doc_id in raw else None
        if record is not None:  # a check-in: compared with the stored one of its day
            current = self._loader.check(table, doc_id, old) if old is not None else None
            if current == record:
                return False
            if counts is not None:
                counts.count(key, current is not None)
        if old is not None and self._loader.check(table, doc_id, old) is None:
            self._aside(table, doc_id, None, old)  # damaged: kept in the side file
        if table in DATED_TABLES:  # kept weeks are carried past an import of recent days
            before = {doc_id: old} if old is not None else {}
            self._storage.note_change(_first_day_changed(table, before, {doc_id: doc}))
        raw.put_encoded(doc_id, to_utf8(encode_json(doc)))
        self._loader.forget(table, doc_id)
        return True

    def import_dict(self, data: Any, today: date | None = None) -> ImportCounts:
        """Merge an export into this store in one atomic write; validate all of it first.

        The export is migrated from its schema like a data file, and checked by the same
        rules as every other way in (store/transfer.py). Records are matched by date
        (check-ins) or key (scans, sessions); imported values win. Importing the same export
        twice changes nothing the second time.
        """
        from store.transfer import ImportCounts, parse_export

        self._require_writable()
        parsed = parse_export(data, today or self._clock())
        counts = ImportCounts()
        with self.batch():
            current = self.get_profile()
            if parsed.profile is not None and parsed.profile != current:
                counts.count("profile", current is not None)
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
            plan = self.get_plan()
            if parsed.plan is not None and parsed.plan != plan:
                counts.count("plan", plan is not None)
                self.put_plan(parsed.plan)
            for key, value in parsed.settings.items():
                if self.get_setting(key, object()) != value:
                    counts.count("settings", key in self.settings())
                    self.set_setting(key, value)
            read = self.topics_read()
            new_read = {k: v for k, v in parsed.topics_read.items() if k not in read}
            for topic_id, day in new_read.items():
                self._put_entry("reading", topic_id, day)
            if new_read:
                counts.added["topics_read"] = len(new_read)
        return counts


class _CheckinDaysLookedUp(Container[date]):
    """The days of a check-ins table, looked up by id (``Store.checkin_days_looked_up``): a
    day is in it when its canonical id (its ordinal's digits) is, as ``day_ordinals`` finds
    the same ids and no other."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = raw

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        ordinal = day.toordinal()
        return MIN_ORDINAL <= ordinal <= MAX_ORDINAL and str(ordinal) in self._raw


def _first_day_changed(table: str, raw: Mapping[str, Any], docs: Mapping[str, Any]) -> date:
    """The earliest day whose records putting ``docs`` into ``raw`` changes: a check-in's
    id is its day; a session log is dated by its ``day`` before and after. ``date.min`` when
    a day cannot be told."""
    days = []
    for doc_id, doc in docs.items():
        if table == "checkins":
            ordinal = day_ordinal(doc_id)
            days.append(date.fromordinal(ordinal) if ordinal is not None else date.min)
            continue
        for version in (raw.get(doc_id), doc):
            if version is None:
                continue
            try:
                days.append(date.fromisoformat(version["day"]))
            except (TypeError, KeyError, ValueError):
                return date.min
    return min(days, default=date.max)


def _parse_all(raw: Mapping[str, Any]) -> None:
    """A whole table is about to be read and kept: its lines parsed in one go, if it has them
    (``LazyTable.parse_all``)."""
    if isinstance(raw, LazyTable):
        raw.parse_all()


def _json_lines(records: Iterable[Any], tick: Callable[[int], None] | None) -> Iterator[str]:
    """Records as the lines of a JSON array ("\\n{...},\\n{...}"), in batches of text."""
    from store.outputs import dumps

    batch: list[str] = []
    separator = "\n"
    for record in records:
        batch.append(dumps(record))  # a record's fields as to_dict() has them
        if len(batch) == 512:
            yield separator + ",\n".join(batch)
            separator = ",\n"
            if tick is not None:
                tick(len(batch))
            batch = []
    if batch:
        yield separator + ",\n".join(batch)
        if tick is not None:
            tick(len(batch))


def write_new_store(path: Path, fill: Callable[[Store], None]) -> None:
    """Create a brand-new data file at ``path`` (refusing to replace one) and fill it."""
    real = paths.real_data_file(Path(path))
    if real.exists() or Path(path).is_symlink():
        raise StoreError(f"{path} already exists; not overwriting it")
    with Store.open(real) as store, store.batch():
        fill(store)
