"""A crash in the TUI is honest and private: exit status 1, a short message that saved data is
safe and where the report is, and a 0600 report holding no personal data (issue 11 item 4)."""

from __future__ import annotations

import os
import shlex
import stat
import sys
from pathlib import Path

import pytest
from terminal_harness import Tmux, need
from ui_helpers import SIZE, make_app

from coach.models import CheckIn, Profile
from screens.checkin import CheckInScreen
from screens.crash import crash_folders, report_text
from store.db import Store

SECRET = "Zelda"  # the person's name: on screen, never in a report or the crash message
CHILD = Path(__file__).with_name("crash_tui_child.py")


def reports() -> list[Path]:
    return [p for folder in crash_folders() if folder.exists() for p in folder.glob("crash-*")]


def test_a_report_has_types_and_code_locations_only() -> None:
    def inner(value: str) -> None:
        raise KeyError(value)

    try:
        try:
            inner(f"{SECRET} pain 9")
        except KeyError as error:
            raise RuntimeError(f"{SECRET} again") from error
    except RuntimeError as error:
        text = report_text(error)
    assert SECRET not in text and "pain 9" not in text
    assert "builtins.KeyError" in text and "builtins.RuntimeError" in text
    assert ", in inner" in text and "test_ui_crash.py" in text
    assert "bonecoach 0." in text and "Python 3." in text and "textual" in text
    assert str(Path.home()) not in text


async def test_a_crash_writes_a_private_report_and_exits_1(
    data_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def broken(self: CheckInScreen) -> None:
        secret_local = f"{SECRET} pain 9"
        raise ValueError(secret_local)

    monkeypatch.setattr(CheckInScreen, "action_same_as_yesterday", broken)
    app = make_app(data_path, profile=Profile(name=SECRET, birth_year=1958))
    app.store.put_checkin(CheckIn(app.today(), pain=9, note=f"{SECRET}'s knee"))
    with pytest.raises(ValueError):  # Pilot re-raises the app's first error for the test
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c", "ctrl+y")
            await pilot.pause()
    assert app.return_code == 1
    [report] = reports()
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text()
    assert "builtins.ValueError" in text and "in broken" in text
    assert SECRET not in text and "pain 9" not in text and "knee" not in text
    shown = capfd.readouterr()
    assert SECRET not in shown.out + shown.err  # Textual's traceback with locals is not printed
    assert "secret_local" not in shown.out + shown.err
    message = app.crash_message
    assert "Your saved data is safe" in message and str(report) in message
    assert SECRET not in message and "ValueError" in message
    with Store.open(data_path) as store:  # what was saved before the crash is all there
        assert store.get_checkin(app.today()).note == f"{SECRET}'s knee"


@pytest.mark.terminal
def test_a_crash_in_a_real_terminal(tmp_path: Path) -> None:
    need("tmux")
    data = tmp_path / "data" / "bonecoach.json"
    with Store.open(data) as store:
        store.put_profile(Profile(name=SECRET, birth_year=1958))
    home = tmp_path / "home"
    env = {
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    term = Tmux(
        f"{shlex.quote(sys.executable)} {shlex.quote(str(CHILD))} {shlex.quote(str(data))}",
        (80, 24),
        env,
    )
    try:
        term.wait_for("Streak:", SECRET)
        term.keys("c")
        term.wait_for("Worst joint pain")
        term.keys("C-y")
        screen = term.wait_for("[exited 1]")
    finally:
        term.close()
    assert "Your saved data is safe" in screen and "ValueError" in screen
    assert SECRET not in screen and "pain 9" not in screen and "locals" not in screen.lower()
    [report] = (home / ".local" / "state" / "bonecoach" / "log").glob("crash-*.txt")
    assert str(report) in "".join(screen.split())  # named (the long path wraps at 80 columns)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert SECRET not in report.read_text()
