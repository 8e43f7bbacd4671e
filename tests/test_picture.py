"""The clinical picture (coach/picture.py): one derivation of every clinical fact, with sources.

Includes the examples of issue 12 as regression tests.
"""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import risk, thresholds
from coach.models import CheckIn, DxaScan, Profile, SessionLog
from coach.picture import (
    SOURCE_DATA,
    SOURCE_PROFILE,
    SOURCE_STATED,
    build_picture,
)

TODAY = date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[1]


def picture(profile: Profile | None = None, checkins=(), scans=(), logs=(), **kw):
    return build_picture(profile, checkins, scans, logs, TODAY, **kw)


def counted(p) -> dict[str, str]:
    return {f.name: f.source for f in p.risk_factors if f.status == "yes"}


# --------------------------------------------------------------------------- issue 12, item 1


def test_71_year_old_with_a_spine_fracture_and_no_scan_is_advised_by_both() -> None:
    p = picture(Profile(birth_year=1955, vertebral_fracture=True, bone_status="osteoporosis"))
    assert p.age == 71
    assert (p.bone.value, p.bone.source) == ("osteoporosis", "profile")
    assert counted(p) == {"fragility-fracture": SOURCE_PROFILE, "age-over-65": SOURCE_PROFILE}
    assert p.fractures == ("spine (vertebral) fracture",)
    a = p.assessment
    assert a.aibl_2017.bone_therapy_advised is True
    assert any("2 risk factors, enough even without a scan" in r for r in a.aibl_2017.reasons)
    assert a.asco_2019.offer_bone_agent is True
    assert any("may be offered" in r for r in a.asco_2019.reasons)
    assert not any("says to offer" in r for r in a.asco_2019.reasons)
    assert p.next_dxa_due == TODAY  # a baseline scan is still indicated


def test_a_spine_fracture_alone_makes_osteoporosis_and_a_fragility_fracture() -> None:
    p = picture(Profile(birth_year=1955, vertebral_fracture=True, bone_status="osteopenia"))
    assert (p.bone.value, p.bone.source) == ("osteoporosis", "spine fracture")
    assert any(c.about == "bone status" for c in p.conflicts)
    assert p.assessment.asco_2019.offer_bone_agent is True


# --------------------------------------------------------------------------- item 2, bone source


def test_bone_status_is_the_latest_scan_else_the_profile() -> None:
    old = DxaScan(date(2023, 1, 5), "total_hip", -2.8)
    new = DxaScan(date(2025, 3, 1), "lumbar_spine", -1.6)
    p = picture(Profile(bone_status="osteoporosis"), scans=[old, new])
    assert (p.bone.value, p.bone.source) == ("osteopenia", "scan")
    assert p.lowest_t_score == -1.6 and p.latest_scan_day == date(2025, 3, 1)
    assert any("the scan is used" in c.text for c in p.conflicts)
    future = DxaScan(TODAY + timedelta(days=1), "total_hip", -3.0)
    assert picture(Profile(), scans=[future]).bone.value == "unknown"


# --------------------------------------------------------------------------- item 3, missing data


def test_nothing_measured_is_never_a_reassuring_no() -> None:
    p = picture(Profile(birth_year=1970, smoker="no", weight_kg=60, height_cm=165))
    a = p.assessment
    assert a.aibl_2017.bone_therapy_advised is None
    assert a.aibl_2017.missing == (risk.MISSING_SCAN,)
    assert not any("re-measur" in r for r in a.aibl_2017.reasons)
    assert a.asco_2019.offer_bone_agent is None
    assert "not advise" not in a.patient_summary() and "cannot be applied" in a.patient_summary()


def test_t_minus_2_4_without_frax_asco_cannot_say() -> None:
    scans = [DxaScan(date(2026, 1, 5), "total_hip", -2.4)]
    p = picture(Profile(birth_year=1970, smoker="no", weight_kg=60, height_cm=165), scans=scans)
    assert p.assessment.asco_2019.offer_bone_agent is None
    assert p.assessment.asco_2019.missing == (risk.MISSING_FRAX,)
    with_frax = picture(
        Profile(birth_year=1970, smoker="no", weight_kg=60, height_cm=165),
        scans=scans,
        frax_major=10,
        frax_hip=1,
    )
    assert with_frax.assessment.asco_2019.offer_bone_agent is False
    assert with_frax.next_dxa_due == date(2028, 1, 5)


