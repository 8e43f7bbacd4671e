"""Sessions over SSH: memory per session and idle CPU, beside bare Textual apps over the same SSH.

Starts a key-only sshd on 127.0.0.1 (its own config and keys in a temp folder, as the
real-terminal tests do) and, one variant after the other, opens N concurrent ``ssh -tt``
sessions, each on its own pseudo-terminal (80x24):

- **bare**: the bare Textual app (Header, Static, Footer): the baseline;
- **1 y, home**: the coach on its own copy of a one-year demo diary, left on home;
- **10 y, walked**: the coach on a copy of a ten-year diary, after a walk through every screen
  (check-in, history, learn, plan, trends with the all-time range, bone health, profile, help,
  each left with Escape; the next key is sent once the screen has been quiet for 0.4 s).

Once every session shows its first screen (and has walked), the sessions idle for --idle
seconds and each app process is measured: CPU time over the idle spell, resident memory
(VmRSS), and the memory of the whole variant as PSS (shared pages split between the processes
that share them) summed over the ssh clients and every process under our sshd, divided by N.
The fall in MemAvailable is printed too, but other work on the machine moves it.

Only our own processes are counted: those under this script's sshd, found by walking /proc
parent links. Each session is ended by its process group (the ssh client leads its own); what is
left under our sshd after 10 s is killed by pid, and the script says how many that was.

Run: python benchmarks/ssh_sessions_bench.py [--sessions 10] [--idle 30] [--quick]
Takes about 4 minutes with the defaults (the walks are sequential).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _common import (
    HERE,
    ROOT,
    Row,
    bench_parser,
    bonecoach_argv,
    compile_project,
    diaries,
    end_process_group,
    finish,
    fresh_copy,
    median,
    mib,
    proc_status_kib,
    ratio_row,
    read_pty,
    spawn_on_pty,
    terminal_env,
)

sys.path.insert(0, str(ROOT / "tests"))
from terminal_harness import LoopbackSshd

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MARKER = b"Streak:"
WALK = ("c", "h", "l", "p", "t4", "b", "e", "?")  # each followed by Escape
ESCAPE = b"\x1b"
SHELLS = ("sh", "bash", "dash", "zsh")  # a login shell's "-c" line names the app too


# --------------------------------------------------------------------------- /proc


def parents() -> dict[int, int]:
    """pid -> parent pid of every process now."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def descendants(root: int) -> list[int]:
    links = parents()
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in links.items() if parent in frontier]
        found += children
        frontier = children
    return found


def cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


