"""Hostile inputs for fuzzing: damaged data files, import files, command lines, and the checks.

Shared by the hypothesis tests in the suite (tests/test_fuzz.py, driven by ``st.randoms``) and
the longer stand-alone run (tests/fuzz_run.py). Every generator takes a ``random.Random`` so a
failure is replayed from its seed.

The invariant, for every command on every file: exit 0, or exit 1/2 with at most one line on
stderr and no traceback; and the data file is unchanged unless the command succeeded (and
always, for commands that only show).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import random
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from coach import cli
from coach.models import CHECKIN_RANGES, DXA_SITES, RED_FLAGS, RISK_FACTORS

TODAY = date(2026, 11, 26)
READ_ONLY_COMMANDS = {"status", "export", "report", "assess", "doctor-check", "profile-show"}

# JSON texts that cannot be written by json.dumps: put in as placeholders, replaced afterwards
SPECIAL = {
    "__HUGE__": "1" + "0" * 5000,
    "__BIG__": "9" * 400,
    "__NEGHUGE__": "-" + "7" * 4400,
    "__DEEP__": "[" * 20_000 + "]" * 20_000,
    "__DEEPOBJ__": '{"a":' * 3000 + "1" + "}" * 3000,
    "__INF__": "Infinity",
    "__NAN__": "NaN",
    "__BIGFLOAT__": "1e400",
}
HOSTILE_TEXTS = [
    "",
    " ",
    "abc",
    "\x1b]0;PWNED\x07\x1b[2J",
    '=HYPERLINK("http://x")',
    "\u202eevil",
    "\ud800",
    "x" * 600,
    "١٢",
    "1,5",
    "1_0",
    "1e3",
    "-1",
    "nan",
    "inf",
    "9" * 400,
    "2026-13-01",
    "2999-01-01",
    "9999-12-31",
    "0001-01-01",
    "2026-11-26",
    "2026-W48-4",
    "20261126",
    "null",
    "true",
    "\x00",
]
NUMBER_TEXTS = ["0", "1", "3", "5", "10", "11", "1.5", "1,5", "-2.5", "0.0", "600", "5000", "50000"]


def _some_text(rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        return rnd.choice(HOSTILE_TEXTS)
    alphabet = "ab1,.-_ é\x1b\n\t٣"
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))


def json_value(rnd: random.Random, depth: int = 0) -> Any:
    """A JSON value a hand-edit or an attacker might leave: odd types, sizes and shapes."""
    kind = rnd.randrange(16 if depth < 3 else 12)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.choice([True, False])
    if kind == 2:
        return rnd.choice(
            [0, 1, -1, 3, 4, 5, 7, 10, 11, 20, 50, 90, 99, 600, 3000, 5001, 50000, 2**63, 10**20]
        )
    if kind == 3:
        return rnd.choice([0.5, -2.5, 1.0000001, 1e308, -1e-308, 4.1, -6.1])
    if kind == 4:
        return rnd.choice(list(SPECIAL))
    if kind in (5, 6, 7):
        return _some_text(rnd)
    if kind == 8:
        return rnd.choice(
            [
                "2026-11-26",
                "2026-11-25",
                "2030-01-01",
                "1899-12-31",
                "1900-01-01",
                "2199-12-31",
                "2026-02-30",
                "2025-11-26",
            ]
        )
    if kind == 9:
        return rnd.choice(list(RED_FLAGS) + list(DXA_SITES) + ["none", "band", "osteoporosis"])
    if kind == 10:
        return []
    if kind == 11:
        return {}
    if kind in (12, 13):
        return [json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    return {_some_text(rnd): json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))}


def dumps(value: Any) -> bytes:
    """JSON bytes, with the placeholders above replaced by their raw texts."""
    text = json.dumps(value, ensure_ascii=False)
    for key, raw in SPECIAL.items():
        text = text.replace(json.dumps(key), raw)
    return text.encode("utf-8", "surrogatepass")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


def mutate_json(value: Any, rnd: random.Random, count: int = 3) -> Any:
    """Change one to ``count`` places: a new value, a removed key, a renamed key."""
    value = json.loads(json.dumps(value))
    for _ in range(rnd.randint(1, count)):
        paths = _paths(value)
        path = rnd.choice(paths)
        if not path:
            if isinstance(value, dict):
                value[_some_text(rnd) or "x"] = json_value(rnd)
            continue
        parent, key = _at(value, path[:-1]), path[-1]
        action = rnd.randrange(4)
        if action == 0 and isinstance(parent, dict):
            del parent[key]
        elif action == 1 and isinstance(parent, dict):
            parent[rnd.choice(["abc", "0", "-1", "99999999999", "01", "", "1.5", key])] = (
                parent.pop(key)
            )
        else:
            parent[key] = json_value(rnd)
    return value


def mutate_bytes(raw: bytes, rnd: random.Random) -> bytes:
    """Byte-level damage: torn, flipped, or spliced."""
    action = rnd.randrange(4)
    if action == 0 or not raw:
        return raw[: rnd.randint(0, len(raw))]
    position = rnd.randrange(len(raw))
    if action == 1:
        return raw[:position] + bytes([rnd.randrange(256)]) + raw[position + 1 :]
    if action == 2:
        splice = rnd.choice([b"\x00", b"\xff\xfe", b"{", b"]", b'"'])
        return raw[:position] + splice + raw[position:]
    return raw + rnd.choice([b"garbage", b"\n", b"{}"])


# --------------------------------------------------------------------------- files

_BASE: dict[str, Any] = {}


def base_data(folder: Path) -> dict[str, Any]:
    """A small but complete valid data file (profile, check-ins, scans, sessions, plan, ...)."""
    if "data" not in _BASE:
        from coach.demo import filler, make_demo
        from store.db import Store, write_new_store

        path = folder / "base.json"
        write_new_store(path, filler(make_demo(40, 3, today=TODAY)))
        with Store.open(path, clock=lambda: TODAY) as store:
            store.set_setting("theme", "textual-light")
            store.set_setting("frax", {"major": 12.0, "hip": 2.5})
            store.mark_topic_read("joint-pain", TODAY)
        _BASE["data"] = json.loads(path.read_text())
        with Store.open(path, read_only=True) as store:
            _BASE["export"] = store.export_dict()
        path.unlink()
    return _BASE["data"]


def base_export(folder: Path) -> dict[str, Any]:
    base_data(folder)
    return _BASE["export"]


def damaged_file(rnd: random.Random, folder: Path) -> bytes:
    """A data file as a hand-edit, a bug or a disk might leave it."""
    data = base_data(folder)
    choice = rnd.random()
    if choice < 0.55:
        return dumps(mutate_json(data, rnd, count=4))
    if choice < 0.7:
        return mutate_bytes(dumps(data), rnd)
    if choice < 0.9:
        return damaged_layout_file(rnd, data)
    return dumps(json_value(rnd))


def damaged_layout_file(rnd: random.Random, data: dict[str, Any]) -> bytes:
    """The file as the coach writes it (one document a line, a layout and checksum in the first
    line: store/lines.py), damaged: its bytes (the checksum then disagrees: read whole), the
    numbers of its layout edited by hand (they are outside the checksum), or a line of a table
    changed and the checksum and that table's length fixed up after, as only a forger would."""
    from store import lines

    raw, blocks = lines.encode(lines.strip_layout(json.loads(json.dumps(data))))
    end = raw.index(b"\n")
    meta = json.loads(raw[9 : end - 1])
    layout = meta["1"]["layout"]
    body = raw[end + 1 :]
    action = rnd.randrange(3)
    if action == 0:
        return mutate_bytes(raw, rnd)
    if action == 1:
        for _ in range(rnd.randint(1, 3)):
            index = rnd.randrange(1, len(layout))
            if isinstance(layout[index], int):
                layout[index] = rnd.choice(
                    [layout[index] + rnd.randint(-3, 3), rnd.randint(-2, len(raw) + 9), 0, -1]
                )
    else:
        name, start, stop = rnd.choice([b for b in blocks if b[2] > b[1]])
        block = raw[start:stop]
        changed = mutate_bytes(block, rnd) if rnd.random() < 0.4 else _moved_line(block, rnd)
        counted = changed.count(b"\n") - block.count(b"\n") if rnd.random() < 0.5 else 0
        return with_layout_fixed(
            raw[:start] + changed + raw[stop:], name, len(changed) - len(block), counted
        )
    return _with_meta(meta, body)


