"""Hostile files, paths and text (issue 13): one regression test per item, through the real CLI.

Items 10 and 14 (the TUI's crash report and disk-full saves) are tested with the screens.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.models import CheckIn, DxaScan, Profile
from store import backups, storage
from store.backups import list_backups, make_backup, read_generation
from store.db import CorruptStoreError, Store
from store.doctor import restore_backup

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.usefixtures("cli_on_module_today")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def save_on(path: Path, day: date, pain: int = 1) -> None:
    """One save on ``day`` (the first of that day also makes that day's backup)."""
    with Store.open(path, clock=Clock(day)) as store:
        store.put_checkin(CheckIn(day, pain=pain))


# --------------------------------------------------------------------------- 1. two people


def test_1_backups_of_two_people_in_one_folder_are_never_mixed(tmp_path: Path) -> None:
    me, mum = tmp_path / "bonecoach.json", tmp_path / "bonecoach-mum.json"
    for offset in range(10):
        day = TODAY + timedelta(days=offset)
        save_on(me, day, pain=1)
        save_on(mum, day, pain=9)
    mine, hers = list_backups(me), list_backups(mum)
    assert len(mine) == len(hers) == backups.BACKUPS_KEPT
    assert all(b.name.startswith("bonecoach.json.") for b in mine)
    assert all(b.name.startswith("bonecoach-mum.json.") for b in hers)
    assert not set(mine) & set(hers)
    assert mine[0].name == f"bonecoach.json.{(TODAY + timedelta(days=9)).isoformat()}.bak.json"
    me.write_text("{ torn")
    with pytest.raises(CorruptStoreError) as error:
        Store.open(me)
    assert error.value.newest_backup == mine[0]  # never mum's


def test_1_old_style_backup_names_are_recognised_only_when_unambiguous(tmp_path: Path) -> None:
    me = tmp_path / "bonecoach.json"
    save_on(me, TODAY)
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    old_mine = folder / "bonecoach-2026-11-20.json"
    old_mine.write_bytes(me.read_bytes())
    old_mums = folder / "bonecoach-mum-2026-11-20.json"
    old_mums.write_bytes(me.read_bytes())
    assert old_mine in list_backups(me) and old_mums not in list_backups(me)
    save_on(me, TODAY + timedelta(days=1))  # the next writer renames old-style names
    assert not old_mine.exists() and old_mums.exists()
    assert (folder / "bonecoach.json.2026-11-20.bak.json").exists()
    # with another file of the same stem beside it, an old name is not attributed to either
    (folder / "bonecoach-2026-11-19.json").write_bytes(me.read_bytes())
    (tmp_path / "bonecoach.txt").write_text("someone else's")
    assert all("2026-11-19" not in b.name for b in list_backups(me))


# --------------------------------------------------------------------------- 2. restores


def test_2_two_restores_in_one_second_keep_both_damaged_originals(tmp_path: Path) -> None:
    path = tmp_path / "bonecoach.json"
    save_on(path, TODAY - timedelta(days=1))
    save_on(path, TODAY)
    backup = list_backups(path)[0]
    now = datetime(2026, 11, 26, 9, 0, 0)
    path.write_text("{ first damage")
    first = restore_backup(path, backup, now)
    path.write_text("{ second damage")
    second = restore_backup(path, backup, now)
    assert first is not None and second is not None and first != second
    assert first.read_text() == "{ first damage"
    assert second.read_text() == "{ second damage"


# --------------------------------------------------------------------------- 3. --out


def test_3_out_refuses_the_data_file_its_backups_and_lock(
    capsys, tmp_path: Path, _isolated_data: Path
) -> None:
    call(capsys, "checkin", "--pain", "3")
    with Store.open(_isolated_data, clock=lambda: TODAY + timedelta(days=1)) as store:
        store.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=2))  # makes a backup
    backup = list_backups(_isolated_data)[0]
    lock = Path(str(_isolated_data) + ".lock")
    protected = [_isolated_data, backup, lock]
    before = {p: p.read_bytes() for p in protected}
    for target in protected:
        for command in (["export", "--format", "csv"], ["report"]):
            code, _, err = call(capsys, *command, "--out", str(target), "--force")
            assert code == 2 and "choose another file name" in one_line(err)
    link = tmp_path / "link.json"
    link.symlink_to(_isolated_data)  # another name for it
    code, _, err = call(capsys, "export", "--out", str(link), "--force")
    assert code == 2 and "symbolic link" in one_line(err)
    assert {p: p.read_bytes() for p in protected} == before


