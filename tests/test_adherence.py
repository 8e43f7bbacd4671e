"""The tablet story (coach.adherence, coach.tablet_text): every figure on hand-made days with
answers worked out by hand, the edge cases, and the words the patient and care team read."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import checkins

from coach.adherence import NO_REASON, PAUSED, MissCluster, tablet_story
from coach.checkin import summary_prompts
from coach.models import CheckIn, Profile
from coach.picture import build_picture
from coach.report import build_report, render_html, render_markdown
from coach.tablet_text import after_ai_text, home_line, missed_today_text
from coach.trends import weekly_series

D1 = date(2026, 11, 1)  # a Sunday; the hand-made fortnight is D(1)..D(14)
TODAY = date(2026, 11, 14)
ON_AI = Profile(ai_start=date(2025, 1, 1))


def D(n: int) -> date:
    return D1 + timedelta(days=n - 1)


def taken(n: int, pain: int | None = None) -> CheckIn:
    return CheckIn(D(n), ai_taken=True, pain=pain)


def missed(n: int, reason: str | None = None, pain: int | None = None) -> CheckIn:
    return CheckIn(D(n), ai_taken=False, ai_missed_reason=reason, pain=pain)


# Ten days: taken 1, 2, 7, 10; missed 3 (forgot), 4 (side effects), 5 (no reason), 9 (side
# effects); 6 not checked in; 8 paused by the care team.
TEN_DAYS = [
    taken(1),
    taken(2),
    missed(3, "forgot"),
    missed(4, "side-effects"),
    missed(5),
    taken(7),
    missed(8, PAUSED),
    missed(9, "side-effects"),
    taken(10),
]


def test_every_figure_of_ten_hand_made_days() -> None:
    story = tablet_story(ON_AI, TEN_DAYS, D(1), D(10))
    assert story is not None
    assert (story.days, story.answered, story.paused) == (10, 9, 1)
    assert (story.taken, story.missed, story.unanswered) == (4, 4, 1)
    # share of recorded days: 4 taken / (9 answered - 1 paused) = 50%
    assert story.recorded_days == 8 and story.share_recorded == 0.5
    # PDC: 4 taken / (10 days - 1 paused) = 44%: the unanswered day 6 counts as not covered
    assert story.period_days == 9 and story.share_period == 4 / 9
    assert story.meets_line(story.share_recorded) is False
    # longest run of missed days: 3, 4, 5 (day 8 is paused, day 6 unanswered: neither a miss)
    assert (story.longest_gap, story.gap_first, story.gap_last) == (3, D(3), D(5))
    # reasons, most frequent first; ties in the order the question offers them
    assert story.reasons == (("side-effects", 2), ("forgot", 1), (NO_REASON, 1))
    assert story.reason_count("side-effects") == 2 and story.reason_count("ran-out") == 0


def test_the_80_percent_line_is_inclusive() -> None:
    days = [taken(n) for n in (1, 2, 3, 4)] + [missed(5, "forgot")]
    story = tablet_story(ON_AI, days, D(1), D(5))
    assert story is not None and story.share_recorded == 0.8
    assert story.meets_line(story.share_recorded) is True
    assert story.meets_line(0.79) is False and story.meets_line(None) is None


def test_no_data_gives_no_shares_and_no_gap() -> None:
    story = tablet_story(ON_AI, [], D(1), D(14))
    assert story is not None
    assert (story.days, story.answered, story.taken, story.missed) == (14, 0, 0, 0)
    assert story.share_recorded is None and story.share_period == 0.0
    assert (story.longest_gap, story.gap_first) == (0, None)
    assert story.cluster.verdict == "cannot say yet"
    assert tablet_story(None, [], D(1), D(3)) is not None  # no profile: every day may count


def test_all_paused_counts_nothing_as_missed() -> None:
    days = [missed(n, PAUSED, pain=8) for n in range(1, 6)]
    story = tablet_story(ON_AI, days, D(1), D(5))
    assert story is not None
    assert (story.paused, story.missed, story.taken, story.longest_gap) == (5, 0, 0, 0)
    assert story.recorded_days == 0 and story.share_recorded is None
    assert story.period_days == 0 and story.share_period is None
    assert story.reasons == ()
    assert (story.cluster.high_days, story.cluster.other_days) == (0, 0)  # paused left out
    report = build_report(ON_AI, days, [], [], None, D(5), days=5)
    assert "Paused by the care team on every day answered (5 days)." in render_markdown(report)


def test_ai_end_before_the_period_leaves_nothing_to_count() -> None:
    ended = Profile(ai_start=date(2020, 1, 1), ai_end=D(1) - timedelta(days=1))
    assert tablet_story(ended, TEN_DAYS, D(1), D(10)) is None
    report = build_report(ended, TEN_DAYS, [], [], None, D(10), days=10)
    text = render_markdown(report)
    assert "No day of this period falls within the aromatase inhibitor course." in text
    assert "The course ended on 2026-10-31 (profile)" in text


def test_ai_start_and_end_inside_the_period_clip_it() -> None:
    course = Profile(ai_start=D(3), ai_end=D(8))
    story = tablet_story(course, TEN_DAYS, D(1), D(10))
    assert story is not None
    assert (story.first, story.last, story.days) == (D(3), D(8), 6)
    # days 3..8: missed 3, 4, 5; day 6 unanswered; taken 7; paused 8
    assert (story.taken, story.missed, story.paused, story.answered) == (1, 3, 1, 5)
    assert story.share_recorded == 1 / 4 and story.share_period == 1 / 5


def test_a_day_checked_in_twice_counts_once_the_later_record_winning() -> None:
    story = tablet_story(ON_AI, [missed(1, "forgot"), taken(1)], D(1), D(1))
    assert story is not None and (story.taken, story.missed, story.answered) == (1, 0, 1)


def _cluster_days(high: list[bool], other: list[bool]) -> list[CheckIn]:
    """Consecutive days: ``high`` at pain 8, then ``other`` at pain 2 (True = taken)."""
    days = [
        CheckIn(D(1 + i), ai_taken=t, pain=8 if i < len(high) else 2)
        for i, t in enumerate(high + other)
    ]
    return days


def _verdict(high: list[bool], other: list[bool]) -> tuple[MissCluster, str]:
    days = _cluster_days(high, other)
    story = tablet_story(ON_AI, days, D(1), D(len(days)))
    assert story is not None
    return story.cluster, story.cluster.verdict


def test_missed_days_cluster_with_pain_flares() -> None:
    cluster, verdict = _verdict([False, False, False, True], [True] * 4)
    assert (cluster.high_days, cluster.high_missed, cluster.other_days, cluster.other_missed) == (
        4,
        3,
        4,
        0,
    )
    assert verdict == "cluster"


def test_exactly_twice_the_other_share_is_a_cluster_and_less_is_not() -> None:
    # high: 2 of 4 missed (50%); other: 2 of 8 missed (25%): exactly twice
    _, verdict = _verdict([False, False, True, True], [False, False] + [True] * 6)
    assert verdict == "cluster"
    # high: 2 of 4 (50%); other: 3 of 8 (37.5%): not twice
    _, verdict = _verdict([False, False, True, True], [False] * 3 + [True] * 5)
    assert verdict == "no sign"


def test_one_miss_on_high_pain_days_is_no_sign() -> None:
    _, verdict = _verdict([False, True, True], [True] * 3)
    assert verdict == "no sign"


def test_too_few_days_in_a_group_cannot_say_yet() -> None:
    _, verdict = _verdict([False, False], [True] * 10)  # only 2 high-pain days
    assert verdict == "cannot say yet"
    _, verdict = _verdict([False] * 5, [True, True])  # only 2 other days
    assert verdict == "cannot say yet"


def test_days_without_a_pain_score_or_paused_stay_out_of_the_comparison() -> None:
    days = [*_cluster_days([False] * 3, [True] * 3), missed(7), missed(8, PAUSED, pain=9)]
    story = tablet_story(ON_AI, days, D(1), D(8))
    assert story is not None
    assert (story.cluster.high_days, story.cluster.other_days) == (3, 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(checkins(st.dates(D(1), D(40))), max_size=40))
def test_figures_agree_with_a_brute_force_count(days: list[CheckIn]) -> None:
    story = tablet_story(None, days, D(1), D(40))
    assert story is not None
    by_day = {c.day: c for c in days}
    answers = [by_day.get(D(n)) for n in range(1, 41)]
    kinds = [
        "none"
        if c is None or c.ai_taken is None
        else "taken"
        if c.ai_taken
        else ("paused" if c.ai_missed_reason == PAUSED else "missed")
        for c in answers
    ]
    assert story.taken == kinds.count("taken") and story.missed == kinds.count("missed")
    assert story.paused == kinds.count("paused")
    assert sum(n for _, n in story.reasons) == story.missed
    best = run = 0
    for kind in kinds:
        run = run + 1 if kind == "missed" else 0
        best = max(best, run)
    assert story.longest_gap == best
    if story.share_recorded is not None and story.share_period is not None:
        assert story.share_period <= story.share_recorded


# --------------------------------------------------------------------------- words


def test_report_tells_the_ten_days_plainly() -> None:
    report = build_report(ON_AI, TEN_DAYS, [], [], None, D(10), days=10)
    md = render_markdown(report)
    assert "Taken on 4 of 8 days answered (50%), below the 80% line used in adherence studies" in md
    assert "Proportion of days covered (PDC): 4 of 9 days of the course in this period (44%)" in md
    assert "Paused by the care team on 1 day: left out of both figures." in md
    assert "Longest run of missed days: 3 days (2026-11-03 to 2026-11-05)." in md
    assert "Reasons given for missed days: side effects 2, forgot 1, not said 1." in md
    assert "Side effects were the reason on 2 days: worth discussing" in md
    assert "Missed tablets and pain flares: cannot say yet" in md
    assert (report.adherence.taken, report.adherence.answered) == (4, 8)
    assert "Side effects given as the reason for a missed tablet on 2 days" in md  # attention
    page = render_html(report)
    assert "Longest run of missed days: 3 days (2026-11-03 to 2026-11-05)." in page
    for word in ("lazy", "failed", "should have", "must take"):
        assert word not in md.lower()


def test_report_says_when_missed_days_cluster() -> None:
    days = _cluster_days([False, False, False, True], [True] * 4)
    md = render_markdown(build_report(ON_AI, days, [], [], None, D(8), days=8))
    assert "missed days cluster with pain flares (missed on 3 of 4 days with worst" in md


def test_the_weekly_trend_leaves_paused_days_out() -> None:
    series = weekly_series("adherence", TEN_DAYS, [], D(1), D(8))  # Sun 1 .. Sun 8
    points = {p.start: p.value for p in series.points}
    # ISO week Mon 2 .. Sun 8 holds days 2, 3, 4, 5, 7 and 8 (paused): 2 taken of 5, not of 6
    assert D(2).isoweekday() == 1 and points[D(2)] == 40.0


def test_a_missed_tablet_gets_help_that_fits_the_reason_never_a_scolding() -> None:
    words = {reason: missed_today_text(missed(1, reason)) for reason in (None, "forgot")}
    assert "forgetting happens" in words["forgot"] and "bonecoach remind" in words["forgot"]
    assert "care team" in missed_today_text(missed(1, "side-effects"))
    assert "refill" in missed_today_text(missed(1, "ran-out"))
    assert "do not count as missed" in missed_today_text(missed(1, PAUSED))
    assert "tell your care team" in words[None]


def test_repeated_side_effects_suggest_raising_it_with_the_care_team() -> None:
    first = [missed(3, "side-effects")]
    picture = build_picture(ON_AI, first, [], [], D(3))
    texts = [p.text for p in summary_prompts(first[0], picture)]
    assert not any("Please raise this" in t for t in texts)  # once is not yet "repeated"
    second = [*first, missed(5, "side-effects")]
    picture = build_picture(ON_AI, second, [], [], D(5))
    prompts = summary_prompts(second[1], picture)
    raise_it = [p for p in prompts if "Please raise this with your care team" in p.text]
    assert len(raise_it) == 1 and raise_it[0].level == "attention"
    assert "on 2 days in the last 30" in raise_it[0].text
    assert "please raise this with your care team" in (home_line(ON_AI, second, D(5)) or "")
    assert home_line(ON_AI, TEN_DAYS[:3], D(3)) is None


def test_after_the_course_home_says_what_changes() -> None:
    ended = Profile(ai_start=date(2021, 1, 1), ai_end=D(1))
    line = home_line(ended, [], D(2))
    assert line is not None and line.startswith(after_ai_text(D(1)))
    assert "bone partly recovers" in line and "bone medicine" in line
    assert home_line(ended, [], D(1)) is None  # the last day is still on the course
