"""Baselines from Textual alone: a bare app (Header, Static, Footer), as DESIGN.md defines, and
the framework's floors for screens_bench.py: the bare app pushing a screen of similar widgets.

There are three floors, because our screens are of three kinds and Textual's cost follows the
widgets: panels of text (most places), a long form (check-in, profile, bone health: some 120
stock widgets, as many as the check-in holds), and a document (a Learn topic, shown by Textual's
own Markdown widget with the same topic text the walk opens)."""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Header, Input, Label, Markdown, Static

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


# The check-in's shape: sections of labelled rows, each row a label, its control, a hint and a
# hidden line for its error message; then a section of tick boxes.
FORM_SECTIONS = 8
FORM_NUMBERS = 13  # 12 numbers and the note
FORM_CHOICES = 4  # yes/no and one-of fields
FORM_TICKS = 7


class FormFloorScreen(Screen[None]):
    """A long form of stock widgets, as many and as nested as the check-in's."""

    DEFAULT_CSS = """
    FormFloorScreen .section { height: auto; border-top: solid $primary-muted; padding: 0 1; }
    FormFloorScreen .row { height: auto; }
    FormFloorScreen .row > Horizontal { height: auto; }
    FormFloorScreen .label { width: 30; }
    FormFloorScreen Input { width: 12; }
    FormFloorScreen .hint { width: 1fr; height: 1; color: $text-muted; }
    FormFloorScreen .error { display: none; }
    """
    BINDINGS = [
        Binding("ctrl+s", "app.pop_screen", "Save"),
        Binding("ctrl+y", "app.pop_screen", "As yesterday"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Form floor\nEnter: next field", id="title")
        controls = [Input(placeholder="0-10") for _ in range(FORM_NUMBERS)]
        controls += [Checkbox("yes") for _ in range(FORM_CHOICES)]
        per_section = -(-len(controls) // (FORM_SECTIONS - 1))
        with VerticalScroll():
            for start in range(0, len(controls), per_section):
                with Vertical(classes="section"):
                    for n, control in enumerate(controls[start : start + per_section]):
                        with Vertical(classes="row"):
                            with Horizontal():
                                yield Label(f"Field {start + n}", classes="label")
                                yield control
                                yield Static("a hint", classes="hint")
                            yield Static("", classes="error")
            with Vertical(classes="section"):
                for n in range(FORM_TICKS):
                    yield Checkbox(f"Symptom {n}")
        yield Footer()


class DocumentFloorScreen(Screen[None]):
    """Textual's Markdown widget in a scroll, showing the topics the coach's walk opens."""

    BINDINGS = [
        Binding("enter", "show(0)", "Open the topic"),
        Binding("n", "show(1)", "Next topic"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, documents: tuple[str, str]) -> None:
        super().__init__()
        self.documents = documents

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown("Choose a topic and press Enter.")
        yield Footer()

    async def action_show(self, which: int) -> None:
        await self.query_one(Markdown).update(self.documents[which])


class FloorApp(BareApp):
    """The panel floor: the bare app and one screen of panels (run alone in its process, so
    no other floor's styles are in its stylesheet)."""

    BINDINGS = [Binding("t", "open", "Open a screen")]

    def action_open(self) -> None:
        self.push_screen(FloorScreen())


class KindFloorApp(BareApp):
    """The form and document floors, in a process of their own."""

    BINDINGS = [
        Binding("f", "open_form", "Open a form"),
        Binding("d", "open_document", "Open a document"),
    ]

    def __init__(self, documents: tuple[str, str] = ("# One", "# Two")) -> None:
        super().__init__()
        self.documents = documents

    def action_open_form(self) -> None:
        self.push_screen(FormFloorScreen())

    def action_open_document(self) -> None:
        self.push_screen(DocumentFloorScreen(self.documents))


if __name__ == "__main__":
    BareApp().run()
