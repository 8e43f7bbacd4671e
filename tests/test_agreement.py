"""Same inputs, same answers everywhere: the picture and every surface that reads it agree.

Random patients (profile, check-ins with falls and smoking, DXA scans, FRAX) go through
``bonecoach bone --json``, ``bonecoach assess --json`` (with the same numbers spelled out), the
plan, the visit report, the FHIR export and the check-in summary; each must say what the clinical
picture says. The bone-health screen is checked against the same picture in test_ui_bone.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from strategies import dxa_scans, profiles

from coach import cli
from coach.checkin import summary_prompts
from coach.fhir import fhir_bundle
from coach.models import CheckIn
from coach.picture import build_picture, frax_to_setting
from coach.planner import PlanHistory, make_plan
from coach.report import build_report, render_markdown
from coach.risk import AIBL_VERDICTS, ASCO_VERDICTS
from store.db import Store

TODAY = date.today()  # every surface gets the same day (the CLI too)
pytestmark = pytest.mark.usefixtures("cli_on_module_today")
SETTINGS = settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

recent_day = st.integers(0, 400).map(lambda d: TODAY - timedelta(days=d))
events = st.builds(
    CheckIn,
    day=recent_day,
    fall=st.none() | st.booleans(),
    smoked=st.none() | st.booleans(),
    pain=st.none() | st.integers(0, 10),
    red_flags=st.lists(
        st.sampled_from(["sudden_back_pain", "height_loss", "faint_dizzy"]), max_size=1, unique=True
    ).map(tuple),
)
frax = st.none() | st.integers(0, 400).map(lambda n: n / 10)


@st.composite
def patients(draw: st.DrawFn):
    profile = draw(profiles().filter(lambda p: p.birth_year is None or p.birth_year <= 2000))
    if draw(st.booleans()):  # fewer ticks and known body size: "not advised" happens too
        profile = replace(profile, risk_factors=(), height_cm=draw(st.sampled_from([150, 170])))
    profile = profile if profile.ai_start is None or profile.ai_start <= TODAY else None
    checkins = {c.day: c for c in draw(st.lists(events, max_size=8))}
    scans = {s.key: s for s in draw(st.lists(dxa_scans, max_size=4)) if s.day <= TODAY}
    return profile, list(checkins.values()), list(scans.values()), draw(frax), draw(frax)


def store_with(path: Path, profile, checkins, scans, major, hip) -> None:
    if path.exists():
        path.unlink()
    with Store.open(path) as store, store.batch():
        if profile is not None:
            store.put_profile(profile)
        for c in checkins:
            store.put_checkin(c)
        for s in scans:
            store.put_dxa(s)
        if major is not None or hip is not None:
            store.set_setting("frax", frax_to_setting(major, hip))


def run_json(capsys, *args: str) -> dict:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@SETTINGS
@given(case=patients())
def test_every_surface_says_what_the_picture_says(capsys, tmp_path: Path, case) -> None:
    profile, checkins, scans, major, hip = case
    data = tmp_path / "p.json"
    store_with(data, profile, checkins, scans, major, hip)
    picture = build_picture(profile, checkins, scans, (), TODAY, frax_major=major, frax_hip=hip)

    # bonecoach bone --json is the picture's own JSON
    assert run_json(capsys, "bone", "--json", "--data", str(data)) == picture.bone_json()

    # bonecoach assess with the same numbers spelled out gives the same answers, when the
    # picture knows every risk factor and the T-score exactly (assess takes only exact numbers)
    exact = picture.latest_scan_day is not None or picture.bone.source in ("none", "spine fracture")
    if exact and not any(f.status == "unknown" for f in picture.risk_factors):
        args = ["assess", "--json"]
        if picture.lowest_t_score is not None:
            args += ["--t-score", str(picture.lowest_t_score)]
        if picture.counted_risk_factors:
            args += ["--risk", *picture.counted_risk_factors]
        if major is not None:
            args += ["--frax-major", str(major)]
        if hip is not None:
            args += ["--frax-hip", str(hip)]
        if picture.vertebral_fracture:
            args.append("--vertebral-fracture")
        event("assess compared")
        assessed = run_json(capsys, *args)
        mine = picture.assessment.guideline_json()
        for key, answer in (
            ("aibl_2017", "bone_therapy_advised"),
            ("asco_2019", "offer_bone_agent"),
        ):
            assert assessed[key][answer] is mine[key][answer]
            assert assessed[key]["missing"] == mine[key]["missing"]

    # the visit report's bone section and flags are the picture's
    report = build_report(
        profile, checkins, [], scans, None, TODAY, 90, frax_major=major, frax_hip=hip
    )
    assert report.bone.assessment == picture.assessment
    assert report.bone.next_due == picture.next_dxa_due
    text = render_markdown(report)
    assert AIBL_VERDICTS[picture.assessment.aibl_2017.bone_therapy_advised] in text
    assert ASCO_VERDICTS[picture.assessment.asco_2019.offer_bone_agent] in text
    assert ("Multifactorial falls assessment advised" in text) == picture.falls_assessment_advised

    # the plan uses the picture's bone status, falls and fracture
    event(f"AIBL {picture.assessment.aibl_2017.bone_therapy_advised}")
    if profile is not None:
        plan = make_plan(profile, PlanHistory(checkins=checkins, dxa_scans=scans), TODAY)
        assert plan.extra["bone_status"] == picture.bone.value
        assert plan.extra["falls"] == picture.falls.count_12m
        assert plan.extra["vertebral_fracture"] == picture.vertebral_fracture
        assert any(picture.bone.text in r for r in plan.reasons)
        falls_words = any("falls assessment" in r for r in plan.reasons)
        assert falls_words == picture.falls_assessment_advised

    # the FHIR export's falls count and the check-in summary's falls advice
    bundle = fhir_bundle(profile, checkins, [], scans, TODAY)
    counts = [
        e["resource"]["valueInteger"]
        for e in bundle["entry"]
        if e["resource"].get("code", {}).get("coding", [{}])[0].get("code") == "falls-12-months"
    ]
    assert counts == ([picture.falls.count_12m] if picture.falls.count_12m else [])
    today_fall = CheckIn(TODAY, fall=True)
    with_fall = build_picture(profile, [*[c for c in checkins if c.day != TODAY], today_fall],
                              scans, (), TODAY)  # fmt: skip
    advice = any("falls assessment" in p.text for p in summary_prompts(today_fall, with_fall))
    assert advice == with_fall.falls_assessment_advised


@pytest.mark.parametrize("days", [1, 90])
def test_the_demo_patient_agrees_across_surfaces(capsys, tmp_path: Path, days: int) -> None:
    data = tmp_path / "demo.json"
    assert cli.main(["demo", "--days", str(days), "--data", str(data)]) == 0
    capsys.readouterr()
    bone = run_json(capsys, "bone", "--json", "--data", str(data))
    plan = run_json(capsys, "plan", "--json", "--data", str(data))
    assert any(
        r.startswith(f"Bone status used: {bone['bone_status']['value']}") for r in plan["reasons"]
    )
    cli.main(["report", "--data", str(data)])
    report, _ = capsys.readouterr()
    verdict = AIBL_VERDICTS[bone["aibl_2017"]["bone_therapy_advised"]]
    assert f"**AIBL position statement 2017 (Hadji et al.):** {verdict}." in report