def test_3_out_refuses_an_existing_file_without_force_and_dash_is_stdout(
    capsys, tmp_path: Path
) -> None:
    call(capsys, "checkin", "--pain", "3")
    target = tmp_path / "export.csv"
    target.write_text("my spreadsheet")
    code, _, err = call(capsys, "export", "--format", "csv", "--out", str(target))
    assert code == 2 and "add --force" in one_line(err)
    assert target.read_text() == "my spreadsheet"
    assert call(capsys, "export", "--format", "csv", "--out", str(target), "--force")[0] == 0
    assert target.read_text().startswith("date,pain")
    code, out, _ = call(capsys, "export", "--format", "csv", "--out", "-")
    assert code == 0 and out.startswith("date,pain")
    assert not (Path.cwd() / "-").exists()


# --------------------------------------------------------------------------- 4. symlink


def test_4_a_symlinked_data_file_stays_a_link_and_one_lock_covers_both_names(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real" / "bonecoach.json"
    save_on(real, TODAY)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with Store.open(link, clock=Clock(TODAY)) as through_link:
        assert through_link.path == real  # messages and the lock are about the real file
        through_link.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=5))
        with Store.open(real) as direct:
            assert direct.read_only  # one lock for both spellings
    assert link.is_symlink()
    with Store.open(real, read_only=True) as store:
        assert store.get_checkin(TODAY - timedelta(days=1)).pain == 5
    assert not Path(str(link) + ".lock").exists()


# --------------------------------------------------------------------------- 5. migrations


def test_5_an_old_schema_export_is_migrated_not_silently_dropped(capsys, tmp_path: Path) -> None:
    old = tmp_path / "v1.json"
    old.write_text(
        json.dumps(
            {
                "format": "bonecoach-export",
                "schema": 1,
                "checkins": [{"day": "2026-01-01", "pain": 2, "calcium_mg": 900}],
            }
        )
    )
    assert call(capsys, "import", str(old))[0] == 0
    with Store.open(os.environ["BONECOACH_DATA"], read_only=True) as store:
        entry = store.get_checkin(date(2026, 1, 1))
    assert entry.calcium_food_mg == 900 and entry.pain == 2


# --------------------------------------------------------------------------- 6. clock ahead


def test_6_after_the_clock_was_ahead_new_backups_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "bonecoach.json"
    save_on(path, TODAY)
    future = date(2030, 1, 1)
    for offset in range(10):  # a week and more with the clock years ahead
        save_on(path, future + timedelta(days=offset))
    for offset in range(1, 4):  # the clock is right again
        day = TODAY + timedelta(days=offset)
        save_on(path, day)
        names = [b.name for b in list_backups(path)]
        assert f"bonecoach.json.{day.isoformat()}.bak.json" == names[0]
        assert len(names) == backups.BACKUPS_KEPT
    generations = [read_generation(b) for b in list_backups(path)]
    assert generations == sorted(generations, reverse=True)


# --------------------------------------------------------------------------- 7. symlinked backups


