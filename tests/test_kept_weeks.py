"""Kept weeks (store/weeks.py): weekly totals of older records kept beside the data file.

They are only a copy: every test here checks that what they make is exactly what the records
make, and that they are not used for a file they were not made from (a save before their cut,
another program's write, another person's file, a damaged or foreign cache file)."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ui_trends import open_trends, summary_text, year_app
from ui_helpers import SIZE, TODAY, make_app

from coach.kept_weeks import kept_weeks_cut
from coach.models import CheckIn, SessionLog
from coach.trends import (
    WEEKLY_METRICS,
    kept_rows,
    made_from_kept,
    rows_to_keep,
    series_for_range,
    summary,
    weekly_series,
    weekly_series_again,
)
from screens import trends as trends_screen
from screens.app import CoachApp
from store import weeks
from store.db import Store

CUT = date(2026, 5, 4)  # a Monday
START = date(2025, 11, 19)  # a Wednesday: the first week is clipped
ROWS = {"pain": [[1.5, 4, 5], *[[2.0, 7, 7]] * 23]}


def opened(path: Path) -> Store:
    return Store.open(path, clock=lambda: TODAY)


def diary(path: Path, days: int = 300) -> Store:
    """A store with a check-in a day for ``days`` days before TODAY and a session log a week."""
    store = opened(path)
    with store.batch():
        for offset in range(days, 0, -1):
            day = TODAY - timedelta(days=offset)
            store.put_checkin(CheckIn(day, pain=offset % 9, aerobic_min=offset % 40))
            if offset % 7 == 0:
                store.put_session_log(SessionLog(day, f"s{offset}", resistance_min=20))
    return store


# --------------------------------------------------------------------------- the sums


checkins_strategy = st.dictionaries(
    st.integers(0, 200),
    st.tuples(st.integers(0, 10), st.sampled_from([None, 0, 10, 35]), st.booleans()),
    max_size=120,
)
logs_strategy = st.lists(st.tuples(st.integers(0, 200), st.sampled_from([0, 15, 30])), max_size=30)


FIRST = date(2024, 1, 3)


def records_of(checkin_days, log_days, today: date) -> tuple[list, list, date]:
    """The drawn check-ins and session logs, oldest first (as the store gives them), and the
    day all time starts."""
    checkins = [
        CheckIn(FIRST + timedelta(days=d), pain=p, aerobic_min=a, ai_taken=t)
        for d, (p, a, t) in sorted(checkin_days.items())
    ]
    logs = sorted(
        (
            SessionLog(FIRST + timedelta(days=d), f"k{i}", resistance_min=m)
            for i, (d, m) in enumerate(log_days)
        ),
        key=lambda log: (log.day, log.session_id),
    )
    return checkins, logs, min([r.day for r in [*checkins[:1], *logs[:1]]] + [today])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    checkin_days=checkins_strategy,
    log_days=logs_strategy,
    today_offset=st.integers(0, 260),
    weeks_back=st.integers(0, 6),
)
def test_kept_weeks_and_the_records_after_them_make_the_same_series(
    checkin_days, log_days, today_offset, weeks_back
) -> None:
    """For any records, any day and any cut: the series made from kept weeks and the
    records from the cut on is exactly the one made from every record, for every metric."""
    today = FIRST + timedelta(days=today_offset)
    checkins, logs, start = records_of(checkin_days, log_days, today)
    cut = kept_weeks_cut(today) - timedelta(weeks=weeks_back)
    if start >= cut:
        return
    rows = dict(kept_rows(checkins, logs, start, cut))
    assert set(rows) == set(WEEKLY_METRICS)
    tail_checkins = [c for c in checkins if c.day >= cut]
    tail_logs = [s for s in logs if s.day >= cut]
    for metric in WEEKLY_METRICS:
        made = made_from_kept(metric, rows[metric], start, cut)
        assert made is not None
        again = weekly_series_again(
            made, metric, tail_checkins, tail_logs, start, today, same_until=cut
        )
        assert again.series == weekly_series(metric, checkins, logs, start, today), metric


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    checkin_days=checkins_strategy,
    log_days=logs_strategy,
    today_offset=st.integers(0, 260),
    piece_weeks=st.integers(1, 40),
)
def test_weeks_summed_from_a_stream_a_piece_at_a_time_are_the_weeks_of_every_record(
    checkin_days, log_days, today_offset, piece_weeks
) -> None:
    """What an import keeps (``rows_to_keep``: records one at a time, a piece of weeks at a
    time) is exactly what a screen keeps from every record held (``kept_rows``)."""
    today = FIRST + timedelta(days=today_offset)
    checkins, logs, start = records_of(checkin_days, log_days, today)
    made = rows_to_keep(iter(checkins), iter(logs), today, piece_weeks=piece_weeks)
    cut = kept_weeks_cut(today)
    if start >= cut:
        assert made is None
        return
    assert made is not None
    assert made[:2] == (start, cut)
    rows = {metric: [list(row) for row in made[2][metric]] for metric in made[2]}
    assert rows == dict(kept_rows(checkins, logs, start, cut))


@pytest.mark.parametrize(
    "rows",
    [
        None,
        "x",
        ROWS["pain"][:-1],  # a week short
        [*ROWS["pain"], [2.0, 7, 7]],  # a week too many
        [[1.5, 4, 5], *[[2.0, 8, 7]] * 23],  # more days than the week has
        [[1.5, 4, 5], *[["2", 7, 7]] * 23],
        [[1.5, 4, 5], *[[True, 7, 7]] * 23],
        [[1.5, 4], *[[2.0, 7, 7]] * 23],
        [[1.5, 4, 5], *[[10**400, 7, 7]] * 23],  # no float holds it
        [[1.5, 4, 5], *[[float("nan"), 7, 7]] * 23],
        [[1.5, 4, 5], (2.0, 7, 7), *[[2.0, 7, 7]] * 22],  # not what JSON gives
    ],
)
def test_rows_that_do_not_fit_are_not_used(rows) -> None:
    assert made_from_kept("pain", ROWS["pain"], START, CUT) is not None
    assert made_from_kept("pain", rows, START, CUT) is None


# --------------------------------------------------------------------------- the file


def test_kept_weeks_hold_for_their_file_and_for_saves_from_their_cut_on(data_path: Path) -> None:
    store = diary(data_path)
    assert store.kept_weeks() is None
    assert store.keep_weeks(CUT, START, ROWS)
    kept = store.kept_weeks()
    assert kept is not None and (kept.cut, kept.start) == (CUT, START)
    assert kept.rows("pain") == ROWS["pain"] and kept.rows("mood") is None
    store.put_checkin(CheckIn(CUT, pain=3))  # on the cut: carried
    store.put_session_log(SessionLog(TODAY, "late", aerobic_min=10))
    store.delete_checkin(TODAY - timedelta(days=1))
    store.import_dict(
        {"format": "bonecoach-export", "schema": 2, "checkins": [{"day": "2026-11-25"}]}
    )
    assert store.kept_weeks() is not None
    store.close()
    again = opened(data_path)  # another session, on the file those saves wrote
    assert again.kept_weeks() is not None
    with again.batch():
        again.put_checkin(CheckIn(TODAY, pain=2))
        assert again.kept_weeks() is None  # unsaved changes: not the file
    assert again.kept_weeks() is not None


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.put_checkin(CheckIn(CUT - timedelta(days=1), pain=3)),
        lambda s: s.delete_checkin(CUT - timedelta(days=10)),
        lambda s: s.put_session_log(SessionLog(CUT - timedelta(days=1), "old", aerobic_min=10)),
        lambda s: s.put_session_log(
            SessionLog(TODAY - timedelta(days=210), "s210", resistance_min=5)  # replaced
        ),
        lambda s: s.import_dict(
            {"format": "bonecoach-export", "schema": 2, "checkins": [{"day": "2026-01-05"}]}
        ),
    ],
    ids=["check-in", "deletion", "new log", "log replaced", "import"],
)
def test_a_save_before_the_cut_ends_them(data_path: Path, change) -> None:
    store = diary(data_path)
    store.keep_weeks(CUT, START, ROWS)
    change(store)
    assert store.kept_weeks() is None
    assert not weeks.kept_path(data_path).exists()  # of no use to any later file
    assert opened(data_path).kept_weeks() is None


def test_a_file_written_by_anything_else_finds_them_of_no_use(data_path: Path) -> None:
    store = diary(data_path)
    store.keep_weeks(CUT, START, ROWS)
    store.close()
    text = data_path.read_text()
    data_path.write_text(text.replace('"pain":3', '"pain":4', 1))  # a hand edit
    assert opened(data_path).kept_weeks() is None
    other = diary(data_path.with_name("other.json"), days=150)  # another person's file
    shutil.copy(weeks.kept_path(data_path), weeks.kept_path(other.path))
    assert other.kept_weeks() is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[:-1],  # no last line break
        lambda b: b[: len(b) // 2],
        lambda b: b.replace(b'"version":1', b'"version":9'),
        lambda b: b.replace(b'"cut":', b'"cut":-'),
        lambda b: b"\xff\xfe" + b,
        lambda b: b.split(b"\n")[0] + b"\n",
        lambda b: b'{"names":[1],"cut":1,"start":0,"version":1}\n[]\n1 2\n',
        lambda b: b + b"\x00" * (weeks.MAX_BYTES + 1),
    ],
)
def test_a_damaged_file_is_no_file_and_saves_go_on(data_path: Path, damage) -> None:
    store = diary(data_path)
    store.keep_weeks(CUT, START, ROWS)
    kept_file = weeks.kept_path(data_path)
    kept_file.write_bytes(damage(kept_file.read_bytes()))
    assert store.kept_weeks() is None
    store.put_checkin(CheckIn(TODAY, pain=1))  # carry meets the damage: the save is made
    assert opened(data_path).get_checkin(TODAY) == CheckIn(TODAY, pain=1)


def test_none_are_kept_for_a_file_not_in_the_layout_or_read_only(data_path: Path) -> None:
    store = diary(data_path)
    store.close()
    data_path.write_text(data_path.read_text().replace("\n", " "))  # valid JSON, no layout
    plain = opened(data_path)
    assert plain.checkins() and not plain.keep_weeks(CUT, START, ROWS)
    assert not weeks.kept_path(data_path).exists()
    plain.put_checkin(CheckIn(TODAY, pain=1))  # written in the layout again
    assert plain.keep_weeks(CUT, START, ROWS)
    reader = Store.open(data_path, read_only=True, clock=lambda: TODAY)
    assert reader.kept_weeks() is not None
    assert not reader.keep_weeks(CUT, START, ROWS)


def test_a_failed_save_does_not_carry_them(data_path: Path, monkeypatch) -> None:
    store = diary(data_path)
    store.keep_weeks(CUT, START, ROWS)
    before = weeks.kept_path(data_path).read_bytes()

    def failing(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("store.storage.atomic_stream", failing)
    with pytest.raises(OSError):
        store.put_checkin(CheckIn(TODAY, pain=1))
    monkeypatch.undo()
    assert weeks.kept_path(data_path).read_bytes() == before
    assert store.kept_weeks() is not None  # the file is as it was: read again


# --------------------------------------------------------------------------- the screen


@pytest.fixture(autouse=True)
def soon(monkeypatch) -> None:
    """The weeks are kept a short quiet moment after the whole read, not half a second."""
    monkeypatch.setattr(trends_screen, "KEEP_WEEKS_AFTER", 0.02)


async def until_kept(app: CoachApp) -> None:
    """Wait until the Trends screen has no weeks waiting to be kept or being kept."""
    for _ in range(200):
        if getattr(app.screen, "_keeping", None) is None:
            break
        await app.workers.wait_for_complete()
        await asyncio.sleep(0.01)
    assert getattr(app.screen, "_keeping", None) is None, "the weeks were never kept"


async def keep_the_weeks_of_a_year(data_path: Path, monkeypatch) -> None:
    """A year of records at ``data_path``, its weeks kept by a first "all time"."""
    monkeypatch.setattr(trends_screen, "KEEP_WEEKS_FROM", 100)  # the year of data is long
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        await until_kept(app)
        assert app.store.whole_history_known()
    app.store.close()
    assert weeks.kept_path(data_path).exists()


async def test_a_later_session_shows_all_time_from_kept_weeks(data_path: Path, monkeypatch) -> None:
    """The first all time of a long diary reads it whole and keeps its weeks; the next
    session reads only the records from the cut on, and shows exactly the same, also after
    a check-in of today; a change before the cut makes it read the diary whole again."""
    await keep_the_weeks_of_a_year(data_path, monkeypatch)

    async def all_time_in_new_session(*metrics: str, kept: bool) -> None:
        later = make_app(data_path)
        async with later.run_test(size=SIZE) as pilot:
            await open_trends(pilot)
            shown = {}
            for metric in metrics:
                later.screen.metric = metric
                await pilot.press("1", "4")
                shown[metric] = (later.screen.view(), summary_text(later))
            await pilot.press("c")
            shown["combined"] = (later.screen.view(), summary_text(later))
            store = later.store
            assert store.whole_history_known() is not kept  # read whole only without them
            checkins, logs = store.checkins(), store.session_logs()
            for metric in metrics:
                series = series_for_range(metric, "all", checkins, logs, TODAY)
                assert shown[metric] == (later.screen.view(), summary(series, TODAY)) or (
                    shown[metric][0].series == (series,)
                    and shown[metric][1] == summary(series, TODAY)
                ), metric
            pain, exercise = (
                series_for_range(m, "all", checkins, logs, TODAY) for m in ("pain", "exercise_min")
            )
            assert shown["combined"][0].series == (pain, exercise)
        later.store.close()

    metrics = ("pain", "aerobic_min", "resistance_sessions", "adherence")
    await all_time_in_new_session(*metrics, kept=True)
    store = opened(data_path)
    store.put_checkin(CheckIn(TODAY, pain=8, aerobic_min=50))
    store.close()
    await all_time_in_new_session(*metrics, kept=True)
    store = opened(data_path)
    store.put_checkin(CheckIn(TODAY - timedelta(days=200), pain=0, aerobic_min=90))
    store.close()
    assert not weeks.kept_path(data_path).exists()
    await all_time_in_new_session(*metrics, kept=False)


async def test_the_metrics_a_step_away_are_made_after_all_time_is_drawn(
    data_path: Path, monkeypatch
) -> None:
    """With kept weeks, once an all time view is drawn, the views a step left and right are
    made (and merged for the plot) in turns of their own: the key then shows one made
    already, the same as one made from every record. Not after the store changed."""
    await keep_the_weeks_of_a_year(data_path, monkeypatch)
    app = make_app(data_path)
    order = trends_screen.METRIC_ORDER
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        at = 3  # (the T-score, left of the first, is not made: it reads the scans only)
        metric = app.screen.metric = order[at]
        await pilot.press("4")
        await pilot.pause(0.05)  # (made after ``PREPARE_AFTER``)
        views = trends_screen._VIEWS[app]
        assert {key[0] for key in views if key[1] == "all"} == {
            order[at - 1],
            metric,
            order[at + 1],
        }
        made_now = []
        make_view = trends_screen.TrendsScreen._make_view
        monkeypatch.setattr(
            trends_screen.TrendsScreen,
            "_make_view",
            lambda screen, *a: made_now.append(a[1]) or make_view(screen, *a),
        )
        await pilot.press("right")
        await pilot.pause(0.05)
        # the key found its view made; after its frame, the one a step further was made
        # (the one a step back is the view shown before)
        assert made_now == [order[at + 2]]
        store = app.store
        checkins, logs = store.checkins(), store.session_logs()
        series = series_for_range(order[at + 1], "all", checkins, logs, TODAY)
        assert app.screen.view().series == (series,)
        assert summary_text(app) == summary(series, TODAY)
        views.clear()
        store.put_checkin(CheckIn(TODAY, pain=7))
        app.screen.refresh_view()  # (the store changed before the turn comes: nothing made)
        store.put_checkin(CheckIn(TODAY, pain=8))
        made_now.clear()
        await pilot.pause(0.05)  # (made after ``PREPARE_AFTER``)
        assert made_now == []
        # "c" handled after all time was shown, before its neighbours' turn: none made (a
        # combined view has two series, and was made for a single metric's plot)
        await pilot.press("4")
        await pilot.pause(0.05)
        chosen = app.screen._choice()
        app.screen.combined = True
        made_now.clear()
        app.screen._prepare_next_metric(chosen, (1, -1))
        await pilot.pause(0.05)
        assert made_now == []
    app.store.close()


async def all_time_read_whole(app: CoachApp) -> bool:
    """Open Trends and show "all time" of pain until its workers are done; check it is what
    the file's records make; whether the app read them whole."""
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        await until_kept(app)
        shown, whole = app.screen.view().series, app.store.whole_history_known()
    app.store.close()
    records = Store.open(app.store.path, read_only=True)
    checkins, logs = records.checkins(), records.session_logs()
    assert shown == (series_for_range("pain", "all", checkins, logs, app.today()),)
    return whole


