"""The footer every screen shows: Textual's, with its keys made with the screen and changed in
place, so that they are on the screen's first paint and a change costs no new widgets."""

from __future__ import annotations

from typing import Any
from weakref import WeakSet

from textual.app import App, ComposeResult
from textual.compose import compose
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# apps that have composed a footer: from then on, a screen's keys are made with it
_KEYS_SHOWN: WeakSet[App[Any]] = WeakSet()


class KeysFooter(Footer):
    """Textual's Footer shows no keys until the screen's bindings first change, which comes
    after the screen's first paint; it then removes every key and mounts new ones a frame
    later (a layout, a paint). It does that again on every "bindings updated" signal, which a
    screen sends several times while it opens (mounting, the first focus, the stack).

    Here the keys are made with the rest of the screen, from the bindings known then (but
    not on the app's first screen: start-up's first frame does not wait for them). When
    the keys shown change, the widgets already there are given the new keys, descriptions and
    states, if the new keys fit them (as many, of the same kinds); only otherwise is the
    footer rebuilt, Textual's way. A signal that changes nothing shown changes nothing.

    Each key is also made in the footer's own style: a FooterKey starts "compact" and is
    bound to the footer's (not compact), so every key was restyled twice as it mounted (once
    to add the class, once to take it off), some 20 restyles per screen opened."""

    _asked_for: tuple[Any, ...] | None = None
    _rebuild_pending = False  # a rebuild is due after the next refresh (see bindings_changed)

    def compose(self) -> ComposeResult:
        app = self.app
        if not self._bindings_ready and self.is_attached and app.app_focus and app in _KEYS_SHOWN:
            self.set_reactive(Footer._bindings_ready, True)  # the keys known now: made now
            self._asked_for = self._shown_keys(self.screen)
        _KEYS_SHOWN.add(app)  # (the first screen's keys come after its first frame, as Textual's)
        for widget in super().compose():  # (lazily: a key group takes the keys made inside it)
            bound = getattr(widget, "_reactive_connect", None) or {}
            if isinstance(widget, FooterKey) and "compact" in bound:  # (not the palette key)
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            self._asked_for = None  # Textual skips this one; the next must not be skipped
            super().bindings_changed(screen)
            return
        shown = self._shown_keys(screen)
        if shown == self._asked_for:
            self._bindings_ready = True
            return
        self._asked_for = shown
        if self._rebuild_pending:  # the rebuild asked for reads the bindings when it runs
            self._bindings_ready = True
            return
        if self._bindings_ready and self._change_in_place():
            return
        self._rebuild_pending = True
        super().bindings_changed(screen)

    def _change_in_place(self) -> bool:
        """Show the current bindings with the keys already on screen: each key is given the
        next binding's words and state, keys beyond the new ones go and missing ones are
        added (before the palette's key). Whether that could be done: key groups are changed
        in place only when the new keys fit them one for one; otherwise the footer is rebuilt."""
        old = _shown(list(self.children), mounted=True)
        # keys bind to the footer that composes them: it must be the one running meanwhile
        with self._context():
            new = _shown(compose(self), mounted=False)
        if not all(isinstance(widget, FooterKey) for widget in (*old, *new)):
            return self._regroup_in_place(old, new)
        old_keys, old_palette = _split_palette(old)
        new_keys, new_palette = _split_palette(new)
        if len(old_palette) != len(new_palette):
            return False
        for was, now in zip(old_keys, new_keys, strict=False):
            _take_key(was, now)
        for gone in old_keys[len(new_keys) :]:
            gone.remove()
        if added := new_keys[len(old_keys) :]:
            self.mount_all(added, before=old_palette[0] if old_palette else None)
        return True

    @staticmethod
    def _regroup_in_place(old: list[Widget], new: list[Widget]) -> bool:
        if len(old) != len(new):
            return False
        pairs = list(zip(old, new, strict=True))
        for was, now in pairs:
            if type(was) is not type(now) or _kinds(was) != _kinds(now):
                return False
            if not isinstance(was, FooterKey) and _label(was) != _label(now):
                return False  # (a group's label: not changed in place)
        for was, now in pairs:
            if isinstance(was, FooterKey) and isinstance(now, FooterKey):
                _take_key(was, now)
        return True

    async def recompose(self) -> None:
        self._rebuild_pending = False
        await super().recompose()

    def _shown_keys(self, screen: Screen[Any]) -> tuple[Any, ...]:
        """Everything of the active bindings that compose() reads: the shown ones, and the
        command palette's (shown in its own place). A change in hidden bindings alone (the
        focus moving from a list to a reader) rebuilds nothing."""
        palette = screen.app.COMMAND_PALETTE_BINDING
        keys = tuple(
            (
                binding.key,
                binding.key_display,
                binding.description,
                binding.action,
                binding.show,
                binding.tooltip,
                binding.group,
                enabled,
                tooltip,
            )
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        )
        return (keys, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)


def _shown(widgets: list[Widget], mounted: bool) -> list[Widget]:
    """The footer's widgets in the order shown, a key group followed by its keys (the keys
    of a group just composed are still waiting to be mounted)."""
    flat = []
    for widget in widgets:
        if widget._pruning:  # (removed by the last change, still going)
            continue
        flat.append(widget)
        inside = list(widget.children) if mounted else list(widget._pending_children)
        flat.extend(_shown(inside, mounted))
    return flat


def _split_palette(keys: list[Widget]) -> tuple[list[FooterKey], list[FooterKey]]:
    """The footer's keys, and the command palette's key (shown on its own at the right)."""
    palette = [key for key in keys if key.has_class("-command-palette")]
    return [key for key in keys if key not in palette], palette  # type: ignore[misc]


def _kinds(widget: Widget) -> set[str]:
    """The classes that make a footer widget's kind (a key disabled, or compact once mounted,
    is the same kind)."""
    return set(widget.classes) - {"-disabled", "-compact"}


def _label(widget: Widget) -> object:
    return getattr(widget, "content", None)


def _take_key(key: FooterKey, new: FooterKey) -> None:
    """Show ``new``'s key, description, action and state on ``key`` (already on screen)."""
    same_width = (key.key_display, key.description) == (new.key_display, new.description)
    key.key, key.key_display, key.description, key.action = (
        new.key,
        new.key_display,
        new.description,
        new.action,
    )
    key._disabled = new._disabled
    key.set_class(new._disabled, "-disabled")
    key.tooltip = new.tooltip
    key.refresh(layout=not same_width)
