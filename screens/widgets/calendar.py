"""A month calendar for the keyboard: which days have a check-in, which were missed.

Markers are glyphs (✓ checked in, · missed, ○ today not checked in yet; days before the first
check-in have none: they were not missed), and the selected day is in brackets, so nothing
depends on colour. Days after ``today`` cannot be selected. Which day is which comes from
``coach.checkin.day_state``.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.checkin import day_state

MARKS = {"checked": ("✓", ""), "missed": ("·", "dim"), "open": ("○", ""), "before": (" ", "dim")}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class MonthCalendar(Widget, can_focus=True):
    """Arrows move by day/week, PgUp/PgDn by month, Home goes to today, Enter opens the day."""

    DEFAULT_CSS = """
    MonthCalendar { width: 44; height: 9; }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "Previous day", show=False),
        Binding("right", "move(1)", "Next day", show=False),
        Binding("up", "move(-7)", "Previous week", show=False),
        Binding("down", "move(7)", "Next week", show=False),
        Binding("pageup", "month(-1)", "Previous month", show=False),
        Binding("pagedown", "month(1)", "Next month", show=False),
        Binding("home", "today", "Today", show=False),
        Binding("enter", "open", "Open day"),
    ]

    selected: reactive[date] = reactive(date(2000, 1, 1))

    class Moved(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    class Opened(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, today: date, checked: set[date], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.checked = checked
        self.first = min(checked, default=None)  # once, not per cell (30 years: 11,000 days)
        self.set_reactive(MonthCalendar.selected, today)

    def render(self) -> Table:
        table = Table(
            box=None,
            padding=(0, 0),
            show_edge=False,
            pad_edge=False,
            title=self.selected.strftime("%B %Y"),
            title_style="bold",
        )
        for name in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"):
            table.add_column(name, justify="center", width=6)
        for week in calendar.Calendar().monthdatescalendar(self.selected.year, self.selected.month):
            table.add_row(*[self._cell(day) for day in week])
        return table

    def _cell(self, day: date) -> Text:
        if day.month != self.selected.month:
            return Text("")
        mark, style = MARKS.get(
            day_state(day, self.checked, self.today, first=self.first), (" ", "dim")
        )
        label = f"{day.day:>2}{mark}"
        if day == self.selected:
            return Text(f"[{label}]", style="reverse bold" if self.has_focus else "bold")
        return Text(f" {label} ", style=style)

    def set_checked(self, checked: set[date]) -> None:
        self.checked = checked
        self.first = min(checked, default=None)
        self.refresh()

    def watch_selected(self, day: date) -> None:
        self.post_message(self.Moved(day))

    def _select(self, day: date) -> None:
        if day > self.today:
            self.app.bell()
            day = self.today
        self.selected = day

    def action_move(self, days: int) -> None:
        self._select(self.selected + timedelta(days=days))

    def action_month(self, months: int) -> None:
        self._select(add_months(self.selected, months))

    def action_today(self) -> None:
        self.selected = self.today

    def action_open(self) -> None:
        self.post_message(self.Opened(self.selected))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
