"""The command line: bad input gets one readable line and exit 2, and nothing is written."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.models import CheckIn
from store.db import Store, list_backups

TODAY = date(2026, 11, 26)  # fixed: a test must not change meaning when it runs past midnight
pytestmark = pytest.mark.usefixtures("cli_on_module_today")


def run(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, as a person (or a login script) runs it."""
    argv = [sys.executable, "-m", "coach", *args]
    if data is not None:
        argv += ["--data", str(data)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["checkin", "--pain", "11"], "--pain: must be a whole number from 0 to 10 (got 11)"),
        (["checkin", "--mood", "0"], "--mood: must be a whole number from 1 to 5 (got 0)"),
        (["checkin", "--pain", "x"], "--pain: must be a whole number from 0 to 10 (got 'x')"),
        (["checkin", "--ai-taken", "maybe"], "--ai-taken: must be yes or no"),
        (["checkin", "--date", "26/11/2026", "--pain", "1"], "must be a date as YYYY-MM-DD"),
        (["checkin", "--note", "x" * 501], "note: must be at most 500 characters"),
        (["checkin", "--fall", "no", "--fall-injured", "yes"], "fall_injured: can only be yes"),
        (["checkin"], "give at least one field"),
        (
            ["profile", "--set", "days_per_week=9"],
            "days_per_week: must be a whole number from 1 to 7",
        ),
        (["profile", "--set", "equipment=treadmill"], "equipment: must be a comma list of"),
        (["profile", "--set", "color=blue"], "unknown key 'color'"),
        (["profile", "--set", "smoker"], "expected KEY=VALUE"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    data = tmp_path / "b.json"
    result = run(*args, data=data)
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not data.exists()


def test_future_date_is_refused(capsys, tmp_path: Path) -> None:
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    code, _, err = call(capsys, "checkin", "--date", tomorrow, "--pain", "2")
    assert code == 2 and "in the future" in err


def test_checkin_merges_into_the_days_entry(capsys, _isolated_data: Path) -> None:
    assert call(capsys, "checkin", "--pain", "4", "--ai-taken", "yes")[0] == 0
    assert call(capsys, "checkin", "--aerobic-min", "30", "--note", "walked")[0] == 0
    with Store.open(_isolated_data, read_only=True) as store:
        entry = store.get_checkin(TODAY)
    assert (entry.pain, entry.ai_taken, entry.aerobic_min, entry.note) == (4, True, 30, "walked")


def test_checkin_corrects_a_fall_to_no(capsys, _isolated_data: Path) -> None:
    assert call(capsys, "checkin", "--fall", "yes", "--fall-injured", "yes")[0] == 0
    code, _out, err = call(capsys, "checkin", "--fall", "no")
    assert (code, err) == (0, "")
    with Store.open(_isolated_data, read_only=True) as store:
        entry = store.get_checkin(TODAY)
    assert (entry.fall, entry.fall_injured) == (False, None)


def test_data_option_beats_the_environment(capsys, tmp_path: Path, _isolated_data: Path) -> None:
    other = tmp_path / "other.json"
    assert call(capsys, "checkin", "--pain", "1", "--data", str(other))[0] == 0
    assert other.exists() and not _isolated_data.exists()
    before = tmp_path / "before.json"  # --data before the command name works too
    assert call(capsys, "--data", str(before), "profile", "--set", "name=Ann")[0] == 0
    assert before.exists() and not _isolated_data.exists()


def test_status_exit_code_tells_a_login_script(capsys) -> None:
    code, out, _ = call(capsys, "status")
    assert code == 1 and "not checked in today" in out
    call(capsys, "checkin", "--pain", "2", "--date", (TODAY - timedelta(days=1)).isoformat())
    call(capsys, "checkin", "--pain", "2")
    code, out, _ = call(capsys, "status")
    assert code == 0 and out.strip() == "bonecoach: checked in today; streak 2 days."


def test_csv_export_has_a_header_and_one_row_per_checkin(capsys) -> None:
    call(capsys, "checkin", "--pain", "3", "--calcium-mg", "800", "--note", "a, b")
    call(capsys, "checkin", "--date", "2026-01-05", "--mood", "4")
    code, out, _ = call(capsys, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2
    assert rows[0]["date"] == "2026-01-05" and rows[0]["mood"] == "4" and rows[0]["pain"] == ""
    assert rows[1]["pain"] == "3" and rows[1]["calcium_total_mg"] == "800"
    assert rows[1]["note"] == "a, b"


def test_json_export_import_round_trip_and_twice_changes_nothing(capsys, tmp_path: Path) -> None:
    call(capsys, "checkin", "--pain", "3")
    call(capsys, "profile", "--set", "name=Ann", "birth_year=1958", "equipment=band,chair")
    out_file = tmp_path / "export.json"
    assert call(capsys, "export", "--out", str(out_file))[0] == 0
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    target = tmp_path / "new.json"
    code, out, _ = call(capsys, "import", str(out_file), "--data", str(target))
    assert code == 0 and "1 checkins added" in out and "1 profile added" in out
    code, out, _ = call(capsys, "import", str(out_file), "--data", str(target))
    assert code == 0 and "nothing new" in out
    _, again, _ = call(capsys, "export", "--data", str(target))
    assert json.loads(again) == json.loads(out_file.read_text())


def test_import_of_a_bad_file_writes_nothing(capsys, tmp_path: Path, _isolated_data: Path) -> None:
    call(capsys, "checkin", "--pain", "3")
    before = _isolated_data.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "bonecoach-export",
                "schema": 2,
                "checkins": [{"day": "2026-01-01", "pain": 99}],
            }
        )
    )
    code, _, err = call(capsys, "import", str(bad))
    assert code == 2 and "checkins record 1: pain" in err and "nothing was imported" in err
    assert call(capsys, "import", str(tmp_path / "missing.json"))[0] == 2
    assert _isolated_data.read_bytes() == before