def with_layout_fixed(raw: bytes, table: str, grown: int, counted: int = 0) -> bytes:
    """A forger's work on a file in the line layout: the checksum and size made to agree with
    its body again, ``table``'s length grown by ``grown`` bytes and its count by ``counted``."""
    end = raw.index(b"\n")
    meta = json.loads(raw[9 : end - 1])
    body = raw[end + 1 :]
    layout = meta["1"]["layout"]
    layout[1:3] = [zlib.crc32(body), len(body)]
    at = layout.index(table)
    layout[at + 1] += counted
    layout[at + 3] += grown
    return _with_meta(meta, body)


def _with_meta(meta: dict[str, Any], body: bytes) -> bytes:
    return b'{"_meta":' + json.dumps(meta, separators=(",", ":")).encode() + b",\n" + body


def _moved_line(block: bytes, rnd: random.Random) -> bytes:
    """A line of a table's block removed, doubled, or given a stray one beside it."""
    rows = block.split(b"\n")[:-1]  # the block ends with a line break
    index = rnd.randrange(len(rows))
    action = rnd.randrange(3)
    if action == 0 and len(rows) > 1:
        del rows[index]
    elif action == 1:
        rows.insert(index, rows[index])
    else:
        stray = [b'"x":1,', b"", b" ", b'"9":{"day":"2026-01-01"},', b'"a\\"b":{},', b"{},"]
        rows.insert(index, rnd.choice(stray))
    if rows[-1].endswith(b","):  # the last line has no comma, as the coach writes it
        rows[-1] = rows[-1][:-1]
    return b"\n".join(rows) + b"\n"


