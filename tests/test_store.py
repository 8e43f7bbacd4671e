"""The store: typed round-trips, one writer per file, schema migration, backups, damaged files."""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import checkins, dxa_scans, profiles

from coach.models import CheckIn, DxaScan, Profile, SessionLog
from store import storage
from store.db import (
    BACKUPS_KEPT,
    READ_ONLY_MESSAGE,
    SCHEMA_VERSION,
    TRAIL_KEPT,
    CorruptStoreError,
    ReadOnlyError,
    SaveError,
    Store,
    StoreError,
    list_backups,
)
from store.doctor import check_file, restore_backup
from store.errors import DamagedRecordError
from store.lines import LazyTable

DAY = date(2026, 11, 26)


def reopen(path: Path) -> Store:
    return Store.open(path, read_only=True)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    profile=profiles(),
    entries=st.lists(checkins(), max_size=8, unique_by=lambda c: c.day),
    scans=st.lists(dxa_scans, max_size=4, unique_by=lambda s: s.key),
)
def test_arbitrary_valid_records_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    profile: Profile,
    entries: list[CheckIn],
    scans: list[DxaScan],
) -> None:
    path = tmp_path_factory.mktemp("rt") / "b.json"
    with Store.open(path) as store:
        store.put_profile(profile)
        for entry in entries:
            store.put_checkin(entry)
        for scan in scans:
            store.put_dxa(scan)
    with reopen(path) as store:
        assert store.get_profile() == profile
        assert list(store.checkins()) == sorted(entries, key=lambda c: c.day)
        assert store.dxa_scans() == sorted(scans, key=lambda s: (s.day, s.site))


def test_one_checkin_per_date_saving_again_replaces_it(open_store, data_path: Path) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=5, note="first"))
    store.put_checkin(CheckIn(DAY, pain=2))
    assert list(store.checkins()) == [CheckIn(DAY, pain=2)]
    merged = store.merge_checkin(CheckIn(DAY, mood=4))
    assert (merged.pain, merged.mood) == (2, 4)
    assert store.get_checkin(DAY) == merged
    assert store.delete_checkin(DAY) is True
    assert store.delete_checkin(DAY) is False
    assert store.get_checkin(DAY) is None


def test_checkins_by_range_and_days(open_store) -> None:
    store = open_store()
    for offset in range(10):
        store.put_checkin(CheckIn(DAY - timedelta(days=offset), pain=offset))
    window = store.checkins(DAY - timedelta(days=2), DAY)
    assert [c.pain for c in window] == [2, 1, 0]
    assert len(store.checkin_days()) == 10


def test_whole_history_is_kept_until_the_store_changes(open_store, data_path: Path) -> None:
    """The whole history is read once (trends' "all time"), and read again after any save or
    any re-read of the file: never a stale list, never one a caller changed."""
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    store.put_session_log(SessionLog(DAY, "w1-tue", resistance_min=20))
    assert (store.whole_history_known(), store.history_size()) == (False, 2)
    first = store.checkins()
    assert not store.whole_history_known()  # the session logs are not read yet
    logs = store.session_logs()
    assert store.whole_history_known()
    assert isinstance(first, tuple) and isinstance(logs, tuple)  # shared: no caller changes it
    assert store.checkins() is first and store.session_logs() is logs  # not read, not copied
    assert first == (CheckIn(DAY, pain=1),)
    assert [s.session_id for s in logs] == ["w1-tue"]
    store.put_checkin(CheckIn(DAY - timedelta(days=1), pain=2))
    store.put_session_log(SessionLog(DAY, "w1-thu", resistance_min=25))
    assert [c.pain for c in store.checkins()] == [2, 1]
    assert [s.session_id for s in store.session_logs()] == ["w1-thu", "w1-tue"]
    assert first == (CheckIn(DAY, pain=1),)  # what a caller held before the save stays
    assert store.whole_history_known()  # saves add a record: the rest are known
    assert store.delete_checkin(DAY) is True
    assert [c.pain for c in store.checkins()] == [2]
    store.close()

    waiting = open_store(defer_lock=True)  # reads the file, then another session writes it
    assert [c.pain for c in waiting.checkins()] == [2]
    with Store.open(data_path) as other:
        other.put_checkin(CheckIn(DAY - timedelta(days=5), pain=7))
        other.put_session_log(SessionLog(DAY, "w1-sat", balance_min=10))
    waiting.session_logs()
    assert waiting.whole_history_known()
    assert waiting.acquire_lock() is True  # the file changed: read again
    assert not waiting.whole_history_known()
    assert [c.pain for c in waiting.checkins()] == [7, 2]
    assert [s.session_id for s in waiting.session_logs()] == ["w1-sat", "w1-thu", "w1-tue"]


