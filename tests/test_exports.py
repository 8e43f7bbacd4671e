"""Streamed exports (issue 15): the same content as the whole-in-memory ones, a record at a time,
with a progress bar only on a terminal and only for a long write."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coach import cli
from coach.demo import filler, make_demo
from coach.export import checkins_to_csv
from coach.fhir import fhir_bundle
from coach.models import CheckIn
from store.db import Store, write_new_store
from store.lines import LazyTable
from store.outputs import Progress, dumps

TODAY = date(2026, 11, 26)


@pytest.fixture
def diary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "b.json"
    demo = make_demo(500, 3, today=TODAY)
    write_new_store(path, filler(demo))
    with Store.open(path, clock=lambda: TODAY) as store:  # a note that needs care on output
        store.put_checkin(CheckIn(TODAY - timedelta(days=2), pain=2, note="=SUM(A1) café ✓"))
    monkeypatch.setattr(cli, "_today", lambda: TODAY)
    return path


def _export(diary: Path, fmt: str, tmp_path: Path) -> str:
    out = tmp_path / f"out.{fmt}"
    code = cli.main(["export", "--format", fmt, "--out", str(out), "--data", str(diary)])
    assert code == 0
    return out.read_text(encoding="utf-8")


def test_json_export_holds_what_export_dict_holds(diary: Path, tmp_path: Path) -> None:
    text = _export(diary, "json", tmp_path)
    with Store.open(diary, read_only=True) as store:
        assert json.loads(text) == store.export_dict()
    assert text.count("\n") > 500  # a record a line: readable, and streamed


def test_json_export_imports_back(diary: Path, tmp_path: Path) -> None:
    text = _export(diary, "json", tmp_path)
    target = tmp_path / "again" / "b.json"
    assert cli.main(["import", str(tmp_path / "out.json"), "--data", str(target)]) == 0
    with Store.open(target, read_only=True) as store:
        assert store.export_dict() == json.loads(text)


def test_csv_export_is_the_csv_of_every_checkin(diary: Path, tmp_path: Path) -> None:
    text = _export(diary, "csv", tmp_path)
    with Store.open(diary, read_only=True) as store:
        assert text == checkins_to_csv(store.checkins())
    rows = list(csv.reader(io.StringIO(text)))
    assert any("'=SUM(A1) café ✓" in row for row in rows)


def test_fhir_export_is_the_bundle(diary: Path, tmp_path: Path) -> None:
    text = _export(diary, "fhir", tmp_path)
    with Store.open(diary, read_only=True) as store:
        bundle = fhir_bundle(
            store.get_profile(), store.checkins(), store.session_logs(), store.dxa_scans(), TODAY
        )
    assert json.loads(text) == bundle
    assert text.count("\n") == len(bundle["entry"]) + 2  # an entry a line, head, tail


def test_a_record_encodes_as_its_to_dict(diary: Path) -> None:
    with Store.open(diary, read_only=True) as store:
        records = [*store.checkins(), *store.session_logs(), *store.dxa_scans()]
        records += [store.get_profile(), store.get_plan()]
    for record in records:
        assert orjson.loads(dumps(record)) == record.to_dict()


def test_an_export_skips_damaged_records_and_says_so(diary: Path, tmp_path: Path, capsys) -> None:
    data = json.loads(diary.read_bytes())
    day = str((TODAY - timedelta(days=4)).toordinal())
    data["checkins"][day]["pain"] = 99
    diary.write_text(json.dumps(data))
    text = _export(diary, "json", tmp_path)
    assert "damaged record" in capsys.readouterr().err
    assert len(json.loads(text)["checkins"]) == len(data["checkins"]) - 1


def test_export_to_standard_output(diary: Path, capsys) -> None:
    assert cli.main(["export", "--format", "csv", "--data", str(diary)]) == 0
    assert capsys.readouterr().out.startswith("date,pain,")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only_after_a_second() -> None:
    now = [0.0]
    shown = _Terminal()
    bar = Progress(1000, "Exporting FHIR", shown, clock=lambda: now[0])
    bar.advance(100)
    assert shown.getvalue() == ""  # quick so far: nothing drawn
    now[0] = 1.5
    bar.advance(400)
    assert "Exporting FHIR [" in shown.getvalue() and "50%" in shown.getvalue()
    bar.finish()
    assert shown.getvalue().endswith("100%\n")
    piped = io.StringIO()
    quiet = Progress(1000, "Exporting FHIR", piped, clock=lambda: now[0] + 60)
    quiet.advance(1000)
    quiet.finish()
    assert piped.getvalue() == ""


def test_a_failed_export_leaves_no_file(diary: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out.json"

    def broken(self, tick=None):
        yield "{"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "export_chunks", broken)
    code = cli.main(["export", "--out", str(out), "--data", str(diary)])
    assert code == 1
    assert not out.exists() and not list(tmp_path.glob(".tmp-*"))


def test_export_leaves_the_records_unkept(diary: Path) -> None:
    """A stream does not keep what it read: memory stays flat whatever the diary's length."""
    with Store.open(diary, read_only=True) as store:
        total = sum(1 for _ in store.stream_checkins())
        table = store._table("checkins")
        assert total > 400 and len(table._mem) == 0 and len(store._loader._seen) == 0


