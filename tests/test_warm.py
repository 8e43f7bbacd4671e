"""The Plan's and Trends' modules imported after the first frame (screens/warm.py, issue 15):
all of them, one a turn of the app's queue, keys first, and nothing stops for one that fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from ui_helpers import SIZE, make_app

from screens import app as app_module
from screens.warm import WARM_MODULES, warm_modules

NAMES = [f"warm_probe_{n}" for n in range(4)]


@pytest.fixture
def probes(tmp_path: Path, monkeypatch) -> list[str]:
    """Modules that note their import in ``log`` (a slow one each); the third cannot be."""
    log: list[str] = []
    monkeypatch.setitem(sys.modules, "warm_probe_log", log)
    for n, name in enumerate(NAMES):
        body = "import time, warm_probe_log\ntime.sleep(0.02)\n"
        body += "raise ImportError('broken')\n" if n == 2 else f"warm_probe_log.append({name!r})\n"
        (tmp_path / f"{name}.py").write_text(body)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in NAMES:
        monkeypatch.delitem(sys.modules, name, raising=False)
    return log


class KeyApp(App[None]):
    def on_key(self) -> None:
        sys.modules["warm_probe_log"].append("key")  # type: ignore[attr-defined]


async def test_every_module_one_a_turn_keys_first(probes: list[str]) -> None:
    app = KeyApp()
    done: list[bool] = []
    async with app.run_test() as pilot:
        warm_modules(app, NAMES, then=lambda: done.append(True))
        app.post_message(events.Key("x", "x"))  # typed while the first module is imported
        for _ in range(200):
            if done:
                break
            await pilot.pause(0.01)
    assert done == [True]
    # the key is handled before the list is through; the broken one stops nothing
    assert probes.index("key") < len(probes) - 1
    assert [p for p in probes if p != "key"] == [NAMES[0], NAMES[1], NAMES[3]]
    assert NAMES[3] in sys.modules and NAMES[2] not in sys.modules


def test_the_list_names_real_modules_leaves_first() -> None:
    """Each one exists; the screens come after what they import (no step imports a chain)."""
    import importlib.util

    assert all(importlib.util.find_spec(name) is not None for name in WARM_MODULES)
    assert WARM_MODULES.index("screens.plan") > WARM_MODULES.index("coach.planner")
    assert WARM_MODULES[-1] == "screens.trends"


async def test_the_app_warms_them_after_its_first_frame(tmp_path: Path, monkeypatch) -> None:
    calls: list[tuple[object, object]] = []
    monkeypatch.setattr(app_module, "warm_modules", lambda app, then: calls.append((app, then)))
    app = make_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(calls) == 1 and calls[0][0] is app and callable(calls[0][1])
    app.store.close()