def test_a_save_of_one_table_keeps_the_other_tables_whole_history(
    open_store, data_path: Path
) -> None:
    """A check-in saved does not make 30 years of session logs be put together again (13 ms
    at 30 years), and the other way round; nothing read is ever stale. (A re-read of the file
    reads both again: the test above.)"""
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    store.put_session_log(SessionLog(DAY, "w1-tue", resistance_min=20))
    store.checkins(), store.session_logs()
    logs_held = store._history_held["sessions"]
    store.put_checkin(CheckIn(DAY - timedelta(days=1), pain=2))
    assert [s.session_id for s in store.session_logs()] == ["w1-tue"]
    assert store._history_held["sessions"] is logs_held  # kept, not read again
    assert [c.pain for c in store.checkins()] == [2, 1]  # the changed table is read again
    checkins_held = store._history_held["checkins"]
    store.put_session_log(SessionLog(DAY, "w1-thu", resistance_min=25))
    assert store._history_held["checkins"] is checkins_held
    assert [s.session_id for s in store.session_logs()] == ["w1-thu", "w1-tue"]
    with Store.open(data_path.with_name("other.json"), clock=lambda: DAY) as other:
        other.put_session_log(SessionLog(DAY, "w1-sat", balance_min=10))
        export = other.export_dict()
    store.import_dict(export, DAY)
    assert [s.session_id for s in store.session_logs()] == ["w1-sat", "w1-thu", "w1-tue"]
    assert list(store.checkins()) == [
        CheckIn(DAY - timedelta(days=1), pain=2),
        CheckIn(DAY, pain=1),
    ]
    assert store._history_held["checkins"] is checkins_held  # the import put session logs only
    store.close()
    with Store.open(data_path, read_only=True) as fresh:
        assert fresh.session_logs() == store.session_logs()


def test_the_scans_are_read_once_until_they_change(
    open_store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every trends view and plan asks for the DXA scans: they are checked and put in order
    once, and read again after a save of a scan or a re-read of the file; a caller that
    changes its list changes nobody else's."""
    store = open_store()
    store.put_dxa(DxaScan(DAY, "total_hip", -1.7))
    store.put_dxa(DxaScan(DAY - timedelta(days=400), "lumbar_spine", -2.6))
    reads: list[str] = []
    keyed = store._loader.keyed

    def counted(table: str, *args: object, **kwargs: object) -> list[object]:
        reads.append(table)
        return keyed(table, *args, **kwargs)

    monkeypatch.setattr(store._loader, "keyed", counted)
    first = store.dxa_scans()
    again = store.dxa_scans()
    assert again == first and again is not first
    assert reads == ["dxa"]  # checked and put in order once
    again.clear()
    assert [s.t_score for s in store.dxa_scans()] == [-2.6, -1.7]  # oldest first
    store.put_checkin(CheckIn(DAY, pain=1))  # another table: the scans are kept
    assert store.dxa_scans()[0] is first[0]
    store.put_dxa(DxaScan(DAY, "total_hip", -1.9))  # replaces that day's hip
    assert [s.t_score for s in store.dxa_scans()] == [-2.6, -1.9]
    assert reads == ["dxa", "dxa"]
    assert store.delete_dxa(DxaScan(DAY - timedelta(days=400), "lumbar_spine", -2.6))
    assert [s.t_score for s in store.dxa_scans()] == [-1.9]
    store.close()

    waiting = open_store(defer_lock=True)  # reads the file, then another session writes it
    assert [s.t_score for s in waiting.dxa_scans()] == [-1.9]
    with Store.open(data_path) as other:
        other.put_dxa(DxaScan(DAY, "femoral_neck", -2.2))
    assert waiting.acquire_lock() is True  # the file changed: read again
    assert [s.site for s in waiting.dxa_scans()] == ["femoral_neck", "total_hip"]


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    offsets=st.sets(st.integers(-3, 12), max_size=10),
    odd_ids=st.lists(
        st.sampled_from(["0", " ", "+", "٣", "\n"]).flatmap(
            lambda mark: st.integers(-3, 12).map(
                lambda o: mark + str((DAY - timedelta(days=o)).toordinal())
            )
        )
        | st.sampled_from(["100000", "999999", "7", "day"]),
        max_size=4,
    ),
)
def test_a_day_looked_up_has_a_check_in_as_the_whole_list_says(
    tmp_path_factory: pytest.TempPathFactory, offsets: set[int], odd_ids: list[str]
) -> None:
    """``bonecoach status`` looks up its streak's days one by one instead of turning every id
    into a day: the same answer for every day, whatever ids a hand-edited file holds, in the
    plain JSON a hand edit leaves and in the coach's own layout once it has saved."""
    path = tmp_path_factory.mktemp("lookup") / "bonecoach.json"
    with Store.open(path, clock=lambda: DAY) as store:
        store.put_session_log(SessionLog(DAY, "w1-mon", balance_min=10))  # the file exists
        for offset in offsets:
            store.put_checkin(CheckIn(DAY - timedelta(days=offset), pain=1))
    data = json.loads(path.read_text())
    data.setdefault("checkins", {}).update({doc_id: {"pain": 1} for doc_id in odd_ids})
    path.write_text(json.dumps(data))
    asked = [DAY - timedelta(days=o) for o in range(-4, 14)]
    asked += [date.min, date.max, date.fromordinal(100000), date.fromordinal(999999)]

    def agree(store: Store) -> None:
        looked_up, ordinals = store.checkin_days_looked_up(), store.checkin_ordinals()
        assert [d in looked_up for d in asked] == [d.toordinal() in ordinals for d in asked]
        assert set(ordinals) == {d.toordinal() for d in asked if d in looked_up}

    with Store.open(path, read_only=True) as store:
        agree(store)
    with Store.open(path, clock=lambda: DAY) as store:  # a save: the coach's own layout
        store.put_session_log(SessionLog(DAY, "w1-tue", resistance_min=20))
    with Store.open(path, read_only=True) as store:
        assert isinstance(store._table("checkins"), LazyTable)
        agree(store)


