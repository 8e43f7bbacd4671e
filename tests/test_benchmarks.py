"""The benchmark scripts still run, and report every figure they promise (their --quick mode).

Timings are not asserted: tests check behaviour, benchmarks/ prints the figures. Left out for
time: screens_bench.py (its walk harness is checked on the floor app below) and
ssh_sessions_bench.py (an sshd and half a minute; tests/test_terminal.py covers SSH itself).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def diaries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of demo diaries for every script (each makes the 1-year one if missing)."""
    return tmp_path_factory.mktemp("diaries")


def quick_rows(script: str, diaries: Path, out: Path) -> list[dict]:
    quick = ["--quick", "--diaries", str(diaries), "--json", str(out)]
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *quick],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout[-1500:] + done.stderr[-1500:]
    assert "what" in done.stdout and "baseline" in done.stdout  # the table was printed
    return json.loads(out.read_text())["rows"]


@pytest.mark.parametrize(
    ("script", "figures"),
    [
        ("startup_bench.py", {"first frame vs bare app", "peak RSS vs bare app"}),
        (
            "commands_bench.py",
            {"checkin --pain 3", "checkin, first of the day", "status", "plan", "report --days 90"},
        ),
        (
            "export_bench.py",
            {
                "export json: time (peak RSS)",
                "export csv: time (peak RSS)",
                "export fhir vs C JSON encoder (peak)",
                "import (a JSON export): time (peak RSS)",
            },
        ),
        (
            "trends_bench.py",
            {
                f"trends plot {m}, range {r}"
                for m in ("pain", "aerobic_min")
                for r in ("3m", "all", "all, after a save")
            },
        ),
        (
            "typing_bench.py",
            {
                "Trends: a key typed during the first all time",
                "Trends: the same key, idle (all time)",
                "Trends: 4, the first all time, until settled",
                "Trends: 4, the first all time, 1000 ms after opening",
                "Trends: a key typed during the first all time, first session (no kept weeks)",
                "Trends: 4, the first all time, until settled, first session",
            },
        ),
        (
            "store_bench.py",
            {
                "save a check-in, warm (long-lived store)",
                "save a check-in, cold (one process a save)",
            },
        ),
    ],
)
def test_quick_mode_reports_each_figure_beside_a_baseline(
    script: str, figures: set[str], diaries: Path, tmp_path: Path
) -> None:
    rows = quick_rows(script, diaries, tmp_path / "rows.json")
    assert {row["what"] for row in rows} == figures
    for row in rows:
        assert row["size"] == "1 y" and row["figure"]
        if row["ratio"] is not None:  # a comparison: a measured baseline, and a positive ratio
            assert row["baseline"] and row["ratio"] > 0
        assert row["ok"] is None or row["target"].startswith("<=")


def _walk_labels(tmp_path: Path, floor_flag: str) -> list[str]:
    """Walk a floor app on a real pty (two walks): the second walk's step labels, after
    checking every step was timed and none timed out."""
    sys.path.insert(0, str(BENCH))
    try:
        from _common import run_on_pty, terminal_env
    finally:
        sys.path.remove(str(BENCH))
    out = tmp_path / "steps.json"
    argv = [sys.executable, str(BENCH / "screens_walk.py"), floor_flag, "--walks", "2"]
    run_on_pty([*argv, "--out", str(out)], terminal_env(), timeout=60)
    result = json.loads(out.read_text())
    assert result["timeouts"] == 0
    assert all(step["seconds"] > 0 for step in result["steps"])
    return [step["label"] for step in result["steps"] if step["walk"] == 1]


def test_screen_walk_times_every_step_until_settled(tmp_path: Path) -> None:
    """The walk harness on the panel floor app, on a real pty: every step timed."""
    assert _walk_labels(tmp_path, "--floor") == [
        "home: settle only (no key)",
        "Floor screen: open (t)",
        "Floor screen: right",
        "Floor screen: right #2",
        "Floor screen: back (escape)",
    ]


def test_kind_floors_walk_a_form_and_a_document(tmp_path: Path) -> None:
    """The form and document floors, in their own process, on a real pty."""
    assert _walk_labels(tmp_path, "--kind-floors") == [
        "home: settle only (no key)",
        "Form floor: open (f)",
        "Form floor: backspace",
        "Form floor: 3",
        "Form floor: tab",
        "Form floor: back (escape)",
        "Document floor: open (d)",
        "Document floor: enter",
        "Document floor: n",
        "Document floor: back (escape)",
    ]


def test_every_floor_a_step_is_measured_beside_exists() -> None:
    """A step compared with a form, document or panel floor names one a floor walk takes, and
    the coach step it maps exists in the coach's walk."""
    sys.path.insert(0, str(BENCH))
    try:
        from screens_bench import FLOOR_OF
        from screens_walk import COACH_WALK, FLOOR_WALK, KIND_FLOOR_WALK
    finally:
        sys.path.remove(str(BENCH))

    def labels(walk: tuple) -> set[str]:
        out = set()
        for place in walk:
            out.add(f"{place.name}: open ({place.key})")
            out.add(f"{place.name}: back (escape)")
            seen: dict[str, int] = {}
            for key in place.keys:
                seen[key] = seen.get(key, 0) + 1
                out.add(f"{place.name}: {key}" + (f" #{seen[key]}" if seen[key] > 1 else ""))
        return out

    assert set(FLOOR_OF) <= labels(COACH_WALK)
    assert set(FLOOR_OF.values()) <= labels(KIND_FLOOR_WALK) | labels(FLOOR_WALK)
