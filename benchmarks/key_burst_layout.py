"""What laying the screen out before Enter/Tab costs a burst of keys (screens/key_order.py).

A whole check-in (55 keys, a "no" for the tablet and its reason included) is put on the app's
queue at once, headless at 80x24, and timed until every key has landed. Two sides, interleaved
(the order reversed every other round), medians compared:

- ours: ``screens.key_order`` as it is (waits for shown widgets to report a layout, and lays
  the screen out before Enter/Tab, so a field the previous key revealed is next);
- baseline: the same with those two steps turned off (the behaviour before issue 16), which
  sends the keys after a "no" past the "Why not?" question.

Run: .venv/bin/python benchmarks/key_burst_layout.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual import events

import screens.key_order as key_order
from coach.models import Profile
from screens.app import CoachApp
from store.db import Store

TODAY = date(2026, 11, 26)
# pain 5, interference 2, tablet "no" and its reason (2 right: side effects), then the rest
KEYS = (
    ["c", "5", "enter", "2", "enter", "n", "enter", "right", "right", "enter"]
    + [
        k
        for value in ("30", "15", "10", "700", "500", "1000", "4", "3", "1.5", "2")
        for k in (*value, "enter")
    ]
    + ["n", "enter", *["enter"] * 7, *"ok", "enter", "enter"]
)
CHARS = {"enter": "\r", "right": None}


def _queue(app: CoachApp) -> None:
    for key in KEYS:
        name = {".": "full_stop"}.get(key, key)
        char = CHARS.get(key, key) if len(key) > 1 or key == "." else key
        event = events.Key(name, "." if key == "." else char)
        event.set_sender(app)
        app.post_message(event)


async def _once() -> tuple[float, str | None]:
    data = Path(tempfile.mkdtemp()) / "c" / "bonecoach.json"
    store = Store.open(data, clock=lambda: TODAY)
    store.put_profile(Profile(name="Ann", birth_year=1958))
    app = CoachApp(store, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        _queue(app)
        while app.keys_pending or not app.input_settled():
            await asyncio.sleep(0.005)
        took = time.perf_counter() - began
        await pilot.pause()
    saved = app.store.get_checkin(TODAY)
    return took, saved.ai_missed_reason if saved else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    ours = (key_order._layout_pending, key_order._lay_out_now)
    before = (lambda screen: False, lambda screen: None)
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    reasons: dict[str, set[str | None]] = {"ours": set(), "baseline": set()}
    for index in range(rounds):
        order = [("ours", ours), ("baseline", before)]
        for name, (pending, lay_out) in order if index % 2 == 0 else reversed(order):
            key_order._layout_pending, key_order._lay_out_now = pending, lay_out
            took, reason = asyncio.run(_once())
            times[name].append(took)
            reasons[name].add(reason)
    per_key = {name: statistics.median(t) / len(KEYS) * 1000 for name, t in times.items()}
    print(f"{len(KEYS)} keys in one burst, median of {rounds} interleaved rounds each")
    for name in ("ours", "baseline"):
        saved = ", ".join(sorted(map(str, reasons[name])))
        print(f"  {name:9} {per_key[name]:6.1f} ms/key   reason saved: {saved}")
    print(f"  ratio ours/baseline: {per_key['ours'] / per_key['baseline']:.2f}")


if __name__ == "__main__":
    main()
