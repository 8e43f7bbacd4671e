"""``--out --force`` replaces an earlier export without reading it through, and still never
replaces a bonecoach data file, whatever its layout."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coach import cli
from coach.models import CheckIn
from store.db import Store

TODAY = date(2026, 11, 26)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cli, "_today", lambda: TODAY)
    path = tmp_path / "a" / "b.json"
    with Store.open(path, clock=lambda: TODAY) as store:
        store.put_checkin(CheckIn(TODAY, pain=3))
    return path


@pytest.mark.parametrize("fmt", ["json", "csv", "fhir"])
def test_an_earlier_export_is_replaced(data: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    for _ in range(2):
        argv = ["export", "--format", fmt, "--out", str(out), "--data", str(data), "--force"]
        assert cli.main(argv) == 0
    assert out.read_text(encoding="utf-8").strip()


def test_another_data_file_is_never_replaced(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.json"
    with Store.open(other, clock=lambda: TODAY) as store:  # written in the store's layout
        store.put_checkin(CheckIn(TODAY, pain=5))
    plain = tmp_path / "plain.json"  # a data file as any JSON writer leaves it
    plain.write_text(json.dumps({"checkins": {}, "_meta": {"1": {"schema": 2, "generation": 3}}}))
    for target in (other, plain):
        before = target.read_bytes()
        argv = ["export", "--format", "fhir", "--out", str(target), "--data", str(data)]
        assert cli.main([*argv, "--force"]) == 2
        assert "choose another file name" in capsys.readouterr().err
        assert target.read_bytes() == before
