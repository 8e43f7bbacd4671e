"""The loader: every stored record is validated before anyone sees it; bad ones are quarantined.

A record that fails validation (edited by hand, an out-of-range value, an id like ``"abc"``, a
number of 5,000 digits, the wrong shape) is *quarantined*: it stays in the file exactly as it
is, every reader skips it, and it is listed as a ``Problem`` with its location, so commands and
screens can say so in one line and ``bonecoach doctor`` can show and (``--repair``) move it.

Cost follows what is read, not the age of the diary (issue 15): documents are validated one by
one as a range read reaches them, and each is validated once per process. The cache is keyed by
(table, document id) and holds the raw document it validated; the store never changes a raw
document in place (a save puts a new dict), so "same object" means "unchanged". Only ``doctor``,
``export`` and ``import`` read everything; ``scan_structure`` is the cheap whole-file look
(ids and shapes only, no record built) behind the notice every command and screen shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from coach.models import CheckIn, DxaScan, Profile, SessionLog, ValidationError
from coach.parsing import MAX_DAY, MIN_DAY, ParseError, parse_date, shown
from coach.settings import check_setting
from store.schema import META, SINGLE_DOC

RECORD_TABLES: dict[str, type] = {"checkins": CheckIn, "dxa": DxaScan, "sessions": SessionLog}
SINGLE_TABLES = ("profile", "plan")
MAP_TABLES = ("settings", "reading")
KNOWN_TABLES = (META, *RECORD_TABLES, *SINGLE_TABLES, *MAP_TABLES)
MIN_ORDINAL, MAX_ORDINAL = MIN_DAY.toordinal(), MAX_DAY.toordinal()
MAX_RECORD_ID = 10**9
_TOPIC_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def is_topic_id(text: object) -> bool:
    """An education topic id as files hold it: ``joint-pain`` (lower case, digits, dashes)."""
    return type(text) is str and 0 < len(text) <= 64 and set(text) <= _TOPIC_CHARS


_KIND_WORDS = {
    "checkins": "check-in",
    "dxa": "DXA result",
    "sessions": "session log",
    "profile": "profile",
    "plan": "plan",
    "settings": "setting",
    "reading": "reading mark",
}


class Problem(NamedTuple):
    """One quarantined record: where it is in the file, and why it cannot be used."""

    table: str
    doc_id: str
    key: str | None
    reason: str

    @property
    def location(self) -> str:
        """Where to find it in the file, e.g. ``checkins["739000"] (check-in of 2024-05-01)``."""
        where = f"{self.table}[{_quoted(self.doc_id)}]" if self.doc_id else self.table
        if self.key is not None:
            where += f"[{_quoted(self.key)}]"
        ordinal = day_ordinal(self.doc_id) if self.table == "checkins" else None
        what = _KIND_WORDS.get(self.table, "record")
        if ordinal is not None:
            return f"{where} ({what} of {date.fromordinal(ordinal).isoformat()})"
        return f"{where} ({what})"

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


def _quoted(text: str) -> str:
    quoted = json.dumps(text)  # ASCII only: control characters come out escaped
    return quoted if len(quoted) <= 40 else quoted[:38] + '…"'


class Invalid(Exception):
    """A document that cannot be a record; the message is the reason."""


def _canonical_int(doc_id: object, low: int, high: int) -> int | None:
    if type(doc_id) is not str or not doc_id.isdigit() or not doc_id.isascii():
        return None
    if len(doc_id) > 12 or (doc_id[0] == "0" and len(doc_id) > 1):
        return None
    value = int(doc_id)
    return value if low <= value <= high else None


def day_ordinal(doc_id: object) -> int | None:
    """The day a check-in id stands for (its date's ordinal), or None if it is not one."""
    return _canonical_int(doc_id, MIN_ORDINAL, MAX_ORDINAL)


def day_ordinals(ids: Iterable[str]) -> list[int]:
    """The days (ordinals) of check-in ids, leaving out ids that are not days; at C speed
    when every id is a canonical day number (the usual case: one check of them all)."""
    ids = list(ids)
    if _canonical_ids("checkins", ids):
        ordinals = list(map(int, ids))
        if min(ordinals) >= MIN_ORDINAL and max(ordinals) <= MAX_ORDINAL:
            return ordinals
    return [o for o in map(day_ordinal, ids) if o is not None]


def ids_in_day_order(ids: Iterable[str]) -> list[str] | None:
    """Check-in ids sorted by day when every one is a canonical day number (six digits, so
    text order is day order: no number is built for 30 years of them); None otherwise."""
    ordered = sorted(ids)
    if not ordered:
        return ordered
    if not _canonical_ids("checkins", ordered):
        return None
    if ordered[0] < str(MIN_ORDINAL) or ordered[-1] > str(MAX_ORDINAL):
        return None
    return ordered


def record_id(doc_id: object) -> int | None:
    """A scan or session document id (TinyDB's 1, 2, 3, ...), or None if it is not one."""
    return _canonical_int(doc_id, 1, MAX_RECORD_ID)


def reason_of(error: BaseException) -> str:
    """One line saying why a document is not a record, whatever the validation raised."""
    if isinstance(error, ValidationError | Invalid):
        text = str(error)
    elif isinstance(error, TypeError):
        text = "has a missing or unexpected field"
    else:
        text = f"cannot be read ({type(error).__name__})"
    return text if len(text) <= 200 else text[:199] + "…"


def _plan_kind() -> type:
    from coach.plan_models import Plan

    return Plan


def validate(table: str, doc_id: str, doc: Any) -> Any:
    """The record a raw document holds; raises (anything) if it does not hold a valid one."""
    if table == "checkins":
        ordinal = day_ordinal(doc_id)
        if ordinal is None:
            raise Invalid(f"its id {shown(doc_id)} is not a day number")
        record = CheckIn.from_dict(doc)
        if record.day.toordinal() != ordinal:
            expected = date.fromordinal(ordinal).isoformat()
            raise Invalid(f"its id is the day {expected} but it says {record.day.isoformat()}")
        return record
    if table in ("dxa", "sessions"):
        if record_id(doc_id) is None:
            raise Invalid(f"its id {shown(doc_id)} is not a record number")
        record = RECORD_TABLES[table].from_dict(doc)
        if doc.get("key") != record.key:
            raise Invalid(f"its key {shown(doc.get('key'))} does not match {record.key!r}")
        return record
    if table in SINGLE_TABLES:
        if doc_id != str(SINGLE_DOC):
            raise Invalid(f"there should be one {table} document, with id 1 (not {shown(doc_id)})")
        kind = Profile if table == "profile" else _plan_kind()
        return kind.from_dict(doc)
    raise Invalid(f"unknown table {shown(table)}")


def validate_entry(table: str, key: str, value: Any) -> Any:
    """One entry of a settings or reading document."""
    if table == "settings":
        return check_setting(key, value)
    if not is_topic_id(key):
        raise Invalid(f"{shown(key)} is not a topic id")
    if not isinstance(value, str):
        raise Invalid(f"must be a date as YYYY-MM-DD (got {shown(value)})")
    try:
        parse_date(value)
    except ParseError as error:
        raise Invalid(f"{error} (got {shown(value)})") from None
    return value


class Loader:
    """Validated records by (table, id), each validated once; the problems found so far."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._problems: dict[tuple[str, str, str | None], Problem] = {}
        self.on_problem: Callable[[Problem], None] | None = None

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems.values())

    def reset(self) -> None:
        """Forget everything (the file was read again)."""
        self._seen.clear()
        self._problems.clear()

    def forget(self, table: str, doc_id: str) -> None:
        """A document was replaced or removed: its verdict and its problems no longer hold."""
        self._seen.pop((table, doc_id), None)
        for key in [k for k in self._problems if k[0] == table and k[1] == doc_id]:
            del self._problems[key]

    def report(self, problem: Problem) -> None:
        key = (problem.table, problem.doc_id, problem.key)
        if key in self._problems:
            return
        self._problems[key] = problem
        if self.on_problem is not None:
            self.on_problem(problem)

    def record(self, table: str, doc_id: str, doc: Any) -> Any:
        """The record in ``doc`` (validated once), or None if it is quarantined."""
        seen = self._seen.get((table, doc_id))
        if seen is not None and seen[0] is doc:
            return seen[1]
        try:
            value = validate(table, doc_id, doc)
        except Exception as error:  # any failure to build a record means: quarantined
            value = None
            self.report(Problem(table, doc_id, None, reason_of(error)))
        self._seen[(table, doc_id)] = (doc, value)
        return value

    def check(self, table: str, doc_id: str, doc: Any) -> Any:
        """As ``record``, but the verdict is not kept (a stream over a whole table: export)."""
        seen = self._seen.get((table, doc_id))
        if seen is not None and seen[0] is doc:
            return seen[1]
        try:
            return validate(table, doc_id, doc)
        except Exception as error:
            self.report(Problem(table, doc_id, None, reason_of(error)))
            return None

    def is_damaged(self, table: str, doc_id: str, doc: Any) -> bool:
        return self.record(table, doc_id, doc) is None

    def entries(self, table: str, doc: Any) -> dict[str, Any]:
        """The valid entries of a settings or reading document (each checked once)."""
        doc_id = str(SINGLE_DOC)
        seen = self._seen.get((table, doc_id))
        if seen is not None and seen[0] is doc:
            return seen[1]
        out: dict[str, Any] = {}
        if doc is not None and not isinstance(doc, dict):
            self.report(Problem(table, doc_id, None, "is not an object of entries"))
        elif doc is not None:
            for key, value in doc.items():
                try:
                    out[key] = validate_entry(table, key, value)
                except Exception as error:
                    self.report(Problem(table, doc_id, key, reason_of(error)))
        self._seen[(table, doc_id)] = (doc, out)
        return out

    def entry_is_damaged(self, table: str, doc: Any, key: str) -> bool:
        self.entries(table, doc)
        return (table, str(SINGLE_DOC), key) in self._problems

    def keyed(
        self, table: str, pairs: Iterable[tuple[str, Any]], *, keep: bool = True
    ) -> list[Any]:
        """Valid scans or session logs of ``pairs``; of two with one key the first id wins.
        ``keep=False``: verdicts are not kept (see ``check``)."""
        winners = self._winners(table, pairs, self.record if keep else self.check)
        return [item[2] for item in winners.values()]

    def keyed_stream(
        self, table: str, keys: Mapping[str, str | None], doc: Callable[[str], Any]
    ) -> Iterator[Any]:
        """``keyed`` one at a time, by key (a key starts with its day, so: by day), each
        document read and validated once and not kept: an export streams a whole table.
        ``keys``: every id -> the key its document stores, if known without reading it (None:
        read it with ``doc``). A valid record's key is the one stored (``validate``), so the
        documents of one key are next to each other in that order, lowest id first: the first
        valid one wins, and any later valid one is reported as a duplicate."""

        def stored_key(doc_id: str) -> str:
            key = keys[doc_id]
            if key is None:
                document = doc(doc_id)
                key = document.get("key") if isinstance(document, dict) else None
            return key if isinstance(key, str) else ""

        order = sorted((stored_key(i), record_id(i) or 0, i) for i in keys)
        winner_key, winner_id = None, ""
        for key, _, doc_id in order:
            record = self.check(table, doc_id, doc(doc_id))
            if record is None:
                continue
            if key == winner_key:
                self._duplicate(table, doc_id, winner_id)
                continue
            winner_key, winner_id = key, doc_id
            yield record

    def _winners(
        self,
        table: str,
        pairs: Iterable[tuple[str, Any]],
        validated: Callable[[str, str, Any], Any],
    ) -> dict[str, tuple[int, str, Any]]:
        """Key -> (id number, doc id, the record): the first id of each key; every other one
        is reported as a duplicate of that one (named once all are seen: which id holds the
        key so far depends on the order of the file, the one that wins does not)."""
        by_key: dict[str, tuple[int, str, Any]] = {}
        others: list[tuple[str, str]] = []  # (doc id, key) of each record that lost its key
        for doc_id, doc in pairs:
            record = validated(table, doc_id, doc)
            if record is None:
                continue
            number = record_id(doc_id) or 0
            held = by_key.get(record.key)
            if held is None or number < held[0]:
                if held is not None:
                    others.append((held[1], record.key))
                by_key[record.key] = (number, doc_id, record)
            else:
                others.append((doc_id, record.key))
        for doc_id, key in others:
            self._duplicate(table, doc_id, by_key[key][1])
        return by_key

    def _duplicate(self, table: str, doc_id: str, kept_id: str) -> None:
        self.report(Problem(table, doc_id, None, f"a second record for the same key as {kept_id}"))


# Every valid check-in id has six digits (1900-01-01 is day 693596, 2199-12-31 day 803533),
# so a whole table can be checked at C speed: string methods over the joined ids (a regular
# expression's repeat stack for 30 years of ids would take over a megabyte for a moment).


def _canonical_ids(table: str, ids: Sequence[str]) -> bool:
    """Every id is ``table``'s canonical form: six digits (a check-in's day number), else one
    to nine digits without a leading zero (a record number). False for no ids."""
    if not ids:
        return False
    digits = "".join(ids)
    if not (digits.isascii() and digits.isdigit()):
        return False
    lengths = set(map(len, ids))
    if table == "checkins":
        return lengths == {6}
    return min(lengths) >= 1 and max(lengths) <= 9 and "\n0" not in "\n" + "\n".join(ids)


def _all_fine(table: str, raw: Mapping[str, Any]) -> bool:
    """True when no id and no document of ``raw`` can be wrong in shape (the usual case)."""
    if not raw:
        return True
    from store.lines import LazyTable

    if isinstance(raw, LazyTable):
        if not raw.all_objects():  # known from the lines, nothing parsed
            return False
    elif set(map(type, raw.values())) != {dict}:
        return False
    if table == "checkins":
        ids = list(raw)
        return (
            _canonical_ids(table, ids)
            and min(ids) >= str(MIN_ORDINAL)
            and max(ids) <= str(MAX_ORDINAL)
        )
    if table in RECORD_TABLES:
        return _canonical_ids(table, list(raw))
    return list(raw) == [str(SINGLE_DOC)]


def scan_structure(data: dict[str, Any]) -> list[Problem]:
    """Problems visible without building any record: wrong shapes and ids. Cheap at any size.

    A check-in whose id is not a day number, say, is never reached by a read of a range of
    days; this scan is how commands and screens still learn that it is there and skipped.
    """
    problems = []
    for table in (*RECORD_TABLES, *SINGLE_TABLES, *MAP_TABLES):
        raw = data.get(table)
        if raw is None:
            continue
        if not isinstance(raw, Mapping):
            problems.append(Problem(table, "", None, "is not a table of records"))
            continue
        if table != "settings" and _all_fine(table, raw):
            continue
        valid_id: Callable[[str], object]
        if table == "checkins":
            valid_id = day_ordinal
        elif table in RECORD_TABLES:
            valid_id = record_id
        else:
            valid_id = str(SINGLE_DOC).__eq__
        for doc_id in raw:
            if not valid_id(doc_id):
                problems.append(Problem(table, doc_id, None, f"its id {shown(doc_id)} is wrong"))
            elif not isinstance(raw[doc_id], dict):
                problems.append(Problem(table, doc_id, None, "is not an object"))
        if table == "settings" and isinstance(raw.get(str(SINGLE_DOC)), dict):
            from coach.settings import SETTINGS

            problems += [
                Problem(table, str(SINGLE_DOC), key, f"unknown setting {shown(key)}")
                for key in raw[str(SINGLE_DOC)]
                if key not in SETTINGS
            ]
    return problems


def check_all(data: dict[str, Any], loader: Loader | None = None) -> list[Problem]:
    """Validate every document of every table (doctor, export, import): all the problems."""
    loader = loader or Loader()
    for problem in scan_structure(data):
        loader.report(problem)
    for table in (*RECORD_TABLES, *SINGLE_TABLES):
        raw = data.get(table)
        if not isinstance(raw, Mapping):
            continue
        if table in ("dxa", "sessions"):
            loader.keyed(table, raw.items())
        else:
            for doc_id, doc in raw.items():
                loader.record(table, doc_id, doc)
    for table in MAP_TABLES:
        raw = data.get(table)
        if isinstance(raw, Mapping):
            for doc_id, doc in raw.items():
                if doc_id == str(SINGLE_DOC):
                    loader.entries(table, doc)
    return loader.problems


def unknown_tables(data: dict[str, Any]) -> list[str]:
    """Tables bonecoach does not know (left exactly as they are)."""
    return [name for name in data if name not in KNOWN_TABLES]
