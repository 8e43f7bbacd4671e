"""The footer every screen shows: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer rebuilds all its keys on every "bindings updated" signal, which a
    screen sends several times while it opens (mounting, the first focus, the stack); each
    rebuild made and styled a widget per key again. The keys are rebuilt here only when what
    they would show differs from the last rebuild asked for (opening the check-in: 4 rebuilds
    to 1)."""

    _asked_for: tuple[Any, ...] | None = None

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
        super().bindings_changed(screen)

    def _shown_keys(self, screen: Screen[Any]) -> tuple[Any, ...]:
        """Everything of the active bindings that compose() reads."""
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
            for _, binding, enabled, tooltip in screen.active_bindings.values()
        )
        return (keys, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)
