"""Run every benchmark and print one table: figure, baseline, ratio, target, PASS/FAIL.

Each benchmark runs as its own process (one's memory does not weigh on the next), prints its
own full table as it goes, and hands its rows back as JSON. All share one folder of demo diaries
(1, 10 and 30 years, made once, today, with ``bonecoach demo``). The closing table shows the
headline rows (the figures issue 15 lists) and every row that missed its target; ``--all``
shows every row. Targets are reported, not enforced: the exit status is 1 only if a benchmark
itself failed to run.

Run: python benchmarks/run_all.py [--quick] [--only startup commands ...] [--all] [--diaries DIR]
Takes about 9 minutes on a 2-core machine (520 s measured; --quick: about a minute, figures
mean little).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _common import HERE, Row, load_rows, machine_note, print_table

BENCHES = {
    "startup": "startup_bench.py",
    "screens": "screens_bench.py",
    "commands": "commands_bench.py",
    "export": "export_bench.py",
    "trends": "trends_bench.py",
    "typing": "typing_bench.py",
    "store": "store_bench.py",
    "ssh": "ssh_sessions_bench.py",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every benchmark's smoke run")
    parser.add_argument("--only", nargs="+", choices=BENCHES, help="run only these")
    parser.add_argument("--all", action="store_true", help="show every row, not only headlines")
    parser.add_argument("--diaries", type=Path, metavar="DIR", help="keep the diaries in DIR")
    args = parser.parse_args(argv)
    chosen = args.only or list(BENCHES)
    rows: list[tuple[str, Row]] = []
    failed: list[str] = []
    started = time.monotonic()
    print(f"run_all: {', '.join(chosen)}; {machine_note()}")
    with tempfile.TemporaryDirectory(prefix="bc-bench-") as tmp:
        diaries = args.diaries or Path(tmp) / "diaries"
        for name in chosen:
            out = Path(tmp) / f"{name}.json"
            command = [sys.executable, str(HERE / BENCHES[name]), "--json", str(out)]
            command += ["--diaries", str(diaries)] + (["--quick"] if args.quick else [])
            print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
            begun = time.monotonic()
            if subprocess.run(command).returncode != 0 or not out.exists():
                failed.append(name)
                continue
            print(f"({name} took {time.monotonic() - begun:.0f} s)")
            bench, got = load_rows(out)
            rows += [(bench, row) for row in got]
    shown = [
        Row(**{**row.__dict__, "what": f"{bench}: {row.what}"})
        for bench, row in rows
        if args.all or row.key or row.ok is False
    ]
    verdicts = [row.ok for _, row in rows if row.ok is not None]
    print_table(shown, "\n=== summary (headline rows and every missed target; --all: every row)")
    print(
        f"\ntargets met: {sum(verdicts)} of {len(verdicts)}; "
        f"{time.monotonic() - started:.0f} s; {machine_note()}"
    )
    if failed:
        print(f"FAILED TO RUN: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
