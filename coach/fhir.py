"""A FHIR R4 ``Bundle`` (type "collection") of what the person tracked, for their care team.

Standard library only; returns a plain dict ready for ``json.dumps`` (entries share their constant
parts, codes and categories, built once: treat the result as read-only). Deterministic: every
``fullUrl`` is ``urn:uuid:`` + ``uuid5`` of what the entry is (kind, date, site), so the same data
always gives the same bundle.

Privacy: the Patient carries no identifier, no name, no sex (the app does not ask), and only the
year of birth ("birthDate": "YYYY", year precision is valid FHIR). Free-text notes are never
exported. Records dated after ``today`` are left out.

Codes. LOINC is used only where the code is certain for what the app records:

- 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" (worst joint pain);
- 55411-3 "Exercise duration" (minutes of exercise a day; components per kind use project codes);
- 38267-1 "DXA Lumbar spine [T-score] Bone density" and 38264-8 "DXA Hip [T-score] Bone density"
  (LOINC's "Hip" is the total hip), each beside the project code for the same result.

Everything else uses the project's own code system, :data:`CODE_SYSTEM` (a placeholder URL under the
reserved ``.example`` domain: nothing is served there): calcium and vitamin D intake, aromatase
inhibitor taken, pain interference, falls (with an injury component), red-flag symptoms, and the
femoral-neck T-score (LOINC 38263-0 is "DXA Femur [T-score]", which is not specific to the
femoral neck, so it is not used).
"""

from __future__ import annotations

import heapq
import itertools
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from typing import Any

from coach import trends
from coach.models import (
    AI_MISSED_REASONS,
    DXA_SITE_LABELS,
    RED_FLAGS,
    CheckIn,
    DxaScan,
    Profile,
    SessionLog,
)
from coach.picture import ClinicalPicture, build_picture

try:  # CPython's own SHA-1: hashlib would load OpenSSL, about 2 ms of a one-year export
    from _sha1 import sha1
except ImportError:  # an interpreter built without it
    from hashlib import sha1

__all__ = [
    "CATEGORY_SYSTEM",
    "CODE_SYSTEM",
    "LOINC",
    "LOINC_DXA_T_SCORE",
    "LOINC_EXERCISE_DURATION",
    "LOINC_PAIN_SEVERITY",
    "PATIENT_ID",
    "UCUM",
    "bundle_head",
    "fhir_bundle",
    "fhir_entries",
]

CODE_SYSTEM = "https://bonecoach.example/fhir/CodeSystem/observations"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PATIENT_ID = "bonecoach-patient"
BUNDLE_ID = "bonecoach-export"
# uuid.uuid5(uuid.NAMESPACE_DNS, "bonecoach.example"), written out: computing it would import
# hashlib (tests/test_export_bytes.py checks it)
_NAMESPACE = uuid.UUID("a9ce1fbc-b09b-5a17-993a-17d5446be2e4")

LOINC_PAIN_SEVERITY = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
LOINC_EXERCISE_DURATION = ("55411-3", "Exercise duration")
LOINC_BODY_HEIGHT = ("8302-2", "Body height")
LOINC_BODY_WEIGHT = ("29463-7", "Body weight")
LOINC_BMI = ("39156-5", "Body mass index (BMI) [Ratio]")
LOINC_DXA_T_SCORE: dict[str, tuple[str, str]] = {
    "lumbar_spine": ("38267-1", "DXA Lumbar spine [T-score] Bone density"),
    "total_hip": ("38264-8", "DXA Hip [T-score] Bone density"),
}


def _dxa_code(site: str) -> str:
    """Project code of a site's T-score, e.g. "dxa-t-score-femoral-neck"."""
    return "dxa-t-score-" + site.replace("_", "-")


