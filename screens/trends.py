"""Trends: one metric at a time as a plot against its target, with a plain-language summary.

The screen formats and dispatches only: every series and every sentence comes from
``coach.trends``; drawing is ``screens.widgets.plot``. Check-ins, session logs and DXA scans are
read from the store when the screen shows (and again when it comes back to the front), only
those of the range shown, and kept for as long as it is shown. The first "all time" of a long
diary is read in steps by a worker on the event loop, keys and frames going on in between, while
the screen says what is coming (``TrendsScreen._read_in_steps``); such a diary starts being read
so, unasked, once the screen has been looked at for a moment (``_read_ahead``).

This module imports ``textual_plotext`` (and so plotext, about 50 ms) at the top: it is itself
imported only when the trends screen opens (``screens.app._trends``), never at start-up.
"""

from __future__ import annotations

import asyncio
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker
from textual_plotext import PlotextPlot

from coach.kept_weeks import (
    KEEP_WEEKS_FROM,
    KEPT_WEEKS_CARRY_DAYS,
    kept_weeks_cut,
    kept_weeks_usable,
)
from coach.models import CheckIn, DxaScan, SessionLog
from coach.trends import (
    METRICS,
    RANGE_LABELS,
    RANGES,
    Made,
    Series,
    all_time_start,
    combined_pain_exercise,
    kept_rows,
    kept_rows_again,
    made_from_kept,
    range_start,
    rebin,
    series_for_range,
    summary,
    t_score_series,
    weekly_series_again,
)
from screens.app import CoachApp
from screens.key_order import pump_busy
from screens.long_lived import app_busy, settle_records
from screens.widgets.footer import KeysFooter
from screens.widgets.lists import ChoiceList
from screens.widgets.plot import draw_combined, draw_series, max_points

if TYPE_CHECKING:
    from store.db import Store
    from store.weeks import KeptWeeks

# The order the metric keys step through: every check-in metric, then the T-score (DXA scans).
METRIC_ORDER: tuple[str, ...] = tuple(METRICS)
DEFAULT_METRIC = "pain"
DEFAULT_RANGE = "3m"
T_SCORE = "t_score"
COMBINED = "combined"  # the picker's entry for the combined view
COMBINED_LABEL = "Worst joint pain and exercise minutes"
T_SCORE_RANGE_TEXT = "every scan (ranges 1-4 apply to check-ins)"
READING_TEXT = "Reading the whole diary…"
# records: above this, the first read of all of them takes over 0.1 s (about 10 us each in the
# app; 30 years: 16,000), so they are read in steps, with the notice, between keys and frames
LONG_READ = 8000
# seconds of each pause in that read while a key is under way: after each step (about 0.5 ms)
# a turn of the event loop brings a key typed meanwhile to the app's queue and draws a frame
# that is due, and the read then waits in real pauses until the key is handled (with only
# ``sleep(0)`` a key went one hop of its way per step, and "right" typed as the 30-year read
# began waited 180 ms; with a 1 ms pause after every step of 5 ms, it waited 6 ms)
READ_PAUSE = 0.001
# a long diary (LONG_READ) is read whole unasked once its screen has been shown this many
# seconds, as the person looks at the plot: "all time" chosen later finds it read, or under way.
# Long diaries only: a shorter one is read at the key within 0.1 s, and its records, kept, cost
# memory for a view the person may never choose (read ahead from 2,000 records and held a
# second, 10 years: 45 -> 55 MiB; 30 years: 50 -> 81 MiB)
READ_AHEAD_AFTER = 0.3
# seconds after a diary was read whole before its weeks are summed to be kept, then at the
# first moment with nothing to do (``_keep_weeks_when_quiet``): at 10 years the summing (30 ms,
# in steps) followed "all time" at once and made its key settle in 114 ms instead of 85
KEEP_WEEKS_AFTER = 0.5
# A long diary with no kept weeks has them summed by the app's helper process as it starts
# (screens/weeks_helper.py; 30 years: about 0.3 s). A whole read started unasked (reading
# ahead) waits for it, looking every HELPER_POLL seconds; one asked for ("all time") starts at
# once, and stops at the step when the helper's weeks come first (one of 0.3 s otherwise)
HELPER_POLL = 0.005
# seconds after an all time view made from kept weeks is shown before the views a metric
# step away are made (``_prepare_next_metric``): a timer, so its frame is drawn when due and
# not pushed ahead of them (``call_after_refresh`` drew it at once, with the next key waiting)
PREPARE_AFTER = 0.005

