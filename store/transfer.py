"""Moving a person's data in and out: validating a JSON export before anything is written.

An import is one more way in, so it gets exactly the checks the CLI and the forms apply:

- the export's schema must be a whole number this version reads (``true`` is not 1), and its
  records are migrated from that schema like a data file's (a schema-1 ``calcium_mg`` arrives
  as food calcium, not silently dropped);
- every record is validated by its model; nothing is dated after today; the profile is an
  adult's and the aromatase inhibitor did not start in the future;
- one check-in a day, one result per DXA site a day, one log per session: a duplicate is an
  error naming both records, never "the later one silently wins";
- settings are the known ones (coach/settings.py), each checked; reading marks are topic ids
  with dates; both bounded in number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.models import (
    CheckIn,
    DxaScan,
    Profile,
    SessionLog,
    ValidationError,
    check_against_today,
)
from coach.parsing import shown
from coach.settings import SETTINGS, check_setting
from store.errors import StoreError
from store.loader import Invalid, reason_of, validate_entry
from store.schema import (
    EXPORT_FORMAT,
    SCHEMA_VERSION,
    check_version,
    migrate_export,
    valid_version,
)

MAX_TOPICS_READ = 500
MAX_RECORDS = 200_000  # about 500 years of daily check-ins


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
    plan: Any
    settings: dict[str, Any]
    topics_read: dict[str, str]


def _schema(data: dict[str, Any]) -> int:
    raw = data.get("schema")
    version = valid_version(raw)
    if version is None:
        raise StoreError(f'"schema" must be a whole number (got {shown(raw)})')
    problem = check_version(version, "export")
    if problem or version < 1:
        raise StoreError(f"export schema {version} is not one this bonecoach reads")
    return version


def parse_export(data: Any, today: date) -> ParsedExport:
    """Validate (and migrate) a whole export before anything is written; errors name the record."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise StoreError('not a bonecoach JSON export (missing "format": "bonecoach-export")')
    version = _schema(data)
    if version < SCHEMA_VERSION:
        migrate_export(data, version)

    def check(what: str, record: Any) -> Any:
        try:
            check_against_today(record, today)
        except ValidationError as error:
            raise StoreError(f"{what}: {error}") from None
        return record

    def records(key: str, kind: type) -> tuple[Any, ...]:
        items = data.get(key) or []
        if not isinstance(items, list):
            raise StoreError(f"{key} must be a list")
        if len(items) > MAX_RECORDS:
            raise StoreError(f"{key} holds {len(items)} records; at most {MAX_RECORDS}")
        out = []
        first_of: dict[Any, int] = {}
        for index, item in enumerate(items, start=1):
            try:
                record = kind.from_dict(item)
            except Exception as error:  # any way a record fails to build: name it, stop
                raise StoreError(f"{key} record {index}: {reason_of(error)}") from None
            check(f"{key} record {index}", record)
            key_of = record.day if kind is CheckIn else record.key
            if key_of in first_of:
                raise StoreError(
                    f"{key} records {first_of[key_of]} and {index} are both for {key_of}; "
                    "an export holds one of each"
                )
            first_of[key_of] = index
            out.append(record)
        return tuple(out)

    def single(key: str, kind: type) -> Any:
        if data.get(key) is None:
            return None
        try:
            record = kind.from_dict(data[key])
        except Exception as error:
            raise StoreError(f"{key}: {reason_of(error)}") from None
        return check(key, record)

    from coach.plan_models import Plan

    plan = single("plan", Plan)
    if plan is not None and plan.created > today:
        raise StoreError(f"plan: it was made on {plan.created.isoformat()}, in the future")
    return ParsedExport(
        profile=single("profile", Profile),
        checkins=records("checkins", CheckIn),
        dxa_scans=records("dxa_scans", DxaScan),
        session_logs=records("session_logs", SessionLog),
        plan=plan,
        settings=_settings(data.get("settings")),
        topics_read=_topics_read(data.get("topics_read"), today),
    )


def _settings(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise StoreError("settings must be an object")
    if len(raw) > len(SETTINGS):
        raise StoreError(
            f"settings holds {len(raw)} entries; known settings: {', '.join(SETTINGS)}"
        )
    out = {}
    for key, value in raw.items():
        try:
            out[key] = check_setting(key, value)
        except ValidationError as error:
            raise StoreError(f"settings: {error}") from None
    return out


def _topics_read(raw: Any, today: date) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise StoreError("topics_read must be an object")
    if len(raw) > MAX_TOPICS_READ:
        raise StoreError(f"topics_read holds {len(raw)} entries; at most {MAX_TOPICS_READ}")
    out = {}
    for key, value in raw.items():
        try:
            out[key] = validate_entry("reading", key, value)
        except (Invalid, ValidationError) as error:
            raise StoreError(f"topics_read {shown(key)}: {error}") from None
        if date.fromisoformat(value) > today:
            raise StoreError(f"topics_read {shown(key)}: {value} is in the future")
    return out
