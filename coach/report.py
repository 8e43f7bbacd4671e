"""The clinician's visit summary: the last ``days`` of self-tracking on one page.

``build_report`` gathers the figures (pure, no clock: the caller passes ``today``); the
renderers turn a ``Report`` into Markdown (``render_markdown``) or one self-contained HTML file
(``render_html``, in ``coach.report_html``). Aggregates come from ``coach.trends`` so the report,
the trends screen and the plots always agree; guideline verdicts come from ``coach.risk``.

Choices made here, so they can be reviewed in one place:

- **Period** is ``[today - days + 1, today]``, ``days`` from 1 to 3650. Check-ins dated after
  ``today`` are left out.
- **Coverage** is days with a check-in / days in the period (today counts, even before today's
  check-in: the report says what is recorded).
- **Adherence** is doses taken / days on which the question was answered (a missing answer is a
  gap, not a missed dose), as on the trends screen. The tablet section adds the proportion of
  days covered (PDC) against the 80% line, the longest gap, the reasons and pain flares
  (``coach.adherence`` defines each figure; days the care team paused the tablet and days
  outside the course, before ``ai_start`` or after ``ai_end``, are left out).
- **Per-week exercise figures** average the *full* ISO weeks of the period that have at least one
  recorded day (a clipped first or last week would understate a week; an unrecorded week is a
  gap, not zero). The number of weeks used is shown.
- **Flare episodes**: runs of at least ``FLARE_RUN_DAYS`` consecutive days with worst joint pain
  >= ``FLARE_PAIN`` (a missed day ends a run), and ISO weeks whose mean is >= ``FLARE_PAIN``;
  overlapping or touching periods are merged into one episode.
- **Bone**: all DXA scans up to ``today`` are listed; the assessment uses the lowest T-score of
  the latest scan day (both guidelines use the lowest of spine, total hip and femoral neck) and
  the profile's risk factors plus those the profile implies (age, smoking). FRAX values, when the
  person entered them on the bone-health screen, are passed in by the caller.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from coach import trends
from coach.adherence import TabletStory, tablet_story
from coach.bone_text import BoneSection, DxaVisit, bone_section, fact_lines
from coach.models import (
    DXA_SITE_LABELS,
    DXA_SITES,
    RED_FLAGS,
    Adaptation,
    CheckIn,
    DxaScan,
    Plan,
    Profile,
    SessionLog,
)
from coach.picture import (
    FRAX_SETTING,
    ClinicalPicture,
    build_picture,
    frax_from_settings,
    frax_to_setting,
)
from coach.plan_view import current_week, week_index
from coach.risk import AIBL_VERDICTS, ASCO_VERDICTS, Assessment
from coach.tablet_text import raise_side_effects
from coach.tablet_text import report_lines as tablet_report_lines
from coach.thresholds import AI_ADHERENCE_DAYS, FLARE_RUN_DAYS, PAIN_SEVERE_FROM

__all__ = [
    "DISCLAIMER",
    "FLARE_PAIN",
    "FLARE_RUN_DAYS",
    "FRAX_SETTING",
    "MAX_DAYS",
    "MIN_DAYS",
    "AdherenceFigures",
    "BoneSection",
    "Coverage",
    "DxaVisit",
    "ExerciseFigures",
    "Flare",
    "NutrientFigures",
    "PlanSummary",
    "Report",
    "ReportHeader",
    "WeekRow",
    "bone_section",
    "build_report",
    "frax_from_settings",
    "frax_to_setting",
    "render_html",
    "render_markdown",
]

MIN_DAYS = 1
MAX_DAYS = 3650
FLARE_PAIN = PAIN_SEVERE_FROM  # worst joint pain 7-10 is "severe" (FACTS.md item 28)
DISCLAIMER = (
    "Education and self-tracking, not medical advice; what the guidelines say is for the patient "
    "and the care team to discuss. Figures are what the patient recorded in bonecoach."
)
ADAPTATION_LABELS = {
    "ease": "eased (joint-pain flare or a session that hurt)",
    "pause": "paused",
    "resume": "resumed",
    "repeat": "week repeated (adherence)",
    "progress": "went ahead (adherence)",
    "step up": "balance/impact stepped up (reported steady)",
    "falls": "made safer after a fall",
    "easier": "easier variant (reported too hard)",
}


# --------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class ReportHeader:
    """Who and which period: the first lines a clinician reads."""

    name: str
    ai_drug: str | None
    ai_start: date | None
    start: date
    end: date
    days: int
    generated: date
    asked_days: int = 0
    start_reason: str = ""
    ai_end: date | None = None


@dataclass(frozen=True)
class Coverage:
    """How many days of the period have a check-in (how far the figures can be trusted)."""

    days_checked_in: int
    days: int

    @property
    def percent(self) -> float:
        return 100 * self.days_checked_in / self.days


@dataclass(frozen=True)
class AdherenceFigures:
    """Aromatase inhibitor doses taken over the days the question was answered."""

    taken: int
    answered: int

    @property
    def percent(self) -> float | None:
        return None if not self.answered else 100 * self.taken / self.answered


@dataclass(frozen=True)
class WeekRow:
    """One ISO week of the period (``span`` < 7 for a clipped first or last week)."""

    start: date
    span: int
    days_recorded: int
    pain_mean: float | None
    pain_max: float | None
    interference_mean: float | None
    aerobic_min: float | None
    exercise_min: float | None
    resistance_days: float | None
    adherence: float | None


@dataclass(frozen=True)
class Flare:
    """A joint-pain flare episode: dates, highest and mean worst pain, days at 7 or more."""

    start: date
    end: date
    peak: int
    mean: float
    high_days: int
    found_by: str


@dataclass(frozen=True)
class ExerciseFigures:
    """Average per full week against the guideline targets (150 min aerobic, 2 strength days)."""

    full_weeks: int
    aerobic_per_week: float | None
    exercise_per_week: float | None
    resistance_days_per_week: float | None
    balance_per_week: float | None
    aerobic_target: int = trends.AEROBIC_TARGET_MIN_PER_WEEK
    resistance_target: int = trends.RESISTANCE_TARGET_SESSIONS_PER_WEEK


@dataclass(frozen=True)
class NutrientFigures:
    """Daily average of calcium or vitamin D against target and upper limit."""

    label: str
    unit: str
    mean: float | None
    days: int
    target: int
    upper_limit: int
    days_at_target: int
    days_above_limit: int


@dataclass(frozen=True)
class PlanSummary:
    """Where the exercise plan stands and every change the coach made to it, with reasons."""

    status: str
    created: date
    start: date
    week: int | None
    weeks: int
    phase: str | None
    adaptations: tuple[Adaptation, ...]
    finished: bool = False


@dataclass(frozen=True)
class Report:
    """Everything the visit summary shows, section by section (renderers only format it)."""

    header: ReportHeader
    coverage: Coverage
    adherence: AdherenceFigures
    pain_mean: float | None
    pain_days: int
    pain_summary: str
    interference_mean: float | None
    interference_days: int
    flares: tuple[Flare, ...]
    weeks: tuple[WeekRow, ...]
    exercise: ExerciseFigures
    calcium: NutrientFigures
    vitamin_d: NutrientFigures
    falls: tuple[tuple[date, bool | None], ...]
    red_flags: tuple[tuple[date, tuple[str, ...]], ...]
    bone: BoneSection
    plan: PlanSummary | None
    notes: tuple[tuple[date, str], ...]
    attention: tuple[str, ...] = ()
    disclaimer: str = DISCLAIMER
    tablet: TabletStory | None = None

    @property
    def has_checkins(self) -> bool:
        return self.coverage.days_checked_in > 0


# --------------------------------------------------------------------------- FRAX setting


# --------------------------------------------------------------------------- building


def _check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(
            f"days must be a whole number from {MIN_DAYS} to {MAX_DAYS} (got {days!r})"
        )


def _period_value(series: trends.Series) -> tuple[float | None, int]:
    """The whole period as one value (trends.rebin: day-weighted means), and recorded days."""
    if not series.points:
        return None, 0
    merged = trends.rebin(series, 1).points[0]
    return merged.value, merged.days


def _per_full_week(series: trends.Series) -> tuple[float | None, int]:
    """Average of the full weeks that have data (trends.rebin of the full weeks), and how many."""
    full = tuple(p for p in series.points if p.span == 7)
    recorded = sum(1 for p in full if p.value is not None)
    if not full:
        return None, 0
    return trends.rebin(replace(series, points=full), 1).points[0].value, recorded


def _flares(
    daily: trends.Series, weekly: trends.Series, start: date, end: date
) -> tuple[Flare, ...]:
    """Runs of 3+ days at 7+, and weeks averaging 7+, merged into episodes."""
    spans: list[tuple[date, date, str]] = []
    run: list[date] = []
    for point in [*daily.points, trends.Point(end + timedelta(days=1), None, 0)]:
        if point.value is not None and point.value >= FLARE_PAIN:
            run.append(point.start)
            continue
        if len(run) >= FLARE_RUN_DAYS:
            spans.append((run[0], run[-1], f"{len(run)} days in a row at {FLARE_PAIN}+"))
        run = []
    for point in weekly.points:
        if point.value is not None and round(point.value, 6) >= FLARE_PAIN:
            first = max(point.start, start)
            last = min(point.start + timedelta(days=6), end)
            spans.append((first, last, f"week mean {point.value:.1f}"))
    spans.sort()
    merged: list[tuple[date, date, list[str]]] = []
    for first, last, why in spans:
        if merged and first <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last), [*merged[-1][2], why])
        else:
            merged.append((first, last, [why]))
    by_day = {p.start: p.value for p in daily.points if p.value is not None}
    out = []
    for first, last, why in merged:
        values = [
            v
            for offset in range((last - first).days + 1)
            if (v := by_day.get(first + timedelta(days=offset))) is not None
        ]
        if not values:
            continue
        out.append(
            Flare(
                start=first,
                end=last,
                peak=int(max(values)),
                mean=sum(values) / len(values),
                high_days=sum(1 for v in values if v >= FLARE_PAIN),
                found_by="; ".join(why),
            )
        )
    return tuple(out)


def _nutrient(
    series: trends.Series, daily: trends.Series, label: str, unit: str, target: int, upper: int
) -> NutrientFigures:
    mean, days = _period_value(series)
    values = [p.value for p in daily.points if p.value is not None]
    return NutrientFigures(
        label=label,
        unit=unit,
        mean=mean,
        days=days,
        target=target,
        upper_limit=upper,
        days_at_target=sum(1 for v in values if v >= target),
        days_above_limit=sum(1 for v in values if v > upper),
    )


def _plan(plan: Plan | None, today: date) -> PlanSummary | None:
    if plan is None:
        return None
    week = current_week(plan, today)
    return PlanSummary(
        status=plan.status,
        created=plan.created,
        start=plan.start,
        week=week_index(plan, today),
        weeks=len(plan.weeks),
        phase=week.phase if week is not None else None,
        adaptations=tuple(sorted(plan.adaptations, key=lambda a: a.day)),
        finished=week is None and today >= plan.start,
    )


def period_start(
    profile: Profile | None, checkins: Iterable[CheckIn], today: date, days: int
) -> tuple[date, str]:
    """The later of ``days`` ago, the aromatase inhibitor start and the first check-in (days
    before a person started are not missed days), with the reason in words."""
    candidates = [(today - timedelta(days=days - 1), f"the last {days} days")]
    if profile is not None and profile.ai_start is not None and profile.ai_start <= today:
        candidates.append((profile.ai_start, "the aromatase inhibitor start"))
    first = min((c.day for c in checkins if c.day <= today), default=None)
    if first is not None:
        candidates.append((first, "the first check-in"))
    return max(candidates, key=lambda c: c[0])


def attention(picture: ClinicalPicture, start: date) -> tuple[str, ...]:
    """Findings a clinician should see first, from the clinical picture (most urgent first)."""
    out: list[str] = []
    for day, flags in picture.red_flags:
        out.append(f"Red flag in the last week ({day.isoformat()}): {red_flag_words(flags)}.")
    for day in picture.injured_falls_recent:
        out.append(f"Fall with injury in the last week ({day.isoformat()}).")
    for run in picture.falls.runs:
        if run.symptom_day is None or run.symptom_day < start:
            continue
        falls = f"{run.falls} fall{'s' if run.falls > 1 else ''}"
        span = (run.last - run.first).days + 1
        when = (
            f"on {run.first.isoformat()}"
            if run.falls == 1
            else f"in {span} days ({run.first.isoformat()} to {run.last.isoformat()})"
        )
        out.append(
            f"{falls} {when}, then {' and '.join(run.symptoms)} from "
            f"{run.symptom_day.isoformat()}: possible vertebral fracture; assess the spine."
        )
    if picture.falls.assessment_advised:
        out.append(
            "Multifactorial falls assessment advised (World falls guidelines 2022; ASCO 2019 "
            f"rec. 3.2): {'; '.join(picture.falls.assessment_reasons)}."
        )
    if raise_side_effects(picture.tablet):
        assert picture.tablet is not None
        n = picture.tablet.reason_count("side-effects")
        out.append(
            f"Side effects given as the reason for a missed tablet on {n} days in the last "
            f"{AI_ADHERENCE_DAYS}: worth discussing (the main reason for stopping early; ELPh)."
        )
    for conflict in picture.conflicts:
        out.append(f"Check the record: {conflict.text}")
    missing = picture.assessment.missing
    if missing:
        out.append("Guideline answer open, missing: " + "; ".join(missing) + ".")
    return tuple(out)


def red_flag_words(flags: Iterable[str]) -> str:
    return ", ".join(RED_FLAGS[f] for f in flags)


def build_report(
    profile: Profile | None,
    checkins: Sequence[CheckIn],
    session_logs: Sequence[SessionLog],
    dxa_scans: Sequence[DxaScan],
    plan: Plan | None,
    today: date,
    days: int = 90,
    *,
    frax_major: float | None = None,
    frax_hip: float | None = None,
) -> Report:
    """The visit summary for the last ``days`` days (1-3650, else ValueError), starting no
    earlier than the aromatase inhibitor start and the first check-in (see ``period_start``)."""
    _check_days(days)
    asked = days
    start, start_reason = period_start(profile, checkins, today, days)
    days = (today - start).days + 1
    picture = build_picture(
        profile, checkins, dxa_scans, session_logs, today, frax_major=frax_major, frax_hip=frax_hip
    )
    in_period = sorted((c for c in checkins if start <= c.day <= today), key=lambda c: c.day)
    logs = [s for s in session_logs if start <= s.day <= today]

    def weekly(metric: str) -> trends.Series:
        return trends.weekly_series(metric, in_period, logs, start, today)

    pain_w, interference_w = weekly("pain"), weekly("interference")
    pain_max_w, adherence_w = weekly("pain_max"), weekly("adherence")
    aerobic_w, exercise_w = weekly("aerobic_min"), weekly("exercise_min")
    resistance_w, balance_w = weekly("resistance_sessions"), weekly("balance_min")
    calcium_w, vitamin_d_w = weekly("calcium"), weekly("vitamin_d")

    pain_mean, pain_days = _period_value(pain_w)
    interference_mean, interference_days = _period_value(interference_w)
    adherence_pct, answered = _period_value(adherence_w)
    taken = round((adherence_pct or 0) * answered / 100)
    tablet = tablet_story(profile, in_period, start, today)
    if tablet is not None:  # the same count, clipped to the course as the tablet section is
        taken, answered = tablet.taken, tablet.recorded_days

    aerobic, full_weeks = _per_full_week(aerobic_w)
    exercise, _ = _per_full_week(exercise_w)
    resistance, _ = _per_full_week(resistance_w)
    balance, _ = _per_full_week(balance_w)

    checked = {c.day for c in in_period}

    def checked_in(week_start: date) -> int:
        week = (week_start + timedelta(days=k) for k in range(7))
        return sum(1 for d in week if d in checked)

    rows = tuple(
        WeekRow(
            start=p.start,
            span=p.span,
            days_recorded=checked_in(p.start),
            pain_mean=p.value,
            pain_max=pain_max_w.points[i].value,
            interference_mean=interference_w.points[i].value,
            aerobic_min=aerobic_w.points[i].value,
            exercise_min=exercise_w.points[i].value,
            resistance_days=resistance_w.points[i].value,
            adherence=adherence_w.points[i].value,
        )
        for i, p in enumerate(pain_w.points)
    )
    pain_daily = trends.daily_series("pain", in_period, logs, start, today)
    calcium_daily = trends.daily_series("calcium", in_period, logs, start, today)
    vitamin_d_daily = trends.daily_series("vitamin_d", in_period, logs, start, today)
    notes = [(c.day, c.note.strip()) for c in in_period if c.note.strip()]
    notes += [(s.day, f"(after an exercise session) {s.note.strip()}") for s in logs if s.note]

    header = ReportHeader(
        name=profile.name if profile and profile.name else "—",
        ai_drug=profile.ai_drug if profile else None,
        ai_start=profile.ai_start if profile else None,
        start=start,
        end=today,
        days=days,
        generated=today,
        asked_days=asked,
        start_reason=start_reason,
        ai_end=profile.ai_end if profile else None,
    )
    return Report(
        header=header,
        coverage=Coverage(len(checked), days),
        adherence=AdherenceFigures(taken, answered),
        pain_mean=pain_mean,
        pain_days=pain_days,
        pain_summary=trends.summary(pain_w, today),
        interference_mean=interference_mean,
        interference_days=interference_days,
        flares=_flares(pain_daily, pain_w, start, today),
        weeks=rows,
        exercise=ExerciseFigures(full_weeks, aerobic, exercise, resistance, balance),
        calcium=_nutrient(
            calcium_w,
            calcium_daily,
            "Calcium (food + supplement)",
            "mg/day",
            trends.CALCIUM_TARGET_MG,
            trends.CALCIUM_UPPER_LIMIT_MG,
        ),
        vitamin_d=_nutrient(
            vitamin_d_w,
            vitamin_d_daily,
            "Vitamin D supplement",
            "IU/day",
            trends.VITAMIN_D_TARGET_IU,
            trends.VITAMIN_D_UPPER_LIMIT_IU,
        ),
        falls=tuple((c.day, c.fall_injured) for c in in_period if c.fall),
        red_flags=tuple((c.day, c.red_flags) for c in in_period if c.red_flags),
        bone=bone_section(picture, dxa_scans),
        attention=attention(picture, start),
        plan=_plan(plan, today),
        notes=tuple(sorted(notes)),
        tablet=tablet,
    )


# --------------------------------------------------------------------------- shared words


def num(value: float | None, decimals: int = 1, suffix: str = "") -> str:
    """A figure for a table cell; "—" for nothing recorded (a gap, never zero)."""
    if value is None:
        return "—"
    text = f"{value:,.0f}" if decimals == 0 else f"{value:.{decimals}f}"
    return f"{text}{suffix}"


def pct(part: int, whole: int) -> str:
    return "—" if not whole else f"{round(100 * part / whole)}%"


def title_lines(report: Report) -> list[tuple[str, str]]:
    """(label, value) pairs of the header, shared by Markdown and HTML."""
    h = report.header
    if h.ai_drug and h.ai_drug != "other":
        drug = h.ai_drug
    elif h.ai_drug == "other":
        drug = "aromatase inhibitor (other)"
    else:
        drug = "—"
    if h.ai_start is not None:
        on_for = (h.generated - h.ai_start).days
        drug += f", started {h.ai_start.isoformat()} ({on_for} days ago)"
    if h.ai_end is not None:
        verb = "ended" if h.ai_end < h.generated else "planned to end"
        drug += f", {verb} {h.ai_end.isoformat()}"
    return [
        ("Patient", h.name),
        ("Aromatase inhibitor", drug),
        ("Period", period_text(h)),
        ("Generated", h.generated.isoformat()),
    ]


def period_text(h: ReportHeader) -> str:
    """The period, and why it is shorter than asked when it starts at the AI or first check-in."""
    text = f"{h.start.isoformat()} to {h.end.isoformat()} ({h.days} days"
    if h.asked_days and h.days < h.asked_days:
        text += f", from {h.start_reason}; {h.asked_days} were asked for"
    return text + ")"


def coverage_text(report: Report) -> str:
    c = report.coverage
    if not c.days_checked_in:
        return f"No check-ins in this period (0 of {c.days} days)."
    return f"Checked in on {c.days_checked_in} of {c.days} days ({pct(c.days_checked_in, c.days)})."


def tablet_text(report: Report) -> list[str]:
    """The tablet section: shares against the 80% line, gaps, reasons, pain flares (plain words
    for the care team; ``coach.tablet_text``)."""
    return tablet_report_lines(report.tablet, report.header.ai_end, report.header.generated)


def pain_text(report: Report) -> list[str]:
    if report.pain_mean is None:
        return ["No worst-joint-pain scores in this period."]
    lines = [
        f"Average worst joint pain {report.pain_mean:.1f}/10 over {report.pain_days} days with "
        f"a score; pain of {trends.PAIN_RAISE_LEVEL} or more predicts stopping the aromatase "
        "inhibitor (Chim 2013).",
        report.pain_summary,
    ]
    if report.interference_mean is not None:
        lines.append(
            f"Pain interference with daily activities averages {report.interference_mean:.1f}/4 "
            f"({report.interference_days} days)."
        )
    return lines


def flare_intro() -> str:
    return (
        f"Flare episodes ({FLARE_RUN_DAYS}+ days in a row with worst pain {FLARE_PAIN}+, or a "
        f"week averaging {FLARE_PAIN}+):"
    )


WEEK_HEADER = (
    "Week of",
    "Days checked in",
    "Worst pain (mean)",
    "Worst pain (highest)",
    "Interference",
    "Aerobic min",
    "All exercise min",
    "Strength days",
    "AI taken",
)


def week_rows(report: Report) -> list[tuple[str, ...]]:
    """The week-by-week table's rows, shared by the Markdown and HTML reports."""
    return [
        (
            r.start.isoformat() + ("" if r.span == 7 else f" ({r.span} d)"),
            f"{r.days_recorded}/{r.span}",
            num(r.pain_mean),
            num(r.pain_max, 0),
            num(r.interference_mean),
            num(r.aerobic_min, 0),
            num(r.exercise_min, 0),
            num(r.resistance_days, 0),
            num(r.adherence, 0, "%"),
        )
        for r in report.weeks
    ]