def test_session_logs_stream_one_at_a_time_in_the_same_order(diary: Path) -> None:
    """The JSON export's logs: by (day, key), first id of a key wins, damaged ones skipped
    and reported, as the whole list has them; nothing is kept while streaming."""
    data = json.loads(diary.read_bytes())
    logs = data["sessions"]
    ids = sorted(logs, key=int)
    first, second, third = ids[0], ids[1], ids[2]
    late = str(max(map(int, ids)) + 1)
    logs[late] = dict(logs[first])  # the same key again under a later id: the first wins
    logs[second] = {**logs[second], "effort": 99}  # damaged
    logs[third], logs[ids[-1]] = logs[ids[-1]], logs[third]  # file order is not day order
    diary.write_text(json.dumps(data))  # read whole (a hand-written file) ...
    _same_logs_streamed(diary, {second, late}, lazy=False)
    with Store.open(diary, clock=lambda: TODAY) as store:  # ... then saved one a line
        store.set_setting("theme", "textual-dark")
    _same_logs_streamed(diary, {second, late}, lazy=True)


def _same_logs_streamed(diary: Path, bad: set[str], *, lazy: bool) -> None:
    with Store.open(diary, read_only=True) as whole, Store.open(diary, read_only=True) as stream:
        expected = whole.stream_session_logs()
        streamed = list(stream.iter_session_logs())
        assert streamed == expected and len(streamed) == len(stream._table("sessions")) - 2
        assert [(s.day, s.key) for s in streamed] == sorted((s.day, s.key) for s in streamed)
        assert {(p.doc_id, p.reason) for p in stream.problems} == {
            (p.doc_id, p.reason) for p in whole.problems
        }
        assert {p.doc_id for p in stream.problems} >= bad
        table = stream._table("sessions")
        assert isinstance(table, LazyTable) == lazy
        assert not getattr(table, "_mem", None) and len(stream._loader._seen) == 0


# --------------------------------------------------------------------------- import


def _both_ways(tmp_path: Path, export: dict, prepare=None) -> tuple[Path, Path, tuple, tuple]:
    """The same export imported a record at a time and whole, into two equal stores."""
    results = []
    for how in ("stream", "whole"):
        path = tmp_path / how / "b.json"
        with Store.open(path, clock=lambda: TODAY) as store:
            if prepare:
                prepare(store)
        with Store.open(path, clock=lambda: TODAY) as store:
            try:
                if how == "stream":
                    counts = store.import_stream(json.dumps(export), TODAY)
                else:
                    counts = store.import_dict(json.loads(json.dumps(export)), TODAY)
                results.append((counts.added, counts.updated, None))
            except Exception as error:
                results.append((None, None, str(error)))
        results[-1] = (*results[-1], path)
    (a_add, a_upd, a_err, a), (b_add, b_upd, b_err, b) = results
    return a, b, (a_add, a_upd, a_err), (b_add, b_upd, b_err)