_FEW_DAYS = st.dates(min_value=DAY - timedelta(days=20), max_value=DAY)
_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("put"), checkins(_FEW_DAYS)),
        st.tuples(st.just("merge"), checkins(_FEW_DAYS)),
        st.tuples(st.just("delete"), _FEW_DAYS),
        st.tuples(st.just("damaged"), _FEW_DAYS),  # a document no check-in can be made of
        st.tuples(st.just("batch"), st.lists(checkins(_FEW_DAYS), max_size=3)),
        st.tuples(st.just("read"), st.none()),
    ),
    max_size=12,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(checkins(_FEW_DAYS), max_size=6), steps=_STEPS)
def test_the_kept_history_after_any_saves_is_what_the_file_holds(
    tmp_path_factory: pytest.TempPathFactory, first: list[CheckIn], steps: list[tuple]
) -> None:
    """Saved days are put into the kept whole history, not read whole again: after any mix of
    saves, merges, deletes, damaged documents and batches, it is what a fresh read gives."""
    path = tmp_path_factory.mktemp("kept") / "b.json"
    with Store.open(path, clock=lambda: DAY) as store:
        for entry in first:
            store.put_checkin(entry)
        store.checkins()  # kept from here on
        for step, value in steps:
            _apply_step(store, step, value)
            with reopen(path) as fresh:
                assert store.checkins() == fresh.checkins()


def _apply_step(store: Store, step: str, value: object) -> None:
    """One of ``_STEPS`` on an open store."""
    if step == "put":
        store.put_checkin(value)
    elif step == "merge":
        with contextlib.suppress(DamagedRecordError):  # refused over a damaged day
            store.merge_checkin(value)
    elif step == "delete":
        store.delete_checkin(value)
    elif step == "damaged":  # as a hand-edited file holds it
        store._change("checkins", {str(value.toordinal()): {"day": "x", "pain": "lots"}})
    elif step == "batch":
        with store.batch():
            for entry in value:
                store.put_checkin(entry)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(checkins(_FEW_DAYS), max_size=6), steps=_STEPS)
