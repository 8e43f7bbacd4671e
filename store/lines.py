"""The data file's layout: one document a line, so a read parses only the lines it asks for.

The file stays ordinary TinyDB JSON (any JSON reader, stock TinyDB included, reads it whole):

    {"_meta":{"1":{"schema":2,"generation":7,"layout":[1,CRC,BYTES,"profile",1,"checkins",2]}},
    "profile":{
    "1":{"name":"..."}
    },
    "checkins":{
    "739000":{"day":"2024-05-01","pain":3},
    "739001":{"day":"2024-05-02","pain":2}
    }
    }

The first line holds ``_meta``; its ``layout`` says how many documents each table holds (-1: a
damaged table that is not an object, kept on one line as it is) and the CRC-32 and length of
everything after the first line. A file whose layout and checksum agree is exactly what this
module wrote, so each of its lines is one complete document: reading it splits the lines (C
speed), finds the ids with one regular expression, and parses a document only when someone
asks for it (``LazyTable``). Any other file (hand-edited, older, written by another program)
fails the check and is parsed whole, as before; its next save writes this layout.

A save re-encodes only the documents that were set since the file was read; every other line
is copied as it was. Documents are never changed in place (the store puts a new dict), so a
document that was only read is written back from its original line.

Bytes, not text, are kept: a 30-year diary is about 5 MB of lines, where the same data as
Python dicts is about 15 MB (issue 15: start-up memory and time follow what is shown).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator, Mapping, MutableMapping
from itertools import chain
from typing import Any

from store.storage import encode_json, parse_document, to_utf8

LAYOUT_KEY = "layout"
LAYOUT_VERSION = 1
META = "_meta"
META_DOC = "1"
NOT_A_TABLE = -1  # layout count of a table that is not an object (kept on one line)

# A line that starts with a JSON string and a colon: a table's header or one document.
# Values are compact JSON, which never holds a raw line break, so every match is a line start.
# The plain pattern (no escapes in names: the usual case) is faster; the full one is the check.
_PLAIN_KEYED_LINE = re.compile(rb'\n"([^"\\\n]*)":')
_KEYED_LINE = re.compile(rb'\n"((?:[^"\\\n]|\\.)*)":')
_DAY_FIRST = re.compile(rb'^"(?:[^"\\\n]|\\.)*":\{"day":"(\d{4}-\d\d-\d\d)"')
_KEY_LAST = re.compile(rb'"key":"((?:[^"\\\n]|\\.)*)"\},?$')


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
    """

    __slots__ = ("_added", "_dirty", "_line", "_lines", "_mem", "_non_objects", "_scans")

    def __init__(
        self,
        lines: list[bytes],
        line_of: dict[str, int],
        non_objects: int = 0,
        mem: dict[str, Any] | None = None,
    ) -> None:
        self._lines = lines  # the file's lines, shared by every table of the file
        self._line = line_of  # id -> index in ``_lines``, for ids whose line is current
        self._mem: dict[str, Any] = mem if mem is not None else {}  # parsed or set documents
        self._dirty: set[str] = set()  # set since the file was written: re-encode on save
        self._added: dict[str, None] = {}  # ids not in the file (in order of adding)
        self._non_objects = non_objects  # documents whose line is not a JSON object
        self._scans: dict[str, dict[str, str | None]] = {}  # see ``days``, ``record_keys``

    # ------------------------------------------------------------------ mapping

    def __getitem__(self, doc_id: str) -> Any:
        try:
            return self._mem[doc_id]
        except KeyError:
            pass
        value = self._parse(self._line[doc_id], doc_id)
        self._mem[doc_id] = value
        return value

    def peek(self, doc_id: str) -> Any:
        """The document, parsed if need be but not kept (a stream over a whole table)."""
        try:
            return self._mem[doc_id]
        except KeyError:
            return self._parse(self._line[doc_id], doc_id)

    def __setitem__(self, doc_id: str, value: Any) -> None:
        if doc_id in self:
            self._non_objects -= not self._is_object(doc_id)
        else:
            self._added[doc_id] = None
        self._mem[doc_id] = value
        self._dirty.add(doc_id)
        self._non_objects += not isinstance(value, dict)
        self._scans.clear()

    def __delitem__(self, doc_id: str) -> None:
        if doc_id in self:
            self._non_objects -= not self._is_object(doc_id)
        if doc_id in self._line:
            del self._line[doc_id]
        elif doc_id in self._added:
            del self._added[doc_id]
        else:
            raise KeyError(doc_id)
        self._mem.pop(doc_id, None)
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
        line = self._lines[self._line[doc_id]]
        start = len(_key_bytes(doc_id)) + 1
        return line[start : start + 1] == b"{"

    def days(self) -> dict[str, str | None]:
        """Id -> the ``day`` a document starts with (session logs), read from its line without
        parsing it; None where a line does not start so (parse it to be sure). Documents that
        are known not to hold a day text are left out."""
        return self._scan(_DAY_FIRST, "day")

    def record_keys(self) -> dict[str, str | None]:
        """Id -> the ``key`` a document ends with (scans, session logs), as ``days``."""
        return self._scan(_KEY_LAST, "key")

    def _scan(self, pattern: re.Pattern[bytes], field: str) -> dict[str, str | None]:
        cached = self._scans.get(field)
        if cached is not None:
            return cached
        out: dict[str, str | None] = {}
        for doc_id in self:
            if doc_id in self._mem:
                doc = self._mem[doc_id]
                value = doc.get(field) if isinstance(doc, dict) else None
                if isinstance(value, str):
                    out[doc_id] = value
                continue
            found = pattern.search(self._lines[self._line[doc_id]])
            out[doc_id] = _decode_key(found.group(1)) if found else None
        self._scans[field] = out
        return out

    # ------------------------------------------------------------------ lines

    def _parse(self, index: int, doc_id: str) -> Any:
        line = self._lines[index]
        start = len(_key_bytes(doc_id)) + 1
        end = len(line) - 1 if line.endswith(b",") else len(line)
        return parse_value(line[start:end])

    def _entry(self, doc_id: str) -> bytes:
        return _key_bytes(doc_id) + b":" + encode_value(self._mem[doc_id])

    def _chunks(self) -> list[bytes]:
        """The table's entries as chunks of lines, without trailing commas (see ``encode``)."""
        if not self._dirty and not self._added and self._contiguous():
            return self._run(min(self._line.values()), max(self._line.values()) + 1)
        chunks: list[bytes] = []
        run_start: int | None = None
        previous = -2
        for doc_id, index in self._line.items():
            if doc_id in self._dirty:
                if run_start is not None:
                    chunks += self._run(run_start, previous + 1)
                    run_start = None
                chunks.append(self._entry(doc_id))
                continue
            if run_start is None:
                run_start = index
            elif index != previous + 1:
                chunks += self._run(run_start, previous + 1)
                run_start = index
            previous = index
        if run_start is not None:
            chunks += self._run(run_start, previous + 1)
        chunks += [self._entry(doc_id) for doc_id in self._added]
        return chunks

    def _contiguous(self) -> bool:
        if not self._line:
            return False
        first = next(iter(self._line.values()))
        return (
            max(self._line.values()) - first + 1 == len(self._line)
            and min(self._line.values()) == first
        )

    def _run(self, start: int, stop: int) -> list[bytes]:
        text = b"\n".join(self._lines[start:stop])
        return [text[:-1] if text.endswith(b",") else text]

    def _rebase(self, lines: list[bytes], first: int) -> None:
        """The file was written: its lines are ``lines``, this table's first document at
        ``first``, in this table's order. Parsed documents stay (their identity too)."""
        ids = list(self)
        self._lines = lines
        self._line = dict(zip(ids, range(first, first + len(ids)), strict=True))
        self._dirty.clear()
        self._added.clear()


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


