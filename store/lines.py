"""The data file's layout: one document a line, so a read parses only the lines it asks for.

The file stays ordinary TinyDB JSON (any JSON reader, stock TinyDB included, reads it whole):

    {"_meta":{"1":{"schema":2,"generation":7,"layout":[1,CRC,SIZE,"profile",1,0,L1,...]}},
    "profile":{
    "1":{"name":"..."}
    },
    "checkins":{
    "739000":{"day":"2024-05-01","pain":3},
    "739001":{"day":"2024-05-02","pain":2}
    }
    }

The first line holds ``_meta``; its ``layout`` gives the CRC-32 and length of everything after
the first line and, per table, how many documents it holds (-1: a damaged table that is not an
object, kept on one line as it is), how many of them are not objects, and the length of its
documents' lines. A file whose layout and
checksum agree is exactly what this module wrote, so each of its lines is one complete
document: reading it finds the ids with one regular expression (C speed) and parses a document
only when someone asks for it (``LazyTable``). Any other file (hand-edited, older, written by
another program) fails the check and is parsed whole, as before; its next save writes this
layout.

A save re-encodes only the documents that were set since the file was read; every other line
is copied as it was. Documents are never changed in place (the store puts a new dict), so a
document that was only read is written back from its original line. After a save the bytes
read stay in use while the changes are few (see ``read_back_after_write``): a check-in saved at
30 years does not read 5 MB back.

The file's bytes are kept as read, one object (a 30-year diary is about 5 MB; the same data as
Python dicts is about 15 MB), with each table's ids. Where a document's line starts is found
when it is first read: walking back from the table's end for recent documents (check-ins are
keyed by day, and new days come last), or all at once for a read far back. Issue 15: start-up
memory and time follow what is shown, not how old the diary is.
"""

from __future__ import annotations

import _thread
import json
import re
import zlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from functools import lru_cache
from itertools import chain
from typing import Any, Literal

from store.storage import encode_json, parse_document, to_utf8

LAYOUT_KEY = "layout"
LAYOUT_VERSION = 1
META = "_meta"
META_DOC = "1"
NOT_A_TABLE = -1  # layout count of a table that is not an object (kept on one line)
COMMA, NEWLINE = ord(","), ord("\n")

# A line that starts with a JSON string and a colon: a table's header or one document.
# Values are compact JSON, which never holds a raw line break, so every match is a line start.
# The plain pattern (no escapes in names: the usual case) is faster; the full one is the check.
_PLAIN_KEYED_LINE = re.compile(rb'\n"([^"\\\n]*)":')
_KEYED_LINE = re.compile(rb'\n"((?:[^"\\\n]|\\.)*)":')
# fields read from the lines without parsing them: a session log's day (its first field) and a
# scan's or log's key (its last field)
# (an id with an escape in it does not match: such a document is parsed to be sure, and the
# pattern without alternation reads 30 years of session logs in 60 % of the time)
_DAY_FIRST = re.compile(rb'\n"([^"\\\n]*)":\{"day":"(\d{4}-\d\d-\d\d)"')
_KEY_LAST = re.compile(rb'\n"((?:[^"\\\n]|\\.)*)":\{[^\n]*"key":"((?:[^"\\\n]|\\.)*)"\},?(?=\n)')


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@lru_cache(maxsize=8)
def _line_not_before(day: str) -> re.Pattern[bytes]:
    """A line (its id caught) unless it starts with a ``day`` text earlier than ``day``.

    ISO dates of one format compare as text, so "earlier" is one alternative per digit: the
    same digits up to it, a smaller digit there, any digits after (2026-11-17: [0-1]\\d{3}-..,
    20[0-1]\\d-.., .., 2026-11-1[0-6]). A line with no day text, or another format, is caught:
    only parsing it can tell its day.
    """
    if not _ISO_DAY.fullmatch(day):
        raise ValueError(f"not an ISO day: {day!r}")
    shape = [r"\d" if c.isdigit() else c for c in day]
    earlier = [
        day[:i] + f"[0-{int(c) - 1}]" + "".join(shape[i + 1 :])
        for i, c in enumerate(day)
        if c.isdigit() and c != "0"
    ]
    before = f'(?:{"|".join(earlier)})"' if earlier else "(?!)"
    return re.compile(rb'\n"([^"\\\n]*)":(?!\{"day":"' + before.encode() + rb")")


def _plain_ids(ids: list[str]) -> bool:
    """Whether every id is written as itself in the file (no escape): then one pattern of
    plain ids finds every line."""
    joined = "".join(ids)
    return joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined


