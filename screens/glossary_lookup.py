"""Look up a term: the glossary words used in one page, and what each one means."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.topics import GlossaryEntry, Topic, glossary_terms_in
from screens.widgets.lists import ChoiceList


class GlossaryLookup(ModalScreen[None]):
    """A small list of the page's glossary terms; the highlighted term's meaning shows below."""

    CSS_PATH = "learn.tcss"  # shared with the Learn screen, which opens this
    BINDINGS = [Binding("escape,q,g", "dismiss", "Close", id="close-terms")]

    def __init__(self, topic: Topic) -> None:
        super().__init__()
        self.topic = topic
        self.entries: tuple[GlossaryEntry, ...] = glossary_terms_in(topic)

    def compose(self) -> ComposeResult:
        with Vertical(id="terms-box"):
            yield Static(Text.assemble(("Terms in ", "bold"), self.topic.title), id="terms-title")
            if self.entries:
                yield ChoiceList(
                    *[Option(entry.term, id=str(i)) for i, entry in enumerate(self.entries)],
                    id="terms-list",
                )
                yield Static(id="terms-definition")
            else:
                yield Static("No glossary terms appear in this page.", id="terms-definition")
            yield Static("↑↓ choose · Enter shows the meaning · Esc closes", id="terms-hint")

    def on_mount(self) -> None:
        if self.entries:
            self.query_one("#terms-list", OptionList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#terms-list")
    @on(OptionList.OptionSelected, "#terms-list")
    def _show(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.entries[event.option_index]
        definition = self.query_one("#terms-definition", Static)
        definition.update(Text.assemble((entry.term, "bold"), ": ", entry.definition))
