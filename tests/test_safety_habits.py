"""The safety lint: how an oral bisphosphonate is taken, alcohol and smoking played down, the AI
made to sound unnecessary, help put off after a fall, counted tablets over a limit, and medicines
known only by the shape of their name.

The bisphosphonate names are checked against the rule table, and each is tested with every wrong
way of taking it and every safe shape below.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.safety import DEFAULT_TABLE, lint

_ORAL = (
    "alendronate",
    "alendronic acid",
    "risedronate",
    "ibandronate",
    "Fosamax",
    "Actonel",
    "Bonviva",
    "Binosto",
)
_FOOD_AND_DRINK = (
    "breakfast",
    "your lunch",
    "a cup of coffee",
    "your morning tea",
    "orange juice",
    "a glass of milk",
    "a yogurt",
    "your cereal",
    "a latte",
    "your calcium tablet",
    "sparkling mineral water",
    "your other tablets",
)
_WITH_TEMPLATES = (
    "Take your {drug} with {food}.",
    "You can have {drug} with {food} if it upsets your stomach.",
    "{Drug} is easier to remember with {food}.",
)
_OTHER_ERRORS = (
    "After your {drug}, go back to bed for an hour.",
    "It is fine to lie down straight after your {drug}.",
    "If you forget your {drug}, take it later in the day.",
    "Take your {drug} at bedtime instead.",
    "Chew your {drug} if the tablet is too big.",
    "Take {drug}, then have breakfast straight after.",
)
_SAFE_TEMPLATES = (
    "Take {drug} first thing, with a full glass of plain water, and stay upright for 30 minutes.",
    "Wait at least 30 minutes after your {drug} before food, drink or other medicines.",
    "Never take your {drug} with {food}.",
    "Do not lie down after your {drug}, and do not chew or suck it.",
    "If you forget your {drug}, take it the next morning as the leaflet says.",
)


def _say(template: str, drug: str, food: str = "") -> str:
    return template.format(drug=drug, Drug=drug.capitalize(), food=food)


def _rules(text: str) -> set[str]:
    return {f.rule for f in lint(text)}


def test_every_name_tested_is_in_the_table() -> None:
    entries = DEFAULT_TABLE.oral_bisphosphonates
    for name in _ORAL:
        assert any(re.fullmatch(entry, name.lower()) for entry in entries), name


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ORAL), st.sampled_from(_FOOD_AND_DRINK), st.sampled_from(_WITH_TEMPLATES))
def test_any_bisphosphonate_with_any_food_or_drink_is_flagged(
    drug: str, food: str, template: str
) -> None:
    text = _say(template, drug, food)
    assert "bisphosphonate-how-to-take" in _rules(text), text


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ORAL), st.sampled_from(_OTHER_ERRORS))
def test_lying_down_later_in_the_day_and_chewing_are_flagged(drug: str, template: str) -> None:
    text = _say(template, drug)
    assert "bisphosphonate-how-to-take" in _rules(text), text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ORAL), st.sampled_from(_FOOD_AND_DRINK), st.sampled_from(_SAFE_TEMPLATES))
def test_the_leaflets_way_of_taking_it_passes(drug: str, food: str, template: str) -> None:
    text = _say(template, drug, food)
    assert lint(text) == [], text


def test_food_or_drink_belongs_to_whatever_was_named_before_it() -> None:
    assert lint("Take your calcium with lunch, and alendronate first thing with plain water.") == []
    assert lint("Alendronate is a weekly tablet. Take it with your morning coffee.")
    assert lint("Zoledronic acid is a drip once a year, so take it whenever suits you.") == []


# --- alcohol and smoking (FACTS 5, 27, 34) ------------------------------------------------------

_OVER = (
    "a bottle of wine a night",
    "three glasses of wine an evening",
    "6 units on a Friday",
    "four pints every night",
    "binge drinking at weekends",
    "twenty units a week",
)
_PLAYED_DOWN = (
    "{amount} won't affect your bones.",
    "{amount} is fine on an AI.",
    "{amount} makes no difference to your fracture risk.",
    "{amount} is harmless if you stay dry the rest of the week.",
)
_REFUSED = (
    "{amount} raises the risk of fractures.",
    "{amount} is not safe for your bones.",
    "Avoid {amount}; keep to 2 units a day or less.",
)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_OVER), st.sampled_from(_PLAYED_DOWN))
def test_alcohol_over_the_limit_played_down_is_flagged(amount: str, template: str) -> None:
    text = template.format(amount=amount)
    text = text[0].upper() + text[1:]
    assert "alcohol-or-smoking-played-down" in _rules(text), text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_OVER), st.sampled_from(_REFUSED))
def test_alcohol_over_the_limit_warned_against_passes(amount: str, template: str) -> None:
    text = template.format(amount=amount)
    text = text[0].upper() + text[1:]
    assert lint(text) == [], text


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Keep alcohol to 2 units a day or less, with some alcohol-free days.", False),
        ("Up to 14 units a week, spread out, adds no fracture risk.", False),
        ("A few cigarettes a day make no difference to your bones.", True),
        ("The odd cigarette won't do your bones any harm.", True),
        ("A pack of cigarettes a day doesn't really matter once you're over seventy.", True),
        ("It's too late to quit smoking at 65.", True),
        ("At your age quitting cigarettes is pointless for your bones.", True),
        ("Stopping smoking helps your bones at any age.", False),
        ("Smoking harms bones; it is never too late to stop.", False),
        ("Even a few cigarettes a day harm bone-building cells.", False),
    ],
)
def test_smoking_and_alcohol_limits(text: str, flagged: bool) -> None:
    assert ("alcohol-or-smoking-played-down" in _rules(text)) is flagged


# --- the AI made to sound unnecessary; help put off -------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(("the AI", "letrozole", "anastrozole", "exemestane", "your tablets")),
    st.sampled_from(
        (
            "Once your bones look better, {ai} is no longer needed.",
            "When the pain settles, {ai} becomes unnecessary.",
            "If your scan is normal, you can think of {ai} as optional.",
        )
    ),
)
def test_the_ai_made_to_sound_unnecessary_is_flagged(ai: str, template: str) -> None:
    assert "stop-or-switch-ai" in _rules(template.format(ai=ai))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("If you fall and cannot get up, wait until morning rather than calling for help.", True),
        ("If you can't get up after a fall, try again later instead of pressing your alarm.", True),
        ("Jaw pain on Prolia? Hold off calling anyone until next month.", True),
        ("If you fall and cannot get up, press your alarm or call for help; don't wait.", False),
        ("If you can't get up after a fall, call 999 and keep warm while you wait.", False),
    ],
)
def test_help_put_off_after_a_fall_or_a_warning_sign(text: str, flagged: bool) -> None:
    assert ("dismissed-warning-sign" in _rules(text)) is flagged


# --- counted tablets; medicines known by the shape of their name -------------------------------

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 6), st.sampled_from((300, 400, 500, 600, 800, 1000, 1200)))
def test_counted_calcium_tablets_are_added_up(count: int, mg: int) -> None:
    text = f"Take {_WORDS[count]} of your {mg:,} mg calcium tablets a day."
    assert bool(lint(text)) is (count * mg > 2000), text


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 3), st.sampled_from((400, 800, 1000, 2000, 5000)), st.booleans())
def test_counted_vitamin_d_capsules_are_added_up(count: int, iu: int, twice: bool) -> None:
    text = (
        f"Take {_WORDS[count]} {iu:,} IU vitamin D capsules {'twice' if twice else 'once'} a day."
    )
    daily = count * iu * (2 if twice else 1)
    assert bool(lint(text)) is (daily > 4000), text


_SHAPED = ("enalapril", "propranolol", "nebivolol", "irbesartan", "nifedipine", "pantoprazole")


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(_SHAPED),
    st.sampled_from(
        ("Double your {name}.", "Skip your {name} on good days.", "Raise your own {name} dose.")
    ),
)
def test_a_medicine_known_by_its_shape_is_a_medicine(name: str, template: str) -> None:
    assert "medicine-dose-change" in _rules(template.format(name=name))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_SHAPED))
def test_a_change_to_it_left_to_the_prescriber_passes(name: str) -> None:
    assert lint(f"Ask your GP before you double your {name}.") == []
    assert lint(f"Your {name} dose is for your prescriber to change.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Take twice the vitamin D your doctor prescribed.",
        "Move your weekly alendronate to twice a week.",
        "Take risedronate on Mondays and Thursdays to double the benefit.",
    ],
)
def test_more_than_prescribed_is_flagged(text: str) -> None:
    assert lint(text)


@pytest.mark.parametrize(
    "text",
    [
        "Avoid toe-touches and sit-ups; bending forward loads the front of the spine.",
        "Is it OK to use vaginal moisturisers? Yes, non-hormonal moisturisers are fine; "
        "ask before any estrogen product.",
    ],
)
def test_the_outside_sets_false_positives_pass(text: str) -> None:
    assert lint(text) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Twelve units a week is fine if spread out.", False),
        ("20 units a week is fine, but spread it out.", True),
        ("Two small glasses of wine a week is a sensible amount.", False),
        ("Eight pints a week is fine.", True),
        ("A bottle of wine a week is within the weekly limit if spread out.", False),
        ("Two bottles of wine a week is harmless.", True),
        ("Insulin doses of 20 units are set by your diabetes team.", False),
    ],
)
def test_a_weekly_amount_of_alcohol_is_judged_against_14_units(text: str, flagged: bool) -> None:
    assert ("alcohol-or-smoking-played-down" in _rules(text)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Do I still need letrozole if my scan is normal? Not really.", True),
        ("Do I still need letrozole if my scan is normal? Yes - it treats the cancer.", False),
        ("Should I call someone if I fall and can't get up? No, just wait it out.", True),
        ("Should I call 999 for chest pain? Yes, straight away.", False),
    ],
)
def test_a_no_is_read_against_the_question(text: str, flagged: bool) -> None:
    assert bool(lint(text)) is flagged
