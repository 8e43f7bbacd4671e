"""The data file's line layout (store/lines.py): lazy reads, incremental writes, plain JSON."""

from __future__ import annotations

import functools
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from fuzzing import with_layout_fixed
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from coach.models import CheckIn, SessionLog
from store import db, lines, storage
from store.db import Store, StoreError
from store.lines import LazyTable, Unparsable

TODAY = date(2026, 11, 26)


def _diary(path: Path, days: int = 400) -> Path:
    with Store.open(path, clock=lambda: TODAY) as store:
        store.put_records(
            checkins=[CheckIn(TODAY - timedelta(days=n), pain=n % 11) for n in range(days)],
            session_logs=[
                SessionLog(TODAY - timedelta(days=n), "w1-mon", resistance_min=20)
                for n in range(0, days, 3)
            ],
        )
    return path


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {
        name: dict(table.items()) if isinstance(table, LazyTable) else table
        for name, table in data.items()
    }


def test_the_file_is_plain_json_that_stock_tinydb_reads(tmp_path: Path) -> None:
    path = _diary(tmp_path / "b.json")
    raw = path.read_bytes()
    whole = json.loads(raw)
    assert len(whole["checkins"]) == 400
    assert raw.count(b"\n") == len(raw.splitlines()) - 1 >= 400 + 134
    with TinyDB(path, access_mode="r") as db:
        assert len(db.table("checkins")) == 400
    data = lines.read(raw)
    assert data is not None and isinstance(data["checkins"], LazyTable)
    parsed = _plain(data)
    del whole["_meta"]["1"]["layout"]
    assert parsed == whole


def test_a_range_read_parses_only_its_lines(tmp_path: Path, monkeypatch) -> None:
    path = _diary(tmp_path / "b.json")
    parsed: list[bytes] = []
    real = lines.parse_document

    def counting(raw: bytes) -> Any:
        parsed.append(raw)
        return real(raw)

    monkeypatch.setattr(lines, "parse_document", counting)
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        parsed.clear()  # the _meta line
        week = store.checkins(TODAY - timedelta(days=6), TODAY)
        assert len(week) == 7 and len(parsed) == 7
        assert len(store.session_logs(TODAY - timedelta(days=13), TODAY)) == 5
        assert len(parsed) == 12  # session days are read from the lines, not parsed
        assert store.problems == [] and len(store.checkin_days()) == 400
        assert len(parsed) == 12


def test_a_whole_read_parses_the_table_in_one_go(tmp_path: Path, monkeypatch) -> None:
    """Every check-in at once (trends' "all time"): one parse of the table's lines, not one
    per line; the records are those of a read line by line."""
    path = _diary(tmp_path / "b.json")
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        one_by_one = store.checkins(TODAY - timedelta(days=399), TODAY)
    parsed: list[int] = []
    real = lines.parse_document

    def counting(raw: bytes) -> Any:
        parsed.append(len(raw))
        return real(raw)

    monkeypatch.setattr(lines, "parse_document", counting)
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        parsed.clear()  # the _meta line
        assert list(store.checkins()) == one_by_one and len(parsed) == 1
        assert len(store.session_logs()) == 134 and len(parsed) == 2
        assert store.problems == []


def test_a_save_between_pieces_of_a_whole_parse_wins(tmp_path: Path) -> None:
    """The trends screen parses 30 years in pieces, with keys in between: a document set
    meanwhile keeps its new value, and the others are parsed as the file holds them."""
    path = _diary(tmp_path / "b.json")
    expected = json.loads(path.read_bytes())["checkins"]
    with Store.open(path, clock=lambda: TODAY) as store:
        table = store._table("checkins")
        assert isinstance(table, LazyTable)
        pieces = table.parse_in_pieces(4000)
        next(pieces)
        today = str(TODAY.toordinal())
        store.put_checkin(CheckIn(TODAY, pain=10))
        assert len(list(pieces)) > 5
        assert table[today]["pain"] == 10
        assert all(table.peek(k) == v for k, v in expected.items() if k != today)
        assert store.checkins(TODAY, TODAY)[0].pain == 10


