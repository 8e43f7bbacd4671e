"""The tablet story in words: what the coach says to the patient, and what the report tells the
care team (figures from ``coach.adherence``). Pure, standard library only.

Never a scolding: a missed tablet is noted, with help that fits the reason given. Repeated
"side effects" suggests raising it with the care team (FACTS items 10 and 29: side effects are
the main reason women stop early, and what to do about the medicine is the clinician's call).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from coach.adherence import PAUSED, TabletStory, tablet_story
from coach.models import AI_MISSED_REASONS, CheckIn, Profile
from coach.thresholds import (
    AI_ADHERENCE_DAYS,
    AI_ADHERENCE_LINE,
    MISS_CLUSTER_MIN_DAYS,
    PAIN_SEVERE_FROM,
    SIDE_EFFECT_MISSES_TO_RAISE,
)
from coach.topic_ids import AFTER_AI_TOPIC  # the passage "After your AI course" is in it

__all__ = [
    "AFTER_AI_TOPIC",
    "after_ai_plan_note",
    "after_ai_text",
    "ai_ended",
    "home_line",
    "missed_today_text",
    "raise_side_effects",
    "report_lines",
    "side_effects_text",
]


def ai_ended(profile: Profile | None, today: date) -> date | None:
    """The course's last day once it has passed (``ai_end`` before ``today``), else None."""
    if profile is None or profile.ai_end is None or profile.ai_end >= today:
        return None
    return profile.ai_end


def missed_today_text(checkin: CheckIn) -> str:
    """The after-save line for a tablet not taken: help that fits the reason, never a scolding."""
    reason = checkin.ai_missed_reason
    if reason == "forgot":
        return (
            "Tablet not taken today: forgetting happens to everyone. A reminder at the same time "
            "each day helps (bonecoach remind puts one in your phone's calendar). If you are "
            "unsure what to do after a missed tablet, ask your pharmacist or care team."
        )
    if reason == "side-effects":
        return (
            "Tablet not taken today because of side effects. Tell your care team how it feels: "
            "side effects can often be eased, and they can go through the options with you."
        )
    if reason == "ran-out":
        return (
            "Tablet not taken today: you ran out. Your pharmacy or care team can arrange more; "
            "bonecoach remind can add a refill reminder to your calendar."
        )
    if reason == PAUSED:
        return (
            "Noted: your care team paused your tablet. These days do not count as missed. "
            "Follow their plan, and ask them if anything about it is unclear."
        )
    return "Tablet not taken today. If doses are hard to take, tell your care team: they can help."


def raise_side_effects(story: TabletStory | None) -> bool:
    """Side effects given as the reason often enough to suggest raising it with the care team."""
    return story is not None and story.reason_count("side-effects") >= SIDE_EFFECT_MISSES_TO_RAISE


def side_effects_text(story: TabletStory) -> str:
    """The patient's words when side effects keep coming up (FACTS items 10 and 29)."""
    n = story.reason_count("side-effects")
    return (
        f"Side effects kept you from your tablet on {n} days in the last {AI_ADHERENCE_DAYS}. "
        "Please raise this with your care team soon: side effects are common, they can often "
        "be eased, and your team can look at the options with you."
    )


def after_ai_text(ended: date) -> str:
    """Home's line once the course is over (FACTS items 7, 9, 11, 31, 37): what changes."""
    return (
        f"Your AI course ended on {ended:%d %b %Y}: no more tablet question. Bone loss slows "
        "and bone partly recovers; keep moving, and keep any bone medicine as your care team "
        "advises. Learn (l): Why bones change, “After your AI course”."
    )


def after_ai_plan_note(ended: date) -> str:
    """The plan screen's note once the course is over: the plan carries on, and why."""
    return (
        f"Your aromatase inhibitor course ended on {ended:%d %B %Y}. Keep this plan going: "
        "exercise keeps strengthening bone while it partly recovers, and balance work still "
        "lowers the risk of falls. Learn: Why bones change, “After your AI course”."
    )


