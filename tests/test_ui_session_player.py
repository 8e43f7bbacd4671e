"""The guided session player at 80x24, with a fake monotonic clock (screens/session_player.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ui_helpers import (
    SAMPLE_PROFILE,
    SIZE,
    TODAY,
    make_app,
    on_disk,
    queue_keys,
    text_of,
    until_keys_done,
)

from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.plan import PlanScreen
from screens.session_done import SessionDoneScreen
from screens.session_player import SessionPlayerScreen, SkipReasonScreen

PROFILE = dataclasses.replace(SAMPLE_PROFILE, days_per_week=7)  # today has a session


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def _text(app, selector: str) -> str:
    return text_of(app.screen.query_one(selector))


async def _open_player(app, pilot) -> tuple[SessionPlayerScreen, FakeClock]:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionPlayerScreen)
    clock = FakeClock()
    screen.clock = clock
    return screen, clock


async def _go_to(pilot, screen: SessionPlayerScreen, index: int) -> None:
    while screen.guided.index < index:
        await pilot.press("n")
    await pilot.pause()


async def _until(pilot, check, seconds: float = 10.0) -> None:
    """Let the app run until ``check()`` holds (the countdown redraws on its own interval,
    which a loaded machine may delay); fail if it never does."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    assert check()


def _first(screen: SessionPlayerScreen, test) -> int:
    return next(i for i, item in enumerate(screen.guided.items) if test(item))


async def test_home_offers_todays_session_and_opens_the_player(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "escape")  # the plan is made the first time it is shown
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        assert "Today's session" in _text(app, "#status") and "press s" in _text(app, "#status")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SessionPlayerScreen)
        title = _text(app, "#player-title")
        assert "Exercise 1 of" in title
        first = app.screen.guided.items[0]
        assert first.exercise.name in title
        assert first.exercise.how_to.splitlines()[0] in _text(app, "#player-how")
        assert "effort" in _text(app, "#player-dose")
        await pilot.press("right")  # → and ← move between exercises (never scroll sideways)
        assert app.screen.guided.index == 1
        await pilot.press("left")
        assert app.screen.guided.index == 0