async def test_weeks_are_kept_in_a_quiet_moment_from_the_whole_read(
    data_path: Path, monkeypatch
) -> None:
    """Not in the key that read the diary whole: "all time" settles with nothing started;
    a quiet moment later they are summed, from the whole history even when a shorter range
    was chosen in between; none are kept if the store changed first."""
    monkeypatch.setattr(trends_screen, "KEEP_WEEKS_FROM", 100)
    monkeypatch.setattr(trends_screen, "KEEP_WEEKS_AFTER", 0.4)
    app = year_app(data_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4", "1")  # all time, then 3 months before any quiet moment
        await app.workers.wait_for_complete()
        assert not [w for w in app.workers if w.name == "keeping weeks"]
        assert app.store.kept_weeks() is None
        await until_kept(app)
    app.store.close()
    store = opened(data_path)
    kept = store.kept_weeks()
    checkins, logs = store.checkins(), store.session_logs()
    assert kept is not None and kept.start == min(checkins[0].day, logs[0].day)
    assert dict(kept_rows(checkins, logs, kept.start, kept.cut)) == {
        m: kept.rows(m) for m in WEEKLY_METRICS
    }
    store.close()
    weeks.kept_path(data_path).unlink()

    changed = make_app(data_path)
    async with changed.run_test(size=SIZE) as pilot:
        await open_trends(pilot)
        await pilot.press("4")
        changed.store.put_checkin(CheckIn(TODAY, pain=2))  # before the quiet moment
        await until_kept(changed)
        assert changed.store.kept_weeks() is None


async def test_kept_weeks_that_do_not_fit_are_made_again(data_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(trends_screen, "KEEP_WEEKS_FROM", 100)
    store = year_app(data_path).store
    store.keep_weeks(kept_weeks_cut(TODAY), START, {"pain": [[1.0, 7, 7]]})  # a week only
    store.close()
    assert await all_time_read_whole(make_app(data_path))
    kept = opened(data_path).kept_weeks()
    assert kept is not None and made_from_kept("pain", kept.rows("pain"), kept.start, kept.cut)


async def test_weeks_kept_a_while_ago_are_carried_on_and_old_ones_not_used(
    data_path: Path, monkeypatch
) -> None:
    """Weeks kept 20 weeks back are used and then carried on to this month's cut (from
    the records after their own cut: none before it are read); weeks kept more than a
    year back are not used at all."""
    monkeypatch.setattr(trends_screen, "KEEP_WEEKS_FROM", 100)
    store = year_app(data_path).store
    checkins, logs = store.checkins(), store.session_logs()
    start = checkins[0].day
    old_cut = kept_weeks_cut(TODAY) - timedelta(weeks=16)
    assert store.keep_weeks(old_cut, start, dict(kept_rows(checkins, logs, start, old_cut)))
    store.close()
    assert not await all_time_read_whole(make_app(data_path))
    kept = opened(data_path).kept_weeks()
    assert kept is not None and (kept.cut, kept.start) == (kept_weeks_cut(TODAY), start)
    assert dict(kept_rows(checkins, logs, start, kept.cut)) == {
        m: kept.rows(m) for m in WEEKLY_METRICS
    }

    def at(day: date):  # the same file, opened on a later day
        later = Store.open(data_path, clock=lambda: day)
        return CoachApp(later, today=lambda: day)

    far = kept.cut + timedelta(days=400)
    assert await all_time_read_whole(at(far))  # read whole, then kept again
    assert opened(data_path).kept_weeks().cut == kept_weeks_cut(far)


def test_a_demo_of_years_comes_with_its_weeks_kept(tmp_path: Path, capsys) -> None:
    from coach import cli
    from coach.cli import _today

    path = tmp_path / "demo.json"
    assert cli.main(["demo", "--days", "1500", "--data", str(path)]) == 0
    store = Store.open(path, read_only=True, clock=_today)
    kept = store.kept_weeks()
    assert kept is not None and kept.cut == kept_weeks_cut(_today())
    checkins, logs = store.checkins(), store.session_logs()
    assert kept.start == min(checkins[0].day, logs[0].day)
    assert dict(kept_rows(checkins, logs, kept.start, kept.cut)) == {
        m: kept.rows(m) for m in WEEKLY_METRICS
    }
    short = tmp_path / "short.json"
    assert cli.main(["demo", "--days", "200", "--data", str(short)]) == 0
    assert not weeks.kept_path(short).exists()  # read whole in a few ms: nothing kept


def kept_as_made(path: Path) -> weeks.KeptWeeks:
    """The kept weeks of the file at ``path``: today's cut, from its first record, and
    exactly the sums of its records."""
    from coach.cli import _today

    store = Store.open(path, read_only=True, clock=_today)
    kept = store.kept_weeks()
    assert kept is not None and kept.cut == kept_weeks_cut(_today())
    checkins, logs = store.checkins(), store.session_logs()
    assert kept.start == min(checkins[0].day, logs[0].day)
    assert dict(kept_rows(checkins, logs, kept.start, kept.cut)) == {
        m: kept.rows(m) for m in WEEKLY_METRICS
    }
    return kept


def test_an_import_of_years_comes_with_its_weeks_kept(tmp_path: Path, monkeypatch) -> None:
    """An import that makes a long diary keeps its weeks, summed from the file written (a
    first "all time" is quick after it too); one of recent days only keeps the ones there
    (carried, not summed again); one of an earlier day sums them again; one of nothing new
    writes nothing."""
    from coach import cli
    from coach import trends as coach_trends
    from coach.cli import _today

    demo, exported, diary_path = (tmp_path / name for name in ("d.json", "e.json", "i.json"))
    assert cli.main(["demo", "--days", "1500", "--data", str(demo)]) == 0
    assert (
        cli.main(["--data", str(demo), "export", "--format", "json", "--out", str(exported)]) == 0
    )
    summed = []
    real = coach_trends.rows_to_keep
    monkeypatch.setattr(coach_trends, "rows_to_keep", lambda *a: summed.append(1) or real(*a))
    assert cli.main(["--data", str(diary_path), "import", str(exported)]) == 0
    assert len(summed) == 1
    assert kept_as_made(diary_path).start < _today() - timedelta(days=1400)

    def import_one(day: date, pain: int) -> None:
        other, out = tmp_path / f"o{pain}.json", tmp_path / f"o{pain}-export.json"
        with Store.open(other, clock=_today) as store:
            store.put_checkin(CheckIn(day, pain=pain))
        assert (
            cli.main(["--data", str(other), "export", "--format", "json", "--out", str(out)]) == 0
        )
        assert cli.main(["--data", str(diary_path), "import", str(out)]) == 0

    import_one(_today(), 9)  # recent: the weeks held are carried
    assert len(summed) == 1
    kept_as_made(diary_path)
    import_one(_today() - timedelta(days=700), 10)  # before the cut: summed again
    assert len(summed) == 2
    kept_as_made(diary_path)  # (the rows hold that day's pain now)
    again = tmp_path / "o10-export.json"
    assert cli.main(["--data", str(diary_path), "import", str(again)]) == 0  # nothing new
    assert len(summed) == 2
    kept_as_made(diary_path)


def test_a_restored_or_repaired_diary_of_years_comes_with_its_weeks_kept(tmp_path: Path) -> None:
    """``doctor --restore`` writes the backup anew and ``doctor --repair`` rewrites the file:
    no kept weeks hold for either, so they are summed from the file written."""
    import json

    from coach import cli
    from coach.cli import _today

    path, backup = tmp_path / "d.json", tmp_path / "backup.json"
    assert cli.main(["demo", "--days", "1500", "--data", str(path)]) == 0
    shutil.copy(path, backup)
    with Store.open(path, clock=_today) as store:
        store.put_checkin(CheckIn(_today() - timedelta(days=700), pain=10))
    assert not weeks.kept_path(path).exists()  # a day before the cut changed
    assert cli.main(["--data", str(path), "doctor", "--restore", str(backup), "--yes"]) == 0
    kept_as_made(path)
    data = json.loads(path.read_text())
    data["checkins"]["abc"] = {}  # a hand edit: a damaged record, and an old day changed
    old_day = str((_today() - timedelta(days=900)).toordinal())
    data["checkins"][old_day] = {**data["checkins"][old_day], "pain": 10}
    path.write_text(json.dumps(data))
    assert Store.open(path, read_only=True).kept_weeks() is None
    assert cli.main(["--data", str(path), "doctor", "--repair", "--yes"]) == 0
    kept_as_made(path)


def test_a_changed_session_log_counts_from_its_earlier_day_too() -> None:
    """A log put over another id, or removed, changes the week it was in as well."""
    from store.db import _first_day_changed

    raw = {"7": {"day": "2026-01-05", "key": "2026-01-05/a"}, "8": ["not a log"]}
    moved = {"7": {"day": "2026-11-20", "key": "2026-11-20/a"}}
    assert _first_day_changed("sessions", raw, moved) == date(2026, 1, 5)
    assert _first_day_changed("sessions", raw, {"7": None}) == date(2026, 1, 5)
    assert _first_day_changed("sessions", raw, {"9": moved["7"]}) == date(2026, 11, 20)
    assert _first_day_changed("sessions", raw, {"8": None}) == date.min  # cannot tell
    assert _first_day_changed("checkins", raw, {"739000": None}) == date.fromordinal(739000)
    assert _first_day_changed("checkins", raw, {"x": {}}) == date.min
