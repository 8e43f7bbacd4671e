"""A list of choices whose page keys are safe before the list is laid out.

Textual 8.2's ``OptionList`` pages with an index of lines that is only built once the list has a
size; PgUp/PgDn pressed when it has none yet (just shown, or in a pane being switched) raised
``KeyError`` and ended the app (found by the monkey test). Here they wait for a size: with none,
there is nothing on screen to page through, so they do nothing.
"""

from __future__ import annotations

from textual.widgets import OptionList


class ChoiceList(OptionList):
    """``OptionList`` with PgUp/PgDn that do nothing until the list is laid out."""

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            super().action_page_up()

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            super().action_page_down()
