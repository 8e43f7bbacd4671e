"""The form machinery: one way to move between fields, shared by every form.

Enter on a field moves to the next field, or runs the action the form names for that field
(the check-in's note saves, the DXA T-score saves the scan). Tab and shift+Tab move as anywhere.
The cursor moves at once, while the Enter key is being handled: ``Screen.set_focus`` rather than
``Widget.focus()`` (which waits for a later turn of the event loop) and rather than a
``Submitted`` message that travels up to the screen first. Together with the app handing out
keys one at a time (``screens.key_order``), a key typed after Enter, Tab or a shortcut is handled
by the field that is then shown focused, however many keys are already queued.

A field widget opts in by mixing in ``FormField`` (first among its bases) and binding Enter
with ``NEXT_FIELD``; a screen by mixing in ``Form``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

NEXT_FIELD = Binding("enter", "field_enter", "Next field", show=False)
"""A field's Enter key. Textual reads ``BINDINGS`` (and CSS) only from widget classes, so each
field class lists it; the mixin below stays a plain class and supplies the action."""


class FormField:
    """Mixin for a form's field widgets: Enter moves on (see ``Form.field_entered``)."""

    def action_field_enter(self) -> None:
        assert isinstance(self, Widget)
        screen = self.screen
        if isinstance(screen, Form):
            screen.field_entered(self)
        else:
            screen.focus_next()


class Form:
    """Mixin for a form screen (``Screen`` or ``ModalScreen``): Enter, focus and messages.

    ``ENTER_ACTIONS`` maps a field id to the screen action Enter runs on that field instead of
    moving on, e.g. ``{"note": "save"}``.
    """

    ENTER_ACTIONS: ClassVar[dict[str, str]] = {}
    _typed_at_start: dict[str, Any] | None = None

    def _on_mount(self) -> None:
        """A read-only session says so above the form, before anything is typed."""
        store = getattr(self.app, "store", None)  # type: ignore[attr-defined]
        if store is None or not store.read_only:
            return
        from textual.widgets import Static

        assert isinstance(self, Screen)
        reason = store.read_only_reason or "read-only"
        self.mount(
            Static(
                f"⚠ This file is {reason}: you can look, but nothing typed here can be saved.",
                classes="read-only-banner",
            ),
            before=0,
        )

    def typed_values(self) -> dict[str, Any]:
        """Every field as it stands, by id: one walk of the form, whatever kinds of field it
        holds (a query per kind walks the whole form once per kind)."""
        assert isinstance(self, Screen)
        fields = (w for w in self.walk_children(Widget) if isinstance(w, FormField))
        return {w.id or "": getattr(w, "value", None) for w in fields}

    def remember_typed(self) -> None:
        """Keep what the form holds now (once built): ``is_dirty`` compares with it."""
        self._typed_at_start = self.typed_values()

    def is_dirty(self) -> bool:
        """Whether anything changed since ``remember_typed``: asked before discarding."""
        return self._typed_at_start is not None and self.typed_values() != self._typed_at_start

    def field_entered(self, field: Widget) -> None:
        """Enter on ``field``: its action if the form names one, else the next field."""
        action = self.ENTER_ACTIONS.get(field.id or "")
        if action is not None:
            getattr(self, f"action_{action}")()
            return
        assert isinstance(self, Screen)
        self.focus_next()

    def texts_fit(self) -> bool:
        """Check every text field's length, showing a message beside each that is too long."""
        from screens.widgets.fields import FieldRow, TextInput

        assert isinstance(self, Screen)
        rows = [row for row in self.query(FieldRow) if isinstance(row.control, TextInput)]
        return all([row.check_length() for row in rows])

    def focus_field(self, widget: Widget) -> None:
        """Put the cursor on ``widget`` now, so the very next key goes there."""
        assert isinstance(self, Screen)
        self.set_focus(widget)

    def focus_first_invalid(self) -> bool:
        """Put the cursor on the first field showing a message; True if there was one."""
        from screens.widgets.fields import FieldRow

        assert isinstance(self, Screen)
        rows = self.query("FieldRow.-invalid")
        if not rows:
            return False
        self.focus_field(rows.first(FieldRow).control)
        return True