def encode(data: Mapping[str, Any]) -> tuple[bytes, list[tuple[str, int]]]:
    """The file's bytes for ``data`` (``_meta`` first), and where each table's first
    document is (line index) for ``rebase``."""
    body: list[bytes] = []  # lines (or chunks of lines) after the first
    layout: list[Any] = []
    firsts: list[tuple[str, int]] = []
    line = 1
    names = [name for name in data if name != META]
    if not names:  # nothing but _meta: one line, read back whole
        return encode_value(data), firsts
    for position, name in enumerate(names):
        table = data[name]
        last = position == len(names) - 1
        key = _key_bytes(name)
        if not isinstance(table, Mapping):
            body.append(key + b":" + encode_value(table) + (b"" if last else b","))
            layout += [name, NOT_A_TABLE]
            line += 1
            continue
        chunks = (
            table._chunks()
            if isinstance(table, LazyTable)
            else [key_bytes_entry(doc_id, doc) for doc_id, doc in table.items()]
        )
        body.append(key + b":{")
        if chunks:
            body.append(b",\n".join(chunks))
        body.append(b"}" if last else b"},")
        layout += [name, len(table)]
        firsts.append((name, line + 1))
        line += len(table) + 2
    body.append(b"}")
    text = b"\n".join(body)
    meta = data.get(META)
    meta_doc = meta.get(META_DOC) if isinstance(meta, Mapping) else None
    if not isinstance(meta_doc, Mapping) or set(meta) != {META_DOC}:
        # no room for the layout: written as plain JSON lines, read back by a full parse
        first = b'{"_meta":' + encode_value(meta) + b"," if meta is not None else b"{"
        return first + b"\n" + text, firsts
    layout = [LAYOUT_VERSION, zlib.crc32(text), len(text), *layout]
    head = encode_value({META_DOC: {**meta_doc, LAYOUT_KEY: layout}})
    return b'{"_meta":' + head + b",\n" + text, firsts


