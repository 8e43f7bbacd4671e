"""Home: today's check-in state, streaks, the last 7 days at a glance, and the way to each place."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.checkin import streaks
from coach.models import CheckIn
from screens.app import PLACES, CoachApp


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else "no")


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


WEEK_HEADER = f"{'Day':<8} {'Pain':>4} {'Move':>5} {'AI':>4} {'Ca mg':>6}"


def week_lines(checkins: dict[date, CheckIn], today: date) -> str:
    """The last 7 days, one line a day; a missing day says so in words, not colour.

    Plain fixed-width text rather than a Rich table: it is drawn in the first frame, and a
    table costs tens of milliseconds to measure and render.
    """
    lines = ["[b $text-accent]Last 7 days[/]", f"[b]{WEEK_HEADER}[/b]"]
    for offset in range(6, -1, -1):
        day = today - timedelta(days=offset)
        label = "Today" if offset == 0 else day.strftime("%a %d")
        entry = checkins.get(day)
        if entry is None:
            lines.append(f"{label:<8} [dim]not checked in[/dim]")
            continue
        lines.append(
            f"{label:<8} {_num(entry.pain):>4} {_num(entry.exercise_min):>5} "
            f"{_yes_no(entry.ai_taken):>4} {_num(entry.calcium_total_mg):>6}"
        )
    return "\n".join(lines)


def places_text() -> str:
    """Every place with its key; a plain list (keys, not a menu, are how places open)."""
    lines = ["[b $text-accent]Go to (press the key)[/]"]
    lines += [f"[b]{p.key}[/b]  {p.label}" for p in PLACES]
    lines += ["[b]?[/b]  Help and all keys", "[b]ctrl+p[/b]  Search commands"]
    return "\n".join(lines)


class HomeScreen(Screen[None]):
    """The dashboard. Re-reads the store every time it is shown, so it is never stale."""

    # home.tcss is loaded with the app's CSS (screens/app.py): parsed once, before the first frame
    BINDINGS = [
        Binding(p.key, f"app.open_place('{p.key}')", p.label, show=p.footer, id=f"place-{p.key}")
        for p in PLACES
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="read-only")
        # few widgets on purpose: home is the first frame, and every widget costs start-up time
        yield Static(id="today")
        yield Static(id="streaks")
        yield Static(id="sparklines")
        with Horizontal(id="home-panels"):
            yield Static(id="week")
            yield Static(places_text(), id="places")
        yield Footer()

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def on_screen_resume(self) -> None:  # also sent when home is first shown
        self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """Read today's state from the store and redraw the dashboard."""
        store = self.coach.store
        banner = self.query_one("#read-only", Static)
        banner.display = store.read_only
        if store.read_only:
            banner.update(
                f"⚠ This file is {store.read_only_reason}: you can look, "
                "but nothing can be saved here."
            )
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
        self.query_one("#week", Static).update(week_lines(recent, today))
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