def test_patient_words_are_plain_and_one_answer() -> None:
    a = picture(Profile(birth_year=1955, vertebral_fracture=True)).assessment
    assert a.patient_summary() == (
        "Your results meet the point where guidelines advise discussing a bone-protecting "
        "medicine with your care team."
    )
    for text in (a.patient_summary(), *a.aibl_2017.reasons, *a.asco_2019.reasons):
        assert "No branch met" not in text


# --------------------------------------------------------------------------- item 7, conflicts


def test_ticks_the_profile_contradicts_are_not_counted() -> None:
    """Issue 12: a 51-year-old of 95 kg with 'age over 65' and 'BMI under 20' ticked."""
    p = picture(Profile(birth_year=1975, weight_kg=95, risk_factors=("age-over-65", "low-bmi")))
    assert counted(p) == {}
    assert {c.about for c in p.conflicts} == {"age-over-65", "low-bmi"}
    assert p.assessment.aibl_2017.bone_therapy_advised is not True
    assert any("not counted" in r for r in p.assessment.aibl_2017.reasons)
    with_height = picture(
        Profile(birth_year=1975, weight_kg=95, height_cm=170, risk_factors=("low-bmi",))
    )
    assert with_height.bmi == 32.9
    assert "BMI 32.9" in next(c.text for c in with_height.conflicts if c.about == "low-bmi")


def test_bmi_under_20_from_height_and_weight() -> None:
    p = picture(Profile(weight_kg=50, height_cm=165))
    assert p.bmi == 18.4
    assert counted(p)["low-bmi"] == SOURCE_PROFILE


@pytest.mark.parametrize(
    ("profile", "status"),
    [
        (Profile(birth_year=1960), "yes"),  # 66 this year, at least 65 today: over 65?
        (Profile(birth_date=date(1960, 12, 1)), "no"),  # exactly 65 today
        (Profile(birth_date=date(1960, 11, 26)), "yes"),  # 66 today
        (Profile(birth_year=1961), "unknown"),  # 64 or 65: never over 65 ... see below
    ],
)
def test_age_is_exact_with_a_birth_date_and_about_without(profile: Profile, status: str) -> None:
    p = picture(profile)
    age = p.factor("age-over-65")
    if profile.birth_year == 1961:
        assert age.status == "no"  # at most 65 this year: not over 65
        return
    if profile.birth_date is None:
        assert p.age == 66 and not p.age_exact and p.age_text == "about 66"
        assert age.status == "unknown" and "date of birth" in age.missing  # 65 or 66 today
    else:
        assert p.age_exact and age.status == status


def test_smoking_unknown_by_default_and_from_check_ins() -> None:
    assert Profile().smoker == "unknown"
    p = picture(Profile())
    assert p.factor("smoking").status == "unknown"
    smoked = picture(Profile(smoker="no"), checkins=[CheckIn(TODAY, smoked=True)])
    assert counted(smoked)["smoking"] == SOURCE_DATA
    assert any(c.about == "smoking" for c in smoked.conflicts)
    ticked = picture(Profile(smoker="unknown", risk_factors=("smoking",)))
    assert counted(ticked)["smoking"] == SOURCE_STATED


def test_unknown_smoking_keeps_the_answer_open_only_when_it_matters() -> None:
    scans = [DxaScan(date(2026, 1, 5), "total_hip", -1.8)]  # below -1.5: one factor decides
    base = {"birth_year": 1970, "weight_kg": 60, "height_cm": 165}
    open_ = picture(Profile(**base), scans=scans).assessment.aibl_2017
    assert open_.bone_therapy_advised is None
    assert any("smoking" in m for m in open_.missing)
    decided = picture(Profile(**base), scans=[DxaScan(date(2026, 1, 5), "total_hip", -1.0)])
    assert decided.assessment.aibl_2017.bone_therapy_advised is False  # 1 unknown < 2


# --------------------------------------------------------------------------- item 4, falls


def test_five_falls_at_90_and_twenty_at_100_bring_a_falls_assessment() -> None:
    assert picture(Profile(birth_year=1936, falls_last_year=5)).falls_assessment_advised
    p = picture(Profile(birth_year=1926, falls_last_year=20, vertebral_fracture=True))
    assert p.falls_assessment_advised
    assert picture(Profile(birth_year=1936, falls_last_year=1)).falls_assessment_advised is False


