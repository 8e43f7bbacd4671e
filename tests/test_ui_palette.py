"""The command palette (ctrl+p): every place listed at once, only commands that work, and a
place already open is shown again rather than stacked twice (issue 11 item 8)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from ui_helpers import SAMPLE_PROFILE, SIZE, make_app, until_keys_done

from screens.checkin import CheckInScreen
from screens.home import HomeScreen
from screens.plan import PlanScreen


def listed(app) -> list[str]:  # type: ignore[no-untyped-def]
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def open_palette(pilot, query: str = "") -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause(0.4)
    if query:
        await pilot.press(*query)
    await pilot.pause(0.6)  # the palette gathers hits in the background


async def test_the_palette_lists_every_place_before_typing(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot)
        assert isinstance(app.screen, CommandPalette)
        shown = " ".join(listed(app))
        for label in ("Check in (c)", "Learn (l)", "Plan (p)", "Bone health (b)", "Profile (e)"):
            assert label in shown
        assert "Screenshot" not in shown and "Keys" not in shown and "Maximize" not in shown
        assert "Theme" in shown and "Quit" in shown and "Help and all keys" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_place_already_open_is_not_stacked_twice(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await until_keys_done(pilot)
        await open_palette(pilot, "plan")
        await pilot.press("enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert sum(isinstance(s, PlanScreen) for s in app.screen_stack) == 1
        await pilot.press("w")  # why-this-plan dialog over the plan; the palette reaches Plan
        await until_keys_done(pilot)
        await pilot.press("escape")
        await open_palette(pilot, "check in")
        await pilot.press("enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("4")
        await open_palette(pilot, "plan")  # a form with unsaved changes is not closed silently
        await pilot.press("enter")
        await until_keys_done(pilot)
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#pain").value == "4"


async def test_help_from_the_palette_closes_with_escape(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "help")
        await pilot.press("enter")
        await until_keys_done(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_page_keys_the_instant_the_palette_opens(data_path: Path) -> None:
    """Found by the monkey test: ctrl+p then PgDn at once raised KeyError inside Textual."""
    from ui_helpers import queue_keys

    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, "ctrl+p", "pagedown", "pageup", "pagedown", *"pla", "pagedown", "escape")
        await until_keys_done(pilot)
        assert isinstance(app.screen, HomeScreen)
