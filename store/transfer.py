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

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

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


def check_head(data: dict[str, Any]) -> int:
    """The export's format marker and schema; the schema version (StoreError if unreadable)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise StoreError('not a bonecoach JSON export (missing "format": "bonecoach-export")')
    return _schema(data)


def _checked(what: str, record: Any, today: date) -> Any:
    try:
        check_against_today(record, today)
    except ValidationError as error:
        raise StoreError(f"{what}: {error}") from None
    return record


RECORD_KINDS: dict[str, type] = {
    "checkins": CheckIn,
    "dxa_scans": DxaScan,
    "session_logs": SessionLog,
}


def records_of(key: str, items: Iterable[Any], today: date) -> Iterator[Any]:
    """The records of one list of an export, each validated as it comes (errors name the
    record by its place; two records for one day or key are an error)."""
    kind = RECORD_KINDS[key]
    first_of: dict[Any, int] = {}
    for index, item in enumerate(items, start=1):
        if index > MAX_RECORDS:
            raise StoreError(f"{key} holds more than {MAX_RECORDS} records; at most {MAX_RECORDS}")
        try:
            record = kind.from_dict(item)
        except Exception as error:  # any way a record fails to build: name it, stop
            raise StoreError(f"{key} record {index}: {reason_of(error)}") from None
        _checked(f"{key} record {index}", record, today)
        key_of = record.day if kind is CheckIn else record.key
        if key_of in first_of:
            raise StoreError(
                f"{key} records {first_of[key_of]} and {index} are both for {key_of}; "
                "an export holds one of each"
            )
        first_of[key_of] = index
        yield record


def single_of(key: str, value: Any, today: date) -> Any:
    """The profile or plan of an export, validated (None if there is none)."""
    if value is None:
        return None
    kind: type
    if key == "profile":
        kind = Profile
    else:
        from coach.plan_models import Plan

        kind = Plan
    try:
        record = kind.from_dict(value)
    except Exception as error:
        raise StoreError(f"{key}: {reason_of(error)}") from None
    _checked(key, record, today)
    if key == "plan" and record.created > today:
        raise StoreError(f"plan: it was made on {record.created.isoformat()}, in the future")
    return record


def parse_export(data: Any, today: date) -> ParsedExport:
    """Validate (and migrate) a whole export before anything is written; errors name the record."""
    version = check_head(data)
    if version < SCHEMA_VERSION:
        migrate_export(data, version)

    def records(key: str) -> tuple[Any, ...]:
        items = data.get(key) or []
        if not isinstance(items, list):
            raise StoreError(f"{key} must be a list")
        if len(items) > MAX_RECORDS:
            raise StoreError(f"{key} holds {len(items)} records; at most {MAX_RECORDS}")
        return tuple(records_of(key, items, today))

    plan = single_of("plan", data.get("plan"), today)
    return ParsedExport(
        profile=single_of("profile", data.get("profile"), today),
        checkins=records("checkins"),
        dxa_scans=records("dxa_scans"),
        session_logs=records("session_logs"),
        plan=plan,
        settings=settings_of(data.get("settings")),
        topics_read=topics_read_of(data.get("topics_read"), today),
    )


# --------------------------------------------------------------------------- streaming

# the order of our own exports (Store.export_chunks); a file in another order is read whole
STREAM_ORDER = (
    "format",
    "schema",
    "profile",
    "checkins",
    "dxa_scans",
    "session_logs",
    "plan",
    "settings",
    "topics_read",
)
_SPACE = re.compile(r"[ \t\n\r]*")


class NotStreamable(Exception):
    """The text is not an export this reader can take a record at a time: read it whole."""


def stream_export(
    source: str | TextIO, progress: Callable[[int], None] | None = None
) -> Iterator[tuple[str, Any]]:
    """The top-level entries of a JSON export in file order: (key, value), where the value
    of a record list is an iterator over its items, parsed one at a time (each must be
    consumed before the next entry). ``source`` is the text, or a text file read a piece at
    a time (then no more than a piece and the record being parsed is held). Raises
    NotStreamable on anything unusual (bad JSON, keys out of order or twice): the caller
    then reads the text whole, which names the error. ``progress(n)``: n characters read."""
    text = _Text(source)
    seen: set[str] = set()
    order = 0
    try:
        if not text.take("{"):
            raise NotStreamable
        if text.take("}"):
            if text.peek():
                raise NotStreamable
            return
        while True:
            if text.peek() != '"':
                raise NotStreamable
            key = text.value()
            if key in seen:
                raise NotStreamable
            seen.add(key)
            if key in STREAM_ORDER:
                if STREAM_ORDER.index(key) < order:
                    raise NotStreamable
                order = STREAM_ORDER.index(key)
            if not text.take(":"):
                raise NotStreamable
            if key in RECORD_KINDS and text.peek() == "[":
                items = _Items(text, progress)
                yield key, items
                items.finish()
            else:
                yield key, text.value()
            if text.take(","):
                continue
            if not text.take("}") or text.peek():
                raise NotStreamable
            return
    except (ValueError, RecursionError):  # bad JSON or UTF-8, a number too long: the whole
        raise NotStreamable from None  # read says


class _Text:
    """An export's text as a window that starts at what is being parsed: read on a piece at a
    time, what was parsed let go (a 30-year export, about 5 MB, is never held whole)."""

    PIECE = 1 << 16

    def __init__(self, source: str | TextIO) -> None:
        if isinstance(source, str):
            self.text, self._read = source, None
        else:
            self.text, self._read = "", source.read
        self.at = 0  # where the window's unparsed text starts
        self.before = 0  # characters read before the window
        self._decode = json.JSONDecoder().raw_decode

    def _more(self) -> bool:
        """Read another piece onto the window, dropping what was parsed; False at the end.
        A value longer than a piece doubles the read (linear, however long it is)."""
        if self._read is None:
            return False
        piece = self._read(max(self.PIECE, len(self.text) - self.at))
        if not piece:
            self._read = None
            return False
        self.before += self.at
        self.text = self.text[self.at :] + piece
        self.at = 0
        return True

    @property
    def position(self) -> int:
        """Characters of the whole text parsed so far."""
        return self.before + self.at

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not consumed."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or not self._more():
                return self.text[self.at : self.at + 1]

    def take(self, mark: str) -> bool:
        """Consume ``mark`` if it comes next."""
        if self.peek() != mark:
            return False
        self.at += 1
        return True

    def value(self) -> Any:
        """The next JSON value, read on until it is complete (ValueError if it is not JSON)."""
        self.peek()
        while True:
            try:
                value, end = self._decode(self.text, self.at)
            except json.JSONDecodeError:
                if self._more():  # cut off by the window's end, perhaps
                    continue
                raise
            if end == len(self.text) and self._more():  # a number may go on
                continue
            self.at = end
            return value


class _Items:
    """The items of a JSON array whose "[" comes next in ``text``, parsed as iterated."""

    def __init__(self, text: _Text, progress: Callable[[int], None] | None) -> None:
        self._text, self._progress = text, progress
        text.take("[")
        self._done = text.take("]")

    def __iter__(self) -> Iterator[Any]:
        text = self._text
        try:
            while not self._done:
                item = text.value()
                if text.take("]"):
                    self._done = True
                elif not text.take(","):
                    raise NotStreamable
                if self._progress is not None:
                    self._progress(text.position)
                yield item
        except (ValueError, RecursionError):
            raise NotStreamable from None

    def finish(self) -> None:
        """Read the rest of the items, if the caller stopped early."""
        for _ in self:
            pass


def settings_of(raw: Any) -> dict[str, Any]:
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


def topics_read_of(raw: Any, today: date) -> dict[str, str]:
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
