"""Fuzzing in the suite: damaged data files, import files and command lines through every
command, and app starts on damaged files (issue 13). A longer run: tests/fuzz_run.py.

The invariant: exit 0, or exit 1/2 with one readable line and no traceback; the data file is
unchanged unless the command succeeded (and always, for commands that only show).
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import fuzzing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach import cli

FUZZ = settings(
    max_examples=120,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_today", lambda: fuzzing.TODAY)


def assert_clean(outcome: fuzzing.Outcome) -> None:
    assert outcome.crash is None and outcome.problem is None, fuzzing.describe(outcome)


@FUZZ
@given(rnd=st.randoms(use_true_random=False))
def test_commands_on_damaged_data_files(rnd: random.Random) -> None:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        data = fuzzing.fresh_data_file(rnd, folder)
        for _ in range(3):  # a few commands in a row on the same file
            assert_clean(fuzzing.run_cli(*fuzzing.command_line(rnd, data, folder), data))


@FUZZ
@given(rnd=st.randoms(use_true_random=False))
def test_importing_damaged_exports(rnd: random.Random) -> None:
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        data = folder / "data" / "bonecoach.json"
        data.parent.mkdir()
        data.write_bytes(fuzzing.dumps(fuzzing.base_data(folder)))
        source = folder / "in.json"
        source.write_bytes(fuzzing.import_file(rnd, folder))
        assert_clean(fuzzing.run_cli("import", ["import", str(source), "--data", str(data)], data))
        assert_clean(fuzzing.run_cli("doctor-check", ["doctor", "--data", str(data)], data))


OPTIONS = [
    "--pain",
    "--mood",
    "--alcohol-units",
    "--calcium-mg",
    "--date",
    "--note",
    "--ai-taken",
    "--red-flag",
    "--days",
    "--week",
    "--format",
    "--t-score",
    "--seed",
    "--set",
    "--out",
    "--data",
]
COMMANDS = ["checkin", "report", "plan", "assess", "profile", "export", "status", "demo"]


@FUZZ
@given(
    command=st.sampled_from(COMMANDS),
    pairs=st.lists(st.tuples(st.sampled_from(OPTIONS), st.text(max_size=30)), max_size=4),
)
def test_any_command_line_is_one_line_at_worst(
    command: str, pairs: list[tuple[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("argv")
    data = folder / "b.json"
    argv = [command]
    for option, value in pairs:
        if option == "--data" and value.strip():  # odd names, but only inside the temp folder
            value = str(folder / ("x" + value.replace("/", "_").replace("\x00", "_")))
        if option == "--out" and value and value != "-":
            value = str(folder / "out.txt")  # never anywhere else on this machine
        argv += [f"{option}={value}"]
    if "--data" not in " ".join(argv):
        argv += ["--data", str(data)]
    if command == "demo":
        argv += ["--days", "5"]
    assert_clean(fuzzing.run_cli(command, argv, data))


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(rnd=st.randoms(use_true_random=False))
def test_the_app_starts_on_any_file_the_cli_can_read(rnd: random.Random) -> None:
    with tempfile.TemporaryDirectory() as root:
        data = fuzzing.fresh_data_file(rnd, Path(root))
        _, crash = fuzzing.tui_start(data, keys="pt")
        assert crash is None, crash
