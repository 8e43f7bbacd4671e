"""The one number parser, the one date parser, and text that cannot attack a terminal (items 11,
12, 19 of issue 13)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.models import CHECKIN_RANGES, DXA_T_SCORE, PROFILE_RANGES, CheckIn, ValidationError
from coach.parsing import MAX_NUMBER_CHARS, ParseError, parse_date, parse_number
from coach.textsafe import clean_text, csv_cell, printable

PAIN = CHECKIN_RANGES["pain"]
CALCIUM = CHECKIN_RANGES["calcium_food_mg"]
ALCOHOL = CHECKIN_RANGES["alcohol_units"]


@pytest.mark.parametrize(
    ("text", "whole", "expected"),
    [
        ("3", True, 3),
        (" 7 ", True, 7),
        ("+2", True, 2),
        ("-1", True, -1),
        ("1.5", False, 1.5),
        ("1,5", False, 1.5),
        (".5", False, 0.5),
        ("5.", False, 5.0),
        ("-1,2", False, -1.2),
    ],
)
def test_numbers_people_type(text: str, whole: bool, expected: float) -> None:
    assert parse_number(text, whole=whole) == expected


@pytest.mark.parametrize(
    "text",
    ["1,5", "1.5", "1,000", "1_0", "١٢", "１２", "1e3", "inf", "nan", "0x10", "", " ", "--1"],
)
def test_whole_numbers_take_digits_only(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, whole=True)


@pytest.mark.parametrize("text", ["1,5,0", "1.2.3", "1_0.5", "١.٥", "1e3", "Infinity", "NaN", "."])
def test_decimal_numbers_take_one_mark(text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, whole=False)


def test_whole_field_reads_1_comma_5_as_an_error_not_15_and_alcohol_as_one_and_a_half() -> None:
    with pytest.raises(ValidationError, match=r"must be a whole number from 0 to 10 \(got '1,5'\)"):
        PAIN.parse("pain", "1,5")
    with pytest.raises(ValidationError):
        CALCIUM.parse("calcium_food_mg", "1,000")
    assert ALCOHOL.parse("alcohol_units", "1,5") == 1.5
    assert DXA_T_SCORE.parse("t_score", "-2,5") == -2.5


def test_huge_numbers_get_a_message_not_an_overflow() -> None:
    for text in ["1" + "0" * 308, "9" * 5000, "1" * (MAX_NUMBER_CHARS + 1)]:
        with pytest.raises(ValidationError) as error:
            PAIN.parse("pain", text)
        assert len(str(error.value)) < 120  # the message quotes a short part of it
    # values from a file (JSON numbers) are checked exactly, whatever their size
    for value in [10**400, -(10**5000), float("inf"), float("nan"), 1e308]:
        with pytest.raises(ValidationError) as error:
            PROFILE_RANGES["weight_kg"].check("weight_kg", value)
        assert len(str(error.value)) < 120


@given(st.text(max_size=20))
def test_any_typed_text_is_a_number_in_range_or_a_validation_error(text: str) -> None:
    for spec in (*CHECKIN_RANGES.values(), *PROFILE_RANGES.values(), DXA_T_SCORE):
        try:
            value = spec.parse("field", text)
        except ValidationError:
            continue
        assert spec.low <= value <= spec.high
        assert text.strip().isascii()


@pytest.mark.parametrize(
    "text",
    [
        "20261126",
        "2026-W48-4",
        "２０２６-11-26",
        "2026-11-26T10",
        "26/11/2026",
        "9999-12-31",
        "1 0",
    ],
)
def test_dates_are_iso_days_in_the_coachs_calendar(text: str) -> None:
    with pytest.raises(ParseError):
        parse_date(text)
    assert parse_date(" 2026-11-26 ") == date(2026, 11, 26)


def test_notes_lose_control_characters_on_the_way_in() -> None:
    attack = "ok\x1b]0;PWNED\x07\x1b[2J\u202edone\r\nnext\x9b31m\ud800"
    entry = CheckIn(date(2026, 11, 26), note=attack)
    assert entry.note == "ok]0;PWNED[2Jdone  next31m"
    assert clean_text(entry.note) == entry.note  # idempotent


def test_output_shows_control_characters_and_csv_formulas_stay_text() -> None:
    assert printable("a\x1b[2Jb\nc\td") == "a\ufffd[2Jb\nc\td"
    assert printable("a\nb", one_line=True) == "a\ufffdb"
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for start in "=+-@":
        assert csv_cell(f"{start}1+1").startswith("'")
    assert csv_cell("felt fine") == "felt fine"
