"""A monkey at the keyboard: random keys, bursts and pastes across every screen and dialog.

Shared by the suite (``test_monkey.py``, hypothesis picks the sequences) and the long run
(``benchmarks/monkey_run.py``, random seeds for as long as you like). After each run three things
must hold:

* no exception reached the app (no crash, no crash report);
* the data file still loads, every record of it;
* nothing was saved that was not confirmed: each write of the person's data happened while a
  confirming key was being handled (ctrl+s or Enter for a form, y in a dialog, Space on a risk
  factor, which is documented to save at once), never on a paste, a letter or a navigation key.

``q`` and ``ctrl+q`` are left out of the keys (they end the run); the palette can still quit.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual import events
from ui_helpers import SAMPLE_PROFILE, SIZE, TODAY, make_app, queue_keys, queue_paste

from coach.models import CheckIn, DxaScan

# Keys a person might press anywhere; repeats make a key more likely.
PLACE_KEYS = ["c", "h", "l", "p", "t", "b", "e"]
SCREEN_KEYS = ["d", "w", "g", "r", "y", "n", "m", "j", "o", "s", "slash", "question_mark", "plus"]
TEXT_KEYS = [*"abfikuvxz", *"0123456789", "minus", "full_stop", "space"]
MOVE_KEYS = ["enter"] * 4 + ["tab"] * 2 + ["escape"] * 3 + ["shift+tab", "backspace", "space"]
MOVE_KEYS += ["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "delete"]
CONTROL_KEYS = ["ctrl+s", "ctrl+s", "ctrl+y", "ctrl+f", "ctrl+p", "ctrl+a", "ctrl+e"]
ALL_KEYS = PLACE_KEYS * 2 + SCREEN_KEYS + TEXT_KEYS + MOVE_KEYS * 2 + CONTROL_KEYS
PASTES = [
    "hot flushes",
    "osteonecrosis of the jaw",
    "xyzzy",
    "-2.5",
    "2026-01-05",
    "1e9",
    "９",  # a full-width digit
    "‮evil",  # a right-to-left override
    "knee " * 130,  # longer than a note may be
    "30\n15\n10",
    "😀 calcium",
    "",
]

CHUNK = 8  # actions queued together before waiting for them to land: bursts of real typing

# The person's data, and the keys that may save it (see the module docstring).
CONFIRMING = {
    # y: "stop and keep what I did" in a guided session keeps the partial session (and its
    # minutes in the day's check-in) at once
    "put_checkin": {"ctrl+s", "enter", "y"},
    "put_session_log": {"ctrl+s", "enter", "y"},
    "put_profile": {"ctrl+s", "enter", "space"},
    "put_dxa": {"ctrl+s", "enter"},
    "delete_checkin": {"y"},
    "delete_dxa": {"y"},
    "set_setting": {"ctrl+s", "enter"},  # FRAX (Enter saves), the theme (chosen with Enter)
}


@dataclass(frozen=True)
class Burst:
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Paste:
    text: str


Action = Burst | Paste


@dataclass
class Outcome:
    keys: int = 0
    pastes: int = 0
    crash: str | None = None
    where: str = ""  # the crash's innermost frames: file:line function
    unconfirmed: list[str] = field(default_factory=list)
    unreadable: str | None = None
    last_actions: list[Action] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.crash is None and not self.unconfirmed and self.unreadable is None


def random_actions(rng: random.Random, count: int) -> list[Action]:
    """The long run's sequences: mostly short bursts of keys, now and then a paste."""
    actions: list[Action] = []
    for _ in range(count):
        if rng.random() < 0.08:
            actions.append(Paste(rng.choice(PASTES)))
        else:
            actions.append(Burst(tuple(rng.choice(ALL_KEYS) for _ in range(rng.randint(1, 12)))))
    return actions


