"""An import reads its file a piece at a time (issue 15): whatever falls on a piece's edge (a
record, a string, a number, a multi-byte character), the entries are exactly what a whole
parse gives, and anything unusual still goes to the whole read."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach import cli
from coach.models import CheckIn
from store.db import Store
from store.transfer import NotStreamable, _Text, stream_export

TODAY = date(2026, 11, 26)


def _read_all(source: Any) -> dict[str, Any]:
    """What ``stream_export`` yields, with record lists drawn out in order."""
    out: dict[str, Any] = {}
    for key, value in stream_export(source):
        out[key] = value if isinstance(value, list | dict | str | int | float | None) else [*value]
    return out


def _export_text(days: int) -> str:
    checkins = [
        CheckIn(TODAY - timedelta(days=n), pain=n % 11, note=f"café ✓ 😀 {n}").to_dict()
        for n in range(days)
    ]
    export = {
        "format": "bonecoach-export",
        "schema": 2,
        "profile": None,
        "checkins": checkins[::-1],
        "dxa_scans": [],
        "session_logs": [],
        "plan": None,
        "settings": {},
        "topics_read": {},
    }
    return json.dumps(export, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 64, 4096])
def test_any_piece_size_reads_what_a_whole_parse_reads(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _export_text(40)
    monkeypatch.setattr(_Text, "PIECE", piece)
    assert _read_all(io.StringIO(text)) == json.loads(text)


@settings(max_examples=60, deadline=None)
@given(
    numbers=st.lists(st.integers(min_value=-(10**12), max_value=10**12), max_size=20),
    words=st.lists(st.text(max_size=12), max_size=5),
    piece=st.integers(min_value=1, max_value=40),
    spaces=st.sampled_from(["", " ", "\n", " \r\n\t"]),
)
def test_values_cut_anywhere_come_out_whole(
    numbers: list[int], words: list[str], piece: int, spaces: str
) -> None:
    value = {"format": "bonecoach-export", "schema": 2, "settings": {"n": numbers, "w": words}}
    text = json.dumps(value, ensure_ascii=False, separators=(spaces + ",", ":" + spaces))
    reader = io.StringIO(text)
    original = _Text.PIECE
    _Text.PIECE = piece
    try:
        assert _read_all(reader) == value
    finally:
        _Text.PIECE = original


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "bonecoach-export", "checkins": [{"day": 1},]}',  # a trailing comma
        '{"format": "bonecoach-export"} trailing',
        '{"format": "bonecoach-export", "format": "x"}',  # a key twice
        '{"checkins": [], "format": "bonecoach-export"}',  # out of our order
        '{"format": "bonecoach-export", "checkins": [{"day": "2020-01-0',  # cut off
        '["format"]',
        "{} x",
    ],
)
def test_unusual_text_is_left_to_the_whole_read(text: str) -> None:
    with pytest.raises(NotStreamable):
        _read_all(io.StringIO(text))


def test_the_cli_reads_a_file_in_pieces_and_imports_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_today", lambda: TODAY)
    monkeypatch.setattr(_Text, "PIECE", 100)  # many pieces for a small file
    source = tmp_path / "export.json"
    text = _export_text(60)
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "d" / "b.json"
    assert cli.main(["import", str(source), "--data", str(target)]) == 0
    with Store.open(target, read_only=True) as store:
        assert store.export_dict()["checkins"] == json.loads(text)["checkins"]


def test_a_file_that_is_not_utf8_is_refused_by_the_whole_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(b'{"format": "bonecoach-export", "schema": 2, "profile": "\xff"}')
    assert cli.main(["import", str(source), "--data", str(tmp_path / "b.json")]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_a_stream_of_checkins_comes_oldest_first_whatever_the_file_order(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    days = [TODAY - timedelta(days=n) for n in (3, 400, 1, 2000, 0)]
    for day in days:  # each save appends its day: the file is not in day order
        with Store.open(path, clock=lambda: TODAY) as store:
            store.put_checkin(CheckIn(day, pain=1))
    with Store.open(path, read_only=True) as store:
        assert [c.day for c in store.stream_checkins()] == sorted(days)
    with Store.open(path, clock=lambda: TODAY) as store:  # an id that is no day: quarantined
        store._change("checkins", {"not-a-day": {"day": TODAY.isoformat(), "pain": 2}})
    with Store.open(path, read_only=True) as store:
        assert [c.day for c in store.stream_checkins()] == sorted(days)
        assert [p.doc_id for p in store.problems] == ["not-a-day"]
