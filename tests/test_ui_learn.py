"""The Learn screen at 80x24, driven by real key presses: topics, reader, search, glossary."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Markdown, OptionList, Static
from ui_helpers import SAMPLE_PROFILE, SIZE, make_app, text_of

from coach.topic_ids import GLOSSARY_ID, JOINT_PAIN_TOPIC, NUTRITION_TOPIC
from coach.topics import get_topic
from screens.glossary_lookup import GlossaryLookup
from screens.home import HomeScreen
from screens.learn import READ_MARK, UNREAD_MARK, LearnScreen
from store.db import Store

_SVG_TEXT = re.compile(
    r'<text class="[^"]*"[^>]*? x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>'
)


def screen_text(app: object, size: tuple[int, int] = SIZE) -> str:
    """What the terminal shows, as plain lines, rebuilt from the SVG screenshot."""
    width, height = size
    rows = [[" "] * width for _ in range(height)]
    svg = app.export_screenshot()  # type: ignore[attr-defined]
    for x, line, text in _SVG_TEXT.findall(svg):
        column = round(float(x) / 12.2)  # Textual's SVG export: a column is 12.2 units wide
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if 0 <= column + offset < width and int(line) < height:
                rows[int(line)][column + offset] = char
    return "\n".join("".join(row).rstrip() for row in rows)


async def until(pilot: object, check: Callable[[], bool], tries: int = 40) -> None:
    """Pause until ``check()`` holds (a topic loads in batches), then once more to draw it."""
    for _ in range(tries):
        if check():
            break
        await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert check()


async def open_learn(app: object, pilot: object) -> LearnScreen:
    """Home, then Learn (the topic list), settled."""
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("l")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return learn(app)


def learn(app: object) -> LearnScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LearnScreen), screen
    return screen


async def test_search_opens_a_topic_and_marks_it_read(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("l")
        await pilot.pause()
        screen = learn(app)
        assert screen.marker(NUTRITION_TOPIC) == UNREAD_MARK
        await pilot.press("slash", *"vitamin")
        await pilot.pause()
        results = screen.query_one("#learn-results", OptionList)
        assert results.option_count > 0
        await pilot.press("enter")
        await until(pilot, lambda: screen.pane == "reading")
        assert screen.current == NUTRITION_TOPIC
        assert "Calcium, vitamin D and nutrition for bone" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pane == "list"
        assert screen.marker(NUTRITION_TOPIC) == READ_MARK
        assert f"{READ_MARK}Calcium, vitamin D and nutrition for bone" in screen_text(app)
        assert app.store.topics_read() == {NUTRITION_TOPIC: "2026-11-26"}
        await pilot.press("escape")  # and Esc from the list goes home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_how_much_calcium_in_four_key_presses(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")  # 1
        await pilot.press("slash")  # 2
        await pilot.press(*"calcium")  # 3: typing the word
        await pilot.press("enter")  # 4: opens the first result
        screen = learn(app)
        await until(pilot, lambda: screen.pane == "reading")
        assert screen.current == NUTRITION_TOPIC
        assert screen.query_one("#learn-reader").scroll_y == 0
        visible = screen_text(app)
        assert "Women over 50 need about 1200 mg of calcium a day" in visible


async def test_open_topic_from_elsewhere_shows_it(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_topic(JOINT_PAIN_TOPIC)
        await pilot.pause()
        screen = learn(app)
        assert screen.current == JOINT_PAIN_TOPIC and screen.pane == "reading"
        assert screen.query_one("#learn-text", Markdown).source.startswith("# Joint pain")
        assert "Joint pain on aromatase inhibitors" in screen_text(app)
        assert JOINT_PAIN_TOPIC in app.store.topics_read()
        await pilot.press("escape")  # to the list, with the topic highlighted
        await pilot.pause()
        topics = screen.query_one("#learn-topics", OptionList)
        assert topics.highlighted_option.id == JOINT_PAIN_TOPIC


async def test_unknown_topic_falls_back_to_the_list(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_topic("no-such-topic")
        await pilot.pause()
        screen = learn(app)
        assert screen.pane == "list" and screen.current is None
        assert app.store.topics_read() == {}


async def test_glossary_terms_of_the_topic(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_topic(JOINT_PAIN_TOPIC)
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, GlossaryLookup)
        terms = modal.query_one("#terms-list", OptionList)
        names = [str(terms.get_option_at_index(i).prompt) for i in range(terms.option_count)]
        assert "Aromatase inhibitors" in names and "Vitamin D" in names
        definition = modal.query_one("#terms-definition", Static)
        assert text_of(definition).startswith("Aromatase inhibitors: Medicines")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert names[1] == "Vitamin D"
        assert text_of(definition).startswith("Vitamin D: A vitamin made in the skin")
        assert "Vitamin D: A vitamin made in the skin" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert learn(app).pane == "reading"


async def test_glossary_hit_opens_the_glossary_at_the_term(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "slash", *"bmd")
        await pilot.pause()
        screen = learn(app)
        assert "▸ Glossary: BMD" in screen_text(app)  # the first result, marked as chosen
        await pilot.press("enter")
        await until(pilot, lambda: screen.pane == "reading")
        await pilot.pause()  # scrolled to the term after the page is laid out
        assert screen.current == GLOSSARY_ID
        assert screen.query_one("#learn-reader").scroll_y > 0
        assert "Short for bone mineral density." in screen_text(app)
        assert GLOSSARY_ID not in app.store.topics_read()  # only topics count as read


async def test_read_only_store_does_not_mark(data_path: Path) -> None:
    with Store.open(data_path) as first:
        first.put_profile(SAMPLE_PROFILE)
        app = make_app(data_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.store.read_only
            await pilot.press("l")
            await pilot.pause()
            screen = learn(app)
            assert "reading is not recorded" in screen_text(app)
            await pilot.press("enter")  # opens the first topic
            await until(pilot, lambda: screen.pane == "reading")
            assert screen.current is not None
            await pilot.press("escape")
            await pilot.pause()
            assert screen.marker(screen.current) == UNREAD_MARK
            assert app.store.topics_read() == {}
        app.store.close()
        assert first.topics_read() == {}


async def test_search_without_results_and_empty_query(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "slash")
        await pilot.pause()
        screen = learn(app)
        status = screen.query_one("#learn-search-status", Static)
        results = screen.query_one("#learn-results", OptionList)
        assert "Type a word" in text_of(status) and results.option_count == 0
        await pilot.press(*"zzqx")
        await pilot.pause()
        assert "No results" in screen_text(app)
        assert results.option_count == 0
        await pilot.press("enter")  # nothing to open: stays in search
        await pilot.pause()
        assert screen.pane == "search"
        await pilot.press(*["backspace"] * 4)
        await pilot.pause()
        assert "Type a word" in text_of(status) and results.option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pane == "list"


async def test_the_search_field_is_made_at_the_first_search_only(data_path: Path) -> None:
    """Opening Learn does not build the search field and its results (a third of the
    opening); "/" builds them once, and a second search finds them again, query selected."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_learn(app, pilot)
        assert not screen.query("#learn-query") and not screen.query("#learn-results")
        await pilot.press("slash", *"bone")
        await pilot.pause()
        field = screen.query_one("#learn-query")
        assert app.focused is field and field.value == "bone"
        await pilot.press("escape", "slash", *"dxa")
        await pilot.pause()
        assert screen.query_one("#learn-query") is field and field.value == "dxa"
        assert len(screen.query("#learn-results")) == 1


