"""The hanging-indent entries of the Learn lists draw exactly what the two-column tables they
replace drew, at any width (screens/widgets/hanging.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from coach.topics import load_pages
from screens.widgets.hanging import Hanging

CONSOLE = Console(width=200, color_system=None)
WORDS = st.text(alphabet="abcdefghij ABC,.—…é漢-", min_size=0, max_size=80)


def drawn(renderable: object, width: int) -> list[str]:
    options = CONSOLE.options.update_width(width)
    return [
        "".join(segment.text for segment in line).rstrip()
        for line in CONSOLE.render_lines(renderable, options, pad=False)
    ]


def table_of(mark: str, rows: list[str | Text], indent: int) -> Table:
    grid = Table.grid()
    grid.add_column(width=indent, no_wrap=True)
    grid.add_column(ratio=1)
    for index, row in enumerate(rows):
        grid.add_row(mark if index == 0 else "", row)
    return grid


def test_every_topic_title_at_every_width() -> None:
    for width in range(4, 81):
        for page in load_pages():
            for mark in ("✓ ", "○ ", "  "):
                expected = drawn(table_of(mark, [page.title], len(mark)), width)
                assert drawn(Hanging(mark, page.title), width) == expected, (width, page.id)


@settings(max_examples=300, deadline=None)
@given(
    title=WORDS,
    line=WORDS,
    width=st.integers(min_value=4, max_value=90),
    selected=st.booleans(),
)
def test_a_search_result_of_any_words_at_any_width(
    title: str, line: str, width: int, selected: bool
) -> None:
    mark = "▸" if selected else ""
    rows: list[str | Text] = [Text(title, style="bold"), Text(line, style="italic")]
    expected = drawn(table_of(mark, rows, 2), width)
    assert drawn(Hanging(mark, *rows, indent=2), width) == expected
