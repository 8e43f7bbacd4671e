"""The README's two commands are the ones CI runs and a newcomer copies."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", text)


def test_readme_has_the_run_and_the_test_command() -> None:
    run, test = readme_commands()[:2]
    assert run.endswith(".venv/bin/bonecoach")
    assert test.endswith(".venv/bin/pytest") and '".[test]"' in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert readme_commands()[1] in ci
    assert any(line.startswith(".venv/bin/ruff check") for line in ci)
