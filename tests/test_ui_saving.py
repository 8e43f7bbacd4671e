"""A save that fails (disk full, no permission, a damaged file) never crashes a screen and never
loses what was typed: the form stays, a message says why, and saving again works once fixed."""

from __future__ import annotations

import dataclasses
import errno
from datetime import date
from pathlib import Path

import pytest
from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, queue_keys, until_keys_done

import store.storage
from coach.models import CheckIn
from screens.app import CoachApp
from screens.bone import BoneHealthScreen
from screens.checkin import CheckInScreen
from screens.checkin_summary import CheckInSummaryScreen
from screens.plan import PlanScreen
from screens.profile import ProfileScreen
from screens.saving import save_problem
from screens.session_done import SessionDoneScreen
from store.db import StoreError


class Disk:
    """The store's one way to the disk, made to fail on demand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
        self.error = error
        self.full = False
        real = store.storage._create_temp  # every atomic write (whole or streamed) starts here

        def create_temp(path: Path) -> tuple[int, str]:
            if self.full:
                raise self.error
            return real(path)

        monkeypatch.setattr(store.storage, "_create_temp", create_temp)


def recorder(app: CoachApp) -> list[str]:
    said: list[str] = []
    notify = app.notify

    def record(message: str, **kwargs: object) -> None:
        said.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = record  # type: ignore[method-assign]
    return said


DISK_FULL = OSError(errno.ENOSPC, "No space left on device")


def test_save_problems_in_words() -> None:
    assert "the disk is full" in save_problem(DISK_FULL)
    denied = OSError(errno.EACCES, "Permission denied", "/data/bonecoach.json")
    assert "cannot be written to (/data/bonecoach.json)" in save_problem(denied)
    assert save_problem(StoreError("x.json is damaged")) == "x.json is damaged"


@pytest.mark.parametrize(
    "error", [DISK_FULL, StoreError("bonecoach.json changed on disk")], ids=["disk", "store"]
)
async def test_checkin_keeps_what_was_typed_when_the_save_fails(
    data_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    disk = Disk(monkeypatch, error)
    said = recorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        disk.full = True
        queue_keys(app, "c", "4", "enter", "2", "ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInScreen)  # still the form, nothing crashed
        assert app.screen.query_one("#pain").value == "4"
        assert app.screen.query_one("#interference").value == "2"
        assert "The check-in not saved" in said[-1] and "still here" in said[-1]
        disk.full = False
        await pilot.press("ctrl+s")  # the same form, saved once the disk has room
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInSummaryScreen)
    saved = app.store.get_checkin(TODAY)
    assert (saved.pain, saved.interference) == (4, 2)


async def test_profile_and_dxa_keep_what_was_typed(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    disk = Disk(monkeypatch, DISK_FULL)
    said = recorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        disk.full = True
        queue_keys(app, "e", *"Bea", "ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.query_one("#name").value == "Bea"
        assert "disk is full" in said[-1]
        disk.full = False
        await pilot.press("ctrl+s")
        await until_keys_done(pilot)
        disk.full = True
        queue_keys(app, "b", *"2026-01-05", "enter", "enter", *"-2.1", "enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, BoneHealthScreen)
        assert app.screen.query_one("#dxa-t").value == "-2.1"
        assert "The DXA result not saved" in said[-1]
        assert app.store.dxa_scans() == []
    assert app.store.get_profile().name == "Bea"


async def test_mark_done_dialog_stays_open_when_the_save_fails(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(data_path, profile=dataclasses.replace(SAMPLE_PROFILE, days_per_week=7))
    disk = Disk(monkeypatch, DISK_FULL)
    said = recorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await until_keys_done(pilot)
        disk.full = True
        queue_keys(app, "d", "6", "enter", "2", "enter", "enter", *"ok", "enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, SessionDoneScreen)
        assert app.screen.query_one("#effort").value == "6"
        assert "The session not saved" in said[-1]
        assert list(app.store.session_logs()) == [] and app.store.get_checkin(TODAY) is None
        disk.full = False
        await pilot.press("ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, PlanScreen)
    [log] = app.store.session_logs()
    assert (log.effort, log.pain_during, log.note) == (6, 2, "ok")
    assert app.store.get_checkin(TODAY).exercise_min > 0


async def test_deleting_a_day_when_the_disk_fails(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    day = date(2026, 11, 25)
    app.store.put_checkin(CheckIn(day, pain=2))
    disk = Disk(monkeypatch, OSError(errno.EROFS, "Read-only file system"))
    said = recorder(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        disk.full = True
        queue_keys(app, "h", "left", "d", "y")
        await until_keys_done(pilot)
        assert "cannot be written to" in said[-1]
    assert app.store.get_checkin(day) is not None
