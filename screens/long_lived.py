"""Telling Python's cycle collector what lives as long as the app.

A full pass of the collector walks every object it tracks. The app keeps some things for the
whole session: what start-up built, and the records of a diary once read (30 years of them are
some 60,000 objects). Left in the collector's oldest generation, they made every full pass, and
the key press it landed in, slower as the diary aged. Frozen (``gc.freeze``), they are skipped.

Only objects alive at the moment are frozen; one that later dies in a reference cycle would stay
until the next time this runs, which first unfreezes and collects everything.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable
from typing import Any

from textual.app import ScreenStackError

from screens.key_order import pump_busy

# a whole history smaller than this is not worth a full pass (a 1-year diary: 365 days)
MANY_RECORDS = 2000


def settle_long_lived(app: object, *, collect: bool = True) -> bool:
    """Collect everything (unless ``collect`` is False: right after the first frame, whose
    writing a full pass would hold up), then freeze what survives; False (nothing done) in a
    headless app, where tests run many apps in one process."""
    if getattr(app, "is_headless", True):
        return False
    if collect:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    return True


def settle_records(app: object, count: int, marker: object) -> bool:
    """Freeze what is alive once ``count`` records a store keeps were read, unless it was
    done for the same ``marker`` (the store's read of the file) already: a save adds one
    record, not thousands.

    Frozen as they are, with no pass first: a full pass inside the key that read them took
    as long as reading them (30 years: about 120 ms). What was garbage at that moment is
    frozen with them, so the app's idle collector, if it has one, owes a pass that unfreezes
    and collects everything, when the person is not typing (``IdleCollector.settle``)."""
    if count <= MANY_RECORDS or getattr(app, "_long_lived_marker", None) == marker:
        return False
    if not settle_long_lived(app, collect=False):
        return False
    setattr(app, "_long_lived_marker", marker)  # noqa: B010 (an attribute of any app)
    collector = getattr(app, "idle_collector", None)
    if collector is not None:
        collector.settle()
    return True


# ------------------------------------------------------------- closed screens, and the owed pass

IDLE_SECONDS = 0.3  # nothing to do for this long: the person is reading, a pass goes unseen
LOOK_EVERY = 0.05  # while the owed pass waits, how often the app is looked at (is it still busy?)
FULL_PASS_EVERY = 30  # younger passes per automatic full pass (Python's default is 10)


class IdleCollector:
    """A closed screen collected as soon as it is removed; the owed pass of ``settle_records``
    when the person is not typing.

    Every widget is in a reference cycle (with its own styles: ``widget.styles.node``), so a
    closed screen (a topic page: some 50,000 objects) is freed only by a full pass of the
    collector. Left to Python, passes came after a set amount of allocation and landed in
    whichever later key crossed the line, holding the garbage of several screens: at 10 years
    60 to 160 ms for 100,000 to 140,000 objects, in Trends' first opening one walk and a
    topic's the next (Trends then opened in 140 to 190 ms instead of 85). So each closed screen
    is collected as soon as Textual has removed it (``screen_closed``): its own objects only,
    1 to 25 ms at 10 years, the same at every size, in the key that closed it (Escape from a
    topic page: about 35 -> 55 ms). Automatic full passes come three times less often
    (``FULL_PASS_EVERY``): what they find is only what no closed screen left.

    Frozen records (``settle_records``) may have frozen garbage with them: that pass unfreezes
    everything (30 years of records: about 120 ms), so it waits until the app has been seen
    with nothing to do for ``IDLE_SECONDS`` (no key, and no work left from one: ``app_busy``),
    looked at every ``LOOK_EVERY`` seconds; counted from the last key alone, a slow key's work
    (a topic page: 0.4 s) ate the quiet moment.

    Tried, not kept (keys sent back to back on a pty, 1 to 30 years): waiting for an idle moment
    after each close, as the owed pass does: it never came in a stream of keys; automatic full
    passes 3x rarer again (100): every other walk, 400 to 490 ms each; freezing at every close:
    it kept the closed screens (a 3-walk stream at 1 year: RSS 78 -> 138 MiB). An earlier pass
    at every close, not waiting for the removal and before start-up's objects were frozen, put
    13 to 125 ms into each Escape.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.settling = False  # a pass that unfreezes everything first is owed (``settle``)
        self.quiet_since: float | None = None  # the app was first seen idle then, since a key
        self._armed = False
        self._removals: set[asyncio.Task[None]] = set()  # closed screens not yet removed

    @classmethod
    def start(cls, app: Any) -> IdleCollector | None:
        """One for ``app``, with rarer automatic full passes; None in a headless app (tests run
        many apps in one process, and the collector's settings are the process's)."""
        if getattr(app, "is_headless", True):
            return None
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_PASS_EVERY)
        return cls(app)

    def input_seen(self) -> None:
        """A key: the quiet moment starts again once its work is done."""
        self.quiet_since = None

    def screen_closed(self, removal: Awaitable[object]) -> None:
        """A screen closed: collect once ``removal`` (Textual's removal of it) is done.

        Waited for from the app's own queue: a screen that closed itself (``dismiss`` in one of
        its handlers) may not await its own removal (Textual raises ScreenError), and a task
        started there would have been its."""
        self.app.call_next(self._wait_for, removal)

    def _wait_for(self, removal: Awaitable[object]) -> None:
        task = asyncio.ensure_future(self._collect_after(removal))
        self._removals.add(task)  # (the loop keeps only a weak reference to a task)
        task.add_done_callback(self._removals.discard)

    async def _collect_after(self, removal: Awaitable[object]) -> None:
        try:
            await removal
        except Exception:  # Textual reports it, where it awaits the removal itself
            return
        gc.collect()

    def settle(self) -> None:
        """Objects were frozen without a pass first (``settle_records``): the next idle moment
        unfreezes, collects and freezes again what survives (``settle_long_lived``)."""
        self.settling = True
        self.quiet_since = None
        self._arm()

    def _arm(self) -> None:
        if not self._armed:
            self._armed = True
            self.app.set_timer(LOOK_EVERY, self._look, name="idle collection")

    def _look(self) -> None:
        self._armed = False
        if not self.settling:
            return
        now = time.monotonic()
        if app_busy(self.app):
            self.quiet_since = None
        elif self.quiet_since is None:
            self.quiet_since = now
        elif now - self.quiet_since >= IDLE_SECONDS:
            self.settling = False
            settle_long_lived(self.app)
            return
        self._arm()


def app_busy(app: Any) -> bool:
    """Whether work is left from the last key: a key being handled, a worker running, a
    message or callback waiting for the app or a widget of its screen, or a widget not yet
    mounted (a topic's Markdown is parsed in a thread while its mount handler waits)."""
    if getattr(app, "keys_pending", 0):
        return True
    if any(not worker.is_finished for worker in getattr(app, "workers", ())):
        return True
    try:
        screen = getattr(app, "screen", None)
    except ScreenStackError:  # no screen (the app is closing): its own queue is all there is
        screen = None
    nodes = (app,) if screen is None else (app, *screen.walk_children(with_self=True))
    return any(not getattr(node, "is_mounted", True) or pump_busy(node) for node in nodes)