class Unparsable:
    """A line that does not parse (only a forged file can hold one): quarantined by every
    reader (it is no record), and written back exactly as it was."""

    __slots__ = ("raw", "reason")

    def __init__(self, reason: str, raw: bytes) -> None:
        self.reason = reason
        self.raw = raw

    def __repr__(self) -> str:
        return f"<unparsable document: {self.reason}>"


def _key_bytes(key: str) -> bytes:
    return json.dumps(key).encode("ascii")


class LazyTable(MutableMapping[str, Any]):
    """One table of the file: documents by id, each parsed from its line when first read.

    ``peek`` reads a document without keeping it (exports stream a whole table through it).
    Setting or deleting marks the id, so the next save re-encodes just those documents.

    Where a line starts is found when first needed: recent documents (a check-in's day is its
    id, and days are added at the end) are found walking back from the table's end, a few
    lines for a week; reading far back finds every line at once.
    """

    __slots__ = (
        "_added",
        "_block",
        "_cursor",
        "_deleted",
        "_dirty",
        "_encoded",
        "_ids",
        "_line",
        "_mem",
        "_non_objects",
        "_pending",
        "_pending_at",
        "_pending_whole",
        "_position",
        "_raw",
        "_scans",
        "_tail",
    )

    FIND_ALL_FROM = 2048  # further back than this many lines: find every line at once
    SEARCH_NEAR = 512  # lines searched for an id before its index is built (see _lines_back)
    PARSE_ALL_FROM = 64  # documents not parsed yet: fewer are parsed as they are read

    def __init__(
        self,
        raw: bytes,
        block: tuple[int, int],
        ids: list[str],
        non_objects: int = 0,
        mem: dict[str, Any] | None = None,
    ) -> None:
        self._raw = raw  # the file's bytes, shared by every table of the file
        self._block = block  # [first document's line, closing line) of this table in ``_raw``
        self._ids = ids  # the ids of the block's lines, in order (as the file holds them)
        self._line: dict[str, int | None] = dict.fromkeys(ids)  # id -> where its line starts
        self._position: dict[str, int] | None = None  # id -> its line's index in ``_ids``
        self._tail = 0  # how many lines, from the block's end, have their start found
        self._cursor = block[1]  # where the earliest of those lines starts
        self._mem: dict[str, Any] = mem if mem is not None else {}  # parsed or set documents
        self._dirty: set[str] = set()  # lines of the file set since: re-encoded on save
        self._encoded: dict[str, bytes] = {}  # set as JSON already (an import): not parsed
        self._added: dict[str, None] = {}  # ids not in the file (in order of adding): all
        # written on save (not also in ``_dirty``: 30 years imported, 16,000 ids, 1 MB less)
        # Documents added as JSON (an import) are kept as the lines a save writes, one after
        # the other in one buffer ("id":{...},\n), rather than one bytes object each: written
        # as one piece, and given back to the system whole once written (see ``put_encoded``).
        self._pending = bytearray()
        self._pending_at: dict[str, int] = {}  # id -> where its JSON starts in ``_pending``
        self._pending_whole = True  # ``_pending`` holds every added document, in order
        self._deleted = False  # a line of the file was removed since
        self._non_objects = non_objects  # documents whose line is not a JSON object
        self._scans: dict[str, dict[str, str | None]] = {}  # see ``days``, ``record_keys``

    # ------------------------------------------------------------------ mapping

    @classmethod
    def of(cls, docs: Mapping[str, Any]) -> LazyTable:
        """A table of documents held in memory (none in a file yet): all written on save."""
        table = cls(b"", (0, 0), [])
        for doc_id, doc in docs.items():
            table[str(doc_id)] = doc
        return table

    def __getitem__(self, doc_id: str) -> Any:
        try:
            return self._mem[doc_id]
        except KeyError:
            pass
        value = self._parse(doc_id)
        self._mem[doc_id] = value
        self._encoded.pop(doc_id, None)  # (a buffered line stays: it is what a save writes)
        return value

    def peek(self, doc_id: str) -> Any:
        """The document, parsed if need be but not kept (a stream over a whole table)."""
        try:
            return self._mem[doc_id]
        except KeyError:
            return self._parse(doc_id)

    def put_encoded(self, doc_id: str, value: bytes) -> None:
        """Set a document given as its compact JSON (kept as bytes: an import of 30 years
        holds no dicts); as ``__setitem__`` otherwise. A new id, while every added document
        is in the buffer in order, goes to the buffer as its line."""
        if doc_id not in self and self._pending_whole and len(self._pending_at) == len(self._added):
            self._added[doc_id] = None
            self._pending += _key_bytes(doc_id) + b":"
            self._pending_at[doc_id] = len(self._pending)
            self._pending += value
            self._pending += b",\n"
            self._non_objects += not value.startswith(b"{")
            self._scans.clear()
            return
        if doc_id in self:
            self._non_objects -= not self._is_object(doc_id)
        else:
            self._added[doc_id] = None
        self._unbuffer(doc_id)
        self._mem.pop(doc_id, None)
        self._encoded[doc_id] = value
        if doc_id in self._line:
            self._dirty.add(doc_id)
        self._non_objects += not value.startswith(b"{")
        self._scans.clear()

    def _unbuffer(self, doc_id: str) -> None:
        """``doc_id`` gets another value: its buffered line no longer counts."""
        if self._pending_at.pop(doc_id, None) is not None:
            self._pending_whole = False

    def _pending_value(self, doc_id: str) -> bytes:
        start = self._pending_at[doc_id]
        return bytes(self._pending[start : self._pending.index(b"\n", start) - 1])

    def __setitem__(self, doc_id: str, value: Any) -> None:
        if doc_id in self:
            self._non_objects -= not self._is_object(doc_id)
        else:
            self._added[doc_id] = None
        self._unbuffer(doc_id)
        self._mem[doc_id] = value
        self._encoded.pop(doc_id, None)
        if doc_id in self._line:
            self._dirty.add(doc_id)
        self._non_objects += not isinstance(value, dict)
        self._scans.clear()

    def __delitem__(self, doc_id: str) -> None:
        if doc_id in self:
            self._non_objects -= not self._is_object(doc_id)
        if doc_id in self._line:
            del self._line[doc_id]
            self._deleted = True
        elif doc_id in self._added:
            del self._added[doc_id]
        else:
            raise KeyError(doc_id)
        self._mem.pop(doc_id, None)
        self._encoded.pop(doc_id, None)
        self._unbuffer(doc_id)
        self._dirty.discard(doc_id)
        self._scans.clear()

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._line or doc_id in self._added

    def __iter__(self) -> Iterator[str]:
        return chain(self._line, self._added)

    def __len__(self) -> int:
        return len(self._line) + len(self._added)

    def __repr__(self) -> str:
        return f"<LazyTable of {len(self)} documents, {len(self._mem)} parsed>"

    # ------------------------------------------------------------------ cheap looks

    def all_objects(self) -> bool:
        """True if every document is a JSON object (known from the lines: nothing parsed)."""
        return self._non_objects == 0

    def _is_object(self, doc_id: str) -> bool:
        if doc_id in self._mem:
            return isinstance(self._mem[doc_id], dict)
        if doc_id in self._encoded:
            return self._encoded[doc_id].startswith(b"{")
        if doc_id in self._pending_at:
            return self._pending[self._pending_at[doc_id]] == ord("{")
        end = self._raw.find(b"\n", self._start(doc_id))
        return self._raw[end - 1] == ord("}") or self._raw[end - 2 : end] == b"},"

    def days(self) -> dict[str, str | None]:
        """Id -> the ``day`` a document starts with (session logs), read from its line without
        parsing it; None where a line does not start so (parse it to be sure). Documents that
        are known not to hold a day text are left out."""
        return self._scan(_DAY_FIRST, "day")

    def ids_from_day(self, low: str) -> list[str]:
        """Ids of the documents whose ``day`` may be ``low`` or later (the caller checks each
        one it reads): lines starting with such a day (read without parsing, as ``days``),
        lines that do not start with a day text (parse them to know), documents in memory
        whose day is so or unknown until read. The day is compared by the pattern, so the last
        year of 30 years of session logs costs one pass (1.1 ms), not a dict of 6,000 days
        (2.8 ms)."""
        if "day" in self._scans or not _plain_ids(self._ids):  # known already, or escaped ids
            return [i for i, day in self.days().items() if day is None or day >= low]
        cached = self._scans.get(f"day>={low}")
        if cached is not None:
            return list(cached)
        start, stop = self._block
        lines = _line_not_before(low).findall(self._raw, start - 1, stop) if self._ids else []
        picked = dict.fromkeys(map(bytes.decode, lines))
        if self._deleted:  # a removed document's line is still in the block
            picked = {doc_id: None for doc_id in picked if doc_id in self._line}
        for doc_id, day in self._fields_in_memory("day").items():
            picked.pop(doc_id, None)
            if day is None or (day is not False and day >= low):
                picked[doc_id] = None
        self._scans[f"day>={low}"] = picked
        return list(picked)

    def record_keys(self) -> dict[str, str | None]:
        """Id -> the ``key`` a document ends with (scans, session logs), as ``days``."""
        return self._scan(_KEY_LAST, "key")

    def _scan(self, pattern: re.Pattern[bytes], field: str) -> dict[str, str | None]:
        cached = self._scans.get(field)
        if cached is not None:
            return cached
        start, stop = self._block
        found = pattern.findall(self._raw, start - 1, stop) if self._ids else []
        keys, values = zip(*found, strict=True) if found else ((), ())
        if b"\\" in b"".join(keys) or b"\\" in b"".join(values):
            decode: Callable[[bytes], str] = _decode_key
        else:  # the usual case: no escapes, decoded at C speed
            decode = bytes.decode
        out: dict[str, str | None] = dict.fromkeys(self)  # None: read the document to know
        try:
            pairs = zip(map(decode, keys), map(decode, values), strict=True)
            if self._deleted:  # a removed document's line is still in the block
                out.update((k, v) for k, v in pairs if k in self._line)
            else:  # every line's id is one of the table's
                out.update(pairs)
        except ValueError:  # a forged line (not UTF-8, a bad escape): read its document to know
            decoded = zip(map(_decoded, keys), map(_decoded, values), strict=True)
            out.update((k, v) for k, v in decoded if k in out)
        for doc_id, value in self._fields_in_memory(field).items():
            if value is False:
                out.pop(doc_id, None)
            else:
                out[doc_id] = value
        self._scans[field] = out
        return out

    def _fields_in_memory(self, field: str) -> dict[str, str | Literal[False] | None]:
        """For documents held in memory (set, added or parsed), which say for themselves what
        their lines would: id -> the text of ``field``; None where only reading the document
        tells (kept as JSON); False where it holds no such text."""
        out: dict[str, str | Literal[False] | None] = {}
        for doc_id in chain(self._mem, self._added, self._encoded):
            if doc_id in self._encoded or (doc_id in self._pending_at and doc_id not in self._mem):
                out[doc_id] = None  # known when read
                continue
            doc = self._mem.get(doc_id)
            value = doc.get(field) if isinstance(doc, dict) else None
            out[doc_id] = value if isinstance(value, str) else False
        return out

    # ------------------------------------------------------------------ lines

    def _start(self, doc_id: str) -> int:
        """Where the file's line of ``doc_id`` starts (the id must be one of the file's)."""
        start = self._line[doc_id]
        if start is not None:
            return start
        back = self._lines_back(doc_id)
        if back - self._tail > self.FIND_ALL_FROM:
            self._find_all()
        else:
            self._find_back(back)
        start = self._line[doc_id]
        assert start is not None
        return start

    def _lines_back(self, doc_id: str) -> int:
        """How far from the table's end the line of ``doc_id`` is, itself included. The lines
        just before those found already are searched first (a year of check-ins read at 30
        years: no index of 11,000 ids to build, 0.5 ms); the index is built for one further."""
        if self._position is None:
            ids, searched = self._ids, len(self._ids) - self._tail
            nearby = ids[max(searched - self.SEARCH_NEAR, 0) : searched]
            if doc_id in nearby:
                return len(ids) - (searched - len(nearby) + nearby.index(doc_id))
            self._position = dict(zip(ids, range(len(ids)), strict=True))
        return len(self._ids) - self._position[doc_id]

    def parse_all(self) -> None:
        """Parse every document of the file not parsed yet, in one pass (the whole table is
        about to be read and kept): the table's lines are one JSON object, and one
        ``json.loads`` of 30 years of check-ins takes half the time of 9,855 (28 against 58
        ms). Lines that do not parse as one (a forged line) are left to be parsed one by one,
        as they are read."""
        for _ in self.parse_in_pieces(None):
            pass

    def parse_in_pieces(self, piece_bytes: int | None) -> Iterator[None]:
        """``parse_all`` in pieces of about ``piece_bytes`` of lines (one piece if None), a
        pause after each: a screen parses 30 years in steps of a few milliseconds. Each
        piece is whole lines, cut after a line break, as one JSON object. Nothing is kept
        unless every piece parsed (then only documents still not in memory: a save between
        pieces wins); none is kept if the file was read again meanwhile."""
        mem, encoded, raw = self._mem, self._encoded, self._raw
        missing = [doc_id for doc_id in self._line if doc_id not in mem and doc_id not in encoded]
        if len(missing) < self.PARSE_ALL_FROM or 2 * len(missing) < len(self._line):
            return  # few, or a few among many: each parsed alone costs less
        parsed: dict[str, Any] = {}
        count = 0
        for begin, end in _pieces(raw, self._block, piece_bytes):
            text = bytearray(b"{")
            text += memoryview(raw)[begin:end]
            text += b"}"
            try:
                docs = parse_document(text)
            except Exception:  # a forged line: each is read, and judged, alone
                return
            if not isinstance(docs, dict):
                return
            count += len(docs)
            parsed.update(docs)
            del docs, text
            yield
            if self._raw is not raw:
                return  # read again (a save read the file back): these lines are gone
        if count != len(self._ids) or len(parsed) != count:
            return  # an id twice (the layout check lets none through): line by line
        mem.update(
            (doc_id, parsed[doc_id])
            for doc_id in self._line
            if doc_id not in mem and doc_id not in self._encoded and doc_id in parsed
        )

    def find_all_lines(self) -> None:
        """Find where every line starts, in one pass (a stream over the whole table comes):
        looking them up one by one from the oldest would first index every id."""
        if self._tail < len(self._ids):
            self._find_all()

    def _find_back(self, back: int) -> None:
        """Find the starts of the last ``back`` lines, walking back from the table's end."""
        raw, line, ids = self._raw, self._line, self._ids
        floor = self._block[0] - 1  # the newline before the first document's line
        cursor = self._cursor
        for index in range(len(ids) - 1 - self._tail, len(ids) - 1 - back, -1):
            cursor = raw.rfind(b"\n", floor, cursor - 1) + 1
            if ids[index] in line:
                line[ids[index]] = cursor
        self._cursor = cursor
        self._tail = max(self._tail, back)

    def _find_all(self) -> None:
        start, stop = self._block
        offsets = [m.start() + 1 for m in _KEYED_LINE.finditer(self._raw, start - 1, stop)]
        if len(offsets) != len(self._ids):
            raise AssertionError("the table's lines do not match its ids")
        line = self._line
        for doc_id, offset in zip(self._ids, offsets, strict=True):
            if doc_id in line:
                line[doc_id] = offset
        self._tail, self._cursor = len(self._ids), start

    def _value_bytes(self, doc_id: str) -> bytes:
        if doc_id in self._encoded:
            return self._encoded[doc_id]
        if doc_id in self._pending_at:
            return self._pending_value(doc_id)
        start = self._start(doc_id) + len(_key_bytes(doc_id)) + 1
        end = self._raw.find(b"\n", start)
        return self._raw[start : end - 1 if self._raw[end - 1] == COMMA else end]

    def _parse(self, doc_id: str) -> Any:
        return parse_value(self._value_bytes(doc_id))

    def _entry(self, doc_id: str) -> tuple[Piece, ...]:
        encoded = self._encoded.get(doc_id)
        if encoded is None:
            if doc_id in self._pending_at:
                encoded = self._pending_value(doc_id)
            else:
                encoded = encode_value(self._mem[doc_id])
        return (_key_bytes(doc_id) + b":", encoded)

    def _chunks(self) -> list[tuple[Piece, ...]]:
        """The table's entries as chunks of lines, without a trailing comma (see ``encode``):
        the file's lines copied in runs, the documents set since re-encoded."""
        raw = self._raw
        start, stop = self._block
        chunks: list[tuple[Piece, ...]] = []
        if not self._deleted:  # runs between the replaced lines: work follows the changes
            replaced = sorted((self._start(i), i) for i in self._dirty if i in self._line)
            position = start
            for offset, doc_id in replaced:
                if offset > position:
                    chunks.append((memoryview(raw)[position : offset - 2],))  # without ",\n"
                chunks.append(self._entry(doc_id))
                position = raw.find(b"\n", offset) + 1
            if stop > position:
                chunks.append(_run(raw, position, stop - 1))
        else:
            if self._tail < len(self._ids):
                self._find_all()
            run_start = run_end = -1
            for doc_id, offset in self._line.items():
                assert offset is not None
                if doc_id in self._dirty:
                    if run_start >= 0:
                        chunks.append(_run(raw, run_start, run_end))
                        run_start = -1
                    chunks.append(self._entry(doc_id))
                    continue
                end = raw.find(b"\n", offset)
                if run_start >= 0 and offset == run_end + 1:
                    run_end = end
                    continue
                if run_start >= 0:
                    chunks.append(_run(raw, run_start, run_end))
                run_start, run_end = offset, end
            if run_start >= 0:
                chunks.append(_run(raw, run_start, run_end))
        if self._added and self._pending_whole and len(self._pending_at) == len(self._added):
            chunks.append((memoryview(self._pending)[:-2],))  # every added line, one view
        else:
            chunks += [self._entry(doc_id) for doc_id in self._added]
        return chunks

    def _rebase(self, raw: bytes, block: tuple[int, int]) -> None:
        """The file was written: it is ``raw`` now, this table's lines in ``block``, in this
        table's order. Parsed documents stay (their identity too)."""
        ids = list(self)
        self._raw = raw
        self._block = block
        self._ids = ids
        self._line = dict.fromkeys(ids)
        self._position = None
        self._tail, self._cursor = 0, block[1]
        self._dirty.clear()
        self._encoded.clear()
        self._added.clear()
        self._drop_pending()
        self._deleted = False

    def _drop_pending(self) -> None:
        self._pending = bytearray()  # freed whole, once the views of a write are gone
        self._pending_at.clear()
        self._pending_whole = True