def test_the_whole_history_read_in_steps_is_what_one_read_gives(
    tmp_path: Path, monkeypatch
) -> None:
    """``read_whole_history`` (the trends screen's first "all time"), pieces and steps small:
    the progress only grows, to every record; then the records and the damaged one found are
    those of one read; a save between steps ends the steps, and nothing read is stale."""
    monkeypatch.setattr(db, "PARSE_PIECE_BYTES", 4000)
    path = _diary(tmp_path / "b.json")
    raw = path.read_bytes()
    day = str((TODAY - timedelta(days=200)).toordinal())
    at = raw.index(b'"pain":', raw.index(f'\n"{day}":'.encode())) + len(b'"pain":')
    end = raw.index(b",", at)
    path.write_bytes(with_layout_fixed(raw[:at] + b"99" + raw[end:], "checkins", 2 - end + at))
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        one_read = (store.checkins(), store.session_logs(), store.problems)
    assert [p.doc_id for p in one_read[2]] == [day]
    with Store.open(path, clock=lambda: TODAY) as store:
        progress = list(store.read_whole_history(step=7))
        assert len(progress) > 400 / 7
        assert [done for done, _ in progress] == sorted(done for done, _ in progress)
        assert progress[-1] == (534, 534) and store.problems == one_read[2]
        assert (store.checkins(), store.session_logs(), store.problems) == one_read
    with Store.open(path, clock=lambda: TODAY) as store:
        steps = store.read_whole_history(step=7)
        next(steps)
        store.put_checkin(CheckIn(TODAY, pain=10))
        assert all(done < 534 for done, _ in steps)
        assert list(store.checkins())[-1] == CheckIn(TODAY, pain=10)
        assert list(store.checkins())[:-1] == list(one_read[0])[:-1]


def test_a_forged_line_in_a_whole_read_is_a_damaged_record(tmp_path: Path) -> None:
    """A line that is not JSON makes the table's lines no one JSON object: each is then read
    alone, and only the forged one is quarantined (and kept as it was)."""
    path = _diary(tmp_path / "b.json")
    raw = path.read_bytes()
    day = str((TODAY - timedelta(days=300)).toordinal())
    start = raw.index(f'\n"{day}":'.encode()) + 1
    end = raw.index(b"\n", start)
    bad = f'"{day}":{{"day":"x",'.encode() + b","
    path.write_bytes(
        with_layout_fixed(raw[:start] + bad + raw[end:], "checkins", len(bad) - end + start)
    )
    with Store.open(path, clock=lambda: TODAY) as store:
        assert len(store.checkins()) == 399
        assert [p.doc_id for p in store.problems] == [day]
        store.put_checkin(CheckIn(TODAY, pain=2))
    assert bad in path.read_bytes()


def test_a_save_encodes_only_what_changed(tmp_path: Path, monkeypatch) -> None:
    """Lines only read are copied; the documents set since the file was last read are
    encoded (a few are kept as changes to the bytes read, rather than reading 5 MB back)."""
    path = _diary(tmp_path / "b.json")
    before = path.read_bytes()
    encoded: list[Any] = []
    real = lines.encode_value

    def counting(value: Any) -> bytes:
        encoded.append(value)
        return real(value)

    def pains_encoded() -> list[int]:
        pains = [v["pain"] for v in encoded if "pain" in v]
        encoded.clear()
        return pains

    monkeypatch.setattr(lines, "encode_value", counting)
    with Store.open(path, clock=lambda: TODAY) as store:
        store.checkins(TODAY - timedelta(days=30), TODAY)  # read, not changed: copied as is
        store.put_checkin(CheckIn(TODAY, pain=9))
        assert pains_encoded() == [9]
        store.put_checkin(CheckIn(TODAY + timedelta(days=1), pain=1))
        assert pains_encoded() == [9, 1]  # the first is still a change to the bytes read
        store.delete_checkin(TODAY - timedelta(days=5))
        assert pains_encoded() == [9, 1]  # a line removed: the written file is read back
        store.put_checkin(CheckIn(TODAY - timedelta(days=2), pain=4))
        assert pains_encoded() == [4]
    after = json.loads(path.read_bytes())
    old = json.loads(before)
    assert after["checkins"][str(TODAY.toordinal())]["pain"] == 9
    assert after["checkins"][str((TODAY - timedelta(days=2)).toordinal())]["pain"] == 4
    assert str((TODAY - timedelta(days=5)).toordinal()) not in after["checkins"]
    assert len(after["checkins"]) == len(old["checkins"])
    assert after["sessions"] == old["sessions"]
    assert lines.read(path.read_bytes()) is not None  # still the layout: the next open is lazy


