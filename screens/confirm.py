"""A yes/no question before something that cannot be undone (discard, delete, regenerate)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Returns True for y/Enter-on-yes, False for n/Esc. The safe answer is the default."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; max-width: 100%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    ConfirmScreen .confirm-keys { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "yes", no: str = "no") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question")
            yield Static(f"y  {self.yes}      n / Esc  {self.no}", classes="confirm-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def leave_or_confirm(
    screen: Screen[object], dirty: bool, question: str, yes: str = "discard", result: object = None
) -> None:
    """Dismiss ``screen`` at once when nothing is unsaved; otherwise ask first."""
    if not dirty:
        screen.dismiss(result)
        return

    def answered(leave: bool | None) -> None:
        if leave:
            screen.dismiss(result)

    screen.app.push_screen(ConfirmScreen(question, yes, "keep editing"), answered)
