"""`bonecoach scan`, `bone`, `checkin` messages and `profile --set` (issue 12's CLI contract)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.plan_view import session_date
from store.db import Store

TODAY = date.today()
pytestmark = pytest.mark.usefixtures("cli_on_module_today")
BONE_KEYS = {
    "age",
    "bone_status",
    "risk_factors",
    "aibl_2017",
    "asco_2019",
    "next_dxa_due",
    "falls_assessment_advised",
}


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def bone(capsys) -> dict:
    code, out, _ = call(capsys, "bone", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == BONE_KEYS
    assert set(data["bone_status"]) == {"value", "source"}
    assert all(set(f) == {"name", "source"} for f in data["risk_factors"])
    assert set(data["aibl_2017"]) == {"bone_therapy_advised", "missing", "reasons"}
    assert set(data["asco_2019"]) == {"offer_bone_agent", "missing", "reasons"}
    for key, answer in (("aibl_2017", "bone_therapy_advised"), ("asco_2019", "offer_bone_agent")):
        assert bool(data[key]["missing"]) == (data[key][answer] is None)
    return data


def profile(capsys, *pairs: str) -> None:
    args = [a for pair in pairs for a in ("--set", pair)]
    code, _, err = call(capsys, "profile", *args)
    assert code == 0, err


def plan_json(capsys) -> dict:
    code, out, _ = call(capsys, "plan", "--json")
    assert code == 0
    return json.loads(out)


def plan_ids(data: dict) -> set[str]:
    return {e["id"] for w in data["weeks"] for s in w["sessions"] for e in s["exercises"]}


# --------------------------------------------------------------------------- profile --set


def test_repeated_set_flags_keep_every_pair(capsys, _isolated_data: Path) -> None:
    code, _, _ = call(
        capsys, "profile", "--set", "birth_year=1955", "--set", "vertebral_fracture=yes",
        "--set", "bone_status=osteoporosis", "height_cm=160", "weight_kg=58.5",
    )  # fmt: skip
    assert code == 0
    with Store.open(_isolated_data, read_only=True) as store:
        p = store.get_profile()
    assert (p.birth_year, p.vertebral_fracture, p.bone_status) == (1955, True, "osteoporosis")
    assert (p.height_cm, p.weight_kg) == (160.0, 58.5)


def test_birth_date_sets_the_year_and_makes_the_age_exact(capsys) -> None:
    born = date(TODAY.year - 66, 12, 31) if (TODAY.month, TODAY.day) != (12, 31) else None
    if born is None:
        pytest.skip("on 31 December the example birthday is today")
    profile(capsys, f"birth_date={born.isoformat()}")
    assert bone(capsys)["age"] == 65  # the birthday is still to come this year
    code, _, err = call(capsys, "profile", "--set", "birth_year=1950")
    assert code == 2 and "birth_date" in err


@pytest.mark.parametrize("bad", ["height_cm=99", "height_cm=abc", "smoker=sometimes"])
def test_bad_new_profile_keys_are_refused(capsys, bad: str) -> None:
    code, _, err = call(capsys, "profile", "--set", bad)
    assert code == 2 and len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- scan


def test_scan_add_and_list(capsys, _isolated_data: Path) -> None:
    code, out, _ = call(
        capsys, "scan", "add", "--date", "2025-03-01", "--lumbar-spine", "-2.7", "--total-hip",
        "-1.9",
    )  # fmt: skip
    assert code == 0 and "lumbar spine -2.7" in out and "total hip -1.9" in out
    code, out, _ = call(capsys, "scan", "add", "--date", "2025-03-01", "--total-hip", "-2.0")
    assert "Replaced: total hip -2.0" in out
    code, out, _ = call(capsys, "scan", "list", "--json")
    assert json.loads(out) == [
        {"day": "2025-03-01", "site": "lumbar_spine", "t_score": -2.7},
        {"day": "2025-03-01", "site": "total_hip", "t_score": -2.0},
    ]
    code, out, _ = call(capsys, "scan", "list")
    assert "2025-03-01  lumbar spine  -2.7" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--date", (TODAY + timedelta(days=1)).isoformat(), "--total-hip", "-1"], "after today"),
        (["--date", "2025-01-01"], "at least one T-score"),
        (["--date", "2025-01-01", "--total-hip", "-7"], "from -6 to 4"),
        (["--date", "1/1/2025", "--total-hip", "-1"], "YYYY-MM-DD"),
        (["--total-hip", "-1"], "--date"),
    ],
)
def test_scan_add_refuses_bad_input(capsys, _isolated_data: Path, args, words) -> None:
    code, _, err = call(capsys, "scan", "add", *args)
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert not _isolated_data.exists()


# --------------------------------------------------------------------------- bone --json


def test_issue_example_71_with_a_spine_fracture_and_no_scan(capsys) -> None:
    profile(capsys, f"birth_year={TODAY.year - 71}", "vertebral_fracture=yes",
            "bone_status=osteoporosis")  # fmt: skip
    data = bone(capsys)
    assert data["age"] == 71
    assert data["bone_status"] == {"value": "osteoporosis", "source": "profile"}
    assert {f["name"]: f["source"] for f in data["risk_factors"]} == {
        "fragility-fracture": "derived from profile",
        "age-over-65": "derived from profile",
    }
    assert data["aibl_2017"]["bone_therapy_advised"] is True
    assert data["asco_2019"]["offer_bone_agent"] is True
    assert data["next_dxa_due"] == TODAY.isoformat()
    _code, report, _ = call(capsys, "report")
    assert "spine (vertebral) fracture" in report
    assert "bone-directed therapy advised" in report and "may be offered" in report


def test_missing_data_is_null_with_what_is_missing(capsys) -> None:
    profile(capsys, "birth_year=1970", "smoker=no", "weight_kg=60", "height_cm=165")
    data = bone(capsys)
    assert data["aibl_2017"]["bone_therapy_advised"] is None
    assert any("DXA" in m for m in data["aibl_2017"]["missing"])
    assert data["asco_2019"]["offer_bone_agent"] is None
    assert any("FRAX" in m for m in data["asco_2019"]["missing"])
    call(capsys, "scan", "add", "--date", "2026-01-05", "--total-hip", "-2.4")
    data = bone(capsys)
    assert data["bone_status"] == {"value": "osteopenia", "source": "scan"}
    assert data["aibl_2017"]["bone_therapy_advised"] is True  # -2.4 < -2.0
    assert data["asco_2019"]["offer_bone_agent"] is None  # FRAX never given
    assert data["next_dxa_due"] == "2028-01-05"


def test_nothing_stored_is_all_unknown(capsys) -> None:
    data = bone(capsys)
    assert data["age"] is None and data["bone_status"]["value"] == "unknown"
    assert data["aibl_2017"]["bone_therapy_advised"] is None


def test_unsmoked_profile_asks_smoking(capsys) -> None:
    profile(capsys, "birth_year=1970", "weight_kg=60", "height_cm=165")
    call(capsys, "scan", "add", "--date", "2026-01-05", "--total-hip", "-1.8")
    data = bone(capsys)
    assert data["aibl_2017"]["bone_therapy_advised"] is None
    assert any("smoking" in m for m in data["aibl_2017"]["missing"])


@pytest.mark.parametrize(
    ("age", "falls", "fracture"), [(90, 5, "no"), (100, 20, "yes"), (70, 2, "no")]
)
def test_fallers_get_a_falls_assessment(capsys, age: int, falls: int, fracture: str) -> None:
    profile(capsys, f"birth_year={TODAY.year - age}", f"falls_last_year={falls}",
            f"vertebral_fracture={fracture}")  # fmt: skip
    assert bone(capsys)["falls_assessment_advised"] is True
    _code, text, _ = call(capsys, "bone")
    assert "falls assessment" in text
    reasons = " ".join(plan_json(capsys)["reasons"])
    assert "falls assessment" in reasons


def test_conflicting_ticks_are_not_counted(capsys) -> None:
    profile(capsys, f"birth_year={TODAY.year - 51}", "weight_kg=95",
            "risk_factors=age-over-65,low-bmi")  # fmt: skip
    data = bone(capsys)
    assert data["risk_factors"] == []
    assert data["aibl_2017"]["bone_therapy_advised"] is not True
    assert any("not counted" in r for r in data["aibl_2017"]["reasons"])


def test_bone_text_is_plain(capsys) -> None:
    profile(capsys, f"birth_year={TODAY.year - 71}", "vertebral_fracture=yes")
    code, out, _ = call(capsys, "bone")
    assert code == 0
    assert out.startswith("What the guidelines say — discuss with your care team")
    assert "Your results meet the point where guidelines advise discussing" in out
    assert all(len(line) <= 78 for line in out.splitlines())
    assert "No branch met" not in out


# --------------------------------------------------------------------------- plan and scans


def test_a_scan_reaches_the_plan(capsys) -> None:
    """Issue 12, item 2: a DXA entered after the plan was made changes the plan."""
    profile(capsys, "birth_year=1960", "smoker=no", "supervised=yes")
    before = plan_json(capsys)
    assert any(r.startswith("Bone status used: unknown") for r in before["reasons"])
    call(capsys, "scan", "add", "--date", "2026-01-05", "--lumbar-spine", "-2.8")
    after = plan_json(capsys)
    assert any(
        r.startswith("Bone status used: osteoporosis, from the latest DXA scan")
        for r in after["reasons"]
    )
    assert after["adaptations"][-1]["kind"] == "refit"


@pytest.mark.parametrize("weekday", range(7))
def test_logged_falls_feed_the_plan(
    capsys, monkeypatch, _isolated_data: Path, weekday: int
) -> None:
    """From the day a fall is logged, every session left has no stairs, whatever the weekday
    (the refit leaves this week's past days as they were planned)."""
    today = date(2026, 11, 30) + timedelta(days=weekday)  # a Monday, then each day after it
    monkeypatch.setattr(cli, "_today", lambda: today)
    profile(capsys, "birth_year=1950", "smoker=no", "days_per_week=5", "minutes_per_session=45")
    first = plan_json(capsys)
    assert "stair-climb" in plan_ids(first) or "step-up" in plan_ids(first)
    _code, out, _ = call(capsys, "checkin", "--fall", "yes", "--fall-injured", "no")
    assert "watch for new back pain or loss of height" in out
    after = plan_json(capsys)
    with Store.open(_isolated_data, read_only=True) as store:
        plan = store.get_plan()
    assert plan is not None
    left = {
        given.exercise_id
        for week in plan.weeks
        for session in week.sessions
        if session_date(plan, week.week, session.day) >= today
        for given in session.prescriptions
    }
    assert left and not left & {"stair-climb", "step-up"}
    assert any("no stair climbing or step-ups" in r for r in after["reasons"])


# --------------------------------------------------------------------------- checkin messages


def test_checkin_prints_emergency_advice_first(capsys) -> None:
    code, out, _ = call(capsys, "checkin", "--red-flag", "chest_pain", "--pain", "10")
    lines = out.strip().splitlines()
    assert code == 0
    assert lines[0].startswith("EMERGENCY: Call emergency services")
    assert lines[1].startswith("STOP: Stop exercising and contact your care team today")
    assert "severe" in lines[2] and lines[-1].startswith("Saved check-in")


def test_checkin_prints_the_summary_messages(capsys) -> None:
    code, out, _ = call(
        capsys, "checkin", "--fall", "yes", "--fall-injured", "yes", "--vitamin-d-iu", "5000",
        "--calcium-mg", "1500", "--calcium-supplement-mg", "600", "--pain", "4",
    )  # fmt: skip
    assert code == 0
    assert "STOP: Stop exercising and contact your care team today about: a fall with injury" in out
    assert "upper limit is 4000 IU/day" in out and "upper limit is 2000 mg" in out
    assert "Worst joint pain 4/10" in out
    assert "falls assessment" in out  # a fall with injury


def test_a_quiet_checkin_just_thanks(capsys) -> None:
    _code, out, _ = call(capsys, "checkin", "--pain", "2")
    assert out.splitlines()[0] == "ok Saved. Thank you for checking in."