def home_line(profile: Profile | None, checkins: Iterable[CheckIn], today: date) -> str | None:
    """One line for home: side effects to raise, or what changes after the course; or nothing.

    The same figures as the clinical picture (``coach.adherence`` over the last
    ``AI_ADHERENCE_DAYS``), from only the days they need, so home stays quick."""
    first = today - timedelta(days=AI_ADHERENCE_DAYS - 1)
    story = tablet_story(profile, checkins, first, today)
    if raise_side_effects(story):
        assert story is not None
        return (
            f"Side effects kept you from your tablet on {story.reason_count('side-effects')} "
            f"days in the last {AI_ADHERENCE_DAYS}: please raise this with your care team "
            "soon. They can often ease them."
        )
    ended = ai_ended(profile, today)
    return None if ended is None else after_ai_text(ended)


# --------------------------------------------------------------------------- for the care team


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{round(100 * share)}%"


def _line(share: float | None) -> str:
    met = TabletStory.meets_line(share)
    if met is None:
        return ""
    line = f"{round(100 * AI_ADHERENCE_LINE)}% line used in adherence studies"
    return f", at or above the {line}" if met else f", below the {line}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def reason_words(reasons: Iterable[tuple[str, int]]) -> str:
    """ "forgot 3, side effects 2, not said 1" (most frequent first, as ``TabletStory`` orders)."""
    return ", ".join(f"{AI_MISSED_REASONS.get(r, r)} {n}" for r, n in reasons)


def cluster_words(story: TabletStory) -> str:
    """Whether missed tablets go with pain flares, in plain words with the counts behind it."""
    c = story.cluster
    counts = (
        f"missed on {c.high_missed} of {_days(c.high_days)} with worst joint pain "
        f"{PAIN_SEVERE_FROM}+ ({_pct(c.high_share)}), and on {c.other_missed} of "
        f"{_days(c.other_days)} with less pain ({_pct(c.other_share)})"
    )
    verdict = c.verdict
    if verdict == "cannot say yet":
        return (
            f"Missed tablets and pain flares: cannot say yet (needs at least "
            f"{MISS_CLUSTER_MIN_DAYS} days with both answers in each group; {counts})."
        )
    if verdict == "cluster":
        return (
            f"Missed tablets and pain flares: missed days cluster with pain flares ({counts}). "
            "Joint pain may be behind the missed tablets: worth talking through."
        )
    return f"Missed tablets and pain flares: no sign that they go together ({counts})."


def report_lines(story: TabletStory | None, ended: date | None, today: date) -> list[str]:
    """The report's tablet section: shares against the 80% line, the longest gap, the reasons
    and pain flares, put plainly for the care team (``coach.adherence`` defines each figure)."""
    end_note = (
        f"The course ended on {ended.isoformat()} (profile); days after it are not counted."
        if ended is not None and ended < today
        else None
    )
    if story is None:
        lines = ["No day of this period falls within the aromatase inhibitor course."]
        return lines + ([end_note] if end_note else [])
    if not story.answered:
        lines = ["No answers about the aromatase inhibitor in this period."]
        return lines + ([end_note] if end_note else [])
    if not story.recorded_days:
        lines = [f"Paused by the care team on every day answered ({_days(story.paused)})."]
        return lines + ([end_note] if end_note else [])
    lines = [
        f"Taken on {story.taken} of {story.recorded_days} days answered "
        f"({_pct(story.share_recorded)}){_line(story.share_recorded)}; days without an answer "
        "are not counted as missed.",
        f"Proportion of days covered (PDC): {story.taken} of {story.period_days} days of the "
        f"course in this period ({_pct(story.share_period)}){_line(story.share_period)}; "
        f"here the {_days(story.unanswered)} without an answer count as not covered.",
    ]
    if story.paused:
        lines.append(f"Paused by the care team on {_days(story.paused)}: left out of both figures.")
    if story.longest_gap and story.gap_first and story.gap_last:
        when = (
            f"on {story.gap_first.isoformat()}"
            if story.longest_gap == 1
            else f"{story.gap_first.isoformat()} to {story.gap_last.isoformat()}"
        )
        lines.append(f"Longest run of missed days: {_days(story.longest_gap)} ({when}).")
    else:
        lines.append("No missed days recorded.")
    if story.missed:
        lines.append(f"Reasons given for missed days: {reason_words(story.reasons)}.")
        side = story.reason_count("side-effects")
        if side >= SIDE_EFFECT_MISSES_TO_RAISE:
            lines.append(
                f"Side effects were the reason on {_days(side)}: worth discussing (side effects "
                "are the main reason for stopping early; ELPh, Henry 2012)."
            )
    lines.append(cluster_words(story))
    if end_note:
        lines.append(end_note)
    return lines