def _run(raw: bytes, start: int, end: int) -> tuple[Piece, ...]:
    """Lines ``raw[start:end]`` (whole lines), without the last one's comma: a view."""
    return (memoryview(raw)[start : end - 1 if raw[end - 1] == COMMA else end],)


def parse_value(raw: bytes) -> Any:
    """One document's JSON; what cannot be parsed comes back as ``Unparsable``."""
    try:
        return parse_document(raw)
    except Exception as error:  # a forged line: kept verbatim, quarantined by the loader
        return Unparsable(str(error) or type(error).__name__, raw)


def encode_value(value: Any) -> bytes:
    if isinstance(value, Unparsable):
        raise TypeError("unparsable documents are written from their line")
    return to_utf8(encode_json(value))


# --------------------------------------------------------------------------- writing


Blocks = list[tuple[str, int, int]]


Piece = bytes | memoryview


def encode(data: Mapping[str, Any]) -> tuple[bytes, Blocks]:
    """The file's bytes for ``data`` (``_meta`` first), and where each object table's lines
    are in them (for ``rebase``)."""
    pieces, blocks = encode_pieces(data)
    return b"".join(pieces), blocks


def encode_pieces(data: Mapping[str, Any]) -> tuple[list[Piece], Blocks]:
    """``encode`` as pieces to write one after the other (unchanged lines are views of the
    file's bytes, new documents their own JSON: nothing of the size of the file is copied)."""
    pieces: list[Piece] = []  # everything after the first line
    layout: list[Any] = []
    blocks: list[tuple[str, int, int]] = []
    position = 0
    crc = 0

    def put(*parts: Piece) -> None:
        nonlocal position, crc
        for part in parts:
            pieces.append(part)
            position += len(part)
            crc = zlib.crc32(part, crc)

    names = [name for name in data if name != META]
    if not names:  # nothing but _meta: one line, read back whole
        return [encode_value(data)], blocks
    for number, name in enumerate(names):
        table = data[name]
        last = number == len(names) - 1
        key = _key_bytes(name)
        if not isinstance(table, Mapping):
            put(key + b":" + encode_value(table) + (b"\n" if last else b",\n"))
            layout += [name, NOT_A_TABLE, 0, 0]
            continue
        chunks = (
            table._chunks()
            if isinstance(table, LazyTable)
            else [(_key_bytes(str(i)) + b":", encode_value(doc)) for i, doc in table.items()]
        )
        put(key + b":{\n")
        first = position
        for index, chunk in enumerate(chunks):
            if index:
                put(b",\n")
            put(*chunk)
        if chunks:
            put(b"\n")
        blocks.append((name, first, position))
        non_objects = (
            table._non_objects
            if isinstance(table, LazyTable)
            else sum(not isinstance(doc, dict) for doc in table.values())
        )
        layout += [name, len(table), non_objects, position - first]
        put(b"}\n" if last else b"},\n")
    put(b"}")
    meta = data.get(META)
    meta_doc = meta.get(META_DOC) if isinstance(meta, Mapping) else None
    if not isinstance(meta_doc, Mapping) or set(meta) != {META_DOC}:
        # no room for the layout: written as plain JSON lines, read back by a full parse
        head = b'{"_meta":' + encode_value(meta) + b"," if meta is not None else b"{"
    else:
        layout = [LAYOUT_VERSION, crc, position, *layout]
        head = b'{"_meta":' + encode_value({META_DOC: {**meta_doc, LAYOUT_KEY: layout}}) + b","
    shift = len(head) + 1
    return [head, b"\n", *pieces], [(n, a + shift, b + shift) for n, a, b in blocks]


