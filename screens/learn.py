"""Learn: the education topics, a reader, live search and a glossary look-up, all by keyboard.

At 80 columns one pane shows at a time, so tables keep the full width: the topic list, the
reader (Esc or Backspace goes back to the list), or the search pane (``/``). From 110 columns the
list and the reader sit side by side. Opening an education topic marks it read in the store
(unless the file is read-only); the list shows read and unread with a glyph, not a colour.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.topic_ids import GLOSSARY_ID
from coach.topics import SearchHit, Topic, get_topic, load_pages, load_topics, search
from screens.widgets.footer import KeysFooter
from screens.widgets.hanging import Hanging
from screens.widgets.lists import ChoiceList

if TYPE_CHECKING:
    from textual.widgets import Markdown

Pane = Literal["list", "reading", "search"]

READ_MARK = "✓ "
UNREAD_MARK = "○ "
PAGE_MARK = "  "  # the glossary and references pages are not "read" or "unread"
WIDE_WIDTH = 110  # from this many columns the list and the reader sit side by side
SEARCH_LIMIT = 20
SEARCH_HINT = "Type a word, e.g. calcium, DXA or joint pain. Enter opens the first result."

READER_HINT = "Choose a topic and press Enter, or press / to search."

_NON_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> str:
    """Lower-case words separated by single spaces: Markdown marks and punctuation dropped."""
    return " ".join(_NON_WORD.split(text.lower())).strip()


def _fragment(line: str, words: int = 6) -> str:
    """The first few words of a search hit's line, to find where it is in the page."""
    return " ".join(_words(line.strip("… ")).split()[:words])


def _markdown(text: str) -> Markdown:
    """The reader's Markdown widget (imported here: see ``LearnScreen._reader_text``)."""
    from screens.widgets.topic_markdown import TopicMarkdown

    return TopicMarkdown(text, id="learn-text", open_links=False)


def _read_label(day: str | None) -> str:
    if not day:
        return "Not read yet."
    try:
        return f"Read on {date.fromisoformat(day).strftime('%d %b %Y')}."
    except ValueError:
        return "Read."


class SearchBox(Input):
    """The search field: typing searches; ↑/↓ move in the results while typing goes on here."""

    BINDINGS = [
        Binding("down", "screen.result_move(1)", show=False),
        Binding("up", "screen.result_move(-1)", show=False),
        Binding("pagedown", "screen.result_move(5)", show=False),
        Binding("pageup", "screen.result_move(-5)", show=False),
    ]

    def __init__(self, *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)


class ReaderKeys(Widget, can_focus=True):
    """Takes the reader's keys (↑ ↓ PgUp PgDn Home End Space) and scrolls the reader.

    Focus sits here rather than on the reader itself because Textual restyles every descendant
    of a widget when it gains or loses focus, which takes a noticeable moment on a long topic.
    Side by side, this is the one-column rule between list and reader, highlighted on focus.
    """

    BINDINGS = [
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("home", "scroll('home')", "Top of the topic", show=False),
        Binding("end", "scroll('end')", "End of the topic", show=False),
    ]

    def __init__(self, reader_id: str, *, id: str) -> None:
        super().__init__(id=id)
        self.reader_id = reader_id

    def render(self) -> str:
        return ""

    def action_scroll(self, where: str) -> None:
        reader = self.screen.query_one(f"#{self.reader_id}", VerticalScroll)
        scroll = {
            "up": reader.scroll_up,
            "down": reader.scroll_down,
            "page_up": reader.scroll_page_up,
            "page_down": reader.scroll_page_down,
            "home": reader.scroll_home,
            "end": reader.scroll_end,
        }[where]
        scroll(animate=False)


