"""Work-arounds for known Textual bugs, each applied only while the bug is present.

``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so the cache keys hold the
widget's whole ``StylesCache`` (and every rendered line in it) for up to 1,024 widgets after the
widgets are gone: Textual issue #6665. Every screen the coach opens builds new widgets, so a
session that walked every screen a few times kept tens of thousands of dead objects, which
made each full garbage collection slower (a pause of up to ~0.1 s landing in a key press) and
a session's memory grow. The answer depends only on the two colours, so the cache is keyed on
them alone.

``DOMNode.watch`` adds (node, callback) to a list kept on the watched object, and Textual drops
the entries of closed nodes only when the watched value changes. Every Header watches the
app's title, and every footer key is bound to its Footer: neither changes, so each screen ever
opened stayed alive through those lists (a few hundred widgets per walk through the places).
Closed nodes are now dropped from a list whenever it has grown by another ``PRUNE_EVERY``.

``Stylesheet.reparse`` (run when a screen with its own CSS file is first shown) parses every
CSS source again in a fresh stylesheet with an empty parse cache, though nothing but the new
file changed: 10-25 ms of each screen's first opening went to parsing the app's and every
widget's CSS once more (Learn: 23 sources, 25 ms). The fresh stylesheet now starts from the
rules already parsed under the same variables (``set_variables``, as when the theme changes,
still empties the cache, so new variables are always parsed afresh), and the cache holds
``PARSE_CACHE_SIZE`` sources instead of 64: past 64 sources an LRU cache read in order misses
every time, and the coach reaches 40.

``ScrollView._size_updated`` compares the parent's size, which it is given, with its own
content size, which it keeps; they differ whenever the view has a border or padding, so at
every layout of the screen each such view (an option list, Learn's results) re-set its scroll
bars and was sent a Resize, though nothing changed. A scroll bar shown (Bone health's list of
30 years of scans) was then repainted at the next 60 Hz update, a frame after the layout that
asked for it. The bars are now updated when anything they are made from changes: the view's
size, its content size, its own scrollable size, its overflow and bar sizes.

A ``Strip`` (one rendered line) made its seven memo caches (crop, divide, style, ...) when it
was made: seven more objects for the collector to track, though most strips are never cropped
or styled. The screens bench's process at 30 years (four walks through every screen) made
498,060 caches; those kept by a closed screen's widgets waited for a full pass, and the
allocation alone made Python start its passes more often. A strip now starts with one shared
empty stand-in and gets a real cache only when an operation keeps a result in it: 43,843
caches in the same process, young passes 2,661 -> 1,623, full passes 8 -> 4, and the
collector's time in walks 2-4 1.04 -> 0.61 s (tests/test_ui_strips.py: Textual's answers).

``Timer._run``, when a tick comes late (the event loop was held past it), skips ahead to the
second 60 Hz slot after now, not the first: ``count = int((now - start) / interval + 1)``, then
the loop adds one more. Each screen draws at the ticks of such a timer, so a key typed right
after a slow one (Trends' "1" after "4" read 10 years: 27-31 ms, 10-16 ms after a pause of
20 ms) waited up to two frames to be drawn instead of one. The run loop below is Textual's with
that one line corrected. Screens bench, 3 processes a side, 1 / 10 / 30 years: that "1" 16 / 33
/ 17 -> 16 / 16 / 18 ms; Learn "n" 110 / 101 / 102 -> 77 / 87 / 77 ms; Plan "escape" 34 / 30 /
35 -> 18 / 16 / 19 ms; no step slower by more than noise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from typing import Any

from rich.segment import Segment
from textual import _time, dom
from textual._styles_cache import StylesCache
from textual.cache import FIFOCache, LRUCache
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.timer import EventTargetGone, Timer


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(
    self: StylesCache, base_background: Color, background: Color
) -> tuple[Style, Style]:
    """Inner and outer background styles (as Textual's own method, without holding ``self``)."""
    return _inner_outer(base_background, background)


PRUNE_EVERY = 16  # watchers added to one list between prunings (at most that many stale)


def _open(node: Any) -> bool:
    return not (getattr(node, "_closing", False) or getattr(node, "_closed", False))


def _pruning(watch: Callable[..., None]) -> Callable[..., None]:
    def watch_pruned(
        node: Any, obj: Any, attribute_name: str, callback: Any, *, init: bool = True
    ) -> None:
        """Textual's ``_watch``, after dropping closed nodes from the list it appends to."""
        watchers = getattr(obj, "__watchers", None)
        entries = watchers.get(attribute_name) if isinstance(watchers, dict) else None
        if entries and len(entries) % PRUNE_EVERY == 0:  # amortised: a Markdown of 150 blocks
            entries[:] = [(reactable, then) for reactable, then in entries if _open(reactable)]
        watch(node, obj, attribute_name, callback, init=init)

    watch_pruned.pruned_from = watch  # type: ignore[attr-defined]
    return watch_pruned


PARSE_CACHE_SIZE = 256  # CSS sources whose parsed rules are kept (Textual: 64)


def _reparse(self: Stylesheet) -> None:
    """Textual's ``Stylesheet.reparse``, reusing the rules parsed under the same variables."""
    stylesheet = Stylesheet(variables=self._variables)
    stylesheet._parse_cache = self._parse_cache  # emptied by set_variables when they change
    stylesheet._style_parse_cache = self._style_parse_cache
    for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
        stylesheet.add_source(
            css,
            read_from=read_from,
            is_default_css=is_defaults,
            tie_breaker=tie_breaker,
            scope=scope,
        )
    try:
        stylesheet.parse()
    except Exception:
        self._invalid_css.update(stylesheet._invalid_css)  # as Textual: not parsed again
        raise
    self._rules = stylesheet.rules
    self._rules_map = None
    self.source = stylesheet.source
    self._require_parse = False


def _with_larger_parse_cache(init: Callable[..., None]) -> Callable[..., None]:
    def init_larger(self: Stylesheet, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self._parse_cache = LRUCache(PARSE_CACHE_SIZE)

    init_larger.enlarged_from = init  # type: ignore[attr-defined]
    return init_larger


_SCROLL_VIEW_SIZE_UPDATED = ScrollView._size_updated  # Textual's own


def _scroll_view_size_updated(
    self: ScrollView, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
) -> bool:
    """Textual's ``ScrollView._size_updated``, skipped when nothing the bars show changed."""
    styles = self.styles
    inputs = (
        size,
        size - styles.gutter.totals,
        self.virtual_size,
        styles.overflow_x,
        styles.overflow_y,
        styles.scrollbar_size_vertical,
        styles.scrollbar_size_horizontal,
    )
    if getattr(self, "_bars_made_for", None) == inputs:
        return False
    self._bars_made_for = inputs  # type: ignore[attr-defined]
    return _SCROLL_VIEW_SIZE_UPDATED(self, size, virtual_size, container_size, layout)


class _NoCache:
    """What a strip's cache is until an operation keeps a result: always a miss, and a result
    put in it is dropped (a strip used from two threads at once loses a memo, not the app)."""

    __slots__ = ()

    def get(self, key: object, default: Any = None) -> Any:
        return default

    def __setitem__(self, key: object, value: object) -> None:
        pass

    def __len__(self) -> int:
        return 0


NO_CACHE = _NoCache()
# Strip's cache slots and the one operation that uses each (sizes: as Textual makes them)
STRIP_CACHES = {
    "_divide_cache": "divide",
    "_crop_cache": "crop",
    "_style_cache": "apply_style",
    "_filter_cache": "apply_filter",
    "_line_length_cache": "adjust_cell_length",
    "_crop_extend_cache": "crop_extend",
    "_offsets_cache": "apply_offsets",
}
STRIP_SLOTS = {"_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count"}
_STRIP_INIT = Strip.__init__  # Textual's own


def _strip_init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    """Textual's ``Strip.__init__`` with every cache the shared ``NO_CACHE``."""
    self._segments = list(segments)
    self._cell_length = cell_length
    for slot in STRIP_CACHES:
        setattr(self, slot, NO_CACHE)
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _caching_lazily(operation: Callable[..., Any], slot: str, size: int) -> Callable[..., Any]:
    descriptor = getattr(Strip, slot)

    @wraps(operation)
    def operation_lazily(self: Strip, *args: Any, **kwargs: Any) -> Any:
        """Textual's operation, with a cache of its own made for it if it keeps a result."""
        if descriptor.__get__(self) is not NO_CACHE:
            return operation(self, *args, **kwargs)
        cache: FIFOCache[Any, Any] = FIFOCache(size)
        descriptor.__set__(self, cache)
        result = operation(self, *args, **kwargs)
        if not cache:  # nothing to keep (the strip was already as asked): no cache after all
            descriptor.__set__(self, NO_CACHE)
        return result

    operation_lazily.lazy_from = operation  # type: ignore[attr-defined]
    return operation_lazily


def _eager_cache_sizes() -> dict[str, int] | None:
    """Each cache's size as Textual's own ``Strip.__init__`` makes it; None unless Strip is
    the one ``_strip_init`` was written for (those slots, every cache made up front)."""
    if Strip.__init__ is not _STRIP_INIT or set(Strip.__slots__) != STRIP_SLOTS | set(STRIP_CACHES):
        return None
    made = Strip([])
    caches = {slot: getattr(made, slot) for slot in STRIP_CACHES}
    if not all(isinstance(cache, FIFOCache) for cache in caches.values()):
        return None
    return {slot: cache._maxsize for slot, cache in caches.items()}


TEXTUAL_TIMER_RUN = Timer._run  # Textual's own


async def _timer_run(self: Timer) -> None:
    """Textual's ``Timer._run``; a late tick is followed by the next slot, not the one after."""
    count = 0
    _repeat = self._repeat
    _interval = self._interval
    self._active  # noqa: B018 (made here, in the timer's thread, as Textual does)
    await self._active.wait()
    start = _time.get_time()
    while _repeat is None or count <= _repeat:
        next_timer = start + ((count + 1) * _interval)
        now = _time.get_time()
        if self._skip and next_timer < now:
            count = int((now - start) / _interval)  # Textual: + 1, a slot too far
            continue
        now = _time.get_time()
        await _time.sleep(max(0, next_timer - now))
        count += 1
        await self._active.wait()
        if self._reset:
            start = _time.get_time()
            count = 0
            self._reset = False
            continue
        try:
            await self._tick(next_timer=next_timer, count=count)
        except EventTargetGone:
            break


# what Textual's run loop uses, as ``_timer_run`` does: any other loop is left alone
TIMER_RUN_NAMES = frozenset(
    {
        *("EventTargetGone", "_active", "_interval", "_repeat", "_reset", "_skip", "_tick"),
        *("_time", "get_time", "int", "max", "sleep", "wait"),
    }
)


def _timer_run_known() -> bool:
    run = Timer._run
    return run is not _timer_run and set(run.__code__.co_names) == TIMER_RUN_NAMES


def apply() -> list[str]:
    """Patch what is still broken (once); the names of the fixes applied."""
    applied = []
    current = StylesCache.__dict__.get("get_inner_outer")
    if current is not None and hasattr(current, "cache_info"):  # fixed upstream: left alone
        StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign]
        applied.append("styles-cache")
    watch = getattr(dom, "_watch", None)
    if callable(watch) and not hasattr(watch, "pruned_from"):
        dom._watch = _pruning(watch)  # type: ignore[attr-defined]
        applied.append("watchers")
    if Stylesheet.reparse is not _reparse and Stylesheet()._parse_cache.maxsize < PARSE_CACHE_SIZE:
        Stylesheet.reparse = _reparse  # type: ignore[method-assign]
        Stylesheet.__init__ = _with_larger_parse_cache(Stylesheet.__init__)  # type: ignore[method-assign]
        applied.append("stylesheet-reparse")
    if ScrollView._size_updated is _SCROLL_VIEW_SIZE_UPDATED:
        ScrollView._size_updated = _scroll_view_size_updated  # type: ignore[method-assign]
        applied.append("scroll-view-bars")
    sizes = _eager_cache_sizes()
    if sizes is not None:
        Strip.__init__ = _strip_init  # type: ignore[method-assign]
        for slot, name in STRIP_CACHES.items():
            setattr(Strip, name, _caching_lazily(getattr(Strip, name), slot, sizes[slot]))
        applied.append("strip-caches")
    if _timer_run_known():
        Timer._run = _timer_run  # type: ignore[method-assign]
        applied.append("timer-skip")
    return applied
