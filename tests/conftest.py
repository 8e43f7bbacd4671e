"""Shared fixtures. Every test runs against a temporary data folder: never the real one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

# Tests assert behaviour, not speed: a loaded CI machine must not fail a property test on time.
settings.register_profile("bonecoach", deadline=None, print_blob=True)
settings.load_profile("bonecoach")

TODAY = date(2026, 11, 26)  # a Thursday; UI tests use this fixed clock


@pytest.fixture(autouse=True)
def _isolated_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point BONECOACH_DATA and the platform data folders at a temp dir for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))  # crash reports
    data = home / "data" / "bonecoach.json"
    monkeypatch.setenv("BONECOACH_DATA", str(data))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return data


@pytest.fixture(scope="module")
def cli_on_module_today(request: pytest.FixtureRequest) -> Iterator[None]:
    """The CLI's day (``cli._today``, the one place that reads the real date) is the test
    module's ``TODAY``: a fixed date, or one read at import, so that a run crossing midnight does
    not set the module and the CLI a day apart. Used as
    ``pytestmark = pytest.mark.usefixtures("cli_on_module_today")``."""
    from coach import cli

    day = request.module.TODAY
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "_today", lambda: day)
        yield


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    """A data file path in a folder that does not exist yet."""
    return tmp_path / "coach" / "bonecoach.json"


@pytest.fixture
def open_store(data_path: Path) -> Iterator[Callable[..., object]]:
    """Open stores on ``data_path`` (or another path) and close them all after the test."""
    from store.db import Store

    opened: list[Store] = []

    def _open(path: Path | None = None, **kwargs: object) -> Store:
        store = Store.open(path or data_path, **kwargs)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()
