"""Every key lands where the person sees the cursor, however fast it is typed.

``pilot.press`` waits for the app to go idle after each key. A person typing fast, a paste, a
busy machine or a slow SSH link deliver many keys at once instead; ``queue_keys`` puts a whole
burst on the app's queue in one go, which is what broke the forms (issue 11: "30 Enter 15"
typed into the walking minutes saved 3015). Every form is driven both ways here.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from ui_helpers import (
    SAMPLE_PROFILE,
    SIZE,
    TODAY,
    make_app,
    queue_keys,
    queue_paste,
    text_of,
    until_keys_done,
)

from coach.models import SMOKER_CHOICES, CheckIn
from screens.checkin_summary import CheckInSummaryScreen
from screens.home import HomeScreen
from screens.learn import LearnScreen
from screens.onboarding import OnboardingScreen
from screens.plan import PlanScreen

YESTERDAY = TODAY - timedelta(days=1)

# A whole check-in from the first field to the note; Enter on the note saves.
CHECKIN_KEYS = (
    *"5",
    "enter",
    *"2",
    "enter",
    "y",
    "enter",  # took the tablet
    *"30",
    "enter",
    *"15",
    "enter",
    *"10",
    "enter",
    *"700",
    "enter",
    *"500",
    "enter",
    *"1000",
    "enter",
    *"4",
    "enter",
    *"3",
    "enter",
    *"1.5",
    "enter",
    *"2",
    "enter",
    "n",
    "enter",  # no fall: the injury question stays hidden
    *["enter"] * 7,  # the red-flag boxes: Enter moves on without ticking
    *"stiff hands",
    "enter",
)
CHECKIN_SAVED = CheckIn(
    TODAY,
    pain=5,
    interference=2,
    ai_taken=True,
    aerobic_min=30,
    resistance_min=15,
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


async def test_a_whole_checkin_pressed_without_pauses_saves_what_was_typed(
    data_path: Path,
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", *CHECKIN_KEYS, "enter")  # one press() of every key
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert app.store.get_checkin(TODAY) == CHECKIN_SAVED


async def test_a_whole_checkin_in_one_burst_saves_what_was_typed(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "c", *CHECKIN_KEYS, "enter")  # from home, all on the queue at once
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Checked in today" in text_of(app.screen.query_one("#status"))
    assert app.store.get_checkin(TODAY) == CHECKIN_SAVED


async def test_tab_and_shift_tab_in_a_burst(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # pain 4, Tab past interference and the tablet to walking 45, back to the tablet: yes
        queue_keys(app, "c", "4", "tab", "tab", "tab", *"45", "shift+tab", "y", "ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInSummaryScreen)
    saved = app.store.get_checkin(TODAY)
    assert (saved.pain, saved.interference, saved.ai_taken, saved.aerobic_min) == (
        4,
        None,
        True,
        45,
    )


@pytest.mark.parametrize("burst", [False, True], ids=["pilot-press", "one-burst"])
async def test_same_as_yesterday_pressed_the_instant_the_checkin_opens(
    data_path: Path, burst: bool
) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.store.put_checkin(
        CheckIn(YESTERDAY, pain=3, ai_taken=True, aerobic_min=30, calcium_food_mg=800, fall=True)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if burst:
            queue_keys(app, "c", "ctrl+y", "ctrl+s")
        else:
            await pilot.press("c", "ctrl+y", "ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInSummaryScreen)
    saved = app.store.get_checkin(TODAY)
    assert (saved.pain, saved.ai_taken, saved.aerobic_min, saved.calcium_food_mg) == (
        3,
        True,
        30,
        800,
    )
    assert saved.fall is None  # events are not copied


async def test_onboarding_in_one_burst(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        queue_keys(
            app,
            *"Cy",
            "enter",
            *"1955",
            "enter",
            "right",  # letrozole
            "enter",
            "right",  # smoking: "no" (never smoked)
            "enter",
            *"4",
            "enter",
            *"45",
            "enter",
            "space",  # a sturdy chair
            *["enter"] * 4,  # the other equipment, to "I understand"
            "space",
            "enter",  # to "Save and start"
            "enter",
        )
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
    profile = app.store.get_profile()
    assert (profile.name, profile.birth_year, profile.days_per_week) == ("Cy", 1955, 4)
    assert profile.ai_drug == "letrozole" and profile.smoker == "no"
    assert profile.minutes_per_session == 45 and profile.equipment == ("none", "chair")


async def test_onboarding_saves_with_enter_after_a_failed_save(data_path: Path) -> None:
    """Issue 11 item 5: once fixed, Enter on "Save and start" saves; the tick message goes."""
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        save = screen.query_one("#save")
        screen.set_focus(save)
        await pilot.press("enter")  # not ticked: refused, the cursor goes to the box
        await until_keys_done(pilot)
        assert app.store.get_profile() is None
        assert screen.focused is screen.query_one("#agree")
        assert "Please tick" in text_of(screen.query_one("#agree-error"))
        await pilot.press("space")
        await until_keys_done(pilot)
        assert text_of(screen.query_one("#agree-error")) == ""  # gone as soon as ticked
        queue_keys(app, "tab", "enter")  # to the button, and Enter
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert app.store.get_profile() is not None


async def test_a_bad_number_in_onboarding_then_fixed_saves_with_enter(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        queue_keys(app, "tab", *"19", "ctrl+s")  # year of birth 19: refused
        await until_keys_done(pilot)
        assert app.store.get_profile() is None
        assert screen.focused is screen.query_one("#birth_year")  # the cursor is on it
        assert "from 1900" in text_of(screen.query_one("#row-birth_year .field-error"))
        screen.set_focus(screen.query_one("#agree"))
        await pilot.press("space")
        screen.set_focus(screen.query_one("#birth_year"))
        queue_keys(app, "end", *"58", *["tab"] * 10, "enter")  # 1958, Tab to the button, Enter
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert app.store.get_profile().birth_year == 1958


async def test_profile_in_one_burst(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(
            app,
            "e",
            *"Bea",  # the name is selected when focused: typing replaces it
            "enter",
            *"1960",
            "enter",
            "enter",  # date of birth: left empty
            *"65",
            "enter",
            "enter",  # height: left empty
            "right",  # smoking: the next choice
            "enter",
            "enter",  # the drug stays
            *"2024-01-15",
            "enter",
            "ctrl+s",
        )
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
    profile = app.store.get_profile()
    smoker = SMOKER_CHOICES[(SMOKER_CHOICES.index(SAMPLE_PROFILE.smoker) + 1) % len(SMOKER_CHOICES)]
    assert (profile.name, profile.birth_year, profile.weight_kg, profile.smoker) == (
        "Bea",
        1960,
        65,
        smoker,
    )
    assert profile.ai_start == date(2024, 1, 15)


async def test_dxa_entry_in_one_burst(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(
            app,
            "b",
            *"2026-01-05",
            "enter",
            "1",  # lumbar spine
            "enter",
            *"-2.6",
            "enter",  # saves; the cursor stays on the T-score, the site moves on
            *"-1.1",
            "enter",
        )
        await until_keys_done(pilot)
    assert sorted((s.site, s.t_score) for s in app.store.dxa_scans()) == [
        ("lumbar_spine", -2.6),
        ("total_hip", -1.1),
    ]
    assert all(s.day == date(2026, 1, 5) for s in app.store.dxa_scans())


async def test_mark_done_in_one_burst(data_path: Path) -> None:
    profile = dataclasses.replace(SAMPLE_PROFILE, days_per_week=7)  # today has a session
    app = make_app(data_path, profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "p", "d", *"6", "enter", *"2", "enter", "y", "enter", *"fine", "enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, PlanScreen)
    [log] = app.store.session_logs()
    assert (log.day, log.effort, log.pain_during, log.steady, log.note) == (
        TODAY,
        6,
        2,
        True,
        "fine",
    )


@pytest.mark.parametrize("words", ["hot flushes", "osteonecrosis of the jaw", "xyzzy"])
async def test_learn_search_typed_in_a_burst_or_pasted(data_path: Path, words: str) -> None:
    """Issue 11 item 3: a fast or pasted search crashed with IndexError."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "l", "slash", *words, "down", "up")
        await until_keys_done(pilot)
        screen = app.screen
        assert isinstance(screen, LearnScreen) and screen.pane == "search"
        assert screen.query_one("#learn-query").value == words
        queue_keys(app, "ctrl+a", "backspace")
        queue_paste(app, words)
        queue_keys(app, "down", "enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, LearnScreen)
        assert app.screen.pane in ("reading", "search")


async def test_keys_typed_before_a_dialog_closes_reach_the_screen_below(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "c", "4", "escape", "n", "backspace", "6", "ctrl+s")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInSummaryScreen)
    assert app.store.get_checkin(TODAY).pain == 6


async def test_focus_is_where_the_keys_go_after_a_food_picker(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the picker's total fills the calcium field and the cursor lands there: Enter moves on
        queue_keys(app, "c", "ctrl+f", "plus", "enter", "enter", *"500", "ctrl+s")
        await until_keys_done(pilot)
    saved = app.store.get_checkin(TODAY)
    assert saved.calcium_food_mg is not None and saved.calcium_supplement_mg == 500