def test_the_day_a_kept_history_may_differ_from_is_never_too_late(
    tmp_path_factory: pytest.TempPathFactory, first: list[CheckIn], steps: list[tuple]
) -> None:
    """``same_until``, which spares the trends screen comparing 30 years of records after a
    save: before the day it gives, an earlier history and the current one hold the very same
    records, after any mix of saves, merges, deletes, damaged documents and batches."""
    path = tmp_path_factory.mktemp("since") / "b.json"
    with Store.open(path, clock=lambda: DAY) as store:
        for entry in first:
            store.put_checkin(entry)
        seen = [store.checkins()]
        for step, value in steps:
            _apply_step(store, step, value)
            now = store.checkins()
            for earlier in seen:
                day = store.same_until("checkins", earlier, now)
                if day is None:
                    continue  # not known: the caller compares
                assert day == date.max if earlier is now else day <= DAY
                before = [r for r in earlier if r.day < day]
                after = [r for r in now if r.day < day]
                assert len(before) == len(after)
                assert all(a is b for a, b in zip(before, after, strict=True))
            seen = [*seen[-4:], now]


def test_a_save_tells_where_the_kept_history_changed(open_store, data_path: Path) -> None:
    """After today's check-in is saved the store says "today" at once (no comparison of the
    records); it says nothing it cannot vouch for: a history read again, one it never gave
    out, one more than ``TRAIL_KEPT`` saves old, or the other table's."""
    store = open_store()
    for back in range(10):
        store.put_checkin(CheckIn(DAY - timedelta(days=back), pain=1))
    store.put_session_log(SessionLog(DAY, "w1-tue", resistance_min=20))
    then, logs = store.checkins(), store.session_logs()
    store.put_checkin(CheckIn(DAY, pain=5))
    now = store.checkins()
    assert store.same_until("checkins", then, now) == DAY
    assert store.same_until("checkins", now, now) == date.max
    assert store.same_until("sessions", logs, store.session_logs()) == date.max
    assert store.same_until("checkins", list(then), now) is None  # not one it gave out
    assert store.same_until("checkins", then, list(now)) is None  # not its current one
    store.delete_checkin(DAY - timedelta(days=4))
    latest = store.checkins()
    assert store.same_until("checkins", then, latest) == DAY - timedelta(days=4)
    assert store.same_until("checkins", now, latest) == DAY - timedelta(days=4)
    for pain in range(TRAIL_KEPT):
        store.put_checkin(CheckIn(DAY, pain=pain))
    assert store.same_until("checkins", then, store.checkins()) is None  # too many saves ago
    store.put_session_log(SessionLog(DAY, "w1-thu", resistance_min=25))
    assert store.same_until("sessions", logs, store.session_logs()) is None  # read again
    store.close()
    with Store.open(data_path) as reopened:
        assert reopened.same_until("checkins", latest, reopened.checkins()) is None


def test_sessions_settings_and_reading(open_store, data_path: Path) -> None:
    store = open_store()
    log = SessionLog(DAY, "w1-thu", resistance_min=20, effort=6, pain_during=2)
    store.put_session_log(log)
    store.put_session_log(SessionLog(DAY, "w1-thu", resistance_min=25))  # same key replaces
    store.set_setting("theme", "textual-light")
    store.mark_topic_read("joint-pain", DAY)
    store.mark_topic_read("joint-pain", DAY + timedelta(days=1))  # first read date kept
    store.close()
    with reopen(data_path) as again:
        assert [s.resistance_min for s in again.session_logs()] == [25]
        assert again.get_setting("theme") == "textual-light"
        assert again.topics_read() == {"joint-pain": DAY.isoformat()}


def test_reads_come_from_memory_after_the_first_load(open_store, data_path, monkeypatch) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    calls = []
    monkeypatch.setattr(storage, "load_data_file", lambda p: calls.append(p))
    for _ in range(3):
        store.put_checkin(CheckIn(DAY, pain=2))
        store.checkins()
    assert calls == []


def test_file_and_folder_are_private(open_store, data_path: Path) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    assert stat.S_IMODE(data_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_path.parent.stat().st_mode) == 0o700


def test_an_existing_loose_file_is_tightened(data_path: Path) -> None:
    with Store.open(data_path) as store:
        store.put_checkin(CheckIn(DAY, pain=1))
    data_path.chmod(0o644)
    with Store.open(data_path) as store:
        store.put_checkin(CheckIn(DAY, pain=2))
    assert stat.S_IMODE(data_path.stat().st_mode) == 0o600


def test_a_chosen_existing_folder_is_not_changed(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with Store.open(folder / "b.json") as store:
        store.put_checkin(CheckIn(DAY, pain=1))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "b.json").stat().st_mode) == 0o600