def key_bytes_entry(doc_id: Any, doc: Any) -> bytes:
    return _key_bytes(str(doc_id)) + b":" + encode_value(doc)


def rebase(data: dict[str, Any], payload: bytes, firsts: list[tuple[str, int]]) -> None:
    """After ``payload`` was written: every object table now reads from its new lines."""
    lines = payload.split(b"\n")
    for name, first in firsts:
        table = data[name]
        if isinstance(table, LazyTable):
            table._rebase(lines, first)
        else:
            ids = [str(doc_id) for doc_id in table]
            line_of = dict(zip(ids, range(first, first + len(ids)), strict=True))
            mem = {str(doc_id): doc for doc_id, doc in table.items()}
            non_objects = sum(not isinstance(doc, dict) for doc in mem.values())
            data[name] = LazyTable(lines, line_of, non_objects, mem)


# --------------------------------------------------------------------------- reading


def _layout_of(meta_doc: Any) -> tuple[int, int, list[tuple[str, int]]] | None:
    layout = meta_doc.get(LAYOUT_KEY) if isinstance(meta_doc, dict) else None
    if not isinstance(layout, list) or len(layout) < 3 or len(layout) % 2 == 0:
        return None
    version, crc, size, *rest = layout
    if version != LAYOUT_VERSION or type(crc) is not int or type(size) is not int:
        return None
    tables = list(zip(rest[::2], rest[1::2], strict=True))
    if any(type(n) is not str or type(c) is not int or c < NOT_A_TABLE for n, c in tables):
        return None
    return crc, size, tables


def read(raw: bytes) -> dict[str, Any] | None:
    """The data of a file in this layout, tables lazy; None if ``raw`` is not exactly such a
    file (then the caller parses it whole)."""
    end = raw.find(b"\n")
    if end < 0 or not raw.startswith(b'{"_meta":') or raw[end - 1 : end] != b",":
        return None
    try:
        meta = parse_value(raw[9 : end - 1])
    except RecursionError:
        return None
    layout = _layout_of(meta.get(META_DOC)) if isinstance(meta, dict) else None
    if layout is None or set(meta) != {META_DOC}:
        return None
    crc, size, tables = layout
    body = memoryview(raw)[end + 1 :]
    if len(body) != size or zlib.crc32(body) != crc:
        return None
    body.release()
    lines = raw.split(b"\n")
    if lines[-1] != b"}" or len(lines) != 2 + sum(c + 2 if c >= 0 else 1 for _, c in tables):
        return None
    keyed = _PLAIN_KEYED_LINE.findall(raw, end)
    if len(keyed) != sum(c + 1 if c >= 0 else 1 for _, c in tables):
        keyed = _KEYED_LINE.findall(raw, end)
    data: dict[str, Any] = {META: {META_DOC: _without_layout(meta[META_DOC])}}
    line, found = 1, 0
    for name, count in tables:
        if found >= len(keyed) or keyed[found] != _key_bytes(name)[1:-1]:
            return None
        if count == NOT_A_TABLE:
            data[name] = parse_value(_value_of(lines[line], name))
            line, found = line + 1, found + 1
            continue
        if lines[line] != _key_bytes(name) + b":{" or lines[line + count + 1] not in (b"}", b"},"):
            return None
        entries = keyed[found + 1 : found + 1 + count]
        if len(entries) != count:
            return None
        if any(b"\\" in key for key in entries):
            ids = [_decode_key(key) for key in entries]
        else:
            ids = list(map(bytes.decode, entries))
        line_of = dict(zip(ids, range(line + 1, line + 1 + count), strict=True))
        if len(line_of) != count:
            return None
        # a line holds an object exactly when it ends with "}" (an array ends with "]", ...)
        block = lines[line + 1 : line + 1 + count]
        non_objects = count - sum(map(_ends_an_object, block))
        data[name] = LazyTable(lines, line_of, non_objects)
        line, found = line + count + 2, found + 1 + count
    if found != len(keyed) or name_clash(data, tables):
        return None
    return data


def _ends_an_object(line: bytes) -> bool:
    return line.endswith((b"}", b"},"))


def name_clash(data: dict[str, Any], tables: list[tuple[str, int]]) -> bool:
    return len(data) != len(tables) + 1


def _value_of(line: bytes, name: str) -> bytes:
    start = len(_key_bytes(name)) + 1
    return line[start : len(line) - 1 if line.endswith(b",") else len(line)]


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
