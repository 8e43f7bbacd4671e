"""Mark a plan session done: how hard it felt and joint pain during it, in a small dialog.

Both numbers are asked because they are what a care team wants to see next to the minutes; the
steadiness answer ("did you manage the balance and impact work steadily?") is what lets balance
and impact step up (coach.adapt): nothing harder comes by the calendar alone. The plan screen
passes ``save``, which writes the answers: the dialog closes only once that has worked, so a
failed save (a full disk, say) leaves everything typed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.models import NOTE_MAX_CHARS, SESSION_RANGES, CheckIn, SessionLog, ValidationError
from screens.widgets.choice import YesNo
from screens.widgets.fields import FieldRow, NumberInput, TextInput, read_number
from screens.widgets.form import Form

if TYPE_CHECKING:
    from screens.app import CoachApp


def save_session_log(app: CoachApp, log: SessionLog) -> str | None:
    """Store a session's log and count its minutes in the day's check-in, both or neither.

    The one way a session log is stored (marked done on the plan, or a guided session), so the
    minutes are counted once however it was logged (coach.sessions.add_to_checkin). Returns what
    it did to the day's minutes, in words, or None when it could not be saved (said on screen).
    """
    from coach.sessions import add_to_checkin, minutes_counted

    store = app.store
    before = store.get_checkin(log.day)

    def write() -> None:
        with store.batch():  # the log and the day's minutes: both or neither
            store.put_session_log(log)
            store.put_checkin(add_to_checkin(store.get_checkin(log.day), log))

    if not app.save(write, "The session"):
        return None
    return minutes_counted(before, store.get_checkin(log.day) or CheckIn(log.day))


@dataclass(frozen=True)
class SessionAnswers:
    """What the person said about a session they did."""

    effort: int
    pain_during: int
    note: str = ""
    steady: bool | None = None


FIELDS = {
    "effort": ("How hard it felt (0-10)", "0 rest · 5 moderate · 10 hardest"),
    "pain_during": ("Joint pain during (0-10)", "0 none · 10 worst"),
}


class SessionDoneScreen(Form, ModalScreen[SessionAnswers | None]):
    """Asks effort and pain during; Enter moves on and saves on the note, Esc cancels."""

    DEFAULT_CSS = """
    SessionDoneScreen { align: center middle; }
    SessionDoneScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SessionDoneScreen #done-title { height: auto; margin: 0 0 1 0; }
    SessionDoneScreen .done-keys { color: $text-muted; margin: 1 0 0 0; height: auto; }
    SessionDoneScreen FieldRow .field-label { width: 27; }
    SessionDoneScreen FieldRow .field-error { padding: 0 0 0 27; }
    """
    AUTO_FOCUS = "#effort"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="done-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="done-cancel"),
    ]
    ENTER_ACTIONS = {"note": "save"}

    def __init__(
        self,
        title: str,
        previous: SessionLog | None = None,
        save: Callable[[SessionAnswers], bool] | None = None,
        *,
        heading: str = "Mark done",
        ask_steady: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.previous = previous
        self.save_answers = save
        self.heading = heading
        self.ask_steady = ask_steady  # only after balance or impact work (a guided session)

    def compose(self) -> ComposeResult:
        previous = self.previous
        with Vertical():
            again = "  (already marked done: saving replaces it)" if previous else ""
            yield Static(f"[b]{self.heading}[/b]: {self.title_text}{again}", id="done-title")
            for name, (label, hint) in FIELDS.items():
                value = getattr(previous, name) if previous else None
                yield FieldRow(
                    label,
                    NumberInput(
                        SESSION_RANGES[name], value, start=5 if name == "effort" else 0, id=name
                    ),
                    hint,
                    id=f"row-{name}",
                )
            if self.ask_steady:
                yield FieldRow(
                    "Felt steady? (balance/impact)",
                    YesNo(previous.steady if previous else None, id="steady"),
                    "y: yes · n: wobbly",
                    id="row-steady",
                )
            yield FieldRow(
                "Note (optional)",
                TextInput(
                    previous.note if previous else "",
                    placeholder="how it went",
                    max_length=NOTE_MAX_CHARS,
                    id="note",
                ),
                id="row-note",
            )
            yield Static("Enter next / save · ctrl+s save · Esc cancel", classes="done-keys")

    def _answers(self) -> SessionAnswers | None:
        """Both numbers, checked; each problem is shown beside its field."""
        values: dict[str, int] = {}
        for name in FIELDS:
            row = self.query_one(f"#row-{name}", FieldRow)
            try:
                value = read_number(self.query_one(f"#{name}", NumberInput), name)
                if value is None:
                    spec = SESSION_RANGES[name]
                    raise ValidationError(name, f"is needed: {spec.describe()}")
                values[name] = int(value)
                row.show_error(None)
            except ValidationError as error:
                row.show_error(error.message)
        if not self.texts_fit() or len(values) < len(FIELDS):
            return None
        note = self.query_one("#note", TextInput).value.strip()
        steady = self.query_one("#steady", YesNo).value if self.ask_steady else None
        return SessionAnswers(values["effort"], values["pain_during"], note, steady)

    def action_save(self) -> None:
        answers = self._answers()
        if answers is None:
            self.focus_first_invalid()
            return
        if self.save_answers is not None and not self.save_answers(answers):
            return  # not saved (the reason is on screen): the answers stay to try again
        self.dismiss(answers)

    def action_cancel(self) -> None:
        self.dismiss(None)
