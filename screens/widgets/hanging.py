"""A mark, then text wrapped beside it: a hanging indent for list entries.

The topic list and the search results showed each entry as a two-column ``Table.grid`` (the
mark, then the text). A table measures its columns on every render, and an ``OptionList``
renders each entry several times while a screen opens (to find its height, then to draw it):
the topic list's tables took some 16 ms of opening Learn (96 ms against 80 at 80x24). This
draws the same lines by wrapping the text once at the width it is given.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


class Hanging:
    """``mark`` (padded to ``indent`` cells), then ``rows`` wrapped to the rest of the width,
    each row starting on a new line and every line after the first indented."""

    def __init__(self, mark: str, *rows: str | Text, indent: int | None = None) -> None:
        self.mark = mark
        self.indent = len(mark) if indent is None else indent
        self.rows = tuple(row if isinstance(row, Text) else Text(row) for row in rows)

    def lines(self, console: Console, width: int) -> list[Text]:
        body = max(1, width - self.indent)
        out: list[Text] = []
        for row in self.rows:
            for line in row.wrap(console, body, overflow="ellipsis"):
                prefix = self.mark if not out else ""
                out.append(Text(prefix.ljust(self.indent)) + line)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.lines(console, options.max_width)
        yield Text("\n").join(lines) if lines else Text(self.mark)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((row.cell_len for row in self.rows), default=0)
        return Measurement(self.indent + 1, self.indent + widest).clamp(max_width=options.max_width)
