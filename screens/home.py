"""Home: today's check-in state, streaks, the last 7 days at a glance, and the way to each place."""

from __future__ import annotations

from datetime import date, timedelta

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from coach.checkin import Streaks, streaks_of_ordinals
from coach.models import CheckIn
from screens.app import PLACES, CoachApp
from screens.widgets.footer import KeysFooter


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else "no")


def _num(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:g}{unit}"


# Words, not abbreviations: "Tablet" (the aromatase inhibitor), minutes and mg written out.
WEEK_HEADER = f"{'Day':<8} {'Pain':>4} {'Moved':>7} {'Tablet':>6} {'Calcium':>8}"
WEEK_WIDTH = 44  # the "last 7 days" column; the places list sits to its right
PLACES_WIDTH = 26  # the places list; narrower than both together, it becomes one line


def week_lines(checkins: dict[date, CheckIn], today: date) -> list[Text]:
    """The last 7 days, one line a day; a missing day says so in words, not colour."""
    lines = [Text("Last 7 days", style="bold"), Text(WEEK_HEADER, style="bold")]
    for offset in range(6, -1, -1):
        day = today - timedelta(days=offset)
        label = "Today" if offset == 0 else day.strftime("%a %d")
        entry = checkins.get(day)
        if entry is None:
            lines.append(Text.assemble(f"{label:<8} ", ("not checked in", "dim")))
            continue
        lines.append(
            Text(
                f"{label:<8} {_num(entry.pain):>4} {_num(entry.exercise_min, ' min'):>7} "
                f"{_yes_no(entry.ai_taken):>6} {_num(entry.calcium_total_mg, ' mg'):>8}"
            )
        )
    return lines


def places_lines() -> list[Text]:
    """Every place with its key; a plain list (keys, not a menu, are how places open)."""
    keys = [(p.key, p.label) for p in PLACES]
    keys += [("?", "Help and all keys"), ("ctrl+p", "Search commands")]
    lines = [Text("Go to (press the key)", style="bold")]
    lines += [Text.assemble((key, "bold"), f"  {label}") for key, label in keys]
    return lines


def places_line() -> Text:
    """The places the footer has no room for, on one line (narrow terminals)."""
    shown = {p.key for p in PLACES if p.footer}
    others = [f"{p.key} {p.label.lower()}" for p in PLACES if p.key not in shown]
    return Text("More: " + " · ".join(others), style="dim")  # ctrl+p is in the footer


def panels(week: list[Text], width: int) -> Text:
    """The week beside the places list, or, when that does not fit, the week and one line."""
    if width >= WEEK_WIDTH + PLACES_WIDTH:
        return side_by_side(week, places_lines())
    return Text("\n").join([*week, places_line()])


def side_by_side(left: list[Text], right: list[Text], width: int = WEEK_WIDTH) -> Text:
    """Two columns of lines as one Text: one widget to lay out instead of three."""
    rows = []
    for index in range(max(len(left), len(right))):
        cell = left[index].copy() if index < len(left) else Text()
        cell.truncate(width, pad=True)
        rows.append(Text.assemble(cell, right[index] if index < len(right) else ""))
    return Text("\n").join(rows)


