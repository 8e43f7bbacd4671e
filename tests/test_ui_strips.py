"""A strip makes its memo caches only when an operation keeps a result (screens/textual_fixes.py).

Every screen is drawn as strips, so the fix must give exactly Textual's answers: each
operation is checked against Textual's own code on a strip made by Textual's own constructor,
over generated lines of text, styles and cuts.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome
from textual.strip import Strip

from screens import textual_fixes

textual_fixes.apply()  # as the app does on import

styles = st.sampled_from(
    [None, Style(bold=True), Style(color="red"), Style(bgcolor="blue", italic=True)]
)
texts = st.text(st.sampled_from("ab 1\u00e9\u4e2d\u2713"), max_size=8)  # wide and narrow cells
lines = st.lists(st.tuples(texts, styles).map(lambda pair: Segment(*pair)), max_size=5)
cells = st.integers(0, 30)

# each operation as (name, arguments drawn for it)
operations = st.one_of(
    st.tuples(st.just("crop"), st.tuples(cells, cells)),
    st.tuples(st.just("divide"), st.lists(cells, max_size=4).map(lambda c: (sorted(c),))),
    st.tuples(st.just("apply_style"), st.tuples(styles.filter(bool))),
    st.tuples(st.just("adjust_cell_length"), st.tuples(cells, styles)),
    st.tuples(st.just("crop_extend"), st.tuples(cells, cells, styles)),
    st.tuples(st.just("apply_offsets"), st.tuples(cells, cells)),
    st.tuples(st.just("apply_filter"), st.just((Monochrome(), Color(10, 20, 30)))),
)


def textual_strip(segments: list[Segment]) -> Strip:
    """A strip as Textual makes it, every cache made up front."""
    strip = Strip.__new__(Strip)
    textual_fixes._STRIP_INIT(strip, segments)
    return strip


def textual_answer(strip: Strip, name: str, args: tuple[Any, ...]) -> Any:
    return getattr(Strip, name).lazy_from(strip, *args)


def as_lines(result: Any) -> Any:
    """A strip's segments and cell length (a list of strips: each one's)."""
    if isinstance(result, Strip):
        return list(result), result.cell_length
    return [as_lines(strip) for strip in result]


def outcome(operation: Any, *args: Any) -> Any:
    """What ``operation`` gives, or the type of error it raises (a filter given a segment
    without a style fails in Textual, and must fail alike)."""
    try:
        return as_lines(operation(*args))
    except Exception as error:  # compared below, not hidden
        return type(error)


def test_a_new_strip_has_no_cache_of_its_own() -> None:
    strip = Strip([Segment("Joint pain: 3")])
    for slot in textual_fixes.STRIP_CACHES:
        assert getattr(strip, slot) is textual_fixes.NO_CACHE, slot


@given(lines, st.lists(operations, min_size=1, max_size=6))
def test_every_operation_gives_textuals_answer(
    segments: list[Segment], steps: list[tuple[str, tuple[Any, ...]]]
) -> None:
    """The same operations, repeated or not, in any order, on a lazy strip and on Textual's."""
    lazy, eager = Strip(segments), textual_strip(segments)
    for name, args in steps:
        assert outcome(getattr(lazy, name), *args) == outcome(textual_answer, eager, name, args), (
            name,
            args,
        )


def test_a_kept_result_is_reused_and_a_strip_already_as_asked_keeps_no_cache() -> None:
    strip = Strip([Segment("Calcium "), Segment("1200 mg", Style(bold=True))])
    first = strip.crop(2, 9)
    assert strip.crop(2, 9) is first  # the memo still works
    assert isinstance(strip._crop_cache, textual_fixes.FIFOCache)
    assert strip.adjust_cell_length(strip.cell_length) is strip  # nothing to compute or keep
    assert strip._line_length_cache is textual_fixes.NO_CACHE
    assert strip.adjust_cell_length(20) is strip.adjust_cell_length(20)
    assert isinstance(strip._line_length_cache, textual_fixes.FIFOCache)


def test_the_strip_fix_is_applied_once() -> None:
    assert Strip.__init__ is textual_fixes._strip_init
    crop = Strip.crop
    assert "strip-caches" not in textual_fixes.apply()
    assert Strip.crop is crop and not hasattr(crop.lazy_from, "lazy_from")


def test_a_result_put_in_the_shared_stand_in_is_dropped() -> None:
    """Two threads cropping one strip: one may set the stand-in back while the other keeps
    its result; the result is then lost, and nothing fails or leaks into other strips."""
    textual_fixes.NO_CACHE[(0, 3)] = Strip([Segment("abc")])
    assert textual_fixes.NO_CACHE.get((0, 3)) is None
    assert len(textual_fixes.NO_CACHE) == 0
