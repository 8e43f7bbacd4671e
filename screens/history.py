"""History: a month at a time; open, edit or delete any past day; missed days are visible."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from coach.checkin import month_coverage
from coach.models import RED_FLAGS, CheckIn
from screens.app import CoachApp
from screens.widgets.calendar import MonthCalendar
from screens.widgets.footer import KeysFooter


def describe(checkin: CheckIn | None, day: date) -> str:
    """The selected day in words (what the calendar cell cannot hold)."""
    title = f"[b]{day.strftime('%A %d %B %Y')}[/b]"
    if checkin is None:
        return f"{title}\nNo check-in. Enter adds one."

    def show(value: object, unit: str = "") -> str:
        if value is None:
            return "–"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return f"{value:g}{unit}" if isinstance(value, float | int) else str(value)

    lines = [
        title,
        f"Worst joint pain {show(checkin.pain)}/10 · interference {show(checkin.interference)}/4",
        f"Aromatase inhibitor taken: {show(checkin.ai_taken)}",
        f"Moved: walking {show(checkin.aerobic_min)} · strength {show(checkin.resistance_min)}"
        f" · balance {show(checkin.balance_min)} min",
        f"Calcium {show(checkin.calcium_total_mg, ' mg')}"
        f" · vitamin D {show(checkin.vitamin_d_iu, ' IU')}",
        f"Fatigue {show(checkin.fatigue)}/10 · mood {show(checkin.mood)}/5",
    ]
    if checkin.fall:
        lines.append("Fall: yes" + (", with injury" if checkin.fall_injured else ""))
    if checkin.red_flags:
        lines.append("⚠ " + "; ".join(RED_FLAGS[f] for f in checkin.red_flags))
    if checkin.note:
        lines.append(f"Note: {checkin.note}")
    lines.append("Enter edits · d deletes")
    return "\n".join(lines)


NARROW_BELOW = 76  # columns: the calendar (46) and a readable detail column (30)


class HistoryScreen(Screen[None]):
    """Past check-ins by month. Future days cannot be chosen."""

    CSS_PATH = "history.tcss"
    AUTO_FOCUS = "MonthCalendar"
    BINDINGS = [
        Binding("enter", "open_day", "Open / edit", id="history-open"),
        Binding("d", "delete_day", "Delete", id="history-delete"),
        Binding("pageup,pagedown", "noop", "Month ±1", id="history-month"),
        Binding("escape", "app.pop_screen", "Back", id="history-back"),
    ]

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-body"):
            with Vertical(id="history-left"):
                yield MonthCalendar(
                    self.coach.today(), self.coach.store.checkin_days(), id="calendar"
                )
                yield Static(id="month-count")
                yield Static(
                    "✓ checked in  · missed  ○ today, not yet\n"
                    "←→↑↓ day · PgUp/PgDn month · Home today",
                    classes="muted",
                    id="history-legend",
                )
            yield Static(id="day-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show(self.query_one(MonthCalendar).selected)

    def on_resize(self) -> None:
        """Narrow terminals: the day's details go under the calendar, not into a sliver beside
        it where words break ("interferen/ce")."""
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")

    def on_screen_resume(self) -> None:
        calendar_widget = self.query_one(MonthCalendar)
        calendar_widget.set_checked(self.coach.store.checkin_days())
        self._show(calendar_widget.selected)

    @on(MonthCalendar.Moved)
    def _moved(self, event: MonthCalendar.Moved) -> None:
        self._show(event.day)

    @on(MonthCalendar.Opened)
    def _opened(self, event: MonthCalendar.Opened) -> None:
        self.action_open_day()

    def _show(self, day: date) -> None:
        store = self.coach.store
        self.query_one("#day-detail", Static).update(describe(store.get_checkin(day), day))
        checked, possible = month_coverage(store.checkin_days(), day, self.coach.today())
        self.query_one("#month-count", Static).update(
            f"{checked} of {possible} days checked in" if possible else "No check-ins this month"
        )

    def action_noop(self) -> None:
        """PgUp/PgDn are handled by the calendar; listed here so help and the footer show them."""

    def action_open_day(self) -> None:
        from screens.checkin import CheckInScreen

        day = self.query_one(MonthCalendar).selected
        if day > self.coach.today():
            self.notify("Future days cannot be checked in.", severity="warning")
            return
        if self.coach.notify_read_only("No check-in here"):  # said before typing, not after
            return
        self.app.push_screen(CheckInScreen(day))

    def action_delete_day(self) -> None:
        day = self.query_one(MonthCalendar).selected
        store = self.coach.store
        if store.get_checkin(day) is None:
            self.notify("No check-in on that day to delete.")
            return
        if self.coach.notify_read_only():
            return
        from screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes and self.coach.save(lambda: store.delete_checkin(day), "The deletion"):
                self.on_screen_resume()
                self.notify(f"Deleted the check-in of {day.isoformat()}.")

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the check-in of {day.strftime('%A %d %B %Y')}? This cannot be undone.",
                "delete",
                "keep it",
            ),
            answered,
        )
