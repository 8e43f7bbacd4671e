"""Shared machinery for the benchmarks: diaries of 1, 10 and 30 years, paired timing, child
processes with their peak memory, a pseudo-terminal, and one shape of result table.

Every benchmark prints our figure beside a baseline measured in the same run, because the
machine is noisy (two cores shared with other work): samples of the two sides are taken turn
about ("interleaved", the order reversed every other round) and medians are compared.

Diaries are made through the public command line (``bonecoach demo --days N --data PATH``),
and commands and the app are driven through the CLI and ``CoachApp``, so the scripts keep
working when the store's internals change.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import select
import shlex
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
YEARS = (1, 10, 30)
DAYS_PER_YEAR = 365
COLS, ROWS = 80, 24
T = TypeVar("T")


# --------------------------------------------------------------------------- the program


def bonecoach_argv() -> list[str]:
    """The installed ``bonecoach`` command of this Python (``-m coach`` if there is none)."""
    script = Path(sys.executable).with_name("bonecoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "coach"]


def compile_project() -> None:
    """Byte-compile our packages, as ``pip install .`` does for an installed copy.

    Textual's files in site-packages were compiled when pip installed them; an editable
    checkout (especially with PYTHONDONTWRITEBYTECODE=1) would otherwise recompile our
    sources on every start, which no installed copy does.
    """
    import compileall

    for package in ("coach", "screens", "store"):
        compileall.compile_dir(str(ROOT / package), quiet=1)


def terminal_env() -> dict[str, str]:
    """The environment of a person's terminal: 256 colours, no COLORTERM, no NO_COLOR."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    env.setdefault("LANG", "C.UTF-8")
    return env


# --------------------------------------------------------------------------- diaries


def days_of(years: int) -> int:
    return years * DAYS_PER_YEAR


def make_diary(path: Path, years: int) -> Path:
    """A synthetic patient's data file of ``years`` years, ending yesterday (made today)."""
    if path.exists() and date.fromtimestamp(path.stat().st_mtime) != date.today():
        path.unlink()  # made on an earlier day: its "today" has moved on
    if not path.exists():
        argv = [*bonecoach_argv(), "demo", "--days", str(days_of(years)), "--data", str(path)]
        subprocess.run(argv, check=True, capture_output=True)
    return path


@contextlib.contextmanager
def diaries(folder: Path | None, years: Sequence[int]) -> Iterator[dict[int, Path]]:
    """Diaries of each size in ``folder`` (kept and reused) or in a temporary folder."""
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bc-diaries-")))
        folder.mkdir(parents=True, exist_ok=True)
        yield {y: make_diary(folder / f"diary-{y}y.json", y) for y in years}


def empty_folder(folder: Path) -> Path:
    """``folder``, made empty (a store placed in it starts with nothing beside it)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    return folder


def fresh_copy(
    diary: Path, folder: Path, name: str = "bonecoach.json", *, kept_weeks: bool = True
) -> Path:
    """A private copy of a diary's data file, alone in ``folder`` (emptied first): whatever
    the coach keeps beside its file (lock, backups, temp files) starts out absent, except the
    weeks ``demo`` kept for a diary of years (store/weeks.py), as any session that showed its
    "all time" would have: ``kept_weeks=False`` for a first session on the file."""
    target = empty_folder(folder) / name
    shutil.copyfile(diary, target)
    target.chmod(0o600)
    kept = diary.with_name(diary.name + ".weeks")
    if kept_weeks and kept.exists():
        shutil.copyfile(kept, target.with_name(name + ".weeks"))
    return target


# --------------------------------------------------------------------------- timing


def interleaved(
    jobs: Mapping[str, Callable[[], T]], repeats: int, warmup: int = 1
) -> dict[str, list[T]]:
    """Run every job once per round, ``repeats`` rounds after ``warmup`` unrecorded ones.

    The order is reversed every other round, so a slow spell of the machine and the order
    itself hit every job alike. Jobs return their own measurement (seconds, a pair, ...).
    """
    names = list(jobs)
    for _ in range(warmup):
        for name in names:
            jobs[name]()
    samples: dict[str, list[T]] = {name: [] for name in names}
    for round_ in range(repeats):
        for name in names if round_ % 2 == 0 else reversed(names):
            samples[name].append(jobs[name]())
    return samples


def stopwatch(fn: Callable[[], object]) -> Callable[[], float]:
    """``fn`` as a job that returns its wall time in seconds."""

    def job() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return job


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def fine_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def machine_note() -> str:
    """Cores and load: the context every figure was measured in."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"


