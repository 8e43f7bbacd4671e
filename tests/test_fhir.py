"""coach.fhir: a valid FHIR R4 collection Bundle, private and deterministic.

Validated with fhir.resources' R4B models (fhir.resources 8.x ships R4B and STU3 beside its R5
default; R4B is R4 with minor additions and identical for Patient, Observation and Bundle).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle

from coach.demo import DemoData, make_demo
from coach.fhir import CODE_SYSTEM, LOINC, PATIENT_ID, fhir_bundle
from coach.models import CheckIn, DxaScan, Profile, SessionLog
from coach.picture import build_picture

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return make_demo(120, 4, today=TODAY)


@pytest.fixture(scope="module")
def bundle(demo: DemoData) -> dict:
    return fhir_bundle(demo.profile, demo.checkins, demo.session_logs, demo.dxa_scans, TODAY)


def observations(bundle: dict) -> list[dict]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]


def codes(resource: dict) -> set[tuple[str, str]]:
    return {(c["system"], c["code"]) for c in resource["code"]["coding"]}


def test_the_whole_bundle_validates_as_fhir_r4(bundle: dict) -> None:
    model = Bundle.model_validate(bundle)
    assert model.type == "collection"
    assert model.entry[0].resource.__resource_type__ == "Patient"
    assert {e.resource.__resource_type__ for e in model.entry[1:]} == {"Observation"}


def test_patient_has_no_identifier_name_or_full_birth_date(bundle: dict, demo: DemoData) -> None:
    patient = bundle["entry"][0]["resource"]
    assert patient == {
        "resourceType": "Patient",
        "id": PATIENT_ID,
        "birthDate": str(demo.profile.birth_year),
    }
    text = json.dumps(bundle)
    assert demo.profile.name not in text
    assert "identifier" not in text


def test_notes_are_never_exported(bundle: dict, demo: DemoData) -> None:
    text = json.dumps(bundle)
    notes = [c.note for c in demo.checkins if c.note]
    assert notes
    for note in notes:
        assert note not in text


def expected_counts(demo: DemoData) -> Counter[str]:
    counts: Counter[str] = Counter()
    for c in demo.checkins:
        counts["pain"] += c.pain is not None
        counts["pain-interference"] += c.interference is not None
        counts["aromatase-inhibitor-taken"] += c.ai_taken is not None
        counts["calcium-intake"] += c.calcium_total_mg is not None
        counts["vitamin-d-supplement"] += c.vitamin_d_iu is not None
        counts["fall"] += c.fall is not None
        counts["red-flags"] += bool(c.red_flags)
    exercise_days = {c.day for c in demo.checkins if c.exercise_min is not None}
    exercise_days |= {s.day for s in demo.session_logs}
    counts["exercise"] = len(exercise_days)
    counts["dxa"] = len(demo.dxa_scans)
    # from the clinical picture of TODAY: body size, and falls in the last 12 months
    picture = build_picture(demo.profile, demo.checkins, demo.dxa_scans, demo.session_logs, TODAY)
    counts["body-weight"] = picture.weight_kg is not None
    counts["body-height"] = picture.height_cm is not None
    counts["bmi"] = picture.bmi is not None
    counts["falls-12-months"] = picture.falls.count_12m > 0
    return counts


def kind(resource: dict) -> str:
    found = codes(resource)
    if (LOINC, "72514-3") in found:
        return "pain"
    if (LOINC, "55411-3") in found:
        return "exercise"
    loinc = {"29463-7": "body-weight", "8302-2": "body-height", "39156-5": "bmi"}
    for code, name in loinc.items():
        if (LOINC, code) in found:
            return name
    project = next(code for system, code in found if system == CODE_SYSTEM)
    return "dxa" if project.startswith("dxa-t-score-") else project


def test_one_observation_per_recorded_value(bundle: dict, demo: DemoData) -> None:
    obs = observations(bundle)
    got = Counter(kind(o) for o in obs)
    expected = expected_counts(demo)
    assert +got == +expected
    assert len(obs) == sum(expected.values())


def test_every_observation_is_about_the_patient_on_a_day(bundle: dict) -> None:
    patient_url = bundle["entry"][0]["fullUrl"]
    assert patient_url.startswith("urn:uuid:")
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    for entry in bundle["entry"][1:]:
        obs = entry["resource"]
        assert entry["fullUrl"] == f"urn:uuid:{obs['id']}"
        assert obs["subject"] == {"reference": patient_url}
        assert obs["status"] == "final"
        date.fromisoformat(obs["effectiveDateTime"])
        category = obs["category"][0]["coding"][0]["code"]
        assert category in ("survey", "activity", "imaging", "vital-signs")


def test_codes_and_values(bundle: dict, demo: DemoData) -> None:
    obs = observations(bundle)
    pain = next(o for o in obs if kind(o) == "pain")
    assert isinstance(pain["valueInteger"], int)
    exercise = next(o for o in obs if kind(o) == "exercise" and o["valueQuantity"]["value"] > 0)
    assert exercise["valueQuantity"]["code"] == "min"
    assert exercise["category"][0]["coding"][0]["code"] == "activity"
    assert {c["code"]["coding"][0]["code"] for c in exercise["component"]} <= {
        "aerobic-minutes",
        "resistance-minutes",
        "balance-minutes",
    }
    taken = next(o for o in obs if kind(o) == "aromatase-inhibitor-taken")
    assert isinstance(taken["valueBoolean"], bool)
    assert "anastrozole" in taken["code"]["text"]
    calcium = next(o for o in obs if kind(o) == "calcium-intake")
    assert calcium["valueQuantity"]["code"] == "mg/d"
    spine = next(o for o in obs if (CODE_SYSTEM, "dxa-t-score-lumbar-spine") in codes(o))
    assert (LOINC, "38267-1") in codes(spine)
    hip = next(o for o in obs if (CODE_SYSTEM, "dxa-t-score-total-hip") in codes(o))
    assert (LOINC, "38264-8") in codes(hip)
    neck = next(o for o in obs if (CODE_SYSTEM, "dxa-t-score-femoral-neck") in codes(o))
    assert {system for system, _ in codes(neck)} == {CODE_SYSTEM}  # no LOINC we are unsure of
    assert neck["valueQuantity"]["value"] == -1.5
    assert neck["category"][0]["coding"][0]["code"] == "imaging"


def test_a_fall_with_injury_and_red_flags() -> None:
    day = date(2026, 11, 20)
    checkins = [
        CheckIn(day, fall=True, fall_injured=True, red_flags=("chest_pain", "new_swelling")),
        CheckIn(day + timedelta(days=1), fall=False),
    ]
    result = fhir_bundle(None, checkins, [], [], TODAY)
    Bundle.model_validate(result)
    obs = observations(result)
    falls = [o for o in obs if kind(o) == "fall"]
    assert [f["valueBoolean"] for f in falls] == [True, False]
    assert falls[0]["component"][0]["valueBoolean"] is True
    assert "component" not in falls[1]
    flags = next(o for o in obs if kind(o) == "red-flags")
    assert [c["code"]["coding"][0]["code"] for c in flags["component"]] == [
        "red-flag-chest_pain",
        "red-flag-new_swelling",
    ]


def test_session_log_minutes_count_on_days_without_a_check_in() -> None:
    day = date(2026, 11, 20)
    logs = [SessionLog(day, "w1-fri", aerobic_min=20, resistance_min=10, balance_min=5)]
    result = fhir_bundle(None, [], logs, [], TODAY)
    (exercise,) = observations(result)
    assert exercise["valueQuantity"]["value"] == 35
    assert exercise["effectiveDateTime"] == day.isoformat()


def test_deterministic(demo: DemoData, bundle: dict) -> None:
    again = fhir_bundle(demo.profile, demo.checkins, demo.session_logs, demo.dxa_scans, TODAY)
    assert json.dumps(again, sort_keys=True) == json.dumps(bundle, sort_keys=True)


def test_records_after_today_are_left_out() -> None:
    checkins = [CheckIn(TODAY, pain=3), CheckIn(TODAY + timedelta(days=1), pain=5)]
    scans = [DxaScan(TODAY + timedelta(days=3), "total_hip", -1.0)]
    obs = observations(fhir_bundle(None, checkins, [], scans, TODAY))
    assert [o["valueInteger"] for o in obs] == [3]


@pytest.mark.parametrize("profile", [None, Profile(), Profile(birth_year=1960)])
def test_empty_data_is_a_valid_bundle_with_just_the_patient(profile: Profile | None) -> None:
    result = fhir_bundle(profile, [], [], [], TODAY)
    Bundle.model_validate(result)
    assert result["type"] == "collection"
    assert [e["resource"]["resourceType"] for e in result["entry"]] == ["Patient"]
