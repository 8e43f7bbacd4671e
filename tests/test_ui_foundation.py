"""The TUI shell at 80x24, driven by real key presses."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import SAMPLE_PROFILE, SIZE, make_app, on_disk, text_of

from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.onboarding import OnboardingScreen
from store.db import Store


async def test_onboarding_then_home_then_quit(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press(*"Ann", "tab", *"2015")  # too young: refused with a message
        await pilot.press("tab", "tab", "tab", "up", "up")  # past drug and smoking: days 3 -> 5
        await pilot.press("tab", "tab", "tab", "space")  # minutes, then tick "resistance bands"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)  # not saved: errors shown
        error_text = text_of(app.screen.query_one("#row-birth_year .field-error"))
        assert "2008 or earlier" in error_text
        assert "tick the box" in text_of(app.screen.query_one("#agree-error"))
        with on_disk(data_path) as saved:
            assert saved.get_profile() is None
        assert app.screen.query_one("#birth_year").value == "2015"  # what was typed is kept
        birth = app.screen.query_one("#birth_year")
        birth.focus()
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"1958")
        app.screen.query_one("#agree").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        profile = app.store.get_profile()
        assert (profile.name, profile.birth_year, profile.days_per_week) == ("Ann", 1958, 5)
        assert profile.equipment == ("none", "band")
        assert profile.smoker == "unknown"  # not asked is not "no" (issue 12)
        assert "Ann" in text_of(app.screen.query_one("#status"))
        await pilot.press("q")
    assert app.return_code == 0


async def test_escape_leaves_set_up_for_later(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert app.store.get_profile() is None
    assert not data_path.exists()


async def test_home_shows_streaks_and_the_last_seven_days(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE, days=12)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        streak = text_of(app.screen.query_one("#status"))
        assert "Streak: 4 days" in streak  # yesterday back to 4 days ago (5 days ago missed)
        text = text_of(app.screen.query_one("#panels"))
        assert "not checked in" in text and "Today" in text


async def test_help_lists_keys_and_closes(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_second_session_shows_read_only(data_path: Path) -> None:
    with Store.open(data_path) as first:
        first.put_profile(SAMPLE_PROFILE)
        app = make_app(data_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            banner = text_of(app.screen.query_one("#read-only"))
            assert "open in another session — read-only" in banner
        app.store.close()


def test_home_snapshot(snap_compare, data_path: Path) -> None:
    assert snap_compare(make_app(data_path, profile=SAMPLE_PROFILE, days=10), terminal_size=SIZE)


async def test_lock_taken_after_the_first_frame_shows_read_only(data_path: Path) -> None:
    from ui_helpers import TODAY

    from screens.app import CoachApp

    with Store.open(data_path) as first:
        first.put_profile(SAMPLE_PROFILE)
        store = Store.open(data_path, defer_lock=True)
        app = CoachApp(store, today=lambda: TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert store.read_only
            banner = app.screen.query_one("#read-only")
            assert banner.display and "read-only" in text_of(banner)
        store.close()


async def test_lock_taken_after_the_first_frame_when_free(data_path: Path) -> None:
    from ui_helpers import TODAY

    from screens.app import CoachApp

    with Store.open(data_path) as first:
        first.put_profile(SAMPLE_PROFILE)
    store = Store.open(data_path, defer_lock=True)
    app = CoachApp(store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not store.read_only and store._lock is not None
        assert not app.screen.query("#read-only")  # the banner is only mounted when needed
        second = Store.open(data_path)
        assert second.read_only  # held by the app now
        second.close()
    store.close()


async def test_theme_choice_is_remembered_and_accessible_themes_exist(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    assert {"ansi-dark", "ansi-light", "bonecoach-high-contrast"} <= set(app.available_themes)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"theme")
        await pilot.pause(0.5)  # the palette searches in the background
        await pilot.press("enter")
        await pilot.pause(0.8)
        await pilot.press(*"high")
        await pilot.pause(0.8)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "bonecoach-high-contrast"
    assert app.store.get_setting("theme") == "bonecoach-high-contrast"
    app.store.close()
    again = make_app(data_path)
    assert again.theme == "bonecoach-high-contrast"  # applied before the first frame
    again.store.close()


async def test_onboarding_asks_about_smoking(data_path: Path) -> None:
    """Issue 12: smoking changes the guideline answer, so onboarding asks instead of assuming."""
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        app.screen.query_one("#smoker").focus()
        await pilot.press("right", "right")  # "unknown" -> "no" (never) -> "former"
        await pilot.pause()
        app.screen.query_one("#agree").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.store.get_profile().smoker == "former"


async def test_q_is_a_letter_in_a_text_field_and_ctrl_q_quits_anywhere(data_path: Path) -> None:
    """Issue 11 item 9: the README's promise about q, kept: q quits wherever it is not being
    typed into a field; ctrl+q quits from anywhere (asking first when a form has changes)."""
    from screens.checkin import CheckInScreen
    from screens.confirm import ConfirmScreen

    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one("#note"))
        await pilot.press(*"quiet q")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#note").value == "quiet q"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # unsaved: asks
        await pilot.press("n", "escape", "y")  # keep editing; then leave the form, discarding
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_home_left_open_past_midnight_turns_to_the_new_day(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Left open overnight, home showed yesterday's "checked in today" (and its date) while
    ``c`` already opened the new day's check-in."""
    from datetime import timedelta

    from ui_helpers import TODAY

    from coach.models import CheckIn
    from screens.app import CoachApp

    monkeypatch.setattr(CoachApp, "NEW_DAY_CHECK_SECONDS", 0.05)
    clock = [TODAY]
    store = Store.open(data_path, clock=lambda: clock[0])
    store.put_profile(SAMPLE_PROFILE)
    store.put_checkin(CheckIn(TODAY, pain=2))
    app = CoachApp(store, today=lambda: clock[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#status")
        assert "Checked in today" in text_of(status)
        await pilot.press("l")  # on another screen at midnight: home is drawn when it is back
        clock[0] = TODAY + timedelta(days=1)
        await pilot.pause(0.2)
        await pilot.press("escape")
        await pilot.pause()
        assert "Not checked in yet today" in text_of(status)
        clock[0] = TODAY + timedelta(days=2)  # midnight again, this time on home
        await pilot.pause(0.2)
        assert "Not checked in yet today" in text_of(status)
        assert clock[0].strftime("%A %d %B %Y") in text_of(status)
        week = text_of(app.screen.query_one("#panels"))
        assert (TODAY.strftime("%a %d") in week) and "Today" in week
    store.close()