# --------------------------------------------------------------------------- child processes


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # wall time from spawn to exit
    peak_rss_kib: int  # the child's resident-memory high-water mark (getrusage ru_maxrss)
    returncode: int


def run_child(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    stdout: Path | None = None,
    ok: Sequence[int] = (0,),
) -> ChildRun:
    """Run a whole command; its wall time and its own peak RSS (from wait4, not a sampler)."""
    with open(stdout or os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            raise RuntimeError(
                f"{shlex.join(argv)} exited {proc.returncode}: {err.read().decode()[-800:]}"
            )
    return ChildRun(seconds, usage.ru_maxrss, proc.returncode)


def spawn_on_pty(argv: Sequence[str], env: Mapping[str, str]) -> tuple[int, int]:
    """Start ``argv`` on a new 80x24 pseudo-terminal; (pid, master fd). The child leads its
    own session and process group, so ``os.killpg(pid, ...)`` reaches all it starts."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal before the program can ask for it
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(argv[0], list(argv), dict(env))
        finally:
            os._exit(127)
    return pid, fd


def read_pty(fd: int, timeout: float) -> bytes:
    """What the program wrote within ``timeout`` seconds (b"" if nothing; EOF raises)."""
    if not select.select([fd], [], [], timeout)[0]:
        return b""
    chunk = os.read(fd, 65536)  # OSError (EIO) once the program has exited
    if not chunk:
        raise OSError("end of output")
    return chunk


def end_process_group(pid: int, grace: float = 5.0) -> None:
    """SIGTERM the group led by ``pid``, SIGKILL what remains after ``grace`` s, and reap."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)  # anything of the group that outlived its leader


def first_frame(
    argv: Sequence[str], env: Mapping[str, str], marker: bytes, timeout: float = 60.0
) -> tuple[float, int]:
    """Seconds from spawn until ``marker`` is on the terminal, and the peak RSS (KiB, VmHWM)
    one second later (what the app reads right after its first frame counts too)."""
    start = time.perf_counter()
    pid, fd = spawn_on_pty(argv, env)
    seen, drawn = b"", None
    try:
        while time.perf_counter() - start < timeout:
            try:
                chunk = read_pty(fd, 0.05)
            except OSError:
                break
            window = seen[-len(marker) :] + chunk  # a marker may straddle two reads
            seen = (seen + chunk)[-4096:]
            if drawn is None and marker in window:
                drawn = time.perf_counter() - start
            if drawn is not None and time.perf_counter() - start >= drawn + 1.0:
                break
        if drawn is None:
            raise RuntimeError(f"{argv} never drew {marker!r}; last output: {seen[-300:]!r}")
        return drawn, proc_status_kib(pid, "VmHWM")
    finally:
        end_process_group(pid)
        os.close(fd)


def run_on_pty(argv: Sequence[str], env: Mapping[str, str], timeout: float) -> None:
    """Run ``argv`` to its end on a pseudo-terminal, draining what it draws; raise with the
    last of its output if it fails or outlives ``timeout`` seconds."""
    pid, fd = spawn_on_pty(argv, env)
    deadline = time.monotonic() + timeout
    tail = b""
    try:
        while time.monotonic() < deadline:
            try:
                tail = (tail + read_pty(fd, 0.2))[-3000:]
            except OSError:
                break
        else:
            raise RuntimeError(f"{argv} still running after {timeout:.0f} s: {tail[-500:]!r}")
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:
            end_process_group(pid)
        os.close(fd)
    if os.waitstatus_to_exitcode(status):
        text = tail.decode(errors="replace").replace("\r", "")
        raise RuntimeError(f"{shlex.join(argv)} failed:\n{text[-1500:]}")


def pty_json_job(
    folder: Path,
    argv: Sequence[str],
    diary: Path | None,
    timeout: float,
    *,
    kept_weeks: bool = True,
) -> Callable[[], Any]:
    """A job: ``argv`` run on a pty, with ``--data`` on a fresh copy of ``diary`` (if any;
    ``kept_weeks`` as for ``fresh_copy``) and ``--out`` a file in ``folder``; it returns the
    JSON the program wrote there."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "result.json"

    def run() -> Any:
        data = (
            ["--data", str(fresh_copy(diary, folder / "store", kept_weeks=kept_weeks))]
            if diary
            else []
        )
        run_on_pty([*argv, *data, "--out", str(out)], terminal_env(), timeout=timeout)
        return json.loads(out.read_text())

    return run


def proc_status_kib(pid: int, field: str) -> int:
    """A memory figure (VmRSS, VmHWM, ...) of a running process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/{pid}/status")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Row:
    """One line of a result table: our figure beside its baseline, and the target."""

    what: str
    size: str  # "1 y", "10 y", "30 y", "30 y / 1 y", ...
    figure: str
    baseline: str
    ratio: float | None
    target: str = "—"  # "—": printed for reference, no target
    ok: bool | None = None
    key: bool = False  # one of the headline figures (run_all.py shows these first)

    @property
    def verdict(self) -> str:
        return "—" if self.ok is None else ("PASS" if self.ok else "FAIL")


def ratio_row(
    what: str,
    size: str,
    ours: float,
    base: float,
    *,
    fmt: Callable[[float], str] = ms,
    base_name: str = "",
    limit: float | None = None,
    key: bool = False,
) -> Row:
    """Our figure beside a baseline; PASS when ours / base <= limit (no limit: reference)."""
    ratio = ours / base if base else float("inf")
    baseline = fmt(base) + (f" ({base_name})" if base_name else "")
    target = "—" if limit is None else f"<= {limit:g}x"
    ok = None if limit is None else ratio <= limit
    return Row(what, size, fmt(ours), baseline, ratio, target, ok, key)


def size_label(years: int) -> str:
    return f"{years} y"


GROWTH_LIMIT = 1.3  # issue 15: at 30 years within 1.3x the 1-year figure


def growth_row(
    what: str,
    by_years: Mapping[int, float],
    *,
    fmt: Callable[[float], str] = ms,
    base_name: str = "",
    target: bool = True,
    key: bool = False,
) -> list[Row]:
    """The largest diary's figure beside the smallest's (no row if only one size ran); the
    1.3x target applies to 30 years against 1 year."""
    low, high = min(by_years), max(by_years)
    if low == high:
        return []
    limit = GROWTH_LIMIT if target and (low, high) == (1, 30) else None
    return [
        ratio_row(
            what,
            f"{high} y / {low} y",
            by_years[high],
            by_years[low],
            fmt=fmt,
            base_name=f"{base_name} at {low} y" if base_name else f"{low} y",
            limit=limit,
            key=key,
        )
    ]


def _ratio_text(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.2f}x"


def print_table(rows: Sequence[Row], title: str = "") -> None:
    if title:
        print(f"\n{title}")
    head = ("what", "size", "ours", "baseline", "ratio", "target", "result")
    cells = [
        (r.what, r.size, r.figure, r.baseline, _ratio_text(r.ratio), r.target, r.verdict)
        for r in rows
    ]
    widths = [max(len(head[i]), *(len(c[i]) for c in cells)) for i in range(len(head))]
    line = "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
    print(line)
    print("-" * len(line))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))