def test_the_written_file_is_read_back_once_changes_pile_up(tmp_path: Path, monkeypatch) -> None:
    """Changes kept against the bytes read are bounded: past ``KEPT_CHANGES`` the save reads
    the file back, and the next save encodes only what is new; reads agree throughout."""
    path = _diary(tmp_path / "b.json", days=30)
    monkeypatch.setattr(lines, "KEPT_CHANGES", 2)
    read_backs: list[Path] = []
    real = storage.read_bounded

    def counting(p: Path, *args: Any) -> bytes | None:
        read_backs.append(p)
        return real(p, *args)

    monkeypatch.setattr(storage, "read_bounded", counting)
    week = [TODAY - timedelta(days=n) for n in range(4, -1, -1)]
    with Store.open(path, clock=lambda: TODAY) as store:
        read_backs.clear()  # the file's first read
        for changes, day in enumerate(week[:4], start=1):  # pain 6, 7, 8, 9 over 4, 3, 2, 1
            store.put_checkin(CheckIn(day, pain=10 - (TODAY - day).days))
            assert len(read_backs) == (1 if changes >= 3 else 0)
            pains = [c.pain for c in store.checkins(week[0], TODAY)]
            assert pains == [6, 7, 8, 9][:changes] + [4, 3, 2, 1, 0][changes:]
        store.put_checkin(CheckIn(TODAY, pain=10))
        assert len(read_backs) == 1
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        assert [c.pain for c in store.checkins(week[0], TODAY)] == [6, 7, 8, 9, 10]


def test_a_hand_edited_file_is_read_whole_and_written_back_in_layout(tmp_path: Path) -> None:
    path = _diary(tmp_path / "b.json", days=30)
    text = path.read_text().replace('"pain":3', '"pain": 4')  # same JSON shape, new bytes
    path.write_text(text)
    assert lines.read(path.read_bytes()) is None  # the checksum no longer agrees
    with Store.open(path, clock=lambda: TODAY) as store:
        assert [c.pain for c in store.checkins()].count(4) == 2 * 3  # 4s and edited 3s
        store.put_checkin(CheckIn(TODAY, pain=1))
    data = lines.read(path.read_bytes())
    assert data is not None and "layout" not in data["_meta"]["1"]


def test_a_pretty_printed_file_is_read_whole(tmp_path: Path) -> None:
    path = _diary(tmp_path / "b.json", days=20)
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=2))
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        assert len(store.checkins()) == 20 and store.problems == []


def test_a_forged_line_is_quarantined_and_kept_verbatim(tmp_path: Path) -> None:
    """A file whose checksum was fixed up around a line that is not JSON: that line is a
    damaged record (skipped, reported), the rest reads, and a save keeps the line as it was."""
    path = _diary(tmp_path / "b.json", days=10)
    raw = path.read_bytes()
    day = str((TODAY - timedelta(days=3)).toordinal())
    start = raw.index(f'\n"{day}":'.encode()) + 1
    end = raw.index(b"\n", start)
    bad = f'"{day}":{{"day":"2026-11-23","pain":'.encode() + b","
    forged = with_layout_fixed(raw[:start] + bad + raw[end:], "checkins", len(bad) - end + start)
    path.write_bytes(forged)
    with Store.open(path, clock=lambda: TODAY) as store:
        assert len(store.checkins()) == 9
        assert [p.doc_id for p in store.problems] == [day]
        store.put_checkin(CheckIn(TODAY, pain=2))
    assert bad in path.read_bytes()


@functools.cache
def _small_file() -> bytes:
    """A diary of a few tables (one of them empty) in the line layout."""
    with tempfile.TemporaryDirectory() as folder:
        data = json.loads(_diary(Path(folder) / "b.json", days=12).read_bytes())
    data["empty"] = {}
    payload, _ = lines.encode(lines.strip_layout(data))
    return payload


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_hand_edited_layout_never_breaks_a_read(data: st.DataObject) -> None:
    """The layout sits in the first line, outside the checksum: any number of it edited by hand
    (a table's length past the end of the file crashed every command with an IndexError) reads
    as the plain JSON file it still is, or as it was, never as an error."""
    raw = _small_file()
    end = raw.index(b"\n")
    meta = json.loads(raw[9 : end - 1])
    layout = meta["1"]["layout"]
    numbers = [i for i, v in enumerate(layout) if type(v) is int and i > 0]
    index = data.draw(st.sampled_from(numbers))
    layout[index] = data.draw(
        st.one_of(
            st.sampled_from([-1, 0, 1]),  # -1: "not a table", given to a table's count
            st.integers(-2, len(raw) + 5),
            st.just(layout[index] + 1),
            st.integers(),
        )
    )
    forged = b'{"_meta":' + json.dumps(meta, separators=(",", ":")).encode() + raw[end - 1 :]
    expected = lines.strip_layout(json.loads(forged))
    read = lines.read(forged)
    if read is not None:
        assert _plain(read) == expected


