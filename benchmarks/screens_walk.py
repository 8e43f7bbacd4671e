"""Walk through every screen of a running app and time each key until the screen settles.

Run by screens_bench.py on a pseudo-terminal (80x24), so the app draws for real: it is the
coach (``CoachApp`` on ``--data FILE``) or, with ``--floor`` (``--kind-floors``: a form and a
document instead), the bare Textual app pushing a
screen of similar widgets. The walk is driven from inside the app through Textual's public
``App.run(auto_pilot=...)``; the timings go to ``--out`` as JSON.

A key is timed from the moment its ``Key`` event is posted to the app (as the terminal driver
posts it) until the screen has **settled**, which here means, all at once and twice in a row:

1. every message queued so far to the app, the current screen and each of its widgets has been
   handled (a callback queued behind them on every one has run: a barrier);
2. no worker is pending or running (slow work started by the key has finished);
3. no animation is running or scheduled;
4. the screen has painted what changed (``Screen.wait_for_refresh``: after the compositor's
   update, which Textual runs at most 60 times a second) and written it to the terminal;
5. afterwards no widget of the screen has a message waiting;
6. and the screen has no layout, scroll or repaint waiting for its next update (a widget
   sized for the first time by the last layout asks for another: without this, a key
   that mounts widgets, such as a focus move that rebuilds the footer, left that layout
   to be paid for by the next key).

The barrier costs a round trip through every widget's queue; ``home: settle only`` times it
with no key pressed, so it can be told apart from the app's own work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Textual is imported by ``make_app``, after the store is open
    from textual import events
    from textual.app import App

KEY_CHARS = {
    "enter": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "space": " ",
    "slash": "/",
    "question_mark": "?",
    "backspace": "\x7f",
}
SETTLE_TIMEOUT = 20.0


@dataclass(frozen=True)
class Place:
    name: str
    key: str  # opens it from home
    keys: tuple[str, ...]  # pressed once the place has settled, in order


# Keys that change nothing permanent, except saving today's check-in (a daily key) and marking
# a topic read; every walk ends back on home. "3" after two backspaces sets pain whatever the
# field held (a saved check-in is edited from the second walk on).
COACH_WALK = (
    Place("Check-in", "c", ("backspace", "backspace", "3", "enter", "ctrl+y", "ctrl+s", "enter")),
    Place("History", "h", ("left", "up", "pageup", "pagedown", "enter", "escape")),
    Place("Learn", "l", ("down", "down", "enter", "n", "tab", "escape")),
    Place("Plan", "p", ("right", "left", "w", "escape")),
    Place("Trends", "t", ("right", "left", "2", "3", "4", "1", "c", "c", "m", "escape")),
    Place("Bone health", "b", ("enter", "right", "pagedown")),
    Place("Profile", "e", ("tab", "tab", "shift+tab")),
    Place("Help", "question_mark", ("down",)),
)
FLOOR_WALK = (Place("Floor screen", "t", ("right", "right")),)
KIND_FLOOR_WALK = (
    Place("Form floor", "f", ("backspace", "3", "tab")),
    Place("Document floor", "d", ("enter", "n")),
)
# The Learn walk opens the third topic (down, down, enter), then the next one (n): the document
# floor shows the same two texts.
FLOOR_TOPICS = (2, 3)


def key_event(key: str) -> events.Key:
    from textual import events

    return events.Key(key, KEY_CHARS.get(key, key if len(key) == 1 else None))


def nodes(app: App[Any]) -> list[Any]:
    return [app, *app.screen.walk_children(with_self=True)]


async def barrier(app: App[Any]) -> bool:
    """Wait until every node has handled what was queued to it before now; False on timeout."""
    loop = asyncio.get_running_loop()
    waiting = []
    for node in nodes(app):
        future: asyncio.Future[None] = loop.create_future()
        if node.call_later(lambda f=future: f.done() or f.set_result(None)):
            waiting.append(future)
    if not waiting:
        return True
    _, pending = await asyncio.wait(waiting, timeout=SETTLE_TIMEOUT)
    return not pending


async def bounded(awaitable: Any) -> bool:
    """Await ``awaitable`` for at most SETTLE_TIMEOUT seconds; False if it did not finish.

    A screen popped while its refresh is awaited never refreshes, and a worker whose node
    closed before it started never ends: under load a walk once waited on one for ever."""
    try:
        await asyncio.wait_for(awaitable, SETTLE_TIMEOUT)
    except TimeoutError:
        return False
    return True


def pending_update(screen: Any) -> bool:
    """Whether the screen has work waiting for its next update (Textual's own flags)."""
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._dirty_widgets
    )