def test_logged_falls_count_and_an_injury_or_fainting_calls_for_assessment() -> None:
    falls = [CheckIn(TODAY - timedelta(days=d), fall=True) for d in (3, 40)]
    p = picture(Profile(falls_last_year=0), checkins=falls)
    assert p.falls.count_12m == 2 and p.falls_assessment_advised
    assert any(c.about == "falls" for c in p.conflicts)
    injured = picture(Profile(), checkins=[CheckIn(TODAY, fall=True, fall_injured=True)])
    assert "a fall with injury" in injured.falls.assessment_reasons[0]
    fainted = picture(Profile(), checkins=[CheckIn(TODAY, fall=True, red_flags=("faint_dizzy",))])
    assert fainted.falls_assessment_advised
    old = picture(Profile(), checkins=[CheckIn(TODAY - timedelta(days=400), fall=True)])
    assert old.falls.count_12m == 0


def test_a_fall_without_injury_means_watch_back_pain_and_height() -> None:
    p = picture(Profile(), checkins=[CheckIn(TODAY - timedelta(days=2), fall=True)])
    assert p.falls.watch and not p.falls_assessment_advised


def test_falls_then_back_pain_and_height_loss_form_a_run() -> None:
    """Issue 12: 4 falls in 9 days, then sudden back pain and loss of height."""
    first = TODAY - timedelta(days=20)
    falls = [CheckIn(first + timedelta(days=d), fall=True) for d in (0, 3, 6, 8)]
    pain = CheckIn(first + timedelta(days=12), red_flags=("sudden_back_pain", "height_loss"))
    p = picture(Profile(), checkins=[*falls, pain])
    (run,) = p.falls.runs
    assert (run.falls, run.first, run.last, run.symptom_day) == (
        4,
        first,
        first + timedelta(8),
        pain.day,
    )
    assert run.symptoms == ("sudden severe back pain, worse standing", "loss of height")


# --------------------------------------------------------------------------- trends, red flags


def test_red_flags_pain_and_adherence_come_from_the_window() -> None:
    days = [
        CheckIn(TODAY - timedelta(days=d), pain=8 if d < 7 else 3, ai_taken=d % 2 == 0)
        for d in range(21)
    ]
    days.append(CheckIn(TODAY - timedelta(days=8), red_flags=("chest_pain",)))
    p = picture(Profile(), checkins=days)
    assert p.pain.flare and p.pain.recent == 8.0
    assert p.red_flags == ()  # 8 days ago: no longer active
    recent = picture(Profile(), checkins=[CheckIn(TODAY, red_flags=("chest_pain",))])
    assert recent.needs_stop and recent.emergency_flags == ("chest_pain",)
    # 21 days answered every other day, but day 8's check-in was replaced by the red-flag one
    assert (p.ai_taken, p.ai_answered) == (10, 20)


def test_steadiness_answers_reach_the_picture() -> None:
    logs = [SessionLog(TODAY - timedelta(days=d), f"w1-{d}", steady=d != 2) for d in range(4)]
    p = picture(Profile(), logs=logs)
    assert [s for _, s in p.steady_reports] == [True, False, True, True]


def test_no_profile_is_a_picture_of_unknowns() -> None:
    p = picture(None)
    assert p.age is None and p.bone.value == "unknown"
    assert all(f.status == "unknown" for f in p.risk_factors)
    assert p.assessment.aibl_2017.bone_therapy_advised is None


# --------------------------------------------------------------------------- one place


def test_every_threshold_is_defined_once() -> None:
    """The clinical constants of coach/thresholds.py are assigned nowhere else in coach/."""
    names = {n for n in vars(thresholds) if n.isupper()}
    clashes = []
    for path in (ROOT / "coach").glob("*.py"):
        if path.name == "thresholds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id in names:
                        value = node.value
                        if not isinstance(value, ast.Name):  # an alias of the constant is fine
                            clashes.append(f"{path.name}: {target.id}")
    assert clashes == []


def test_surfaces_import_the_picture() -> None:
    """Every surface reads the picture; none builds its own guideline inputs."""
    readers = {
        "coach/planner.py",
        "coach/adapt.py",
        "coach/coaching.py",
        "coach/report.py",
        "coach/fhir.py",
        "coach/bone_text.py",
        "coach/cli.py",
        "screens/app.py",
        "screens/bone.py",
        "screens/checkin_summary.py",
    }
    for name in readers:
        assert "coach.picture" in (ROOT / name).read_text(), name
    for path in [*(ROOT / "coach").glob("*.py"), *(ROOT / "screens").glob("*.py")]:
        if path.name in ("risk.py", "picture.py"):
            continue
        text = path.read_text()
        assert "risk_factors_from(" not in text and "GuidelineInputs(" not in text, path.name
