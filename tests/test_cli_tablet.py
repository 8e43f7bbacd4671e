"""`bonecoach checkin --ai-missed-reason`, `profile --set ai_end` and the report's tablet section
from the command line: a good reason is saved, a bad one is refused in one line with nothing
written."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from store.db import Store

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.usefixtures("cli_on_module_today")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def stored(data: Path, day: date = TODAY):
    store = Store.open(data, read_only=True, clock=lambda: TODAY)
    try:
        return store.get_checkin(day)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("forgot", "forgot"),
        ("side-effects", "side-effects"),
        ("side effects", "side-effects"),
        ("Ran_Out", "ran-out"),
        ("care-team-paused", "care-team-paused"),
        ("other", "other"),
    ],
)
def test_a_reason_with_a_no_is_saved(capsys, _isolated_data: Path, typed: str, saved: str) -> None:
    code, out, err = call(capsys, "checkin", "--ai-taken", "no", "--ai-missed-reason", typed)
    assert (code, err) == (0, "")
    assert "Saved check-in for 2026-11-26 (ai_taken, ai_missed_reason)." in out
    c = stored(_isolated_data)
    assert (c.ai_taken, c.ai_missed_reason) == (False, saved)


def test_a_reason_alone_adds_to_a_day_already_recorded_as_not_taken(
    capsys, _isolated_data: Path
) -> None:
    call(capsys, "checkin", "--ai-taken", "no", "--pain", "5")
    code, out, _ = call(capsys, "checkin", "--ai-missed-reason", "ran-out")
    assert code == 0 and "you ran out" in out
    c = stored(_isolated_data)
    assert (c.pain, c.ai_taken, c.ai_missed_reason) == (5, False, "ran-out")
    call(capsys, "checkin", "--ai-taken", "yes")  # taken after all: the reason goes
    assert stored(_isolated_data).ai_missed_reason is None


@pytest.mark.parametrize(
    ("first", "args", "expected"),
    [
        (None, ["--ai-missed-reason", "lazy"], "must be one of forgot, side-effects, ran-out"),
        (None, ["--ai-missed-reason", "forgot"], "no tablet answer for 2026-11-26 yet"),
        (None, ["--ai-taken", "yes", "--ai-missed-reason", "forgot"], "--ai-taken says yes"),
        (["--ai-taken", "yes"], ["--ai-missed-reason", "forgot"], "is recorded as taken"),
        (None, ["--pain", "3", "--ai-missed-reason", ""], "must be one of"),
    ],
)
def test_a_bad_reason_is_one_line_and_writes_nothing(
    capsys, _isolated_data: Path, first: list[str] | None, args: list[str], expected: str
) -> None:
    if first:
        call(capsys, "checkin", *first)
    before = _isolated_data.read_bytes() if _isolated_data.exists() else None
    code, out, err = call(capsys, "checkin", *args)
    assert code == 2 and out == ""
    assert expected in err and len(err.strip().splitlines()) == 1
    after = _isolated_data.read_bytes() if _isolated_data.exists() else None
    assert after == before


def test_side_effects_twice_suggests_the_care_team(capsys, _isolated_data: Path) -> None:
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    reason = ["--ai-taken", "no", "--ai-missed-reason", "side-effects"]
    _, out, _ = call(capsys, "checkin", "--date", yesterday, *reason)
    assert "Please raise this" not in out
    _, out, _ = call(capsys, "checkin", *reason)
    assert "! Side effects kept you from your tablet on 2 days in the last 30." in out


def test_ai_end_from_the_profile_command_and_the_note_after_it(
    capsys, _isolated_data: Path
) -> None:
    code, _, err = call(capsys, "profile", "--set", "ai_start=2021-11-01", "ai_end=2020-01-01")
    assert code == 2 and "ai_end: must be after the start 2021-11-01" in err
    code, out, _ = call(capsys, "profile", "--set", "ai_start=2021-11-01", "ai_end=2026-11-20")
    assert code == 0 and "ai_end               2026-11-20" in out
    _, out, _ = call(capsys, "checkin", "--ai-taken", "yes")
    assert "your AI course ended on 2026-11-20" in out and "left out of the tablet" in out
    _, out, _ = call(capsys, "checkin", "--pain", "2")
    assert "Note:" not in out  # no tablet answer given: nothing to say
    code, out, _ = call(capsys, "profile", "--set", "ai_end=none")
    assert code == 0 and "ai_end               -" in out


def test_report_and_csv_carry_the_tablet_story(capsys, _isolated_data: Path) -> None:
    call(capsys, "profile", "--set", "ai_start=2026-01-01")
    for offset, reason in ((1, "forgot"), (2, "forgot"), (4, "other")):
        day = (TODAY - timedelta(days=offset)).isoformat()
        call(capsys, "checkin", "--date", day, "--ai-taken", "no", "--ai-missed-reason", reason)
    for offset in (0, 3, 5, 6):
        day = (TODAY - timedelta(days=offset)).isoformat()
        call(capsys, "checkin", "--date", day, "--ai-taken", "yes")
    code, out, _ = call(capsys, "report", "--days", "7")
    assert code == 0
    assert "Taken on 4 of 7 days answered (57%), below the 80% line" in out
    assert "Longest run of missed days: 2 days (2026-11-24 to 2026-11-25)." in out
    assert "Reasons given for missed days: forgot 2, other 1." in out
    _, out, _ = call(capsys, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["ai_missed_reason"] for r in rows if r["ai_taken"] == "no"] == [
        "other",
        "forgot",
        "forgot",
    ]


def test_the_fhir_export_carries_the_reason(capsys, _isolated_data: Path) -> None:
    import json

    call(capsys, "checkin", "--ai-taken", "no", "--ai-missed-reason", "side-effects")
    code, out, _ = call(capsys, "export", "--format", "fhir")
    assert code == 0
    observations = [
        e["resource"]
        for e in json.loads(out)["entry"]
        if e["resource"]["resourceType"] == "Observation"
    ]
    taken = next(
        o for o in observations if o["code"]["coding"][0]["code"] == "aromatase-inhibitor-taken"
    )
    assert taken["valueBoolean"] is False
    (reason,) = taken["component"]
    assert reason["code"]["coding"][0]["code"] == "aromatase-inhibitor-missed-reason"
    assert reason["valueString"] == "side effects"
