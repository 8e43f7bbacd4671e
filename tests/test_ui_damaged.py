"""The app on a hand-edited file: it opens, says what it skipped, and loses nothing (issue 13)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, on_disk, text_of

from coach.models import DxaScan
from screens.checkin import CheckInScreen
from screens.home import HomeScreen
from screens.onboarding import OnboardingScreen

YESTERDAY = TODAY - timedelta(days=1)


def damage(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def prepare(path: Path) -> None:
    app = make_app(path, profile=SAMPLE_PROFILE, days=10)
    app.store.put_dxa(DxaScan(YESTERDAY, "total_hip", -2.0))
    app.store.close()


async def visit_every_place(app, pilot) -> None:
    for key in "chlptbe":
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        if not isinstance(app.screen, HomeScreen):  # a form asking before leaving
            await pilot.press("y")
            await pilot.pause()


async def test_the_app_opens_on_out_of_range_records_and_says_so(data_path: Path) -> None:
    prepare(data_path)

    def change(data: dict) -> None:
        data["checkins"][str(YESTERDAY.toordinal())]["pain"] = 99
        next(iter(data["dxa"].values()))["t_score"] = 99
        data["settings"] = {"1": {"theme": ["x"]}}
        data["checkins"]["abc"] = {"day": "nonsense"}

    damage(data_path, change)
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        banner = text_of(app.screen.query_one("#damaged"))
        assert "damaged" in banner and "bonecoach doctor" in banner
        await visit_every_place(app, pilot)
        notes = [n.message for n in app._notifications]
        assert any("damaged record" in n and "bonecoach doctor" in n for n in notes)
        await pilot.press("q")
    assert app.return_code == 0
    kept = json.loads(data_path.read_text())  # the plan screen saved a plan; nothing was lost
    assert kept["checkins"][str(YESTERDAY.toordinal())]["pain"] == 99
    assert kept["checkins"]["abc"] == {"day": "nonsense"}
    assert kept["settings"]["1"]["theme"] == ["x"]
    assert next(iter(kept["dxa"].values()))["t_score"] == 99


async def test_a_damaged_profile_opens_setup_and_saving_keeps_the_old_one_aside(
    data_path: Path,
) -> None:
    prepare(data_path)
    damage(data_path, lambda d: d["profile"]["1"].update(days_per_week=0))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    sides = list(data_path.parent.glob("bonecoach.json.damaged-*.json"))
    assert sides == []  # nothing moved until something replaces it


async def test_saving_over_a_damaged_day_moves_the_old_entry_aside(data_path: Path) -> None:
    prepare(data_path)
    damage(data_path, lambda d: d["checkins"][str(TODAY.toordinal() - 2)].update(pain=99))
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        app.screen.day = TODAY - timedelta(days=2)
        app.screen.query_one("#pain").value = "4"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("kept in" in n for n in notes), notes
    side = next(data_path.parent.glob("bonecoach.json.damaged-*.json"))
    assert json.loads(side.read_text())["records"][0]["document"]["pain"] == 99
    with on_disk(data_path) as saved:
        assert saved.get_checkin(TODAY - timedelta(days=2)).pain == 4
