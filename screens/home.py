"""Home: today's check-in state, streaks, the last 7 days at a glance, and the way to each place."""

from __future__ import annotations

from datetime import date, timedelta

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.checkin import streaks
from coach.models import CheckIn
from screens.app import PLACES, CoachApp


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else "no")


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def week_table(checkins: dict[date, CheckIn], today: date) -> Table:
    """The last 7 days, one row a day; a missing day says so in words, not colour."""
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="bold", expand=False)
    table.add_column("Day")
    table.add_column("Pain", justify="right")
    table.add_column("Move", justify="right")
    table.add_column("AI", justify="center")
    table.add_column("Ca mg", justify="right")
    for offset in range(6, -1, -1):
        day = today - timedelta(days=offset)
        label = "Today" if offset == 0 else day.strftime("%a %d")
        entry = checkins.get(day)
        if entry is None:
            table.add_row(label, Text("not checked in", style="dim"), "", "", "")
            continue
        table.add_row(
            label,
            _num(entry.pain),
            _num(entry.exercise_min),
            _yes_no(entry.ai_taken),
            _num(entry.calcium_total_mg),
        )
    return table


class HomeScreen(Screen[None]):
    """The dashboard. Re-reads the store every time it is shown, so it is never stale."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding(p.key, f"app.open_place('{p.key}')", p.label, show=p.footer, id=f"place-{p.key}")
        for p in PLACES
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        if self.coach.store.read_only:
            yield Static(
                f"⚠ This file is {self.coach.store.read_only_reason}: you can look, "
                "but nothing can be saved here.",
                id="read-only",
            )
        with Vertical(id="home-body"):
            yield Static(id="today")
            yield Static(id="streaks")
            yield Static(id="sparklines")
            with Horizontal(id="home-panels"):
                with Vertical(id="week-panel"):
                    yield Static("Last 7 days", classes="panel-title")
                    yield Static(id="week")
                with Vertical(id="places-panel"):
                    yield Static("Go to", classes="panel-title")
                    yield OptionList(
                        *[Option(f"{p.key}  {p.label}", id=p.key) for p in PLACES],
                        Option("?  Help and all keys", id="?"),
                        id="places",
                    )
        yield Footer()

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def on_mount(self) -> None:
        self.refresh_from_store()

    def on_screen_resume(self) -> None:
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """Read today's state from the store and redraw the dashboard."""
        store = self.coach.store
        today = self.coach.today()
        figures = streaks(store.checkin_days(), today)
        recent = {c.day: c for c in store.checkins(today - timedelta(days=6), today)}
        profile = store.get_profile()
        name = f", {profile.name}" if profile and profile.name else ""
        state = (
            "✓ Checked in today."
            if figures.checked_in_today
            else "○ Not checked in yet today."
            + (" Press c to check in." if any(p.key == "c" for p in PLACES) else "")
        )
        self.query_one("#today", Static).update(
            f"[b]{today.strftime('%A %d %B %Y')}[/b]{name}\n{state}"
        )
        day_word = "day" if figures.current == 1 else "days"
        self.query_one("#streaks", Static).update(
            f"Streak: {figures.current} {day_word} · longest {figures.longest} · "
            f"{figures.this_month} {'day' if figures.this_month == 1 else 'days'} "
            "checked in this month"
        )
        self.query_one("#week", Static).update(week_table(recent, today))
        # after the first frame: the sparklines need coach.trends, which start-up can wait for
        self.call_after_refresh(self._show_sparklines, today)

    def _show_sparklines(self, today: date) -> None:
        self.query_one("#sparklines", Static).update(self._sparklines(today))

    def _sparklines(self, today: date) -> str:
        """Pain and exercise over the last 14 days, oldest first; · is a day without a value."""
        from coach.trends import daily_series, sparkline

        store = self.coach.store
        start = today - timedelta(days=13)
        checkins = store.checkins(start, today)
        logs = store.session_logs(start, today)
        pain = daily_series("pain", checkins, logs, start, today).values
        moved = daily_series("exercise_min", checkins, logs, start, today).values
        return (
            f"Joint pain, 14 days  {sparkline(pain, 0, 10)}  (0-10; · no entry)\n"
            f"Exercise, 14 days    {sparkline(moved, 0)}  (minutes a day)"
        )

    @on(OptionList.OptionSelected, "#places")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "?":
            self.coach.action_help()
        elif event.option.id:
            self.coach.action_open_place(event.option.id)
