"""Help: every key of the screen you came from, every place, and the disclaimer."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.texts import DISCLAIMER, PRIVACY
from screens.app import PLACES, CoachApp

KEY_NAMES = {
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "ctrl+s": "Ctrl+S",
    "ctrl+p": "Ctrl+P",
    "slash": "/",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "space": "Space",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "backspace": "Backspace",
    "delete": "Delete",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}

COMMON_KEYS = (
    ("Tab / Shift+Tab", "next / previous field or panel"),
    ("↑ ↓ Enter", "move in a list, open the selection"),
    ("+ - ↑ ↓", "in a number field: one step up or down (or type digits)"),
    ("y n Space", "in a yes/no field: yes, no, switch"),
    ("← → Space", "in a choice of words: the next or previous choice ([chosen])"),
    ("Esc", "back (asks first if something is unsaved)"),
    ("Ctrl+P", "command palette: every place and command"),
    ("Ctrl+P Theme", "colours: ansi-dark, ansi-light (your terminal's), bonecoach-high-contrast"),
    ("?", "this help"),
    ("q", "quit (from screens without a text field)"),
)


def key_label(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k, k) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    """Lists the keys; press Esc, q or ? to close."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, screen_keys: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.screen_keys = screen_keys or []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("[b]Keys[/b]  (Esc closes this help)", classes="help-title")
            if self.screen_keys:
                yield Static("On the screen you came from", classes="panel-title")
                yield Static(self._table(self.screen_keys))
            if PLACES:
                yield Static("Places (from home)", classes="panel-title")
                yield Static(self._table([(p.key, f"{p.label} — {p.help}") for p in PLACES]))
            yield Static("Everywhere", classes="panel-title")
            yield Static(self._table(list(COMMON_KEYS)))
            yield Static("About", classes="panel-title")
            coach = self.app if isinstance(self.app, CoachApp) else None
            where = f"\nYour data file: {coach.store.path}" if coach else ""
            yield Static(f"{DISCLAIMER}\n\n{PRIVACY}{where}", id="help-about")

    @staticmethod
    def _table(rows: list[tuple[str, str]]) -> Table:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold", no_wrap=True, min_width=10)
        table.add_column(ratio=1)
        for key, text in rows:
            table.add_row(key_label(key), text)
        return table
