"""The safety lint: changing any prescribed medicine's dose, amounts of a nutrient named earlier,
hormones beside an AI, and a question judged by its answer.

The medicine names are drawn from the rule table itself, so a name added to the lexicon is tested
by construction with every verb of change and every safe shape below.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.safety import DEFAULT_TABLE, lint

_CHANGE_RULES = {"medicine-dose-change", "bone-medicine-change", "stop-or-switch-ai"}


def _plain_names(entries: tuple[str, ...]) -> list[str]:
    """The alternatives of the table's entries that are plain words (brand and generic names)."""
    return sorted(
        {
            word
            for entry in entries
            if not entry.startswith("(?:")
            for word in entry.split("|")
            if re.fullmatch(r"[a-z]{4,}", word)
        }
    )


_OTHER = _plain_names(DEFAULT_TABLE.other_medicines)
_ANY = (
    _OTHER
    + _plain_names(DEFAULT_TABLE.ai_terms)
    + _plain_names(DEFAULT_TABLE.bone_medicines)
    + [
        "blood pressure tablets",
        "steroid tablets",
        "prescribed vitamin D",
        "painkillers",
        "thyroid pills",
        "diabetes medicine",
        "statin",
        "antidepressant",
    ]
)
_VERBS = (
    "double",
    "halve",
    "skip",
    "stop",
    "cut down on",
    "bump up",
    "increase",
    "lower",
    "taper",
    "reduce",
    "take an extra dose of",
    "take a break from",
)
_UNSAFE = (
    "{verb} your {name}.",
    "You can {verb} your {name} on bad days.",
)
_SAFE = (
    "Ask your care team before you {verb} your {name}.",
    "Never {verb} your {name} on your own.",
)


def test_the_lexicon_holds_every_class_of_medicine() -> None:
    for name in ("naproxen", "duloxetine", "tramadol", "prednisolone", "levothyroxine"):
        assert name in _OTHER
    for name in ("amlodipine", "metformin", "atorvastatin", "sertraline", "calcitriol"):
        assert lint(f"Double your {name}.")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_VERBS), st.sampled_from(_ANY), st.sampled_from(_UNSAFE))
def test_any_change_to_any_medicine_is_flagged(verb: str, name: str, template: str) -> None:
    text = template.format(verb=verb, name=name)
    text = text[0].upper() + text[1:]
    assert {f.rule for f in lint(text)} & _CHANGE_RULES, text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_VERBS), st.sampled_from(_ANY), st.sampled_from(_SAFE))
def test_a_change_left_to_the_care_team_passes(verb: str, name: str, template: str) -> None:
    text = template.format(verb=verb, name=name)
    assert lint(text) == [], text


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_ANY),
    st.sampled_from(
        (
            "Take your {name} every other day.",
            "Your {name} can be doubled when the pain is bad.",
            "Take two of your {name} tablets instead of one.",
            "Missed your {name}? Take two tomorrow to catch up.",
            "If your {name} upsets you, just stop taking it.",
        )
    ),
)
def test_schedule_changes_and_catching_up_are_flagged(name: str, template: str) -> None:
    text = template.format(name=name)
    assert {f.rule for f in lint(text)} & _CHANGE_RULES, text


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_ANY),
    st.sampled_from(
        (
            "Your doctor may adjust your {name} dose.",
            "Take your {name} exactly as prescribed.",
            "If you miss a dose of {name}, follow the leaflet or ask your pharmacist.",
            "Never double up on {name} to make up for a missed dose.",
            "Only your prescriber should raise or lower your {name}.",
        )
    ),
)
def test_label_and_prescriber_shapes_pass(name: str, template: str) -> None:
    text = template.format(name=name)
    assert lint(text) == [], text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The more calcium the better, so try 3,000 mg.", True),
        ("Magnesium relaxes muscles - take 800 mg at bedtime.", True),
        ("Calcium builds bone. Take 2,800 mg every day.", True),
        ("Calcium, calcium, calcium! Aim for 3 grams a day.", True),
        ("Calcium is the building block: 2,500 mg a day is not too much.", True),
        ("Calcium matters; 1,000 mg a day from food and tablets is about right.", False),
        ("Calcium matters, but your paracetamol can be taken as 1,000 mg four times a day.", False),
        ("Calcium builds bone. Protein helps too: 1.2 g per kg, about 84 g a day at 70 kg.", False),
        ("Calcium matters. Many people take glucosamine, 2,500 mg a day, for their joints.", False),
        ("More calcium is not better; above 2,000 mg a day it can cause kidney stones.", False),
    ],
)
def test_an_amount_of_a_nutrient_named_earlier_is_judged(text: str, flagged: bool) -> None:
    assert bool(lint(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Could HRT help my bones? It isn't used after breast cancer.", False),
        (
            "Is tibolone an option? It raised recurrence in the LIBERATE trial, so it is not used.",
            False,
        ),
        ("Would a progestogen help? No, hormones are not used for bone after this cancer.", False),
        ("Could HRT help my bones? Many women find it does.", True),
        ("Could you try taking your letrozole every other day? Many women find it easier.", True),
        ("Could you manage four 600 mg calcium tablets a day? Your bones would love it.", True),
        ("Have you thought about testosterone? A small dose could help your bones.", True),
        ("Could HRT help? It isn't used after breast cancer, but tibolone is fine.", True),
        ("What about testosterone? Women make a little of it; the AI lowers estrogen.", False),
        ("What about testosterone? It's great for building bone on an AI.", True),
        ("How about some progesterone? Rub it in at night.", True),
        ("Have you thought about how estrogen affects your bones?", False),
    ],
)
def test_a_question_is_judged_by_its_answer(text: str, flagged: bool) -> None:
    assert bool(lint(text)) is flagged


@pytest.mark.parametrize(
    "text",
    [
        "Estriol is a weak estrogen, so it's fine with your aromatase inhibitor.",
        "Vaginal estrogen is fine with your AI.",
        "Estriol is safe to take alongside letrozole.",
        "Tibolone is a sensible choice while on exemestane.",
        "A progesterone cream is a gentle way to support your bones on an AI.",
        "Megestrol can be added to your AI to strengthen your bones.",
    ],
)
def test_weak_estrogens_and_progestogens_beside_an_ai_are_flagged(text: str) -> None:
    assert {f.rule for f in lint(text)} == {"hormone-therapy"}


@pytest.mark.parametrize(
    "text",
    [
        "Estriol is still an estrogen, so it is not used alongside an AI.",
        "Ask your oncologist before using any hormone, however weak.",
        "Progesterone creams are not a safe way to protect bone on an AI.",
    ],
)
def test_hormones_refused_beside_an_ai_pass(text: str) -> None:
    assert lint(text) == []
