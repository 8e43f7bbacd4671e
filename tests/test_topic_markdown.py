"""The reader's Markdown (screens.widgets.topic_markdown) draws every topic exactly as
Textual's Markdown does, with far fewer widgets."""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from coach.topics import load_pages
from screens.widgets.topic_markdown import BulletParagraph, TopicMarkdown, topic_parser

# Textual's SVG export names its elements after a hash of the title and content size only
_IDS = re.compile(r"terminal-\d+")
NESTED = "- one\n- two\n  - two a\n\n  two again\n- three\n\n1. first\n2. second\n"


class Page(App[None]):
    def __init__(self, document: str, widget: type[Markdown], theme: str = "") -> None:
        super().__init__()
        self.document = document
        self.widget = widget
        if theme:
            self.theme = theme

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.widget(self.document, open_links=False)


async def _picture(
    document: str, widget: type[Markdown], size: tuple[int, int], theme: str = ""
) -> str:
    app = Page(document, widget, theme)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return _IDS.sub("terminal", app.export_screenshot())


@pytest.mark.parametrize("width", [80, 44])
@pytest.mark.parametrize("page", [page.id for page in load_pages()] + ["nested"])
async def test_a_topic_looks_exactly_as_textuals_markdown_draws_it(page: str, width: int) -> None:
    """Characters, colours and line breaks: the whole page, at two widths (every topic and
    the glossary; and a list with a nested list and a second paragraph, left to Textual).
    Our parser leaves out linkify, so this also says no page holds a bare web address."""
    pages = {p.id: p.markdown for p in load_pages()}
    document = pages.get(page, NESTED)
    height = 40 + 4 * len(document) // width  # the whole page on one screen
    ours = await _picture(document, TopicMarkdown, (width, height))
    textuals = await _picture(document, Markdown, (width, height))
    assert ours == textuals


async def test_a_bare_web_address_would_show_apart_from_textuals() -> None:
    """What makes the comparison above a check on bare addresses: our parser leaves them as
    text (the reader opens no links), Textual's draws them as links."""
    document = "- Read more at www.example.org or https://example.org/bones.\n"
    inline = [t for block in topic_parser().parse(document) for t in block.children or []]
    assert [t.type for t in inline] == ["text"]
    ours = await _picture(document, TopicMarkdown, (60, 8))
    assert ours != await _picture(document, Markdown, (60, 8))


@pytest.mark.parametrize("theme", ["textual-light", "gruvbox"])
async def test_bullets_take_the_colours_of_every_kind_of_theme(theme: str) -> None:
    """A light theme colours Textual's bullets differently from a dark one; ours follow."""
    document = "Some text.\n\n- a bullet that goes on long enough to wrap at this width\n- two\n"
    ours = await _picture(document, TopicMarkdown, (40, 12), theme)
    assert ours == await _picture(document, Markdown, (40, 12), theme)
    assert ours != await _picture(document, TopicMarkdown, (40, 12))  # the theme shows


async def test_a_plain_bullet_is_one_widget() -> None:
    """Each plain bullet is one widget (Textual makes four); a list with a nested list or a
    second paragraph keeps Textual's widgets, and the nested list, if plain, is compact."""
    app = Page("- one\n- two **bold**\n\nText.\n\n" + NESTED, TopicMarkdown)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        bullets = list(app.query(BulletParagraph))
        assert [str(b._content) for b in bullets] == ["one", "two bold", "two a"]
        assert all(b.source for b in bullets)  # a search hit can still scroll to it
        lists = app.query("MarkdownBulletList")
        assert [len(lst.query("MarkdownBullet")) for lst in lists] == [0, 3, 0]
