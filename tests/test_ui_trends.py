"""The trends screen at 80x24, driven by real key presses, on a year of deterministic data."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, queue_keys, text_of

from coach.models import CheckIn, DxaScan, SessionLog
from coach.trends import (
    METRICS,
    RANGE_LABELS,
    combined_pain_exercise,
    series_for_range,
    summary,
)
from screens.app import CoachApp
from screens.home import HomeScreen
from screens.widgets.plot import NO_DATA_TEXT

ROOT = Path(__file__).resolve().parent.parent
RANGE_KEYS = {"1": "2w", "2": "3m", "3": "1y", "4": "all"}


def year_app(path: Path, seed: int = 2026) -> CoachApp:
    """A profile, about a year of check-ins with gaps, some session logs and two DXA visits."""
    app = make_app(path, profile=SAMPLE_PROFILE)
    rng = random.Random(seed)
    store = app.store
    with store.batch():
        for offset in range(370, 0, -1):
            day = TODAY - timedelta(days=offset)
            if rng.random() < 0.15:
                continue  # a missed day
            store.put_checkin(
                CheckIn(
                    day,
                    pain=min(10, round(2 + 3 * rng.random() + (offset % 60) / 30)),
                    interference=rng.randint(0, 3),
                    ai_taken=rng.random() < 0.9,
                    aerobic_min=rng.choice([0, 10, 20, 30, 45]),
                    resistance_min=rng.choice([0, 0, 20, None]),
                    balance_min=rng.choice([0, 10, 15]),
                    calcium_food_mg=rng.randint(500, 1300),
                    calcium_supplement_mg=rng.choice([0, 500]),
                    vitamin_d_iu=rng.choice([0, 800, 1000]),
                    fatigue=rng.randint(0, 7),
                    mood=rng.randint(2, 5),
                    fall=rng.random() < 0.01,
                )
            )
            if offset % 9 == 0:
                store.put_session_log(SessionLog(day, f"s{offset}", resistance_min=25))
        store.put_dxa(DxaScan(TODAY - timedelta(days=720), "lumbar_spine", -1.6))
        store.put_dxa(DxaScan(TODAY - timedelta(days=300), "lumbar_spine", -1.9))
        store.put_dxa(DxaScan(TODAY - timedelta(days=300), "total_hip", -1.2))
    return app


def title(app: CoachApp) -> str:
    return text_of(app.screen.query_one("#trends-title"))


def summary_text(app: CoachApp) -> str:
    return text_of(app.screen.query_one("#trends-summary"))


def plot_text(app: CoachApp) -> str:
    """What the plot widget draws now (its render builds the plotext figure)."""
    return app.screen.query_one("#trends-plot").render().plain


class HeldRead:
    """The store's read of the whole diary, giving no progress until ``release``: a read
    held open while keys are pressed."""

    def __init__(self, app: CoachApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.held = True
        read_whole_history = app.store.read_whole_history

        def held_read(step: int = 1000):  # type: ignore[no-untyped-def]
            while self.held:
                yield 0, 1
            yield from read_whole_history(step)

        monkeypatch.setattr(app.store, "read_whole_history", held_read)

    def release(self) -> None:
        self.held = False


async def open_trends(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    await pilot.pause()


async def test_opens_from_home_with_default_metric_and_summary(data_path: Path) -> None:
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        assert title(app) == "Worst joint pain · 3 months"
        expected = summary(
            series_for_range("pain", "3m", app.store.checkins(), app.store.session_logs(), TODAY),
            TODAY,
        )
        assert summary_text(app) == expected
        assert expected.startswith("Average worst pain")
        drawn = plot_text(app)
        assert "Worst joint pain (0-10)" in drawn
        assert "•" in drawn and "pain 4: raise with care team" in drawn
        assert len(drawn.splitlines()) == app.screen.query_one("#trends-plot").size.height
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_switching_metric_and_range_changes_title_and_summary(data_path: Path) -> None:
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        seen = [(title(app), summary_text(app))]
        for key in ("right", "right", "right_square_bracket", "right"):
            await pilot.press(key)
            seen.append((title(app), summary_text(app)))
        assert [t for t, _ in seen] == [
            "Worst joint pain · 3 months",
            "Worst joint pain, highest of the week · 3 months",
            "Pain interference · 3 months",
            "Aromatase inhibitor taken · 3 months",
            "Aerobic minutes · 3 months",
        ]
        assert len({s for _, s in seen}) == len(seen)
        await pilot.press("left", "left_square_bracket")
        assert title(app).startswith("Pain interference ·")
        checkins, logs = app.store.checkins(), app.store.session_logs()
        summaries = {}
        for key, range_key in RANGE_KEYS.items():
            await pilot.press(key)
            assert title(app) == f"Pain interference · {RANGE_LABELS[range_key]}"
            series = series_for_range("interference", range_key, checkins, logs, TODAY)
            summaries[range_key] = summary_text(app)
            assert summaries[range_key] == summary(series, TODAY)
        # 2 weeks compares days; the longer ranges all compare the last 4 weeks with the 4 before
        assert "last 7 days" in summaries["2w"]
        assert "last 4 weeks" in summaries["3m"]
        await pilot.press("left", "left", "left")  # wraps round to the last metric
        assert title(app).startswith("Lowest T-score ·")
        assert "every scan" in title(app)


async def test_a_narrower_range_after_all_time_shows_only_its_own(data_path: Path) -> None:
    """After "all time" the screen holds every record; a shorter range then shows exactly
    what a fresh read of that range would (records dated after today stay out)."""
    app = year_app(data_path)
    app.store.put_checkin(CheckIn(TODAY + timedelta(days=3), pain=10, aerobic_min=300))
    app.store.put_session_log(SessionLog(TODAY + timedelta(days=2), "later", aerobic_min=90))
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        checkins, logs = app.store.checkins(), app.store.session_logs()
        for metric in ("pain", "aerobic_min"):
            for key in ("4", "1", "4", "2", "4", "3", "1"):
                await pilot.press(key)
                range_key = RANGE_KEYS[key]
                series = series_for_range(metric, range_key, checkins, logs, TODAY)
                assert summary_text(app) == summary(series, TODAY), (metric, range_key)
                assert title(app) == f"{series.label} · {RANGE_LABELS[range_key]}"
            await pilot.press("right", "right", "right", "right")  # pain -> aerobic minutes
        await pilot.press("c", "4", "1")
        start = TODAY - timedelta(days=13)
        pain, exercise = combined_pain_exercise(checkins, logs, start, TODAY)
        assert summary_text(app) == f"{summary(pain, TODAY)}\n{summary(exercise, TODAY)}"


async def test_all_time_after_saves_shows_what_a_fresh_series_shows(data_path: Path) -> None:
    """All time is made again only from the first changed week on (the weeks before are
    kept): after saves of today, of a day months ago, a deletion and a session log, every
    metric's view is still exactly what the records make from scratch."""
    app = year_app(data_path)
    store = app.store
    changes = [
        lambda: store.put_checkin(CheckIn(TODAY, pain=9, aerobic_min=45)),
        lambda: store.put_checkin(CheckIn(TODAY - timedelta(days=200), pain=1, aerobic_min=5)),
        lambda: store.delete_checkin(store.checkins()[5].day),
        lambda: store.put_session_log(
            SessionLog(TODAY - timedelta(days=90), "w3-mon", aerobic_min=20, resistance_min=10)
        ),
        lambda: store.put_checkin(CheckIn(store.checkins()[0].day - timedelta(days=9), pain=4)),
    ]
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        for change in [None, *changes]:
            if change is not None:
                change()
                await pilot.press("question_mark", "escape")  # back to trends: read again
                await pilot.pause()
            checkins, logs = store.checkins(), store.session_logs()
            for metric in ("pain", "aerobic_min", "resistance_sessions"):
                app.screen.metric = metric
                await pilot.press("1", "4")
                series = series_for_range(metric, "all", checkins, logs, TODAY)
                assert app.screen.view().series == (series,), metric
                assert summary_text(app) == summary(series, TODAY)