def import_file(rnd: random.Random, folder: Path) -> bytes:
    """An import file: a damaged export, mostly."""
    export = base_export(folder)
    choice = rnd.random()
    if choice < 0.75:
        return dumps(mutate_json(export, rnd, count=3))
    if choice < 0.9:
        return mutate_bytes(dumps(export), rnd)
    return dumps(json_value(rnd))


# --------------------------------------------------------------------------- command lines


def _value(rnd: random.Random) -> str:
    return rnd.choice(NUMBER_TEXTS) if rnd.random() < 0.6 else _some_text(rnd)


def _out(rnd: random.Random, data: Path, folder: Path) -> list[str]:
    existing = folder / "existing.txt"
    existing.write_text("keep me")
    link = folder / "link.out"
    if not link.is_symlink():
        link.symlink_to(existing)
    target = rnd.choice(
        [
            None,
            "-",
            "",
            str(data),
            str(data) + ".lock",
            str(data.parent / "backups" / "x.bak.json"),
            str(folder),
            str(folder / "new.out"),
            str(existing),
            str(link),
            "/dev/null",
            "/dev/stdout",
            str(folder / "missing" / "x"),
        ]
    )
    args = [] if target is None else ["--out", target]
    return args + (["--force"] if rnd.random() < 0.3 else [])


def command_line(rnd: random.Random, data: Path, folder: Path) -> tuple[str, list[str]]:
    """(kind, argv): a random command with random, often hostile, arguments."""
    kind = rnd.choice(
        [
            "checkin",
            "checkin",
            "status",
            "export",
            "import",
            "report",
            "doctor-check",
            "doctor-repair",
            "doctor-restore",
            "assess",
            "plan",
            "profile-show",
            "profile-set",
        ]
    )
    data_args = ["--data", str(data)]
    if kind == "checkin":
        argv = ["checkin"]
        flags = [f"--{name.replace('_', '-')}" for name in CHECKIN_RANGES]
        flags = [f.replace("calcium-food-mg", "calcium-mg") for f in flags]
        for flag in rnd.sample(flags, rnd.randint(0, 3)):
            argv += [flag, _value(rnd)]
        if rnd.random() < 0.4:
            day = TODAY - timedelta(days=rnd.randint(-2, 60))
            argv += ["--date", rnd.choice([day.isoformat(), _some_text(rnd)])]
        if rnd.random() < 0.3:
            argv += ["--note", _some_text(rnd)]
        if rnd.random() < 0.2:
            argv += ["--ai-taken", rnd.choice(["yes", "no", "maybe"])]
        if rnd.random() < 0.2:
            argv += ["--red-flag", rnd.choice([*RED_FLAGS, "x"])]
        return kind, argv + data_args
    if kind == "status":
        return kind, ["status", *data_args]
    if kind == "export":
        fmt = rnd.choice(["json", "csv", "fhir"])
        return kind, ["export", "--format", fmt, *_out(rnd, data, folder), *data_args]
    if kind == "import":
        source = folder / "import.json"
        source.write_bytes(import_file(rnd, folder))
        return kind, ["import", str(source), *data_args]
    if kind == "report":
        days = rnd.choice(["90", "1", "3650", "0", "x", "9" * 400])
        fmt = rnd.choice(["md", "html"])
        out = _out(rnd, data, folder)
        return kind, ["report", "--days", days, "--format", fmt, *out, *data_args]
    if kind == "doctor-check":
        return kind, ["doctor", *data_args]
    if kind == "doctor-repair":
        return kind, ["doctor", "--repair", "--yes", *data_args]
    if kind == "doctor-restore":
        backups = sorted((data.parent / "backups").glob("*")) if data.parent.exists() else []
        choice = rnd.choice([*(str(b) for b in backups), str(data), "", str(folder / "nope")])
        return kind, ["doctor", "--restore", choice, *data_args]
    if kind == "assess":
        argv = ["assess"]
        if rnd.random() < 0.7:
            argv += [f"--t-score={_value(rnd)}"]
        if rnd.random() < 0.5:
            argv += ["--risk", rnd.choice([*RISK_FACTORS, "x"])]
        if rnd.random() < 0.3:
            argv += [f"--frax-major={_value(rnd)}"]
        return kind, argv + (["--json"] if rnd.random() < 0.5 else [])
    if kind == "plan":
        argv = ["plan"]
        if rnd.random() < 0.3:
            argv += ["--json"]
        if rnd.random() < 0.3:
            argv += ["--week", rnd.choice(["1", "6", "12", "13", "x"])]
        if rnd.random() < 0.3:
            argv += ["--regenerate"]
        return kind, argv + data_args
    if kind == "profile-show":
        return kind, ["profile", *(["--json"] if rnd.random() < 0.5 else []), *data_args]
    keys = ["name", "birth_year", "ai_drug", "ai_start", "days_per_week", "weight_kg", "equipment"]
    pairs = [f"{rnd.choice(keys)}={_value(rnd)}" for _ in range(rnd.randint(1, 3))]
    return kind, ["profile", "--set", *pairs, *data_args]


