"""Moving a person's data in and out: validating a JSON export before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.models import CheckIn, DxaScan, Plan, Profile, SessionLog, ValidationError
from store.db import EXPORT_FORMAT, SCHEMA_VERSION, StoreError


@dataclass
class ImportCounts:
    """What an import changed, per kind of record."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(self.added.values()) + sum(self.updated.values())

    def count(self, kind: str, existed: bool) -> None:
        bucket = self.updated if existed else self.added
        bucket[kind] = bucket.get(kind, 0) + 1


@dataclass(frozen=True)
class ParsedExport:
    profile: Profile | None
    checkins: tuple[CheckIn, ...]
    dxa_scans: tuple[DxaScan, ...]
    session_logs: tuple[SessionLog, ...]
    plan: Plan | None
    settings: dict[str, Any]
    topics_read: dict[str, str]


def parse_export(data: Any) -> ParsedExport:
    """Validate a whole export before anything is written; errors name the record."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise StoreError('not a bonecoach JSON export (missing "format": "bonecoach-export")')
    schema = data.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise StoreError(f"export schema {schema!r} is not one this bonecoach reads")

    def records(key: str, kind: type) -> tuple[Any, ...]:
        items = data.get(key) or []
        if not isinstance(items, list):
            raise StoreError(f"{key} must be a list")
        out = []
        for index, item in enumerate(items, start=1):
            try:
                out.append(kind.from_dict(item))
            except (ValidationError, TypeError) as error:
                raise StoreError(f"{key} record {index}: {error}") from None
        return tuple(out)

    def single(key: str, kind: type) -> Any:
        if data.get(key) is None:
            return None
        try:
            return kind.from_dict(data[key])
        except (ValidationError, TypeError) as error:
            raise StoreError(f"{key}: {error}") from None

    settings = data.get("settings") or {}
    topics_read = data.get("topics_read") or {}
    if not isinstance(settings, dict) or not isinstance(topics_read, dict):
        raise StoreError("settings and topics_read must be objects")
    return ParsedExport(
        profile=single("profile", Profile),
        checkins=records("checkins", CheckIn),
        dxa_scans=records("dxa_scans", DxaScan),
        session_logs=records("session_logs", SessionLog),
        plan=single("plan", Plan),
        settings=settings,
        topics_read={str(k): str(v) for k, v in topics_read.items()},
    )