class LearnScreen(Screen[None]):
    """Topics, reader and search. ``topic_id`` opens that topic straight away."""

    CSS_PATH = "learn.tcss"
    BINDINGS = [
        Binding("slash", "search", "Search", id="learn-search"),
        Binding("g", "terms", "Look up a term", id="learn-terms"),
        Binding("n", "step(1)", "Next topic", show=False, id="learn-next"),
        Binding("p", "step(-1)", "Previous topic", show=False, id="learn-previous"),
        Binding("tab,shift+tab", "switch_pane", "List ↔ reader", show=False, id="learn-switch"),
        Binding("escape,backspace", "back", "Back", id="learn-back"),
    ]

    def __init__(self, topic_id: str | None = None) -> None:
        super().__init__()
        self.initial_topic = topic_id
        self._initial: Topic | None = None
        if topic_id is not None:
            with suppress(KeyError):  # an unknown id is said on mount; the list shows instead
                self._initial = get_topic(topic_id)
        self.current: str | None = None
        self.pane: Pane = "list"
        self._before_search: Pane = "list"
        self._hits: list[SearchHit] = []
        self._query = ""
        self._marked: int | None = None  # the result shown with ▸
        self._search_count = 0  # result ids carry it, so a message about older results is ignored
        self._read: dict[str, str] = {}
        self._topic_ids: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Vertical(id="learn-search-pane")  # filled at the first search (_search_pane)
        with Horizontal(id="learn-body"):
            with Vertical(id="learn-list-pane"):
                yield Static(id="learn-legend")
                yield ChoiceList(id="learn-topics")
                yield Static(id="learn-preview")
            yield ReaderKeys("learn-reader", id="learn-reader-keys")
            with VerticalScroll(id="learn-reader", can_focus=False):
                if self._initial is not None:
                    yield _markdown(self._initial.markdown)
                else:  # the Markdown widget comes with the first topic (see _reader_text)
                    yield Static(Text(READER_HINT, style="italic"), id="learn-hint")
        yield KeysFooter()

    # ------------------------------------------------------------------------- state

    @property
    def pages(self) -> tuple[Topic, ...]:
        return load_pages()

    @property
    def store(self) -> Any:
        """The app's store (``store.db.Store``); this screen only reads and marks topics read."""
        return self.app.store  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.sub_title = "Learn" + (f" · {self.app.sub_title}" if self.app.sub_title else "")
        self._topic_ids = {topic.id for topic in load_topics()}
        self._read = self._load_read()
        legend = f"Topics   {READ_MARK}read  {UNREAD_MARK}not read yet"
        if self.store.read_only:
            legend += "   (read-only file: reading is not recorded)"
        self.query_one("#learn-legend", Static).update(legend)
        topics = self.query_one("#learn-topics", OptionList)
        options: list[Option | None] = []
        for page in self.pages:
            previous = options[-1] if options else None
            if page.id not in self._topic_ids and previous and previous.id in self._topic_ids:
                options.append(None)  # a separator before the glossary and references
            options.append(Option(self._prompt(page), id=page.id))
        topics.add_options(options)
        self._check_width(self.app.size.width)
        if self._initial is not None:  # already in the reader since compose: no flash of the list
            self.current = self._initial.id
            topics.highlighted = topics.get_option_index(self._initial.id)
            self._mark_read(self._initial.id)
            self._show_pane("reading")
        else:
            if self.initial_topic is not None:
                self.notify(f"There is no topic called {self.initial_topic!r}.", severity="warning")
            unread = next((t for t in load_topics() if t.id not in self._read), None)
            topics.highlighted = topics.get_option_index(unread.id if unread else self.pages[0].id)
            self._show_pane("list")

    def _load_read(self) -> dict[str, str]:
        return dict(self.store.topics_read())

    def _prompt(self, page: Topic) -> Hanging:
        """The glyph, then the title, wrapped with a hanging indent when the list is narrow."""
        return Hanging(self.marker(page.id), page.title)

    def marker(self, topic_id: str) -> str:
        """The read glyph shown for a page in the list ("✓ ", "○ " or blank)."""
        if topic_id not in self._topic_ids:
            return PAGE_MARK
        return READ_MARK if topic_id in self._read else UNREAD_MARK

    def on_resize(self, event: events.Resize) -> None:
        self._check_width(event.size.width)

    def _check_width(self, width: int) -> None:
        wide = width >= WIDE_WIDTH
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self._apply_pane()
            focused = self.focused
            if focused is not None and not all(n.display for n in focused.ancestors_with_self):
                self._focus_pane()  # keys never go to a pane that the new width hides

    def _apply_pane(self) -> None:
        """Show the panes for ``self.pane``. Set on the panes themselves, not as a class on the
        screen: a screen class restyles every block of the page, which is slow on long topics."""
        wide = self.has_class("-wide")
        searching = self.pane == "search"
        self.query_one("#learn-search-pane").display = searching
        self.query_one("#learn-body").display = not searching
        self.query_one("#learn-list-pane").display = wide or self.pane == "list"
        self.query_one("#learn-reader").display = wide or self.pane == "reading"
        self.query_one("#learn-reader-keys").display = wide or self.pane == "reading"

    def _focus_pane(self) -> None:
        target = {
            "list": "#learn-topics",
            "reading": "#learn-reader-keys",
            "search": "#learn-query",
        }
        self.set_focus(self.query_one(target[self.pane]), scroll_visible=False)

    def _show_pane(self, pane: Pane) -> None:
        self.pane = pane
        self._apply_pane()
        self._focus_pane()
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Side by side, focus may move between list and reader; keep the pane in step."""
        if event.widget is not self.focused:
            return  # focus has moved on since: acting now would flip the panes back and forth
        widget_id = event.widget.id
        if widget_id == "learn-topics" and self.pane == "reading":
            self.pane = "list"
            self._apply_pane()
        elif widget_id == "learn-reader-keys" and self.pane == "list" and self.current:
            self.pane = "reading"
            self._apply_pane()

    # ------------------------------------------------------------------------- opening

    async def open_topic(
        self, topic_id: str, *, heading: str | None = None, text: str | None = None
    ) -> None:
        """Show a page in the reader, optionally scrolled to a heading or a line of text."""
        try:
            topic = get_topic(topic_id)
        except KeyError:
            self.notify(f"There is no topic called {topic_id!r}.", severity="warning")
            self._show_pane("list")
            return
        topics = self.query_one("#learn-topics", OptionList)
        topics.highlighted = topics.get_option_index(topic.id)
        reader = self.query_one("#learn-reader", VerticalScroll)
        await self._reader_text(topic.markdown)
        self.current = topic.id
        reader.scroll_home(animate=False, immediate=True)
        self._mark_read(topic.id)
        self._show_pane("reading")
        if heading or text:
            self.call_after_refresh(self._scroll_to, heading, text)

    async def _reader_text(self, markdown: str) -> None:
        """Show ``markdown`` in the reader. The Markdown widget is made for the first topic
        opened, not with the list: importing and mounting it is a third of the list's first
        opening (markdown-it, Pygments), and a session that only looks at the list never needs
        it."""
        existing = self.query("#learn-text")
        if existing:
            await cast("Markdown", existing.first()).update(markdown)
            return
        reader = self.query_one("#learn-reader", VerticalScroll)
        await reader.remove_children()
        await reader.mount(_markdown(markdown))

    def _mark_read(self, topic_id: str) -> None:
        if topic_id not in self._topic_ids or topic_id in self._read or self.store.read_only:
            return
        try:
            self.store.mark_topic_read(topic_id, self.app.today())  # type: ignore[attr-defined]
        except Exception as error:  # a failed note must not cost the page: say so, read on
            self.notify(f"Could not note this topic as read: {error}", severity="warning")
            return
        self._read = self._load_read()
        self.query_one("#learn-topics", OptionList).replace_option_prompt(
            topic_id, self._prompt(get_topic(topic_id))
        )
        self._update_preview()

    def _scroll_to(self, heading: str | None, text: str | None) -> None:
        """Scroll the reader so the block with this heading (or this text) is at the top."""
        wanted = _words(heading) if heading else _fragment(text or "")
        if not wanted:
            return
        from textual.widgets.markdown import MarkdownBlock

        best: MarkdownBlock | None = None
        best_span = 0
        for block in self.query("#learn-text MarkdownBlock").results(MarkdownBlock):
            source = block.source
            if not source:
                continue
            found = _words(source) == wanted if heading else f" {wanted} " in f" {_words(source)} "
            start, end = block.source_range
            if found and (best is None or end - start < best_span):
                best, best_span = block, end - start
        if best is not None:
            reader = self.query_one("#learn-reader", VerticalScroll)
            reader.scroll_to_widget(best, top=True, animate=False, immediate=True)
            if not heading:  # a line or two of what comes before, for context
                reader.scroll_to(y=max(0, reader.scroll_y - 2), animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#learn-topics")
    async def _topic_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            await self.open_topic(event.option.id)

    @on(OptionList.OptionHighlighted, "#learn-topics")
    def _topic_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._update_preview()

    def _update_preview(self) -> None:
        option = self.query_one("#learn-topics", OptionList).highlighted_option
        preview = self.query_one("#learn-preview", Static)
        if option is None or option.id is None:
            preview.update("")
            return
        page = get_topic(option.id)
        status = f" {_read_label(self._read.get(page.id))}" if page.id in self._topic_ids else ""
        preview.update(Text.assemble(page.summary, (status, "italic")))

    # ------------------------------------------------------------------------- search

    async def action_search(self) -> None:
        if self.pane != "search":
            self._before_search = self.pane
        await self._search_pane()
        self._show_pane("search")
        self.query_one("#learn-query", SearchBox).select_all()

    async def _search_pane(self) -> None:
        """Put the search field and its results in their pane, the first time they are needed:
        made with the screen, they were a third of its opening (122 ms, now 87, at 10 years in
        a terminal at 80x24), for a pane most visits never show; the first ``/`` takes 7 ms
        more. Awaited by the key ``/``, so keys typed after it (in one burst) go to the field."""
        pane = self.query_one("#learn-search-pane", Vertical)
        if pane.children:
            return
        await pane.mount_all(
            [
                Horizontal(
                    Static("Search ", id="learn-search-label"),
                    SearchBox(placeholder="words to find in topics and glossary", id="learn-query"),
                    id="learn-search-row",
                ),
                Static(SEARCH_HINT, id="learn-search-status"),
                ChoiceList(id="learn-results"),
            ]
        )

    @on(Input.Changed, "#learn-query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value.strip()
        self._query = query
        self._hits = search(query, limit=SEARCH_LIMIT) if query else []
        self._marked = None
        self._search_count += 1
        results = self.query_one("#learn-results", OptionList)
        results.clear_options()
        results.add_options(
            Option(self._hit_prompt(i), id=f"{self._search_count}:{i}")
            for i in range(len(self._hits))
        )
        if self._hits:
            results.highlighted = 0
        status = self.query_one("#learn-search-status", Static)
        if not query:
            status.update(SEARCH_HINT)
        elif not self._hits:
            status.update(f"No results for “{query}”. Try fewer words or another spelling.")
        else:
            count = len(self._hits)
            status.update(
                f"{count} result{'s' if count != 1 else ''} · ↑↓ choose · Enter opens · Esc closes"
            )

    def _hit_prompt(self, index: int, selected: bool = False) -> Hanging:
        """A result: title, then the matching line with the query words underlined. The one
        that Enter opens has a ▸ beside it, so it shows without colour too."""
        hit = self._hits[index]
        title = f"Glossary: {hit.title}" if hit.kind == "glossary" else hit.title
        line = Text(hit.line, style="italic")
        for word in self._query.split():
            word = word.strip(".,;:!?\"'()[]")
            if word:
                line.highlight_regex(rf"(?i)\b{re.escape(word)}\w*", "bold underline")
        return Hanging("▸" if selected else "", Text(title, style="bold"), line, indent=2)

    def _current_hit(self, option: Option) -> int | None:
        """The index of a result option in the current results (None if from an older search:
        a burst of typing can leave messages about replaced results still on their way)."""
        search_count, _, index = (option.id or "").partition(":")
        if search_count != str(self._search_count) or not index.isdigit():
            return None
        return int(index) if int(index) < len(self._hits) else None

    @on(OptionList.OptionHighlighted, "#learn-results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._current_hit(event.option) is None:
            return
        results = self.query_one("#learn-results", OptionList)
        if self._marked is not None and self._marked < results.option_count:
            results.replace_option_prompt_at_index(self._marked, self._hit_prompt(self._marked))
        self._marked = event.option_index
        results.replace_option_prompt_at_index(self._marked, self._hit_prompt(self._marked, True))

    def action_result_move(self, step: int) -> None:
        results = self.query_one("#learn-results", OptionList)
        if not results.option_count:
            return
        current = results.highlighted or 0
        results.highlighted = max(0, min(results.option_count - 1, current + step))

    @on(Input.Submitted, "#learn-query")
    async def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one("#learn-results", OptionList)
        if results.highlighted is not None and self._hits:
            await self._open_hit(self._hits[results.highlighted])

    @on(OptionList.OptionSelected, "#learn-results")
    async def _result_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = self._current_hit(event.option)
        if index is not None:
            await self._open_hit(self._hits[index])

    async def _open_hit(self, hit: SearchHit) -> None:
        if hit.kind == "glossary" and hit.topic_id == GLOSSARY_ID:
            await self.open_topic(GLOSSARY_ID, heading=hit.title)
        elif hit.kind == "title":
            await self.open_topic(hit.topic_id)
        else:
            await self.open_topic(hit.topic_id, text=hit.line)

    # ------------------------------------------------------------------------- keys

    def action_back(self) -> None:
        if self.pane == "search":
            self._show_pane(
                "reading" if self._before_search == "reading" and self.current else "list"
            )
        elif self.pane == "reading":
            self._show_pane("list")
        else:
            self.app.pop_screen()

    async def action_switch_pane(self) -> None:
        if self.pane == "search":
            self.focus_next()
        elif self.pane == "reading":
            self._show_pane("list")
        elif self.current:
            self._show_pane("reading")
        else:
            option = self.query_one("#learn-topics", OptionList).highlighted_option
            if option is not None and option.id:
                # awaited, not a worker: done before the next key, never after the screen left
                await self.open_topic(option.id)

    async def action_step(self, step: int) -> None:
        ids = [page.id for page in self.pages]
        here = self.current if self.pane == "reading" else None
        if here is None:
            option = self.query_one("#learn-topics", OptionList).highlighted_option
            here = option.id if option is not None and option.id else ids[0]
        index = ids.index(here) + step
        if not 0 <= index < len(ids):
            self.notify("This is the last page." if step > 0 else "This is the first page.")
            return
        await self.open_topic(ids[index])

    def action_terms(self) -> None:
        from screens.glossary_lookup import GlossaryLookup

        topic_id = self.current
        if self.pane == "list" or topic_id is None:
            option = self.query_one("#learn-topics", OptionList).highlighted_option
            topic_id = option.id if option is not None else None
        if topic_id:
            self.app.push_screen(GlossaryLookup(get_topic(topic_id)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "terms" and self.pane == "search":
            return None  # typing "g" goes into the search field; hide the key meanwhile
        return True
