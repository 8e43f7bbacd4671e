"""The data file read ahead while a command imports (store/prefetch.py, coach/__main__.py).

What must hold: the store uses bytes read ahead only for the very file it opens, unchanged
since; anything else (a file replaced or edited meanwhile, not a regular file, too big, gone)
means the store reads the file itself, as without a read ahead. The command line's guess at
``--data`` agrees with argparse wherever it names a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach import __main__ as entry
from coach import cli
from coach.models import CheckIn
from store import prefetch, storage
from store.db import Store
from store.paths import resolve_data_path

DAY = date(2026, 11, 26)


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "b.json"
    with Store.open(path) as store:
        store.put_checkin(CheckIn(DAY, pain=4))
    return path


def read_now(path: Path) -> None:
    """Wait until the read ahead of ``path`` is done (without taking it)."""
    prefetch._ahead[os.path.realpath(path)].result()


def body_crc(raw: bytes) -> int:
    return zlib.crc32(raw[raw.find(b"\n") + 1 :])


def test_the_bytes_read_ahead_are_the_file_and_given_once(diary: Path) -> None:
    interval = sys.getswitchinterval()
    prefetch.start(diary)
    raw = diary.read_bytes()
    assert prefetch.take(diary) == (raw, body_crc(raw))
    assert prefetch.take(diary) is None  # given once
    assert sys.getswitchinterval() == interval


def test_only_the_first_store_opened_uses_a_read_ahead(tmp_path: Path, diary: Path) -> None:
    """A read ahead of another file (a mistaken guess) is not kept for the whole session."""
    interval = sys.getswitchinterval()
    other = tmp_path / "other.json"
    other.write_bytes(diary.read_bytes())
    prefetch.start(other)
    assert prefetch.take(diary) is None
    assert prefetch._ahead == {} and sys.getswitchinterval() == interval
    assert prefetch.take(other) is None


@pytest.mark.parametrize("change", ["replaced", "edited in place", "removed"])
def test_a_file_changed_after_its_read_ahead_is_read_again(diary: Path, change: str) -> None:
    prefetch.start(diary)
    read_now(diary)
    if change == "replaced":  # as every save of the store does: a new file renamed over it
        other = diary.with_name("other.json")
        other.write_bytes(diary.read_bytes())
        os.replace(other, diary)
    elif change == "edited in place":
        with open(diary, "ab") as handle:
            handle.write(b" ")
    else:
        diary.unlink()
    assert prefetch.take(diary) is None


def test_no_read_ahead_of_what_is_not_a_regular_file_of_a_sane_size(
    tmp_path: Path, diary: Path
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path, tmp_path / "missing.json"):
        prefetch.start(path)
        assert prefetch.take(path) is None
    prefetch.start(diary, limit=10)
    assert prefetch.take(diary) is None


def test_the_store_opens_from_the_bytes_read_ahead(
    diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prefetch.start(diary)

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(storage, "read_bounded", no_read)
    with Store.open(diary, read_only=True) as store:
        assert store.get_checkin(DAY).pain == 4


def test_the_store_reads_a_file_changed_since_its_read_ahead(diary: Path) -> None:
    prefetch.start(diary)
    read_now(diary)
    with Store.open(diary) as store:
        store.put_checkin(CheckIn(DAY, pain=9))  # a new file renamed over the one read ahead
    with Store.open(diary, read_only=True) as store:
        assert store.get_checkin(DAY).pain == 9


def test_a_wrong_checksum_is_never_trusted(diary: Path) -> None:
    """Bytes and sum are taken together; a sum that does not fit makes the file be parsed
    whole, as a hand-edited one is (same data), never the lines trusted."""
    from store import lines

    raw = diary.read_bytes()
    assert lines.read(raw, body_crc=body_crc(raw)) is not None
    assert lines.read(raw, body_crc=body_crc(raw) ^ 1) is None


def test_bonecoach_reads_its_data_file_ahead(diary: Path) -> None:
    """The real entry point: the store never reads the file itself (its read is made to fail)."""
    code = (
        "import sys; from store import storage\n"
        "def no_read(*a, **k): raise SystemExit('read again')\n"
        "storage.read_bounded = no_read\n"
        f"sys.argv = ['bonecoach', 'export', '--format', 'json', '--data', {str(diary)!r}]\n"
        "from coach.__main__ import main\n"
        "sys.exit(main())\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "read again" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0 and '{"pain":4,' in done.stdout, done.stdout


@pytest.mark.parametrize(
    ("argv", "data", "command"),
    [
        ([], None, None),
        (["--data", "a.json"], "a.json", None),
        (["--data=a.json", "status"], "a.json", "status"),
        (["status", "--data", "a.json"], "a.json", "status"),
        (["--data", "a.json", "checkin", "--data", "b.json", "--pain", "3"], "b.json", "checkin"),
        (["checkin", "--note", "x", "--", "--data", "b.json"], None, "checkin"),
        (["--data"], None, None),
        (["--data", "status"], "status", None),  # (argparse says the same: a file "status")
    ],
)
def test_the_data_argument_and_the_command_are_found(
    argv: list[str], data: str | None, command: str | None
) -> None:
    assert entry.data_argument(argv) == data
    assert entry.command_word(argv) == command


@pytest.mark.parametrize(
    "argv", [["--help"], ["status", "-h"], ["--version"], ["demo"], ["import", "x.json"]]
)
def test_no_read_ahead_for_help_or_commands_that_read_their_own_way(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    monkeypatch.setattr(prefetch, "start", started.append)
    entry.read_ahead([*argv, "--data", str(tmp_path / "b.json")])
    assert started == []


TOKENS = st.sampled_from(
    [
        *("--data", "--data=a.json", "--data=", "--data=--pain", "a.json", "b.json"),
        *("status", "checkin", "report", "--pain", "3", "--days", "90", "--note", "--", "-", "x"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(argv=st.lists(TOKENS, max_size=8))
def test_the_guess_at_data_agrees_with_argparse(argv: list[str]) -> None:
    """Whenever argparse accepts the arguments, the file read ahead is the one the command
    opens (a wrong guess would only cost an unused read, but there is none to make)."""
    try:
        args = cli.build_parser().parse_args(argv)
    except SystemExit:
        return  # refused by the command: nothing is opened
    named = getattr(args, "data", None)
    assert entry.data_argument(argv) == named
    if named is not None and named.strip():
        assert resolve_data_path(entry.data_argument(argv)) == resolve_data_path(named)