_RANGE_GROUP = Binding.Group("Range", compact=True)
_METRIC_GROUP = Binding.Group("Metric", compact=True)


class _WeeksToKeep(NamedTuple):
    """What the weeks to keep are summed from: the records held when the diary was read
    whole (a later range replaces them on the screen), the day, the store's changes then
    (nothing is kept if it changed since), and usable kept weeks to carry on, if any."""

    checkins: Sequence[CheckIn]
    logs: Sequence[SessionLog]
    today: date
    changes: tuple[int, int]
    kept: KeptWeeks | None


@dataclass(frozen=True)
class View:
    """What the screen shows: one series, or pain and exercise stacked (the combined view)."""

    title: str
    series: tuple[Series, ...]
    summary: str


# Views made in a session, per app, while the store is unchanged (see ``TrendsScreen.view``):
# a dozen metrics by four ranges, and the combined view
_VIEWS: WeakKeyDictionary[object, dict[tuple[object, ...], View]] = WeakKeyDictionary()
VIEWS_KEPT = 64
# Each metric's last "all time" series per app and what it was made from: after a save, the
# next one makes again only the weeks from the first changed record on (coach.trends.Made).
_ALL_TIME: WeakKeyDictionary[object, dict[str, Made]] = WeakKeyDictionary()
ALL_TIME_KEPT = 4  # metrics, the most recently shown


class TrendPlot(PlotextPlot):
    """A PlotextPlot that redraws its series whenever its size changes.

    ``draw_series`` rebins points and picks ticks for a given width and height, so a resized
    plot must be drawn again, not just rebuilt. The widget's own ``render`` builds the figure
    and follows the app theme (textual-plotext subscribes to ``theme_changed_signal``).
    """

    def __init__(self, *, no_color: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.no_color = no_color
        self._shown: tuple[Series, ...] = ()
        if no_color:
            # Plain terminal colours for canvas, axes and ticks: the "auto" theme would paint
            # the plot area in the theme's surface colour, a grey block under NO_COLOR.
            self.theme = "clear"

    def show(self, *series: Series) -> None:
        """Draw one series, or two stacked (pain above exercise)."""
        self._shown = series
        self._draw()

    def clear(self) -> None:
        """Draw nothing (what was shown belongs to another choice, and this one is not ready)."""
        self._shown = ()
        self.plt.clear_figure()
        self.refresh()

    def preset(self, *series: Series) -> None:
        """What to draw once the plot has a size (before it is mounted)."""
        self._shown = series

    def prepare(self, series: Series) -> None:
        """Merge ``series`` for this plot's width now, to be drawn later (kept: ``rebin``)."""
        width = self.size.width
        if width > 0:
            rebin(series, max_points(width))

    def _draw(self) -> None:
        width, height = self.size
        if not self._shown or width <= 0 or height <= 0:
            return
        if len(self._shown) == 2:
            draw_combined(self.plt, *self._shown, width, height, self.no_color)
        else:
            draw_series(self.plt, self._shown[0], width, height, self.no_color)
        self.refresh()

    def on_resize(self, event: Resize) -> None:
        self._draw()


def records_same_until(
    store: Store, made: Made | None, checkins: Sequence[CheckIn], logs: Sequence[SessionLog]
) -> date | None:
    """The first day at which the records ``made`` was made from and these (the store's
    whole history now) may differ, when the store knows it; None: they are to be compared
    (or nothing was made before)."""
    if made is None:
        return None
    days = (
        store.same_until("checkins", made.checkins, checkins),
        store.same_until("sessions", made.session_logs, logs),
    )
    return None if None in days else min(days)  # type: ignore[type-var]


class MetricPicker(ModalScreen[str | None]):
    """All metrics, then the combined view, in a list: Enter chooses, Esc keeps what is shown.

    Dismisses with a metric key, ``COMBINED``, or None.
    """

    CSS_PATH = "trends.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Keep", id="trends-picker-close")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="trends-picker"):
            yield Static("Choose what to plot", classes="panel-title")
            yield ChoiceList(
                *[Option(self._label(key), id=key) for key in METRIC_ORDER],
                Option(self._label(COMBINED), id=COMBINED),
                id="trends-picker-list",
            )
            yield Static("↑↓ move · Enter choose · Esc keep", classes="muted")

    def _label(self, key: str) -> str:
        label = "Pain and exercise together (c)" if key == COMBINED else METRICS[key].label
        return f"{label}  ← shown now" if key == self.current else label

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [*METRIC_ORDER, COMBINED]
        options.highlighted = ids.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def _say_progress(notice: Static, said: str, percent: int) -> str:
    """Show how far the read is, if that changed; what is shown now. The screen is laid out
    again only if the line may no longer fit: at every step that took a fifth of the read's
    time at 30 years."""
    text = f"{READING_TEXT} {percent}%"
    if text != said:
        fits = said.startswith(READING_TEXT) and len(text) <= notice.content_size.width
        notice.update(text, layout=not fits)
    return text


