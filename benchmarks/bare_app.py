"""Baselines from Textual alone: a bare app (Header, Static, Footer), as DESIGN.md defines, and
the framework's floor for screens_bench.py: the bare app pushing a screen of similar widgets."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

LINES = "Week 3 · Tue: brisk walk 20 min, heel drops 2x10, sit-to-stand 2x8, band row 2x12\n" * 3


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Streak: bare app ready")
        yield Footer()


class FloorScreen(Screen[None]):
    """About what our screens hold: a header, a title, a dozen text panels in a scroll, a footer;
    a key that changes one panel's text, as most of our keys do."""

    BINDINGS = [
        Binding("right", "change", "Change a panel"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    changes = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Floor screen", id="title")
            for n in range(12):
                yield Static(f"Panel {n}\n{LINES}", id=f"panel-{n}")
        yield Footer()

    def action_change(self) -> None:
        self.changes += 1
        self.query_one("#panel-0", Static).update(f"Changed {self.changes} times\n{LINES}")


class FloorApp(BareApp):
    BINDINGS = [Binding("t", "open", "Open a screen")]

    def action_open(self) -> None:
        self.push_screen(FloorScreen())


if __name__ == "__main__":
    BareApp().run()
