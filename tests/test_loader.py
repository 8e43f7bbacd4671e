"""The loader: records validated once and only as read; damaged ones quarantined, never lost."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.models import CheckIn, SessionLog
from store import loader
from store.db import DamagedRecordError, Store
from store.doctor import check_file, repair_file

TODAY = date(2026, 11, 26)
YEARS = 10


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    """A 10-year diary: a check-in every day and a session log three days a week."""
    path = tmp_path / "b.json"
    days = [TODAY - timedelta(days=n) for n in range(365 * YEARS)]
    with Store.open(path, clock=lambda: TODAY) as store:
        store.put_records(
            checkins=[CheckIn(d, pain=d.day % 11, note="") for d in days],
            session_logs=[SessionLog(d, "w1-mon", resistance_min=20) for d in days[::3]],
        )
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every document validation, as (table, id)."""
    calls: list[tuple[str, str]] = []
    real = loader.validate

    def counting(table: str, doc_id: str, doc: object) -> object:
        calls.append((table, doc_id))
        return real(table, doc_id, doc)

    monkeypatch.setattr(loader, "validate", counting)
    return calls


def test_a_range_validates_only_its_days_and_each_only_once(diary: Path, counted) -> None:
    with Store.open(diary, read_only=True) as store:
        fortnight = store.checkins(TODAY - timedelta(days=13), TODAY)
        assert len(fortnight) == 14 and len(counted) == 14
        assert store.checkins(TODAY - timedelta(days=13), TODAY) == fortnight
        assert len(counted) == 14  # cached: no second validation
        logs = store.session_logs(TODAY - timedelta(days=13), TODAY)
        assert len(logs) == 5 and len(counted) == 14 + 5  # logs picked by date before validation
        store.get_checkin(TODAY)
        assert len(counted) == 19


def test_a_save_revalidates_only_what_it_changed(diary: Path, counted) -> None:
    with Store.open(diary, clock=lambda: TODAY) as store:
        store.checkins(TODAY - timedelta(days=6), TODAY)
        counted.clear()
        store.put_checkin(CheckIn(TODAY, pain=9))
        week = store.checkins(TODAY - timedelta(days=6), TODAY)
        assert week[-1].pain == 9
        assert counted == [("checkins", str(TODAY.toordinal()))]


def test_whole_history_is_read_only_where_asked(diary: Path, counted) -> None:
    with Store.open(diary, read_only=True) as store:
        store.checkin_days()
        assert not counted and len(store.problems) == 0  # the cheap scan builds no record
        assert len(store.checkins()) == 365 * YEARS  # export: everything, once
        assert len(counted) == 365 * YEARS


def damage(path: Path, change) -> bytes:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    return path.read_bytes()


def test_damaged_records_are_skipped_and_listed_with_their_place(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        for n in range(3):
            store.put_checkin(CheckIn(TODAY - timedelta(days=n), pain=n))
    bad_day = TODAY - timedelta(days=1)

    def change(data: dict) -> None:
        data["checkins"][str(bad_day.toordinal())]["pain"] = 99
        data["checkins"]["abc"] = {"day": "2026-11-01"}
        data["checkins"][str(TODAY.toordinal() - 10)] = {"day": TODAY.isoformat(), "pain": 1}

    before = damage(path, change)
    with Store.open(path, read_only=True) as store:
        assert [c.pain for c in store.checkins(TODAY - timedelta(days=2), TODAY)] == [2, 0]
        assert store.get_checkin(bad_day) is None
        places = [p.location for p in store.problems]
        assert places == [
            f'checkins["{bad_day.toordinal()}"] (check-in of {bad_day.isoformat()})',
            'checkins["abc"] (check-in)',
        ]  # the cheap scan found "abc"; the mismatched id waits for a full read
        assert len(store.checkins()) == 2
        assert any("its id is the day" in p.reason for p in store.problems)
        notice = store.problems_notice()
        assert notice is not None and "3 damaged records were skipped" in notice
        assert str(path) in notice and "bonecoach doctor" in notice
    assert path.read_bytes() == before


def test_saving_over_a_damaged_record_keeps_it_in_a_side_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(CheckIn(TODAY, pain=3))
    damage(path, lambda d: d["checkins"][str(TODAY.toordinal())].update(pain=99, note="mine"))
    with Store.open(path, clock=lambda: TODAY) as store:
        with pytest.raises(DamagedRecordError, match="bonecoach doctor"):
            store.merge_checkin(CheckIn(TODAY, fatigue=2))  # adding to it: refused
        store.put_checkin(CheckIn(TODAY, pain=4))  # a whole new entry for the day
        assert store.get_checkin(TODAY).pain == 4
        assert len(store.notices) == 1 and "kept in" in store.notices[0]
    side = next(tmp_path.glob("b.json.damaged-*.json"))
    kept = json.loads(side.read_text())
    assert kept["records"][0]["document"] == {
        **CheckIn(TODAY, pain=3).to_dict(),
        "pain": 99,
        "note": "mine",
    }
    assert "pain" in kept["records"][0]["problem"]


def test_a_damaged_setting_is_skipped_and_other_settings_survive(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.set_setting("theme", "textual-light")
        store.set_setting("frax", {"major": 12.0})
    damage(path, lambda d: d["settings"]["1"].update(theme=["x"], colour="red"))
    with Store.open(path) as store:
        assert store.settings() == {"frax": {"major": 12.0}}
        store.set_setting("frax", {"major": 13.0})
    data = json.loads(path.read_text())
    assert data["settings"]["1"] == {"theme": ["x"], "frax": {"major": 13.0}, "colour": "red"}


def test_doctor_repair_asks_then_moves_every_damaged_record(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(CheckIn(TODAY, pain=3))
        store.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=2))
    before = damage(
        path,
        lambda d: (
            d["checkins"][str(TODAY.toordinal())].update(pain=99),
            d["checkins"].update({"x": 1}),
            d.update(settings={"1": {"theme": 5}}),
        ),
    )
    assert repair_file(path, lambda problems: False, lambda: TODAY) == (None, 0)
    assert path.read_bytes() == before
    seen = []
    side, moved = repair_file(path, lambda problems: seen.extend(problems) or True, lambda: TODAY)
    assert moved == 3 == len(seen) and side is not None
    report = check_file(path)
    assert report.ok and report.counts["checkins"] == 1
    records = json.loads(side.read_text())["records"]
    assert {r["table"] for r in records} == {"checkins", "settings"}
    by_id = {r["id"]: r for r in records}
    assert by_id["x"]["document"] == 1 and by_id["x"]["table"] == "checkins"
    assert by_id[str(TODAY.toordinal())]["document"]["pain"] == 99
    assert by_id["1"] == {
        "table": "settings",
        "id": "1",
        "key": "theme",
        "problem": by_id["1"]["problem"],
        "document": {"theme": 5},
    }
    assert any("repair" in b.name for b in report.backups)  # and a backup first


def test_doctor_repair_moves_a_record_whose_id_is_empty_and_keeps_its_table(
    tmp_path: Path,
) -> None:
    """A document under the id "" is one damaged record, not a damaged table (found by the
    fuzz test: the whole table was set aside, and could not be written)."""
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(CheckIn(TODAY, pain=3))
        store.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=2))
    damage(path, lambda d: d["checkins"].update({"": {"day": TODAY.isoformat(), "pain": 1}}))
    side, moved = repair_file(path, lambda problems: True, lambda: TODAY)
    assert moved == 1 and side is not None
    assert [r["id"] for r in json.loads(side.read_text())["records"]] == [""]
    report = check_file(path)
    assert report.ok and report.counts["checkins"] == 2


