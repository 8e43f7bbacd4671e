"""Drawing coach.trends series with plotext: one function for the trends screen and the benchmark.

``draw_series(plt, series, width, height, no_color)`` takes any plotext-like object: the
``plotext`` module itself, or the ``.plt`` of a ``textual_plotext.PlotextPlot`` (a plotext figure).
Both expose ``main()``, which returns the master figure; everything here is drawn through that
figure (and, for two panels, through the sub-figures ``subplot()`` returns), because on a figure
object a plain ``plot()`` after ``subplots()`` would draw into every panel.

The caller builds: the widget's ``render()`` calls ``build()``, the benchmark calls it itself.

Choices, so that a plot reads right in 16 colours, with NO_COLOR and over SSH:

* Data is a line of "•" (plotext's "dot" marker); the target is a line of "-" characters; an upper
  limit a line of "=". Meaning never rests on colour alone. ("hd" quadrant blocks look finer but
  cost plotext about three times as much per point; the 10-year plot budget chose "dot".)
* The target is also written out in words under the x axis ("--- 150 min/week target").
* Gaps are gaps: a line is drawn only between neighbouring points that both hold a value, so no
  line bridges a missing week and no missing value is drawn as zero. When a series is so patchy
  that it would take more than ``MAX_SEGMENTS`` separate lines, the points are drawn unjoined
  (same meaning, and the draw stays fast). A point with no neighbour is a lone "•".
* More points than the plot has columns cannot be seen, so ``coach.trends.rebin`` merges
  neighbouring weeks to fit the width (the legend then says "average of 8 weeks a point"); a
  merged point with a few empty weeks inside still has a value, its ``days`` tell the coverage.
* x values are day ordinals with our own short-date tick labels ("3 Mar", "Mar 2024", "2024"):
  plotext's date-string path parses every string and is slower for the same picture. A month is
  never written "Nov 26", which reads as 26 November beside the 2-week view's "26 Nov".
* Pain at or above the "raise it" level is drawn ``▲``, not ``•``: in a short panel (the combined
  view at 80x24) one row holds several pain levels, so a 6 would otherwise sit on the row of the
  "pain 4" line and read as 4. The glyph, not the row, says "4 or more".

plotext is never imported here at module level (it costs about 50 ms of start-up); this module
only needs the object it is handed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from coach.trends import Point, Series, rebin

DATA_MARKER = "dot"
POINT_MARKER = "•"
HIGH_MARKER = "▲"  # a pain point at or above the raise-it level, whatever row it lands on
THRESHOLD_METRICS = ("pain", "pain_max")
LEGEND_DATA = "•••"  # what a data line looks like, for the words on the plot
TARGET_MARKER = "-"
LIMIT_MARKER = "="
DATA_COLOR = "blue+"
TARGET_COLOR = "orange"
LIMIT_COLOR = "magenta+"
NO_COLOR = "default"  # plotext's name for "leave the terminal's colour alone"
MAX_SEGMENTS = 40
Y_AXIS_COLUMNS = 10  # room plotext takes for the y tick labels and the frame
TICK_SPACING = 11  # at most one x tick label per this many columns
LIMIT_SHOWN_FROM = 0.75  # draw the upper limit once data reaches 75% of it (else it squashes)
NO_DATA_TEXT = "No check-ins in this range yet"
NO_SCANS_TEXT = "No DXA scans recorded yet (b: bone health)"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --------------------------------------------------------------------------- pure helpers


def segments(points: Sequence[Point]) -> list[list[Point]]:
    """Runs of neighbouring points that all hold a value: one line each, never across a gap."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    for p in points:
        if p.value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if current:
        runs.append(current)
    return runs