# --------------------------------------------------------------------------- running and checking


@dataclass
class Outcome:
    kind: str
    argv: list[str]
    code: int | None
    out: str
    err: str
    crash: str | None  # a traceback, if one escaped
    problem: str | None  # what broke the invariant, if anything


def run_cli(kind: str, argv: list[str], data: Path) -> Outcome:
    """Run one command in this process; check the invariant."""
    before = data.read_bytes() if data.is_file() else None
    out, err = io.StringIO(), io.StringIO()
    crash = None
    code: int | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except BaseException:
            crash = traceback.format_exc()
    after = data.read_bytes() if data.is_file() else None
    problem = None
    errors = [line for line in err.getvalue().splitlines() if line.strip()]
    if crash is None:
        if code not in (0, 1, 2):
            problem = f"exit status {code}"
        elif code != 0 and len(errors) > 1:
            problem = f"{len(errors)} lines on stderr"
        elif "Traceback" in err.getvalue():
            problem = "a traceback on stderr"
        elif code != 0 and before != after and not (kind == "status" and code == 1):
            problem = "the data file changed although the command failed"
        elif kind in READ_ONLY_COMMANDS and before != after:
            problem = "a command that only shows changed the data file"
    return Outcome(kind, argv, code, out.getvalue(), err.getvalue(), crash, problem)


def tui_start(data: Path, keys: str = "pt") -> tuple[bool, str | None]:
    """Open the app on ``data`` (if the CLI can read it) and visit places.

    Returns (opened, traceback or None); a file the CLI cannot read is not opened (the CLI and
    the app both say so in one line).
    """
    from coach.models import ValidationError
    from screens.app import CoachApp
    from store.db import Store, StoreError

    try:
        store = Store.open(data, clock=lambda: TODAY)
    except (StoreError, ValidationError):
        return False, None  # the CLI cannot read it either: it says so in one line

    async def walk() -> None:
        app = CoachApp(store, today=lambda: TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press("escape", "escape")
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("escape", "escape")
            await pilot.pause()

    try:
        asyncio.run(walk())
    except BaseException:
        return True, traceback.format_exc()
    finally:
        store.close()
    return True, None


def fresh_data_file(rnd: random.Random, folder: Path) -> Path:
    """A folder with one damaged data file (and sometimes a backup of it) to run a command on."""
    data = folder / "data" / "bonecoach.json"
    data.parent.mkdir(parents=True, exist_ok=True)
    content = damaged_file(rnd, folder) if rnd.random() < 0.85 else dumps(base_data(folder))
    data.write_bytes(content)
    if rnd.random() < 0.3:
        backups = data.parent / "backups"
        backups.mkdir(exist_ok=True)
        backup = (  # whole, or damaged as a data file can be (restore checks what it reads)
            dumps(base_data(folder)) if rnd.random() < 0.6 else damaged_file(rnd, folder)
        )
        (backups / f"bonecoach.json.{TODAY.isoformat()}.bak.json").write_bytes(backup)
    os.chmod(data, 0o600)
    return data


def describe(outcome: Outcome) -> str:
    head = f"{outcome.kind}: {' '.join(repr(a)[:60] for a in outcome.argv)}"
    return f"{head}\n{outcome.crash or outcome.problem}\nstderr: {outcome.err[:500]}"


Check = Callable[[Outcome], None]