KEPT_CHANGES = 64  # documents set since the file was read, beyond which a save reads it back


def read_back_after_write(data: Mapping[str, Any]) -> bool:
    """Whether the file just written should be read back (``release``, then ``rebase``).

    Not while every table reads from the bytes it was read from, with a few documents set
    since: those bytes and the documents set still describe the file exactly (a save copies
    the unchanged lines and re-encodes the set ones, as the next save will again), so reading
    5 MB back after a check-in at 30 years and rebuilding the ids buys nothing (the save took
    11.1 ms with them, 7.7 without). A table held whole in memory (a file parsed whole, a new
    table), documents kept as JSON (an import), a removed line (every line is walked on save)
    or many changes: read back, so that later saves again copy lines and memory holds the
    file once.
    """
    changed = 0
    for name, table in data.items():
        if name == META or not isinstance(table, Mapping):
            continue
        if not isinstance(table, LazyTable) or table._deleted or table._encoded or table._pending:
            return True
        changed += len(table._dirty) + len(table._added)
    return changed > KEPT_CHANGES


def release(data: Mapping[str, Any]) -> None:
    """The file was written: drop the views of the old bytes and documents kept as JSON (the
    new file holds them; ``rebase`` reads it back)."""
    for table in data.values():
        if isinstance(table, LazyTable):
            table._raw = b""
            table._encoded.clear()
            table._drop_pending()


