"""Choices for the keyboard: a yes/no answer (y or n, Space or ←/→ to switch, Backspace to
clear) and one of a few words (←/→ or Space). No drop-down to open and close: the chosen answer
is shown in brackets and words, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from screens.widgets.form import NEXT_FIELD, FormField


class YesNo(FormField, Widget, can_focus=True):
    """Yes, no, or not answered (None)."""

    DEFAULT_CSS = """
    YesNo { width: 20; height: 1; background: $boost; }
    YesNo:focus { text-style: bold; background: $boost; }
    """
    BINDINGS = [
        Binding("y", "set(True)", "Yes", show=False),
        Binding("n", "set(False)", "No", show=False),
        Binding("space,left,right", "toggle", "Switch", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
        NEXT_FIELD,
    ]

    value: reactive[bool | None] = reactive(None)

    class Changed(Message):
        """The answer changed (``@on(YesNo.Changed, "#id")`` matches on the control)."""

        def __init__(self, yes_no: YesNo, value: bool | None) -> None:
            super().__init__()
            self.yes_no = yes_no
            self.value = value

        @property
        def control(self) -> YesNo:
            return self.yes_no

    def __init__(self, value: bool | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(YesNo.value, value)

    def render(self) -> Text:
        focused = self.has_focus
        parts = []
        for answer, word in ((True, "yes"), (False, "no")):
            chosen = self.value is answer
            label = f"[{word}]" if chosen else f" {word} "
            parts.append((label, "reverse" if chosen and focused else ("bold" if chosen else "")))
        text = Text()
        for label, style in parts:
            text.append(label, style=style)
            text.append(" ")
        if self.value is None:
            text.append("(y/n)", style="dim")
        return text

    def watch_value(self, value: bool | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_set(self, value: bool) -> None:
        self.value = value

    def action_toggle(self) -> None:
        self.value = not self.value if self.value is not None else True

    def action_clear(self) -> None:
        self.value = None

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class OneOf(FormField, Widget, can_focus=True):
    """One of a few words: ←/→ or Space to change; the chosen word is shown in brackets."""

    DEFAULT_CSS = """
    OneOf { width: 1fr; height: auto; background: $boost; }
    OneOf:focus { text-style: bold; }
    """
    BINDINGS = [
        Binding("right,space", "move(1)", "Next choice", show=False),
        Binding("left", "move(-1)", "Previous choice", show=False),
        NEXT_FIELD,
    ]

    value: reactive[str] = reactive("")

    class Changed(Message):
        """The choice changed."""

        def __init__(self, one_of: OneOf, value: str) -> None:
            super().__init__()
            self.one_of = one_of
            self.value = value

        @property
        def control(self) -> OneOf:
            return self.one_of

    def __init__(self, options: Sequence[str], value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = tuple(options)
        self.set_reactive(OneOf.value, value if value in self.options else self.options[0])

    def _lines(self, width: int) -> list[Text]:
        """The choices packed into lines of ``width``, never breaking one choice of several
        words across two lines (a choice wider than the line gets a line of its own)."""
        lines: list[Text] = []
        line = Text()
        for option in self.options:
            if option == self.value:
                chunk = Text(f"[{option}]", style="reverse" if self.has_focus else "bold")
            else:
                chunk = Text(f" {option} ")
            if line and width > 0 and line.cell_len + chunk.cell_len > width:
                lines.append(line)
                line = Text()
            line.append_text(chunk)
        lines.append(line)
        return lines

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        index = self.options.index(self.value)
        self.value = self.options[(index + step) % len(self.options)]

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
