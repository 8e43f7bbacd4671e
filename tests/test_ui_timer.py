"""Textual's timers after a late tick (``screens.textual_fixes``: "timer-skip"), on a fake clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import textual.timer
from textual import _time
from textual._context import active_app
from textual.timer import Timer

from screens import textual_fixes

INTERVAL = 0.1
START = 1000.0


class _App:
    """What a timer's tick asks of the app: whether it is exiting, its debug features, and
    where errors go."""

    _exit = False
    features: frozenset[str] = frozenset()

    def _handle_exception(self, error: Exception) -> None:
        raise AssertionError(f"a tick failed: {error!r}")


async def tick_times(monkeypatch: pytest.MonkeyPatch, run: Callable[..., Any], held: float) -> list:
    """When a timer of ``INTERVAL`` ticks, run by ``run``, if the event loop is held for
    ``held`` seconds in its first tick (on a clock that moves only when slept or held)."""
    clock = [START]

    async def sleep(seconds: float) -> None:
        clock[0] += seconds
        await asyncio.sleep(0)

    monkeypatch.setattr(_time, "get_time", lambda: clock[0])
    monkeypatch.setattr(_time, "sleep", sleep)
    monkeypatch.setattr(textual.timer, "sleep", sleep)
    monkeypatch.setattr(Timer, "_run", run)
    ticks: list[float] = []
    three = asyncio.Event()

    def tick() -> None:
        ticks.append(round(clock[0], 6))
        if len(ticks) == 1:
            clock[0] += held  # a slow handler: the loop is held past the next slots
        if len(ticks) == 3:
            three.set()

    app = _App()
    token = active_app.set(app)  # type: ignore[arg-type]
    timer = Timer(app, INTERVAL, callback=tick)
    try:
        timer._start()
        await asyncio.wait_for(three.wait(), 5)
    finally:
        timer.stop()
        active_app.reset(token)
    return ticks[:3]


async def test_a_late_tick_is_followed_by_the_next_slot_not_the_one_after(monkeypatch) -> None:
    """The first tick holds the loop 2.5 slots (until 1000.35): the next tick is at the next
    slot, 1000.4; Textual's own loop skips to 1000.5, a frame later for the next key."""
    ours = await tick_times(monkeypatch, textual_fixes._timer_run, held=0.25)
    assert ours == pytest.approx([START + 0.1, START + 0.4, START + 0.5])
    textuals = await tick_times(monkeypatch, textual_fixes.TEXTUAL_TIMER_RUN, held=0.25)
    assert textuals == pytest.approx([START + 0.1, START + 0.5, START + 0.6])


async def test_a_timer_on_time_ticks_every_slot(monkeypatch) -> None:
    assert await tick_times(monkeypatch, textual_fixes._timer_run, held=0.0) == pytest.approx(
        [START + 0.1, START + 0.2, START + 0.3]
    )


def test_the_timer_fix_is_in_and_left_alone_by_a_second_apply() -> None:
    import screens.app  # noqa: F401 (applies the fixes)

    assert Timer._run is textual_fixes._timer_run
    assert textual_fixes.apply() == []
