"""Idle sessions over SSH: memory and CPU of one idle coach, and how many fit on this machine.

Starts a key-only sshd on 127.0.0.1 (its own config and keys in a temp folder, as the
real-terminal tests do), opens N concurrent `ssh -tt` sessions that each run `bonecoach` on
its own data file (a one-year synthetic patient), waits until every one shows its home
screen, then measures each coach process for --idle seconds: resident memory (VmRSS) and CPU
time. The sshd session processes' memory is measured too, since each patient needs both.

Run: python benchmarks/ssh_sessions_bench.py [--sessions 30] [--idle 30]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from terminal_harness import BONECOACH, LoopbackSshd  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def mem_available_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    raise RuntimeError("no MemAvailable")


def pids_matching(text: str, program: str) -> list[int]:
    """Processes whose command line holds ``text`` and whose program name holds ``program``."""
    out = subprocess.run(["pgrep", "-f", text], capture_output=True, text=True)
    found = []
    for pid in (int(p) for p in out.stdout.split()):
        try:
            argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode()
        except OSError:
            continue
        if program in Path(argv0.split(" ")[0]).name:  # "sshd: user@pts/3" has a slash
            found.append(pid)
    return found


def make_patient(path: Path) -> None:
    from coach.demo import filler, make_demo
    from store.db import write_new_store

    write_new_store(path, filler(make_demo(365, 1, today=date.today())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bc-ssh-bench-") as folder:
        base = Path(folder)
        sshd = LoopbackSshd(base / "sshd")
        template = base / "template.json"
        make_patient(template)
        sessions: list[tuple[int, int]] = []
        before = mem_available_kib()
        try:
            for index in range(args.sessions):
                data = base / f"patient{index:03d}.json"
                data.write_bytes(template.read_bytes())
                data.chmod(0o600)
                remote = f"LANG=C.UTF-8 {BONECOACH} --data {data}"
                env = {**os.environ, "TERM": "xterm-256color"}
                pid, fd = pty.fork()
                if pid == 0:
                    argv = ["/bin/sh", "-c", sshd.command(remote)]
                    os.execve(argv[0], argv, env)
                sessions.append((pid, fd))
                wait_for_home(fd)
            started = time.monotonic()
            coach_pids = pids_matching(f"{BONECOACH} --data {base}/patient", "python")
            sshd_pids = [p for p in pids_matching("sshd", "sshd") if p != sshd.process.pid]
            cpu_before = {p: cpu_seconds(p) for p in coach_pids}
            while time.monotonic() - started < args.idle:  # idle: drain output, press nothing
                for _, fd in sessions:
                    drain(fd)
                time.sleep(0.5)
            elapsed = time.monotonic() - started
            cpu_pct = [100 * (cpu_seconds(p) - cpu_before[p]) / elapsed for p in coach_pids]
            coach_rss = [rss_kib(p) for p in coach_pids]
            sshd_rss = [rss_kib(p) for p in sshd_pids]
            used = before - mem_available_kib()
        finally:
            for pid, fd in sessions:
                os.kill(pid, signal.SIGTERM)
                os.close(fd)
            for pid, _ in sessions:
                os.waitpid(pid, 0)
            sshd.close()
    per_session = used / args.sessions
    total_kib = mem_available_kib() + 0  # after the sessions ended
    capacity_mem = int(0.8 * total_kib / per_session)
    print(f"sessions run            {args.sessions} concurrent idle sessions over loopback SSH")
    print(f"coach processes found   {len(coach_pids)}")
    print(
        f"coach RSS (median)      {statistics.median(coach_rss) / 1024:6.1f} MiB "
        f"(min {min(coach_rss) / 1024:.1f}, max {max(coach_rss) / 1024:.1f})"
    )
    print(
        f"sshd RSS per process    {statistics.median(sshd_rss) / 1024:6.1f} MiB (median of "
        f"{len(sshd_rss)} session processes; RSS counts shared pages in each)"
    )
    print(
        f"memory used, all N      {used / 1024:6.0f} MiB  -> {per_session / 1024:.1f} MiB a "
        "session (coach + ssh + sshd, from MemAvailable)"
    )
    print(
        f"idle CPU per coach      {statistics.median(cpu_pct):6.2f} % of one core (median over "
        f"{elapsed:.0f} s; max {max(cpu_pct):.2f} %)"
    )
    print(
        f"capacity (memory)       ~{capacity_mem} idle sessions in 80% of the "
        f"{total_kib / 1024 / 1024:.1f} GiB available now"
    )


def drain(fd: int) -> bytes:
    chunks = b""
    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks += chunk
    return chunks


def wait_for_home(fd: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.2)[0]:
            try:
                seen = (seen + os.read(fd, 65536))[-8192:]
            except OSError:
                break
            if b"Streak:" in seen:
                return
    raise RuntimeError(f"a session never reached its home screen: {seen[-300:]!r}")


if __name__ == "__main__":
    main()