async def test_all_time_after_todays_check_in_takes_the_stores_word(
    data_path: Path, monkeypatch
) -> None:
    """After a check-in is saved the store tells from which day the records may differ, so
    all time is made again without comparing every record (30 years: 11,000); a session log
    saved makes the store read them again, and then they are compared."""
    from coach import trends as coach_trends

    compared: list[int] = []
    same_until = coach_trends._same_until
    monkeypatch.setattr(
        coach_trends,
        "_same_until",
        lambda before, after: compared.append(len(after)) or same_until(before, after),
    )
    app = year_app(data_path)
    store = app.store
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        for change, compares in (
            (lambda: store.put_checkin(CheckIn(TODAY, pain=9)), 0),
            (lambda: store.put_session_log(SessionLog(TODAY, "w3-mon", aerobic_min=20)), 2),
        ):
            change()
            compared.clear()
            await pilot.press("question_mark", "escape", "1", "4")  # read again, all time
            await pilot.pause()
            assert len(compared) == compares
            series = series_for_range("pain", "all", store.checkins(), store.session_logs(), TODAY)
            assert app.screen.view().series == (series,)


async def test_the_first_read_of_a_long_diary_goes_in_steps_and_says_so(
    data_path: Path, monkeypatch
) -> None:
    """All time on a long diary: every record is read for the first time in steps, in a
    worker, while the title says what comes, the notice how far the read is, and no plot of
    another range shows; then the plot. Once read (and after a save), no steps and no notice."""
    from screens import trends as trends_screen

    monkeypatch.setattr(trends_screen, "LONG_READ", 100)  # the year of data counts as long
    app = year_app(data_path)
    seen: list[tuple[str, str, bool]] = []
    read_whole_history = app.store.read_whole_history

    def in_small_steps(step: int = 1000):  # type: ignore[no-untyped-def]
        for progress in read_whole_history(step=50):
            yield progress
            seen.append((title(app), summary_text(app), "•" in plot_text(app)))

    monkeypatch.setattr(app.store, "read_whole_history", in_small_steps)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        assert "•" in plot_text(app)  # 3 months of pain
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(seen) > 5
        assert {shown for shown, _, _ in seen} == {"Worst joint pain · all time"}
        percents = [
            int(words.removeprefix(trends_screen.READING_TEXT)[:-1]) for _, words, _ in seen
        ]
        assert percents == sorted(percents) and percents[-1] == 100
        assert not any(plotted for _, _, plotted in seen)
        checkins, logs = app.store.checkins(), app.store.session_logs()
        expected = summary(series_for_range("pain", "all", checkins, logs, TODAY), TODAY)
        assert summary_text(app) == expected and "•" in plot_text(app)
        assert title(app) == "Worst joint pain · all time"
        app.store.put_checkin(CheckIn(TODAY, pain=9))  # a save: the records are still known
        read_so_far = len(seen)
        await pilot.press("1", "4")
        assert not any(worker.group == "trends-read" for worker in app.workers)  # no steps
        await pilot.pause()
        assert len(seen) == read_so_far
        checkins, logs = app.store.checkins(), app.store.session_logs()
        assert checkins[-1] == CheckIn(TODAY, pain=9)
        after = series_for_range("pain", "all", checkins, logs, TODAY)
        assert summary_text(app) == summary(after, TODAY)


