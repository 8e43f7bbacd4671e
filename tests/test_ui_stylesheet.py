"""A screen's first opening parses no CSS in the coach, and only its own new CSS elsewhere.

Textual's ``Stylesheet.reparse`` parsed every source again in a fresh stylesheet with an empty
cache each time a screen with its own CSS file was first shown. These tests count the sources
parsed, and check that what is parsed, and what a theme change does, stay as Textual's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.css.stylesheet as stylesheet_module
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets import Static
from ui_helpers import SAMPLE_PROFILE, SIZE, make_app

from screens import textual_fixes
from screens.app import PLACES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def parsed_sources(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every CSS source Textual parses from text (a cache miss), in order: (where it was read
    from, its tie breaker; Textual keys its cache on both)."""
    seen: list[object] = []
    parse = stylesheet_module.parse

    def counting(scope: str, css: str, read_from: object, **kwargs: object) -> object:
        seen.append((read_from, kwargs.get("tie_breaker", 0)))
        return parse(scope, css, read_from, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counting)
    return seen


def _css_of(sheet: Stylesheet) -> list[tuple[str, str]]:
    """Each rule's selectors and declarations, in order (Textual's ``RuleSet.css`` cannot write
    some rules back as text)."""
    return [(rule.selectors, repr(sorted(rule.styles.get_rules().items()))) for rule in sheet.rules]


async def test_no_place_parses_or_applies_the_stylesheet_again_at_its_first_opening(
    data_path: Path, parsed_sources: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every screen's stylesheet is read with the app's (CoachApp.CSS_PATH), so opening a place
    for the first time makes Textual neither parse nor apply the whole stylesheet again."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        read = {Path(where).name for where, _ in app.stylesheet.source if where}
        assert {p.name for p in (ROOT / "screens").glob("*.tcss")} <= read
        reparses: list[Stylesheet] = []
        reparse = Stylesheet.reparse

        def counting(sheet: Stylesheet) -> None:
            reparses.append(sheet)
            reparse(sheet)

        monkeypatch.setattr(Stylesheet, "reparse", counting)
        parsed_sources.clear()
        home = app.screen
        for place in PLACES:
            await pilot.press(place.key)
            await pilot.pause()
            assert app.screen is not home, place.label
            await pilot.press("escape")  # nothing typed: no "leave without saving?" question
            await pilot.pause()
            assert app.screen is home, place.label
        assert not [s for s in parsed_sources if str(s[0][0]).endswith(".tcss")]
        assert reparses == []


async def test_a_screens_first_opening_parses_only_new_sources(
    parsed_sources: list[object], tmp_path: Path
) -> None:
    """A screen that brings its own CSS file (in an app that did not read it): Textual parses
    that file alone again, not every source (screens/textual_fixes.py)."""
    css = tmp_path / "styled.tcss"
    css.write_text("#styled-body { height: 3; background: $primary; }")

    class Styled(Screen[None]):
        CSS_PATH = str(css)

        def compose(self) -> ComposeResult:
            yield Static("styled", id="styled-body")

    class Bare(App[None]):
        CSS = "Static { color: $text; }"

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = {(where, source.tie_breaker) for where, source in app.stylesheet.source.items()}
        parsed_sources.clear()
        await app.push_screen(Styled())
        await pilot.pause()
        assert any("styled.tcss" in str(where) for where, _ in parsed_sources)  # the new file
        assert not before & set(parsed_sources)  # nothing parsed before was parsed again
        # the rules are what a stylesheet parsing every source from scratch makes
        fresh = app.stylesheet.copy()
        fresh.parse()
        assert _css_of(app.stylesheet) == _css_of(fresh)


async def test_a_theme_change_after_a_reparse_still_takes_effect(data_path: Path) -> None:
    """New variables must never be served from rules parsed under the old ones."""
    app = make_app(data_path, profile=SAMPLE_PROFILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        reader = app.screen.query_one("#learn-reader")
        first = reader.styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert reader.styles.background != first
        expected = app.get_css_variables()["background"]
        assert reader.styles.background.hex.lower() == expected.lower()[:7]


def test_reparse_gives_textuals_rules_and_parses_nothing_twice(
    parsed_sources: list[object],
) -> None:
    variables = App().get_css_variables()
    sheet = Stylesheet(variables=variables)
    sheet.add_source("Static { color: $text; }", read_from=("a.tcss", ""))
    sheet.add_source("#x { background: $primary; }", read_from=("b.tcss", ""))
    sheet.parse()
    sheet.add_source("#y { height: 3; }", read_from=("c.tcss", ""))
    parsed_sources.clear()
    sheet.reparse()
    assert parsed_sources == [(("c.tcss", ""), 0)]
    fresh = Stylesheet(variables=variables)
    fresh.source = dict(sheet.source)
    fresh._require_parse = True
    assert _css_of(sheet) == _css_of(fresh)
    sheet.set_variables({**variables, "primary": "#123456"})  # as a theme change does
    parsed_sources.clear()
    sheet.reparse()
    assert len(parsed_sources) == 3
    assert "Color(18, 52, 86)" in repr(_css_of(sheet))  # #123456: parsed with the new value


def test_the_parse_cache_holds_more_sources_than_the_coach_has() -> None:
    assert Stylesheet()._parse_cache.maxsize == textual_fixes.PARSE_CACHE_SIZE
    assert Stylesheet.reparse is textual_fixes._reparse


async def test_scroll_bars_follow_their_view_and_only_when_it_changes() -> None:
    """A scroll view's bars appear, move and go with its content and size; a layout that
    changes nothing of it does not repaint them (a frame after the layout, at every key)."""
    from textual.scrollbar import ScrollBar
    from textual.widgets import OptionList

    class ListApp(App[None]):
        CSS = "OptionList { height: 6; border: solid red; }"

        def compose(self) -> ComposeResult:
            yield OptionList(*[f"item {i}" for i in range(3)])
            yield Static("below", id="below")

    repaints: list[ScrollBar] = []
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        listing = app.query_one(OptionList)
        await pilot.pause()
        assert not listing.show_vertical_scrollbar  # 3 items fit in 4 rows
        listing.add_options([f"more {i}" for i in range(10)])
        await pilot.pause()
        assert listing.show_vertical_scrollbar  # the content grew past the view
        bar = listing.vertical_scrollbar
        assert bar.window_virtual_size == 13 and bar.window_size == 4
        refresh = bar.refresh

        def counting(*args: object, **kwargs: object) -> object:
            repaints.append(bar)
            return refresh(*args, **kwargs)

        bar.refresh = counting  # type: ignore[method-assign]
        app.query_one("#below", Static).update("below\nand a second line")  # lays out again
        await pilot.pause()
        assert repaints == []
        listing.styles.height = 8  # the view itself changed: its bar follows
        await pilot.pause()
        assert repaints and bar.window_size == 6
        listing.clear_options()
        await pilot.pause()
        assert not listing.show_vertical_scrollbar