FLARE_HEADER = ("From", "To", "Highest", "Mean", f"Days at {FLARE_PAIN}+", "Found by")


def flare_rows(report: Report) -> list[tuple[str, ...]]:
    """The flare table's rows, shared by the Markdown and HTML reports."""
    return [
        (
            f.start.isoformat(),
            f.end.isoformat(),
            str(f.peak),
            f"{f.mean:.1f}",
            str(f.high_days),
            f.found_by,
        )
        for f in report.flares
    ]


def exercise_rows(report: Report) -> list[tuple[str, str, str]]:
    e = report.exercise
    return [
        (
            "Weight-bearing aerobic minutes",
            num(e.aerobic_per_week, 0),
            f"{e.aerobic_target} min/week",
        ),
        (
            "Resistance (strength) session days",
            num(e.resistance_days_per_week, 1),
            f"{e.resistance_target} days/week",
        ),
        (
            "Balance minutes",
            num(e.balance_per_week, 0),
            f"building toward {trends.BALANCE_TARGET_MIN_PER_WEEK} min/week",
        ),
        ("All exercise minutes", num(e.exercise_per_week, 0), "—"),
    ]


def exercise_text(report: Report) -> str:
    e = report.exercise
    if not e.full_weeks:
        return "No full week with exercise recorded in this period."
    weeks = "week" if e.full_weeks == 1 else "weeks"
    return f"Average per week over {e.full_weeks} full {weeks} with records (ISO weeks, Mon-Sun)."