def rebase(data: dict[str, Any], payload: bytes, blocks: Blocks) -> None:
    """After ``payload`` was written: every object table now reads from its new lines."""
    for name, start, stop in blocks:
        table = data[name]
        if isinstance(table, LazyTable):
            table._rebase(payload, (start, stop))
        else:
            mem = {str(doc_id): doc for doc_id, doc in table.items()}
            non_objects = sum(not isinstance(doc, dict) for doc in mem.values())
            data[name] = LazyTable(payload, (start, stop), list(mem), non_objects, mem)


# --------------------------------------------------------------------------- reading


Layout = tuple[int, int, list[tuple[str, int, int, int]]]


def _layout_of(meta_doc: Any) -> Layout | None:
    """(crc, size, [(table, documents, how many are not objects, bytes of its lines), ...])."""
    layout = meta_doc.get(LAYOUT_KEY) if isinstance(meta_doc, dict) else None
    if not isinstance(layout, list) or len(layout) < 3 or (len(layout) - 3) % 4 != 0:
        return None
    version, crc, size, *rest = layout
    if version != LAYOUT_VERSION or type(crc) is not int or type(size) is not int:
        return None
    tables = list(zip(rest[::4], rest[1::4], rest[2::4], rest[3::4], strict=True))
    for name, count, non_objects, length in tables:
        if type(name) is not str or not all(type(n) is int for n in (count, non_objects, length)):
            return None
        if count < NOT_A_TABLE or not 0 <= non_objects <= max(count, 0) or length < 0:
            return None
    return crc, size, tables


