"""The bone-health screen at 80x24, driven by real key presses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input
from ui_helpers import SIZE, TODAY, text_of

from coach.models import DxaScan, Profile
from coach.report import FRAX_SETTING
from screens.app import CoachApp
from screens.bone import BoneHealthScreen
from screens.confirm import ConfirmScreen
from store.db import Store

# Aged 56 in 2026, never smoked, BMI 23.5: no risk factor comes from the profile.
PROFILE = Profile(
    name="Bea", birth_year=1970, ai_drug="letrozole", smoker="no", weight_kg=64, height_cm=165
)
OLDER = Profile(name="Ann", birth_year=1958, ai_drug="anastrozole", smoker="former")
FIRST_VISIT = date(2026, 1, 5)


def make_app(
    path: Path, profile: Profile | None = PROFILE, scans: tuple[DxaScan, ...] = ()
) -> CoachApp:
    store = Store.open(path, clock=lambda: TODAY)
    with store.batch():
        if profile is not None:
            store.put_profile(profile)
        for scan in scans:
            store.put_dxa(scan)
    return CoachApp(store, today=lambda: TODAY)


def flat(widget: object) -> str:
    """A widget's text with line wrapping undone (the assessment wraps at 72 columns)."""
    return " ".join(text_of(widget).split())


VISIT = (
    DxaScan(FIRST_VISIT, "lumbar_spine", -1.8),
    DxaScan(FIRST_VISIT, "total_hip", -1.2),
    DxaScan(FIRST_VISIT, "femoral_neck", -1.4),
)


async def open_bone(app: CoachApp, pilot) -> BoneHealthScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, BoneHealthScreen)
    return app.screen


