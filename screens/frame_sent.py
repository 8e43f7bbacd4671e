"""Waiting until a drawn frame has reached the terminal, before work that can wait for it.

Textual hands each frame to a writer thread. Work the app does right after drawing (home's
sparklines, today's session, reading the session logs of 30 years) holds the interpreter,
and the writer thread needs it too: on a busy machine the first frame reached the terminal
tens of milliseconds late (issue 15: 1.65x a bare app at 30 years, 1.28x when that work
waited). So such work waits, on the event loop, until the writer has taken the frame.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

POLL = 0.005  # seconds between looks at the writer's queue
LIMIT = 0.25  # never wait longer than this (a terminal that does not read)


def pending_writes(app: Any) -> int | None:
    """Frames the app's terminal writer still holds; None when there is no writer thread
    (headless tests, snapshots): nothing to wait for."""
    writer = getattr(getattr(app, "_driver", None), "_writer_thread", None)
    queue = getattr(writer, "_queue", None)
    qsize = getattr(queue, "qsize", None)
    return qsize() if callable(qsize) else None


async def frame_sent(app: Any, limit: float = LIMIT) -> None:
    """Return once the writer thread has taken every frame (and had a moment to write it),
    or after ``limit`` seconds; at once when there is no writer thread."""
    if pending_writes(app) is None:
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        await asyncio.sleep(POLL)  # the event loop waits: the writer thread runs
        if not pending_writes(app):
            break
    await asyncio.sleep(POLL)  # the frame it took is written and flushed meanwhile