def _add_months(day: date, months: int) -> date:
    n = day.year * 12 + day.month - 1 + months
    return date(n // 12, n % 12 + 1, 1)


def date_ticks(first: date, last: date, max_ticks: int) -> list[tuple[int, str]]:
    """At most ``max_ticks`` (ordinal, label) pairs between two dates, on round dates.

    Up to about two months: days ("3 Mar"); up to about three years: first of a month
    ("Mar 2024"); beyond: 1 January ("2024"). Labels never depend on the locale.
    """
    max_ticks = max(2, max_ticks)
    span = (last - first).days
    ticks: list[tuple[int, str]] = []
    if span <= 62:
        step = max(1, math.ceil((span + 1) / max_ticks))
        for n in range(first.toordinal(), last.toordinal() + 1, step):
            d = date.fromordinal(n)
            ticks.append((n, f"{d.day} {_MONTHS[d.month - 1]}"))
        return ticks
    if span <= 3 * 366:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        step = next(s for s in (1, 2, 3, 4, 6, 12) if months / s <= max_ticks or s == 12)
        d = _add_months(first, 0) if first.day == 1 else _add_months(first, 1)
        while (d.month - 1) % step:
            d = _add_months(d, 1)
        while d <= last:
            ticks.append((d.toordinal(), f"{_MONTHS[d.month - 1]} {d.year}"))
            d = _add_months(d, step)
        return ticks
    years = last.year - first.year + 1
    step = max(1, math.ceil(years / max_ticks))
    year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    while year % step:
        year += 1
    while year <= last.year:
        ticks.append((date(year, 1, 1).toordinal(), str(year)))
        year += step
    return ticks


def nice_ticks(lower: float, upper: float, max_ticks: int) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [lower, upper].

    Round ticks read at a glance ("0 50 100 150") where plotext's own would say "54.1 108.2".
    """
    max_ticks = max(2, max_ticks)
    span = upper - lower if upper > lower else 1.0
    raw = span / (max_ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lower / step + 1e-9) * step
    ticks = [round(first, 10)]
    while ticks[-1] < upper - step * 1e-9 or len(ticks) < 2:
        ticks.append(round(first + step * len(ticks), 10))
    return ticks


def tick_label(value: float) -> str:
    """'150', '2.5', '-1.5': no trailing zeros."""
    return f"{value:g}"


def y_axis(series: Series, shown: list[float], max_ticks: int) -> list[float]:
    """Ticks for the y axis: the metric's fixed scale (pain 0-10), else round numbers that hold
    the data and every line drawn; the first and last tick are the axis limits."""
    lo, hi = min(shown), max(shown)
    if series.y_min is None:  # T-scores: negative and positive, room around the values
        lower, upper = math.floor(lo - 0.5), math.ceil(hi + 0.5)
    else:
        lower = series.y_min
        fixed = series.y_max is not None and hi <= series.y_max
        upper = series.y_max if fixed else hi * 1.05  # type: ignore[assignment]
    ticks = nice_ticks(float(lower), float(upper), max_ticks)
    if series.y_min is not None:
        ticks = [t for t in ticks if t >= series.y_min]
    return ticks


def _bucket_words(series: Series) -> str:
    if series.bucket == "scan":
        return "one point per scan day"
    if series.bucket == "day":
        return "daily" if series.merged == 1 else f"average of {series.merged} days a point"
    k = series.merged
    if k == 1:
        return {
            "mean": "weekly average",
            "max": "highest of the week",
            "sum": "week total",
            "percent": "% of recorded days",
            "count": "count per week",
        }[series.aggregate]
    return {
        "mean": f"average of {k} weeks a point",
        "max": f"highest of {k} weeks a point",
        "sum": f"average week total, {k} weeks a point",
        "percent": f"% of recorded days, {k} weeks a point",
        "count": f"average per week, {k} weeks a point",
    }[series.aggregate]


def legend(series: Series, upper_shown: bool, width: int = 1000, prefix: str = "") -> str:
    """The words for the plot: what each line means, then what a data point is.

    The line meanings come first and are kept: when the text is wider than ``width`` the
    bucket words go, then the text is cut with "…" (plotext drops a title wider than the plot).
    """
    lines = []
    if series.target is not None and series.target_label:
        lines.append(f"{TARGET_MARKER * 3} {series.target_label}")
        if series.metric in THRESHOLD_METRICS:
            lines.append(f"{HIGH_MARKER} {tick_label(series.target)} or more")
    if upper_shown and series.upper_label:
        lines.append(f"{LIMIT_MARKER * 3} {series.upper_label}")
    data = f"{LEGEND_DATA} {_bucket_words(series)}"
    sep = "   "
    for text in (sep.join([prefix, data, *lines]), sep.join([prefix, *lines])):
        text = text.strip()
        if len(text) <= width:
            return text
    return text[: max(1, width - 1)] + "…"


def max_points(width: int) -> int:
    """About one point per plot column: more cannot be seen, and each costs drawing time."""
    return max(8, width - Y_AXIS_COLUMNS)


# --------------------------------------------------------------------------- drawing


def _figure(plt: Any, width: int, height: int, no_color: bool) -> Any:
    """The master figure, cleared and sized; works for the plotext module and a PlotextPlot."""
    fig = plt.main()
    fig.clear_figure()
    limit = getattr(plt, "limitsize", None)  # the plotext module would clip to the terminal
    if limit is not None:
        limit(False, False)
    fig.plotsize(width, height)
    if no_color:
        fig.theme("clear")
    return fig


def _title(series: Series) -> str:
    return f"{series.label} ({series.unit})" if series.unit else series.label


def _panel(
    fig: Any, series: Series, width: int, height: int, no_color: bool, compact: bool
) -> None:
    """Draw one series into one (sub)figure: target and limit lines, data, ticks and words.

    Lines go first so the data is drawn over them. ``compact`` (a panel of two) puts the legend
    in the title to leave the rows for data.
    """
    s = rebin(series, max_points(width))
    color = (lambda c: NO_COLOR) if no_color else (lambda c: c)
    shown = [p for p in s.points if p.value is not None]
    values: list[float] = [p.value for p in shown]  # type: ignore[misc]
    upper_shown = (
        s.upper_limit is not None
        and bool(values)
        and max(values) >= LIMIT_SHOWN_FROM * s.upper_limit
    )
    if compact:
        fig.title(legend(s, upper_shown, width - 2, prefix=_title(s)))
    else:
        fig.title(_title(s)[: width - 2])
        fig.xlabel(legend(s, upper_shown, width - 2))
    if not shown:
        fig.xlim(0, 1)
        fig.ylim(0, 1)
        fig.xticks([], [])
        fig.yticks([], [])
        empty = NO_SCANS_TEXT if s.bucket == "scan" else NO_DATA_TEXT
        fig.text(empty, 0.5, 0.5, alignment="center", color=color("default"))
        return

    x0, x1 = s.points[0].start.toordinal(), s.points[-1].start.toordinal()
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1

    limits = list(values)
    if s.target is not None:
        fig.plot([x0, x1], [s.target, s.target], marker=TARGET_MARKER, color=color(TARGET_COLOR))
        limits.append(s.target)
    if upper_shown:
        assert s.upper_limit is not None
        fig.plot(
            [x0, x1], [s.upper_limit, s.upper_limit], marker=LIMIT_MARKER, color=color(LIMIT_COLOR)
        )
        limits.append(s.upper_limit)

    runs = segments(s.points)
    if len(runs) > MAX_SEGMENTS:
        fig.scatter(
            [p.start.toordinal() for p in shown],
            values,
            marker=POINT_MARKER,
            color=color(DATA_COLOR),
        )
    else:
        lone_x: list[int] = []
        lone_y: list[float] = []
        for run in runs:
            if len(run) == 1:
                lone_x.append(run[0].start.toordinal())
                lone_y.append(run[0].value)  # type: ignore[arg-type]
            else:
                fig.plot(
                    [p.start.toordinal() for p in run],
                    [p.value for p in run],
                    marker=DATA_MARKER,
                    color=color(DATA_COLOR),
                )
        if lone_x:
            fig.scatter(lone_x, lone_y, marker=POINT_MARKER, color=color(DATA_COLOR))
    if s.target is not None and s.metric in THRESHOLD_METRICS:
        high = [p for p in shown if p.value is not None and p.value >= s.target]
        if high:
            fig.scatter(
                [p.start.toordinal() for p in high],
                [p.value for p in high],
                marker=HIGH_MARKER,
                color=color(DATA_COLOR),
            )

    fig.xlim(x0, x1)
    rows = height - (4 if compact else 5)  # title, frame top and bottom, x ticks (, legend)
    yticks = y_axis(s, limits, max(2, rows // 2 + 1))
    fig.ylim(yticks[0], yticks[-1])
    fig.yticks(yticks, [tick_label(t) for t in yticks])
    first, last = date.fromordinal(x0), date.fromordinal(x1)
    ticks = date_ticks(first, last, (width - Y_AXIS_COLUMNS) // TICK_SPACING)
    if ticks:
        fig.xticks([t for t, _ in ticks], [label for _, label in ticks])


def draw_series(plt: Any, series: Series, width: int, height: int, no_color: bool = False) -> None:
    """Draw one series (caller builds). ``plt``: the plotext module or a PlotextPlot's ``.plt``."""
    fig = _figure(plt, width, height, no_color)
    _panel(fig, series, width, height, no_color, compact=False)


def draw_combined(
    plt: Any,
    pain_series: Series,
    exercise_series: Series,
    width: int,
    height: int,
    no_color: bool = False,
) -> None:
    """Pain above, exercise minutes below, on the same weeks: two stacked panels.

    Two panels read better than two y axes at 80x24 and without colour: each has its own scale,
    title and target line, and the same x ticks line the weeks up.
    """
    fig = _figure(plt, width, height, no_color)
    fig.subplots(2, 1)
    top = height // 2
    _panel(fig.subplot(1, 1), pain_series, width, top, no_color, compact=True)
    _panel(fig.subplot(2, 1), exercise_series, width, height - top, no_color, compact=True)
    fig.main()
