"""The command palette, with its page keys made safe.

Textual 8.2's palette passes PgUp/PgDn to its result list even while that list is hidden
(results still arriving): the list has options but no lines laid out yet, and paging raises
``KeyError`` (found by the monkey test: ctrl+p then PgDn at once). Here PgUp/PgDn page only a
list that is shown; otherwise they do nothing, as they would with nothing to page through.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.command import CommandList, CommandPalette


class CoachCommandPalette(CommandPalette):
    """Textual's palette; PgUp/PgDn wait until there is a list on screen to page through."""

    BINDINGS = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        commands = self.query_one(CommandList)
        if not commands.option_count or not commands.scrollable_content_region:
            return  # hidden, or not laid out yet: nothing to page
        if direction > 0:
            commands.action_page_down()
        else:
            commands.action_page_up()
