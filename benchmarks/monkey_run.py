"""The long monkey run: random keys, bursts and pastes across every screen, for as long as asked.

The same runner and invariants as the suite's ``tests/test_monkey.py`` (no crash, the data file
still loads, nothing saved that was not confirmed), driven by plain random seeds instead of
hypothesis, so it can go on for hours; unlike the suite's, each app collects its closed screens
as a terminal's does (screens/long_lived.py: once Textual has removed them). Prints the keys
and pastes sent, and every failure with its seed, the exception and where it was raised, and
the last actions before it.

Run: python benchmarks/monkey_run.py [--runs 200] [--actions 80] [--seed 1] [--minutes M]
Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from monkey import random_actions, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="apps started, one sequence each")
    parser.add_argument("--actions", type=int, default=80, help="bursts or pastes per run")
    parser.add_argument("--seed", type=int, default=1, help="first seed; run i uses seed + i")
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long")
    args = parser.parse_args()
    # crash reports of the runs go to a scratch folder, never the real ~/.local/state
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="bonecoach-monkey-state-")
    print(f"crash reports, if any: {os.environ['XDG_STATE_HOME']}", flush=True)

    keys = pastes = runs = 0
    failures: list[str] = []
    started = time.monotonic()
    for index in range(args.runs):
        if args.minutes is not None and time.monotonic() - started > args.minutes * 60:
            break
        seed = args.seed + index
        rng = random.Random(seed)
        actions = random_actions(rng, args.actions)
        with tempfile.TemporaryDirectory() as folder:
            outcome = run(
                Path(folder) / "data.json",
                actions,
                with_profile=rng.random() < 0.8,
                collect_closed=True,
            )
        runs += 1
        keys += outcome.keys
        pastes += outcome.pastes
        if not outcome.ok:
            failures.append(
                f"seed {seed}: crash={outcome.crash} at {outcome.where or '-'}; "
                f"unconfirmed={outcome.unconfirmed}; unreadable={outcome.unreadable}; "
                f"last actions={outcome.last_actions}"
            )
            print(failures[-1], flush=True)
        if runs % 10 == 0:
            print(
                f"... {runs} runs, {keys} keys, {pastes} pastes, {len(failures)} failures",
                flush=True,
            )
    minutes = (time.monotonic() - started) / 60
    print(f"monkey run: {runs} runs, {keys} keys and {pastes} pastes sent in {minutes:.1f} min")
    print(f"failures (crash, unreadable file or unconfirmed save): {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