@pytest.mark.parametrize("planted", [b"\xff", b"\\q"], ids=["not UTF-8", "bad escape"])
def test_a_forged_key_field_is_a_damaged_record_not_a_crash(tmp_path: Path, planted: bytes) -> None:
    """A session log's ``key`` is read from its line without parsing it (to find the log a new
    one replaces); a forged line whose key did not decode crashed every save of a session."""
    path = _diary(tmp_path / "b.json", days=12)
    raw = path.read_bytes()
    at = raw.index(b'"key":"', raw.index(b'"sessions":{')) + len(b'"key":"')
    path.write_bytes(with_layout_fixed(raw[:at] + planted + raw[at:], "sessions", len(planted)))
    with Store.open(path, clock=lambda: TODAY) as store:
        store.put_session_log(SessionLog(TODAY, "w1-mon", resistance_min=25))
        assert len(store.session_logs()) == 4  # the forged one is skipped, the new one saved
        assert [p.table for p in store.problems] == ["sessions"]
    assert planted in path.read_bytes()  # kept as it was, for doctor --repair


def test_an_id_that_is_not_utf8_makes_the_file_unreadable_not_a_crash(tmp_path: Path) -> None:
    path = _diary(tmp_path / "b.json", days=12)
    raw = path.read_bytes()
    at = raw.index(b'"', raw.index(b'"checkins":{') + len(b'"checkins":{')) + 1
    forged = with_layout_fixed(raw[:at] + b"\xff" + raw[at:], "checkins", 1)
    assert lines.read(forged) is None  # not a file this module wrote: parsed whole (and refused)
    path.write_bytes(forged)
    with pytest.raises(StoreError, match="not valid JSON"):
        Store.open(path, read_only=True, clock=lambda: TODAY)


def test_a_forged_line_whose_id_has_an_escape_is_counted(tmp_path: Path) -> None:
    """The fast pattern for ids skips a line whose id has an escape. A forged extra such line,
    with the checksum and the table's length fixed up but not its count, was not counted: the
    file passed the check, every later line was taken for the one before it, and an export
    stopped on an AssertionError. It now fails the check, and the file is read whole."""
    path = _diary(tmp_path / "b.json", days=20)
    raw = path.read_bytes()
    start = raw.index(b"\n", raw.index(b'"checkins":{')) + 1
    stray = b'"a\\"b":{"day":"2026-01-01","pain":9},\n'
    forged = with_layout_fixed(raw[:start] + stray + raw[start:], "checkins", len(stray))
    assert lines.read(forged) is None
    path.write_bytes(forged)
    with Store.open(path, read_only=True, clock=lambda: TODAY) as store:
        assert len(store.checkins()) == 20
        assert [p.doc_id for p in store.problems] == ['a"b']
        assert '"pain": 9' not in "".join(store.export_chunks())


def test_unparsable_values_are_not_records() -> None:
    value = lines.parse_value(b'{"day":')
    assert isinstance(value, Unparsable)


# --------------------------------------------------------------------------- properties