async def settle(app: App[Any]) -> bool:
    """Return once the screen has settled (see the module docstring); False if a barrier
    timed out (a widget closed with our callback queued: the figure is then unreliable)."""
    clean_rounds, ok = 0, True
    deadline = time.perf_counter() + SETTLE_TIMEOUT
    while clean_rounds < 2:
        if time.perf_counter() > deadline:  # never still (a timer refreshing for ever)
            return False
        ok = await barrier(app) and ok
        active = [w for w in app.workers if not w.is_finished]
        if active:
            ok = (
                await bounded(asyncio.gather(*(w.wait() for w in active), return_exceptions=True))
                and ok
            )
        ok = await bounded(app.animator.wait_until_complete()) and ok
        ok = await bounded(app.screen.wait_for_refresh()) and ok
        busy = active or pending_update(app.screen) or any(n.message_queue_size for n in nodes(app))
        clean_rounds = 0 if busy else clean_rounds + 1
    return ok


class Walker:
    """Presses keys and keeps what each took."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.steps: list[dict[str, Any]] = []
        self.timeouts = 0
        self.walk = 0

    async def press(self, key: str, label: str, kind: str) -> None:
        start = time.perf_counter()
        self.app.post_message(key_event(key))
        if not await settle(self.app):
            self.timeouts += 1
        seconds = time.perf_counter() - start
        self.steps.append({"walk": self.walk, "label": label, "kind": kind, "seconds": seconds})

    async def settle_only(self, label: str) -> None:
        start = time.perf_counter()
        await settle(self.app)
        seconds = time.perf_counter() - start
        self.steps.append({"walk": self.walk, "label": label, "kind": "idle", "seconds": seconds})

    async def visit(self, place: Place, home: Any) -> None:
        await self.press(place.key, f"{place.name}: open ({place.key})", "open")
        seen: dict[str, int] = {}
        for key in place.keys:
            seen[key] = seen.get(key, 0) + 1
            again = f" #{seen[key]}" if seen[key] > 1 else ""
            await self.press(key, f"{place.name}: {key}{again}", "key")
        for _ in range(6):  # back to home; "y" answers a "leave without saving?" question
            if self.app.screen is home:
                return
            key = "y" if type(self.app.screen).__name__ == "ConfirmScreen" else "escape"
            await self.press(key, f"{place.name}: back ({key})", "back")
        raise RuntimeError(f"{place.name}: could not get back to home from {self.app.screen}")


def make_app(args: argparse.Namespace) -> tuple[App[Any], tuple[Place, ...], Any]:
    if args.floor:
        from bare_app import FloorApp

        return FloorApp(), FLOOR_WALK, None
    if args.kind_floors:
        from bare_app import KindFloorApp

        from coach.topics import load_pages

        pages = load_pages()
        documents = (pages[FLOOR_TOPICS[0]].markdown, pages[FLOOR_TOPICS[1]].markdown)
        return KindFloorApp(documents), KIND_FLOOR_WALK, None
    from datetime import date

    from screens.weeks_helper import WeeksHelper
    from store.db import Store

    # as ``bonecoach`` does (cli.run_tui): the store opened and the helper started before the
    # slow import of Textual, so the helper is as far on as in a real session
    store = Store.open(args.data)
    helper = WeeksHelper.for_store(store, date.today())
    from screens.app import CoachApp

    return CoachApp(store=store, today=date.today, weeks_helper=helper), COACH_WALK, store


def run_app(app: App[Any], store: Any, autopilot: Callable[[Any], Awaitable[None]]) -> None:
    """Run ``app`` on this terminal, driven by ``autopilot``; the coach's store is closed
    after, however the run ends."""
    try:
        app.run(auto_pilot=autopilot)
    finally:
        if store is not None:
            store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="the coach's data file")
    parser.add_argument("--floor", action="store_true", help="walk the bare app's floor screen")
    parser.add_argument(
        "--kind-floors", action="store_true", help="walk the bare app's form and document floors"
    )
    parser.add_argument("--walks", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    app, walk, store = make_app(args)
    walker = Walker(app)

    async def autopilot(pilot: Any) -> None:
        try:
            await settle(app)
            home = app.screen
            for n in range(args.walks):
                walker.walk = n
                await walker.settle_only("home: settle only (no key)")
                for place in walk:
                    await walker.visit(place, home)
        finally:
            app.exit()

    run_app(app, store, autopilot)
    args.out.write_text(json.dumps({"steps": walker.steps, "timeouts": walker.timeouts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