def test_profile_set_and_json(capsys) -> None:
    code, _, _ = call(
        capsys,
        "profile",
        "--set",
        "ai_drug=letrozole",
        "supervised=yes",
        "risk_factors=smoking,steroids",
        "ai_start=2025-03-01",
    )
    assert code == 0
    code, out, _ = call(capsys, "profile", "--json")
    data = json.loads(out)
    assert data["ai_drug"] == "letrozole" and data["supervised"] is True
    assert data["risk_factors"] == ["steroids", "smoking"] and data["ai_start"] == "2025-03-01"


def test_profile_without_one_says_how_to_make_one(capsys) -> None:
    code, _, err = call(capsys, "profile")
    assert code == 2 and "--set KEY=VALUE" in err


def test_doctor_checks_and_restores(capsys, _isolated_data: Path) -> None:
    call(capsys, "checkin", "--pain", "3", "--date", "2026-01-01")
    with Store.open(_isolated_data, clock=lambda: date(2030, 1, 1)) as store:
        store.put_checkin(CheckIn(date(2026, 1, 2), pain=4))  # a new day: makes a backup
    backup = list_backups(_isolated_data)[0]
    code, out, _ = call(capsys, "doctor")
    assert code == 0 and "OK: schema 2; 2 checkins" in out and str(backup) in out
    _isolated_data.write_text("{ torn")
    code, _, err = call(capsys, "status")
    assert code == 1 and str(backup) in err and "not changed" in err
    code, out, _ = call(capsys, "doctor")
    assert code == 1 and "PROBLEMS" in out
    code, out, _ = call(capsys, "doctor", "--restore", str(backup))
    assert code == 0 and "corrupt-" in out
    assert call(capsys, "doctor")[0] == 0
    assert list(_isolated_data.parent.glob("bonecoach.json.corrupt-*"))


def test_doctor_will_not_restore_another_persons_backup_unasked(
    capsys, _isolated_data: Path, tmp_path: Path
) -> None:
    other = tmp_path / "theirs" / "bonecoach.json"
    assert (
        call(
            capsys, "profile", "--set", "name=Bea", "--set", "birth_year=1950", "--data", str(other)
        )[0]
        == 0
    )
    assert call(capsys, "profile", "--set", "name=Ann", "--set", "birth_year=1958")[0] == 0
    before = _isolated_data.read_bytes()
    code, _, err = call(capsys, "doctor", "--restore", str(other))
    assert code == 1 and "another person's data" in err and "'Bea' in the backup" in err
    assert _isolated_data.read_bytes() == before  # nothing changed
    code, out, _ = call(capsys, "doctor", "--restore", str(other), "--yes")
    assert code == 0 and "Restored" in out
    with Store.open(_isolated_data) as store:
        assert store.get_profile().name == "Bea"


def test_doctor_restores_a_backup_of_the_same_person_after_a_rename(
    capsys, _isolated_data: Path
) -> None:
    assert call(capsys, "profile", "--set", "name=Ann", "--set", "birth_year=1958")[0] == 0
    with Store.open(_isolated_data, clock=lambda: date(2030, 1, 1)) as store:
        store.put_checkin(CheckIn(date(2026, 1, 2), pain=4))  # a new day: makes a backup
    backup = list_backups(_isolated_data)[0]
    _isolated_data.write_text("{ torn")  # a damaged file: nothing to compare with
    assert call(capsys, "doctor", "--restore", str(backup))[0] == 0


def test_cli_write_on_a_file_open_elsewhere_exits_non_zero(capsys, _isolated_data: Path) -> None:
    with Store.open(_isolated_data) as store:
        store.put_checkin(CheckIn(TODAY, pain=1))
        before = _isolated_data.read_bytes()
        code, _, err = call(capsys, "checkin", "--pain", "5")
        assert code == 1 and "open in another session — read-only" in err
        code, _out, _ = call(capsys, "status")  # reading is fine
        assert code == 0
    assert _isolated_data.read_bytes() == before


def test_version_and_help_on_every_subcommand() -> None:
    assert run("--version").stdout.startswith("bonecoach ")
    parser = cli.build_parser()
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in subcommands:
        result = run(name, "--help")
        assert result.returncode == 0 and "--data" in result.stdout, name


def test_default_location_is_the_user_data_folder(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BONECOACH_DATA")
    call(capsys, "checkin", "--pain", "1")
    expected = Path(os.environ["XDG_DATA_HOME"]) / "bonecoach" / "bonecoach.json"
    assert expected.exists()
    assert oct(expected.parent.stat().st_mode & 0o777) == "0o700"


def test_the_app_without_a_terminal_says_so_instead_of_drawing(capsys) -> None:
    code, out, err = call(capsys)  # pytest's standard input is not a terminal
    assert code == 2 and "needs a terminal" in err and out == ""
