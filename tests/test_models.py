"""Records validate every field against its documented range and round-trip through JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import checkins, dxa_scans, profiles

from coach.models import (
    CHECKIN_RANGES,
    SESSION_RANGES,
    CheckIn,
    DxaScan,
    NumberRange,
    Profile,
    Record,
    SessionLog,
    ValidationError,
    check_profile_against_today,
    parse_yes_no,
)
from coach.models import (
    _date as date_field,  # what from_dict makes of a date field, as it always did
)

DAY = date(2026, 11, 26)


@given(checkins())
def test_checkin_round_trips_through_json(checkin: CheckIn) -> None:
    assert CheckIn.from_dict(json.loads(json.dumps(checkin.to_dict()))) == checkin


@given(profiles())
def test_profile_round_trips_through_json(profile: Profile) -> None:
    assert Profile.from_dict(json.loads(json.dumps(profile.to_dict()))) == profile


@given(dxa_scans)
def test_dxa_round_trips(scan: DxaScan) -> None:
    assert DxaScan.from_dict(scan.to_dict()) == scan


@pytest.mark.parametrize("name", sorted(CHECKIN_RANGES))
def test_each_checkin_number_is_checked_at_both_ends(name: str) -> None:
    spec = CHECKIN_RANGES[name]
    CheckIn(DAY, **{name: spec.low})
    CheckIn(DAY, **{name: spec.high})
    step = 1 if spec.whole else 0.1
    for bad in (spec.low - step, spec.high + step):
        with pytest.raises(ValidationError) as error:
            CheckIn(DAY, **{name: bad})
        assert error.value.field == name
        assert "from" in error.value.message and "to" in error.value.message


@pytest.mark.parametrize("bad", ["3", True, 2.5, float("nan")])
def test_pain_rejects_non_whole_numbers(bad: object) -> None:
    with pytest.raises(ValidationError, match="pain: must be a whole number from 0 to 10"):
        CheckIn(DAY, pain=bad)  # type: ignore[arg-type]


def test_parse_keeps_the_typed_text_in_the_message() -> None:
    with pytest.raises(ValidationError) as error:
        CHECKIN_RANGES["mood"].parse("mood", "7")
    assert error.value.message == "must be a whole number from 1 to 5 (got 7)"
    with pytest.raises(ValidationError, match="got 'abc'"):
        CHECKIN_RANGES["mood"].parse("mood", "abc")
    assert CHECKIN_RANGES["alcohol_units"].parse("alcohol_units", "1,5") == 1.5


def test_injury_needs_a_fall() -> None:
    with pytest.raises(ValidationError, match="fall_injured"):
        CheckIn(DAY, fall=False, fall_injured=True)
    assert CheckIn(DAY, fall=True, fall_injured=True).fall_injured


def test_note_is_limited_to_500_characters() -> None:
    CheckIn(DAY, note="x" * 500)
    with pytest.raises(ValidationError, match="at most 500"):
        CheckIn(DAY, note="x" * 501)


def test_unknown_red_flag_and_equipment_are_refused() -> None:
    with pytest.raises(ValidationError, match="red_flags"):
        CheckIn(DAY, red_flags=("headache",))
    with pytest.raises(ValidationError, match="equipment"):
        Profile(equipment=("treadmill",))
    with pytest.raises(ValidationError, match="equipment"):
        Profile(equipment="band")  # a string is not a list


def test_merge_keeps_earlier_fields_and_takes_newer_ones() -> None:
    morning = CheckIn(DAY, pain=5, ai_taken=True, note="stiff")
    evening = CheckIn(DAY, pain=3, aerobic_min=30)
    merged = morning.merged(evening)
    assert (merged.pain, merged.ai_taken, merged.aerobic_min, merged.note) == (3, True, 30, "stiff")
    with pytest.raises(ValidationError):
        morning.merged(CheckIn(date(2026, 11, 25), pain=1))


def test_merge_of_no_fall_after_all_drops_the_injury() -> None:
    """A fall corrected to "no" takes its injury with it (an injury without a fall is not a
    valid check-in); a later "no" about the injury alone keeps the fall."""
    fell = CheckIn(DAY, fall=True, fall_injured=True, pain=4)
    corrected = fell.merged(CheckIn(DAY, fall=False))
    assert (corrected.fall, corrected.fall_injured, corrected.pain) == (False, None, 4)
    not_hurt = fell.merged(CheckIn(DAY, fall_injured=False))
    assert (not_hurt.fall, not_hurt.fall_injured) == (True, False)


def test_totals_are_gaps_when_nothing_was_recorded() -> None:
    assert CheckIn(DAY).calcium_total_mg is None
    assert CheckIn(DAY).exercise_min is None
    assert CheckIn(DAY, calcium_food_mg=800, calcium_supplement_mg=500).calcium_total_mg == 1300
    assert CheckIn(DAY, balance_min=10).exercise_min == 10


def test_profile_normalises_lists_into_a_fixed_order() -> None:
    profile = Profile(equipment=("gym", "band", "gym"), risk_factors=("smoking", "steroids"))
    assert profile.equipment == ("band", "gym")
    assert profile.risk_factors == ("steroids", "smoking")


def test_profile_rules_that_need_today() -> None:
    check_profile_against_today(Profile(birth_year=1958), DAY)
    with pytest.raises(ValidationError, match="2008 or earlier"):
        check_profile_against_today(Profile(birth_year=2010), DAY)
    with pytest.raises(ValidationError, match="future"):
        check_profile_against_today(Profile(ai_start=date(2027, 1, 1)), DAY)


def test_from_dict_ignores_unknown_keys_and_validates() -> None:
    data = {**CheckIn(DAY, pain=2).to_dict(), "added_by_a_newer_version": 1}
    assert CheckIn.from_dict(data).pain == 2
    with pytest.raises(ValidationError):
        CheckIn.from_dict({**data, "pain": 99})
    with pytest.raises(ValidationError, match="date"):
        CheckIn.from_dict({"day": "26/11/2026"})


def test_yes_no_parsing() -> None:
    assert parse_yes_no("x", " Yes ") is True
    assert parse_yes_no("x", "n") is False
    with pytest.raises(ValidationError, match="yes or no"):
        parse_yes_no("ai_taken", "maybe")


def test_replace_revalidates() -> None:
    with pytest.raises(ValidationError):
        replace(CheckIn(DAY), mood=0)


def test_session_minutes_are_always_numbers() -> None:
    """A hand-edited log with "resistance_min": null was accepted and crashed the report."""
    import pytest

    from coach.models import SessionLog, ValidationError

    with pytest.raises(ValidationError, match="resistance_min"):
        SessionLog.from_dict({"day": "2026-11-26", "session_id": "w1-thu", "resistance_min": None})


def test_a_missed_reason_needs_a_tablet_not_taken() -> None:
    assert CheckIn(DAY, ai_taken=False, ai_missed_reason="forgot").ai_missed_reason == "forgot"
    assert CheckIn(DAY, ai_taken=False).ai_missed_reason is None  # the why is optional
    for taken in (True, None):
        with pytest.raises(ValidationError) as error:
            CheckIn(DAY, ai_taken=taken, ai_missed_reason="forgot")
        assert error.value.field == "ai_missed_reason"
    with pytest.raises(ValidationError, match="must be one of forgot"):
        CheckIn(DAY, ai_taken=False, ai_missed_reason="lazy")
    other = CheckIn(DAY, ai_taken=False, ai_missed_reason="other")
    assert "ai_missed_reason" in other.recorded_fields()


def test_merging_a_taken_tablet_drops_the_earlier_reason_and_keeps_it_otherwise() -> None:
    morning = CheckIn(DAY, ai_taken=False, ai_missed_reason="ran-out")
    assert morning.merged(CheckIn(DAY, pain=2)).ai_missed_reason == "ran-out"
    assert morning.merged(CheckIn(DAY, ai_taken=False)).ai_missed_reason == "ran-out"
    later = morning.merged(CheckIn(DAY, ai_taken=True))
    assert (later.ai_taken, later.ai_missed_reason) == (True, None)
    changed = morning.merged(CheckIn(DAY, ai_taken=False, ai_missed_reason="forgot"))
    assert changed.ai_missed_reason == "forgot"


def test_ai_end_must_come_after_the_start_and_may_lie_ahead() -> None:
    start = date(2024, 3, 1)
    assert Profile(ai_start=start, ai_end=date(2029, 3, 1)).ai_end == date(2029, 3, 1)
    check_profile_against_today(Profile(ai_start=start, ai_end=date(2029, 3, 1)), DAY)
    for bad in (start, date(2024, 2, 1)):
        with pytest.raises(ValidationError) as error:
            Profile(ai_start=start, ai_end=bad)
        assert error.value.field == "ai_end" and "after the start 2024-03-01" in error.value.message
    assert Profile(ai_end=date(2020, 1, 1)).ai_end == date(2020, 1, 1)  # no start known
    assert Profile.from_dict({"ai_end": "2030-01-31"}).ai_end == date(2030, 1, 31)


def test_on_ai_is_the_course_from_start_to_end_inclusive() -> None:
    profile = Profile(ai_start=date(2024, 3, 1), ai_end=date(2025, 3, 1))
    assert not profile.on_ai(date(2024, 2, 29))
    assert profile.on_ai(date(2024, 3, 1)) and profile.on_ai(date(2025, 3, 1))
    assert not profile.on_ai(date(2025, 3, 2))
    assert Profile().on_ai(DAY)  # nothing known: every day may be on the course


# Values a stored field may hold, valid or not: a record read from a file must come out exactly
# as the dataclass's own constructor makes it, or fail with the same message.
_ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 6000),
    st.sampled_from([2.0, 2.5, 1.25, -0.0, 1e308, float("nan"), 10**30]),
    st.sampled_from(["", "2026-11-26", "w1-mon", "a\nnote", "balance", "pain", "hip"]),
    st.lists(st.sampled_from(["chest_pain", "new_back_pain", "brisk-walk", "x"]), max_size=3),
    st.dictionaries(st.sampled_from(["brisk-walk", "chair-squat"]), st.sampled_from(["pain", "x"])),
)


def _outcome(make: Callable[[], Record]) -> tuple[object, ...]:
    try:
        record = make()
    except Exception as error:
        return ("refused", type(error), str(error))
    values = tuple((f.name, getattr(record, f.name)) for f in fields(record))
    return ("built", values, tuple(type(value) for _, value in values))


@pytest.mark.parametrize("kind", [CheckIn, SessionLog, DxaScan, Profile])
@given(data=st.data())
def test_from_dict_builds_what_the_constructor_builds(
    kind: type[Record], data: st.DataObject
) -> None:
    """``from_dict`` fills a record without the dataclass's ``__init__`` (issue 15: a third of
    reading a check-in); fields, their types and every refusal stay the constructor's."""
    names = [f.name for f in fields(kind)]
    doc = data.draw(st.dictionaries(st.sampled_from([*names, "unknown"]), _ANY_VALUE))
    doc.setdefault("day", data.draw(st.sampled_from(["2026-11-26", None, "26/11/2026"])))
    if kind is SessionLog:
        doc.setdefault("session_id", "w1-mon")

    def by_constructor() -> Record:
        kwargs = {key: value for key, value in doc.items() if key in names}
        for key in kind.DATE_FIELDS:
            if kwargs.get(key) is not None:
                kwargs[key] = date_field(key, kwargs[key])
        return kind(**kwargs)

    assert _outcome(lambda: kind.from_dict(doc)) == _outcome(by_constructor)


