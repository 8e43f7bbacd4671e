"""The daily check-in, history and streaks at 80x24, driven by keys only."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, on_disk, text_of

from coach.models import CheckIn
from screens.checkin import CheckInScreen
from screens.checkin_summary import CheckInSummaryScreen
from screens.confirm import ConfirmScreen
from screens.history import HistoryScreen
from screens.home import HomeScreen
from screens.profile import ProfileScreen
from screens.widgets.fields import TickBox

YESTERDAY = TODAY - timedelta(days=1)


async def type_field(pilot, text: str) -> None:
    """Type into the focused field and press Enter to move on."""
    await pilot.press(*text, "enter")


async def test_full_checkin_with_keys_only(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await type_field(pilot, "5")  # pain
        await type_field(pilot, "2")  # interference
        await pilot.press("y", "enter")  # took the AI
        for value in ("30", "20", "10", "700", "500", "1000", "4", "3", "1.5", "2"):
            await type_field(pilot, value)
        await pilot.press("n", "enter")  # no fall
        for _ in range(7):  # the red-flag boxes: Enter moves on without ticking
            await pilot.press("enter")
        await pilot.press(*"stiff hands", "enter")  # the note: Enter saves
        await pilot.pause()
        assert isinstance(app.screen, CheckInSummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = app.store.get_checkin(TODAY)
    assert saved == CheckIn(
        TODAY,
        pain=5,
        interference=2,
        ai_taken=True,
        aerobic_min=30,
        resistance_min=20,
        balance_min=10,
        calcium_food_mg=700,
        calcium_supplement_mg=500,
        vitamin_d_iu=1000,
        fatigue=4,
        mood=3,
        alcohol_units=1.5,
        caffeine_drinks=2,
        fall=False,
        note="stiff hands",
    )


async def test_same_as_yesterday_in_four_key_presses(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    yesterday = CheckIn(
        YESTERDAY,
        pain=3,
        ai_taken=True,
        aerobic_min=30,
        calcium_food_mg=800,
        vitamin_d_iu=1000,
        fall=True,
        note="tripped",
    )
    app.store.put_checkin(yesterday)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "ctrl+y", "ctrl+s", "enter")  # 4 presses from home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Streak: 2 days" in text_of(app.screen.query_one("#status"))
    saved = app.store.get_checkin(TODAY)
    assert (saved.pain, saved.ai_taken, saved.aerobic_min, saved.calcium_food_mg) == (
        3,
        True,
        30,
        800,
    )
    assert saved.fall is None and saved.note == ""  # events are not copied


async def test_out_of_range_shows_a_message_keeps_the_text_and_saves_nothing(
    data_path: Path,
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("1", "1")  # pain 11
        await pilot.pause()
        row = app.screen.query_one("#row-pain")
        assert "must be a whole number from 0 to 10 (got 11)" in text_of(
            row.query_one(".field-error")
        )
        await pilot.press("tab", "tab", "tab", *"60", "ctrl+s")  # walking 60 min
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # not saved
        assert app.screen.query_one("#pain").value == "11"  # what was typed is kept
        with on_disk(data_path) as saved:
            assert saved.get_checkin(TODAY) is None
        app.screen.query_one("#pain").focus()
        await pilot.press("backspace", "1", "up")  # focus selects all: clear, type 1, step up
        await pilot.pause()
        assert not row.has_class("-invalid")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInSummaryScreen)
    assert app.store.get_checkin(TODAY).pain == 2


async def test_each_number_field_reports_its_own_range(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        for name, bad, words in (
            ("interference", "5", "0 to 4"),
            ("mood", "9", "1 to 5"),
            ("aerobic_min", "601", "0 to 600"),
            ("vitamin_d_iu", "60000", "0 to 50000"),
        ):
            app.screen.query_one(f"#{name}").focus()
            await pilot.press(*bad)
            await pilot.pause()
            error = text_of(app.screen.query_one(f"#row-{name} .field-error"))
            assert words in error and f"got {bad}" in error


async def test_red_flag_shows_the_stop_panel(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#flag-sudden_back_pain").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInSummaryScreen)
        stop = app.screen.query_one(".prompt.stop")
        words = text_of(stop)
        assert "STOP" in words and "Stop exercising and contact your care team" in words
        assert "sudden severe back pain" in words


async def test_pain_prompt_opens_the_joint_pain_topic(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("6", "ctrl+s")
        await pilot.pause()
        assert "raising with your care team" in text_of(app.screen.query_one(".prompt.attention"))
        await pilot.press("j")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "LearnScreen"


async def test_fall_reveals_the_injury_question(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert not app.screen.query_one("#row-fall_injured").display
        app.screen.query_one("#fall").focus()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#row-fall_injured").display
        await pilot.press("tab", "y", "ctrl+s")
        await pilot.pause()
        assert "a fall with injury" in text_of(app.screen.query_one(".prompt.stop"))
    assert app.store.get_checkin(TODAY).fall_injured is True


async def test_escape_asks_before_discarding(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("4", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#pain").value == "4"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert app.store.get_checkin(TODAY) is None


async def test_escape_without_changes_leaves_at_once(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_food_picker_fills_the_calcium_field(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("plus", "plus", "down", "plus", "enter")  # 2 yogurts, 1 tofu
        await pilot.pause()
        assert app.screen.query_one("#calcium_food_mg").value == str(2 * 448 + 434)


async def test_edit_a_past_day_from_history(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.store.put_checkin(CheckIn(YESTERDAY, pain=7, note="bad day"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("left", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen) and app.screen.day == YESTERDAY
        assert app.screen.query_one("#pain").value == "7"  # the day's values are loaded
        await pilot.press("backspace", "4", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Worst joint pain 4/10" in text_of(app.screen.query_one("#day-detail"))
    assert app.store.get_checkin(YESTERDAY) == CheckIn(YESTERDAY, pain=4, note="bad day")


async def test_missing_day_can_be_filled_and_future_days_refused(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        calendar = app.screen.query_one("#calendar")
        await pilot.press("right", "down")  # beyond today: stays on today
        assert calendar.selected == TODAY
        await pilot.press("up")  # a week ago, missed
        assert "No check-in" in text_of(app.screen.query_one("#day-detail"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3", "ctrl+s", "enter")
        await pilot.pause()
    assert app.store.get_checkin(TODAY - timedelta(days=7)).pain == 3


async def test_delete_a_day_with_confirmation(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.store.put_checkin(CheckIn(YESTERDAY, pain=2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "left", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.store.get_checkin(YESTERDAY) is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert "No check-in" in text_of(app.screen.query_one("#day-detail"))
    assert app.store.get_checkin(YESTERDAY) is None


async def test_home_shows_current_longest_and_month_streaks(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    for offset in (1, 2, 3, 10, 11, 12, 13, 14, 40):
        app.store.put_checkin(CheckIn(TODAY - timedelta(days=offset), pain=1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        words = text_of(app.screen.query_one("#status"))
    assert "Streak: 3 days" in words and "longest 5" in words
    assert "8 days checked in this month" in words


async def test_read_only_session_says_so_before_the_checkin_is_typed(data_path: Path) -> None:
    """Issue 11 item 6: a second session let the whole form be filled in before refusing."""
    from store.db import Store

    with Store.open(data_path) as first:
        first.put_profile(SAMPLE_PROFILE)
        first.put_checkin(CheckIn(YESTERDAY, pain=2))
        app = make_app(data_path)
        said: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))[1]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)  # the form is not offered at all
            assert said and "open in another session" in said[-1]
            await pilot.press("h", "left", "enter")  # nor a past day from history
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            assert len(said) == 2
            await pilot.press("escape", "e")  # the profile opens, with a banner on top
            await pilot.pause()
            banner = app.screen.query_one(".read-only-banner")
            assert "nothing typed here can be saved" in text_of(banner)
            await pilot.press(*"Bo", "ctrl+s")
            await pilot.pause()
            assert first.get_profile() == SAMPLE_PROFILE and first.get_checkin(TODAY) is None
        app.store.close()


def test_checkin_form_snapshot(snap_compare, data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE, days=3)
    assert snap_compare(app, terminal_size=SIZE, press=["c", "4"])


async def test_quit_asks_when_a_checkin_is_unsaved(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("4", "tab", "tab", "q")  # q on the yes/no field reaches the app
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#pain").value == "4"


async def test_a_pasted_note_over_the_limit_is_kept_whole_and_refused(data_path: Path) -> None:
    """Issue 11 item 7: a pasted note was cut at 500 characters without a word."""
    from ui_helpers import queue_paste, until_keys_done

    app = make_app(data_path, profile=SAMPLE_PROFILE)
    note = "knee " * 122 + "end"  # 613 characters
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "3")
        screen = app.screen
        screen.set_focus(screen.query_one("#note"))
        queue_paste(app, note)
        await until_keys_done(pilot)
        assert screen.query_one("#note").value == note  # nothing cut off
        error = text_of(screen.query_one("#row-note .field-error"))
        assert "at most 500 characters (got 613)" in error
        await pilot.press("ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInScreen) and app.store.get_checkin(TODAY) is None
        await pilot.press("end", *["backspace"] * 113)  # down to 500: the message goes
        await until_keys_done(pilot)
        assert text_of(screen.query_one("#row-note .field-error")) == ""
        await pilot.press("ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInSummaryScreen)
    assert app.store.get_checkin(TODAY).note == note[:500].strip()


async def test_history_marks_missed_days_only_after_the_first_check_in(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.store.put_checkin(CheckIn(TODAY - timedelta(days=3), pain=2))  # started on Monday
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        from rich.console import Console

        console = Console(width=80, record=True, color_system=None)
        console.print(app.screen.query_one("#calendar").render())
        calendar = console.export_text()
        assert "23✓" in calendar and "24·" in calendar and "25·" in calendar
        assert "22·" not in calendar and " 1·" not in calendar  # before the start: not missed
        assert "26○" in calendar  # today is not over yet
        count = text_of(app.screen.query_one("#month-count"))
        assert count == "1 of 3 days checked in"


async def test_history_detail_keeps_its_size_from_day_to_day(data_path: Path) -> None:
    """A day with more to say must not resize the panel: a resize makes Textual lay the
    screen out a second time, a frame later, on every arrow key (issue 15)."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    full = CheckIn(
        YESTERDAY,
        pain=6,
        interference=2,
        fatigue=4,
        mood=3,
        ai_taken=True,
        aerobic_min=30,
        resistance_min=20,
        balance_min=10,
        calcium_food_mg=700,
        calcium_supplement_mg=500,
        vitamin_d_iu=800,
        note="walked to the shops and back",
    )
    app.store.put_checkin(full)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        detail = app.screen.query_one("#day-detail")
        sizes = {detail.size}
        for key in ("left", "left", "right", "up"):  # full day, empty day, full day, a week ago
            await pilot.press(key)
            await pilot.pause()
            sizes.add(detail.size)
        await pilot.press("down")  # back to the full day
        await pilot.pause()
        assert "walked to the shops" in text_of(detail)
        lines = text_of(detail).count("\n") + 1
        height = detail.content_size.height
    assert len(sizes) == 1
    assert lines <= height  # the fullest day still fits, nothing cut off


