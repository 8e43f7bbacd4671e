"""Keys in order: each key (or paste) is handled to the end before the next one is looked at.

Why this exists. Textual reads a burst of keys into the app's queue and hands each one to the
widget focused *at that moment*, by posting it to that widget's own queue. The key then travels
up to the screen and back to the app, where key bindings run (Enter moves on, ``c`` opens the
check-in, ``ctrl+y`` copies yesterday). Those hops take turns of the event loop, so when keys
arrive faster than they are handled (fast typing, a paste without bracketed paste, a busy CPU
or a slow SSH link) every key of the burst is posted to the field that had the focus before the
first Enter was handled: "30 Enter 15" typed into the walking minutes became "3015", and
``ctrl+y`` pressed as the check-in opened reached a screen not mounted yet, and was lost.

The fix, once for every screen: the app holds a key while an earlier one is still being handled,
and gives it out only when the earlier key and everything it set off (messages, a focus change,
a screen being pushed and mounted) has settled. Keys then land where the person sees the cursor,
at any speed and load, and every form inherits it. Typing one key at a time is unchanged: a key
arriving when nothing is in flight is dispatched at once.

"Settled" includes the layout: a key that shows or hides a field (a "no" for the tablet reveals
"why not?") changes where Enter and Tab go next, and Textual lays a screen out only at its next
frame. Before giving out Enter or Tab the app lays the screen out at once (``_lay_out_now``).
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

# The event loop turns to wait for work to settle before giving out the next key anyway (so a
# widget that never goes quiet can slow keys down but never swallow them). Counted in polls,
# not seconds: a loop stalled by a slow save polls less, so it is never cut short by the stall.
FAST_POLLS = 50  # polls with no sleep: most keys settle within a few turns
MAX_POLLS = FAST_POLLS + 400  # then 5 ms apart: about 2 s of real waiting at most
POLL_SLEEP = 0.005
# Keys that move the cursor to the next field by where fields are on screen (``_lay_out_now``).
MOVES_BY_POSITION = frozenset({"enter", "tab", "shift+tab"})


def pump_busy(pump: MessagePump) -> bool:
    """Whether ``pump`` has messages queued or callbacks due. (A handler part-way through its
    work is not seen: Textual's own queue keeps no count of unfinished messages, unlike
    asyncio's. A key's own handler is covered by ``keys_pending``; a widget still in its mount
    handler is not mounted yet.)"""
    return bool(pump.message_queue_size or pump._next_callbacks)


def _layout_pending(screen: Screen[object]) -> bool:
    """Whether a shown widget still has to tell its screen that it needs laying out (it does
    so as soon as it is idle; hidden parts are never laid out, so they are not waited for)."""
    shown: list[Widget] = list(screen.displayed_children)
    while shown:
        node = shown.pop()
        if node._layout_required:
            return True
        shown.extend(node.displayed_children)
    return False


def _lay_out_now(screen: Screen[object]) -> None:
    """Lay the screen out now if a key changed what is shown, instead of at the next frame.

    Enter and Tab move the cursor by position, so a field the previous key showed or hid (the
    check-in's "why not?" after a "no") must be in place before the next key is handled. This
    is the work the screen's update timer would do a frame later; done early, a burst of keys
    does not wait a frame per key."""
    if screen._layout_required and screen.is_current and not screen.app._batch_count:
        screen._on_timer_update()


class OrderedKeys:
    """App mixin: one key (or paste) at a time, each to the end (see the module docstring)."""

    _held_input: deque[events.Key | events.Paste]
    _input_in_flight: bool = False
    _settle_task: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if not hasattr(self, "_held_input"):
                self._held_input = deque()
            if self._input_in_flight or self._held_input:
                self._held_input.append(event)
                return
            await self._dispatch_input(event)
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _dispatch_input(self, event: events.Key | events.Paste) -> None:
        """Let Textual handle one key as usual, then wait for it to settle before the next."""
        self._input_in_flight = True
        try:
            await super().on_event(event)  # type: ignore[misc]
        finally:
            self._settle_task = asyncio.get_running_loop().create_task(self._wait_until_settled())

    async def _wait_until_settled(self) -> None:
        polls = 0
        while polls < MAX_POLLS and not self.input_settled():
            polls += 1
            await asyncio.sleep(0 if polls < FAST_POLLS else POLL_SLEEP)
        app: App[object] = self  # type: ignore[assignment]
        if not app.call_later(self._release_input):  # the app has closed: keys left are moot
            self._input_in_flight = False
            self._held_input.clear()

    async def _release_input(self) -> None:
        """In the app's own task: the earlier key has settled; hand out the next one, if any."""
        self._input_in_flight = False
        if self._held_input:
            following = self._held_input.popleft()
            if isinstance(following, events.Key) and following.key in MOVES_BY_POSITION:
                app: App[object] = self  # type: ignore[assignment]
                _lay_out_now(app.screen)
            await self._dispatch_input(following)

    @property
    def keys_pending(self) -> int:
        """Keys (and pastes) held or still being handled: 0 once typing has all landed."""
        return len(getattr(self, "_held_input", ())) + self._input_in_flight

    def input_settled(self) -> bool:
        """True when the app and every widget of the current screen have nothing left to do."""
        app: App[object] = self  # type: ignore[assignment]
        if app._exit:
            return True  # quitting: nothing more will settle
        if pump_busy(app):
            return False
        try:
            screen = app.screen
        except Exception:  # no screen yet, or the app is shutting down
            return True
        if not screen.is_mounted or pump_busy(screen) or _layout_pending(screen):
            return False
        return not any(pump_busy(node) for node in screen.walk_children(with_self=False))