def _seed_store(app: Any, with_history: bool) -> None:
    if not with_history:
        return
    store = app.store
    with store.batch():
        for offset in range(1, 30):
            if offset % 6:
                store.put_checkin(
                    CheckIn(TODAY - timedelta(days=offset), pain=offset % 8, aerobic_min=20)
                )
        store.put_dxa(DxaScan(TODAY - timedelta(days=200), "lumbar_spine", -2.1))


def _check_store(path: Path) -> str | None:
    """Open the file afresh and read every record; the problem in words, or None."""
    from store.db import Store

    try:
        with Store.open(path, read_only=True) as store:
            store.get_profile()
            store.checkins()
            store.dxa_scans()
            store.session_logs()
            store.get_plan()
            store.settings()
            store.topics_read()
    except Exception as error:  # any failure to load is the finding
        return f"{type(error).__name__}: {error}"
    return None


async def run_actions(
    path: Path, actions: list[Action], *, with_profile: bool = True, collect_closed: bool = False
) -> Outcome:
    """Drive a fresh app through ``actions`` and check the three invariants. With
    ``collect_closed``, each closed screen is collected once removed, as in a terminal (a
    headless app has no collector: a pass in a test process holding hypothesis's objects costs
    far more than in the app)."""
    from ui_helpers import until_keys_done

    outcome = Outcome()
    app = make_app(path, profile=SAMPLE_PROFILE if with_profile else None)
    _seed_store(app, with_profile)
    current = {"key": "start"}
    dispatch = app._dispatch_input

    async def tracking(event: events.Key | events.Paste) -> None:
        current["key"] = event.key if isinstance(event, events.Key) else "paste"
        await dispatch(event)

    app._dispatch_input = tracking  # type: ignore[method-assign]
    for name, allowed in CONFIRMING.items():
        real = getattr(app.store, name)

        def watched(*args: Any, _real: Any = real, _name: str = name, _ok: Any = allowed) -> Any:
            if current["key"] not in _ok:
                outcome.unconfirmed.append(f"{_name} on {current['key']!r}")
            return _real(*args)

        setattr(app.store, name, watched)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until_keys_done(pilot)  # (the first frame sets the app's own collector)
            if collect_closed:
                from screens.long_lived import IdleCollector

                app.idle_collector = IdleCollector(app)  # (the process's thresholds stay)
            for start in range(0, len(actions), CHUNK):
                if app._exit:
                    break
                for action in actions[start : start + CHUNK]:  # all queued at once
                    outcome.last_actions = [*outcome.last_actions[-9:], action]
                    if isinstance(action, Burst):
                        queue_keys(app, *action.keys)
                        outcome.keys += len(action.keys)
                    else:
                        queue_paste(app, action.text)
                        outcome.pastes += 1
                await _landed(app)
    except Exception as error:  # the app's first error, re-raised by Pilot
        import traceback

        outcome.crash = f"{type(error).__name__}: {error}"
        frames = traceback.extract_tb(error.__traceback__)[-4:]
        outcome.where = " <- ".join(
            f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames)
        )
    if outcome.crash is None and app.return_code not in (None, 0):
        outcome.crash = f"exit status {app.return_code}"
    app.store.close()
    outcome.unreadable = _check_store(path)
    return outcome


async def _landed(app: Any, timeout: float = 120.0) -> None:
    """Until every queued key has been handled to the end (no idle-waits: the monkey is fast)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (app.keys_pending or not app.input_settled()) and not app._exit:
        if loop.time() > deadline:
            from screens.key_order import pump_busy

            screen = app.screen
            busy = [
                f"{type(n).__name__}#{n.id}"
                for n in (app, screen, *screen.walk_children(with_self=False))
                if pump_busy(n)
            ]
            raise AssertionError(
                f"{app.keys_pending} keys still pending after {timeout}s on "
                f"{type(screen).__name__} (mounted={screen.is_mounted}; busy: {busy[:8]})"
            )
        await asyncio.sleep(0.002)


def run(
    path: Path, actions: list[Action], *, with_profile: bool = True, collect_closed: bool = False
) -> Outcome:
    return asyncio.run(
        run_actions(path, actions, with_profile=with_profile, collect_closed=collect_closed)
    )
