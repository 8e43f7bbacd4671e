"""The plan and profile screens at 80x24, driven by real key presses."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, on_disk, text_of

from coach.models import CheckIn, Profile
from coach.plan_view import session_minutes
from coach.planner import make_plan, profile_key
from coach.sessions import session_on
from screens.confirm import ConfirmScreen
from screens.home import HomeScreen
from screens.learn import LearnScreen
from screens.plan import ExerciseItem, PlanScreen, WhyPlanScreen
from screens.profile import ProfileScreen
from screens.session_done import SessionDoneScreen

PROFILE = dataclasses.replace(SAMPLE_PROFILE, days_per_week=3)  # Mon, Wed, Fri
WEDNESDAY = TODAY - timedelta(days=1)  # TODAY is a Thursday: a rest day with 3 days a week
TWO_WEEKS_AGO = TODAY - timedelta(days=14)


def _text(app, selector: str) -> str:
    return text_of(app.screen.query_one(selector))


def _store_plan_made(app, day: date, profile: Profile = PROFILE) -> None:
    app.store.put_plan(make_plan(profile, None, day))


async def test_plan_opens_from_home_and_shows_the_week_and_a_session(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        plan = app.store.get_plan()
        assert plan is not None and plan.created == TODAY  # made and stored
        assert "Week 1 of 12" in _text(app, "#plan-status")
        glance = _text(app, "#week")
        for day in ("Mon 23", "Tue 24", "Wed 25", "▶Thu 26", "Fri 27", "Sat 28", "Sun 29"):
            assert day in glance
        assert "[▶Thu 26]" in glance  # today is selected, marked by a glyph and brackets
        assert "rest day" in _text(app, "#session-title")  # Thursday: no session
        await pilot.press("left")  # Wednesday
        await pilot.pause()
        assert "[Wed 25]" in _text(app, "#week")
        title = _text(app, "#session-title")
        assert "Wednesday 25 November" in title and "about" in title
        items = list(app.screen.query(ExerciseItem))
        _, session = session_on(plan, WEDNESDAY)
        assert len(items) == len(session.prescriptions) > 0
        assert "effort" in text_of(items[0]) and (
            "min" in text_of(items[0]) or " x " in text_of(items[0])
        )
        await pilot.press("down")  # the first exercise opens: how to do it
        await pilot.pause()
        assert app.screen.focused is items[0]
        assert "needs" in text_of(items[0])
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.focused is items[1] and "needs" not in text_of(items[0])
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_mark_a_session_done_counts_its_minutes_once(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    app.store.put_checkin(CheckIn(WEDNESDAY, pain=2, aerobic_min=10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        plan = app.store.get_plan()
        _, session = session_on(plan, WEDNESDAY)
        expected = session_minutes(session)
        await pilot.press("right", "right")  # Saturday is in the future: refused
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("left", "left", "left")  # Wednesday
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)
        await pilot.press(*"11", "enter")  # effort 11: out of range, shown beside the field
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)
        assert "from 0 to 10" in _text(app, "#row-effort .field-error")
        assert "is needed" in _text(app, "#row-pain_during .field-error")
        app.screen.query_one("#effort").value = ""
        app.screen.query_one("#effort").focus()
        await pilot.press("6", "enter", "2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        logs = app.store.session_logs()
        assert [(log.session_id, log.effort, log.pain_during) for log in logs] == [("w1-wed", 6, 2)]
        day = app.store.get_checkin(WEDNESDAY)
        assert day.pain == 2  # the rest of the check-in is kept
        # the 10 minutes logged are taken to be part of the session: counted once, not added
        assert day.aerobic_min == max(10, expected["aerobic_min"])
        assert day.resistance_min == (expected["resistance_min"] or None)
        assert day.balance_min == (expected["balance_min"] or None)
        assert "✓ done" in _text(app, "#week")
        assert len(app.screen.query(ExerciseItem)) == len(session.prescriptions)  # drawn once
        assert "✓ Done (effort 6/10, pain during 2/10)" in _text(app, "#session-title")
        # marking again (to correct the effort) replaces the log and does not double the minutes
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)
        assert app.screen.query_one("#effort").value == "6"
        await pilot.press("backspace", "7", "ctrl+s")
        await pilot.pause()
        assert [log.effort for log in app.store.session_logs()] == [7]
        again = app.store.get_checkin(WEDNESDAY)
        assert (again.aerobic_min, again.resistance_min, again.balance_min) == (
            day.aerobic_min,
            day.resistance_min,
            day.balance_min,
        )


async def test_escape_in_mark_done_saves_nothing(data_path: Path) -> None:
    app = make_app(data_path, profile=dataclasses.replace(PROFILE, days_per_week=7))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "d")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)  # 7 days a week: today has a session
        await pilot.press("5", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert list(app.store.session_logs()) == [] and app.store.get_checkin(TODAY) is None


async def test_a_pain_flare_eases_the_plan_and_says_why(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    _store_plan_made(app, TWO_WEEKS_AGO)
    for offset in range(1, 8):
        app.store.put_checkin(CheckIn(TODAY - timedelta(days=offset), pain=8))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        plan = app.store.get_plan()
        assert [a.kind for a in plan.adaptations] == ["ease"]
        assert plan.adaptations[0].week == 4
        change = _text(app, "#plan-change")
        assert "Changed on 2026-11-26" in change
        assert (
            "Average worst joint pain 8.0" in change and "next week (week 4) is lighter" in change
        )
        assert "Week 3 of 12" in _text(app, "#plan-status")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhyPlanScreen)
        assert "2026-11-26, for week 4, eased" in _text(app, "#why-changes")
        await pilot.press("escape", "j")
        await pilot.pause()
        assert isinstance(app.screen, LearnScreen)


async def test_a_red_flag_pauses_and_resume_needs_confirmation(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    _store_plan_made(app, TWO_WEEKS_AGO)
    app.store.put_checkin(CheckIn(TODAY - timedelta(days=2), red_flags=("chest_pain",)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.store.get_plan().status == "paused"
        panel = _text(app, "#plan-paused")
        assert "Plan paused: stop exercising and contact your care team" in panel
        assert "chest pain" in panel and "Press r to resume" in panel
        assert "PAUSED" in _text(app, "#plan-status")
        await pilot.press("d")  # no marking done while paused
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("g", "y")  # a new plan does not get round the pause either
        await pilot.pause()
        assert app.store.get_plan().created == TODAY
        assert app.store.get_plan().status == "paused"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not yet: stays paused
        await pilot.pause()
        assert app.store.get_plan().status == "paused"
        await pilot.press("r", "y")
        await pilot.pause()
        plan = app.store.get_plan()
        assert plan.status == "active" and "resume" in [a.kind for a in plan.adaptations]
        assert not app.screen.query_one("#plan-paused").display


async def test_a_finished_plan_says_so_and_offers_a_new_one(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    _store_plan_made(app, TODAY - timedelta(weeks=13))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert "Plan finished" in _text(app, "#plan-status")
        assert "g makes a new 12-week plan" in _text(app, "#plan-notes")
        assert "Week 12 of 12" in _text(app, "#glance-title")  # the last week is shown
        await pilot.press("g", "y")
        await pilot.pause()
        assert "Week 1 of 12" in _text(app, "#plan-status")


async def test_regenerate_asks_first(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    _store_plan_made(app, TWO_WEEKS_AGO)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.get_plan().created == TWO_WEEKS_AGO
        await pilot.press("g", "y")
        await pilot.pause()
        assert app.store.get_plan().created == TODAY
        assert "Week 1 of 12" in _text(app, "#plan-status")


async def test_profile_edit_from_the_plan_then_the_profile_changed_line(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert "profile changed" not in _text(app, "#plan-notes")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#days_per_week").focus()
        await pilot.press("up", "ctrl+s")  # 3 -> 4 days a week
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert app.store.get_profile().days_per_week == 4
        assert "Your profile changed since this plan was made — g makes a new plan" in _text(
            app, "#plan-notes"
        )
        assert app.store.get_plan().profile_key == profile_key(PROFILE)  # not remade silently
        await pilot.press("g", "y")
        await pilot.pause()
        assert app.store.get_plan().profile_key == profile_key(app.store.get_profile())
        assert not app.screen.query_one("#plan-notes").display


async def test_a_new_dxa_result_says_the_plan_can_be_remade(data_path: Path) -> None:
    """Issue 11: after a profile or DXA change nothing said the plan could be rebuilt."""
    from ui_helpers import queue_keys, until_keys_done

    from coach.models import DxaScan

    app = make_app(data_path, profile=PROFILE)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))[1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await until_keys_done(pilot)
        assert "g" in app.active_bindings  # in the footer, not only in ? help
        assert not app.screen.query_one("#plan-notes").display
        await pilot.press("escape")
        queue_keys(app, "b", *"2026-11-20", "enter", "enter", *"-2.8", "enter")
        await until_keys_done(pilot)
        # issue 12: a new bone status refits the plan when it next opens, so no g is needed
        assert "Your exercise plan follows this result from this week" in said[-1]
        await pilot.press("escape", "p")
        await until_keys_done(pilot)
        assert "g makes" not in _text(app, "#plan-notes")
    assert app.store.dxa_scans() == [DxaScan(date(2026, 11, 20), "lumbar_spine", -2.8)]
    plan = app.store.get_plan()
    assert plan.extra["bone_status"] == "osteoporosis"
    assert plan.adaptations[-1].kind == "refit"


async def test_no_profile_says_so_and_e_opens_the_profile(data_path: Path) -> None:
    app = make_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape", "p")  # skip onboarding
        await pilot.pause()
        assert "Set up your profile first" in _text(app, "#plan-empty")
        await pilot.press("d", "g")  # nothing to do without a plan
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("ctrl+s")  # the defaults are a valid profile
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert app.store.get_plan() is not None
        assert "Week 1 of 12" in _text(app, "#plan-status")


async def test_read_only_file_shows_the_plan_but_saves_nothing(data_path: Path) -> None:
    from store.db import Store

    with Store.open(data_path) as first:
        first.put_profile(PROFILE)
        app = make_app(data_path)  # a second session of the same file: read-only
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p")
            await pilot.pause()
            assert "Week 1 of 12" in _text(app, "#plan-status")
            assert "shown but not saved" in _text(app, "#plan-notes")
            await pilot.press("left", "d")  # Wednesday's session
            await pilot.pause()
            assert isinstance(app.screen, PlanScreen)  # no dialog: nothing could be saved
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, PlanScreen)
        app.store.close()
        assert first.get_plan() is None and list(first.session_logs()) == []


async def test_osteoporosis_line_and_topic(data_path: Path) -> None:
    app = make_app(data_path, profile=dataclasses.replace(PROFILE, bone_status="osteoporosis"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert "Exercising safely with osteoporosis: press o to read" in _text(app, "#plan-notes")
        await pilot.press("j")  # no pain flare: j does nothing here
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LearnScreen)


async def test_help_lists_the_plan_keys(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        keys = dict((k, d) for k, d in app.screen_keys())
        for key in ("d", "w", "e", "g", "left", "right", "escape"):
            assert key in keys
        assert "r" not in keys  # resume only shows when the plan is paused


# --------------------------------------------------------------------------- profile screen


async def test_profile_bad_values_show_beside_the_field_and_save_nothing(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ProfileScreen())
        await pilot.pause()
        screen = app.screen
        screen.query_one("#birth_year").value = "2015"
        screen.query_one("#ai_start").value = "2026-13-01"
        screen.query_one("#minutes_per_session").value = ""
        await pilot.pause()  # let the as-you-type checks run first, as typing would
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "2008 or earlier (adults)" in _text(app, "#row-birth_year .field-error")
        assert "YYYY-MM-DD" in _text(app, "#row-ai_start .field-error")
        assert "is needed" in _text(app, "#row-minutes_per_session .field-error")
        screen.query_one("#ai_start").value = "2027-01-01"  # in the future
        screen.query_one("#minutes_per_session").value = "30"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "2008 or earlier (adults)" in _text(app, "#row-birth_year .field-error")
        assert "must not be in the future" in _text(app, "#row-ai_start .field-error")
        assert _text(app, "#row-minutes_per_session .field-error") == ""
        with on_disk(data_path) as saved:
            assert saved.get_profile() == PROFILE  # nothing saved
        assert screen.query_one("#ai_start").value == "2027-01-01"  # what was typed is kept
        await pilot.press("escape")  # changes: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store.get_profile() == PROFILE


async def test_profile_round_trip_of_every_field(data_path: Path) -> None:
    app = make_app(data_path, profile=PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ProfileScreen())
        await pilot.pause()
        screen = app.screen

        async def type_into(widget_id: str, text: str) -> None:
            widget = screen.query_one(f"#{widget_id}")
            widget.focus()
            widget.value = ""
            await pilot.press(*text)

        async def choose(widget_id: str, presses: int) -> None:
            screen.query_one(f"#{widget_id}").focus()
            await pilot.press(*["right"] * presses)

        async def tick(widget_id: str) -> None:
            screen.query_one(f"#{widget_id}").focus()
            await pilot.press("space")

        await type_into("name", "Beth")
        await type_into("birth_year", "1950")
        await type_into("weight_kg", "61.5")
        await type_into("height_cm", "162")
        await type_into("birth_date", "1950-04-02")
        await choose("smoker", 2)  # unknown -> no -> former
        await choose("ai_drug", 1)  # anastrozole -> letrozole
        await type_into("ai_start", "2024-03-01")
        await choose("activity", 2)  # light -> active -> sedentary
        await type_into("days_per_week", "5")
        await type_into("minutes_per_session", "45")
        screen.query_one("#supervised").focus()
        await pilot.press("y")
        await tick("equipment-dumbbells")
        await tick("equipment-chair")  # untick
        await choose("bone_status", 2)  # unknown -> normal -> osteopenia
        screen.query_one("#vertebral_fracture").focus()
        await pilot.press("y")
        await type_into("falls_last_year", "2")
        await tick("risk-steroids")
        await tick("risk-family-hip-fracture")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    expected = Profile(
        name="Beth",
        birth_year=1950,
        ai_drug="letrozole",
        ai_start=date(2024, 3, 1),
        smoker="former",
        activity="sedentary",
        days_per_week=5,
        minutes_per_session=45,
        equipment=("none", "band", "dumbbells"),
        bone_status="osteopenia",
        vertebral_fracture=True,
        falls_last_year=2,
        supervised=True,
        risk_factors=("family-hip-fracture", "steroids"),
        weight_kg=61.5,
        height_cm=162,
        birth_date=date(1950, 4, 2),
    )
    assert app.store.get_profile() == expected
    app.store.close()
    from store.db import Store

    with Store.open(data_path, read_only=True) as again:
        assert again.get_profile() == expected  # it is on disk, every field


async def test_profile_shows_the_stored_values(data_path: Path) -> None:
    profile = dataclasses.replace(PROFILE, bone_status="osteopenia", risk_factors=("steroids",))
    app = make_app(data_path, profile=profile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ProfileScreen())
        await pilot.pause()
        screen = app.screen
        assert "[osteopenia]" in str(screen.query_one("#bone_status").render())
        assert screen.query_one("#risk-steroids").value is True
        assert screen.query_one("#equipment-band").value is True
        assert screen.query_one("#equipment-dumbbells").value is False
        assert screen.query_one("#birth_year").value == "1958"
        await pilot.press("escape")  # nothing changed: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_plan_snapshot(snap_compare, data_path: Path) -> None:
    app = make_app(data_path, profile=dataclasses.replace(PROFILE, days_per_week=4))
    assert snap_compare(app, press=["p"], terminal_size=SIZE)


async def test_mark_done_asks_whether_the_person_felt_steady(data_path: Path) -> None:
    """Issue 12: the steadiness answer is what lets balance and impact step up."""
    app = make_app(data_path, profile=dataclasses.replace(PROFILE, days_per_week=7))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "d")
        await pilot.pause()
        assert isinstance(app.screen, SessionDoneScreen)
        assert "steady" in _text(app, "#row-steady .field-label").lower()
        await pilot.press("5", "enter", "1", "enter", "y", "ctrl+s")
        await pilot.pause()
        (log,) = app.store.session_logs()
        assert (log.effort, log.pain_during, log.steady) == (5, 1, True)
