"""`bonecoach demo`, `report` and `export --format fhir` from the command line."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach import cli
from store.db import Store


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_writes_a_synthetic_store_and_refuses_to_overwrite(capsys, tmp_path: Path) -> None:
    target = tmp_path / "demo" / "patient.json"
    code, out, _ = call(capsys, "demo", "--days", "120", "--seed", "4", "--data", str(target))
    assert code == 0 and "synthetic" in out
    with Store.open(target, read_only=True) as store:
        assert store.get_profile() is not None
        assert 80 <= len(store.checkins()) <= 120
        assert store.get_plan() is not None
    before = target.read_bytes()
    code, _, err = call(capsys, "demo", "--data", str(target))
    assert code == 2 and "not overwriting" in err
    assert target.read_bytes() == before


def test_demo_is_deterministic_per_seed(capsys, tmp_path: Path) -> None:
    for name in ("a", "b"):
        call(
            capsys, "demo", "--days", "60", "--seed", "9", "--data", str(tmp_path / f"{name}.json")
        )
    call(capsys, "demo", "--days", "60", "--seed", "10", "--data", str(tmp_path / "c.json"))
    a, b, c = ((tmp_path / f"{n}.json").read_bytes() for n in "abc")
    assert a == b and a != c


@pytest.mark.parametrize("days", ["0", "10951", "x"])
def test_demo_rejects_bad_days(capsys, days: str) -> None:
    code, _, err = call(capsys, "demo", "--days", days, "--data", "/nonexistent/x.json")
    assert code == 2 and "from 1 to 10950" in err


def test_demo_writes_a_thirty_year_diary_for_benchmarks(capsys, tmp_path: Path) -> None:
    target = tmp_path / "thirty.json"
    code, out, _ = call(capsys, "demo", "--days", "10950", "--data", str(target))
    assert code == 0 and "10950 days" in out
    with Store.open(target, read_only=True) as store:
        checkins = store.checkins()
        assert (checkins[0].day - store.get_profile().ai_start).days < 7
        assert (checkins[-1].day - checkins[0].day).days >= 10930  # thirty years, end to end
        assert 0.85 * 10950 <= len(checkins) <= 0.95 * 10950  # about 1 day in 10 missed
        assert len(store.session_logs()) > 5000 and store.get_plan() is not None


def test_demo_tui_never_touches_the_real_data_file(tmp_path: Path, _isolated_data: Path) -> None:
    """Run the demo TUI briefly in a child process; the real file's bytes must not change."""
    real = _isolated_data
    with Store.open(real) as store:  # a real patient's file, present and holding data
        from datetime import date

        from coach.models import CheckIn

        store.put_checkin(CheckIn(date(2026, 1, 1), pain=2))
    digest = hashlib.sha256(real.read_bytes()).hexdigest()
    listing = sorted(p.name for p in real.parent.iterdir())
    code = (
        "import asyncio, sys\n"
        "from coach import cli\n"
        "from screens.app import CoachApp\n"
        "async def quit_soon(self):\n"
        "    self.set_timer(0.5, self.exit)\n"
        "CoachApp.on_ready = quit_soon\n"
        "sys.exit(cli.main(['demo', '--days', '30']))\n"
    )
    env = {**os.environ, "TERM": "xterm-256color"}
    main_fd, terminal_fd = os.openpty()  # the app needs a terminal, as a person has
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            stdin=terminal_fd,
            stdout=terminal_fd,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env=env,
        )
    finally:
        os.close(terminal_fd)
        os.close(main_fd)
    assert result.returncode == 0, result.stderr[-2000:]
    assert hashlib.sha256(real.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in real.parent.iterdir()) == listing


def test_demo_without_a_terminal_says_so(capsys) -> None:
    code, _, err = call(capsys, "demo", "--days", "30")  # pytest's stdin is not a terminal
    assert code == 2 and "needs a terminal" in err


def test_report_markdown_and_html(capsys, tmp_path: Path) -> None:
    data = tmp_path / "demo.json"
    call(capsys, "demo", "--days", "200", "--data", str(data))
    code, out, _ = call(capsys, "report", "--data", str(data))
    assert code == 0 and out.startswith("# Bone health visit summary")
    for heading in ("## Check-ins", "## Joint pain", "## Exercise", "## Calcium and vitamin D"):
        assert heading in out
    page = tmp_path / "visit.html"
    code, _, _ = call(
        capsys,
        "report",
        "--data",
        str(data),
        "--format",
        "html",
        "--days",
        "30",
        "--out",
        str(page),
    )
    html = page.read_text()
    assert code == 0 and html.lstrip().lower().startswith("<!doctype html>")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in html and "@page" in html
    assert oct(page.stat().st_mode & 0o777) == "0o600"


def test_report_on_an_empty_store_says_so(capsys) -> None:
    code, out, _ = call(capsys, "report")
    assert code == 0 and "No check-ins in this period (0 of 90 days)" in out


def test_fhir_export_is_a_valid_r4_bundle(capsys, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    data = tmp_path / "demo.json"
    call(capsys, "demo", "--days", "60", "--data", str(data))
    code, out, _ = call(capsys, "export", "--format", "fhir", "--data", str(data))
    bundle = json.loads(out)
    assert code == 0 and bundle["type"] == "collection"
    Bundle.model_validate(bundle)
    patients = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    assert len(patients) == 1 and "name" not in patients[0] and "identifier" not in patients[0]
