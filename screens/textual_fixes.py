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
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from textual import dom
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style


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
    return applied