class HomeScreen(Screen[None]):
    """The dashboard. Re-reads the store every time it is shown, so it is never stale."""

    # home.tcss is loaded with the app's CSS (screens/app.py): parsed once, before the first frame
    BINDINGS = [
        *(
            Binding(
                p.key, f"app.open_place('{p.key}')", p.label, show=p.footer, id=f"place-{p.key}"
            )
            for p in PLACES
        ),
        Binding("s", "session", "Today's session", id="home-session"),
    ]
    _due: str | None = None  # today's session still to do, in words (shown with its key s)
    _shown_day: date | None = None  # the day the dashboard was last drawn for

    def compose(self) -> ComposeResult:
        # few widgets on purpose: home is the first frame, and every widget costs start-up time
        yield Header()
        yield Static(id="status")
        yield Static(id="panels")
        yield KeysFooter()

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def on_screen_resume(self) -> None:  # also sent when home is first shown
        self.refresh_from_store()

    def look_at_the_day(self) -> None:
        """Past midnight, draw the new day (not checked in yet, today's session); a home under
        another screen is drawn again anyway when it is shown. (Called by the app's clock.)"""
        if self.is_current and self.coach.today() != self._shown_day:
            self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """Read today's state from the store and redraw the dashboard."""
        store = self.coach.store
        self._show_read_only(store.read_only_reason if store.read_only else None)
        today = self._shown_day = self.coach.today()
        self._show_damaged(len(store.problems_met))  # the whole-file scan: after the frame
        figures = self._streaks(store.checkin_ordinals(), today)
        recent = {c.day: c for c in store.checkins(today - timedelta(days=6), today)}
        profile = store.get_profile()
        name = f", {profile.name}" if profile and profile.name else ""
        state = (
            "✓ Checked in today."
            if figures.checked_in_today
            else "○ Not checked in yet today. Press c to check in."
        )
        day_word = "day" if figures.current == 1 else "days"
        month_word = "day" if figures.this_month == 1 else "days"
        self._status = (
            f"[b]{today.strftime('%A %d %B %Y')}[/b]{escape(name)}\n{state}\n"
            f"Streak: {figures.current} {day_word} · longest {figures.longest} · "
            f"{figures.this_month} {month_word} checked in this month"
        )
        self.query_one("#status", Static).update(self._status)
        self._week = week_lines(recent, today)
        self._show_panels()
        # after the first frame: the sparklines need coach.trends, which start-up can wait for
        self.call_after_refresh(self._after_frame, today)

    def _streaks(self, ordinals: frozenset[int], today: date) -> Streaks:
        """The streak figures, counted again only when the check-ins or the day changed (the
        store hands back the same set until a save): coming home costs nothing at 30 years."""
        cached = getattr(self, "_streaks_of", None)
        if cached is not None and cached[0] is ordinals and cached[1] == today:
            return cached[2]
        figures = streaks_of_ordinals(ordinals, today)
        self._streaks_of = (ordinals, today, figures)
        return figures

    def _after_frame(self, today: date) -> None:
        """What the first frame can do without, once that frame is on the terminal (in a real
        terminal, Textual's writer thread must get to run first: see screens/frame_sent.py)."""
        from screens.frame_sent import frame_sent, pending_writes

        if pending_writes(self.app) is None:  # headless: nothing to wait for
            self._show_sparklines(today)
            return

        async def show() -> None:
            await frame_sent(self.app)
            self._show_sparklines(today)

        self.run_worker(show(), group="home-after-frame", exclusive=True, exit_on_error=True)

    def _show_panels(self) -> None:
        week = getattr(self, "_week", None)
        if week is not None:
            self.query_one("#panels", Static).update(panels(week, self.size.width - 2))

    def on_resize(self) -> None:
        self._show_panels()

    def _show_read_only(self, reason: str | None) -> None:
        """The read-only banner, mounted only when needed (most sessions never need it)."""
        found = self.query("#read-only")
        if reason is None:
            found.remove()
            return
        words = f"⚠ This file is {reason}: you can look, but nothing can be saved here."
        if found:
            found.first(Static).update(words)
        else:
            self.mount(Static(words, id="read-only"), after=self.query_one(Header))

    def _show_damaged(self, count: int) -> None:
        """One line while the file holds damaged records (skipped everywhere until repaired)."""
        found = self.query("#damaged")
        if not count:
            found.remove()
            return
        records = "record is" if count == 1 else "records are"
        words = f"⚠ {count} damaged {records} skipped: run bonecoach doctor"
        if found:
            found.first(Static).update(words)
        else:
            self.mount(Static(words, id="damaged"), after=self.query_one(Header))

    def _show_sparklines(self, today: date) -> None:
        self._show_damaged(len(self.coach.store.problems))
        self._due = self._session_due(today)
        # the due session takes the blank line above the sparklines: #status keeps its 6 lines
        due = f"\n{self._due}" if self._due else "\n"
        self.query_one("#status", Static).update(f"{self._status}{due}{self._sparklines(today)}")
        self.refresh_bindings()
        self._show_tablet(self._tablet_line(today))

    def _session_due(self, today: date) -> str | None:
        """ "Today's session: ..." while it is still to do (after the first frame: the plan's
        records are not needed to draw home)."""
        from coach.plan_view import session_total_minutes
        from coach.sessions import due_today

        plan = self.coach.store.get_plan()
        found = (
            None
            if plan is None
            else due_today(plan, self.coach.store.session_logs(today, today), today)
        )
        if found is None:
            return None
        session = found[1]
        return (
            f"○ Today's session: {escape(session.kind)}, about {session_total_minutes(session)} "
            "min: press s to be guided."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "session":
            return self._due is not None
        return True

    def action_session(self) -> None:
        """Today's session, guided: through the plan screen, which brings the plan up to date."""
        from screens.plan import PlanScreen

        self.app.push_screen(PlanScreen(guide_today=True))

    def _show_tablet(self, line: str | None) -> None:
        """Side effects to raise, or what changes after the course: mounted only when needed."""
        found = self.query("#tablet-note")
        if line is None:
            found.remove()
        elif found:
            found.first(Static).update(Text(line))
        else:
            self.mount(Static(Text(line), id="tablet-note"), after=self.query_one("#status"))

    def _tablet_line(self, today: date) -> str | None:
        """Side effects to raise with the care team, or what changes after the AI course."""
        from coach.tablet_text import home_line
        from coach.thresholds import AI_ADHERENCE_DAYS

        store = self.coach.store
        recent = store.checkins(today - timedelta(days=AI_ADHERENCE_DAYS - 1), today)
        return home_line(store.get_profile(), recent, today)

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
            f"\nJoint pain, 14 days  {sparkline(pain, 0, 10)}  (0-10; · no entry)\n"
            f"Exercise, 14 days    {sparkline(moved, 0)}  (minutes a day)"
        )