def seal_of(raw: bytes) -> tuple[int, int] | None:
    """The (CRC-32, size) the layout on the first line of ``raw`` gives the file's body: what
    identifies a file this module wrote (store/weeks.py); None without a layout. Not a check:
    trust it only for a file ``read`` took, or bytes ``encode_pieces`` just made."""
    end = raw.find(b"\n")
    if end < 0 or not raw.startswith(b'{"_meta":') or raw[end - 1 : end] != b",":
        return None
    meta = parse_value(raw[9 : end - 1])
    layout = _layout_of(meta.get(META_DOC)) if isinstance(meta, dict) else None
    return None if layout is None else (layout[0], layout[1])


CRC_BESIDE_FROM = 1 << 20  # bytes: below this the checksum is quicker than a thread


def _crc32_beside(body: memoryview) -> Callable[[], int]:
    """The CRC-32 of ``body``, summed in a thread of its own for a large file (zlib lets go
    of the interpreter while it sums) while the caller scans the same bytes for its lines:
    at 30 years 2.5 ms of the 6 ms the two took one after the other, in every command and
    at every start. Call the result for the sum (it waits for the thread)."""
    if len(body) < CRC_BESIDE_FROM:
        value = zlib.crc32(body)
        return lambda: value
    started, done = _thread.allocate_lock(), _thread.allocate_lock()
    started.acquire()
    done.acquire()
    result: list[int] = []

    def run() -> None:
        try:
            started.release()
            result.append(zlib.crc32(body))
        finally:
            done.release()

    try:
        _thread.start_new_thread(run, ())
    except RuntimeError:  # (no thread can be started now)
        done.release()
        return lambda: zlib.crc32(body)
    started.acquire()  # (waiting lets the thread run, into the sum, which lets go again)

    def wait() -> int:
        with done:
            return result[0] if result else -1  # (-1: no CRC-32; the file is read whole)

    return wait


