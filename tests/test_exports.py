"""Streamed exports (issue 15): the same content as the whole-in-memory ones, a record at a time,
with a progress bar only on a terminal and only for a long write."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from coach import cli
from coach.demo import filler, make_demo
from coach.export import checkins_to_csv
from coach.fhir import fhir_bundle
from coach.models import CheckIn
from store.db import Store, write_new_store
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