def test_second_open_is_read_only_and_never_writes(open_store, data_path: Path) -> None:
    first = open_store()
    first.put_checkin(CheckIn(DAY, pain=3))
    before = data_path.read_bytes()
    second = open_store()
    assert second.read_only and second.read_only_reason == READ_ONLY_MESSAGE
    assert second.get_checkin(DAY) == CheckIn(DAY, pain=3)
    with pytest.raises(ReadOnlyError, match="open in another session — read-only"):
        second.put_checkin(CheckIn(DAY, pain=9))
    with pytest.raises(ReadOnlyError):
        second.set_setting("theme", "x")
    assert data_path.read_bytes() == before
    first.close()
    third = open_store()
    assert not third.read_only


def test_lock_is_held_across_processes(open_store, data_path: Path) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=3))
    code = (
        "import sys; from store.db import Store;"
        f"s = Store.open({str(data_path)!r}); print(s.read_only_reason)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == READ_ONLY_MESSAGE


def test_batch_is_all_or_nothing(open_store, data_path: Path) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    with pytest.raises(RuntimeError), store.batch():
        store.put_checkin(CheckIn(DAY - timedelta(days=1), pain=2))
        store.put_checkin(CheckIn(DAY - timedelta(days=2), pain=3))
        raise RuntimeError("interrupted")
    assert [c.pain for c in store.checkins()] == [1]
    with reopen(data_path) as again:
        assert [c.pain for c in again.checkins()] == [1]


def test_a_failed_write_is_not_remembered(open_store, data_path: Path, monkeypatch) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched, pytest.raises(OSError):
        patched.setattr(storage.os, "replace", broken_replace)
        store.put_checkin(CheckIn(DAY, pain=7))
    assert store.get_checkin(DAY).pain == 1  # memory agrees with the file
    assert not [p for p in data_path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_stale_temp_files_are_cleaned_by_the_next_writer(data_path: Path) -> None:
    with Store.open(data_path) as store:
        store.put_checkin(CheckIn(DAY, pain=1))
    stale = data_path.parent / f".tmp-{data_path.name}.4242.1764140000000000000.0"
    stale.write_text("half a file")
    # another data file's temp file (bonecoach.json.x is a different file) is not ours
    other = data_path.parent / f".tmp-{data_path.name}.x.4242.1764140000000000000.0"
    other.write_text("someone else's")
    with Store.open(data_path):
        pass
    assert not stale.exists()
    assert other.exists()


# --------------------------------------------------------------------------- backups


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def test_backup_before_first_write_of_each_day_newest_seven_kept(data_path: Path) -> None:
    clock = Clock(DAY)
    with Store.open(data_path, clock=clock) as store:
        store.put_checkin(CheckIn(DAY, pain=0))  # no file yet: nothing to back up
        store.put_checkin(CheckIn(DAY, pain=1))
        assert list_backups(data_path) == []
        clock.day = DAY + timedelta(days=1)
        store.put_checkin(CheckIn(clock.day, pain=1))  # first write of a new day: backup
        store.put_checkin(CheckIn(clock.day, pain=2))  # same day again: no second backup
        assert len(list_backups(data_path)) == 1
        first_backup = json.loads(list_backups(data_path)[0].read_text())
        assert first_backup["checkins"][str(DAY.toordinal())]["pain"] == 1
        assert str(clock.day.toordinal()) not in first_backup["checkins"]
        for offset in range(2, 10):
            clock.day = DAY + timedelta(days=offset)
            store.put_checkin(CheckIn(clock.day, pain=offset % 10))
    backups = list_backups(data_path)
    assert len(backups) == BACKUPS_KEPT
    assert backups[0].name == f"bonecoach.json.{(DAY + timedelta(days=9)).isoformat()}.bak.json"
    assert all(stat.S_IMODE(b.stat().st_mode) == 0o600 for b in backups)


@pytest.mark.parametrize("links", [True, False], ids=["hard link", "no links: a copy"])
def test_daily_backup_keeps_the_old_bytes_whether_linked_or_copied(
    data_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    """The day's backup may be a hard link to the file about to be replaced (no copy of the
    whole diary); after the save the two are separate files and the backup is byte for byte
    what was on disk. A file system without links gets a copy instead."""
    clock = Clock(DAY)
    with Store.open(data_path, clock=clock) as store:
        store.put_checkin(CheckIn(DAY, pain=1))
    before = data_path.read_bytes()
    if not links:
        from store import backups

        def no_link(source: object, target: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(backups.os, "link", no_link)
    clock.day = DAY + timedelta(days=1)
    with Store.open(data_path, clock=clock) as store:
        store.put_checkin(CheckIn(clock.day, pain=5))
        store.put_checkin(CheckIn(clock.day, pain=6))
    (backup,) = list_backups(data_path)
    assert backup.read_bytes() == before
    assert data_path.read_bytes() != before
    assert backup.stat().st_nlink == 1 and data_path.stat().st_nlink == 1
    assert not backup.samefile(data_path)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- damaged files


def make_good_file_with_backup(path: Path) -> Path:
    clock = Clock(DAY - timedelta(days=1))
    with Store.open(path, clock=clock) as store:
        store.put_checkin(CheckIn(clock.day, pain=4))
        clock.day = DAY
        store.put_checkin(CheckIn(DAY, pain=5))
    return list_backups(path)[0]


@pytest.mark.parametrize(
    "damage",
    [
        b'{"_meta": {"1": {"schema": 2}}, "checkins": {"7',
        b"\x00\x00garbage",
        b"[1, 2, 3]",
        b'{"_default": {"1": {"a": 1}}}',
        b'{"_meta": {"1": {"schema": 99}}}',
    ],
    ids=["torn", "binary", "not-an-object", "foreign-tinydb", "newer-schema"],
)
def test_unreadable_file_is_never_overwritten(data_path: Path, damage: bytes) -> None:
    backup = make_good_file_with_backup(data_path)
    data_path.write_bytes(damage)
    with pytest.raises(CorruptStoreError) as error:
        Store.open(data_path)
    message = str(error.value)
    assert str(data_path) in message and str(backup) in message
    assert data_path.read_bytes() == damage
    # the lock was released: doctor can restore right away
    kept = restore_backup(data_path, backup, now=__import__("datetime").datetime(2026, 11, 26, 9))
    assert kept is not None and kept.read_bytes() == damage
    assert kept.name == "bonecoach.json.corrupt-20261126T090000"
    with reopen(data_path) as store:
        assert store.get_checkin(DAY - timedelta(days=1)).pain == 4


def test_error_says_when_no_good_backup_exists(data_path: Path) -> None:
    data_path.parent.mkdir(parents=True)
    data_path.write_text("{not json")
    with pytest.raises(CorruptStoreError, match="no good backup found"):
        Store.open(data_path)


def test_bad_backups_are_skipped_when_naming_the_newest_good_one(data_path: Path) -> None:
    good = make_good_file_with_backup(data_path)
    bad = good.with_name("bonecoach.json.2026-12-01.bak.json")
    bad.write_text("broken")
    data_path.write_text("broken too")
    with pytest.raises(CorruptStoreError) as error:
        Store.open(data_path)
    assert error.value.newest_backup == good


def test_restore_refuses_a_bad_backup_and_an_open_file(open_store, data_path: Path) -> None:
    backup = make_good_file_with_backup(data_path)
    bad = data_path.parent / "bad.json"
    bad.write_text("nope")
    with pytest.raises(StoreError, match="not a readable"):
        restore_backup(data_path, bad, now=__import__("datetime").datetime(2026, 1, 1))
    open_store()
    with pytest.raises(StoreError, match="another session"):
        restore_backup(data_path, backup, now=__import__("datetime").datetime(2026, 1, 1))


def test_doctor_reports_invalid_records(data_path: Path) -> None:
    with Store.open(data_path) as store:
        store.put_checkin(CheckIn(DAY, pain=4))
    data = json.loads(data_path.read_text())
    data["checkins"][str(DAY.toordinal())]["pain"] = 42
    data_path.write_text(json.dumps(data))
    report = check_file(data_path)
    assert not report.ok
    problem = str(report.records[0])
    assert "pain" in problem and "0 to 10" in problem
    assert f'checkins["{DAY.toordinal()}"] (check-in of {DAY.isoformat()})' in problem


# --------------------------------------------------------------------------- schema


def test_an_older_schema_file_is_migrated_and_the_original_kept(data_path: Path) -> None:
    data_path.parent.mkdir(parents=True)
    v1 = {
        "_meta": {"1": {"schema": 1}},
        "checkins": {str(DAY.toordinal()): {"day": DAY.isoformat(), "pain": 3, "calcium_mg": 900}},
    }
    data_path.write_text(json.dumps(v1))
    with Store.open(data_path, clock=Clock(DAY)) as store:
        entry = store.get_checkin(DAY)
        assert entry.calcium_food_mg == 900 and entry.calcium_supplement_mg is None
    on_disk = json.loads(data_path.read_text())
    assert on_disk["_meta"]["1"]["schema"] == SCHEMA_VERSION
    kept = [b for b in list_backups(data_path) if "schema1" in b.name]
    assert kept and json.loads(kept[0].read_text()) == v1


def test_read_only_open_migrates_in_memory_only(data_path: Path) -> None:
    data_path.parent.mkdir(parents=True)
    v1 = {
        "_meta": {"1": {"schema": 1}},
        "checkins": {str(DAY.toordinal()): {"day": DAY.isoformat(), "calcium_mg": 700}},
    }
    data_path.write_text(json.dumps(v1))
    with Store.open(data_path, read_only=True) as store:
        assert store.get_checkin(DAY).calcium_food_mg == 700
    assert json.loads(data_path.read_text()) == v1


def test_new_file_gets_the_schema_marker(open_store, data_path: Path) -> None:
    open_store().put_checkin(CheckIn(DAY, pain=1))
    assert json.loads(data_path.read_text())["_meta"]["1"]["schema"] == SCHEMA_VERSION


def test_opening_creates_nothing_until_the_first_save(data_path: Path) -> None:
    with Store.open(data_path) as store:
        assert store.get_profile() is None
    assert not data_path.exists()


# --------------------------------------------------------------------------- import/export


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(checkins(), max_size=6, unique_by=lambda c: c.day), profile=profiles())
def test_export_import_round_trip_and_idempotence(
    tmp_path_factory: pytest.TempPathFactory, entries: list[CheckIn], profile: Profile
) -> None:
    folder = tmp_path_factory.mktemp("io")
    with Store.open(folder / "a.json") as source:
        source.put_profile(profile)
        for entry in entries:
            source.put_checkin(entry)
        source.put_dxa(DxaScan(DAY, "total_hip", -1.7))
        exported = json.loads(json.dumps(source.export_dict()))
    with Store.open(folder / "b.json") as target:
        latest = date(2026, 12, 31)  # the strategies' last day: nothing is in the future
        first = target.import_dict(exported, latest)
        assert first.changed == len(entries) + 2
        assert target.import_dict(exported, latest).changed == 0
        assert json.loads(json.dumps(target.export_dict())) == exported


def test_import_validates_everything_before_writing(open_store, data_path: Path) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    before = data_path.read_bytes()
    bad = store.export_dict()
    bad["checkins"].append({"day": "2026-11-20", "pain": 3})
    bad["checkins"].append({"day": "2026-11-21", "mood": 9})
    with pytest.raises(StoreError, match="checkins record 3: mood"):
        store.import_dict(bad)
    assert data_path.read_bytes() == before
    with pytest.raises(StoreError, match="bonecoach-export"):
        store.import_dict({"checkins": []})


def test_writes_are_atomic_replacements(open_store, data_path: Path) -> None:
    store = open_store()
    store.put_checkin(CheckIn(DAY, pain=1))
    inode = os.stat(data_path).st_ino
    store.put_checkin(CheckIn(DAY, pain=2))
    assert os.stat(data_path).st_ino != inode  # a new file replaced the old one


# --------------------------------------------------------------------------- deferred lock


def test_deferred_lock_becomes_read_only_when_another_session_has_the_file(
    open_store, data_path: Path
) -> None:
    first = open_store()
    first.put_checkin(CheckIn(DAY, pain=1))
    late = open_store(defer_lock=True)
    assert not late.read_only  # not known yet
    assert late.acquire_lock() is False
    assert late.read_only and late.read_only_reason == READ_ONLY_MESSAGE
    with pytest.raises(ReadOnlyError):
        late.put_checkin(CheckIn(DAY, pain=9))


def test_a_write_takes_the_deferred_lock_first(open_store, data_path: Path) -> None:
    store = open_store(defer_lock=True)
    store.put_checkin(CheckIn(DAY, pain=2))  # takes the lock before writing
    assert open_store().read_only  # a second session now sees it held


def test_deferred_lock_rereads_a_file_changed_in_between(open_store, data_path: Path) -> None:
    with Store.open(data_path) as other:
        other.put_checkin(CheckIn(DAY, pain=1))
    store = open_store(defer_lock=True)
    with Store.open(data_path) as other:  # another session writes, then closes
        other.put_checkin(CheckIn(DAY - timedelta(days=1), pain=5))
    assert store.get_checkin(DAY - timedelta(days=1)) is None  # still the old view
    assert store.acquire_lock() is True
    store.put_checkin(CheckIn(DAY - timedelta(days=2), pain=7))
    with reopen(data_path) as again:
        assert [c.pain for c in again.checkins()] == [7, 5, 1]  # nothing of theirs lost


# --------------------------------------------------------------------------- durability order


def _fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to name descriptors")
def test_a_save_fsyncs_the_temp_file_then_renames_then_fsyncs_the_folder(
    open_store, data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill -9 cannot show a missing fsync (the kernel still has the data); this can."""
    store = open_store(clock=lambda: DAY)
    store.put_checkin(CheckIn(DAY, pain=1))  # folder made, backup of the day not needed
    events: list[tuple[str, ...]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", _fd_path(fd)))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(("replace", str(src), str(dst)))
        real_replace(src, dst)

    with monkeypatch.context() as patched:
        patched.setattr(storage.os, "fsync", fsync)
        patched.setattr(storage.os, "replace", replace)
        store.put_checkin(CheckIn(DAY, pain=2))
    assert len(events) == 3, events
    (first, temp), (second, src, dst), (third, folder) = events
    assert first == "fsync" and Path(temp).name.startswith(".tmp-bonecoach.json.")
    assert (second, src, dst) == ("replace", temp, str(data_path))
    assert (third, folder) == ("fsync", str(data_path.parent))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to name descriptors")
def test_a_backup_is_fsynced_before_it_is_linked_into_place_and_the_folder_after(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_path, clock=lambda: DAY) as store:
        store.put_checkin(CheckIn(DAY, pain=1))
    events: list[tuple[str, str]] = []
    real_fsync, real_link = os.fsync, os.link

    def fsync(fd: int) -> None:
        events.append(("fsync", _fd_path(fd)))
        real_fsync(fd)

    def link(src: str, dst: str) -> None:
        events.append(("link", str(dst)))
        real_link(src, dst)

    with monkeypatch.context() as patched:
        patched.setattr(storage.os, "fsync", fsync)
        patched.setattr(storage.os, "link", link)
        from store.backups import make_backup

        made = make_backup(data_path, DAY)
    assert made is not None
    assert [e[0] for e in events] == ["fsync", "fsync", "link", "fsync"]
    assert events[0][1] == str(data_path.parent)  # the new backups/ folder, in its parent
    assert Path(events[1][1]).name.startswith(".tmp-" + made.name)
    assert events[2][1] == str(made) and events[3][1] == str(made.parent)


def test_the_lock_is_held_until_released_and_dropped_when_a_process_dies(tmp_path: Path) -> None:
    import subprocess
    import sys

    from store.locking import FileLock, Timeout

    lock_path = str(tmp_path / "b.json.lock")
    first = FileLock(lock_path)
    first.acquire()
    with pytest.raises(Timeout):
        FileLock(lock_path, timeout=0.1).acquire()
    first.release()
    second = FileLock(lock_path)
    second.acquire()  # free again
    second.release()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from store.locking import FileLock; "
            f"lock = FileLock({lock_path!r}); lock.acquire(); print('held', flush=True); "
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(Timeout):
        FileLock(lock_path, timeout=0.1).acquire()
    holder.kill()
    holder.wait()
    again = FileLock(lock_path, timeout=2)
    again.acquire()  # the kernel dropped the dead process's lock
    assert again.is_locked
    again.release()
    assert oct(os.stat(lock_path).st_mode & 0o777) == "0o600"


def test_a_failed_save_leaves_the_days_backup_a_file_of_its_own(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The day's backup is linked to the file the save is about to replace. If that save
    fails (disk full), nothing replaced the file: the backup must not stay the same file as
    the data file, or an editor writing the data file in place would change the backup too."""
    clock = Clock(DAY)
    with Store.open(data_path, clock=clock) as store:
        store.put_checkin(CheckIn(DAY, pain=1))
    before = data_path.read_bytes()
    clock.day = DAY + timedelta(days=1)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with Store.open(data_path, clock=clock) as store:
        monkeypatch.setattr(storage, "atomic_stream", disk_full)
        with pytest.raises(SaveError, match="No space left"):
            store.put_checkin(CheckIn(clock.day, pain=5))
        monkeypatch.undo()
        (backup,) = list_backups(data_path)
        assert not backup.samefile(data_path)
        assert backup.read_bytes() == before == data_path.read_bytes()
        store.put_checkin(CheckIn(clock.day, pain=6))  # the next save works, no second backup
    assert list_backups(data_path) == [backup]
    assert backup.read_bytes() == before