_ids = st.one_of(
    st.integers(0, 10**7).map(str),
    st.text(min_size=0, max_size=6),  # odd ids: quotes, backslashes, non-ASCII, empty
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
_tables = st.dictionaries(
    st.sampled_from(["checkins", "sessions", 'odd \\ "name"', "é"]),
    st.one_of(st.dictionaries(_ids, _json, max_size=6), _json),
    max_size=4,
)


def _change_both(
    table: LazyTable, plain: dict[str, Any], action: str, doc_id: str, value: Any
) -> None:
    """One drawn change made to the lazy table and to the plain dict it must agree with."""
    if action == "set":
        table[doc_id] = plain[doc_id] = value
    elif action == "put":  # as an import sets documents: given as their JSON
        table.put_encoded(doc_id, lines.encode_value(value))
        plain[doc_id] = value
    elif action == "del" and doc_id in plain:
        del table[doc_id], plain[doc_id]
    elif action == "get" and doc_id in plain:
        assert table[doc_id] == plain[doc_id]
    elif action in ("all", "pieces"):  # every line not parsed yet, at once or in pieces
        with mock.patch.object(LazyTable, "PARSE_ALL_FROM", 0):
            if action == "all":
                table.parse_all()
            else:
                for _ in table.parse_in_pieces(len(doc_id) * 5):  # 0: a line a piece
                    pass
        assert {key: table.peek(key) for key in table} == plain


@settings(max_examples=400, deadline=None)
@given(
    _tables,
    st.lists(
        st.tuples(st.sampled_from(["set", "put", "del", "get", "all", "pieces"]), _ids, _json),
        max_size=8,
    ),
    st.tuples(st.booleans(), st.booleans()),
)
def test_any_data_survives_a_write_read_change_write(
    tables: dict[str, Any], changes, read_back: tuple[bool, bool]
) -> None:
    data: dict[str, Any] = {"_meta": {"1": {"schema": 2}}, **tables}
    expected = json.loads(json.dumps(data))
    payload, blocks = lines.encode(data)
    assert json.loads(payload) == {**expected, "_meta": {"1": _meta_with_layout(payload)}}
    read = lines.read(payload)
    assert (read is None) == (not tables)  # only _meta: one line, read whole
    read = read or lines.strip_layout(json.loads(payload))
    assert _plain(read) == expected
    lazy = [n for n, t in read.items() if isinstance(t, LazyTable)]
    for round_ in range(2):  # a save, then more changes on what the save left, then a save
        for action, doc_id, value in changes[round_::2]:
            if not lazy:
                break
            name = lazy[len(doc_id) % len(lazy)]
            _change_both(read[name], expected[name], action, doc_id, value)
        for name in lazy:  # what the lines say without parsing agrees with the documents
            days = read[name].days()
            assert all(v is None or v == expected[name][k]["day"] for k, v in days.items())
        payload, blocks = lines.encode(read)
        if read_back[round_]:  # as a save that reads the file back; else the bytes read stay
            lines.rebase(read, payload, blocks)
        assert _plain(read) == expected
        again = lines.read(payload) or lines.strip_layout(json.loads(payload))
        assert _plain(again) == expected
        assert json.loads(payload)["_meta"]["1"]["schema"] == 2


def _meta_with_layout(payload: bytes) -> dict[str, Any]:
    return json.loads(payload)["_meta"]["1"]


@pytest.mark.parametrize(("find_all_from", "search_near"), [(0, 0), (3, 2), (10_000, 512)])
def test_lines_found_near_or_far_read_the_same(
    tmp_path: Path, monkeypatch, find_all_from: int, search_near: int
) -> None:
    """Documents read walking back from the end, or after finding every line at once, and
    saves (replace, add, delete) on either: the file always says what a whole parse says."""
    monkeypatch.setattr(LazyTable, "FIND_ALL_FROM", find_all_from)
    monkeypatch.setattr(LazyTable, "SEARCH_NEAR", search_near)
    path = _diary(tmp_path / "b.json", days=60)
    expected = json.loads(path.read_bytes())
    with Store.open(path, clock=lambda: TODAY) as store:
        week = store.checkins(TODAY - timedelta(days=6), TODAY)
        assert [c.pain for c in week] == [n % 11 for n in range(6, -1, -1)]
        old = store.get_checkin(TODAY - timedelta(days=50))
        assert old is not None and old.pain == 50 % 11
        store.put_checkin(CheckIn(TODAY - timedelta(days=3), pain=10))
        store.put_checkin(CheckIn(TODAY - timedelta(days=40), pain=9))
        store.put_checkin(CheckIn(TODAY + timedelta(days=1), pain=8))
        assert store.get_checkin(TODAY - timedelta(days=45)).pain == 45 % 11
        store.delete_checkin(TODAY - timedelta(days=20))
        store.put_checkin(CheckIn(TODAY - timedelta(days=59), pain=7))
        assert [
            c.pain for c in store.checkins(TODAY - timedelta(days=3), TODAY - timedelta(days=3))
        ] == [10]
    after = json.loads(path.read_bytes())["checkins"]
    for days, pain in ((3, 10), (40, 9), (-1, 8), (59, 7)):
        expected["checkins"][str((TODAY - timedelta(days=days)).toordinal())] = {
            **CheckIn(TODAY - timedelta(days=days), pain=pain).to_dict()
        }
    del expected["checkins"][str((TODAY - timedelta(days=20)).toordinal())]
    assert after == expected["checkins"]


@given(st.dates(), st.dates())
def test_a_line_is_left_out_only_for_a_day_before_the_first_asked(day: date, low: date) -> None:
    pattern = lines._line_not_before(low.isoformat())
    line = b'\n"7":{"day":"' + day.isoformat().encode() + b'","n":1}'
    assert (pattern.match(line) is not None) == (day >= low)
    for odd in (b'{"n":1,"day":"0001-01-01"}', b'{"day":"1-01-01"}', b'{"day":5}', b"[1]"):
        assert pattern.match(b'\n"7":' + odd)  # no day text first: only parsing tells


_day_texts = st.dates(date(1990, 1, 1), date(2040, 12, 31)).map(date.isoformat)
_day_docs = st.one_of(
    st.builds(lambda day, n: {"day": day, "n": n}, _day_texts, st.integers(0, 9)),
    st.builds(lambda day: {"day": day}, st.text(max_size=11)),  # odd day texts
    st.builds(lambda day: {"n": 1, "day": day}, _day_texts),  # the day not first
    _json,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(_ids, _day_docs, max_size=10),
    st.lists(st.tuples(st.sampled_from(["set", "put", "del", "get"]), _ids, _day_docs), max_size=5),
    _day_texts,
    st.booleans(),
)
def test_ids_from_a_day_miss_no_document_of_that_day_or_later(
    docs: dict[str, Any], changes, low: str, read_back: bool
) -> None:
    """Session logs of a range are picked from the lines before any is parsed: every document
    whose day is ``low`` or later is among them, and an unchanged line of an earlier day is
    not (it is why a year of 30 years costs a year)."""
    data: dict[str, Any] = {"_meta": {"1": {"schema": 2}}, "sessions": docs}
    payload, blocks = lines.encode(data)
    table = lines.read(payload)["sessions"]
    plain = dict(docs)
    for action, doc_id, value in changes:
        _change_both(table, plain, action, doc_id, value)
    if read_back:
        payload, blocks = lines.encode({"_meta": {"1": {"schema": 2}}, "sessions": table})
        lines.rebase({"sessions": table}, payload, blocks)
    picked = table.ids_from_day(low)
    assert len(picked) == len(set(picked)) and set(picked) <= set(plain)
    day_of = {i: d.get("day") if isinstance(d, dict) else None for i, d in plain.items()}
    assert {i for i, day in day_of.items() if isinstance(day, str) and day >= low} <= set(picked)
    touched = {doc_id for _, doc_id, _ in changes}
    earlier = {
        i
        for i, doc in docs.items()
        if i not in touched
        and lines._plain_ids([i])
        and isinstance(doc, dict)
        and next(iter(doc), None) == "day"
        and lines._ISO_DAY.fullmatch(str(doc["day"]))
        and doc["day"] < low
    }
    assert not earlier & set(picked)
    assert table.ids_from_day(low) == picked  # kept until the table changes


def test_a_large_file_is_checked_the_same_with_its_checksum_beside(
    tmp_path: Path, monkeypatch
) -> None:
    """From ``CRC_BESIDE_FROM`` bytes the CRC-32 is summed in a thread while the lines are
    found: the same tables for a good file, and None for one a byte off, as summed inline."""
    raw = _diary(tmp_path / "b.json", days=3000).read_bytes()
    assert len(raw) > lines.CRC_BESIDE_FROM
    threads: list[object] = []
    start = lines._thread.start_new_thread

    def counted(*args: Any) -> object:
        threads.append(args)
        return start(*args)

    monkeypatch.setattr(lines._thread, "start_new_thread", counted)
    beside = lines.read(raw)
    damaged = raw.replace(b'"pain":2', b'"pain":3', 1)
    assert damaged != raw and lines.read(damaged) is None
    assert len(threads) == 2
    monkeypatch.setattr(lines, "CRC_BESIDE_FROM", len(raw) * 2)
    inline = lines.read(raw)
    assert lines.read(damaged) is None and len(threads) == 2
    assert beside is not None and inline is not None
    assert _plain(beside) == _plain(inline)