def _state(path: Path) -> dict:
    with Store.open(path, read_only=True) as store:
        return {**store.export_dict(), "problems": [str(p) for p in store.check_all()]}


def test_a_streamed_import_does_what_a_whole_one_does(diary: Path, tmp_path: Path) -> None:
    with Store.open(diary, read_only=True) as store:
        export = store.export_dict()

    def half_there(store: Store) -> None:  # some records already, some different
        store.put_records(
            checkins=[CheckIn(TODAY - timedelta(days=n), pain=n % 3) for n in range(1, 300, 2)]
        )
        store.put_session_log(replace_day(export["session_logs"][5]))

    a, b, ours, whole = _both_ways(tmp_path, export, half_there)
    assert ours == whole and ours[2] is None and ours[1]  # some were updated
    assert _state(a) == _state(b)
    assert lines_read_back(a)


def replace_day(doc: dict) -> object:
    from coach.models import SessionLog

    log = SessionLog.from_dict(doc)
    return SessionLog(log.day, log.session_id, resistance_min=log.resistance_min + 1)


def lines_read_back(path: Path) -> bool:
    from store import lines

    return lines.read(path.read_bytes()) is not None


def test_a_bad_record_late_in_a_streamed_import_writes_nothing(diary: Path, tmp_path) -> None:
    with Store.open(diary, read_only=True) as store:
        export = store.export_dict()
    export["session_logs"][-1]["effort"] = 99
    a, b, ours, whole = _both_ways(tmp_path, export)
    assert ours == whole and "session_logs record" in ours[2]
    assert _state(a) == _state(b)
    with Store.open(a, read_only=True) as store:
        assert list(store.checkins()) == []


def test_a_damaged_stored_record_is_kept_aside_by_a_streamed_import(
    diary: Path, tmp_path: Path
) -> None:
    with Store.open(diary, read_only=True) as store:
        export = store.export_dict()
    day = export["checkins"][-1]["day"]

    def damage(store: Store) -> None:
        store._data().setdefault("checkins", {})
        store.put_checkin(CheckIn(date.fromisoformat(day), pain=1))
        store._data()["checkins"][str(date.fromisoformat(day).toordinal())] = {"pain": "x"}
        store._save(store._data())

    a, b, ours, whole = _both_ways(tmp_path, export, damage)
    assert ours == whole
    assert _state(a) == _state(b)
    assert len(list(a.parent.glob("b.json.damaged-*.json"))) == 1


def test_exports_in_another_order_or_schema_are_read_whole(diary: Path, tmp_path: Path) -> None:
    from store.transfer import NotStreamable

    with Store.open(diary, read_only=True) as store:
        export = store.export_dict()
    reordered = {"checkins": export["checkins"], **export}
    old = {**export, "schema": 1}
    for odd in (reordered, old, {**export, "checkins": "x"}):
        text = json.dumps(odd)
        with Store.open(tmp_path / "c.json", clock=lambda: TODAY) as store:
            try:
                store.import_stream(text, TODAY)
                streamed = None
            except NotStreamable:
                streamed = "whole"
            except Exception as error:
                streamed = str(error)
        assert streamed in ("whole", "checkins must be a list")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(reordered, indent=2))
    assert cli.main(["import", str(path), "--data", str(tmp_path / "d.json")]) == 0
    assert _state(tmp_path / "d.json")["checkins"] == export["checkins"]


def test_a_streamed_import_keeps_no_records(diary: Path, tmp_path: Path) -> None:
    text = _export(diary, "json", tmp_path)
    with Store.open(tmp_path / "new.json", clock=lambda: TODAY) as store:
        counts = store.import_stream(text, TODAY)
        assert counts.added["checkins"] > 400
        table = store._table("checkins")
        assert len(table._mem) == 0
        assert not [k for k in store._loader._seen if k[0] in ("checkins", "sessions")]


