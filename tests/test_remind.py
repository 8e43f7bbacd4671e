"""`bonecoach remind --ics`: the calendar file read back by a second, independent parser
(vobject; the file is written with icalendar), stable UIDs, and bad values refused in one line
with nothing written."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from coach import cli
from coach.plan_view import session_date, session_id
from store.db import Store

TODAY = date(2026, 11, 26)  # a Thursday
pytestmark = pytest.mark.usefixtures("cli_on_module_today")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def read_store(data: Path) -> Store:
    return Store.open(data, read_only=True, clock=lambda: TODAY)


def parse(path: Path):
    """The file as a phone would read it: vobject, not the library that wrote it."""
    return vobject.readOne(path.read_text(encoding="utf-8"))


def events(cal) -> dict[str, object]:
    return {ev.uid.value: ev for ev in cal.vevent_list}


@pytest.fixture
def patient(capsys, _isolated_data: Path) -> Path:
    """A profile on the AI, a plan made today, and a DXA scan two years ago."""
    call(
        capsys,
        "profile",
        "--set",
        "ai_start=2025-06-01",
        "ai_end=2030-06-01",
        "days_per_week=3",
        "bone_status=osteopenia",
    )
    code, _, err = call(capsys, "plan")
    assert code == 0, err
    scan = (TODAY - timedelta(days=400)).isoformat()
    code, _, err = call(capsys, "scan", "add", "--date", scan, "--lumbar-spine", "-1.5")
    assert code == 0, err
    return _isolated_data


def test_the_calendar_holds_checkin_sessions_scan_and_refill(
    capsys, patient: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "bonecoach.ics"
    code, out, err = call(
        capsys,
        "remind",
        "--ics",
        str(ics),
        "--at",
        "19:30",
        "--refill-every",
        "28",
        "--refill-from",
        "2026-12-03",
    )
    assert (code, err) == (0, ""), err
    assert out.startswith(f"Wrote {ics}: a daily check-in reminder at 19:30 (local time)")
    assert ics.stat().st_mode & 0o777 == 0o600
    raw = ics.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\n" in raw  # RFC 5545 line ends
    cal = parse(ics)
    assert cal.version.value == "2.0" and cal.prodid.value.startswith("-//bonecoach")
    store = read_store(patient)
    calendar_id = store.get_setting("calendar_id")
    plan = store.get_plan()
    store.close()
    assert len(calendar_id) == 16
    found = events(cal)

    # the daily check-in: a floating local time (no time zone), every day, an alarm at the time
    checkin = found[f"checkin-{calendar_id}@bonecoach"]
    assert checkin.dtstart.value == datetime(2026, 11, 26, 19, 30)
    assert checkin.dtstart.value.tzinfo is None
    assert checkin.rrule.value == "FREQ=DAILY"
    rules = checkin.getrruleset()
    assert list(rules.between(datetime(2026, 12, 1), datetime(2026, 12, 3, 23, 59))) == [
        datetime(2026, 12, d, 19, 30) for d in (1, 2, 3)
    ]
    alarm = checkin.valarm
    assert alarm.action.value == "DISPLAY" and alarm.trigger.value == timedelta(0)
    assert "your tablet" in checkin.description.value

    # the plan's sessions from today on, all-day, one event per plan slot
    expected = {
        f"session-{session_id(week, s)}-{calendar_id}@bonecoach": session_date(
            plan, week.week, s.day
        )
        for week in plan.weeks
        for s in week.sessions
        if session_date(plan, week.week, s.day) >= TODAY
    }
    sessions = {uid: ev for uid, ev in found.items() if uid.startswith("session-")}
    assert expected and {uid: ev.dtstart.value for uid, ev in sessions.items()} == expected
    assert all(ev.summary.value.startswith("Exercise: ") for ev in sessions.values())
    assert f"{len(expected)} exercise sessions" in out

    # the next DXA: ASCO 2019 every 2 years after the last scan (osteopenia, no agent offered)
    dxa = found[f"dxa-{calendar_id}@bonecoach"]
    scan = TODAY - timedelta(days=400)
    assert dxa.dtstart.value == date(scan.year + 2, scan.month, scan.day)
    triggers = sorted(a.trigger.value for a in dxa.valarm_list)
    assert triggers == [timedelta(days=-7), timedelta(hours=19, minutes=30)]

    # the refill: every 28 days from 3 December at the reminder time, not after the course
    refill = found[f"refill-{calendar_id}@bonecoach"]
    rules = refill.getrruleset()
    first = list(rules)[:3]
    assert first == [datetime(2026, 12, 3, 19, 30) + timedelta(days=28 * k) for k in range(3)]
    assert max(rules) <= datetime(2030, 6, 1, 23, 59, 59)
    assert refill.valarm.trigger.value == timedelta(0)
    assert len(found) == 3 + len(expected)


def test_writing_again_keeps_every_uid(capsys, patient: Path, tmp_path: Path) -> None:
    ics = tmp_path / "r.ics"
    assert call(capsys, "remind", "--ics", str(ics))[0] == 0
    first = set(events(parse(ics)))
    code, _, err = call(capsys, "remind", "--ics", str(ics))
    assert code == 2 and "--ics:" in err and "exists; add --force" in err
    assert call(capsys, "remind", "--ics", str(ics), "--force", "--at", "08:00")[0] == 0
    second = events(parse(ics))
    assert set(second) == first  # the same events, updated (here: a new time)
    assert next(ev for uid, ev in second.items() if uid.startswith("checkin")).dtstart.value == (
        datetime(2026, 11, 26, 8, 0)
    )


def test_another_data_file_gets_its_own_calendar(capsys, patient: Path, tmp_path: Path) -> None:
    mine, theirs = tmp_path / "a.ics", tmp_path / "b.ics"
    call(capsys, "remind", "--ics", str(mine))
    other = tmp_path / "other.json"
    assert call(capsys, "remind", "--data", str(other), "--ics", str(theirs))[0] == 0
    assert not set(events(parse(mine))) & set(events(parse(theirs)))


def test_without_a_profile_or_plan_there_is_still_a_checkin_and_a_baseline_scan(
    capsys, _isolated_data: Path, tmp_path: Path
) -> None:
    code, out, _ = call(capsys, "remind", "--ics", "-")
    assert code == 0
    cal = vobject.readOne(out)
    uids = sorted(ev.uid.value.split("-")[0] for ev in cal.vevent_list)
    assert uids == ["checkin", "dxa"]
    dxa = next(ev for ev in cal.vevent_list if ev.uid.value.startswith("dxa"))
    assert dxa.dtstart.value == TODAY  # no scan on record: a baseline scan is due now


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--at", "24:00"], "--at: must be a time as HH:MM on the 24-hour clock"),
        (["--at", "7pm"], "--at: must be a time as HH:MM"),
        (["--at", "19:60"], "--at: must be a time as HH:MM"),
        (["--at", ""], "--at: must be a time as HH:MM"),
        (["--refill-every", "0", "--refill-from", "2026-12-01"], "from 1 to 366 (got 0)"),
        (["--refill-every", "x", "--refill-from", "2026-12-01"], "--refill-every: must be"),
        (["--refill-every", "400", "--refill-from", "2026-12-01"], "from 1 to 366"),
        (["--refill-every", "28", "--refill-from", "12/01/2026"], "must be a date as YYYY-MM-DD"),
        (["--refill-every", "28"], "--refill-every and --refill-from go together"),
        (["--refill-from", "2026-12-01"], "--refill-every and --refill-from go together"),
        (["--refill-every", "28", "--refill-from", "2031-01-01"], "after the end of your AI"),
    ],
)
def test_bad_values_give_one_line_and_write_nothing(
    capsys, patient: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    ics = tmp_path / "r.ics"
    settings_before = read_store(patient).settings()
    code, out, err = call(capsys, "remind", "--ics", str(ics), *args)
    assert code == 2 and out == ""
    assert expected in err and len(err.strip().splitlines()) == 1
    assert not ics.exists()
    assert read_store(patient).settings() == settings_before  # no calendar id made either


def test_after_the_course_no_refill_and_no_tablet(capsys, patient: Path, tmp_path: Path) -> None:
    call(capsys, "profile", "--set", "ai_end=2026-11-20")
    ics = tmp_path / "r.ics"
    code, _, err = call(
        capsys, "remind", "--ics", str(ics), "--refill-every", "28", "--refill-from", "2026-12-01"
    )
    assert code == 2 and "your AI course ended on 2026-11-20" in err and not ics.exists()
    assert call(capsys, "remind", "--ics", str(ics))[0] == 0
    checkin = next(ev for ev in parse(ics).vevent_list if ev.uid.value.startswith("checkin"))
    assert "tablet" not in checkin.description.value


def test_the_time_parser_takes_one_or_two_hour_digits() -> None:
    from coach.reminders import parse_clock

    assert parse_clock("7:05") == time(7, 5) and parse_clock(" 23:59 ") == time(23, 59)
    for bad in ("7", "07:5", "-1:00", "12:00:00", "１２:００", "１:００", "٣:٠٠"):
        with pytest.raises(ValueError, match="HH:MM"):
            parse_clock(bad)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12) | st.from_regex(r"\s?\d{1,3}:\d{1,3}\s?", fullmatch=True))
def test_any_typed_time_is_read_or_refused_in_words(text: str) -> None:
    from coach.reminders import parse_clock

    try:
        parsed = parse_clock(text)
    except ValueError as error:
        assert "must be a time as HH:MM" in str(error)
        return
    hours, minutes = text.strip().split(":")
    assert (parsed.hour, parsed.minute) == (int(hours), int(minutes))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_typed_reason_is_one_of_the_five_or_refused_in_words(text: str) -> None:
    import argparse

    from coach.models import AI_MISSED_REASONS

    try:
        reason = cli._missed_reason(text)
    except argparse.ArgumentTypeError as error:
        assert "must be one of forgot, side-effects" in str(error)
        return
    assert reason in AI_MISSED_REASONS