def comm(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return ""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def pss_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def mem_available_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    raise RuntimeError("no MemAvailable")


# --------------------------------------------------------------------------- sessions


def read_until_quiet(fd: int, quiet: float = 0.4, limit: float = 20.0) -> bytes:
    """Everything the session draws until it has been quiet for ``quiet`` seconds."""
    seen, deadline = b"", time.monotonic() + limit
    while time.monotonic() < deadline:
        chunk = read_pty(fd, quiet)
        if not chunk:
            return seen
        seen = (seen + chunk)[-8192:]
    return seen


def wait_for_marker(fd: int, timeout: float = 120.0) -> None:
    seen, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = (seen + read_pty(fd, 0.2))[-8192:]
        if MARKER in seen:
            return
    raise RuntimeError(f"a session never drew its first screen: {seen[-300:]!r}")


def walk(fd: int) -> None:
    for keys in WALK:
        for key in keys:
            os.write(fd, key.encode())
            read_until_quiet(fd)
        os.write(fd, ESCAPE)
        read_until_quiet(fd)


@dataclass(frozen=True)
class Variant:
    name: str
    remote: list[str]  # one command line per session
    walk: bool
    app_marker: str  # text in the app process's command line


@dataclass(frozen=True)
class Measured:
    app_rss_kib: list[int]
    cpu_percent: list[float]
    pss_per_session_kib: float
    available_drop_per_session_kib: float
    sshd_processes: int
    left_behind: int


def run_variant(sshd: LoopbackSshd, variant: Variant, idle: float) -> Measured:
    env = terminal_env()
    before = mem_available_kib()
    sessions: list[tuple[int, int]] = []
    try:
        for remote in variant.remote:
            argv = shlex.split(sshd.command(remote))  # the ssh client itself: no shell between
            argv[0] = shutil.which(argv[0]) or argv[0]
            sessions.append(spawn_on_pty(argv, env))
            wait_for_marker(sessions[-1][1])
            if variant.walk:
                walk(sessions[-1][1])
        under = descendants(sshd.process.pid)
        apps = [p for p in under if variant.app_marker in cmdline(p) and comm(p) not in SHELLS]
        if len(apps) != len(sessions):
            raise RuntimeError(f"{len(apps)} app processes for {len(sessions)} sessions")
        cpu_before, started = {p: cpu_seconds(p) for p in apps}, time.monotonic()
        while time.monotonic() - started < idle:  # idle: drain what they draw, press nothing
            for _, fd in sessions:
                with contextlib.suppress(OSError):
                    read_pty(fd, 0)
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        cpu = [100 * (cpu_seconds(p) - cpu_before[p]) / elapsed for p in apps]
        rss = [proc_status_kib(p, "VmRSS") for p in apps]
        ours = [pid for pid, _ in sessions] + descendants(sshd.process.pid)
        pss = sum(pss_kib(p) for p in ours) / len(sessions)
        drop = (before - mem_available_kib()) / len(sessions)
        sshds = sum(1 for p in under if comm(p).startswith("sshd"))
    finally:
        for pid, fd in sessions:
            end_process_group(pid)
            os.close(fd)
        left = end_leftovers(sshd.process.pid)
    return Measured(rss, cpu, pss, drop, sshds, left)


def end_leftovers(listener: int, grace: float = 10.0) -> int:
    """Wait for our sshd's session processes to go; kill by pid those that do not."""
    deadline = time.monotonic() + grace
    while descendants(listener) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = descendants(listener)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(left)


# --------------------------------------------------------------------------- report


def main(argv: Sequence[str] | None = None) -> int:
    parser = bench_parser(__doc__, repeats=1, per_size=False)
    parser.add_argument("--sessions", type=int, help="concurrent sessions (default 10)")
    parser.add_argument("--idle", type=float, help="seconds of idle measured (default 30)")
    args = parser.parse_args(argv)
    sessions = args.sessions or (2 if args.quick else 10)
    idle = args.idle or (3.0 if args.quick else 30.0)
    compile_project()
    coach = shlex.join(bonecoach_argv())
    results: dict[str, Measured] = {}
    with (
        tempfile.TemporaryDirectory(prefix="bc-ssh-bench-") as tmp,
        diaries(args.diaries, [1, 10]) as made,
    ):
        base = Path(tmp)
        sshd = LoopbackSshd(base / "sshd")
        try:
            bare = shlex.join([sys.executable, str(HERE / "bare_app.py")])
            copies = {
                years: [fresh_copy(made[years], base / f"{years}y-{n}") for n in range(sessions)]
                for years in made
            }
            variants = [
                Variant("bare", [f"LANG=C.UTF-8 {bare}"] * sessions, False, "bare_app.py"),
                Variant(
                    "1 y, home",
                    [f"LANG=C.UTF-8 {coach} --data {shlex.quote(str(p))}" for p in copies[1]],
                    False,
                    "--data",
                ),
                Variant(
                    "10 y, walked",
                    [f"LANG=C.UTF-8 {coach} --data {shlex.quote(str(p))}" for p in copies[10]],
                    True,
                    "--data",
                ),
            ]
            for variant in variants:
                results[variant.name] = run_variant(sshd, variant, idle)
        finally:
            sshd.close()
    bare = results.pop("bare")
    rows: list[Row] = []
    for name, got in results.items():
        rows += [
            ratio_row(
                "memory per session (PSS: ssh + sshd + app)",
                name,
                got.pss_per_session_kib,
                bare.pss_per_session_kib,
                fmt=mib,
                base_name="bare app",
                key=True,
            ),
            ratio_row(
                "app resident memory (median VmRSS)",
                name,
                median(got.app_rss_kib),
                median(bare.app_rss_kib),
                fmt=mib,
                base_name="bare app",
            ),
            ratio_row(
                "idle CPU per app (% of one core)",
                name,
                median(got.cpu_percent),
                median(bare.cpu_percent),
                fmt=lambda p: f"{p:.2f} %",
                base_name="bare app",
                key=True,
            ),
            Row(
                "MemAvailable fall per session (noisy)",
                name,
                mib(got.available_drop_per_session_kib),
                mib(bare.available_drop_per_session_kib) + " (bare app)",
                None,
            ),
        ]
    for name, got in {"bare": bare, **results}.items():
        print(
            f"  {name}: {len(got.app_rss_kib)} app processes, {got.sshd_processes} sshd "
            f"processes of ours, {got.left_behind} left behind after the sessions ended"
        )
    how = f"{sessions} concurrent sessions per variant, {idle:.0f} s idle"
    return finish("ssh", how, rows, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