def nutrient_row(n: NutrientFigures) -> tuple[str, str, str, str, str, str]:
    return (
        n.label,
        num(n.mean, 0, f" {n.unit}"),
        str(n.days),
        f"{n.target} {n.unit}",
        f"{n.upper_limit} {n.unit}",
        f"{n.days_at_target} / {n.days_above_limit}",
    )


def fall_text(day: date, injured: bool | None) -> str:
    if injured:
        return f"{day.isoformat()}: fall, with injury"
    if injured is False:
        return f"{day.isoformat()}: fall, no injury"
    return f"{day.isoformat()}: fall"


def red_flag_text(day: date, flags: tuple[str, ...]) -> str:
    return f"{day.isoformat()}: {', '.join(RED_FLAGS[f] for f in flags)}"


def verdicts(a: Assessment) -> list[tuple[str, str, tuple[str, ...]]]:
    """(guideline, verdict, reasons) for AIBL 2017 and ASCO 2019; missing items lead."""
    return [
        (
            "AIBL position statement 2017 (Hadji et al.)",
            AIBL_VERDICTS[a.aibl_2017.bone_therapy_advised],
            (*(f"Missing: {m}." for m in a.aibl_2017.missing), *a.aibl_2017.reasons),
        ),
        (
            "ASCO guideline 2019 (Shapiro et al.)",
            ASCO_VERDICTS[a.asco_2019.offer_bone_agent],
            (*(f"Missing: {m}." for m in a.asco_2019.missing), *a.asco_2019.reasons),
        ),
    ]


