"""Work after home's first frame waits until the terminal writer has taken that frame."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from queue import Queue
from types import SimpleNamespace

from ui_helpers import SAMPLE_PROFILE, SIZE, make_app, text_of

from screens.frame_sent import frame_sent, pending_writes


def _app_with_writer(queue: Queue[str]) -> SimpleNamespace:
    return SimpleNamespace(_driver=SimpleNamespace(_writer_thread=SimpleNamespace(_queue=queue)))


async def test_waits_until_the_writer_took_every_frame() -> None:
    queue: Queue[str] = Queue()
    queue.put("frame one")
    queue.put("frame two")
    app = _app_with_writer(queue)
    assert pending_writes(app) == 2

    def writer() -> None:  # a slow terminal writer: takes a frame every 30 ms
        for _ in range(2):
            time.sleep(0.03)
            queue.get()

    thread = threading.Thread(target=writer)
    start = time.monotonic()
    thread.start()
    await frame_sent(app)
    waited = time.monotonic() - start
    thread.join()
    assert queue.qsize() == 0 and waited >= 0.06


async def test_a_writer_that_never_reads_is_not_waited_for_long() -> None:
    queue: Queue[str] = Queue()
    queue.put("stuck")
    start = time.monotonic()
    await frame_sent(_app_with_writer(queue), limit=0.05)
    assert time.monotonic() - start < 2  # bounded, even on a busy machine
    assert pending_writes(queue) is None  # not an app: nothing to wait for


async def test_no_writer_thread_means_no_wait() -> None:
    start = time.monotonic()
    await frame_sent(SimpleNamespace())  # headless (tests, snapshots): no _driver at all
    await asyncio.wait_for(frame_sent(SimpleNamespace(_driver=None)), 1)
    assert pending_writes(SimpleNamespace()) is None and time.monotonic() - start < 1


async def test_home_shows_damaged_records_once_its_first_frame_is_drawn(data_path: Path) -> None:
    """The whole-file scan is not in the first frame: it follows it, and home says so."""
    import json

    app = make_app(data_path, profile=SAMPLE_PROFILE, days=10)
    app.store.close()
    data = json.loads(data_path.read_bytes())
    data["checkins"]["12"] = {"day": "not a day"}  # an id no range read reaches
    data_path.write_text(json.dumps(data))
    app = make_app(data_path)
    assert app.store.problems_met == []  # nothing met before the scan
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "1 damaged record is skipped" in text_of(app.screen.query_one("#damaged"))
        assert "Streak:" in text_of(app.screen.query_one("#status"))
    assert len(app.store.problems_met) == 1
