"""The weeks of a long diary summed beside the session (screens/weeks_helper.py, issue 15).

``bonecoach doctor --keep-weeks`` and the app's helper process open the file read-only and
keep its weeks while a session holds it; Trends reads them once they come. Every test checks
that what is shown or kept is exactly what the file's records make."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from test_kept_weeks import kept_as_made
from test_ui_trends import open_trends, year_app
from ui_helpers import SIZE, TODAY

from coach import cli
from coach.cli import _today, sum_and_keep_weeks
from coach.kept_weeks import kept_weeks_cut
from coach.models import CheckIn
from coach.trends import all_time_start, kept_rows, series_for_range
from screens import trends as trends_screen
from screens import weeks_helper
from screens.app import CoachApp
from screens.weeks_helper import WeeksHelper
from store import weeks
from store.db import Store

DAYS = 1500  # a demo of about 2,500 records: more than KEEP_WEEKS_FROM


@pytest.fixture(scope="module")
def long_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo diary of years, made once; each test copies it, without its kept weeks."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    assert cli.main(["demo", "--days", str(DAYS), "--data", str(path)]) == 0
    return path


@pytest.fixture
def diary(long_demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "diary.json"
    path.write_bytes(long_demo.read_bytes())
    path.chmod(0o600)
    return path


# --------------------------------------------------------------------------- the command


def test_doctor_keeps_them_beside_a_session_that_goes_on(diary: Path, capsys) -> None:
    """Kept read-only while a session holds the file; that session's save of today carries
    them on, and one of a day before their cut ends them. Run again, it says they hold."""
    session = Store.open(diary, clock=_today)  # holds the one-writer lock
    assert not session.read_only
    assert cli.main(["--data", str(diary), "doctor", "--keep-weeks"]) == 0
    assert "Kept the weekly totals" in capsys.readouterr().out
    kept_as_made(diary)
    assert cli.main(["--data", str(diary), "doctor", "--keep-weeks"]) == 0
    assert "hold already" in capsys.readouterr().out

    session.put_checkin(CheckIn(_today(), pain=9))
    assert session.kept_weeks() is not None  # carried on to the file just saved
    kept_as_made(diary)
    session.put_checkin(CheckIn(_today() - timedelta(days=700), pain=10))
    assert session.kept_weeks() is None
    session.close()


def test_doctor_says_when_there_is_nothing_to_keep(tmp_path: Path, diary: Path, capsys) -> None:
    short = tmp_path / "short.json"
    assert cli.main(["demo", "--days", "200", "--data", str(short)]) == 0
    capsys.readouterr()
    assert cli.main(["--data", str(short), "doctor", "--keep-weeks"]) == 0
    assert "Nothing to keep" in capsys.readouterr().out
    assert not weeks.kept_path(short).exists()

    missing = tmp_path / "none.json"
    assert cli.main(["--data", str(missing), "doctor", "--keep-weeks"]) == 0
    assert "Nothing to keep: 0 records" in capsys.readouterr().out
    assert not missing.exists()

    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"checkins": [1,')
    assert cli.main(["--data", str(damaged), "doctor", "--keep-weeks"]) == 1
    assert "is not valid JSON" in capsys.readouterr().err
    assert not weeks.kept_path(damaged).exists()

    # written by another program: no layout, so no seal for the weeks to name (until a save)
    diary.write_text(json.dumps(json.loads(diary.read_text()), indent=1))
    assert cli.main(["--data", str(diary), "doctor", "--keep-weeks"]) == 1
    assert "Could not keep" in capsys.readouterr().out
    assert not weeks.kept_path(diary).exists()


def test_all_at_once_and_streamed_they_are_the_same_file(diary: Path) -> None:
    with Store.open(diary, read_only=True, clock=_today) as store:
        assert sum_and_keep_weeks(store, beside_writer=True) == "kept"
    streamed = weeks.kept_path(diary).read_bytes()
    weeks.kept_path(diary).unlink()
    with Store.open(diary, read_only=True, clock=_today) as store:
        assert sum_and_keep_weeks(store, beside_writer=True, whole=True) == "kept"
    assert weeks.kept_path(diary).read_bytes() == streamed
    assert [p.name for p in diary.parent.iterdir() if p.name.endswith(".new")] == []


# --------------------------------------------------------------------------- the process


def until_ended(helper: WeeksHelper, seconds: float = 60.0) -> None:
    give_up = time.monotonic() + seconds
    while helper.running and time.monotonic() < give_up:
        time.sleep(0.01)
    assert not helper.running, "the helper never ended"


@pytest.fixture(params=["forked", "started"])
def how(request: pytest.FixtureRequest, monkeypatch) -> str:
    """Both kinds of helper: a fork of this process (Linux, no thread running) and a Python
    started afresh (elsewhere)."""
    if request.param == "forked" and not weeks_helper.can_fork():
        pytest.skip("this process cannot fork a helper (not Linux, or a thread is running)")
    monkeypatch.setattr(weeks_helper, "can_fork", lambda: request.param == "forked")
    return request.param


def test_the_helper_process_keeps_them_for_a_diary_that_wants_them(
    diary: Path, tmp_path: Path, how: str
) -> None:
    short = tmp_path / "short.json"
    assert cli.main(["demo", "--days", "200", "--data", str(short)]) == 0
    with Store.open(short, read_only=True) as store:
        assert not WeeksHelper.wanted(store, _today())  # read whole in a few ms

    store = Store.open(diary, clock=_today)
    assert WeeksHelper.wanted(store, _today())
    helper = WeeksHelper.for_store(store, _today())
    assert helper.running and helper.generation == 0
    assert (type(helper._process).__name__ == "_Forked") == (how == "forked")
    until_ended(helper)
    assert helper.generation == 1
    kept_as_made(diary)
    assert not WeeksHelper.wanted(store, _today())
    assert not WeeksHelper.for_store(store, _today()).running  # none needed now
    # too old to use a year and more later: wanted again
    assert WeeksHelper.wanted(store, _today() + timedelta(days=400))
    store.close()


def test_a_helper_still_running_is_stopped_with_nothing_left_behind(diary: Path, how: str) -> None:
    store = Store.open(diary, clock=_today)
    helper = WeeksHelper.for_store(store, _today())
    process = helper._process
    assert process is not None
    helper.stop()
    assert process.returncode is not None and not helper.running
    with pytest.raises(ProcessLookupError):
        os.kill(process.pid, 0)  # ended and reaped: no process left
    left = [p.name for p in diary.parent.iterdir() if p.name.endswith(".new")]
    assert left == []
    helper.stop()  # twice: nothing to do
    assert helper.generation == 1
    store.close()


def test_a_forked_helper_never_returns_into_the_app(
    diary: Path, tmp_path: Path, monkeypatch
) -> None:
    """Whatever it raises, the fork ends there, silent: it never goes on with the code that
    forked it (here: this test, which writes its pid after the fork)."""
    if not weeks_helper.can_fork():
        pytest.skip("this process cannot fork a helper (not Linux, or a thread is running)")

    def fails(_store: Store) -> int:
        print("nothing of this may reach the app's terminal")
        raise KeyboardInterrupt

    monkeypatch.setattr(weeks_helper, "_keep", fails)
    went_on = tmp_path / "went-on"
    with Store.open(diary, clock=_today) as store:
        helper = WeeksHelper.for_store(store, _today())
        with went_on.open("a") as out:
            out.write(f"{os.getpid()}\n")
        process = helper._process
        until_ended(helper)
    assert process is not None and process.returncode == 1
    assert went_on.read_text() == f"{os.getpid()}\n"
    assert not weeks.kept_path(diary).exists()


def test_no_fork_while_a_thread_runs() -> None:
    """Only the forking thread goes on in a fork: one holding a lock the helper needs would
    leave it waiting for ever. ``bonecoach`` forks before Textual starts any."""
    can = weeks_helper.can_fork()
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not weeks_helper.can_fork()
    finally:
        release.set()
        thread.join()
    assert weeks_helper.can_fork() == can


def test_a_helper_that_cannot_start_is_no_helper(diary: Path, monkeypatch) -> None:
    monkeypatch.setattr("sys.executable", str(diary.parent / "no-such-python"))
    helper = WeeksHelper()
    helper.start(diary)
    assert not helper.running and helper.generation == 0
    helper.stop()


# --------------------------------------------------------------------------- the screen


class FakeHelper:
    """A helper the test ends: ``finish`` keeps the weeks of the file as the process would."""

    def __init__(self, path: Path) -> None:
        self.path, self.running, self.generation = path, True, 0

    def finish(self) -> None:
        with Store.open(self.path, read_only=True, clock=lambda: TODAY) as store:
            checkins, logs = store.checkins(), store.session_logs()
            start, cut = all_time_start(checkins, logs, TODAY), kept_weeks_cut(TODAY)
            assert store.keep_weeks(
                cut, start, dict(kept_rows(checkins, logs, start, cut)), beside_writer=True
            )
        self.running, self.generation = False, self.generation + 1

    def stop(self) -> None:
        self.running = False


def long_year_app(
    path: Path, monkeypatch, hold_after: int | None = None
) -> tuple[CoachApp, FakeHelper, list[int]]:
    """A year of records read in steps as a long diary is (``LONG_READ``), with a helper
    summing its weeks; the list holds the progress of each step of the store's whole read,
    which waits after ``hold_after`` steps until the helper has finished."""
    monkeypatch.setattr(trends_screen, "LONG_READ", 100)
    monkeypatch.setattr(trends_screen, "READ_AHEAD_AFTER", 0.01)
    app = year_app(path)
    helper = FakeHelper(path)
    app.weeks_helper = helper  # type: ignore[assignment]
    steps: list[int] = []
    read_whole_history = app.store.read_whole_history

    def counted(step: int = 75):  # type: ignore[no-untyped-def]
        for progress in read_whole_history(step):
            steps.append(progress[0])
            yield progress
            while hold_after is not None and len(steps) >= hold_after and helper.running:
                yield progress

    monkeypatch.setattr(app.store, "read_whole_history", counted)
    return app, helper, steps


def shown_is_all_the_records_make(app: CoachApp) -> None:
    with Store.open(app.store.path, read_only=True) as records:
        checkins, logs = records.checkins(), records.session_logs()
    assert app.screen.view().series == (series_for_range("pain", "all", checkins, logs, TODAY),)


async def test_reading_ahead_waits_for_the_helper(data_path: Path, monkeypatch) -> None:
    """Unasked, the whole read does not start while the helper runs; its weeks, once come,
    spare it: "all time" then reads the records from their cut only."""
    app, helper, steps = long_year_app(data_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.pause(0.1)  # well past READ_AHEAD_AFTER
        assert steps == [] and app.screen._reading is not None  # waiting
        helper.finish()
        await app.workers.wait_for_complete()
        assert steps == [] and app.screen._reading is None
        await pilot.press("4")
        await pilot.pause()
        assert not app.store.whole_history_known()
        shown_is_all_the_records_make(app)
    app.store.close()


async def test_all_time_asked_reads_at_once_and_stops_when_the_weeks_come(
    data_path: Path, monkeypatch
) -> None:
    app, helper, steps = long_year_app(data_path, monkeypatch, hold_after=3)
    monkeypatch.setattr(trends_screen, "READ_AHEAD_AFTER", 30.0)  # only when asked
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        for _ in range(200):
            if len(steps) >= 3:
                break
            await pilot.pause(0.005)
        assert len(steps) == 3  # read at once, the helper still running
        helper.finish()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # one step more (under way as they came), then stopped short of the end
        assert len(steps) == 4 and steps[-1] < app.store.history_size()
        assert not app.store.whole_history_known()
        assert app.screen._reading is None
        shown_is_all_the_records_make(app)
    app.store.close()


async def test_all_time_asked_with_no_helper_reads_the_whole_diary(
    data_path: Path, monkeypatch
) -> None:
    app, helper, steps = long_year_app(data_path, monkeypatch)
    helper.stop()  # ended without keeping anything (failed)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.whole_history_known() and steps
        shown_is_all_the_records_make(app)
    app.store.close()


def test_what_a_writer_killed_while_keeping_them_left_is_removed(diary: Path) -> None:
    """Each process writes the weeks to a file of its own name first: one whose process is
    gone is removed at the next keep, one of a process still running is left to it."""
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    kept = weeks.kept_path(diary)
    dead = kept.with_name(f"{kept.name}.{gone.pid}.new")
    alive = kept.with_name(f"{kept.name}.1.new")  # init: always running
    other = kept.with_name(f"{kept.name}.x1.new")
    for leftover in (dead, alive, other):
        leftover.write_text("half")
    with Store.open(diary, read_only=True, clock=_today) as store:
        assert sum_and_keep_weeks(store, beside_writer=True) == "kept"
    assert not dead.exists() and alive.exists() and other.exists()
    kept_as_made(diary)


def test_weeks_that_cannot_be_written_are_not_said_kept(diary: Path, monkeypatch, capsys) -> None:
    def refused(*_args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(weeks.os, "replace", refused)
    assert cli.main(["--data", str(diary), "doctor", "--keep-weeks"]) == 1
    assert "cannot be written" in capsys.readouterr().out
    assert sorted(p.name for p in diary.parent.iterdir()) == ["diary.json"]


def test_weeks_that_could_not_be_kept_are_not_summed(diary: Path, monkeypatch) -> None:
    """A file not in the layout, or in a folder that takes no new files: no helper starts,
    and ``sum_and_keep_weeks`` says so before reading a record (0.3 s at 30 years)."""

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("read every record to keep nothing")

    with Store.open(diary, clock=_today) as store:
        assert store.can_keep_weeks() and WeeksHelper.wanted(store, _today())

    # a folder that cannot be written (a read-only file system)
    real_access = weeks.os.access
    folder = diary.parent

    def access(path: object, mode: int) -> bool:
        return False if Path(path) == folder and mode == weeks.os.W_OK else real_access(path, mode)

    with monkeypatch.context() as patched:
        patched.setattr(weeks.os, "access", access)
        with Store.open(diary, clock=_today) as store:
            assert not store.can_keep_weeks()
            assert not WeeksHelper.wanted(store, _today())
            assert not WeeksHelper.for_store(store, _today()).running
            patched.setattr(Store, "checkins", no_reading)
            patched.setattr(Store, "stream_checkins", no_reading)
            assert sum_and_keep_weeks(store) == "not kept"
            assert sum_and_keep_weeks(store, whole=True) == "not kept"
    assert not weeks.kept_path(diary).exists()

    # written by another program: no seal until its next save
    diary.write_text(json.dumps(json.loads(diary.read_text()), indent=1))
    with Store.open(diary, read_only=True, clock=_today) as store:
        assert not store.can_keep_weeks(beside_writer=True)
        assert not WeeksHelper.wanted(store, _today())
        with monkeypatch.context() as patched:
            patched.setattr(Store, "checkins", no_reading)
            patched.setattr(Store, "stream_checkins", no_reading)
            assert sum_and_keep_weeks(store, beside_writer=True, whole=True) == "not kept"
    with Store.open(diary, clock=_today) as store:
        store.put_checkin(CheckIn(_today(), pain=2))  # saved in the layout: sealed
        assert store.can_keep_weeks() and WeeksHelper.wanted(store, _today())
        assert sum_and_keep_weeks(store) == "kept"
    kept_as_made(diary)


async def test_the_app_reaps_its_helper_once_it_has_ended(data_path: Path) -> None:
    """No defunct process for the rest of the session: the app asks until it has ended."""
    helper = WeeksHelper()
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.5)"])
    helper._process = process  # (a helper still running when the app starts)
    app = year_app(data_path)
    app.weeks_helper = helper
    async with app.run_test(size=SIZE) as pilot:
        assert app._helper_watch is not None
        give_up = time.monotonic() + 60
        while helper._process is not None and time.monotonic() < give_up:
            await pilot.pause(0.05)  # (helper.running would reap it: only the app asks)
        assert helper._process is None and helper.generation == 1
        assert process.returncode == 0
        with pytest.raises(ProcessLookupError):
            os.kill(process.pid, 0)
        assert app._helper_watch._task is None  # stopped: no more asking
    app.store.close()


def test_a_forked_helper_holds_none_of_the_apps_files(diary: Path, monkeypatch) -> None:
    """Not the one-writer lock above all: it ends with the app, not with its helper."""
    if not weeks_helper.can_fork():
        pytest.skip("this process cannot fork a helper (not Linux, or a thread is running)")
    keep = weeks_helper._keep

    def slow(store: Store) -> int:
        time.sleep(0.5)  # (in the fork: time to look at its files)
        return keep(store)

    monkeypatch.setattr(weeks_helper, "_keep", slow)
    with Store.open(diary, clock=_today) as store:  # the lock taken at once
        assert not store.read_only
        helper = WeeksHelper.for_store(store, _today())
        process = helper._process
        assert process is not None
        time.sleep(0.2)
        files = [os.readlink(f) for f in Path(f"/proc/{process.pid}/fd").iterdir()]
        assert files and all(f == os.devnull for f in files), files
        until_ended(helper)
    assert process.returncode == 0
    kept_as_made(diary)