def finish(
    bench: str,
    how: str,
    rows: Sequence[Row],
    json_path: Path | None,
    show: Callable[[Sequence[Row]], None] | None = None,
) -> int:
    """Print how the figures were measured and the table; save the rows for run_all.py."""
    print(f"{bench}: {how}; {machine_note()}")
    (show or print_table)(rows)
    if json_path is not None:
        json_path.write_text(json.dumps({"bench": bench, "rows": [asdict(r) for r in rows]}))
    return 0


def load_rows(path: Path) -> tuple[str, list[Row]]:
    data = json.loads(path.read_text())
    return data["bench"], [Row(**r) for r in data["rows"]]


# --------------------------------------------------------------------------- arguments


def bench_parser(
    doc: str, *, repeats: int, quick_repeats: int = 1, per_size: bool = True
) -> argparse.ArgumentParser:
    """The options every benchmark takes (see ``bench_args``); ``per_size`` adds --repeats and
    --years, for benchmarks that measure each diary size the same way."""
    parser = argparse.ArgumentParser(
        description=doc.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: one-year diary only, {quick_repeats} repeat(s); figures mean little",
    )
    if per_size:
        parser.add_argument(
            "--repeats", type=int, help=f"interleaved repeats per figure (default {repeats})"
        )
        parser.add_argument(
            "--years",
            type=int,
            nargs="+",
            choices=YEARS,
            help="diary sizes in years (default: 1 10 30; --quick: 1)",
        )
    parser.add_argument(
        "--diaries",
        type=Path,
        metavar="DIR",
        help="make (or reuse, if made today) the demo diaries in DIR instead of a temp folder",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the result rows to FILE"
    )
    parser.set_defaults(_repeats=repeats, _quick_repeats=quick_repeats)
    return parser


def bench_args(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    args = parser.parse_args(argv)
    if args.repeats is None:
        args.repeats = args._quick_repeats if args.quick else args._repeats
    if args.years is None:
        args.years = [1] if args.quick else list(YEARS)
    args.years = sorted(set(args.years))
    return args