async def test_a_valid_digit_lays_the_form_out_once(data_path: Path, monkeypatch) -> None:
    """Every key in a number field checks it; a message line set to the same nothing again
    made Textual lay the screen out a second time, a frame later (51 -> 17 ms a key)."""
    from textual.screen import Screen

    layouts: list[object] = []
    refresh_layout = Screen._refresh_layout

    def counting(self: Screen, *args: object, **kwargs: object) -> None:
        layouts.append(self)
        refresh_layout(self, *args, **kwargs)

    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", counting)
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one("#pain").value == "3"
        assert len(layouts) == 1
        await pilot.press("9", "9")  # out of range: the message shows, in words
        await pilot.pause()
        row = app.screen.query_one("#row-pain")
        assert row.has_class("-invalid") and "⚠" in text_of(row.query_one(".field-error"))
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert not row.has_class("-invalid") and text_of(row.query_one(".field-error")) == ""


@pytest.mark.parametrize(
    ("field", "key"),
    [("#flag-chest_pain", "space"), ("#ai_taken", "n"), ("#note", "x"), ("#mood", "4")],
)
async def test_escape_asks_whatever_kind_of_field_changed(
    data_path: Path, field: str, key: str
) -> None:
    """A tick, a yes/no, the note or a number: any change asks before it is thrown away."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        screen.set_focus(screen.query_one(field))
        await pilot.press(key, "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_profile_escape_asks_after_a_tick_and_not_before(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        assert not screen.is_dirty()
        screen.set_focus(screen.query(TickBox).first())
        await pilot.press("space", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert app.store.get_profile() == SAMPLE_PROFILE


async def test_checkin_left_open_past_midnight_names_its_day(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened before midnight and saved after it, the check-in is the evening's (what the person
    answered about); its heading stopped saying "Today" once that day was over."""
    from screens.app import CoachApp

    monkeypatch.setattr(CoachApp, "NEW_DAY_CHECK_SECONDS", 0.05)
    clock = [TODAY]
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.today = lambda: clock[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        title = app.screen.query_one("#checkin-title")
        assert "Check-in for Today" in text_of(title)
        await type_field(pilot, "4")
        clock[0] = TODAY + timedelta(days=1)
        await pilot.pause(0.2)
        assert "Today" not in text_of(title)
        assert f"Check-in for {TODAY:%A %d %B %Y}" in text_of(title)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInSummaryScreen)
    assert on_disk(data_path).get_checkin(TODAY).pain == 4
    assert on_disk(data_path).get_checkin(TODAY + timedelta(days=1)) is None


async def test_checkin_of_a_past_day_keeps_its_heading(data_path: Path) -> None:
    """A past day's form, opened from History, is named by its date from the start."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CheckInScreen(YESTERDAY))
        await pilot.pause()
        title = text_of(app.screen.query_one("#checkin-title"))
        assert f"Check-in for {YESTERDAY:%A %d %B %Y}" in title
        assert "Today" not in title
