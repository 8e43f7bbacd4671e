"""Form fields for keyboard-only entry: a labelled row with its input and its own message line.

A bad value shows a message beside the field (what is allowed) and keeps what was typed; the
screen decides when to save. ``NumberInput`` takes digits, and +/- or the arrow keys to step.
Every field is a ``FormField``: Enter moves on (``screens.widgets.form``).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static

from coach.models import NumberRange, ValidationError
from screens.widgets.form import NEXT_FIELD, FormField


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def compact_from_the_start(field: Input | Checkbox) -> None:
    """Textual's compact style (no border) set before the widget is mounted, quietly:
    ``compact=True`` in the constructor restyles the widget at once, though it is on no
    screen yet (about 2 ms a field; a check-in has 20 of them)."""
    field.set_reactive(type(field).compact, True)
    field.set_class(True, "-textual-compact", update=False)


class TickBox(FormField, Checkbox):
    """A compact checkbox whose mark is a glyph (X or blank), so NO_COLOR still shows state.

    Space ticks; Enter moves on (so pressing Enter through a form never ticks a box by accident).
    """

    BINDINGS = [NEXT_FIELD]

    DEFAULT_CSS = """
    TickBox, TickBox.-textual-compact { border: none; padding: 0; height: 1; }
    TickBox.-textual-compact:focus { border: none !important; }
    TickBox:focus > .toggle--label { text-style: reverse; }
    """

    def __init__(
        self, label: str, value: bool = False, *, id: str | None = None, classes: str = ""
    ) -> None:
        super().__init__(label, value, id=id, classes=classes)
        compact_from_the_start(self)

    @property
    def BUTTON_INNER(self) -> str:
        return "X" if self.value else " "


class TextInput(FormField, Input):
    """A one-line text input that stays visible when empty (compact, with a background).

    ``max_length`` is checked, not enforced: text pasted over the limit is kept whole and the
    field says how long it is, as the CLI does, instead of being cut off without a word.
    """

    BINDINGS = [NEXT_FIELD]

    DEFAULT_CSS = """
    TextInput { width: 1fr; background: $boost; }
    TextInput:focus { background: $boost; }
    """

    def __init__(
        self, value: str = "", *, placeholder: str = "", max_length: int = 0, id: str | None = None
    ) -> None:
        super().__init__(value, placeholder=placeholder, id=id)
        compact_from_the_start(self)
        self.limit = max_length

    def length_problem(self) -> str | None:
        """Why the text is too long to save, or None."""
        if self.limit and len(self.value) > self.limit:
            return (
                f"must be at most {self.limit} characters (got {len(self.value)}): "
                "shorten it to save (nothing was cut off)"
            )
        return None


class NumberInput(FormField, Input):
    """Digits typed directly; +/- or up/down step within the field's range."""

    BINDINGS = [NEXT_FIELD]

    DEFAULT_CSS = """
    NumberInput { width: 10; background: $boost; }
    NumberInput:focus { background: $boost; }
    """

    def __init__(
        self,
        spec: NumberRange,
        value: float | None = None,
        *,
        step: float = 1,
        start: float | None = None,
        id: str | None = None,
    ) -> None:
        allowed = r"[0-9]*" if spec.whole else r"[0-9]*[.,]?[0-9]*"
        super().__init__(
            value=format_number(value),
            restrict=allowed,
            placeholder=f"{format_number(spec.low)}-{format_number(spec.high)}",
            id=id,
        )
        compact_from_the_start(self)
        self.spec = spec
        self.step_size = step
        self.start = spec.low if start is None else start

    def on_key(self, event: events.Key) -> None:
        delta = {"plus": 1, "up": 1, "minus": -1, "down": -1}.get(event.key)
        if delta is None:
            return
        event.stop()
        event.prevent_default()
        self.step(delta)

    def step(self, direction: int) -> None:
        """Move one step up or down, clamped to the range (empty starts from ``start``)."""
        try:
            current = self.spec.parse(self.id or "value", self.value) if self.value else None
        except ValidationError:
            current = None
        if current is None:
            new = self.start
        else:
            new = min(self.spec.high, max(self.spec.low, current + direction * self.step_size))
        self.value = format_number(round(new, 1))
        self.cursor_position = len(self.value)


class FieldRow(Widget):
    """One labelled field: label and hint on the left, the input, then a message line."""

    DEFAULT_CSS = """
    FieldRow { height: auto; margin: 0 0 0 0; }
    FieldRow > Horizontal { height: auto; }
    FieldRow .field-label { width: 30; padding: 0 1 0 0; }
    FieldRow .field-hint { color: $text-muted; padding: 0 0 0 1; width: 1fr; height: 1;
                           text-wrap: nowrap; text-overflow: ellipsis; }
    FieldRow .field-error { color: $text-error; height: auto; padding: 0 0 0 30; display: none; }
    FieldRow.-invalid .field-error { display: block; }
    FieldRow.-invalid .field-label { text-style: bold; }
    """

    class Changed(Message):
        """A field's value changed (the screen may refresh a computed figure)."""

        def __init__(self, row: FieldRow) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self, label: str, control: Widget, hint: str = "", *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.control = control
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label, classes="field-label")
            yield self.control
            if self.hint:  # no empty column: a choice of words gets the whole width
                yield Static(self.hint, classes="field-hint")
        yield Static("", classes="field-error")

    def show_error(self, message: str | None) -> None:
        """Show (or clear) the message beside this field; words, not only colour.

        Called at every key typed in a number; the line is set only when its words change
        (setting it lays the screen out again, a frame after the key's own layout)."""
        self.set_class(bool(message), "-invalid")
        text = f"⚠ {message}" if message else ""
        error = self.query_one(".field-error", Static)
        if str(error.content) != text:
            error.update(text)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """Numbers are checked as they are typed; the message goes as soon as it is fixed."""
        event.stop()
        if isinstance(self.control, NumberInput):
            self.check_number()
        elif isinstance(self.control, TextInput):
            self.check_length()
        self.post_message(self.Changed(self))

    def check_length(self) -> bool:
        """Show (or clear) a too-long message for a text field; True if it fits."""
        assert isinstance(self.control, TextInput)
        problem = self.control.length_problem()
        if problem is not None or self.has_class("-too-long"):
            self.show_error(problem)
        self.set_class(problem is not None, "-too-long")
        return problem is None

    def check_number(self) -> bool:
        """Validate this row's number now, showing or clearing its message; True if valid."""
        assert isinstance(self.control, NumberInput)
        try:
            read_number(self.control, self.control.id or "value")
        except ValidationError as error:
            self.show_error(error.message)
            return False
        self.show_error(None)
        return True


class Section(Vertical):
    """A titled group of fields (titles double as landmarks when reading a long form)."""

    DEFAULT_CSS = """
    Section { height: auto; border-top: solid $primary-muted; padding: 0 1; }
    """

    def __init__(self, title: str, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self.border_title = title


def read_number(control: NumberInput, name: str) -> int | float | None:
    """The typed number (None when empty); raises ValidationError naming the allowed range."""
    text = control.value.strip()
    return None if not text else control.spec.parse(name, text)
