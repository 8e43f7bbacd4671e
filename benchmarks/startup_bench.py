"""Start-up: time to the first frame of the home screen, and max RSS, beside a bare Textual app.

Both programs run under a real pseudo-terminal (80x24, TERM=xterm-256color) with the same
Python. The clock starts just before the process is spawned and stops when the pty output
contains the screen's marker text ("Streak:", drawn by bonecoach's home screen and by the bare
app's Static). RSS is the kernel's peak (VmHWM) one second after the first frame. Runs alternate
between the two programs so machine noise hits both; medians are compared.

The coach opens a store holding one year of a synthetic patient (coach.demo).
Targets (issue 8): first frame <= 1.3x the bare app; RSS <= 1.5x.

Run: python benchmarks/startup_bench.py [--runs 9]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = b"Streak:"
COLS, ROWS = 80, 24


def run_once(argv: list[str], env: dict[str, str], timeout: float = 30.0) -> tuple[float, int]:
    """Seconds to the marker on screen, and peak RSS in KiB one second later."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child: the program, on the pty
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    seen = b""
    first_frame = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                window = seen[-len(MARKER) :] + chunk  # a marker may straddle two reads
                seen = (seen + chunk)[-4096:]
                if first_frame is None and MARKER in window:
                    first_frame = time.perf_counter() - start
                    deadline = time.perf_counter() + 1.0
            if first_frame is not None and time.perf_counter() >= deadline:
                break
        if first_frame is None:
            raise RuntimeError(f"{argv} never drew {MARKER!r}; last output: {seen[-300:]!r}")
        rss = peak_rss_kib(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return first_frame, rss


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc status")


def make_store(path: Path) -> None:
    from coach.demo import make_demo
    from store.db import Store

    demo = make_demo(days=365, seed=1, today=date.today())
    with Store.open(path) as store, store.batch():
        store.put_profile(demo.profile)
        for checkin in demo.checkins:
            store.put_checkin(checkin)
        for scan in demo.dxa_scans:
            store.put_dxa(scan)
        for log in demo.session_logs:
            store.put_session_log(log)
        store.put_plan(demo.plan)


def compile_project() -> None:
    """Byte-compile our packages, as ``pip install .`` does for an installed copy.

    Textual's files in site-packages were compiled when pip installed them; an editable
    checkout (especially with PYTHONDONTWRITEBYTECODE=1) would otherwise recompile our
    sources on every start, which no installed copy does.
    """
    import compileall

    for package in ("coach", "screens", "store"):
        compileall.compile_dir(str(HERE.parent / package), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    compile_project()
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "year.json"
        make_store(data)
        ours_argv = [sys.executable, "-m", "coach", "--data", str(data)]
        bare_argv = [sys.executable, str(HERE / "bare_app.py")]
        run_once(ours_argv, env)  # warm the file cache for both
        run_once(bare_argv, env)
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(run_once(ours_argv, env))
            bare.append(run_once(bare_argv, env))
    o_time = statistics.median(t for t, _ in ours)
    b_time = statistics.median(t for t, _ in bare)
    o_rss = statistics.median(r for _, r in ours)
    b_rss = statistics.median(r for _, r in bare)
    print(f"runs each                {args.runs} (alternating, after one warm-up each)")
    print(f"first frame  bonecoach   {o_time * 1000:7.0f} ms  (home, one year of data)")
    print(f"first frame  bare app    {b_time * 1000:7.0f} ms  (Header, Static, Footer)")
    print(f"ratio                    {o_time / b_time:7.2f}  (target <= 1.3)")
    print(f"max RSS      bonecoach   {o_rss / 1024:7.1f} MiB")
    print(f"max RSS      bare app    {b_rss / 1024:7.1f} MiB")
    print(f"ratio                    {o_rss / b_rss:7.2f}  (target <= 1.5)")
    met = o_time / b_time <= 1.3 and o_rss / b_rss <= 1.5
    print("TARGETS MET" if met else "TARGETS MISSED")


if __name__ == "__main__":
    main()