def read(raw: bytes, *, body_crc: int | None = None) -> dict[str, Any] | None:
    """The data of a file in this layout, tables lazy; None if ``raw`` is not exactly such a
    file (then the caller parses it whole). ``body_crc``: the CRC-32 of everything after the
    first line, if summed already (store/prefetch.py)."""
    end = raw.find(b"\n")
    if end < 0 or not raw.startswith(b'{"_meta":') or raw[end - 1 : end] != b",":
        return None
    meta = parse_value(raw[9 : end - 1])
    layout = _layout_of(meta.get(META_DOC)) if isinstance(meta, dict) else None
    if layout is None or set(meta) != {META_DOC}:
        return None
    crc, size, tables = layout
    if len(raw) - end - 1 != size:
        return None
    with memoryview(raw) as view:
        checksum = _crc32_beside(view[end + 1 :]) if body_crc is None else lambda: body_crc
        keyed = _PLAIN_KEYED_LINE.findall(raw, end)  # (meanwhile)
        if checksum() != crc:
            return None
    if not raw.endswith(b"\n}"):
        return None
    escaped = b"\\" in raw  # (rare: then each table's ids are decoded with care)
    if len(keyed) != sum(c + 1 if c >= 0 else 1 for _, c, _, _ in tables) or escaped:
        # the plain pattern skips a line whose id has an escape: with a backslash anywhere
        # (rare: the file is UTF-8, so only quotes, backslashes and control characters are
        # escaped) every keyed line is found, so a forged extra line fails the count below
        keyed = _KEYED_LINE.findall(raw, end)
    data: dict[str, Any] = {META: {META_DOC: _without_layout(meta[META_DOC])}}
    found = 0
    position = end + 1  # where the current line starts
    for name, count, non_objects, length in tables:
        key = _key_bytes(name)
        if found >= len(keyed) or keyed[found] != key[1:-1]:
            return None
        line_end = raw.find(b"\n", position)
        if count == NOT_A_TABLE:
            line = raw[position:line_end]
            value = parse_value(line[len(key) + 1 : -1 if line.endswith(b",") else None])
            if isinstance(value, Unparsable):  # (a table's first line: its count was edited)
                return None
            data[name] = value
            position, found = line_end + 1, found + 1
            continue
        if raw[position:line_end] != key + b":{":
            return None
        entries = keyed[found + 1 : found + 1 + count]
        if len(entries) != count:
            return None
        try:
            ids = (
                [_decode_key(k) for k in entries]
                if escaped and b"\\" in b"".join(entries)
                else list(map(bytes.decode, entries))
            )
        except ValueError:  # an id that is not UTF-8 (or a bad escape): not what we wrote
            return None
        block_start = line_end + 1
        block_stop = block_start + length
        if block_stop >= len(raw):  # the layout (not under the checksum) was edited by hand
            return None
        closer = raw[block_stop : raw.find(b"\n", block_stop)]
        if (
            raw[block_stop - 1] != NEWLINE
            or closer not in (b"}", b"},")
            or (count and raw[block_stop - 2] == COMMA)
        ):
            return None
        table = LazyTable(raw, (block_start, block_stop), ids, non_objects)
        if len(table) != count:  # an id twice: not a file this module wrote
            return None
        data[name] = table
        position, found = block_stop + len(closer) + 1, found + 1 + count
    if found != len(keyed) or len(data) != len(tables) + 1:
        return None
    return data


