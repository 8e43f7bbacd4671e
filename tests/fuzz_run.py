"""A longer fuzz run than the suite's: damaged files through every command, imports, TUI starts.

    .venv/bin/python tests/fuzz_run.py --cases 3000 --tui 100 --seed 1

Prints how many cases ran and every traceback (or broken invariant) found, with the seed to
replay it; exits 1 if any was found. The same generators as tests/test_fuzz.py (tests/fuzzing.py).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="command runs")
    parser.add_argument("--tui", type=int, default=50, help="app starts on damaged files")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bonecoach-fuzz-") as root:
        home = Path(root) / "home"
        home.mkdir()
        os.environ.update(  # never the real data folder
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            BONECOACH_DATA=str(home / "never-used.json"),
        )
        import fuzzing

        found: list[str] = []
        kinds: dict[str, int] = {}
        codes: dict[str, int] = {}
        started = time.monotonic()
        for case in range(args.cases):
            seed = args.seed * 1_000_003 + case
            rnd = random.Random(seed)
            folder = Path(tempfile.mkdtemp(dir=root))
            data = fuzzing.fresh_data_file(rnd, folder)
            steps = rnd.randint(1, 3)  # a few commands in a row on the same file
            for _ in range(steps):
                kind, argv = fuzzing.command_line(rnd, data, folder)
                kinds[kind] = kinds.get(kind, 0) + 1
                outcome = fuzzing.run_cli(kind, argv, data)
                codes[str(outcome.code)] = codes.get(str(outcome.code), 0) + 1
                if outcome.crash or outcome.problem:
                    found.append(f"[seed {seed}] {fuzzing.describe(outcome)}")
        cli_time = time.monotonic() - started
        opened = 0
        for case in range(args.tui):
            seed = args.seed * 2_000_003 + case
            rnd = random.Random(seed)
            folder = Path(tempfile.mkdtemp(dir=root))
            data = fuzzing.fresh_data_file(rnd, folder)
            did_open, crash = fuzzing.tui_start(data, keys="chlptbe")
            opened += did_open
            if crash:
                found.append(f"[tui seed {seed}]\n{crash}")
        runs = sum(kinds.values())
        print(
            f"fuzz: {args.cases} damaged files, {runs} command runs "
            f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) in {cli_time:.0f} s; "
            f"exit statuses {dict(sorted(codes.items()))}; "
            f"{args.tui} damaged files for the app, {opened} opened (the rest the CLI cannot read "
            "either) and every place visited; "
            f"{len(found)} tracebacks or broken invariants"
        )
        for item in found:
            print("-" * 72)
            print(item)
        return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