def risk_factor_text(bone: BoneSection) -> str:
    """Risk factors that count, each with its source; unknown ones named as unknown."""
    parts = []
    for f in bone.picture.risk_factors:
        if f.status == "yes":
            parts.append(f"{f.label} ({f.source}: {f.detail})")
        elif f.status == "unknown":
            parts.append(f"{f.label}: not known")
    return "; ".join(parts) if parts else "none recorded"


def picture_lines(bone: BoneSection) -> list[tuple[str, str]]:
    """Age, bone status, fractures, falls, BMI with their sources (shared with the screen)."""
    return [(k, v) for k, v in fact_lines(bone.picture) if k not in ("Latest DXA", "FRAX")]


def frax_text(bone: BoneSection) -> str:
    if bone.frax_major is None and bone.frax_hip is None:
        return "FRAX: not entered."
    major = "—" if bone.frax_major is None else f"{bone.frax_major:g}%"
    hip = "—" if bone.frax_hip is None else f"{bone.frax_hip:g}%"
    return f"FRAX 10-year risk (entered by the patient): major osteoporotic {major}, hip {hip}."


def site_label(site: str) -> str:
    """'Lumbar spine': a site as a table heading."""
    return DXA_SITE_LABELS[site].capitalize()


def plan_text(plan: PlanSummary | None) -> str:
    if plan is None:
        return "No exercise plan yet."
    if plan.week is not None:
        where = f"week {plan.week} of {plan.weeks}" + (f" ({plan.phase})" if plan.phase else "")
    elif plan.finished:
        where = f"finished (all {plan.weeks} weeks are past)"
    else:
        where = "not started yet"
    status = "paused" if plan.status == "paused" else "active"
    return (
        f"Plan {status}, {where}; made {plan.created.isoformat()}, week 1 began "
        f"{plan.start.isoformat()}."
    )


