"""The tablet question in the check-in: a "no" asks why (optional), typed fast or slowly; after
the course ends it is not asked; the profile takes the course's end date. 80x24, keys only."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, queue_keys, text_of, until_keys_done

from coach.models import CheckIn
from screens.checkin import CheckInScreen
from screens.checkin_summary import CheckInSummaryScreen
from screens.home import HomeScreen


async def test_the_reason_question_is_hidden_until_the_tablet_is_not_taken(
    data_path: Path,
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        row = app.screen.query_one("#row-ai_missed_reason")
        assert not row.display
        app.screen.query_one("#ai_taken").focus()
        await pilot.press("n")
        await pilot.pause()
        assert row.display
        # the chosen reason is shown in brackets and words (NO_COLOR keeps the meaning)
        assert "[not said]" in app.screen.query_one("#ai_missed_reason").render().plain
        await pilot.press("y")
        await pilot.pause()
        assert not row.display


@pytest.mark.parametrize("burst", [False, True], ids=["pilot-press", "one-burst"])
async def test_a_no_and_its_reason_typed_fast_land_right(data_path: Path, burst: bool) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    # pain 6, Enter, interference Enter, "n" Enter, the reason: two steps right (side effects),
    # Enter moves on to walking minutes: 20, then save
    keys = ("c", "6", "enter", "enter", "n", "enter", "right", "right", "enter", "2", "0")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if burst:
            queue_keys(app, *keys, "ctrl+s")
            await until_keys_done(pilot)
        else:
            await pilot.press(*keys, "ctrl+s")
            await pilot.pause()
        assert isinstance(app.screen, CheckInSummaryScreen)
        said = " ".join(text_of(w) for w in app.screen.query(".prompt"))
        assert "Tablet not taken today because of side effects" in said
    saved = app.store.get_checkin(TODAY)
    assert (saved.pain, saved.ai_taken, saved.ai_missed_reason, saved.aerobic_min) == (
        6,
        False,
        "side-effects",
        20,
    )


async def test_not_said_saves_no_reason_and_a_yes_drops_an_old_one(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.store.put_checkin(CheckIn(TODAY, ai_taken=False, ai_missed_reason="forgot"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#row-ai_missed_reason").display  # editing: shown as saved
        assert "[forgot]" in app.screen.query_one("#ai_missed_reason").render().plain
        app.screen.query_one("#ai_missed_reason").focus()
        await pilot.press("left")  # forgot -> not said
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.store.get_checkin(TODAY)
        assert (saved.ai_taken, saved.ai_missed_reason) == (False, None)
        await pilot.press("enter")  # close the summary
        await pilot.pause()
        app.store.put_checkin(CheckIn(TODAY, ai_taken=False, ai_missed_reason="ran-out"))
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#ai_taken").focus()
        await pilot.press("y", "ctrl+s")  # taken after all: the reason it was not goes
        await pilot.pause()
    saved = app.store.get_checkin(TODAY)
    assert (saved.ai_taken, saved.ai_missed_reason) == (True, None)


async def test_after_the_course_ends_the_tablet_is_not_asked(data_path: Path) -> None:
    ended = dataclasses.replace(
        SAMPLE_PROFILE, ai_start=date(2021, 11, 1), ai_end=TODAY - timedelta(days=3)
    )
    app = make_app(data_path, profile=ended)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert not app.screen.query("#ai_taken")
        note = text_of(app.screen.query_one("#tablet-not-asked"))
        assert "not asked after your AI course ended (23 Nov 2026)" in note
        # pain, Enter, interference, Enter: the next field is walking minutes
        await pilot.press("3", "enter", "enter", "1", "5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInSummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        assert "course ended on 23 Nov 2026" in text_of(app.screen.query_one("#tablet-note"))
    saved = app.store.get_checkin(TODAY)
    assert (saved.pain, saved.aerobic_min, saved.ai_taken) == (3, 15, None)


async def test_the_profile_takes_the_course_end_and_refuses_one_before_the_start(
    data_path: Path,
) -> None:
    profile = dataclasses.replace(SAMPLE_PROFILE, ai_start=date(2024, 1, 15))
    app = make_app(data_path, profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#ai_end").focus()
        await pilot.press(*"2023-12-31", "ctrl+s")
        await pilot.pause()
        error = text_of(app.screen.query_one("#row-ai_end .field-error"))
        assert "must be after the start 2024-01-15" in error
        assert app.store.get_profile().ai_end is None
        app.screen.query_one("#ai_end").value = ""
        app.screen.query_one("#ai_end").focus()
        await pilot.press(*"2029-01-15", "ctrl+s")
        await pilot.pause()
    assert app.store.get_profile().ai_end == date(2029, 1, 15)


async def test_a_question_revealed_mid_burst_gets_the_next_keys(data_path: Path) -> None:
    """A fall's "injury?" row, shown by "y" in the middle of a burst, takes the next keys
    (as the tablet's "why not?" does above; both rely on screens.key_order)."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "c")
        await until_keys_done(pilot)
        app.screen.query_one("#caffeine_drinks").focus()
        await pilot.pause()
        queue_keys(app, "1", "enter", "y", "enter", "y", "ctrl+s")  # fall: yes, injured: yes
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInSummaryScreen)
    saved = app.store.get_checkin(TODAY)
    assert (saved.caffeine_drinks, saved.fall, saved.fall_injured) == (1, True, True)


async def test_a_choice_of_several_words_is_never_split_across_lines(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#ai_taken").focus()
        await pilot.press("n", "enter", *["right"] * 4)  # my care team paused it
        await pilot.pause()
        choice = app.screen.query_one("#ai_missed_reason")
        lines = choice.render().plain.splitlines()
        assert len(lines) == 2 and choice.size.height == 2
        assert any("[my care team paused it]" in line for line in lines)
        assert all(len(line) <= choice.content_size.width for line in lines)