def test_7_rotation_through_a_symlinked_backups_folder_deletes_only_its_own(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "bonecoach.json"
    save_on(path, TODAY)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (path.parent / "backups").symlink_to(elsewhere)
    unrelated = [
        elsewhere / "bonecoach-notes.json",
        elsewhere / "bonecoach-2020-01-01.json.txt",
        elsewhere / "bonecoach.json.2020-01-01.bak.json",  # our name, not our content
    ]
    for file in unrelated:
        file.write_text("not a backup")
    linked = elsewhere / "bonecoach.json.2019-01-01.bak.json"
    linked.symlink_to(path)
    for offset in range(1, 12):
        save_on(path, TODAY + timedelta(days=offset))
    assert all(f.read_text() == "not a backup" for f in unrelated)
    assert linked.is_symlink()
    ours = [f for f in elsewhere.iterdir() if read_generation(f) is not None and not f.is_symlink()]
    assert len(ours) == backups.BACKUPS_KEPT


# --------------------------------------------------------------------------- 8. left-overs


def test_8_copies_left_by_a_killed_backup_or_output_are_cleaned(capsys, tmp_path: Path) -> None:
    path = tmp_path / "bonecoach.json"
    save_on(path, TODAY)
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    dead = 2**22 + 12345  # beyond the usual pid range: no such process
    stale_backup = folder / f".tmp-bonecoach.json.2026-11-27.bak.json.{dead}.1764140000000000000.0"
    stale_backup.write_text("a full copy of the data")
    save_on(path, TODAY + timedelta(days=1))
    assert not stale_backup.exists()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    stale_out = out_dir / f".tmp-report.md.{dead}.1764140000000000000.0"
    stale_out.write_text("a full report")
    live_out = out_dir / f".tmp-report.md.{os.getpid()}.1764140000000000000.0"
    live_out.write_text("being written by a running process")
    code, _, _ = call(capsys, "report", "--data", str(path), "--out", str(out_dir / "r.md"))
    assert code == 0
    assert not stale_out.exists() and live_out.exists()


def test_8_new_folders_are_fsynced_into_their_parents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real = storage.fsync_dir

    def record(folder: Path) -> None:
        synced.append(str(folder))
        real(folder)

    monkeypatch.setattr(storage, "fsync_dir", record)
    path = tmp_path / "a" / "b" / "bonecoach.json"
    save_on(path, TODAY)
    save_on(path, TODAY + timedelta(days=1))  # makes backups/
    assert str(tmp_path) in synced  # a/ made in tmp_path
    assert str(tmp_path / "a") in synced  # b/ made in a/
    assert str(path.parent) in synced  # backups/ made in b/ (and every rename there)


# --------------------------------------------------------------------------- 9. devices


@pytest.mark.parametrize("data", ["/dev/null", "/tmp"])
def test_9_a_data_path_must_be_a_regular_file(capsys, data: str) -> None:
    for command in (["checkin", "--pain", "1"], ["status"], ["doctor"], ["export"]):
        code, _, err = call(capsys, *command, "--data", data)
        assert code == 2 and "give the path of a data file" in one_line(err)
    assert not Path("/dev/null.lock").exists() and not Path("/dev/backups").exists()


def test_9_out_never_replaces_a_device_or_its_link(capsys) -> None:
    call(capsys, "checkin", "--pain", "1")
    for target in ("/dev/stdout", "/dev/null"):
        code, _, err = call(capsys, "export", "--out", target, "--force")
        assert code == 2 and "use --out - for standard output" in one_line(err)
    assert Path("/dev/stdout").is_symlink()


# --------------------------------------------------------------------------- 11. control characters

ATTACK = "\x1b]0;PWNED\x07\x1b[2J"


def test_11_control_characters_never_reach_a_report_csv_or_terminal(
    capsys, tmp_path: Path, _isolated_data: Path
) -> None:
    assert call(capsys, "checkin", "--pain", "3", "--note", f"{ATTACK}hello")[0] == 0
    export = tmp_path / "in.json"
    export.write_text(
        json.dumps(
            {
                "format": "bonecoach-export",
                "schema": 2,
                "checkins": [{"day": "2026-11-20", "pain": 1, "note": f"=HYPERLINK(1){ATTACK}"}],
                "profile": {"name": f"Ann{ATTACK}"},
            }
        )
    )
    assert call(capsys, "import", str(export))[0] == 0
    outputs = []
    for command in (
        ["report"],
        ["report", "--format", "html"],
        ["export", "--format", "csv"],
        ["export"],
        ["export", "--format", "fhir"],
        ["profile"],
    ):
        code, out, err = call(capsys, *command)
        assert code == 0, err
        outputs.append(out)
    for out in outputs:
        assert "\x1b" not in out and "\x07" not in out
    assert "hello" in outputs[0] and "PWNED" in outputs[0]  # the words stay, the codes go
    assert "'=HYPERLINK(1)" in outputs[2]
    # a file already holding control characters (from an older version) is shown safely
    data = json.loads(_isolated_data.read_text())
    data["checkins"][str(TODAY.toordinal())]["note"] = ATTACK
    _isolated_data.write_text(json.dumps(data))
    for command in (["report"], ["export", "--format", "csv"], ["doctor"]):
        _, out, err = call(capsys, *command)
        assert "\x1b" not in out + err


# --------------------------------------------------------------------------- 12. overflow


def test_12_huge_and_deep_numbers_give_one_line(capsys, tmp_path: Path, _isolated_data) -> None:
    code, _, err = call(capsys, "checkin", "--pain", "1" + "0" * 400)
    assert code == 2 and "--pain: must be a whole number" in one_line(err)
    for name, text in (
        (
            "huge.json",
            '{"format":"bonecoach-export","schema":2,"checkins":[{"day":"2026-01-01",'
            '"pain":1' + "0" * 5000 + "}]}",
        ),
        (
            "big.json",
            '{"format":"bonecoach-export","schema":2,"checkins":[{"day":"2026-01-01",'
            '"pain":1' + "0" * 400 + "}]}",
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        (
            "float.json",
            '{"format":"bonecoach-export","schema":2,"dxa_scans":[{"day":"2026-01-01"'
            ',"site":"total_hip","t_score":1e400}]}',
        ),
    ):
        (tmp_path / name).write_text(text)
        code, _, err = call(capsys, "import", str(tmp_path / name))
        assert code == 2 and "nothing was imported" in one_line(err)
    call(capsys, "checkin", "--pain", "2")
    raw = _isolated_data.read_text()
    huge = raw.replace('"pain":2', '"pain":2' + "0" * 5000)
    _isolated_data.write_text(huge)
    for command in (["status"], ["doctor"], ["export"], ["report"]):
        code, _, err = call(capsys, *command)
        assert "Traceback" not in err and code in (0, 1)
    call(capsys, "checkin", "--date", "2026-11-01", "--pain", "1")  # another day: a save
    assert "2" + "0" * 5000 in _isolated_data.read_text()  # the damaged record kept verbatim
    _isolated_data.write_text(
        '{"_meta":{"1":{"schema":2}},"x":' + "[" * 50_000 + "]" * 50_000 + "}"
    )
    for command in (["status"], ["checkin", "--pain", "1"], ["export"]):
        code, _, err = call(capsys, *command)
        assert code == 1 and "nested too deeply" in one_line(err)
    code, out, err = call(capsys, "doctor")
    assert code == 1 and "nested too deeply" in out and not err


# --------------------------------------------------------------------------- 13. hand edits


def hand_edit(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_13_hand_edited_records_are_quarantined_not_crashes(capsys, _isolated_data: Path) -> None:
    call(capsys, "profile", "--set", "birth_year=1960", "equipment=band")
    call(capsys, "checkin", "--pain", "3")
    with Store.open(_isolated_data) as store:
        store.put_dxa(DxaScan(TODAY, "total_hip", -2.1))

    def damage(data: dict) -> None:
        data["checkins"]["abc"] = {"day": "2026-11-20", "pain": 1}
        data["checkins"][str((TODAY - timedelta(days=1)).toordinal())] = {
            "day": (TODAY - timedelta(days=1)).isoformat(),
            "pain": 99,
        }
        next(iter(data["dxa"].values()))["t_score"] = 99
        data["settings"] = {"1": {"theme": ["x"]}}

    hand_edit(_isolated_data, damage)
    before = _isolated_data.read_bytes()
    code, out, _ = call(capsys, "doctor")
    assert code == 1
    assert 'checkins["abc"]' in out and "pain: must be a whole number" in out
    assert "t_score" in out and "theme" in out
    for command in (["status"], ["report"], ["export"], ["export", "--format", "fhir"], ["plan"]):
        code, _, err = call(capsys, *command)
        assert code == 0, err
        assert "damaged record" in one_line(err) and "bonecoach doctor" in err
    assert _isolated_data.read_bytes() != before  # plan saved a new plan
    data = json.loads(_isolated_data.read_text())
    assert data["checkins"]["abc"] == {"day": "2026-11-20", "pain": 1}  # kept verbatim
    assert data["settings"]["1"]["theme"] == ["x"]


def test_13_a_60_byte_import_cannot_plant_a_crash(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "theme.json"
    bad.write_text('{"format":"bonecoach-export","schema":2,"settings":{"theme":["x"]}}')
    code, _, err = call(capsys, "import", str(bad))
    assert code == 2 and "theme" in one_line(err)


def test_13_profile_days_zero_says_damaged_not_no_profile(capsys, _isolated_data: Path) -> None:
    call(capsys, "profile", "--set", "birth_year=1960")
    hand_edit(_isolated_data, lambda d: d["profile"]["1"].update(days_per_week=0))
    for command in (["plan"], ["profile"], ["profile", "--set", "name=Ann"]):
        code, _, err = call(capsys, *command)
        assert code == 1 and "stored profile is damaged" in one_line(err)
        assert "bonecoach doctor" in err


# --------------------------------------------------------------------------- 15. bad stored day


def test_15_checkin_over_a_bad_stored_day_names_the_file_and_doctor(
    capsys, _isolated_data: Path
) -> None:
    day = TODAY - timedelta(days=3)
    call(capsys, "checkin", "--date", day.isoformat(), "--pain", "3")
    hand_edit(_isolated_data, lambda d: d["checkins"][str(day.toordinal())].update(pain=99))
    before = _isolated_data.read_bytes()
    code, _, err = call(capsys, "checkin", "--date", day.isoformat(), "--fatigue", "2")
    line = one_line(err)
    assert code == 1
    assert str(_isolated_data) in line and "bonecoach doctor" in line and "damaged" in line
    assert _isolated_data.read_bytes() == before


# --------------------------------------------------------------------------- 16. messages


def test_16_empty_paths_and_folders_are_errors(capsys, tmp_path: Path) -> None:
    for args, words in (
        (["--data", "", "status"], "--data: give a file name"),
        (["checkin", "--pain", "1", "--data", ""], "--data: give a file name"),
        (["demo", "--data", ""], "--data: give a file name"),
        (["export", "--out", ""], "--out: give a file name"),
        (["export", "--out", str(tmp_path)], "is a folder"),
        (["export", "--out", str(tmp_path / "no" / "x.json")], "does not exist"),
    ):
        code, _, err = call(capsys, *args)
        assert code == 2 and words in one_line(err), err


def test_16_write_errors_name_the_real_file_never_a_temp_file(
    capsys, _isolated_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    call(capsys, "checkin", "--pain", "1")
    real_open = os.open

    def refuse_temp(name, flags, *args):  # a read-only folder, or a full disk
        if os.path.basename(str(name)).startswith(".tmp-"):
            raise OSError(errno.ENOSPC, "No space left on device", name)
        return real_open(name, flags, *args)

    for backup_first in (False, True):  # the day's backup fails; then the save itself fails
        if backup_first:
            make_backup(_isolated_data, TODAY)
        with monkeypatch.context() as patched:  # never undo(): it would undo the data fixture
            patched.setattr(storage.os, "open", refuse_temp)
            code, _, err = call(capsys, "checkin", "--date", "2026-11-01", "--pain", "2")
        line = one_line(err)
        assert code == 1 and "No space left on device" in line and "nothing was saved" in line
        assert str(_isolated_data) in line and ".tmp-" not in line
    with Store.open(_isolated_data, read_only=True) as store:
        assert store.get_checkin(date(2026, 11, 1)) is None


def test_16_a_file_named_backups_is_named_in_the_message(capsys, _isolated_data: Path) -> None:
    with Store.open(_isolated_data, clock=lambda: TODAY - timedelta(days=1)) as store:
        store.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=1))
    (_isolated_data.parent / "backups").write_text("not a folder")
    code, _, err = call(capsys, "checkin", "--pain", "2")
    line = one_line(err)
    assert code == 1 and "backups is not a folder" in line and "nothing was saved" in line


# --------------------------------------------------------------------------- 17. concurrency


def hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    code = (
        "import sys, time; from store.db import Store\n"
        f"s = Store.open({str(path)!r}); print('held', flush=True)\n"
        f"time.sleep({seconds}); s.close()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_17_a_write_waits_briefly_for_a_one_shot_command(capsys, _isolated_data: Path) -> None:
    call(capsys, "checkin", "--pain", "1")
    child = hold_lock(_isolated_data, 0.5)
    code, _, err = call(capsys, "checkin", "--fatigue", "2")
    child.wait(timeout=30)
    assert code == 0, err
    child = hold_lock(_isolated_data, 8)
    started = time.monotonic()
    code, _, err = call(capsys, "checkin", "--fatigue", "3")
    waited = time.monotonic() - started
    child.kill()
    child.wait(timeout=30)
    assert code == 1 and "open in another session" in one_line(err)
    assert waited >= 1.0  # it did wait before refusing


def test_17_reads_work_when_no_lock_can_be_made(
    capsys, _isolated_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    call(capsys, "profile", "--set", "birth_year=1960")
    call(capsys, "checkin", "--pain", "1")
    from store import locking

    def read_only_fs(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(locking.FileLock, "acquire", read_only_fs)
    before = _isolated_data.read_bytes()
    for command in (["plan"], ["status"], ["report"], ["export"], ["profile"], ["doctor"]):
        code, _, err = call(capsys, *command)
        assert code == 0, err
    code, _, err = call(capsys, "checkin", "--pain", "2")
    assert code == 1 and "Read-only file system" in one_line(err)
    assert _isolated_data.read_bytes() == before


def _can_mount() -> bool:
    return sys.platform == "linux" and os.geteuid() == 0 and Path("/proc/mounts").exists()


@pytest.mark.skipif(not _can_mount(), reason="needs root to mount a read-only tmpfs")
def test_17_reads_work_on_a_really_read_only_file_system(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    source = tmp_path / "src.json"
    call(capsys, "profile", "--set", "birth_year=1960", "--data", str(source))
    call(capsys, "checkin", "--pain", "1", "--data", str(source))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(folder)], check=False)
    if mounted.returncode != 0:
        pytest.skip("mount not permitted here")
    try:
        (folder / "b.json").write_bytes(source.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        data = str(folder / "b.json")
        for command in (["plan"], ["status"], ["report"], ["export"]):
            code, _, err = call(capsys, *command, "--data", data)
            assert code == 0, err
        code, _, err = call(capsys, "checkin", "--pain", "2", "--data", data)
        assert code == 1 and "read-only" in one_line(err).lower()
    finally:
        subprocess.run(["umount", str(folder)], check=False)


# --------------------------------------------------------------------------- 18. one validation


@pytest.mark.parametrize(
    ("export", "words"),
    [
        ({"checkins": [{"day": "2999-01-01", "pain": 1}]}, "between 1900-01-01 and 2199-12-31"),
        ({"checkins": [{"day": "2026-12-01", "pain": 1}]}, "in the future"),
        ({"checkins": [{"day": "9999-12-31", "pain": 1}]}, "checkins record 1"),
        ({"dxa_scans": [{"day": "2027-01-01", "site": "total_hip", "t_score": -1}]}, "future"),
        ({"session_logs": [{"day": "2027-01-01", "session_id": "w1-mon"}]}, "future"),
        ({"profile": {"birth_year": 2015}}, "adults"),
        ({"profile": {"birth_year": 1960, "ai_start": "2027-01-01"}}, "not be in the future"),
        ({"schema": True}, '"schema" must be a whole number'),
        ({"schema": "2"}, '"schema" must be a whole number'),
        ({"settings": {"colour": "red"}}, "unknown setting"),
        ({"settings": {f"k{i}": 1 for i in range(20_000)}}, "settings holds 20000 entries"),
        ({"settings": {"frax": {"major": 500}}}, "frax major: must be a number from 0 to 100"),
        ({"topics_read": {"x": "2999-01-01"}}, "topics_read"),
        (
            {"checkins": [{"day": "2026-01-01", "pain": 1}, {"day": "2026-01-01", "pain": 2}]},
            "checkins records 1 and 2 are both for 2026-01-01",
        ),
    ],
)
def test_18_import_refuses_what_the_cli_refuses(
    capsys, tmp_path: Path, _isolated_data: Path, export: dict, words: str
) -> None:
    call(capsys, "checkin", "--pain", "1")
    before = _isolated_data.read_bytes()
    source = tmp_path / "in.json"
    source.write_text(json.dumps({"format": "bonecoach-export", "schema": 2, **export}))
    started = time.monotonic()
    code, _, err = call(capsys, "import", str(source))
    assert code == 2 and words in one_line(err) and "nothing was imported" in err
    assert time.monotonic() - started < 10
    assert _isolated_data.read_bytes() == before


def test_18_the_cli_and_import_agree_on_the_profile(capsys) -> None:
    code, _, err = call(capsys, "profile", "--set", "birth_year=2015")
    assert code == 2 and "adults" in err
    code, _, err = call(capsys, "profile", "--set", "birth_year=1960", "ai_start=2027-01-01")
    assert code == 2 and "not be in the future" in err


# --------------------------------------------------------------------------- 19. numbers


@pytest.mark.parametrize(
    "args",
    [
        ["checkin", "--pain", "1,5"],
        ["checkin", "--calcium-mg", "1,000"],
        ["checkin", "--pain", "1_0"],
        ["checkin", "--pain", "٣"],
        ["checkin", "--aerobic-min", "1e2"],
        ["profile", "--set", "days_per_week=٣"],
        ["demo", "--seed", "1_0", "--data", "/nonexistent/x.json"],
        ["report", "--days", "9" * 5000],
        ["assess", "--t-score", "1e400"],
    ],
)
def test_19_one_number_parser_everywhere(capsys, args: list[str]) -> None:
    code, _, err = call(capsys, *args)
    assert code == 2 and len(one_line(err)) < 300


def test_19_decimal_commas_work_where_decimals_do(capsys, _isolated_data: Path) -> None:
    assert call(capsys, "checkin", "--alcohol-units", "1,5")[0] == 0
    assert call(capsys, "profile", "--set", "weight_kg=62,5", "birth_year=1960")[0] == 0
    code, out, _ = call(capsys, "assess", "--t-score=-2,6")
    assert code == 0 and "-2.6" in out
    with Store.open(_isolated_data, read_only=True) as store:
        assert store.get_checkin(TODAY).alcohol_units == 1.5
        assert store.get_profile().weight_kg == 62.5


def test_make_backup_never_overwrites_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "bonecoach.json"
    save_on(path, TODAY)
    first = make_backup(path, TODAY)
    second = make_backup(path, TODAY)
    assert first is not None and second is not None and first != second
    assert second.name == "bonecoach.json.2026-11-26-2.bak.json"


def test_profile_record_defaults_still_validate() -> None:
    assert Profile().days_per_week == 3