def adaptation_label(kind: str) -> str:
    return ADAPTATION_LABELS.get(kind, kind)


def clinician_reason(a: Adaptation) -> str:
    """The change in a clinician's words (the person's own wording is for the plan screen)."""
    return a.detail or ADAPTATION_LABELS.get(a.kind, a.kind).capitalize() + "."


# --------------------------------------------------------------------------- Markdown


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|").replace("\n", " ")


def _md_text(text: str) -> str:
    """Free text shown as text: HTML-escaped (Markdown viewers render raw HTML), and no control
    character reaches the terminal of whoever reads the report (coach.textsafe)."""
    from coach.textsafe import printable

    escaped = html.escape(text, quote=False).replace("\r", " ").replace("\n", " ")
    return printable(escaped, one_line=True)


def _md_table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in head) + " |"]
    lines.append("|" + "|".join("---" for _ in head) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report) -> str:
    """The visit summary as Markdown (tables with headers), for a file or the terminal."""
    out: list[str] = ["# Bone health visit summary", ""]
    out += [f"- **{label}:** {_md_text(value)}" for label, value in title_lines(report)]
    out += ["", "## Needs attention", ""]
    out += [f"- {_md_text(item)}" for item in report.attention] or ["Nothing flagged."]
    out += ["", "## Check-ins", "", coverage_text(report), ""]
    out += ["## Aromatase inhibitor taken", ""]
    for line in tablet_text(report):
        out += [f"- {_md_text(line)}"]
    out += [""]

    out += ["## Joint pain", ""]
    for line in pain_text(report):
        out += [line, ""]
    out += [flare_intro()]
    if report.flares:
        out += [""]
        out += _md_table(FLARE_HEADER, flare_rows(report))
    else:
        out += ["none in this period."]
    out += [""]

    out += ["## Week by week", ""]
    if report.has_checkins:
        out += _md_table(WEEK_HEADER, week_rows(report))
    else:
        out += ["No check-ins in this period."]
    out += [""]

    out += ["## Exercise", "", exercise_text(report), ""]
    out += _md_table(("Measure", "Per week", "Target"), exercise_rows(report))
    out += [""]

    out += ["## Calcium and vitamin D", ""]
    out += _md_table(
        (
            "Nutrient",
            "Daily average",
            "Days recorded",
            "Target",
            "Upper limit",
            "Days at target / above limit",
        ),
        (nutrient_row(report.calcium), nutrient_row(report.vitamin_d)),
    )
    out += [""]

    out += ["## Falls and red flags", ""]
    if report.falls:
        out += [f"- {fall_text(d, inj)}" for d, inj in report.falls]
    else:
        out += ["- Falls: none recorded in this period."]
    if report.red_flags:
        out += [f"- Red flag {red_flag_text(d, f)}" for d, f in report.red_flags]
    else:
        out += ["- Red flags: none recorded in this period."]
    out += [""]

    bone = report.bone
    out += ["## Bone density (DXA)", ""]
    if bone.visits:
        out += _md_table(
            ("Date", *(site_label(s) for s in DXA_SITES), "Lowest"),
            (
                (
                    v.day.isoformat(),
                    *(num(dict(v.t_scores).get(s)) for s in DXA_SITES),
                    f"{v.lowest[1]:.1f} ({site_label(v.lowest[0])})",
                )
                for v in bone.visits
            ),
        )
    else:
        out += ["No DXA scans on record."]
    out += [""]
    out += [f"- **{label}:** {_md_text(value)}" for label, value in picture_lines(bone)]
    out += ["", f"Risk factors: {_md_text(risk_factor_text(bone))}.", "", frax_text(bone), ""]
    out += ["### What the guidelines say — discuss with the care team", ""]
    for name, verdict, reasons in verdicts(bone.assessment):
        out += [f"**{name}:** {verdict}.", ""]
        out += [f"- {_md_text(r)}" for r in reasons]
        out += [""]
    out += ["For everyone on an aromatase inhibitor (both guidelines):", ""]
    out += [f"- {_md_text(a)}" for a in bone.assessment.advice_for_everyone]
    out += ["", f"**Next DXA:** {bone.next_due_text}", ""]

    out += ["## Exercise plan", "", plan_text(report.plan), ""]
    if report.plan is not None:
        if report.plan.adaptations:
            out += _md_table(
                ("Date", "Change", "Week", "Reason"),
                (
                    (a.day.isoformat(), adaptation_label(a.kind), str(a.week), clinician_reason(a))
                    for a in report.plan.adaptations
                ),
            )
        else:
            out += ["No changes to this plan yet."]
        out += [""]

    out += ["## Patient's notes", ""]
    if report.notes:
        out += [f"- {d.isoformat()}: {_md_text(text)}" for d, text in report.notes]
    else:
        out += ["No notes in this period."]
    out += ["", "---", "", f"*{report.disclaimer}*", ""]
    return "\n".join(out)


def render_html(report: Report) -> str:
    """The visit summary as one self-contained HTML file (see ``coach.report_html``)."""
    from coach.report_html import render

    return render(report)