def test_doctor_repair_from_the_command_line(capsys, _isolated_data: Path, monkeypatch) -> None:
    monkeypatch.setattr(cli, "_today", lambda: TODAY)
    cli.main(["checkin", "--pain", "2"])
    damage(_isolated_data, lambda d: d["checkins"].update({"abc": {}}))
    capsys.readouterr()
    code = cli.main(["doctor", "--repair"])  # no terminal to ask on
    _, err = capsys.readouterr()
    assert code == 2 and "add --yes" in err
    assert cli.main(["doctor", "--repair", "--yes"]) == 0
    out, _ = capsys.readouterr()
    assert "Moved 1 damaged record(s)" in out
    assert cli.main(["doctor"]) == 0


def test_structure_damage_is_quarantined_per_table(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(CheckIn(TODAY, pain=3))
    damage(path, lambda d: d.update(dxa=[1, 2], sessions={"1": "x"}, plan={"1": {"weeks": 5}}))
    with Store.open(path, clock=lambda: TODAY) as store:
        assert (
            store.dxa_scans() == []
            and list(store.session_logs()) == []
            and store.get_plan() is None
        )
        assert {p.table for p in store.check_all()} == {"dxa", "sessions", "plan"}
        store.put_session_log(SessionLog(TODAY, "w1-thu", balance_min=10))
        assert [s.balance_min for s in store.session_logs()] == [10]
    assert check_file(path).counts["checkins"] == 1


def test_a_migration_never_crashes_on_damaged_documents(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema": 1}},
                "checkins": {"1": 5, "2": None, str(TODAY.toordinal()): {"calcium_mg": 800}},
            }
        )
    )
    with Store.open(path, clock=lambda: TODAY) as store:
        assert list(store.checkins()) == []  # the v1 entry has no day: quarantined, not lost
        assert len(store.problems) == 3
    data = json.loads(path.read_text())
    assert data["checkins"][str(TODAY.toordinal())] == {
        "calcium_food_mg": 800,
        "calcium_supplement_mg": None,
    }


def test_the_cheap_scan_counts_unknown_settings(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema": 2}},
                "settings": {"1": {f"k{n}": n for n in range(2000)}},
            }
        )
    )
    with Store.open(path, read_only=True) as store:
        assert len(store.problems) == 2000
        assert store.settings() == {}


def test_every_problem_message_is_one_bounded_line() -> None:
    doc = {"day": "2026-01-01", "pain": "x" * 10_000, "note": "\x1b[2J" * 1000}
    problem = loader.Problem("checkins", "\x1b" * 80, None, "y" * 10)
    assert "\x1b" not in problem.location
    try:
        loader.validate("checkins", str(date(2026, 1, 1).toordinal()), doc)
    except Exception as error:
        assert len(loader.reason_of(error)) <= 200
