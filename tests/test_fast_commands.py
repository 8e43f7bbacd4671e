"""Commands read what they show, not the whole diary (issue 15), and say the same as before."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.models import CheckIn, SessionLog
from coach.report import build_report, frax_from_settings, render_markdown
from store import loader
from store.db import Store

TODAY = date(2026, 11, 26)


@pytest.fixture
def gappy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Years of check-ins, a long gap, then a few recent ones: the report's period must still
    start "the last N days", not at the first check-in after the gap."""
    path = tmp_path / "b.json"
    old = [TODAY - timedelta(days=3000 + n) for n in range(900)]
    recent = [TODAY - timedelta(days=n) for n in (1, 3, 20, 70)]
    with Store.open(path, clock=lambda: TODAY) as store:
        store.put_records(
            checkins=[CheckIn(d, pain=d.day % 11, fall=d.day == 3) for d in old + recent],
            session_logs=[SessionLog(d, "w1-mon", resistance_min=20) for d in old[::5] + recent],
        )
    monkeypatch.setattr(cli, "_today", lambda: TODAY)
    return path


@pytest.mark.parametrize("days", [7, 90, 400, 3650])
def test_report_reads_its_period_and_says_what_the_whole_diary_says(
    gappy: Path, days: int, capsys, monkeypatch
) -> None:
    with Store.open(gappy, read_only=True) as store:
        major, hip = frax_from_settings(store.settings())
        whole = build_report(
            store.get_profile(),
            store.checkins(),
            store.session_logs(),
            store.dxa_scans(),
            store.get_plan(),
            TODAY,
            days,
            frax_major=major,
            frax_hip=hip,
        )
    validated: list[str] = []
    real = loader.validate
    monkeypatch.setattr(loader, "validate", lambda t, i, d: validated.append(t) or real(t, i, d))
    assert cli.main(["report", "--days", str(days), "--data", str(gappy)]) == 0
    assert capsys.readouterr().out == render_markdown(whole)
    if days <= 400:
        assert validated.count("checkins") < 40  # the recent ones, the picture's, the first


def test_first_checkin_skips_damaged_entries(gappy: Path) -> None:
    with Store.open(gappy, clock=lambda: TODAY) as store:
        oldest = min(store.checkin_days())
        store._data()["checkins"][str(oldest.toordinal())] = {"day": "nonsense"}
        first = store.first_checkin()
        assert first is not None and first.day == oldest + timedelta(days=1)
        assert [p.doc_id for p in store.problems] == [str(oldest.toordinal())]