async def test_arrows_choose_a_result_while_typing(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "slash", *"calcium", "down", "down", "down", "up", "enter")
        screen = learn(app)
        await until(pilot, lambda: screen.pane == "reading")
        hit = screen._hits[2]
        assert screen.current == hit.topic_id


async def test_keys_move_between_list_reader_and_topics(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_learn(app, pilot)
        await pilot.press("down", "tab")  # Tab opens the highlighted topic
        await until(pilot, lambda: screen.pane == "reading")
        assert screen.current == "bone-remodelling"
        reader = screen.query_one("#learn-reader")
        assert app.focused is screen.query_one("#learn-reader-keys")  # the reader's keys
        await pilot.press("pagedown")
        await pilot.pause()
        assert reader.scroll_y > 0
        await pilot.press("n")
        await until(pilot, lambda: screen.current == "fracture-risk-and-dxa")
        assert screen.current == "fracture-risk-and-dxa" and reader.scroll_y == 0
        await pilot.press("p", "p")
        await until(pilot, lambda: screen.current == "why-bones-change")
        assert screen.current == "why-bones-change"
        await pilot.press("p")  # nothing before the first page
        await pilot.pause()
        assert screen.current == "why-bones-change"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.pane == "list"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.pane == "reading" and screen.current == "why-bones-change"
        assert set(app.store.topics_read()) == {
            "bone-remodelling",
            "fracture-risk-and-dxa",
            "why-bones-change",
        }


async def test_wide_terminal_shows_list_and_reader_side_by_side(data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.open_topic(NUTRITION_TOPIC)
        await until(pilot, lambda: learn(app).pane == "reading")
        screen = learn(app)
        assert screen.has_class("-wide")
        assert screen.query_one("#learn-list-pane").display
        assert screen.query_one("#learn-reader").display
        text = screen_text(app, (120, 30))
        assert "Making it yours" in text and "1200 mg" in text


async def test_the_reader_is_made_with_the_first_topic_and_kept(data_path: Path) -> None:
    """The list opens without the Markdown reader (a third of its first opening); the wide
    screen shows the hint in its place; the first topic makes the reader, later ones reuse it."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = learn(app)
        assert not screen.query(Markdown)
        assert "Choose a topic and press Enter" in screen_text(app, (120, 30))
        await pilot.press("enter")
        await until(pilot, lambda: screen.pane == "reading" and bool(screen.query(Markdown)))
        reader = screen.query_one("#learn-text", Markdown)
        first = screen.current
        assert not screen.query("#learn-hint")
        await pilot.press("n")
        await until(pilot, lambda: screen.current != first)
        assert screen.query_one("#learn-text", Markdown) is reader
        assert reader.source == get_topic(screen.current).markdown
        assert "Choose a topic" not in screen_text(app, (120, 30))


def test_learn_snapshot(snap_compare, data_path: Path) -> None:
    app = make_app(data_path, profile=SAMPLE_PROFILE)

    async def open_topic(pilot) -> None:
        await pilot.pause()
        app.open_topic(JOINT_PAIN_TOPIC)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_topic)
