"""The exercise library: complete, consistent, and tagged so the planner's safety filters work."""

from __future__ import annotations

import dataclasses

import pytest

from coach.exercises import (
    CATEGORIES,
    EXERCISES,
    IMPACT_TAGS,
    TAGS,
    by_category,
    get_exercise,
    validate,
)
from coach.models import EQUIPMENT

REQUIRED = (
    # squats, push-ups, rows, heel raises, lunges, step-ups, hinges, bridges, leg raises
    "sit-to-stand", "bodyweight-squat", "goblet-squat", "wall-push-up", "counter-push-up",
    "knee-push-up", "band-row", "dumbbell-row", "heel-raise", "split-squat", "forward-lunge",
    "step-up", "hip-hinge", "band-deadlift", "dumbbell-rdl", "bridge", "side-lying-leg-raise",
    "band-pull-apart", "seated-overhead-press",
    # posture
    "prone-back-extension", "chin-tuck", "wall-angel", "shoulder-blade-squeeze",
    # weight-bearing aerobic
    "brisk-walk", "march-on-spot", "stair-climb", "dancing", "nordic-walk",
    # impact
    "heel-drop", "stomp", "small-jumps", "jump-landing",
    # balance
    "tandem-stance", "single-leg-stance", "single-leg-stance-supported", "heel-to-toe-walk",
    "side-step", "weight-shift",
    # flexibility
    "calf-stretch", "hamstring-stretch",
    # contraindicated with osteoporosis: present so the filters are testable
    "sit-up", "crunch", "toe-touch", "russian-twist",
)  # fmt: skip


def test_library_is_large_and_sound() -> None:
    assert len(EXERCISES) >= 30
    assert validate(EXERCISES) == []
    assert len({e.id for e in EXERCISES}) == len(EXERCISES)


def test_required_exercises_are_present() -> None:
    missing = [i for i in REQUIRED if i not in {e.id for e in EXERCISES}]
    assert missing == []


def test_categories_are_exactly_the_six_and_all_used() -> None:
    assert CATEGORIES == (
        "resistance",
        "weight-bearing aerobic",
        "impact",
        "balance",
        "posture",
        "flexibility",
    )
    for category in CATEGORIES:
        assert by_category(category), category
    assert sum(len(by_category(c)) for c in CATEGORIES) == len(EXERCISES)


def test_fields_are_valid() -> None:
    for e in EXERCISES:
        assert e.category in CATEGORIES
        assert set(e.equipment) <= set(EQUIPMENT)
        assert e.tags <= set(TAGS)
        assert 2 <= len(e.how_to.splitlines()) <= 4, e.id
        assert e.unit in ("reps", "minutes")
        for variant in (e.easier, e.harder):
            if variant is not None:
                assert get_exercise(variant).category == e.category


def test_units_follow_category() -> None:
    timed = {"weight-bearing aerobic", "balance", "flexibility"}
    for e in EXERCISES:
        assert (e.unit == "minutes") == (e.category in timed), e.id


def test_variant_chains_are_symmetric() -> None:
    for e in EXERCISES:
        if e.harder:
            assert get_exercise(e.harder).easier == e.id
        if e.easier:
            assert get_exercise(e.easier).harder == e.id


def test_squat_chain_goes_from_chair_to_dumbbell() -> None:
    assert get_exercise("sit-to-stand").harder == "bodyweight-squat"
    assert get_exercise("bodyweight-squat").harder == "goblet-squat"
    assert "chair_supported" in get_exercise("sit-to-stand").tags
    assert get_exercise("goblet-squat").equipment == ("dumbbells",)


def test_contraindicated_exercises_are_tagged() -> None:
    for i in ("sit-up", "crunch", "toe-touch"):
        assert "spinal_flexion" in get_exercise(i).tags
    assert "loaded_twisting" in get_exercise("russian-twist").tags


def test_hinges_are_not_spinal_flexion() -> None:
    for i in ("hip-hinge", "band-deadlift", "dumbbell-rdl"):
        e = get_exercise(i)
        assert "hinge" in e.tags
        assert not e.tags & {"spinal_flexion", "loaded_twisting"}
        assert "hip" in e.how_to.lower()


def test_impact_levels_and_supervision() -> None:
    assert "impact_low" in get_exercise("heel-drop").tags
    assert "impact_low" in get_exercise("stomp").tags
    assert "impact_moderate" in get_exercise("small-jumps").tags
    jump = get_exercise("jump-landing")
    assert {"impact_high", "supervised_only"} <= jump.tags
    for e in by_category("impact"):
        assert len(e.tags & set(IMPACT_TAGS)) == 1
    for e in EXERCISES:
        if e.category != "impact":
            assert not e.tags & set(IMPACT_TAGS), e.id


def test_floor_back_extensor_and_chair_tags() -> None:
    assert {"floor", "back_extensor"} <= get_exercise("prone-back-extension").tags
    assert "floor" in get_exercise("bridge").tags
    assert "chair_supported" in get_exercise("single-leg-stance-supported").tags
    assert "chair_supported" in get_exercise("tandem-stance-supported").tags


def test_loaded_tag_matches_equipment() -> None:
    for e in EXERCISES:
        assert ("loaded" in e.tags) == bool({"dumbbells", "gym"} & set(e.equipment)), e.id


def test_get_exercise_unknown_id_names_it() -> None:
    with pytest.raises(KeyError, match="no-such-move"):
        get_exercise("no-such-move")


def test_by_category_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="category must be one of"):
        by_category("cardio")


def test_validate_catches_broken_libraries() -> None:
    good = get_exercise("bodyweight-squat")
    broken = [
        good,
        good,
        dataclasses.replace(good, id="x1", harder="missing"),
        dataclasses.replace(good, id="x2", tags=frozenset({"wobbly"})),
        dataclasses.replace(good, id="x3", category="cardio"),
        dataclasses.replace(good, id="x4", equipment=("kettlebell",)),
        dataclasses.replace(good, id="x5", how_to="one line only"),
        dataclasses.replace(good, id="x6", unit="seconds"),
    ]
    problems = " | ".join(validate(broken))
    for needle in (
        "duplicate ids",
        "'missing' does not exist",
        "unknown tags",
        "unknown category",
        "equipment must be",
        "2-4 non-empty lines",
        "unknown unit",
    ):
        assert needle in problems


def test_how_to_text_passes_the_safety_lint() -> None:
    safety = pytest.importorskip("coach.safety", reason="coach.safety (lint) not written yet")
    for e in EXERCISES:
        assert safety.lint(e.name + "\n" + e.how_to) == [], e.id


def test_how_to_uses_safe_cues_for_spine_loading_moves() -> None:
    for i in ("bodyweight-squat", "hip-hinge", "dumbbell-row", "hamstring-stretch"):
        text = get_exercise(i).how_to.lower()
        assert "back" in text or "spine" in text, i
