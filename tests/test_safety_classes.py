"""The safety lint by class, not by sentence: a tablet named by no drug name with its schedule
thinned out, a bone or cancer medicine taken by feel, flexion or impact beside a fragile spine
(in the same sentence or the one before), a fall kept from the care team, and a change the care
team makes, named by a pronoun.

Each test crosses a lexicon with a shape, so a new pairing is judged by construction; the safe
shape beside it (asking the care team first, avoiding, keeping on, telling) must pass.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.safety import lint

# --- a tablet, pill, dose or medicine named by no drug name ---------------------------------

_UNNAMED = (
    "a tablet",
    "your tablet",
    "your tablets",
    "the pill",
    "your pill",
    "your dose",
    "your medicine",
    "the tablets",
    "your medication",
    "your daily tablet",
)
# Verb phrases that thin out a schedule, each with "{noun}" for the tablet.
_THINNED = (
    "take {noun} every second day",
    "take {noun} every other day",
    "skip {noun} at weekends",
    "halve {noun} when your joints ache",
    "split {noun} in two",
    "take {noun} only when you feel up to it",
    "have a break from {noun} for a month",
    "leave out {noun} on Sundays",
    "take {noun} three days a week",
    "miss {noun} on days your hands are stiff",
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_UNNAMED), st.sampled_from(_THINNED))
def test_an_unnamed_tablet_thinned_out_is_flagged(noun: str, phrase: str) -> None:
    said = phrase.format(noun=noun)
    assert lint(said[0].upper() + said[1:] + "."), said


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_UNNAMED), st.sampled_from(_THINNED))
def test_asking_the_care_team_first_passes(noun: str, phrase: str) -> None:
    said = f"Ask your care team before you {phrase.format(noun=noun)}."
    assert lint(said) == [], said


def test_an_unnamed_tablet_taken_as_prescribed_passes() -> None:
    for noun in _UNNAMED:
        for said in (
            f"Take {noun} at the same time each day.",
            f"If you miss {noun}, follow the leaflet or ask your pharmacist.",
            f"Never halve or skip {noun} without asking your care team.",
        ):
            assert lint(said) == [], said


# --- a bone or cancer medicine taken by feel --------------------------------------------------

_KEPT_MEDICINES = (
    "letrozole",
    "anastrozole",
    "exemestane",
    "your AI",
    "alendronate",
    "risedronate",
    "your Prolia injection",
    "your bone tablet",
    "your prescribed calcium and vitamin D",
)
_BY_FEEL = (
    "only when your bones feel sore",
    "when your joints are bad",
    "on days you feel up to it",
    "as needed",
    "on good days",
    "whenever your back aches",
    "for the weeks your hips hurt",
    "only when you are in pain",
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_KEPT_MEDICINES), st.sampled_from(_BY_FEEL))
def test_a_medicine_taken_by_feel_is_flagged(medicine: str, feel: str) -> None:
    said = f"Take {medicine} {feel}."
    assert lint(said), said
    told = f"{medicine[0].upper()}{medicine[1:]} can be hard going. Take it {feel}."
    assert lint(told), told


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_KEPT_MEDICINES))
def test_a_medicine_kept_whatever_the_body_says_passes(medicine: str) -> None:
    for said in (
        f"Keep taking {medicine} even when your joints ache.",
        f"Take {medicine} as prescribed, even on days you feel well.",
    ):
        assert lint(said) == [], said


def test_painkillers_are_taken_by_the_pain() -> None:
    for feel in _BY_FEEL:
        said = f"Take paracetamol {feel}."
        assert lint(said) == [], said
        told = f"Paracetamol eases the aches. Take it {feel}."
        assert lint(told) == [], told


# --- flexion and impact beside a fragile spine ----------------------------------------------

_MOVES = (
    "roll-ups",
    "crunches",
    "toe touches",
    "full golf swings",
    "skipping rope",
    "jumping off a step",
    "bouncing on a trampoline",
    "curl-ups",
    "knee hugs to your chest",
)
_FRAGILE = (
    "osteoporosis",
    "low bone density",
    "a spine fracture",
    "a vertebral fracture",
    "a fragile spine",
    "brittle bones",
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_MOVES), st.sampled_from(_FRAGILE))
def test_flexion_or_impact_with_a_fragile_spine_is_flagged(move: str, fragile: str) -> None:
    said = f"{move[0].upper()}{move[1:]} are fine with {fragile}."
    assert lint(said), said
    told = f"You have {fragile}. Try {move} each morning."
    assert lint(told), told


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_MOVES), st.sampled_from(_FRAGILE))
def test_flexion_or_impact_avoided_with_a_fragile_spine_passes(move: str, fragile: str) -> None:
    said = f"Avoid {move} if you have {fragile}."
    assert lint(said) == [], said


# --- a fall kept from the care team ---------------------------------------------------------

_KEPT_QUIET = (
    "Don't call anyone after a fall",
    "There's no need to tell anyone about a fall",
    "Keep a fall to yourself",
    "Hold off telling your GP about a fall",
    "Wait a week before mentioning a fall to your nurse",
    "Forget about a fall",
    "Don't bother your GP about a fall",
)
_CONDITIONS = ("if you feel fine", "unless you're bleeding", "if nothing seems broken")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_KEPT_QUIET), st.sampled_from(_CONDITIONS))
def test_a_fall_kept_from_the_care_team_is_flagged(kept: str, condition: str) -> None:
    said = f"{kept} {condition}."
    assert lint(said), said


def test_a_fall_told_only_when_it_did_harm_is_flagged() -> None:
    assert lint("Only tell your doctor about a fall if you break something.")
    assert lint("Slipped on the stairs? No one needs to hear about it if you can walk.")


def test_a_fall_told_to_the_care_team_passes() -> None:
    for condition in _CONDITIONS:
        said = f"Tell your care team about any fall, even {condition}."
        assert lint(said) == [], said
    assert lint("If you can't get up, call for help.") == []
    assert lint("Falls are common, so ask your GP for a falls assessment.") == []


# --- the care team, named by a pronoun, and questions kept for a visit -------------------------


def test_a_change_the_care_team_makes_passes_also_by_pronoun() -> None:
    for clinician in ("Your oncologist", "Your care team", "Your GP", "Your specialist"):
        for pronoun in ("They", "She", "He"):
            said = f"{clinician} will decide. {pronoun} may suggest switching to another AI."
            assert lint(said) == [], said
    # A pronoun with no care team before it is no clinician.
    assert lint("Friends say it's hard. They suggest switching to another AI.")


def test_questions_about_a_medicine_kept_for_a_visit_pass() -> None:
    assert lint("Questions about your AI can wait until your clinic visit.") == []
    assert lint("Your AI can wait until your clinic visit.")
