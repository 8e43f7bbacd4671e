"""Check-in rules: streaks, month coverage, prompts after saving, calcium arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.checkin import (
    HABIT_FIELDS,
    current_streak,
    days_this_month,
    longest_streak,
    needs_stop,
    same_as_yesterday,
    status_line,
    streaks,
    streaks_of_ordinals,
    summary_prompts,
)
from coach.models import CheckIn
from coach.nutrition import (
    CALCIUM_TARGET_MG,
    FOODS,
    FOODS_BY_ID,
    calcium_from_servings,
    calcium_verdict,
)
from coach.safety import lint

TODAY = date(2026, 11, 26)


def days_back(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=o) for o in offsets}


def test_current_streak_counts_back_from_today_or_yesterday() -> None:
    assert current_streak(days_back(0, 1, 2, 4), TODAY) == 3
    assert current_streak(days_back(1, 2, 3), TODAY) == 3  # not lost before today's check-in
    assert current_streak(days_back(2, 3), TODAY) == 0
    assert current_streak(set(), TODAY) == 0


def test_longest_streak_and_month_boundaries() -> None:
    run = {date(2024, 2, 27) + timedelta(days=i) for i in range(5)}  # across a leap day
    assert longest_streak(run | {date(2024, 3, 10)}) == 5
    assert longest_streak([]) == 0
    assert days_this_month(days_back(0, 1, 25, 26, 40), TODAY) == 3  # 26th back to 1 Nov
    assert days_this_month({date(2026, 12, 1)}, TODAY) == 0  # future is not counted


def test_streaks_ignore_future_days() -> None:
    figures = streaks(days_back(0, 1) | {TODAY + timedelta(days=1)}, TODAY)
    assert (figures.current, figures.longest, figures.checked_in_today) == (2, 2, True)


@given(st.sets(st.integers(-60, 10)), st.integers(-40, 40))
def test_streaks_of_day_numbers_agree_with_the_date_rules(offsets: set[int], shift: int) -> None:
    """Home counts streaks from the store's ids (day numbers): the same figures as the rules
    on dates, across month ends, with future days and gaps."""
    today = TODAY + timedelta(days=shift)
    days = {today - timedelta(days=o) for o in offsets}
    past = {d for d in days if d <= today}
    figures = streaks_of_ordinals({d.toordinal() for d in days}, today)
    assert figures == streaks(days, today)
    assert figures.current == current_streak(past, today)
    assert figures.longest == longest_streak(past)
    assert figures.this_month == days_this_month(past, today)
    assert figures.checked_in_today == (today in days)


def test_status_line_words() -> None:
    assert "checked in today; streak 1 day." in status_line(1, True)
    assert "not checked in today yet; streak 2 days" in status_line(2, False)
    assert "run bonecoach to check in" in status_line(0, False)


@pytest.mark.parametrize(
    ("checkin", "level", "words"),
    [
        (CheckIn(TODAY, red_flags=("chest_pain",)), "stop", "chest pain"),
        (CheckIn(TODAY, fall=True, fall_injured=True), "stop", "a fall with injury"),
        (CheckIn(TODAY, pain=4), "attention", "Worst joint pain 4/10"),
        (CheckIn(TODAY, vitamin_d_iu=4001), "attention", "upper limit is 4000 IU/day"),
        (CheckIn(TODAY, alcohol_units=2.5), "attention", "Alcohol 2.5 units"),
        (CheckIn(TODAY, calcium_food_mg=1500, calcium_supplement_mg=600), "attention", "2000 mg"),
        (CheckIn(TODAY, calcium_food_mg=700), "info", "500 mg short"),
        (CheckIn(TODAY, calcium_food_mg=700, calcium_supplement_mg=500), "good", "reached"),
        (CheckIn(TODAY, fall=True), "attention", "You had a fall"),
        (CheckIn(TODAY, ai_taken=False), "info", "Tablet not taken"),
    ],
)
def test_summary_prompts(checkin: CheckIn, level: str, words: str) -> None:
    prompts = summary_prompts(checkin)
    assert any(p.level == level and words in p.text for p in prompts), prompts


def test_boundaries_do_not_prompt() -> None:
    quiet = CheckIn(TODAY, pain=3, vitamin_d_iu=4000, alcohol_units=2, fall=False)
    levels = {p.level for p in summary_prompts(quiet)}
    assert levels == {"good"}
    assert not needs_stop(quiet)


def test_stop_comes_first_and_pain_points_to_the_topic() -> None:
    prompts = summary_prompts(CheckIn(TODAY, pain=8, red_flags=("height_loss",)))
    assert prompts[0].level == "stop" and prompts[0].topic == "when-to-call"
    assert prompts[1].topic == "joint-pain"


def test_every_prompt_passes_the_safety_lint() -> None:
    worst = CheckIn(
        TODAY,
        pain=10,
        vitamin_d_iu=50000,
        alcohol_units=9,
        calcium_food_mg=3000,
        ai_taken=False,
        fall=True,
        fall_injured=True,
        red_flags=("chest_pain",),
    )
    for prompt in summary_prompts(worst):
        assert lint(prompt.text) == [], prompt.text


def test_same_as_yesterday_copies_habits_not_events() -> None:
    yesterday = CheckIn(
        TODAY - timedelta(days=1),
        pain=3,
        ai_taken=True,
        aerobic_min=30,
        calcium_supplement_mg=500,
        fall=True,
        fall_injured=True,
        red_flags=("new_swelling",),
        note="sore",
    )
    copy = same_as_yesterday(yesterday, TODAY)
    assert copy.day == TODAY
    assert all(getattr(copy, f) == getattr(yesterday, f) for f in HABIT_FIELDS)
    assert (copy.fall, copy.fall_injured, copy.red_flags, copy.note) == (None, None, (), "")


def test_calcium_from_servings() -> None:
    assert calcium_from_servings({"yogurt": 1, "milk": 2}) == 448 + 600
    assert calcium_from_servings({"tofu": 0.5}) == 217
    assert calcium_from_servings({}) == 0
    with pytest.raises(KeyError, match="spinach"):
        calcium_from_servings({"spinach": 1})
    with pytest.raises(ValueError, match="from 0 to 10"):
        calcium_from_servings({"milk": 11})


def test_food_table_matches_the_facts() -> None:
    assert FOODS_BY_ID["yogurt"].calcium_mg == 448
    assert FOODS_BY_ID["sardines"].calcium_mg == 325
    assert FOODS_BY_ID["broccoli"].calcium_mg == 62
    assert len(FOODS) == 19 and "spinach" not in FOODS_BY_ID


def test_calcium_verdict_levels() -> None:
    assert calcium_verdict(CALCIUM_TARGET_MG)[0] == "ok"
    assert calcium_verdict(CALCIUM_TARGET_MG - 1)[0] == "low"
    assert calcium_verdict(2000)[0] == "ok"
    assert calcium_verdict(2001)[0] == "high"


# --------------------------------------------------------------------------- issue 12, items 5-6


def test_emergency_advice_comes_before_calling_the_care_team() -> None:
    prompts = summary_prompts(CheckIn(TODAY, red_flags=("chest_pain",), pain=6))
    assert [p.level for p in prompts[:2]] == ["emergency", "stop"]
    assert "Call emergency services now" in prompts[0].text and "chest pain" in prompts[0].text
    assert "contact your care team today" in prompts[1].text
    back = summary_prompts(CheckIn(TODAY, red_flags=("sudden_back_pain",)))
    assert back[0].level == "stop" and "spine fracture" in back[0].text


def test_pain_10_is_not_worded_like_pain_4() -> None:
    words = {
        pain: next(p.text for p in summary_prompts(CheckIn(TODAY, pain=pain)))
        for pain in (4, 5, 10)
    }
    assert "severe" in words[10] and "soon" in words[10]
    assert "moderate" in words[5]
    assert len(set(words.values())) == 3


def test_interference_mood_fatigue_and_smoking_are_not_a_good_day() -> None:
    prompts = summary_prompts(CheckIn(TODAY, interference=4, mood=1, fatigue=10, smoked=True))
    levels = [p.level for p in prompts]
    assert "good" not in levels and levels.count("attention") == 3
    text = " ".join(p.text for p in prompts)
    assert "4/4" in text and "1/5" in text and "10/10" in text and "smoked" in text
    assert not any("Thank you" in p.text for p in prompts)


def test_a_supplement_without_food_does_not_count_food_as_zero() -> None:
    (prompt,) = summary_prompts(CheckIn(TODAY, calcium_supplement_mg=600))
    assert prompt.level == "info" and "food was not recorded" in prompt.text
    assert "short" not in prompt.text
    (high,) = summary_prompts(CheckIn(TODAY, calcium_supplement_mg=2500))
    assert high.level == "attention" and "2000 mg" in high.text


def test_a_fall_without_injury_says_watch_back_pain_and_height() -> None:
    prompts = summary_prompts(CheckIn(TODAY, fall=True, fall_injured=False))
    assert any("watch for new back pain or loss of height" in p.text for p in prompts)


def test_a_second_fall_suggests_a_falls_assessment() -> None:
    from coach.models import Profile
    from coach.picture import build_picture

    falls = [CheckIn(TODAY - timedelta(days=20), fall=True), CheckIn(TODAY, fall=True)]
    picture = build_picture(Profile(), falls, (), (), TODAY)
    prompts = summary_prompts(falls[-1], picture)
    assert any("falls assessment" in p.text and "2 falls" in p.text for p in prompts)
    assert not any("falls assessment" in p.text for p in summary_prompts(falls[-1]))


def test_new_prompts_pass_the_safety_lint() -> None:
    worst = CheckIn(
        TODAY,
        pain=10,
        interference=4,
        mood=1,
        fatigue=10,
        smoked=True,
        calcium_supplement_mg=600,
        red_flags=("chest_pain", "faint_dizzy", "sudden_back_pain"),
    )
    for prompt in summary_prompts(worst):
        assert lint(prompt.text) == [], prompt.text


def test_days_before_the_first_check_in_and_today_are_not_missed() -> None:
    """Issue 11: history marked every day before the first check-in, and today, as missed."""
    from coach.checkin import day_state, month_coverage

    today = date(2026, 11, 26)
    days = {date(2026, 11, 20), date(2026, 11, 22)}
    assert day_state(date(2026, 11, 19), days, today) == "before"
    assert day_state(date(2026, 11, 20), days, today) == "checked"
    assert day_state(date(2026, 11, 21), days, today) == "missed"
    assert day_state(today, days, today) == "open"
    assert day_state(today, days | {today}, today) == "checked"
    assert day_state(date(2026, 11, 27), days, today) == "future"
    assert day_state(date(2026, 11, 1), set(), today) == "before"  # nobody has started
    assert month_coverage(days, today, today) == (2, 6)  # 20th to 25th; today still open
    assert month_coverage(days | {today}, today, today) == (3, 7)
    assert month_coverage(days, date(2026, 10, 5), today) == (0, 0)  # before the start


@given(
    offsets=st.sets(st.integers(min_value=-400, max_value=5), max_size=60),
    month_offset=st.integers(min_value=-420, max_value=40),
    as_list=st.booleans(),
)
def test_month_coverage_matches_counting_every_day(
    offsets: set[int], month_offset: int, as_list: bool
) -> None:
    """month_coverage looks days up instead of walking the diary; it must count exactly what
    walking every day of the month, one by one, counts (whatever collection it is given)."""
    import calendar

    from coach.checkin import day_state, month_coverage

    today = date(2026, 11, 26)
    days = {today + timedelta(days=n) for n in offsets}
    month = today + timedelta(days=month_offset)
    first_day = month.replace(day=1)
    length = calendar.monthrange(month.year, month.month)[1]
    month_days = [first_day + timedelta(days=n) for n in range(length)]
    expected_checked = sum(1 for d in days if first_day <= d <= min(month_days[-1], today))
    expected_possible = sum(
        1 for d in month_days if day_state(d, days, today) in ("checked", "missed")
    )
    given_days = sorted(days) if as_list else days
    assert month_coverage(given_days, month, today) == (expected_checked, expected_possible)
