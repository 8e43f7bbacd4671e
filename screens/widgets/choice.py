"""A yes/no answer for the keyboard: y or n, Space or ←/→ to switch, Backspace to clear.

The chosen answer is shown in brackets and words, never by colour alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
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
