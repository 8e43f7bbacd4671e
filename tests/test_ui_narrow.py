"""A 60x20 terminal (a phone's SSH client, a split tmux pane): nothing cut, no broken words, and
home speaks plainly (issue 11 item 11)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from ui_helpers import SAMPLE_PROFILE, TODAY, make_app, text_of, until_keys_done

from coach.models import CheckIn

NARROW = (60, 20)


async def test_home_at_60_columns_says_everything_in_words(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE, days=7)
    async with app.run_test(size=NARROW) as pilot:
        await until_keys_done(pilot)
        panels = text_of(app.screen.query_one("#panels"))
    assert "Tablet" in panels and "Calcium" in panels and " min" in panels and " mg" in panels
    assert " AI " not in panels and "Ca mg" not in panels
    assert "More: h history · b bone health · e profile" in panels
    assert "Go to (press" not in panels  # no second column squeezed into 14 characters
    assert all(len(line) <= NARROW[0] - 2 for line in panels.splitlines())


async def test_home_at_80_columns_keeps_the_places_beside_the_week(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE, days=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await until_keys_done(pilot)
        panels = text_of(app.screen.query_one("#panels"))
    assert "Go to (press the key)" in panels.splitlines()[0]


async def test_plan_week_keeps_saturday_and_sunday_at_60_columns(data_path: Path) -> None:
    profile = dataclasses.replace(SAMPLE_PROFILE, days_per_week=3)
    app = make_app(data_path, profile=profile)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("p")
        await until_keys_done(pilot)
        week = text_of(app.screen.query_one("#week"))
        status = text_of(app.screen.query_one("#plan-status"))
    for day in ("Mon 23", "Sat 28", "Sun 29"):
        assert day in week
    assert all(len(line.rstrip()) <= NARROW[0] - 4 for line in week.splitlines())
    assert status == "Week 1 of 12 · learning the moves"  # no "learn · active"
    assert "pre-plan" not in week


async def test_history_details_go_under_the_calendar_at_60_columns(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    app.store.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=3, interference=2))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("h", "left")
        await until_keys_done(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        detail = screen.query_one("#day-detail")
        assert detail.size.width >= 40  # "interference" is never broken across lines
        assert detail.region.y > screen.query_one("#calendar").region.y
    async with make_app(data_path).run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await until_keys_done(pilot)
        assert not pilot.app.screen.has_class("-narrow")


async def test_profile_choices_wrap_instead_of_being_cut(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("e")
        await until_keys_done(pilot)
        drug = app.screen.query_one("#ai_drug")
        assert drug.region.right <= NARROW[0]
        assert drug.size.height == 2  # "anastrozole letrozole exemestane other" on two lines


async def test_food_picker_shows_the_mg_column_at_60_columns(data_path: Path) -> None:
    from textual.widgets import DataTable

    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("c", "ctrl+f")
        await until_keys_done(pilot)
        table = app.screen.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        keys = [column.key.value for column in table.ordered_columns]
        mg_right = sum(widths[: keys.index("mg") + 1])
        assert mg_right <= table.size.width
