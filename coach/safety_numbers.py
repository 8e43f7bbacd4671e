"""Numbers written in words, read the way the safety lint needs them.

An amount can be written "7,500 IU", "7.5k IU", "seven and a half thousand IU", "twenty-five
drops", "four 600 mg tablets" or "half a gram"; the lint compares amounts with upper limits, so
every spelling must become digits first. Only number phrases that are amounts are rewritten: ones
with a scale word ("thousand"), a half, a "k", or a unit, count noun or digit amount right after
them; "half a gram" and "a gram" become "0.5 gram" and "1 gram". Other number words ("one of
the", "two times a day", "four in ten") are left as written, because the lint's patterns read them
as words. A count written in words before a digit amount becomes a
multiplier ("four 600 mg tablets" -> "4 x 600 mg tablets"), not one number ("4 600").

Lower-case, hyphen-free text is expected (the lint's normaliser runs first).
"""

from __future__ import annotations

import re

__all__ = ["amounts_in_digits"]

_ONES = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_VALUES = {word: n for n, word in enumerate(_ONES)} | {
    word: 20 + 10 * n for n, word in enumerate(_TENS)
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = "|".join((*_ONES, *_TENS))
_SCALE = "|".join(_SCALES)
# A word phrase ("seven and a half thousand", "twenty five hundred", "a thousand") or digits with
# a scale or a k ("5 thousand", "7.5k").
_PHRASE = re.compile(
    rf"(?<![\w.,])(?:"
    rf"(?P<words>(?:{_WORD}|a(?= (?:{_SCALE})\b))(?:(?: and)? (?:a half|{_WORD}|{_SCALE}))*)"
    rf"|(?P<digits>\d+(?:\.\d+)?)(?: ?(?P<k>k)| (?P<scale>{_SCALE}))"
    rf")(?![\w])"
)
# What makes a bare word phrase an amount: a unit, a count noun, or a digit amount after it.
_AMOUNT_FOLLOWS = re.compile(
    r" (?:iu|i u|international units?|units?|mcg|μg|ug|micrograms?|mg|milligrams?|grams?|g"
    r"|(?:\w+ )?(?:drops?|tablets?|capsules?|pills?|softgels?|chews?|gummies|sachets?|scoops?"
    r"|supplements?|sprays?|pumps?|shots?|vials?)|\d+)\b"
)


def _value(words: str) -> float:
    total, current = 0.0, 0.0
    for token in re.findall(rf"a half|{_WORD}|{_SCALE}|a", words):
        if token == "a half":
            current += 0.5
        elif token in _VALUES:
            current += _VALUES[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0.0
    return total + current


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _rewrite(match: re.Match[str]) -> str:
    text = match.string
    if match.group("digits"):
        scale = 1000 if match.group("k") else _SCALES[match.group("scale")]
        return _digits(float(match.group("digits")) * scale)
    words = match.group("words")
    is_amount = (
        re.search(rf"\b(?:{_SCALE})\b|a half", words) is not None
        or _AMOUNT_FOLLOWS.match(text, match.end()) is not None
    )
    if not is_amount:
        return words
    if re.match(r" \d", text[match.end() :]):
        return f"{_digits(_value(words))} x"  # "two 500 mg tablets": a count, not "2 500"
    return _digits(_value(words))


# A fraction of one unit ("half a gram", "a quarter of a gram", "a gram and a half", "a gram").
_ONE_UNIT = re.compile(
    r"(?<![\w.,])(?:(?P<half>half an?|a half of an?|1/2 an?|½ an?)|(?P<quarter>a quarter of an?)"
    r"|an?) (?P<unit>grams?|milligrams?|microgram)(?P<and_half> and a half)?\b"
)


def _one_unit(match: re.Match[str]) -> str:
    value = 0.5 if match.group("half") else 0.25 if match.group("quarter") else 1.0
    if match.group("and_half"):
        value += 0.5
    return f"{_digits(value)} {match.group('unit')}"


def amounts_in_digits(text: str) -> str:
    """``text`` with every number phrase that is an amount written in digits."""
    return _ONE_UNIT.sub(_one_unit, _PHRASE.sub(_rewrite, text))
