"""The reader's Markdown: a bullet list of plain items is one widget per item, not four.

Textual's Markdown shows each bullet as a ``Horizontal`` holding a ``MarkdownBullet`` and a
``Vertical`` that holds the item's paragraph: four widgets a bullet. Our topics are mostly
bullets, so about 100 of a page's 140-170 widgets were there, and every one is styled,
composed, laid out and, once the page is left, freed by a full pass of the collector. Here an
item that is one paragraph (every item of our topics) is that paragraph alone, drawn with its
bullet and a hanging indent (``HangingVisual``): the same characters and colours on screen
(tests/test_topic_markdown.py compares every topic), a screen of 168 widgets now 99, and a
topic opened in two thirds of the time or less (in a terminal at 80x24, 10 years of diary:
Enter 399 -> 293 ms, next topic 322 -> 174). A list with any other item (two paragraphs, a
nested list) is left to Textual.

Its parser is Textual's ("gfm-like") without linkify, which looks for bare web addresses in
every run of text: the reader opens no links, our topics hold no bare addresses (a test
checks), and a page parsed three times faster without it (4.8 -> 1.5 ms a page).

Imported with the reader (``screens.learn._markdown``), not at start-up. The list and
paragraph classes are not exported by ``textual.widgets.markdown``; Textual is pinned to 8.2.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from textual.app import ComposeResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Markdown
from textual.widgets._markdown import (
    MarkdownBulletList,
    MarkdownListItem,
    MarkdownParagraph,
)


class HangingVisual(Visual):
    """``mark``, then ``body`` wrapped beside it; every line after the first indented to
    where the body starts (as Textual's bullet beside a paragraph draws it)."""

    def __init__(self, mark: Content, body: Content) -> None:
        self.mark = mark
        self.body = body
        self.indent = mark.cell_length

    def _body_width(self, width: int) -> int:
        return max(1, width - self.indent)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not width:
            return []
        lines = self.body.render_strips(self._body_width(width), height, style, options)
        first, blank = (
            content.render_strips(self.indent, 1, style, options)[0]
            for content in (self.mark, Content(" " * self.indent))
        )
        return [Strip.join([first if n == 0 else blank, line]) for n, line in enumerate(lines)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body.get_optimal_width(rules, container_width - self.indent)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body.get_height(rules, self._body_width(width))


class BulletParagraph(MarkdownParagraph):
    """A list item's one paragraph, with its bullet."""

    DEFAULT_CSS = """
    BulletParagraph {
        margin: 0;
    }
    """

    def __init__(self, paragraph: MarkdownParagraph, bullet: str) -> None:
        super().__init__(paragraph._markdown, paragraph._token, paragraph.source_range)
        self.bullet = bullet
        self.set_content(paragraph._content)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The item's text, as Textual gives a paragraph's (the bullet is not copied)."""
        return selection.extract(str(self._content)), "\n"

    def render(self) -> HangingVisual:
        colour = "$text-primary" if self.app.current_theme.dark else "$text-secondary"
        return HangingVisual(Content.styled(self.bullet, colour), self._content)


class CompactBulletList(MarkdownBulletList):
    """Bullets of one paragraph each as one widget each (see the module docstring)."""

    def compose(self) -> ComposeResult:
        items = [block for block in self._blocks if isinstance(block, MarkdownListItem)]
        plain = len(items) == len(self._blocks) and all(
            len(item._blocks) == 1 and type(item._blocks[0]) is MarkdownParagraph for item in items
        )
        if not plain:
            yield from super().compose()
            return
        for item in items:
            yield BulletParagraph(item._blocks[0], item.bullet)
        self._blocks.clear()


def topic_parser() -> MarkdownIt:
    """Textual's default parser without linkify (see the module's docstring)."""
    return MarkdownIt("gfm-like").disable("linkify")


class TopicMarkdown(Markdown):
    """Textual's Markdown with ``CompactBulletList`` for bullet lists, and ``topic_parser``."""

    BLOCKS = {**Markdown.BLOCKS, "bullet_list_open": CompactBulletList}

    def __init__(self, markdown: str | None = None, **options: Any) -> None:
        options.setdefault("parser_factory", topic_parser)
        super().__init__(markdown, **options)
