"""Start-up: time to the home screen's first frame, and peak RSS, beside a bare Textual app.

Both programs run under a real pseudo-terminal (80x24, TERM=xterm-256color) with the same
Python. The clock starts just before the process is spawned and stops when the terminal output
holds the screen's marker text ("Streak:", drawn by bonecoach's home screen and by the bare
app's Static). RSS is the kernel's peak (VmHWM) one second after the first frame, so what the
app reads just after drawing counts too. The coach opens a copy of a demo diary of 1, 10 and 30
years (``bonecoach demo --days N``). One round runs the bare app and the coach on every size,
the order reversed every other round; medians of the rounds are compared.

Targets (issue 15): first frame <= 1.3x the bare app and RSS <= 1.5x, at every size.

Run: python benchmarks/startup_bench.py [--repeats 9] [--years 1 10 30] [--quick]
Takes about 1.5 s a run: 9 repeats of 4 programs, about a minute.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from _common import (
    HERE,
    Row,
    bench_args,
    bench_parser,
    bonecoach_argv,
    compile_project,
    diaries,
    finish,
    first_frame,
    fresh_copy,
    interleaved,
    median,
    mib,
    ratio_row,
    size_label,
    terminal_env,
)

MARKER = b"Streak:"
FRAME_LIMIT, RSS_LIMIT = 1.3, 1.5


def main(argv: Sequence[str] | None = None) -> int:
    args = bench_args(bench_parser(__doc__, repeats=9), argv)
    compile_project()
    env = terminal_env()
    bare_argv = [sys.executable, str(HERE / "bare_app.py")]
    with tempfile.TemporaryDirectory() as folder, diaries(args.diaries, args.years) as made:
        jobs = {"bare": lambda: first_frame(bare_argv, env, MARKER)}
        for years, diary in made.items():
            data = fresh_copy(diary, Path(folder) / f"{years}y")
            coach = [*bonecoach_argv(), "--data", str(data)]
            jobs[str(years)] = lambda coach=coach: first_frame(coach, env, MARKER)
        samples = interleaved(jobs, args.repeats)
    bare = samples.pop("bare")
    bare_time, bare_rss = median([t for t, _ in bare]), median([r for _, r in bare])
    rows: list[Row] = []
    for name, runs in samples.items():
        size = size_label(int(name))
        time_, rss = median([t for t, _ in runs]), median([r for _, r in runs])
        rows.append(
            ratio_row(
                "first frame vs bare app", size, time_, bare_time, limit=FRAME_LIMIT, key=True
            )
        )
        rows.append(
            ratio_row(
                "peak RSS vs bare app", size, rss, bare_rss, fmt=mib, limit=RSS_LIMIT, key=True
            )
        )
    how = (
        f"medians of {args.repeats} interleaved runs of each program after a warm-up "
        "(80x24 pty; bare app = Header, Static, Footer)"
    )
    return finish("startup", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