# Project codes: code -> display.
PROJECT_CODES: dict[str, str] = {
    "pain-interference": "Joint pain interference with daily activities, 0-4",
    "aerobic-minutes": "Weight-bearing aerobic exercise duration",
    "resistance-minutes": "Resistance (strength) exercise duration",
    "balance-minutes": "Balance exercise duration",
    "calcium-intake": "Calcium intake, food and supplements",
    "calcium-food": "Calcium intake from food",
    "calcium-supplement": "Calcium intake from supplements",
    "vitamin-d-supplement": "Vitamin D supplement intake",
    "aromatase-inhibitor-taken": "Aromatase inhibitor dose taken",
    "aromatase-inhibitor-missed-reason": "Why the aromatase inhibitor dose was not taken",
    "fall": "Fall",
    "fall-injury": "Fall caused an injury",
    "red-flags": "Symptoms that need care (stop exercising, contact a clinician)",
    "falls-12-months": "Falls in the last 12 months (stated and logged)",
    **{f"red-flag-{name}": label for name, label in RED_FLAGS.items()},
    **{_dxa_code(site): f"DXA T-score, {label}" for site, label in DXA_SITE_LABELS.items()},
}


# --------------------------------------------------------------------------- building blocks


_NAMESPACE_HASH = sha1(_NAMESPACE.bytes)


def _uuid(*parts: str) -> str:
    """``str(uuid.uuid5(_NAMESPACE, "/".join(parts)))``, without building UUID objects (an
    export of 30 years makes about 70,000 of them)."""
    digest = _NAMESPACE_HASH.copy()
    digest.update("/".join(parts).encode("utf-8"))
    h = digest.hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]  # RFC 4122 variant bits; "5": version 5
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


@cache  # the constant parts of entries are built once and shared: read-only
def _project(code: str) -> dict[str, str]:
    return {"system": CODE_SYSTEM, "code": code, "display": PROJECT_CODES[code]}


@cache
def _loinc(pair: tuple[str, str]) -> dict[str, str]:
    return {"system": LOINC, "code": pair[0], "display": pair[1]}


def _concept(*codings: dict[str, str], text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"coding": list(codings)}
    out["text"] = text or codings[0]["display"]
    return out


@cache
def _code(code: str, text: str | None = None) -> dict[str, Any]:
    """A project code as a CodeableConcept (built once per code and text, shared)."""
    return _concept(_project(code), text=text)


@cache
def _loinc_code(pair: tuple[str, str], text: str | None = None) -> dict[str, Any]:
    return _concept(_loinc(pair), text=text)


@cache
def _category(code: str) -> list[dict[str, Any]]:
    display = {
        "survey": "Survey",
        "activity": "Activity",
        "imaging": "Imaging",
        "vital-signs": "Vital Signs",
    }[code]
    return [{"coding": [{"system": CATEGORY_SYSTEM, "code": code, "display": display}]}]


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def _minutes(value: float) -> dict[str, Any]:
    return _quantity(int(value), "min", "min")


def _observation(
    key: str,
    day: date,
    code: dict[str, Any],
    category: str,
    patient_url: str,
    value: dict[str, Any],
    components: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """One entry: an Observation with a deterministic id, about the patient, on one day."""
    obs_id = _uuid("observation", key, day.isoformat())
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": obs_id,
        "status": "final",
        "category": _category(category),
        "code": code,
        "subject": {"reference": patient_url},
        "effectiveDateTime": day.isoformat(),
        **value,
    }
    if components:
        resource["component"] = list(components)
    return {"fullUrl": f"urn:uuid:{obs_id}", "resource": resource}


def _component(code: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, **value}


# --------------------------------------------------------------------------- per record