async def test_a_hold_counts_down_by_the_clock_and_pause_stops_it(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await _open_player(app, pilot)
        index = _first(screen, lambda item: item.hold_length() is not None)
        await _go_to(pilot, screen, index)
        kind, seconds = screen.guided.current.hold_length()
        assert screen._ticker is None  # idle: no interval timer at all
        await pilot.press("h")
        assert screen._ticker is not None
        line = _text(app, "#player-timer")
        assert f"{seconds} s left" in line and "░" in line
        clock.now += 10
        # the interval redraws from the clock
        await _until(pilot, lambda: f"{seconds - 10} s left" in _text(app, "#player-timer"))
        await pilot.press("p")
        assert screen._ticker is None  # paused: nothing runs
        assert "PAUSED" in _text(app, "#player-timer")
        clock.now += 500  # a long pause does not count
        await pilot.pause(0.3)
        assert f"{seconds - 10} s left" in _text(app, "#player-timer")
        await pilot.press("p")
        assert screen._ticker is not None
        clock.now += seconds - 10  # the rest of the hold
        await _until(pilot, lambda: "done" in _text(app, "#player-timer"))
        assert screen._ticker is None and screen.guided.countdown is None
        item = screen.guided.current
        assert item.holds_done == 1 if kind == "hold" else item.done


async def test_rest_countdown_survives_a_resize(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen, clock = await _open_player(app, pilot)
        await pilot.press("space", "r")
        rest = screen.guided.current.rest_length()
        assert f"{rest} s left" in _text(app, "#player-timer")
        clock.now += 7
        await pilot.resize_terminal(60, 20)
        await _until(pilot, lambda: f"{rest - 7} s left" in _text(app, "#player-timer"))
        line = _text(app, "#player-timer")
        assert len(line.splitlines()[0]) <= 60 - 3  # the bar shrinks with the terminal
        await pilot.resize_terminal(*SIZE)
        clock.now += 3
        await _until(pilot, lambda: f"{rest - 10} s left" in _text(app, "#player-timer"))


async def test_skip_with_a_reason_and_the_easier_variant(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await _open_player(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SkipReasonScreen)
        await pilot.press("escape")  # not skipped after all
        assert isinstance(app.screen, SessionPlayerScreen) and screen.guided.current.skipped is None
        first = screen.guided.current.exercise.name
        await pilot.press("s", "3")  # no equipment
        await pilot.pause()
        assert screen.guided.items[0].skipped == "no-equipment"
        assert screen.guided.index == 1  # on to the next one
        assert f"{first} — skipped: no equipment" in _text(app, "#player-list")
        index = _first(screen, lambda item: item.exercise.easier is not None)
        if index == 0:
            index = _first(
                screen, lambda item: item.exercise.easier is not None and item.skipped is None
            )
        await _go_to(pilot, screen, index)
        easier = screen.guided.current.exercise.easier
        await pilot.press("e")
        await pilot.pause()
        assert screen.guided.current.exercise_id == easier
        assert "(easier variant)" in _text(app, "#player-title")


async def test_keys_typed_in_a_burst_land_in_the_skip_dialog(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await _open_player(app, pilot)
        queue_keys(app, "space", "s", "2", "s", "4")
        await until_keys_done(pilot)
        assert isinstance(app.screen, SessionPlayerScreen)
        items = screen.guided.items
        assert (items[0].skipped, items[1].skipped) == ("too-hard", "no-time")
        assert items[0].sets_done == 1  # counted, then skipped: it still says why


async def test_quitting_halfway_keeps_a_partial_log(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await _open_player(app, pilot)
        await pilot.press("space")  # one exercise (at least a set of it) done
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # carry on
        assert app.screen is screen and list(on_disk(data_path).session_logs()) == []
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)
        (kept,) = on_disk(data_path).session_logs()  # kept as soon as she said yes
        assert kept.partial
        await pilot.press("escape")  # no answers: what was done is kept all the same
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        (log,) = on_disk(data_path).session_logs()
        assert log.partial and log.effort is None and log.day == TODAY
        assert log.exercises == (screen.guided.items[0].exercise_id,)
        assert "◐ partly" in _text(app, "#week")
        assert "Partly done" in _text(app, "#session-title")


async def test_leaving_before_anything_is_done_saves_nothing(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await _open_player(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert list(on_disk(data_path).session_logs()) == []


async def test_a_whole_session_stores_one_log_and_the_plan_reacts(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    calls = []
    async with app.run_test(size=SIZE) as pilot:
        app.bell = lambda: calls.append("bell")  # type: ignore[method-assign]
        screen, clock = await _open_player(app, pilot)
        await pilot.press("r")
        clock.now += 1000
        await pilot.pause(0.3)
        assert calls == []  # off unless turned on
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bell", "enter")  # the palette's command: saved on Enter
        await pilot.pause()
        assert app.screen is screen and on_disk(data_path).get_setting("timer_bell") is True
        await pilot.press("r")
        clock.now += 1000
        await _until(
            pilot, lambda: calls == ["bell"]
        )  # the bell, once, at the end of the countdown
        for item in screen.guided.items:
            for _ in range(item.sets_target):
                await pilot.press("space")
            await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)
        assert app.screen.heading == "Session finished"
        steady = app.screen.ask_steady
        keys = ["5", "enter", "8", "enter"] + (["n", "enter"] if steady else [])
        queue_keys(app, *keys, "ctrl+s")  # typed in one burst: each lands in its field
        await until_keys_done(pilot)
        assert isinstance(app.screen, PlanScreen)
        stored = on_disk(data_path)
        (log,) = stored.session_logs()
        assert (log.effort, log.pain_during, log.partial) == (5, 8, False)
        assert log.steady is (False if steady else None)
        day = stored.get_checkin(TODAY)
        assert day.exercise_min == log.minutes  # counted once, from the session
        plan = stored.get_plan()  # pain 8/10 during the session: the coming week eases
        assert [a.week for a in plan.adaptations if a.kind == "ease"] == [2]
        # run it again from the plan: it replaces the log, never adds a second one
        await pilot.press("s")
        await pilot.pause()
        assert "already logged today" in _text(app, "#player-title")
        app.screen.clock = clock
        await pilot.press("space", "f")
        await pilot.pause()
        await pilot.press("4", "enter", "1", "enter")
        if app.screen.ask_steady:
            await pilot.press("y", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = on_disk(data_path)
        assert len(stored.session_logs()) == 1 and stored.session_logs()[0].partial
        assert stored.get_checkin(TODAY).exercise_min == day.exercise_min  # not doubled


async def test_help_lists_the_player_keys(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await _open_player(app, pilot)
        keys = dict((d, k) for k, d in app.screen_keys())
        for description in (
            "Set done",
            "Hold",
            "Rest",
            "Pause",
            "Skip",
            "Next",
            "Back",
            "Easier variant",
            "Finish",
            "Stop",
        ):
            assert description in keys, description


async def test_arrows_move_between_exercises_in_a_small_terminal(data_path: Path) -> None:
    """At 60x20 the column scrolls; ←/→ still go to the previous/next exercise, ↓ scrolls."""
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=(60, 20)) as pilot:
        screen, _ = await _open_player(app, pilot)
        body = screen.query_one("#player-body")
        body.focus()
        await pilot.pause()
        await pilot.press("right", "right")
        assert screen.guided.index == 2
        await pilot.press("left")
        assert screen.guided.index == 1
        await pilot.press("space")
        assert screen.guided.items[1].sets_done == 1


async def test_a_burst_from_home_lands_in_the_player(data_path: Path) -> None:
    """s then keys at once: each key waits until the player is there to take it."""
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "escape")  # the plan is made the first time it is shown
        await pilot.pause()
        queue_keys(app, "s", "space", "n", "space", "s", "1")
        await until_keys_done(pilot)
        screen = app.screen
        assert isinstance(screen, SessionPlayerScreen)
        items = screen.guided.items
        assert items[0].sets_done == 1 and items[1].sets_done == 1
        assert items[1].skipped == "hurt" and screen.guided.index == 2


async def test_quitting_the_app_halfway_keeps_a_partial_log(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await _open_player(app, pilot)
        await pilot.press("space")
        await pilot.press("ctrl+q")  # no question: what was done is kept, then the app ends
        await pilot.pause()
    (log,) = on_disk(data_path).session_logs()
    assert log.partial and log.effort is None and log.day == TODAY
    assert log.exercises == (screen.guided.items[0].exercise_id,)