@pytest.mark.parametrize(
    ("kind", "ranges"), [(CheckIn, CHECKIN_RANGES), (SessionLog, SESSION_RANGES)]
)
@given(data=st.data())
def test_stored_numbers_come_out_as_their_range_gives_them(
    kind: type[Record], ranges: dict[str, NumberRange], data: st.DataObject
) -> None:
    """A whole number stored as 2.0 is the int 2, an amount stored as 1 or 1.25 is 1.0 or 1.2:
    what ``NumberRange.check`` gives, whether or not a field's check is skipped as needless."""
    name = data.draw(st.sampled_from(sorted(ranges)))
    spec = ranges[name]
    value = data.draw(
        st.integers(int(spec.low), int(spec.high))
        | st.integers(int(spec.low), int(spec.high)).map(float)
        | st.floats(spec.low, spec.high, allow_nan=False).map(lambda x: round(x, 2))
    )
    doc = {"day": "2026-11-26", "session_id": "w1-mon", name: value}
    try:
        expected: object = spec.check(name, value)
    except ValidationError as error:
        with pytest.raises(ValidationError) as raised:
            kind.from_dict(doc)
        assert str(raised.value) == str(error)
        return
    stored = getattr(kind.from_dict(doc), name)
    assert (stored, type(stored)) == (expected, type(expected))