async def test_keys_while_the_whole_diary_is_read_show_all_of_it(
    data_path: Path, monkeypatch
) -> None:
    """Keys go on while every record is read: the metric keys, the combined view, another
    dialog. Each says what is coming and shows no view made from the 3 months held (found by
    a burst of keys on a 30-year diary: "all time" drawn from them, and kept); once the read
    is done the chosen view is that of every record."""
    from screens import trends as trends_screen

    monkeypatch.setattr(trends_screen, "LONG_READ", 100)  # the year of data counts as long
    app = year_app(data_path)
    read = HeldRead(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        screen = app.screen
        await pilot.press("4", "right")
        await pilot.pause()
        assert title(app) == f"{METRICS['pain_max'].label} · all time"
        assert summary_text(app).startswith(trends_screen.READING_TEXT)
        assert "•" not in plot_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert title(app) == f"{trends_screen.COMBINED_LABEL} · all time"
        await pilot.press("m")  # the list of metrics over the screen, and back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c", "left")
        await pilot.pause()
        assert title(app) == "Worst joint pain · all time"
        assert summary_text(app).startswith(trends_screen.READING_TEXT)
        read.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        checkins, logs = app.store.checkins(), app.store.session_logs()
        expected = series_for_range("pain", "all", checkins, logs, TODAY)
        assert title(app) == "Worst joint pain · all time"
        assert screen.view().series == (expected,)
        assert summary_text(app) == summary(expected, TODAY)
        await pilot.press("right")  # read: every view of all time is at once
        await pilot.pause()
        expected = series_for_range("pain_max", "all", checkins, logs, TODAY)
        assert screen.view().series == (expected,)


async def test_no_step_of_the_read_starts_while_a_key_waits(data_path: Path, monkeypatch) -> None:
    """A key typed while every record is read is handled before the next step of the read
    starts (it waits while one is pending), however many steps are left: a key during the
    30-year read waits for one step, not for the read."""
    from screens import trends as trends_screen
    from screens.key_order import pump_busy

    monkeypatch.setattr(trends_screen, "LONG_READ", 100)  # the year of data counts as long
    app = year_app(data_path)
    key_waiting: list[bool] = []
    titles: list[str] = []
    read_whole_history = app.store.read_whole_history

    def in_small_steps(step: int = 1000):  # type: ignore[no-untyped-def]
        for steps, progress in enumerate(read_whole_history(step=2)):
            if steps == 20:  # typed in a burst while the read goes on
                queue_keys(app, "right", "right", "left")
            yield progress
            key_waiting.append(bool(app.keys_pending or pump_busy(app)))
            titles.append(title(app))

    monkeypatch.setattr(app.store, "read_whole_history", in_small_steps)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert title(app) == f"{METRICS['pain_max'].label} · all time"
    final = f"{METRICS['pain_max'].label} · all time"
    assert titles[:20] == ["Worst joint pain · all time"] * 20  # before the keys
    assert set(titles[20:]) == {final}  # all three handled before the step after them
    assert len(key_waiting) > 100 and not any(key_waiting)


def test_progress_is_said_when_it_changes_and_laid_out_only_when_it_may_not_fit() -> None:
    """The notice's percentage: the screen is laid out again for the first one and for a line
    wider than the notice (it may wrap), not for each step (a fifth of the 30-year read)."""
    from types import SimpleNamespace

    from screens.trends import READING_TEXT, _say_progress

    updates: list[tuple[str, bool]] = []
    notice = SimpleNamespace(
        content_size=SimpleNamespace(width=len(READING_TEXT) + 4),
        update=lambda text, layout: updates.append((text, layout)),
    )
    said = _say_progress(notice, "", 0)  # type: ignore[arg-type]
    said = _say_progress(notice, said, 0)  # type: ignore[arg-type]
    said = _say_progress(notice, said, 40)  # type: ignore[arg-type]
    said = _say_progress(notice, said, 100)  # type: ignore[arg-type]  (one cell too wide)
    assert updates == [
        (f"{READING_TEXT} 0%", True),
        (f"{READING_TEXT} 40%", False),
        (f"{READING_TEXT} 100%", True),
    ]
    assert said == f"{READING_TEXT} 100%"


def reading(app: CoachApp) -> bool:
    return any(worker.group == "trends-read" for worker in app.workers)


async def test_a_diary_is_read_ahead_while_its_screen_is_looked_at(
    data_path: Path, monkeypatch
) -> None:
    """Shown for a moment, a diary that is not short starts being read whole, unasked, with
    the 3 months on screen left as they are; "all time" chosen meanwhile says what is coming,
    never shows a view made from the 3 months held, and is made from every record."""
    from screens import trends as trends_screen

    monkeypatch.setattr(trends_screen, "LONG_READ", 100)  # the year of data counts as long
    monkeypatch.setattr(trends_screen, "READ_AHEAD_AFTER", 0.05)
    app = year_app(data_path)
    read = HeldRead(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        three_months = (title(app), summary_text(app), plot_text(app))
        assert three_months[0] == "Worst joint pain · 3 months" and "•" in three_months[2]
        await pilot.pause(0.2)
        assert reading(app) and not app.store.whole_history_known()
        assert (title(app), summary_text(app), plot_text(app)) == three_months  # untouched
        await pilot.press("4")
        await pilot.pause()
        assert title(app) == "Worst joint pain · all time"
        assert summary_text(app).startswith(trends_screen.READING_TEXT)
        assert "•" not in plot_text(app)
        read.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        checkins, logs = app.store.checkins(), app.store.session_logs()
        expected = series_for_range("pain", "all", checkins, logs, TODAY)
        assert app.screen.view().series == (expected,)
        assert summary_text(app) == summary(expected, TODAY)


async def test_all_time_read_ahead_shows_at_once_and_short_diaries_wait(
    data_path: Path, monkeypatch
) -> None:
    """Read ahead, "all time" is shown at the key with no notice and no read; a diary under
    ``LONG_READ`` records is not read ahead, and leaving the screen during the read
    ends it, with the diary read whole when Trends is opened again."""
    from screens import trends as trends_screen

    monkeypatch.setattr(trends_screen, "READ_AHEAD_AFTER", 0.05)
    app = year_app(data_path)
    read = HeldRead(app, monkeypatch)
    settled: list[tuple[int, object]] = []
    monkeypatch.setattr(
        trends_screen, "settle_records", lambda _, count, marker: settled.append((count, marker))
    )
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(trends_screen, "LONG_READ", 10_000)  # a year: short
        await open_trends(pilot)
        await pilot.pause(0.2)
        assert not reading(app) and not app.store.whole_history_known()
        await pilot.press("escape")
        monkeypatch.setattr(trends_screen, "LONG_READ", 100)
        await open_trends(pilot)
        await pilot.pause(0.2)
        assert reading(app)
        await pilot.press("escape")  # home, mid-read
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not reading(app)
        assert not app.store.whole_history_known()
        read.release()
        await open_trends(pilot)
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        assert app.store.whole_history_known()
        store = app.store
        assert settled == [(store.history_size(), store.changes[1])]  # kept: frozen at once
        shown = (title(app), summary_text(app))
        assert shown[0] == "Worst joint pain · 3 months"  # read ahead: nothing else changed
        notices: list[str] = []
        monkeypatch.setattr(
            app.screen, "_read_in_steps", lambda: notices.append("steps")
        )  # never needed now
        await pilot.press("4")
        assert not reading(app) and not notices
        checkins, logs = app.store.checkins(), app.store.session_logs()
        expected = series_for_range("pain", "all", checkins, logs, TODAY)
        assert title(app) == "Worst joint pain · all time"
        assert summary_text(app) == summary(expected, TODAY)


async def test_every_metric_and_range_draws(data_path: Path) -> None:
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        for _ in METRICS:
            for key in RANGE_KEYS:
                await pilot.press(key)
                drawn = plot_text(app)
                words = summary_text(app)
                assert words.endswith("."), (title(app), words)
                assert "•" in drawn or NO_DATA_TEXT in drawn, title(app)
                assert "┌" in drawn and "┘" in drawn, title(app)
            await pilot.press("right")
        assert title(app) == "Worst joint pain · all time"  # once round every metric


async def test_combined_view(data_path: Path) -> None:
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("3", "c")
        assert title(app) == "Worst joint pain and exercise minutes · 1 year"
        drawn = plot_text(app)
        assert "Worst joint pain (0-10)" in drawn
        assert "Exercise minutes, all kinds (min/week)" in drawn
        pain_words, exercise_words = summary_text(app).splitlines()
        assert pain_words.startswith("Average worst pain")
        assert exercise_words.startswith("Exercise minutes, all kinds:")
        await pilot.press("1")
        assert title(app).endswith("· 2 weeks")
        await pilot.press("c")
        assert title(app) == "Worst joint pain · 2 weeks"
        await pilot.press("c", "right")  # a metric key leaves the combined view
        assert title(app) == "Worst joint pain · 2 weeks"


async def test_metric_list(data_path: Path) -> None:
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert type(app.screen).__name__ == "MetricPicker"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert title(app) == "Pain interference · 3 months"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last entry: pain and exercise together
        await pilot.pause()
        assert title(app).startswith("Worst joint pain and exercise minutes")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert title(app).startswith("Worst joint pain and exercise minutes")


async def test_empty_store_says_so(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        assert NO_DATA_TEXT in plot_text(app)
        assert summary_text(app) == "No worst pain recorded in this range yet."
        await pilot.press("c")
        assert plot_text(app).count(NO_DATA_TEXT) == 2
        await pilot.press("left")  # off the combined view, then to the T-score
        await pilot.press("left")
        assert summary_text(app) == "No DXA scans recorded yet."


async def test_rereads_the_store_when_shown_again(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        assert "No worst pain" in summary_text(app)
        app.store.put_checkin(CheckIn(TODAY - timedelta(days=1), pain=6))
        await pilot.press("question_mark")  # the help screen covers trends, then closes
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert summary_text(app).startswith("Average worst pain 6.0")


async def test_redraws_on_resize_and_theme_change(data_path: Path) -> None:
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        plot = app.screen.query_one("#trends-plot")
        assert max(len(line) for line in plot_text(app).splitlines()) == 80
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await pilot.pause()
        lines = plot_text(app).splitlines()
        assert (max(len(line) for line in lines), len(lines)) == tuple(plot.size)
        assert plot.size.width == 120
        for theme in ("ansi-dark", "ansi-light", "textual-light"):
            app.theme = theme
            await pilot.pause()
            assert "Worst joint pain (0-10)" in plot_text(app)


async def test_no_color_draws_without_colour(
    data_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("c")
        rendered = app.screen.query_one("#trends-plot").render()
        assert "---" in rendered.plain  # the target is a line of "-", not a colour
        assert not [s for s in rendered.spans if getattr(s.style, "color", None) is not None]


def test_plotext_is_loaded_after_the_first_frame(tmp_path: Path) -> None:
    """Nothing of Trends before the first frame: it is imported after it (screens/warm.py),
    while the home screen is read, or when Trends opens, whichever comes first."""
    code = textwrap.dedent(
        f"""
        import asyncio, sys
        from datetime import date
        from coach.models import Profile
        from screens import app as app_module
        from screens.app import CoachApp
        from store.db import Store

        store = Store.open({str(tmp_path / "b.json")!r})
        store.put_profile(Profile(name="Ann", birth_year=1958, ai_drug="anastrozole"))
        at_first_frame = []
        warm = app_module.warm_modules

        def noted(app, **kwargs):  # called just after the first frame
            at_first_frame.extend(m for m in ("plotext", "textual_plotext", "screens.trends")
                                  if m in sys.modules)
            warm(app, **kwargs)

        app_module.warm_modules = noted

        async def main():
            app = CoachApp(store, today=lambda: date(2026, 11, 26))
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                assert type(app.screen).__name__ == "HomeScreen", app.screen
                assert at_first_frame == [], f"{{at_first_frame}} before the first frame"
                assert "plotext" in sys.modules and "screens.trends" in sys.modules
                await pilot.press("t")
                await pilot.pause()
                assert type(app.screen).__name__ == "TrendsScreen", app.screen

        asyncio.run(main())
        store.close()
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_trends_snapshot(snap_compare, data_path: Path) -> None:
    assert snap_compare(year_app(data_path), terminal_size=SIZE, press=["t"])


async def test_all_time_keeps_the_last_few_metrics_only(data_path: Path) -> None:
    """Each kept all-time series holds the record lists it was made from (30 years: 16,000
    records): only the metrics shown last are kept, and a metric shown again is still right."""
    from screens.trends import _ALL_TIME, ALL_TIME_KEPT

    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        for _ in range(ALL_TIME_KEPT + 2):
            await pilot.press("right")
        await pilot.pause()
        assert len(_ALL_TIME[app]) == ALL_TIME_KEPT
        assert app.screen.metric in _ALL_TIME[app]
        for _ in range(ALL_TIME_KEPT + 2):
            await pilot.press("left")  # back to pain, made again from scratch
        checkins, logs = app.store.checkins(), app.store.session_logs()
        assert app.screen.view().series == (series_for_range("pain", "all", checkins, logs, TODAY),)
