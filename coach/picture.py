"""The clinical picture: what the coach knows about the person on a given day, derived once.

``build_picture(profile, checkins, scans, session_logs, today, ...)`` is the ONE place where the
profile, the check-ins, the DXA scans and the session logs become clinical facts: age, bone status
and where it comes from, fractures, falls, BMI, every AIBL risk factor with its source and any
conflict, active red flags, pain and adherence trends, and both guideline answers. The plan, the
bone-health screen, ``bonecoach bone`` and ``assess``, the visit report, the check-in summary, the
FHIR export and the CLI read this picture; none of them derives a clinical fact of its own, so the
same inputs give the same answers everywhere. Thresholds come from ``coach.thresholds``.

Pure and deterministic: no clock (``today`` is passed in), standard library only.

Decisions, so they can be reviewed in one place:

- **Age.** Exact when the profile holds a date of birth; otherwise the age reached this calendar
  year, shown as "about N" (``age_exact`` False). "Age over 65" from a year of birth alone is
  unknown in the one year where the person may be 65 or 66 (then a tick decides, or the answer
  says what is missing).
- **Bone status** comes from the latest scan day (the lowest T-score of that day, WHO bands),
  else from the profile. A spine (vertebral) fracture means osteoporosis clinically whatever the
  T-score (FACTS item 30), so it overrides a milder status. Disagreements are listed as conflicts.
- **Risk factors** (AIBL 2017), each "yes", "no" or "unknown" with a source: "stated" (ticked on
  the checklist), "derived from profile" (age from the birth date or year, BMI from height and
  weight, smoking from the smoking answer, a fragility fracture from a spine fracture) or "derived
  from data" (smoking recorded in check-ins). Objective profile data overrides a contradicting
  tick (a tick of "age over 65" at 51 is not counted; the conflict says so). Between two answers
  of the person, the one that reports a risk wins (never a reassuring "no" by default). Family
  history of hip fracture and long-term steroids are known only from the checklist: unticked
  counts as "no" once a profile exists. A spine fracture is taken to be a fragility fracture
  after 50 (the profile does not record when it happened).
- **Falls** in the last 12 months: the larger of the profile's "falls in the last year" and the
  falls logged in check-ins in the last 365 days (the profile number may already include them, so
  they are not added). A falls assessment is advised after 2 or more falls, a fall with injury or
  a fall on a day of fainting or dizziness (World falls guidelines 2022; ASCO 2019 rec. 3.2).
- **Window.** Only check-ins and session logs of the last ``PICTURE_DAYS`` days (up to today)
  count, so a surface that reads more history still gets the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.adherence import TabletStory, tablet_story
from coach.models import (
    DXA_SITE_LABELS,
    DXA_SITES,
    RED_FLAGS,
    CheckIn,
    DxaScan,
    Profile,
    SessionLog,
)
from coach.risk import (
    FRAX_MAX,
    FRAX_MIN,
    RISK_FACTORS,
    Assessment,
    GuidelineInputs,
    TScoreBounds,
    UnknownFactor,
    evaluate,
    next_dxa_due,
)
from coach.tablet_text import ai_ended
from coach.thresholds import (
    AI_ADHERENCE_DAYS,
    AIBL_AGE_RISK,
    AIBL_BMI_RISK,
    BMI_CHECK_TALLEST_CM,
    EMERGENCY_RED_FLAGS,
    FALL_CLUSTER_DAYS,
    FALL_SYMPTOM_FOLLOW_DAYS,
    FALL_WATCH_DAYS,
    FALLS_FOR_ASSESSMENT,
    FALLS_WINDOW_DAYS,
    PAIN_BASELINE_DAYS,
    PAIN_FLARE_MEAN,
    PAIN_FLARE_RISE,
    PAIN_RECENT_DAYS,
    RED_FLAG_DAYS,
    SESSION_PAIN_EASE_FROM,
    T_NORMAL_FROM,
    T_OSTEOPOROSIS_AT,
)

__all__ = [
    "FRAX_SETTING",
    "PICTURE_DAYS",
    "SOURCE_DATA",
    "SOURCE_PROFILE",
    "SOURCE_STATED",
    "BoneStatus",
    "ClinicalPicture",
    "Conflict",
    "FallRun",
    "Falls",
    "PainTrend",
    "RiskFactorFact",
    "bone_band",
    "build_picture",
    "frax_from_settings",
    "frax_to_setting",
    "pain_mean",
    "pain_trend",
    "picture_window",
]

PICTURE_DAYS = FALLS_WINDOW_DAYS  # history that can change the picture
SOURCE_STATED = "stated"
SOURCE_PROFILE = "derived from profile"
SOURCE_DATA = "derived from data"
_DECIMALS = 6  # compare means after rounding, so 6.1 - 4.1 counts as the 2.0 it stands for


# --------------------------------------------------------------------------- shapes


@dataclass(frozen=True)
class BoneStatus:
    """Bone status and where it comes from: "scan", "spine fracture", "profile" or "none"."""

    value: str
    source: str
    text: str


@dataclass(frozen=True)
class RiskFactorFact:
    """One AIBL risk factor: "yes", "no" or "unknown"; its source; plain details."""

    name: str
    status: str
    source: str
    detail: str
    missing: str = ""  # for "unknown": what would settle it

    @property
    def label(self) -> str:
        return RISK_FACTORS[self.name]


@dataclass(frozen=True)
class Conflict:
    """Two things the person told the coach that disagree, and which one is used."""

    about: str
    text: str


@dataclass(frozen=True)
class FallRun:
    """Falls close together (``FALL_CLUSTER_DAYS``), and back pain or height loss after them."""

    first: date
    last: date
    falls: int
    symptom_day: date | None
    symptoms: tuple[str, ...]


@dataclass(frozen=True)
class Falls:
    """Falls in the last 12 months: stated in the profile and logged in check-ins."""

    stated_last_year: int
    logged: tuple[date, ...]
    injured: tuple[date, ...]
    with_fainting: tuple[date, ...]
    count_12m: int
    assessment_reasons: tuple[str, ...]
    watch_from: date | None  # latest fall of the last FALL_WATCH_DAYS: watch back pain, height
    runs: tuple[FallRun, ...]

    @property
    def assessment_advised(self) -> bool:
        return bool(self.assessment_reasons)

    @property
    def watch(self) -> bool:
        return self.watch_from is not None


@dataclass(frozen=True)
class PainTrend:
    """Mean worst joint pain of the last 7 days vs the 14 days before; a flare by level or rise."""

    recent: float | None
    baseline: float | None
    flare: bool
    rising: bool


@dataclass(frozen=True)
class ClinicalPicture:
    """Everything clinical the coach knows for ``today`` (see the module docstring)."""

    today: date
    has_profile: bool
    age: int | None
    age_exact: bool
    bone: BoneStatus
    latest_scan_day: date | None
    lowest_t_score: float | None
    lowest_site: str | None
    vertebral_fracture: bool
    fractures: tuple[str, ...]
    falls: Falls
    height_cm: float | None
    weight_kg: float | None
    bmi: float | None
    smoker: str
    risk_factors: tuple[RiskFactorFact, ...]
    conflicts: tuple[Conflict, ...]
    red_flags: tuple[tuple[date, tuple[str, ...]], ...]
    injured_falls_recent: tuple[date, ...]
    pain: PainTrend
    ai_taken: int
    ai_answered: int
    frax_major: float | None
    frax_hip: float | None
    assessment: Assessment
    next_dxa_due: date | None
    supervised: bool
    activity: str
    steady_reports: tuple[tuple[date, bool], ...] = ()  # mark-done answers: managed steadily?
    # sessions that hurt: (day, what happened), e.g. "joint pain 8/10 during the session"
    session_strain: tuple[tuple[date, str], ...] = ()
    # the tablet over the last AI_ADHERENCE_DAYS within the course (coach.adherence); None when
    # none of those days is in the course (it ended, or starts later)
    tablet: TabletStory | None = None
    ai_ended: date | None = None  # the course's end, once it has passed (profile.ai_end < today)

    # ----------------------------------------------------------------- reading

    @property
    def counted_risk_factors(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.risk_factors if f.status == "yes")

    def factor(self, name: str) -> RiskFactorFact:
        return next(f for f in self.risk_factors if f.name == name)

    @property
    def age_text(self) -> str:
        if self.age is None:
            return "not known"
        return str(self.age) if self.age_exact else f"about {self.age}"

    @property
    def emergency_flags(self) -> tuple[str, ...]:
        """Active red flags that call for emergency services first."""
        seen = {f for _, flags in self.red_flags for f in flags}
        return tuple(f for f in EMERGENCY_RED_FLAGS if f in seen)

    @property
    def needs_stop(self) -> bool:
        """An active red flag or a recent fall with injury: stop exercising, call the care team."""
        return bool(self.red_flags or self.injured_falls_recent)

    @property
    def falls_assessment_advised(self) -> bool:
        return self.falls.assessment_advised

    def bone_json(self) -> dict[str, Any]:
        """``bonecoach bone --json``: the picture and both guideline answers (a stable contract)."""
        return {
            "age": self.age,
            "bone_status": {"value": self.bone.value, "source": self.bone.source},
            "risk_factors": [
                {"name": f.name, "source": f.source} for f in self.risk_factors if f.status == "yes"
            ],
            **self.assessment.guideline_json(),
            "next_dxa_due": None if self.next_dxa_due is None else self.next_dxa_due.isoformat(),
            "falls_assessment_advised": self.falls_assessment_advised,
        }


# --------------------------------------------------------------------------- helpers

FRAX_SETTING = "frax"  # settings key where the bone-health screen keeps FRAX percentages


def frax_from_settings(settings: Mapping[str, Any]) -> tuple[float | None, float | None]:
    """FRAX (major, hip) percentages saved by the bone-health screen; invalid values -> None.

    Stored as ``settings["frax"] = {"major": 12.0, "hip": 1.5}`` (either may be missing).
    """
    raw = settings.get(FRAX_SETTING)
    if not isinstance(raw, Mapping):
        return None, None

    def one(key: str) -> float | None:
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if not math.isfinite(value) or not FRAX_MIN <= value <= FRAX_MAX:
            return None
        return float(value)

    return one("major"), one("hip")


def frax_to_setting(major: float | None, hip: float | None) -> dict[str, float]:
    """The settings value for ``FRAX_SETTING`` (missing values are left out)."""
    out: dict[str, float] = {}
    if major is not None:
        out["major"] = float(major)
    if hip is not None:
        out["hip"] = float(hip)
    return out


def picture_window(today: date) -> tuple[date, date]:
    """The check-in and session-log dates that can change the picture of ``today``."""
    return today - timedelta(days=PICTURE_DAYS - 1), today


def bone_band(t_score: float) -> str:
    """WHO band of a T-score (FACTS item 30)."""
    if t_score <= T_OSTEOPOROSIS_AT:
        return "osteoporosis"
    if t_score < T_NORMAL_FROM:
        return "osteopenia"
    return "normal"


def pain_mean(checkins: Iterable[CheckIn], first: date, last: date) -> float | None:
    """Mean worst joint pain over the days ``first..last`` that have a pain value (one per day).

    When a day appears twice, the later entry in the sequence wins (as a merged check-in would).
    """
    by_day: dict[date, int] = {}
    for c in checkins:
        if first <= c.day <= last and c.pain is not None:
            by_day[c.day] = c.pain
    return sum(by_day.values()) / len(by_day) if by_day else None


def pain_trend(checkins: Sequence[CheckIn], today: date) -> PainTrend:
    """Mean worst pain of the last 7 days vs the 14 days before; a flare by level or by rise."""
    recent_first = today - timedelta(days=PAIN_RECENT_DAYS - 1)
    recent = pain_mean(checkins, recent_first, today)
    baseline = pain_mean(
        checkins,
        recent_first - timedelta(days=PAIN_BASELINE_DAYS),
        recent_first - timedelta(days=1),
    )
    if recent is None:
        return PainTrend(None, baseline, False, False)
    rising = baseline is not None and round(recent - baseline, _DECIMALS) >= PAIN_FLARE_RISE
    high = round(recent, _DECIMALS) >= PAIN_FLARE_MEAN
    return PainTrend(recent, baseline, high or rising, rising)


def _session_strain(
    logs: Iterable[SessionLog], first: date, last: date
) -> tuple[tuple[date, str], ...]:
    """Sessions that hurt: pain during in the severe band, or a guided exercise skipped because
    it hurt (the coming week eases, coach.adapt)."""
    out = []
    for log in logs:
        if not first <= log.day <= last:
            continue
        if log.pain_during is not None and log.pain_during >= SESSION_PAIN_EASE_FROM:
            out.append((log.day, f"joint pain {log.pain_during}/10 during the session"))
        hurt = [i for i, why in log.skipped.items() if why == "hurt"]
        if hurt:
            out.append((log.day, f"{_names(hurt)} skipped because it hurt"))
    return tuple(sorted(out))


def _names(exercise_ids: Iterable[str]) -> str:
    """Exercise names for ids (an id no longer in the library is shown as it is)."""
    from coach.exercises import get_exercise  # only when a session hurt: start-up counts

    names = []
    for exercise_id in exercise_ids:
        try:
            names.append(get_exercise(exercise_id).name)
        except KeyError:
            names.append(exercise_id)
    return ", ".join(names)


def _by_day(checkins: Iterable[CheckIn], first: date, last: date) -> dict[date, CheckIn]:
    """One check-in per day inside the window; the later one in the sequence wins."""
    out: dict[date, CheckIn] = {}
    for c in checkins:
        if first <= c.day <= last:
            out[c.day] = c
    return dict(sorted(out.items()))


def _age(profile: Profile | None, today: date) -> tuple[int | None, bool]:
    if profile is None:
        return None, False
    return profile.age(today), profile.birth_date is not None


def _bmi(profile: Profile | None) -> float | None:
    if profile is None or profile.height_cm is None or profile.weight_kg is None:
        return None
    return round(profile.weight_kg / (profile.height_cm / 100) ** 2, 1)


def _latest_scan(scans: Iterable[DxaScan], today: date) -> tuple[date, str, float] | None:
    """(day, site, T) of the lowest T-score on the latest scan day up to ``today``."""
    past = [s for s in scans if s.day <= today]
    if not past:
        return None
    day = max(s.day for s in past)
    low = min((s for s in past if s.day == day), key=lambda s: (s.t_score, DXA_SITES.index(s.site)))
    return day, low.site, low.t_score


# --------------------------------------------------------------------------- parts


def _bone_status(
    profile: Profile | None, latest: tuple[date, str, float] | None, conflicts: list[Conflict]
) -> BoneStatus:
    stated = profile.bone_status if profile else "unknown"
    fracture = bool(profile and profile.vertebral_fracture)
    if latest is not None:
        day, site, t = latest
        status = BoneStatus(
            bone_band(t),
            "scan",
            f"from the latest DXA scan: lowest T-score {t:+.1f} "
            f"({DXA_SITE_LABELS[site]}, {day.isoformat()})",
        )
        if stated not in ("unknown", status.value):
            conflicts.append(
                Conflict(
                    "bone status",
                    f"The profile says {stated}; the latest DXA scan ({day.isoformat()}, lowest "
                    f"T-score {t:+.1f}) shows {status.value}: the scan is used.",
                )
            )
    elif stated != "unknown":
        status = BoneStatus(stated, "profile", "as recorded in the profile (no DXA result entered)")
    else:
        status = BoneStatus("unknown", "none", "no DXA result and none in the profile")
    if fracture and status.value != "osteoporosis":
        if status.value != "unknown":
            conflicts.append(
                Conflict(
                    "bone status",
                    f"A spine (vertebral) fracture means osteoporosis clinically, whatever the "
                    f"T-score; the record says {status.value} ({status.text}): osteoporosis is "
                    "used.",
                )
            )
        status = BoneStatus(
            "osteoporosis",
            "spine fracture",
            "clinically, after a spine (vertebral) fracture, whatever the T-score",
        )
    return status


def _age_factor(
    profile: Profile | None, age: int | None, exact: bool, ticked: bool, conflicts: list[Conflict]
) -> RiskFactorFact:
    name = "age-over-65"
    if age is not None:
        lowest = age if exact else age - 1  # with a year only, the birthday may be still to come
        shown = str(age) if exact else f"about {age}"
        if lowest > AIBL_AGE_RISK:
            return RiskFactorFact(name, "yes", SOURCE_PROFILE, f"age {shown}")
        if age <= AIBL_AGE_RISK:
            if ticked:
                conflicts.append(
                    Conflict(
                        name,
                        f"'{RISK_FACTORS[name]}' is ticked, but the profile gives age {shown}: "
                        "not counted.",
                    )
                )
            return RiskFactorFact(name, "no", SOURCE_PROFILE, f"age {shown}")
        if ticked:
            return RiskFactorFact(name, "yes", SOURCE_STATED, f"ticked; age {shown}")
        return RiskFactorFact(
            name,
            "unknown",
            SOURCE_PROFILE,
            f"age {age - 1} or {age} (year of birth only)",
            f"date of birth (age {age - 1} or {age} today)",
        )
    if ticked:
        return RiskFactorFact(name, "yes", SOURCE_STATED, "ticked")
    return RiskFactorFact(name, "unknown", SOURCE_STATED, "no year of birth", "year of birth")


def _bmi_factor(
    profile: Profile | None, bmi: float | None, ticked: bool, conflicts: list[Conflict]
) -> RiskFactorFact:
    name = "low-bmi"
    weight = profile.weight_kg if profile else None
    if bmi is not None:
        if bmi < AIBL_BMI_RISK:
            return RiskFactorFact(name, "yes", SOURCE_PROFILE, f"BMI {bmi:.1f}")
        if ticked:
            conflicts.append(
                Conflict(
                    name,
                    f"'{RISK_FACTORS[name]}' is ticked, but height and weight give BMI "
                    f"{bmi:.1f}: not counted.",
                )
            )
        return RiskFactorFact(name, "no", SOURCE_PROFILE, f"BMI {bmi:.1f}")
    tallest = BMI_CHECK_TALLEST_CM / 100
    if weight is not None and weight >= AIBL_BMI_RISK * tallest**2:
        needed = math.sqrt(weight / AIBL_BMI_RISK) * 100
        if ticked:
            conflicts.append(
                Conflict(
                    name,
                    f"'{RISK_FACTORS[name]}' is ticked, but at {weight:g} kg that needs a height "
                    f"over {needed:.0f} cm: not counted (add your height to settle it).",
                )
            )
        return RiskFactorFact(name, "no", SOURCE_PROFILE, f"weight {weight:g} kg")
    if ticked:
        return RiskFactorFact(name, "yes", SOURCE_STATED, "ticked")
    missing = "height (to work out BMI)" if weight is not None else "height and weight (for BMI)"
    return RiskFactorFact(name, "unknown", SOURCE_STATED, "BMI not known", missing)


def _smoking_factor(
    profile: Profile | None, smoked_days: int, ticked: bool, conflicts: list[Conflict]
) -> RiskFactorFact:
    name = "smoking"
    answer = profile.smoker if profile else "unknown"
    if smoked_days:
        days = f"{smoked_days} day{'s' if smoked_days > 1 else ''}"
        if answer == "no":
            conflicts.append(
                Conflict(
                    name,
                    f"The profile says non-smoker, but check-ins record smoking on {days}: "
                    "counted.",
                )
            )
        return RiskFactorFact(name, "yes", SOURCE_DATA, f"smoking recorded in check-ins ({days})")
    if answer in ("yes", "former"):
        return RiskFactorFact(name, "yes", SOURCE_PROFILE, f"smoker: {answer}")
    if ticked:
        if answer == "no":
            conflicts.append(
                Conflict(
                    name,
                    f"'{RISK_FACTORS[name]}' is ticked, but the profile says non-smoker: counted "
                    "(a reported risk is never dropped).",
                )
            )
        return RiskFactorFact(name, "yes", SOURCE_STATED, "ticked")
    if answer == "no":
        return RiskFactorFact(name, "no", SOURCE_PROFILE, "smoker: no")
    return RiskFactorFact(
        name,
        "unknown",
        SOURCE_STATED,
        "smoking not answered",
        "smoking history (never, former or current)",
    )


def _checklist_factor(profile: Profile | None, name: str, ticked: bool) -> RiskFactorFact:
    if ticked:
        return RiskFactorFact(name, "yes", SOURCE_STATED, "ticked")
    if profile is None:
        return RiskFactorFact(name, "unknown", SOURCE_STATED, "no profile", "your profile")
    return RiskFactorFact(name, "no", SOURCE_STATED, "not ticked")


def _fracture_factor(profile: Profile | None, ticked: bool) -> RiskFactorFact:
    name = "fragility-fracture"
    if profile is not None and profile.vertebral_fracture:
        return RiskFactorFact(name, "yes", SOURCE_PROFILE, "spine (vertebral) fracture")
    return _checklist_factor(profile, name, ticked)


def _fall_runs(
    fall_days: Sequence[date], by_day: dict[date, CheckIn], today: date
) -> tuple[FallRun, ...]:
    """Falls less than FALL_CLUSTER_DAYS apart as runs, each with back pain or height loss
    recorded on the day of its last fall or within FALL_SYMPTOM_FOLLOW_DAYS after it."""
    runs: list[list[date]] = []
    for day in fall_days:
        if runs and (day - runs[-1][-1]).days < FALL_CLUSTER_DAYS:
            runs[-1].append(day)
        else:
            runs.append([day])
    out = []
    spine = ("sudden_back_pain", "height_loss")
    for run in runs:
        end = min(today, run[-1] + timedelta(days=FALL_SYMPTOM_FOLLOW_DAYS))
        days = [
            d for d, c in by_day.items() if run[0] <= d <= end and set(spine) & set(c.red_flags)
        ]
        found = {f for d in days for f in by_day[d].red_flags}
        symptoms = tuple(RED_FLAGS[f] for f in spine if f in found)
        out.append(FallRun(run[0], run[-1], len(run), days[0] if days else None, symptoms))
    return tuple(out)


def _falls(
    profile: Profile | None, by_day: dict[date, CheckIn], today: date, conflicts: list[Conflict]
) -> Falls:
    stated = profile.falls_last_year if profile else 0
    logged = tuple(d for d, c in by_day.items() if c.fall)
    injured = tuple(d for d, c in by_day.items() if c.fall and c.fall_injured)
    fainting = tuple(d for d, c in by_day.items() if c.fall and "faint_dizzy" in c.red_flags)
    count = max(stated, len(logged))
    if profile is not None and len(logged) > stated:
        conflicts.append(
            Conflict(
                "falls",
                f"The profile says {stated} fall{'s' if stated != 1 else ''} in the last year; "
                f"check-ins record {len(logged)} in the last 12 months: {len(logged)} is used.",
            )
        )
    reasons = []
    if count >= FALLS_FOR_ASSESSMENT:
        reasons.append(f"{count} falls in the last 12 months")
    if injured:
        reasons.append(f"a fall with injury on {injured[-1].isoformat()}")
    if fainting:
        reasons.append(f"a fall with fainting or dizziness on {fainting[-1].isoformat()}")
    recent = [d for d in logged if (today - d).days < FALL_WATCH_DAYS]
    return Falls(
        stated_last_year=stated,
        logged=logged,
        injured=injured,
        with_fainting=fainting,
        count_12m=count,
        assessment_reasons=tuple(reasons),
        watch_from=recent[-1] if recent else None,
        runs=_fall_runs(logged, by_day, today),
    )


def _t_bounds(bone: BoneStatus, latest: tuple[date, str, float] | None) -> TScoreBounds:
    if latest is not None:
        day, site, t = latest
        return TScoreBounds.exact(
            t, f"Lowest T-score {t:.1f} ({DXA_SITE_LABELS[site]}, {day.isoformat()})"
        )
    if bone.source == "profile":
        return TScoreBounds.band(
            bone.value, f"The profile's bone status ({bone.value}, no DXA result entered)"
        )
    return TScoreBounds()


# --------------------------------------------------------------------------- build


def build_picture(
    profile: Profile | None,
    checkins: Iterable[CheckIn],
    scans: Iterable[DxaScan],
    session_logs: Iterable[SessionLog],
    today: date,
    *,
    frax_major: float | None = None,
    frax_hip: float | None = None,
    ticked: Iterable[str] | None = None,
) -> ClinicalPicture:
    """The clinical picture for ``today`` (module docstring). ``ticked`` replaces the profile's
    ticked risk factors (the bone-health screen passes its boxes as ticked, saved or not)."""
    first, _ = picture_window(today)
    steady = tuple(
        sorted(
            (log.day, log.steady)
            for log in session_logs
            if first <= log.day <= today and log.steady is not None
        )
    )
    session_logs = tuple(session_logs)
    strain = _session_strain(session_logs, first, today)
    by_day = _by_day(checkins, first, today)
    scans = tuple(scans)
    conflicts: list[Conflict] = []
    ticks = set(profile.risk_factors if profile else ()) if ticked is None else set(ticked)
    age, exact = _age(profile, today)
    bmi = _bmi(profile)
    latest = _latest_scan(scans, today)
    bone = _bone_status(profile, latest, conflicts)
    smoked_days = sum(1 for c in by_day.values() if c.smoked)
    factors = {
        "family-hip-fracture": _checklist_factor(
            profile, "family-hip-fracture", "family-hip-fracture" in ticks
        ),
        "fragility-fracture": _fracture_factor(profile, "fragility-fracture" in ticks),
        "steroids": _checklist_factor(profile, "steroids", "steroids" in ticks),
        "smoking": _smoking_factor(profile, smoked_days, "smoking" in ticks, conflicts),
        "age-over-65": _age_factor(profile, age, exact, "age-over-65" in ticks, conflicts),
        "low-bmi": _bmi_factor(profile, bmi, "low-bmi" in ticks, conflicts),
    }
    ordered = tuple(factors[name] for name in RISK_FACTORS)
    falls = _falls(profile, by_day, today, conflicts)
    vertebral = bool(profile and profile.vertebral_fracture)
    assessment = evaluate(
        GuidelineInputs(
            t=_t_bounds(bone, latest),
            factors=tuple(f.name for f in ordered if f.status == "yes"),
            unknown=tuple(
                UnknownFactor(f.name, f.missing) for f in ordered if f.status == "unknown"
            ),
            frax_major=frax_major,
            frax_hip=frax_hip,
            vertebral_fracture=vertebral,
            scan_on_record=latest is not None,
            notes=tuple(c.text for c in conflicts if c.about in RISK_FACTORS),
        )
    )
    flag_first = today - timedelta(days=RED_FLAG_DAYS - 1)
    recent = [c for d, c in by_day.items() if d >= flag_first]
    adherence_first = today - timedelta(days=AI_ADHERENCE_DAYS - 1)
    answered = [c.ai_taken for d, c in by_day.items() if d >= adherence_first]
    answered = [a for a in answered if a is not None]
    fractures = []
    if vertebral:
        fractures.append("spine (vertebral) fracture")
    if "fragility-fracture" in ticks:
        fractures.append("fragility fracture after age 50 (ticked)")
    return ClinicalPicture(
        today=today,
        has_profile=profile is not None,
        age=age,
        age_exact=exact,
        bone=bone,
        latest_scan_day=latest[0] if latest else None,
        lowest_t_score=latest[2] if latest else None,
        lowest_site=latest[1] if latest else None,
        vertebral_fracture=vertebral,
        fractures=tuple(fractures),
        falls=falls,
        height_cm=profile.height_cm if profile else None,
        weight_kg=profile.weight_kg if profile else None,
        bmi=bmi,
        smoker="yes" if smoked_days else (profile.smoker if profile else "unknown"),
        risk_factors=ordered,
        conflicts=tuple(conflicts),
        red_flags=tuple((c.day, c.red_flags) for c in recent if c.red_flags),
        injured_falls_recent=tuple(c.day for c in recent if c.fall_injured),
        pain=pain_trend(list(by_day.values()), today),
        ai_taken=sum(1 for a in answered if a),
        ai_answered=len(answered),
        frax_major=frax_major,
        frax_hip=frax_hip,
        assessment=assessment,
        next_dxa_due=next_dxa_due(latest[0] if latest else None, assessment, today),
        supervised=bool(profile and profile.supervised),
        activity=profile.activity if profile else "light",
        steady_reports=steady,
        session_strain=strain,
        tablet=tablet_story(profile, by_day.values(), adherence_first, today),
        ai_ended=ai_ended(profile, today),
    )