def _checkin_entries(c: CheckIn, patient: str, drug: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if c.pain is not None:
        out.append(
            _observation(
                "pain",
                c.day,
                _loinc_code(LOINC_PAIN_SEVERITY, "Worst joint pain in the last 24 h"),
                "survey",
                patient,
                {"valueInteger": c.pain},
            )
        )
    if c.interference is not None:
        out.append(
            _observation(
                "pain-interference",
                c.day,
                _code("pain-interference"),
                "survey",
                patient,
                {"valueInteger": c.interference},
            )
        )
    if c.ai_taken is not None:
        text = f"Aromatase inhibitor ({drug}) dose taken" if drug else None
        out.append(
            _observation(
                "aromatase-inhibitor-taken",
                c.day,
                _code("aromatase-inhibitor-taken", text),
                "survey",
                patient,
                {"valueBoolean": c.ai_taken},
                [
                    _component(
                        _code("aromatase-inhibitor-missed-reason"),
                        {"valueString": AI_MISSED_REASONS[c.ai_missed_reason]},
                    )
                ]
                if c.ai_missed_reason is not None
                else (),
            )
        )
    total = c.calcium_total_mg
    if total is not None:
        parts = []
        for code, value in (
            ("calcium-food", c.calcium_food_mg),
            ("calcium-supplement", c.calcium_supplement_mg),
        ):
            if value is not None:
                parts.append(
                    _component(
                        _code(code),
                        {"valueQuantity": _quantity(value, "mg/day", "mg/d")},
                    )
                )
        out.append(
            _observation(
                "calcium-intake",
                c.day,
                _code("calcium-intake"),
                "survey",
                patient,
                {"valueQuantity": _quantity(total, "mg/day", "mg/d")},
                parts,
            )
        )
    if c.vitamin_d_iu is not None:
        out.append(
            _observation(
                "vitamin-d-supplement",
                c.day,
                _code("vitamin-d-supplement"),
                "survey",
                patient,
                {"valueQuantity": _quantity(c.vitamin_d_iu, "IU/day", "[IU]/d")},
            )
        )
    if c.fall is not None:
        parts = []
        if c.fall and c.fall_injured is not None:
            parts.append(_component(_code("fall-injury"), {"valueBoolean": c.fall_injured}))
        out.append(
            _observation(
                "fall",
                c.day,
                _code("fall"),
                "survey",
                patient,
                {"valueBoolean": c.fall},
                parts,
            )
        )
    if c.red_flags:
        parts = [
            _component(_code(f"red-flag-{flag}"), {"valueBoolean": True}) for flag in c.red_flags
        ]
        out.append(
            _observation(
                "red-flags",
                c.day,
                _code("red-flags"),
                "survey",
                patient,
                {"valueBoolean": True},
                parts,
            )
        )
    return out


def _exercise_entry(
    day: date, checkin: CheckIn | None, logs: Sequence[SessionLog], patient: str
) -> dict[str, Any] | None:
    """Minutes of the day, as the trends screen counts them (check-in first, else session
    logs; coach.trends.day_value), with a component per kind; None if none were recorded."""
    total = trends.day_value("exercise_min", checkin, logs)
    if total is None:
        return None
    parts = []
    for code, metric in (
        ("aerobic-minutes", "aerobic_min"),
        ("resistance-minutes", "resistance_min"),
        ("balance-minutes", "balance_min"),
    ):
        value = trends.day_value(metric, checkin, logs)
        if value is not None:
            parts.append(_component(_code(code), {"valueQuantity": _minutes(value)}))
    return _observation(
        "exercise-minutes",
        day,
        _loinc_code(LOINC_EXERCISE_DURATION, "Exercise minutes in the day"),
        "activity",
        patient,
        {"valueQuantity": _minutes(total)},
        parts,
    )


def _dxa_entry(scan: DxaScan, patient: str) -> dict[str, Any]:
    codings = [_project(_dxa_code(scan.site))]
    if scan.site in LOINC_DXA_T_SCORE:
        codings.append(_loinc(LOINC_DXA_T_SCORE[scan.site]))
    entry = _observation(
        _dxa_code(scan.site),
        scan.day,
        _concept(*codings),
        "imaging",
        patient,
        {"valueQuantity": _quantity(scan.t_score, "T-score", "{T-score}")},
    )
    entry["resource"]["bodySite"] = {"text": DXA_SITE_LABELS[scan.site]}
    return entry


def _picture_entries(picture: ClinicalPicture, patient: str) -> list[dict[str, Any]]:
    """Body size and falls as the clinical picture has them today (coach.picture): the export
    says what every other surface says."""
    out = []
    day = picture.today
    for key, value, code, unit, ucum in (
        ("body-height", picture.height_cm, LOINC_BODY_HEIGHT, "cm", "cm"),
        ("body-weight", picture.weight_kg, LOINC_BODY_WEIGHT, "kg", "kg"),
        ("bmi", picture.bmi, LOINC_BMI, "kg/m2", "kg/m2"),
    ):
        if value is not None:
            out.append(
                _observation(
                    key,
                    day,
                    _loinc_code(code),
                    "vital-signs",
                    patient,
                    {"valueQuantity": _quantity(value, unit, ucum)},
                )
            )
    if picture.falls.count_12m:  # a default 0 was perhaps never asked: not exported as a fact
        out.append(
            _observation(
                "falls-12-months",
                day,
                _code("falls-12-months"),
                "survey",
                patient,
                {"valueInteger": picture.falls.count_12m},
            )
        )
    return out


# --------------------------------------------------------------------------- the bundle


def _patient(profile: Profile | None) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "Patient", "id": PATIENT_ID}
    if profile is not None and profile.birth_year is not None:
        resource["birthDate"] = f"{profile.birth_year:04d}"
    return {"fullUrl": f"urn:uuid:{_uuid('patient')}", "resource": resource}


