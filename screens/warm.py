"""The Plan's and Trends' modules imported just after the first frame, one at a time (issue 15).

The app imports each screen when it is first opened, so start-up pays only for the home screen.
The Plan and Trends are the screens opened most, and the heaviest to import (about 22 and 20 ms:
the planner and the clinical picture; plotext), which made their first opening some 20 ms slower
than any later one, close to the 100 ms a key should take. While the person reads the home
screen the app has nothing to do, so it imports them then, in a worker: a module at a time
(each 1 to 5 ms; plotext 14), each only once no key is waiting or being handled, so a key typed
meanwhile waits for one module at most, never for the whole list. Their memory (about 5 MiB)
is counted in start-up's RSS (benchmarks/startup_bench.py: one second after the first frame).

A module that cannot be imported is left for its screen to report when it is opened.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import Callable, Iterable
from typing import Any

from screens.frame_sent import frame_sent
from screens.key_order import pump_busy

PAUSE = 0.005  # while keys are waiting or being handled, how often to look again

# Leaves first, so no step imports a long chain: the Plan's, then Trends'.
WARM_MODULES = (
    "coach.risk",
    "coach.picture",
    "coach.plan_models",
    "coach.exercises",
    "coach.planner",
    "coach.coaching",
    "screens.plan",
    "plotext",  # (one step: its package imports every part of it, 14 ms)
    "textual_plotext",
    "coach.trends",
    "screens.trends",
)


def warm_modules(
    app: Any, modules: Iterable[str] = WARM_MODULES, then: Callable[[], object] | None = None
) -> None:
    """Import ``modules`` in a worker of ``app``, one at a time, each only when no key is
    waiting or being handled (``keys_pending``) and the app's queue is empty; then ``then``."""
    app.run_worker(_warm(app, modules, then), name="warming modules", group="warm")


async def _warm(app: Any, modules: Iterable[str], then: Callable[[], object] | None) -> None:
    await frame_sent(app)  # the first frame reaches the terminal first (screens/frame_sent.py)
    for name in modules:
        while getattr(app, "keys_pending", 0) or pump_busy(app):
            await asyncio.sleep(PAUSE)  # keys first
        with contextlib.suppress(ImportError):  # (its screen says so when opened)
            importlib.import_module(name)
        await asyncio.sleep(0)  # what came meanwhile (a key) is seen before the next
    if then is not None:
        then()
