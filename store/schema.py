"""Schema versions and migrations, shared by data files, backups and JSON exports.

A data file keeps its tables of documents (``{"checkins": {"739000": {...}}}``); an export keeps
lists (``{"checkins": [{...}]}``). A migration step changes one document of one kind, so the
same step brings both forward: an old export is read exactly as an old data file would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from store.errors import UnreadableFileError

SCHEMA_VERSION = 2
EXPORT_FORMAT = "bonecoach-export"
META = "_meta"
SINGLE_DOC = 1  # doc id of one-document tables (profile, plan, settings)

# data-file table -> the key of the same records in an export
EXPORT_KEYS = {
    "profile": "profile",
    "checkins": "checkins",
    "dxa": "dxa_scans",
    "sessions": "session_logs",
    "plan": "plan",
    "settings": "settings",
    "reading": "topics_read",
}


def _checkin_v1_to_v2(doc: dict[str, Any]) -> None:
    """Schema 1 kept one ``calcium_mg`` per check-in; 2 splits food and supplement calcium."""
    if "calcium_mg" in doc:
        doc["calcium_food_mg"] = doc.pop("calcium_mg")
        doc.setdefault("calcium_supplement_mg", None)


# from-version -> {table: change to one document of that table (in place)}
MIGRATIONS: dict[int, dict[str, Callable[[dict[str, Any]], None]]] = {
    1: {"checkins": _checkin_v1_to_v2},
}


def valid_version(value: object) -> int | None:
    """A schema number as files hold it: an int (``true`` is not 1), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def schema_of(data: dict[str, Any]) -> int:
    """The schema version a loaded file declares (0 if it has no bonecoach marker)."""
    table = data.get(META)
    meta = table.get(str(SINGLE_DOC)) if isinstance(table, dict) else None
    version = valid_version(meta.get("schema")) if isinstance(meta, dict) else None
    return version or 0


def generation_of(data: dict[str, Any]) -> int:
    """How many saves made this file (0 for files from before saves were counted)."""
    table = data.get(META)
    meta = table.get(str(SINGLE_DOC)) if isinstance(table, dict) else None
    value = valid_version(meta.get("generation")) if isinstance(meta, dict) else None
    return value if value is not None and value >= 0 else 0


def check_version(version: int, what: str) -> str | None:
    """Why a schema version cannot be read (None if it can)."""
    if version > SCHEMA_VERSION:
        return (
            f"was written by a newer bonecoach (schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade bonecoach"
        )
    if version not in MIGRATIONS and version != SCHEMA_VERSION:
        return f"has an unknown {what} schema version {version}"
    return None


def check_schema(path: Path, data: dict[str, Any]) -> None:
    """Raise UnreadableFileError for files that are JSON but not (this) bonecoach's."""
    version = schema_of(data)
    if version == 0:
        raise UnreadableFileError(path, "is not a bonecoach data file (no schema marker)")
    problem = check_version(version, "data file")
    if problem:
        raise UnreadableFileError(path, problem)


def _documents(value: Any) -> Iterable[dict[str, Any]]:
    items = (
        value.values() if isinstance(value, Mapping) else value if isinstance(value, list) else ()
    )
    return (doc for doc in items if isinstance(doc, dict))


def migrate_documents(version: int, get: Callable[[str], Any]) -> None:
    """Apply every step from ``version`` to the current one; ``get(table)`` gives its documents.

    A changed document of a table is put back, so a lazily read table (store/lines.py) knows
    to write it again."""
    while version < SCHEMA_VERSION:
        for table, change in MIGRATIONS[version].items():
            value = get(table)
            for doc in _documents(value):
                change(doc)
            if isinstance(value, MutableMapping):
                for doc_id in list(value):
                    if isinstance(doc := value[doc_id], dict):
                        value[doc_id] = doc
        version += 1


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a loaded data file up to ``SCHEMA_VERSION`` (in place) and mark it so."""
    version = schema_of(data)
    if version >= SCHEMA_VERSION:
        return data
    migrate_documents(version, data.get)
    meta = data.get(META)
    if not isinstance(meta, dict):
        meta = data[META] = {}
    old = meta.get(str(SINGLE_DOC))
    meta[str(SINGLE_DOC)] = {**(old if isinstance(old, dict) else {}), "schema": SCHEMA_VERSION}
    return data


def migrate_export(data: dict[str, Any], version: int) -> None:
    """Bring an export's records up to ``SCHEMA_VERSION`` (in place), as for a data file."""

    def records(table: str) -> Any:
        value = data.get(EXPORT_KEYS.get(table, table))
        return [value] if table in ("profile", "plan") and isinstance(value, dict) else value

    migrate_documents(version, records)
