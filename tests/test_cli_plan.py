"""`bonecoach plan` and `bonecoach assess` from the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import cli
from coach.exercises import get_exercise
from store.db import Store

TODAY = date(2026, 11, 26)  # fixed: a test must not change meaning when it runs past midnight
pytestmark = pytest.mark.usefixtures("cli_on_module_today")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def set_profile(capsys, *pairs: str) -> None:
    assert call(capsys, "profile", "--set", "birth_year=1955", *pairs)[0] == 0


def test_plan_needs_a_profile(capsys) -> None:
    code, _, err = call(capsys, "plan")
    assert code == 2 and "no profile yet" in err


def test_plan_json_shape_and_it_is_stored(capsys, _isolated_data: Path) -> None:
    set_profile(capsys, "days_per_week=3", "equipment=band,chair")
    code, out, _ = call(capsys, "plan", "--json")
    data = json.loads(out)
    assert code == 0
    assert {"reasons", "safety_notes", "adaptations", "weeks"} <= set(data)
    assert len(data["weeks"]) == 12 and data["weeks"][0]["week"] == 1
    exercise = data["weeks"][0]["sessions"][0]["exercises"][0]
    assert {"id", "name", "category", "tags", "effort"} <= set(exercise)
    assert ("reps" in exercise) != ("minutes" in exercise)
    with Store.open(_isolated_data, read_only=True) as store:
        assert store.get_plan() is not None
    # asking again gives the same stored plan
    assert json.loads(call(capsys, "plan", "--json")[1]) == data


def test_plan_week_option(capsys) -> None:
    set_profile(capsys)
    code, out, _ = call(capsys, "plan", "--json", "--week", "6")
    weeks = json.loads(out)["weeks"]
    assert code == 0 and [w["week"] for w in weeks] == [6]
    assert call(capsys, "plan", "--week", "13")[0] == 2
    code, out, _ = call(capsys, "plan", "--week", "2")
    assert "Week 2:" in out and "Week 3:" not in out


def test_osteoporosis_profile_gets_no_spinal_flexion(capsys) -> None:
    set_profile(
        capsys,
        "bone_status=osteoporosis",
        "vertebral_fracture=yes",
        "days_per_week=5",
        "equipment=dumbbells,band",
    )
    data = json.loads(call(capsys, "plan", "--json")[1])
    tags = {
        tag
        for week in data["weeks"]
        for session in week["sessions"]
        for exercise in session["exercises"]
        for tag in exercise["tags"]
    }
    assert not tags & {
        "spinal_flexion",
        "loaded_twisting",
        "impact_low",
        "impact_moderate",
        "impact_high",
    }
    assert any("physiotherapist" in note for note in data["safety_notes"])
    for week in data["weeks"]:
        for session in week["sessions"]:
            for exercise in session["exercises"]:
                assert "dumbbells" not in get_exercise(exercise["id"]).equipment


def test_a_pain_flare_from_checkins_changes_the_next_week(capsys, _isolated_data: Path) -> None:
    set_profile(capsys, "days_per_week=3")
    with Store.open(_isolated_data) as store:  # a plan made three weeks ago
        from coach.planner import make_plan

        store.put_plan(make_plan(store.get_profile(), None, TODAY - timedelta(days=21)))
    before = json.loads(call(capsys, "plan", "--json")[1])
    for offset in range(7):
        day = (TODAY - timedelta(days=offset)).isoformat()
        assert call(capsys, "checkin", "--date", day, "--pain", "8")[0] == 0
    after = json.loads(call(capsys, "plan", "--json")[1])
    eases = [a for a in after["adaptations"] if a["kind"] == "ease"]
    assert eases and "8" in eases[0]["reason"]
    week = eases[0]["week"]

    def efforts(data: dict) -> list[int]:
        return [e["effort"] for s in data["weeks"][week - 1]["sessions"] for e in s["exercises"]]

    assert sum(efforts(after)) < sum(efforts(before))
    _, text, _ = call(capsys, "plan")
    assert "Changes made:" in text and "(week" in text


def test_profile_change_is_reported_and_regenerate_makes_a_new_plan(capsys) -> None:
    set_profile(capsys, "days_per_week=2")
    call(capsys, "plan", "--json")
    set_profile(capsys, "days_per_week=5")
    code, _, err = call(capsys, "plan", "--json")
    assert code == 0 and "--regenerate" in err
    code, out, err = call(capsys, "plan", "--json", "--regenerate")
    days = {s["day"] for s in json.loads(out)["weeks"][0]["sessions"]}
    assert len(days) == 5 and "new plan" in err


@pytest.mark.parametrize(
    ("args", "aibl", "asco", "interval"),
    [
        (["--t-score", "-2.0"], False, None, 24),  # no FRAX: ASCO cannot say "no"
        (["--t-score", "-2.0", "--frax-major", "9", "--frax-hip", "1"], False, False, 24),
        (["--t-score", "-2.1"], True, None, 24),
        (["--t-score", "-1.6", "--risk", "smoking"], True, None, 24),
        (["--t-score", "-1.5", "--risk", "smoking"], False, None, 24),
        (["--risk", "smoking", "steroids"], True, None, None),
        (["--risk", "smoking"], None, None, None),  # no scan: the T-score is unknown
        ([], None, None, None),
        (["--t-score", "-2.5"], True, True, None),
        (["--t-score", "0.5", "--frax-major", "20"], False, True, None),
        (["--t-score", "0.5", "--frax-hip", "2.9"], False, None, 24),
        (["--t-score", "0.5", "--frax-major", "19.9", "--frax-hip", "2.9"], False, False, 24),
        (["--vertebral-fracture"], None, True, None),
    ],
)
def test_assess_json(capsys, args: list[str], aibl: bool, asco: bool, interval: int | None) -> None:
    code, out, _ = call(capsys, "assess", *args, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["aibl_2017"]["bone_therapy_advised"] is aibl
    assert data["asco_2019"]["offer_bone_agent"] is asco
    assert set(data["aibl_2017"]) == {"bone_therapy_advised", "missing", "reasons"}
    assert set(data["asco_2019"]) == {"offer_bone_agent", "missing", "reasons"}
    for key, answer in (("aibl_2017", aibl), ("asco_2019", asco)):
        assert bool(data[key]["missing"]) == (answer is None)
    assert data["dxa_interval_months"] == interval


def test_assess_touches_no_store_and_rejects_bad_input(capsys, _isolated_data: Path) -> None:
    code, out, _ = call(capsys, "assess", "--t-score", "-1.0")
    assert code == 0 and "discuss with your care team" in out
    assert not _isolated_data.exists()
    assert call(capsys, "assess", "--t-score", "-7")[0] == 2
    assert call(capsys, "assess", "--risk", "diabetes")[0] == 2
    assert call(capsys, "assess", "--frax-hip", "101")[0] == 2
