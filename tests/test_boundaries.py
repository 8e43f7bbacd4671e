"""The arrows between packages point one way, and the domain stays pure."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COACH_MODULES = sorted(
    f"coach.{p.stem}" for p in (ROOT / "coach").glob("*.py") if p.stem not in ("cli", "__main__")
)
STORE_MODULES = sorted(f"store.{p.stem}" for p in (ROOT / "store").glob("*.py"))


def loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", COACH_MODULES)
def test_coach_modules_load_without_ui_or_database(module: str) -> None:
    loaded = loaded_after_import(module)
    assert not loaded & {"textual", "tinydb", "plotext", "rich"}, module


@pytest.mark.parametrize("module", STORE_MODULES)
def test_store_modules_load_without_ui(module: str) -> None:
    assert not loaded_after_import(module) & {"textual", "plotext"}, module


def test_cli_entry_point_does_not_load_the_ui_for_a_command() -> None:
    code = (
        "import sys; from coach import cli; cli.main(['status']) ;"
        "print('textual' in sys.modules, 'plotext' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.parametrize(
    ("module", "not_loaded"),
    [
        ("screens.plan", "coach.topics"),
        ("screens.checkin_summary", "coach.topics"),
        ("screens.bone", "coach.report"),
    ],
)
def test_a_screen_loads_only_what_it_shows(module: str, not_loaded: str) -> None:
    """A screen's first opening pays for every module it loads: a link to a topic needs the
    topic's id (coach.topic_ids), not the topic reader; the bone-health screen needs the bone
    section (coach.bone_text), not the whole visit summary."""
    assert not_loaded not in loaded_after_import(module)


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_cli_reaches_from_coach_into_store_or_screens() -> None:
    for path in (ROOT / "coach").glob("*.py"):
        if path.stem in ("cli", "__main__"):
            continue
        assert not imported_names(path) & {"store", "screens", "tinydb", "textual"}, path.name


def test_store_never_imports_screens_and_tinydb_only_lives_in_store() -> None:
    for path in (ROOT / "store").glob("*.py"):
        assert "screens" not in imported_names(path), path.name
    for folder in ("coach", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "tinydb" not in imported_names(path), path


def test_domain_never_reads_the_clock() -> None:
    for path in (ROOT / "coach").glob("*.py"):
        if path.stem in ("cli",):
            continue
        source = path.read_text()
        assert "date.today(" not in source and "datetime.now(" not in source, path.name
