"""Amounts that add up across a sentence, for the safety lint's upper-limit check.

Upper limits count a whole day from every source (FACTS 22-25), but advice often splits the day's
amount: "a 1,500 mg calcium tablet plus a litre of milk", "1,000 mg as tablets on top of the
1,200 mg you get from food", "the drops are 1,000 IU each, so take five a day". Each part is under
the limit; the day is not. This module finds the parts the lint then adds up:

* servings of calcium-rich drinks and foods, estimated with the per-serving figures of FACTS F
  (milk and fortified plant milks 300 mg a cup or glass; tofu, yogurt, sardines);
* an amount per unit ("1,000 IU each", "each capsule has 2,000 IU") and the count of units taken
  in a day elsewhere in the sentence ("take five a day");
* whether two amounts of one nutrient are joined as a sum ("plus", "on top of", "as well as",
  "add ... to", "in the morning and ... at night") rather than as a range, a choice or a
  result ("800 to 1,000", "or", "gives about 1,100 mg").

Lower-case normalised text is expected (see :func:`coach.safety.normalise`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["adds_up", "food_calcium", "units_a_day"]

_COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
    "half a": 0.5,
}
_COUNT = r"(?P<n>\d{1,2}(?:\.\d+)?|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + ")"

# Calcium per serving (FACTS F, USDA). A pint is taken as two cups and a litre as four, so the
# estimate stays at or under the real figure.
_DRINKS = (
    r"(?:(?:semi ?skimmed|skimmed|skim|whole|full fat|low fat|cow s|dairy|fortified|soy|soya"
    r"|almond|oat|plant) )*milk|kefir|fortified (?:orange )?juice"
)
_SERVING_MG = (
    (
        rf"(?:large |small |big |full |tall )?(?:glass(?:es)?|cups?|mugs?|beakers?)"
        rf" of (?:{_DRINKS})",
        300.0,
    ),
    (rf"pints? of (?:{_DRINKS})", 600.0),
    (rf"(?:lit(?:re|er)s?|l) of (?:{_DRINKS})", 1200.0),
    (
        r"(?:pots?|tubs?|cups?|bowls?|servings?|portions?) of (?:\w+ )?(?:yogh?urt|kefir)"
        r"|(?:greek |natural |plain |low fat )?yogh?urts?",
        261.0,
    ),
    (r"(?:servings?|portions?|cans?|tins?) of sardines", 325.0),
)
_FOOD = re.compile(
    rf"(?<![\w.,]){_COUNT} (?P<serving>"
    + "|".join(f"(?:{pattern})" for pattern, _ in _SERVING_MG)
    + r")(?P<week> (?:a|per|each|every) week)?\b"
)
_FOOD_PATTERNS = tuple((re.compile(pattern), mg) for pattern, mg in _SERVING_MG)


def _count(word: str) -> float:
    return float(word) if word[0].isdigit() else float(_COUNT_WORDS[word])


def food_calcium(text: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, mg a day) for each serving of a calcium-rich food or drink in ``text``."""
    for m in _FOOD.finditer(text):
        serving = m.group("serving")
        mg = next(mg for pattern, mg in _FOOD_PATTERNS if pattern.fullmatch(serving))
        total = _count(m.group("n")) * mg
        yield m.start(), m.end(), total / 7 if m.group("week") else total


# "1,000 IU each", "400 IU per drop", "each capsule has 2,000 IU", "tablets are 600 mg each".
_UNIT_NOUN = (
    r"(?:tablets?|capsules?|pills?|softgels?|chews?|gummies|gummy|drops?|scoops?|sachets?"
    r"|sprays?|pumps?|teaspoons?|spoonfuls?|vials?|doses?|caps|tabs)"
)
_EACH_AFTER = re.compile(
    rf"\s*(?:\w+ ){{0,3}}?(?:each|apiece|a piece|per {_UNIT_NOUN}|an? {_UNIT_NOUN})\b"
)
_EACH_BEFORE = re.compile(
    rf"\b(?:each|every|one|per|a single|1)(?: {_UNIT_NOUN})? (?:\w+ )?(?:has|holds|contains|gives"
    r"|provides|delivers|is|equals|carries)(?: about| around| roughly)? $"
)
# "take five a day", "fifteen drops a day", "three of them daily", "four times a day".
_A_DAY = re.compile(
    rf"\b{_COUNT}(?: of (?:them|these|those)| (?:\w+ )?{_UNIT_NOUN}| times)?"
    r" (?:(?:a|per|each|every) day|daily|(?:after|with|at|before) (?:breakfast|lunch|dinner|tea"
    r"|supper|bedtime|night|(?:a |each |every )?meals?)|(?:in the|each|every) (?:morning|evening)"
    r"|(?:each|every) night|nightly)\b"
)


def units_a_day(text: str, start: int, end: int) -> float | None:
    """How many units a day are taken, when the amount at ``text[start:end]`` is one unit's."""
    if not (_EACH_AFTER.match(text, end) or _EACH_BEFORE.search(text[max(0, start - 40) : start])):
        return None
    counts = [
        m for m in _A_DAY.finditer(text) if m.end() <= start or m.start() >= end
    ]  # the count is told apart from the amount
    if not counts:
        return None
    return _count(counts[0].group("n"))


# Joins that add two amounts of one nutrient, and ones that make a range, a choice or a total.
_ADDITIVE = re.compile(
    r"\b(?:plus|on top of|as well as|in addition to|along ?side|together with|combined with"
    r"|added to|besides|over and above|and another|and a further|and also|with another"
    r"|with (?:your |the )?(?:normal |usual |regular |daily )?(?:dairy|milk))\b"
)
_ADDITIVE_AFTER = re.compile(r"^\W*(?:\w+ ){0,4}?(?:as well|too|also|on top)\b")
_TIME_OF_DAY = re.compile(
    r"\W*(?:\w+ ){0,3}?(?:morning|night|evening|bedtime|breakfast|lunch|lunchtime|dinner|tea"
    r"|teatime|supper|waking|am|pm)\b"
)
_ADD_TO = re.compile(r"\badd(?:s|ed|ing)? (?:\w+ ){0,4}$")
_APART = re.compile(
    r"\b(?:or|between|instead of|rather than|up to|of which|including|includes|out of|than"
    r"|limit|at most|maximum|gives?|giving|makes?|making|equals?|totals?|in total|altogether"
    r"|that is|i e|so|which|means?|for a total|brings?|bringing|reach(?:es|ing)?|need|needs"
    r"|covers?|covering|meets?|meeting)\b"
)


def adds_up(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True if the amounts at ``first`` and ``second`` (start, end) are told as a sum."""
    between = text[first[1] : second[0]]
    add_to = _ADD_TO.search(text[max(0, first[0] - 40) : first[0]]) and re.search(
        r"\bto\b", between
    )
    if _APART.search(between) or (re.search(r"\bto\b|-", between) and not add_to):
        return False
    after = text[second[1] : second[1] + 40]
    # "2,000 IU in the morning and 3,000 IU at night": a day told by its times.
    by_time = (
        re.search(r"\band\b", between)
        and _TIME_OF_DAY.search(between)
        and _TIME_OF_DAY.match(after)
    )
    # "two 1,000 mg calcium tablets and a pint of milk": a food added with "and".
    with_food = re.search(r"\band\s*$", between) and _FOOD.match(text, second[0])
    return bool(
        add_to or by_time or with_food or _ADDITIVE.search(between) or _ADDITIVE_AFTER.match(after)
    )