def test_a_streamed_import_of_checkins_only_is_saved(tmp_path: Path) -> None:
    export = {
        "format": "bonecoach-export",
        "schema": 2,
        "checkins": [CheckIn(TODAY, pain=4).to_dict()],
    }
    path = tmp_path / "b.json"
    for expected in ({"checkins": 1}, {}):  # the second time: nothing new, nothing written
        with Store.open(path, clock=lambda: TODAY) as store:
            assert store.import_stream(json.dumps(export), TODAY).added == expected
    with Store.open(path, read_only=True) as store:
        assert [c.pain for c in store.checkins()] == [4]


def test_import_says_how_far_it_is(diary: Path, tmp_path: Path) -> None:
    text = _export(diary, "json", tmp_path)
    seen: list[int] = []
    with Store.open(tmp_path / "new.json", clock=lambda: TODAY) as store:
        store.import_stream(text, TODAY, seen.append)
    assert seen == sorted(seen) and len(seen) > 500 and 0 < seen[-1] <= len(text)


def test_no_bar_when_the_export_itself_goes_to_the_terminal() -> None:
    bar = Progress(10, "Exporting JSON", _Terminal(), clock=lambda: 99.0, quiet=True)
    bar.advance(10)
    bar.finish()
    assert bar.stream.getvalue() == ""


_LOG_DAYS = ("2026-01-05", "2026-01-06", "2026-02-01")
_log_docs = st.dictionaries(
    st.integers(1, 40).map(str),
    st.tuples(
        st.sampled_from(_LOG_DAYS),
        st.sampled_from(("walk-1", "strength-2")),
        st.sampled_from(("valid", "damaged", "key of another", "no key", "not an object")),
        st.integers(0, 60),
    ),
    max_size=14,
)


def _log_doc(day: str, session_id: str, kind: str, minutes: int) -> object:
    doc = {"day": day, "session_id": session_id, "aerobic_min": minutes}
    if kind == "not an object":
        return [day, session_id]
    if kind == "damaged":
        doc["effort"] = 99
    if kind != "no key":
        doc["key"] = f"{_LOG_DAYS[0]}/walk-1" if kind == "key of another" else f"{day}/{session_id}"
    return doc


@settings(max_examples=60, deadline=None)
@given(_log_docs)
@example(
    {
        "2": ("2026-01-05", "walk-1", "valid", 0),
        "3": ("2026-01-05", "walk-1", "valid", 0),
        "1": ("2026-01-05", "walk-1", "valid", 0),
    }
)  # three of a key, the winner last in the file
def test_streamed_logs_are_the_whole_lists_for_any_mix_of_ids(docs: dict) -> None:
    """Any ids, days, duplicates, damaged or forged documents, in a hand-written file and
    in the store's own layout: the stream gives the logs the whole list does, in (day, key)
    order, with the same problems, validating each document once."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.json"
        sessions = {i: _log_doc(*d) for i, d in docs.items()}
        path.write_text(json.dumps({"_meta": {"1": {"schema": 2}}, "sessions": sessions}))
        for lazy in (False, True):
            if lazy:  # saved by the store: one document a line, read lazily
                with Store.open(path, clock=lambda: TODAY) as store:
                    store.set_setting("theme", "textual-dark")
            with Store.open(path, read_only=True) as whole:
                expected = whole.stream_session_logs()
                wanted_problems = {(p.doc_id, p.reason) for p in whole.problems}
            with Store.open(path, read_only=True) as stream:
                assert isinstance(stream._table("sessions"), LazyTable) == lazy
                validated: list[str] = []
                check = stream._loader.check

                def counted(
                    table: str, doc_id: str, doc: object, check=check, seen=validated
                ) -> object:
                    seen.append(doc_id)
                    return check(table, doc_id, doc)

                stream._loader.check = counted  # type: ignore[method-assign]
                streamed = list(stream.iter_session_logs())
                assert streamed == expected
                assert [s.key for s in streamed] == sorted(s.key for s in streamed)
                assert {(p.doc_id, p.reason) for p in stream.problems} == wanted_problems
                assert sorted(validated) == sorted(docs)  # each once