async def test_add_a_scan_with_keys(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        assert "No DXA result yet · baseline DXA due now" in text_of(
            screen.query_one("#bone-summary")
        )
        await pilot.press(*"2026-01-05", "enter")  # date, then to the site
        await pilot.press("right", "enter")  # total hip, then to the T-score
        await pilot.press(*"-1.9", "enter")  # Enter on the T-score saves
        await pilot.pause()
        assert app.store.dxa_scans() == [DxaScan(FIRST_VISIT, "total_hip", -1.9)]
        # ready for the next site of the same visit: date kept, site moved on, T cleared
        assert screen.query_one("#dxa-date").value == "2026-01-05"
        assert screen.query_one("#dxa-site").value == "femoral_neck"
        assert screen.query_one("#dxa-t").value == ""
        assert screen.focused is screen.query_one("#dxa-t")
        await pilot.press(*"-2.1", "ctrl+s")
        await pilot.pause()
        assert DxaScan(FIRST_VISIT, "femoral_neck", -2.1) in app.store.dxa_scans()
        summary = text_of(screen.query_one("#bone-summary"))
        assert "Lowest T-score -2.1 (femoral neck, 2026-01-05)" in summary
        listing = "\n".join(
            str(o.prompt) for o in screen.query_one("#scan-list").options if o is not None
        )
        assert "femoral neck  -2.1  ◀ lowest" in listing
        assert "total hip     -1.9" in listing and "total hip     -1.9  ◀" not in listing


async def test_a_bad_t_score_shows_a_message_beside_the_field(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        await pilot.press(*"2026-01-05", "enter", "enter", *"-9", "enter")
        await pilot.pause()
        assert app.store.dxa_scans() == []
        error = text_of(screen.query_one("#row-dxa-t .field-error"))
        assert "T-score" in error and "-6 to 4" in error and "-9" in error
        assert screen.query_one("#row-dxa-t").has_class("-invalid")
        assert screen.query_one("#dxa-t").value == "-9"  # what was typed stays
        assert not screen.query_one("#row-dxa-date").has_class("-invalid")


async def test_future_and_malformed_dates_are_refused(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        await pilot.press(*"2026-12-01", "enter", "enter", *"-1.0", "enter")
        await pilot.pause()
        error = text_of(screen.query_one("#row-dxa-date .field-error"))
        assert "must not be after today (2026-11-26)" in error
        date_input = screen.query_one("#dxa-date")
        date_input.value = "5/1/2026"
        await pilot.pause()
        assert "after today" in text_of(screen.query_one("#row-dxa-date .field-error"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "YYYY-MM-DD" in text_of(screen.query_one("#row-dxa-date .field-error"))
        assert app.store.dxa_scans() == []


async def test_ticking_a_risk_factor_updates_the_assessment_and_the_profile(
    data_path: Path,
) -> None:
    app = make_app(data_path, scans=VISIT)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        assessment = flat(screen.query_one("#assessment"))
        assert "AIBL position statement 2017: bone-directed therapy not advised" in assessment
        assert "No branch met" not in assessment
        # ASCO cannot say "no" without FRAX: the plain summary says what is missing
        summary = text_of(screen.query_one("#bone-summary"))
        assert "Guidelines cannot say yet: FRAX 10-year fracture risk" in summary
        screen.query_one("#risk-family-hip-fracture").focus()
        await pilot.press("space")
        await pilot.pause()
        assessment = flat(screen.query_one("#assessment"))
        assert "bone-directed therapy advised for the length" in assessment
        assert "family history of hip fracture" in assessment
        assert "Your results meet the point where guidelines advise discussing" in assessment
        summary = text_of(screen.query_one("#bone-summary"))
        assert "Guidelines advise discussing a bone medicine with your care team" in summary
        assert app.store.get_profile().risk_factors == ("family-hip-fracture",)
        await pilot.press("space")  # untick: saved again
        await pilot.pause()
        assert app.store.get_profile().risk_factors == ()
        assert "bone-directed therapy not advised" in flat(screen.query_one("#assessment"))


async def test_risk_factors_from_the_profile_are_shown_and_fixed(data_path: Path) -> None:
    app = make_app(data_path, profile=OLDER, scans=VISIT)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        for name in ("age-over-65", "smoking"):
            box = screen.query_one(f"#risk-{name}")
            assert box.value and box.disabled
            assert "(from your profile)" in str(box.label)
        assert not screen.query_one("#risk-steroids").disabled
        assert "2 risk factors, enough even without a scan" in flat(screen.query_one("#assessment"))


async def test_next_dxa_due_is_shown(data_path: Path) -> None:
    app = make_app(data_path, scans=VISIT)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        assert "next DXA due 2028-01-05" in text_of(screen.query_one("#bone-summary"))
        assessment = flat(screen.query_one("#assessment"))
        assert "Next DXA: Due 2028-01-05 (ASCO 2019: every 2 years" in assessment
        assert "Education and self-tracking, not medical advice" in assessment


async def test_frax_is_saved_and_changes_the_assessment(data_path: Path) -> None:
    app = make_app(data_path, scans=VISIT)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        screen.query_one("#frax-major").focus()
        await pilot.press(*"21", "enter")
        await pilot.pause()
        assert app.store.get_setting(FRAX_SETTING) == {"major": 21.0}
        summary = text_of(screen.query_one("#bone-summary"))
        assert "Guidelines advise discussing a bone medicine" in summary
        assert "a bone-modifying agent may be offered" in flat(screen.query_one("#assessment"))
        assert "next DXA: care team decides" in summary
        screen.query_one("#frax-hip").focus()
        await pilot.press(*"150", "enter")
        await pilot.pause()
        assert "0 to 100" in text_of(screen.query_one("#row-frax-hip .field-error"))
        assert app.store.get_setting(FRAX_SETTING) == {"major": 21.0}


async def test_delete_a_scan_after_confirming(data_path: Path) -> None:
    app = make_app(data_path, scans=VISIT)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        listing = screen.query_one("#scan-list")
        listing.focus()
        await pilot.press("down")  # the first line is the visit heading (not selectable)
        await pilot.pause()
        highlighted = listing.highlighted_option.id
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(app.store.dxa_scans()) == 3
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, BoneHealthScreen)
        assert highlighted not in {s.key for s in app.store.dxa_scans()}
        assert len(app.store.dxa_scans()) == 2


async def test_read_only_store_notifies_and_saves_nothing(data_path: Path) -> None:
    make_app(data_path, scans=VISIT).store.close()
    store = Store.open(data_path, read_only=True, clock=lambda: TODAY)
    app = CoachApp(store, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        await pilot.press(*"2026-02-01", "enter", "enter", *"-1.5", "enter")
        await pilot.pause()
        screen.query_one("#risk-steroids").focus()
        await pilot.press("space")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("Not saved" in m and "read-only" in m for m in notes)
        assert sorted(store.dxa_scans(), key=lambda s: s.key) == sorted(VISIT, key=lambda s: s.key)
        assert store.get_profile().risk_factors == ()
    store.close()


async def test_escape_asks_before_dropping_a_typed_result(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_bone(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BoneHealthScreen)  # nothing typed: straight back
        await pilot.press("b", *"2026-01-05", "enter", "enter", *"-1.2", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (BoneHealthScreen, ConfirmScreen))
        assert app.store.dxa_scans() == []


def test_bone_snapshot(snap_compare, data_path: Path) -> None:
    scans = (*VISIT, *(DxaScan(date(2026, 11, 20), s.site, s.t_score - 0.2) for s in VISIT))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("b")
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture flaky
        await pilot.pause()

    app = make_app(data_path, profile=OLDER, scans=scans)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_the_screen_says_what_the_picture_says(data_path: Path) -> None:
    """Issue 12, item 1: a 71-year-old with a spine fracture and no scan, on the screen."""
    from coach.picture import build_picture

    profile = Profile(
        name="Cy", birth_year=1955, vertebral_fracture=True, bone_status="osteoporosis"
    )
    app = make_app(data_path, profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        picture = build_picture(profile, [], [], [], TODAY)
        assert screen.picture().bone_json() == picture.bone_json()
        summary = text_of(screen.query_one("#bone-summary"))
        assert "Guidelines advise discussing a bone medicine" in summary
        assessment = flat(screen.query_one("#assessment"))
        assert picture.assessment.patient_summary() in assessment
        assert "Fractures: spine (vertebral) fracture" in assessment
        assert "a bone-modifying agent may be offered" in assessment
        box = screen.query_one("#risk-fragility-fracture")
        assert box.value and box.disabled and "(from your profile)" in str(box.label)


async def test_falls_bring_the_falls_assessment_on_the_screen(data_path: Path) -> None:
    profile = Profile(name="Di", birth_year=1936, falls_last_year=5, smoker="no")
    app = make_app(data_path, profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_bone(app, pilot)
        assert "Ask your care team for a falls assessment" in flat(screen.query_one("#assessment"))
