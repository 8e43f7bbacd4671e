"""The baseline for start-up: a bare Textual app (Header, Static, Footer), as DESIGN.md defines."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Streak: bare app ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