def bundle_head() -> dict[str, Any]:
    """The Bundle without its entries (a stream writes them one by one after this)."""
    return {"resourceType": "Bundle", "id": BUNDLE_ID, "type": "collection"}


def fhir_bundle(
    profile: Profile | None,
    checkins: Iterable[CheckIn],
    session_logs: Iterable[SessionLog],
    dxa_scans: Iterable[DxaScan],
    today: date,
) -> dict[str, Any]:
    """The person's records as a FHIR R4 collection Bundle (a dict; see the module docstring)."""
    days = sorted((c for c in checkins if c.day <= today), key=lambda c: c.day)
    logs = sorted((s for s in session_logs if s.day <= today), key=lambda s: (s.day, s.key))
    scans = [s for s in dxa_scans if s.day <= today]
    picture = build_picture(profile, days, scans, logs, today)
    entries = fhir_entries(profile, days, logs, scans, picture, today)
    return {**bundle_head(), "entry": list(entries)}


def fhir_entries(
    profile: Profile | None,
    checkins: Iterable[CheckIn],
    session_logs: Iterable[SessionLog],
    dxa_scans: Iterable[DxaScan],
    picture: ClinicalPicture,
    today: date,
) -> Iterator[dict[str, Any]]:
    """The Bundle's entries in order: the Patient, then every Observation by date and code.

    ``checkins`` must come oldest first, ``session_logs`` by (day, key) (as the store gives
    them): one day at a time is built and handed on, so an export of any length holds one
    day in memory. ``picture`` is the clinical picture of ``today`` (coach.picture).
    """
    patient = _patient(profile)
    yield patient
    ref = patient["fullUrl"]
    drug = profile.ai_drug if profile is not None and profile.ai_drug != "other" else None
    scans = sorted(
        (s for s in dxa_scans if s.day <= today),
        key=lambda s: (s.day, list(DXA_SITE_LABELS).index(s.site)),
    )
    order = itertools.count()
    streams = (
        ((c.day, 0, next(order), c) for c in checkins if c.day <= today),
        ((s.day, 1, next(order), s) for s in session_logs if s.day <= today),
        ((s.day, 2, next(order), s) for s in scans),
        ((picture.today, 3, next(order), picture) for _ in (0,) if picture.today <= today),
    )
    for day, items in itertools.groupby(heapq.merge(*streams), key=lambda item: item[0]):
        checkin: CheckIn | None = None
        logs: list[SessionLog] = []
        day_scans: list[DxaScan] = []
        pictured = False
        for _, kind, _, record in items:
            if kind == 0:
                checkin = record  # one per day: the later wins
            elif kind == 1:
                logs.append(record)
            elif kind == 2:
                day_scans.append(record)
            else:
                pictured = True
        entries = _checkin_entries(checkin, ref, drug) if checkin is not None else []
        exercise = _exercise_entry(day, checkin, logs, ref) if checkin or logs else None
        if exercise is not None:
            entries.append(exercise)
        entries += [_dxa_entry(scan, ref) for scan in day_scans]
        if pictured:
            entries += _picture_entries(picture, ref)
        entries.sort(key=lambda e: e["resource"]["code"]["coding"][0]["code"])
        yield from entries