def _decoded(text: bytes) -> str | None:
    """``_decode_key``, or None where the text is not a valid JSON string's inside."""
    try:
        return _decode_key(text)
    except ValueError:
        return None


def _pieces(
    raw: bytes, block: tuple[int, int], piece_bytes: int | None
) -> Iterator[tuple[int, int]]:
    """(begin, end) of runs of whole lines of ``block`` of about ``piece_bytes`` each, each
    without the comma and line break that end its last line (so it reads as the inside of a
    JSON object)."""
    start, stop = block
    while start < stop:
        cut = -1 if piece_bytes is None else raw.find(b"\n", start + piece_bytes, stop)
        cut = stop if cut < 0 else cut + 1
        end = cut
        while end > start and raw[end - 1] in b",\n":
            end -= 1
        yield start, end
        start = cut


def _decode_key(key: bytes) -> str:
    if b"\\" in key:
        return json.loads(b'"' + key + b'"')
    return key.decode("utf-8")


def _without_layout(meta_doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta_doc.items() if k != LAYOUT_KEY}


def strip_layout(data: dict[str, Any]) -> dict[str, Any]:
    """A wholly parsed file keeps no stale layout in memory (it describes the old bytes)."""
    meta = data.get(META)
    meta_doc = meta.get(META_DOC) if isinstance(meta, dict) else None
    if isinstance(meta_doc, dict) and LAYOUT_KEY in meta_doc:
        meta[META_DOC] = _without_layout(meta_doc)
    return data