class TrendsScreen(Screen[None]):
    """Plots of one metric over 2 weeks, 3 months, 1 year or all time, or pain vs exercise."""

    CSS_PATH = "trends.tcss"
    BINDINGS = [
        Binding("left,left_square_bracket", "step(-1)", "Previous metric", id="trends-prev",
                key_display="←", group=_METRIC_GROUP),
        Binding("right,right_square_bracket", "step(1)", "Next metric", id="trends-next",
                key_display="→", group=_METRIC_GROUP),
        Binding("m", "pick", "All metrics", id="trends-pick"),
        Binding("1", "range('2w')", "Range: 2 weeks", id="trends-2w", group=_RANGE_GROUP),
        Binding("2", "range('3m')", "Range: 3 months", id="trends-3m", group=_RANGE_GROUP),
        Binding("3", "range('1y')", "Range: 1 year", id="trends-1y", group=_RANGE_GROUP),
        Binding("4", "range('all')", "Range: all time", id="trends-all", group=_RANGE_GROUP),
        Binding("c", "combined", "Pain and exercise together", id="trends-combined",
                show=False),  # in the m list; a 7th footer key would not fit 80 columns
        Binding("escape", "app.pop_screen", "Back", id="trends-back"),
    ]  # fmt: skip

    def __init__(self, metric: str = DEFAULT_METRIC, range_key: str = DEFAULT_RANGE) -> None:
        super().__init__()
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}")
        if range_key not in RANGES:
            raise ValueError(f"unknown range {range_key!r}")
        self.metric = metric
        self.range_key = range_key
        self.combined = False
        self._checkins: Sequence[CheckIn] = ()
        self._logs: Sequence[SessionLog] = ()
        self._scans: list[DxaScan] = []
        self._reading: Worker[None] | None = None  # the whole diary, read in steps
        # its weeks waiting for a quiet moment (a timer), then summed to be kept (a worker)
        self._keeping: Timer | Worker[None] | None = None
        self._kept: KeptWeeks | None = None  # usable kept weeks (``_usable_kept``)
        self._kept_made: dict[str, Made] = {}  # their series by metric, until ``_kept_at``
        self._kept_at: tuple[object, ...] | None = None

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def compose(self) -> ComposeResult:
        # what to show is known before the first layout: filled in later, each panel would
        # lay the screen out again
        self._read()
        shown = self.view()
        yield Header()
        with Vertical(id="trends-body"):
            yield Static(shown.title, id="trends-title", markup=False)
            plot = TrendPlot(no_color=self.app.no_color, id="trends-plot")
            plot.preset(*shown.series)  # drawn at its first size
            yield plot
            yield Static(shown.summary, id="trends-summary", markup=False)
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        """Read the records again if the store changed while another screen showed; a long
        diary not read whole yet starts being read a moment later (``_read_ahead``)."""
        if self._needs_whole_read() or self._read():
            self.refresh_view()
        if self._long_and_unread():
            self.set_timer(READ_AHEAD_AFTER, self._read_ahead, name="reading ahead")

    def _read(self) -> bool:
        """The records the range shows (all of them only for "all time", or those from the
        cut of usable kept weeks on), read when the range or the store changed since the last
        read (issue 15: a dialog closing costs nothing, and 3 months of a 30-year diary cost
        3 months)."""
        store, today = self.coach.store, self.coach.today()
        start = self._first_day(today)
        kept = self._usable_kept(today) if start is None else None
        if kept is not None:
            start = kept.cut  # the weeks before it are kept: the records from it on
        elif start is None and self._reading is not None:
            return False  # being read in steps (``_read_whole``), shown when done
        wanted = (start, today, store.changes)
        held = getattr(self, "_held", None)
        current = held is not None and held[1:] == (today, store.changes)
        if current and (held[0] is None or (start is not None and held[0] <= start)):
            return False  # what is held covers the range (``view`` takes the range's part)
        self._checkins = store.checkins(start, today if start else None)
        self._logs = store.session_logs(start, today if start else None)
        self._scans = store.dxa_scans()
        self._held = wanted
        if start is None:  # the whole history, which the store keeps until the file is re-read
            settle_records(self.app, len(self._checkins) + len(self._logs), store.changes[1])
            self._keep_weeks_soon(today)
        elif kept is not None and (today - kept.cut).days > KEPT_WEEKS_CARRY_DAYS:
            self._keep_weeks_soon(today, kept)
        return True

    def _usable_kept(self, today: date, metrics: Sequence[str] | None = None) -> KeptWeeks | None:
        """Kept weeks that hold for the store as it is, are recent enough, and fit what is
        chosen, or ``metrics`` (their series made: ``_kept_made``); looked up once per store
        change."""
        store = self.coach.store
        key = (id(store), store.changes, today, self.coach.weeks_helper.generation)
        if self._kept_at != key:
            kept = store.kept_weeks()
            recent = kept is not None and kept_weeks_usable(kept.cut, today)
            self._kept, self._kept_made, self._kept_at = (kept if recent else None), {}, key
        kept = self._kept
        if kept is None:
            return None
        if metrics is None:
            metrics = ("pain", "exercise_min") if self.combined else (self.metric,)
        for metric in metrics:
            if metric not in self._kept_made:
                made = made_from_kept(metric, kept.rows(metric), kept.start, kept.cut)
                if made is None:  # damaged or from another version: made again from records
                    self._kept = None
                    return None
                self._kept_made[metric] = made
        return kept

    # ------------------------------------------------------------------ what to show

    def _first_day(self, today: date) -> date | None:
        """The range's first day (coach.trends's), None for all time; today for the T-score,
        which shows every scan and no check-in (30 years of them are not read for it)."""
        if self.metric == T_SCORE and not self.combined:
            return today
        if RANGES[self.range_key] is None:
            return None
        return range_start(self.range_key, (), (), today)

    def _in_range(self, today: date) -> tuple[Sequence[CheckIn], Sequence[SessionLog]]:
        """The held records the range shows: 2 weeks after "all time" are 2 weeks of
        records, not 30 years handed over to be filtered (both lists are oldest first)."""
        start = self._first_day(today)
        if start is None:
            return self._checkins, self._logs
        first_checkin = bisect_left(self._checkins, start, key=attrgetter("day"))
        first_log = bisect_left(self._logs, start, key=attrgetter("day"))
        return self._checkins[first_checkin:], self._logs[first_log:]

    def view(self, today: date | None = None, metric: str | None = None) -> View:
        """The title, series and summary for the current choice (or ``metric`` in the current
        range), kept for the session until the store changes: "all time" sums every week of
        the diary (30 years: 1,500 weeks), so coming back to a view costs what is drawn, not
        the diary's age."""
        today = self.coach.today() if today is None else today
        metric = self.metric if metric is None else metric
        store = self.coach.store
        key = (metric, self.range_key, self.combined, today, id(store), store.changes)
        views = _VIEWS.setdefault(self.app, {})
        shown = views.get(key)
        if shown is None:
            if len(views) >= VIEWS_KEPT:
                views.clear()
            shown = views[key] = self._make_view(today, metric)
        return shown

    def _make_view(self, today: date, metric: str) -> View:
        """The view for the current choice (all from coach.trends), made from records that
        cover its range (never while they are read in steps: ``refresh_view``)."""
        self._read()
        range_label = RANGE_LABELS[self.range_key]
        checkins, logs = self._in_range(today)
        if self.combined and RANGES[self.range_key] is None and self._held[0] is not None:
            pain, exercise = self._all_time("pain", today), self._all_time("exercise_min", today)
            return View(
                f"{COMBINED_LABEL} · {range_label}",
                (pain, exercise),
                f"{summary(pain, today)}\n{summary(exercise, today)}",
            )
        if self.combined:
            start = range_start(self.range_key, checkins, logs, today)
            pain, exercise = combined_pain_exercise(checkins, logs, start, today)
            return View(
                f"{COMBINED_LABEL} · {range_label}",
                (pain, exercise),
                f"{summary(pain, today)}\n{summary(exercise, today)}",
            )
        if metric == T_SCORE:
            series = t_score_series(self._scans)
            return View(f"{series.label} · {T_SCORE_RANGE_TEXT}", (series,), summary(series, today))
        if RANGES[self.range_key] is None:
            series = self._all_time(metric, today)
        else:
            series = series_for_range(metric, self.range_key, checkins, logs, today)
        return View(f"{series.label} · {range_label}", (series,), summary(series, today))

    def _all_time(self, metric: str, today: date) -> Series:
        """The metric's weekly series over every record, made again from the weeks that may
        have changed since the last one (30 years after a check-in: this week, not 1,500),
        or from kept weeks and the records held from their cut on."""
        checkins, logs = self._checkins, self._logs
        made = _ALL_TIME.setdefault(self.app, {})
        before = made.pop(metric, None)
        if len(made) >= ALL_TIME_KEPT:  # each holds the lists it was made from (30 y: 16,000)
            del made[next(iter(made))]
        if self._held[0] is None:  # every record
            start = all_time_start(checkins, logs, today)
            known = records_same_until(self.coach.store, before, checkins, logs)
        else:  # kept weeks (``_read``), and the records held, from their cut on at least
            assert self._kept is not None and self._held[0] <= self._kept.cut
            before, start, known = self._kept_made[metric], self._kept.start, self._kept.cut
        made[metric] = weekly_series_again(
            before, metric, checkins, logs, start, today, same_until=known
        )
        return made[metric].series

    def refresh_view(self) -> None:
        if self._needs_whole_read():
            self._read_in_steps()
            return
        shown = self.view()
        self.query_one("#trends-title", Static).update(shown.title)
        self.query_one("#trends-summary", Static).update(shown.summary)
        self.query_one(TrendPlot).show(*shown.series)
        if self._kept is not None and self._held[0] is not None and not self.combined:
            again = partial(self._prepare_next_metric, self._choice(), (1, -1))
            self.set_timer(PREPARE_AFTER, again, name="preparing the next metrics")

    def _choice(self) -> tuple[object, ...]:
        """What is chosen, and the store it is shown from (a view made for it holds until
        this changes)."""
        return (self.metric, self.range_key, self.combined, self.coach.store.changes)

    def _prepare_next_metric(self, chosen: tuple[object, ...], deltas: tuple[int, ...]) -> None:
        """Make the all time view of the metric a step away (``deltas[0]``), and its merge
        for the plot, and then of the other step, each in a turn of its own: at 30 years a
        metric's kept weeks become a series merged for 80 columns (about 1.5 ms, the rest of
        its key 1 ms), which the key that shows it then finds done. Nothing if the choice
        (the combined view too) or the store changed meanwhile, or a key is waiting (it comes
        first)."""
        if not self.is_current or chosen != self._choice() or self.coach.keys_pending:
            return
        today = self.coach.today()
        index = METRIC_ORDER.index(self.metric)
        metric = METRIC_ORDER[(index + deltas[0]) % len(METRIC_ORDER)]
        if metric != T_SCORE and self._usable_kept(today, (metric,)) is not None:
            self.query_one(TrendPlot).prepare(*self.view(today, metric).series)
        if deltas[1:]:
            self.call_later(self._prepare_next_metric, chosen, deltas[1:])

    # ------------------------------------------------------------------ actions

    def action_step(self, delta: int) -> None:
        """Previous / next metric (wrapping); leaves the combined view."""
        if self.combined:
            self.combined = False
        else:
            index = METRIC_ORDER.index(self.metric)
            self.metric = METRIC_ORDER[(index + delta) % len(METRIC_ORDER)]
        self.refresh_view()

    def action_range(self, range_key: str) -> None:
        self.range_key = range_key
        self.refresh_view()

    # ------------------------------------------------------------------ the whole diary

    def _needs_whole_read(self) -> bool:
        """Whether what is chosen needs every record of a diary being read in steps, or of a
        long one not read yet since the file was (``LONG_READ``)."""
        today = self.coach.today()
        return (
            self._first_day(today) is None
            and self._usable_kept(today) is None
            and (self._reading is not None or self._long_and_unread())
        )

    def _long_and_unread(self) -> bool:
        """Whether the diary holds more than ``LONG_READ`` records and was not read whole
        since the file was."""
        store = self.coach.store
        if store.whole_history_known() or store.history_size() <= LONG_READ:
            return False
        return self._usable_kept(self.coach.today()) is None

    def _read_ahead(self) -> None:
        """Start reading the diary whole while its screen is shown, unasked, in steps with
        keys between: "all time" would wait as long (30 years: about 0.3 s). The notice is
        shown only if "all time" is chosen meanwhile."""
        if self.is_current and self._reading is None and self._long_and_unread():
            self._start_reading()

    def _read_in_steps(self) -> None:
        """Say what is on its way, with no plot (the one shown is of another range), and read
        every record in steps in a worker on the event loop: keys and frames go on between
        steps, and a metric chosen meanwhile is shown when the read is done."""
        label = COMBINED_LABEL if self.combined else METRICS[self.metric].label
        self.query_one("#trends-title", Static).update(f"{label} · {RANGE_LABELS[self.range_key]}")
        self.query_one("#trends-summary", Static).update(READING_TEXT)
        self.query_one(TrendPlot).clear()
        if self._reading is None:
            self._start_reading()

    def _start_reading(self) -> None:
        self._reading = self.run_worker(
            self._read_whole(), name="reading the whole diary", group="trends-read"
        )

    async def _read_whole(self) -> None:
        notice = self.query_one("#trends-summary", Static)
        said = ""
        helper = self.coach.weeks_helper
        try:
            while helper.running and self._first_day(self.coach.today()) is not None:
                await asyncio.sleep(HELPER_POLL)  # unasked: the helper's weeks may do
            summed = self._usable_kept(self.coach.today()) is not None
            for done, total in () if summed else self.coach.store.read_whole_history():
                if self._usable_kept(self.coach.today()) is not None:
                    break  # the helper's weeks came first: the records from their cut will do
                if self._first_day(self.coach.today()) is None:  # (still what is chosen)
                    said = _say_progress(notice, said, 100 * done // max(total, 1))
                await asyncio.sleep(0)  # a key typed meanwhile reaches the app's queue
                while self.coach.keys_pending or pump_busy(self.app):
                    await asyncio.sleep(READ_PAUSE)  # keys first
        finally:
            self._reading = None
        store = self.coach.store
        if store.whole_history_known():  # kept for the session: out of the collector's passes
            settle_records(self.app, store.history_size(), store.changes[1])
        if self._first_day(self.coach.today()) is None:  # shown now; else when chosen
            self._read()
            self.refresh_view()

    def _keep_weeks_soon(self, today: date, kept: KeptWeeks | None = None) -> None:
        """Keep the weeks of a long diary for later sessions (store/weeks.py), in a worker,
        a metric at a time: summed from the records just read whole, unless usable ones are
        kept; or ``kept`` ones carried on to a later cut with the records held from theirs."""
        store = self.coach.store
        if self._keeping is not None or store.read_only:
            return
        # from ``KEEP_WEEKS_FROM`` records, once the diary has been read whole, its weeks
        # before a cut are kept for later sessions: their first "all time" reads the records
        # from the cut on (30 years: 0.2 s -> a few ms)
        if kept is None and (
            store.history_size() < KEEP_WEEKS_FROM or self._usable_kept(today) is not None
        ):
            return
        work = _WeeksToKeep(self._checkins, self._logs, today, store.changes, kept)
        self._keep_weeks_when_quiet(work)

    def _keep_weeks_when_quiet(self, work: _WeeksToKeep, *, waited: bool = False) -> None:
        """Start ``_keep_weeks(work)`` ``KEEP_WEEKS_AFTER`` later, at a moment the app has
        nothing to do: not in the key that read the diary, nor in one typed soon after.
        Dropped if the store changed meanwhile (a later whole read keeps them)."""
        if self.coach.store.changes != work.changes:
            self._keeping = None
        elif not waited or app_busy(self.app):
            again = partial(self._keep_weeks_when_quiet, work, waited=True)
            self._keeping = self.set_timer(KEEP_WEEKS_AFTER, again, name="keeping weeks")
        else:
            self._keeping = self.run_worker(
                self._keep_weeks(work), name="keeping weeks", group="trends-keep"
            )

    async def _keep_weeks(self, work: _WeeksToKeep) -> None:
        checkins, logs, today, changes, kept = work
        try:
            cut = kept_weeks_cut(today)
            if kept is None:
                start = all_time_start(checkins, logs, today)
                if start >= cut:
                    return
                made = kept_rows(checkins, logs, start, cut)
            else:
                start = kept.start
                made = kept_rows_again(
                    lambda metric: kept.rows(metric, keep=False),
                    start,
                    kept.cut,
                    checkins,
                    logs,
                    cut,
                )
            rows: dict[str, list[list[object]]] = {}
            for metric, metric_rows in made:
                if metric_rows is None:
                    return  # kept rows that do not fit: summed afresh after a whole read
                rows[metric] = metric_rows
                await asyncio.sleep(READ_PAUSE)  # keys and frames first
            store = self.coach.store
            if store.changes == changes:  # else made from records that have changed since
                store.keep_weeks(cut, start, rows)
        finally:
            self._keeping = None

    def action_combined(self) -> None:
        """Pain against exercise minutes; press again for the single metric."""
        self.combined = not self.combined
        self.refresh_view()

    def action_pick(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.combined = choice == COMBINED
                if not self.combined:
                    self.metric = choice
                self.refresh_view()

        self.app.push_screen(MetricPicker(COMBINED if self.combined else self.metric), chosen)
