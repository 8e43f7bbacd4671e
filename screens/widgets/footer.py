"""The footer every screen shows: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """Textual's Footer rebuilds all its keys on every "bindings updated" signal, which a
    screen sends several times while it opens (mounting, the first focus, the stack); each
    rebuild made and styled a widget per key again. The keys are rebuilt here only when what
    they would show differs from the last rebuild asked for (opening the check-in: 4 rebuilds
    to 1), and one rebuild already due covers every change before it runs (a screen's keys
    change twice as it opens: Learn, 2 rebuilds to 1).

    Each key is also made in the footer's own style: a FooterKey starts "compact" and is
    bound to the footer's (not compact), so every key was restyled twice as it mounted (once
    to add the class, once to take it off), some 20 restyles per screen opened."""

    _asked_for: tuple[Any, ...] | None = None
    _rebuild_pending = False  # a rebuild is due after the next refresh (see bindings_changed)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
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
        self._rebuild_pending = True
        super().bindings_changed(screen)

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
