"""Guideline rules for bone health on an aromatase inhibitor -> an `Assessment`.

Encodes two published rules exactly (shared/clinical/FACTS.md §C items 11-12):

- AIBL joint position statement: Hadji P et al., J Bone Oncol 2017;7:1-12
  (doi 10.1016/j.jbo.2017.03.001). Strict comparisons.
- ASCO guideline: Shapiro CL et al., J Clin Oncol 2019;37:2916-46
  (doi 10.1200/JCO.19.01696). Inclusive comparisons.

Everything here is phrased as "what the guidelines say — discuss with your care team"
(FACTS §C item 14), never as a prescription. Pure, standard library only, deterministic:
no clock is read; callers pass `today`.

Every answer is three-valued: True (advised / may be offered), False (not advised), or None
(cannot say yet, with what is missing and what to do). Missing data is never read as "no": a
T-score not measured, a FRAX not given, a risk factor not known yet (smoking unknown, no height
for BMI) keep an answer open whenever they could change it. The thresholds live in
``coach.thresholds``; the inputs come from the clinical picture (``coach.picture``) or, for
``bonecoach assess``, from explicit numbers.

Choices on points the guidelines leave open (kept here so they can be reviewed in one place):

- Numbers are normalised with ``round(x, 6)`` before any comparison, so float noise such as
  ``-1.1 - 0.9 == -2.0000000000000004`` is treated as the -2.0 it stands for, while every value a
  DXA or FRAX report can show (1-2 decimals) is compared exactly. Reasons print the normalised
  number, so what is shown is what was compared.
- ASCO, bone-modifying agent offered: ``dxa_interval_months`` is None. The guideline's 2-year
  repeat applies to people *not* offered an agent; monitoring while on one is for the care team,
  and a reason says so.
- ASCO, no scan on record: ``dxa_interval_months`` is None and a reason says a baseline central
  DXA scan is indicated now (being postmenopausal on an aromatase inhibitor is itself a risk
  factor). This holds even when FRAX alone already meets an ASCO branch.
- ASCO defers ("not indicated, repeat DXA in 2 years") only when the T-score is above -2.5 AND
  both FRAX values are known and below their cut-offs; with FRAX missing the answer is None.
- ASCO, a spine (vertebral) fracture: osteoporosis clinically whatever the T-score (FACTS item
  30); ASCO counts clinical assessment of fracture risk, so an agent may be offered.
- A bone status in the profile without a scan narrows the T-score to its WHO band (osteoporosis:
  T <= -2.5; osteopenia: -2.5 < T < -1.0; normal: T >= -1.0); a branch the band cannot decide
  stays open.
- AIBL "at least 2 risk factors (even without a scan)" applies whether or not there is a scan.
- All met branches are listed, not only the first, so a reader sees every reason.
"""

from __future__ import annotations

import calendar
import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from numbers import Real
from types import MappingProxyType

from coach.thresholds import (
    AIBL_AGE_RISK,
    AIBL_BMI_RISK,
    AIBL_RISK_FACTORS_ALONE,
    AIBL_T_ALONE,
    AIBL_T_WITH_RISK,
    ASCO_FRAX_HIP,
    ASCO_FRAX_MAJOR,
    ASCO_REPEAT_DXA_MONTHS,
    ASCO_REPEAT_DXA_MONTHS_IF_INDICATED,
    ASCO_T,
    BMI_MAX,
    BMI_MIN,
    FRAGILITY_FRACTURE_AGE,
    T_NORMAL_FROM,
    T_OSTEOPOROSIS_AT,
)

__all__ = [
    "ADVICE_FOR_EVERYONE",
    "AIBL_AGE_RISK",
    "AIBL_BMI_RISK",
    "AIBL_RISK_FACTORS_ALONE",
    "AIBL_T_ALONE",
    "AIBL_T_WITH_RISK",
    "ASCO_FRAX_HIP",
    "ASCO_FRAX_MAJOR",
    "ASCO_REPEAT_DXA_MONTHS",
    "ASCO_REPEAT_DXA_MONTHS_IF_INDICATED",
    "DISCLAIMER",
    "FRAX_MAX",
    "FRAX_MIN",
    "HEADING",
    "MISSING_FRAX",
    "MISSING_SCAN",
    "RISK_FACTORS",
    "SITES",
    "SMOKER_VALUES",
    "T_SCORE_MAX",
    "T_SCORE_MIN",
    "AiblResult",
    "AscoResult",
    "Assessment",
    "GuidelineInputs",
    "TScoreBounds",
    "UnknownFactor",
    "assess",
    "evaluate",
    "format_assessment",
    "lowest_t_score",
    "next_dxa_due",
    "risk_factors_from",
]

# --- Input ranges (plausibility checks, not clinical thresholds) ------------------------------
T_SCORE_MIN = -6.0
T_SCORE_MAX = 4.0
FRAX_MIN = 0.0
FRAX_MAX = 100.0
AGE_MIN = 0
AGE_MAX = 130

# Sites whose lowest T-score both guidelines use.
SITES: tuple[str, ...] = ("lumbar_spine", "total_hip", "femoral_neck")

# AIBL risk factors other than BMD: name -> plain label (ordered as in the position statement).
RISK_FACTORS: Mapping[str, str] = MappingProxyType(
    {
        "family-hip-fracture": "family history of hip fracture",
        "fragility-fracture": f"own fragility fracture after age {FRAGILITY_FRACTURE_AGE}",
        "steroids": "oral corticosteroids for more than 6 months",
        "smoking": "current or past smoking",
        "age-over-65": f"age over {AIBL_AGE_RISK}",
        "low-bmi": f"BMI under {AIBL_BMI_RISK}",
    }
)

# Smoking answers understood by `risk_factors_from`; "yes" and "former" count as a risk factor.
SMOKER_VALUES: tuple[str, ...] = ("yes", "former", "no", "never", "unknown")
_SMOKER_RISK = frozenset({"yes", "former"})

HEADING = "What the guidelines say — discuss with your care team"
DISCLAIMER = (
    "Education and self-tracking, not medical advice. This shows what published guidelines "
    "say; decisions about medicines and scans are for you and your care team."
)

ADVICE_FOR_EVERYONE: tuple[str, ...] = (
    "Fracture risk assessment when starting an aromatase inhibitor (both guidelines); the ASCO "
    "guideline indicates a central DXA scan for postmenopausal women on an aromatase inhibitor.",
    "Regular exercise: balance, flexibility, endurance and progressive resistance training.",
    "Calcium 1000-1200 mg a day (1200 mg for women over 50), from food first, "
    "supplements only if food falls short.",
    "Vitamin D 800-1000 IU a day.",
    "Smoking cessation and limited alcohol (more than about 2 units a day raises fracture risk).",
)

# What is missing, in words, and what to do about it (shared by every surface).
MISSING_SCAN = "a DXA scan result (lowest T-score of lumbar spine, total hip, femoral neck)"
MISSING_FRAX = "FRAX 10-year fracture risk (major osteoporotic and hip)"
TODO_SCAN = (
    "To answer: ask the care team for a central DXA scan, then enter its T-scores "
    "(bonecoach scan add, or the bone-health screen)."
)
TODO_FRAX = (
    "To answer: ask the care team for a FRAX 10-year fracture risk (worked out from age, BMI, "
    "risk factors and the femoral-neck T-score), then enter it on the bone-health screen."
)

PATIENT_ADVISED = (
    "Your results meet the point where guidelines advise discussing a bone-protecting medicine "
    "with your care team."
)
PATIENT_NOT_ADVISED = (
    "Your results do not reach the point where guidelines advise a bone-protecting medicine. "
    "Exercise, calcium and vitamin D remain the plan, with repeat scans as your care team "
    "advises."
)

_DECIMALS = 6  # normalisation precision; see the module docstring

Answer = bool | None  # True advised, False not advised, None: cannot say yet


# --- Three-valued logic -------------------------------------------------------------------------
def _and(*values: Answer) -> Answer:
    if any(v is False for v in values):
        return False
    return True if all(v is True for v in values) else None


def _or(*values: Answer) -> Answer:
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else None


# --- What is known about the lowest T-score -------------------------------------------------------
@dataclass(frozen=True)
class TScoreBounds:
    """The lowest T-score as far as it is known: exact (a scan), a WHO band (a diagnosis in the
    profile without a scan), or nothing. ``*_open`` marks a strict end (the osteopenia band is
    -2.5 < T < -1.0). ``text`` says where the knowledge comes from, for the reasons."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    text: str = ""

    @classmethod
    def exact(cls, t: float, text: str = "") -> TScoreBounds:
        return cls(t, t, False, False, text or f"Lowest T-score {_fmt(t)}")

    @classmethod
    def band(cls, status: str, text: str) -> TScoreBounds:
        """WHO band of a bone status ("normal", "osteopenia", "osteoporosis")."""
        if status == "osteoporosis":
            return cls(-math.inf, T_OSTEOPOROSIS_AT, False, False, text)
        if status == "osteopenia":
            return cls(T_OSTEOPOROSIS_AT, T_NORMAL_FROM, True, True, text)
        if status == "normal":
            return cls(T_NORMAL_FROM, math.inf, False, False, text)
        return cls()

    @property
    def known(self) -> bool:
        return not (self.low == -math.inf and self.high == math.inf)

    @property
    def value(self) -> float | None:
        return self.low if self.low == self.high else None

    def below(self, cut: float) -> Answer:
        """T < cut (strict): True, False, or None when the bounds straddle the cut."""
        if self.high < cut or (self.high == cut and self.high_open):
            return True
        if self.low >= cut:
            return False
        return None

    def at_or_below(self, cut: float) -> Answer:
        """T <= cut (inclusive)."""
        if self.high <= cut:
            return True
        if self.low > cut or (self.low == cut and self.low_open):
            return False
        return None


@dataclass(frozen=True)
class UnknownFactor:
    """A risk factor the coach cannot tell yet, and what would settle it (plain words)."""

    name: str
    missing: str


@dataclass(frozen=True)
class GuidelineInputs:
    """Everything both rules read. Built from the clinical picture, or from ``assess``'s numbers.

    ``factors`` are the risk factors present; ``unknown`` those that may or may not be present.
    """

    t: TScoreBounds = field(default_factory=TScoreBounds)
    factors: tuple[str, ...] = ()
    unknown: tuple[UnknownFactor, ...] = ()
    frax_major: float | None = None
    frax_hip: float | None = None
    vertebral_fracture: bool = False
    scan_on_record: bool = False
    notes: tuple[str, ...] = ()  # e.g. a ticked factor the profile contradicts (AIBL reasons)


# --- Results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class AiblResult:
    """AIBL 2017: bone-directed therapy advised (True), not advised (False), or cannot say yet
    (None, with what is missing). Reasons keep the guideline detail for a clinician."""

    bone_therapy_advised: Answer
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class AscoResult:
    """ASCO 2019: a bone-modifying agent may be offered (True), not (False), or cannot say yet
    (None). `dxa_interval_months` is None when no fixed repeat interval applies."""

    offer_bone_agent: Answer
    dxa_interval_months: int | None
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    """Both guidelines' view of one person, ready for a screen, the CLI, the report or export."""

    lowest_t_score: float | None
    risk_factors: tuple[str, ...]
    aibl_2017: AiblResult
    asco_2019: AscoResult
    advice_for_everyone: tuple[str, ...]
    disclaimer: str

    @property
    def advised(self) -> Answer:
        """Either guideline advises a bone medicine (True), both say no (False), else None."""
        return _or(self.aibl_2017.bone_therapy_advised, self.asco_2019.offer_bone_agent)

    @property
    def missing(self) -> tuple[str, ...]:
        """What both answers still need, without repeats."""
        return tuple(dict.fromkeys((*self.aibl_2017.missing, *self.asco_2019.missing)))

    def patient_summary(self) -> str:
        """One plain sentence or two for the person: no guideline jargon, no "branch"."""
        if self.advised is True:
            return PATIENT_ADVISED
        if self.advised is False:
            return PATIENT_NOT_ADVISED
        return (
            "The guidelines cannot be applied to you yet: missing "
            + "; ".join(self.missing)
            + ". Ask your care team about it; everything else (exercise, calcium, vitamin D) "
            "goes on as planned."
        )

    def guideline_json(self) -> dict:
        """The two answers in the shape `bonecoach bone --json` and `assess --json` share."""
        return {
            "aibl_2017": {
                "bone_therapy_advised": self.aibl_2017.bone_therapy_advised,
                "missing": list(self.aibl_2017.missing),
                "reasons": list(self.aibl_2017.reasons),
            },
            "asco_2019": {
                "offer_bone_agent": self.asco_2019.offer_bone_agent,
                "missing": list(self.asco_2019.missing),
                "reasons": list(self.asco_2019.reasons),
            },
        }

    def to_json_dict(self) -> dict:
        """Plain JSON-ready dict; the `aibl_2017` / `asco_2019` shape is a stable contract."""
        return {
            **self.guideline_json(),
            "dxa_interval_months": self.asco_2019.dxa_interval_months,
            "lowest_t_score": self.lowest_t_score,
            "risk_factors": list(self.risk_factors),
            "advice_for_everyone": list(self.advice_for_everyone),
            "disclaimer": self.disclaimer,
        }


# --- Input helpers ---------------------------------------------------------------------------
def _number(value: object, field: str, lo: float, hi: float, unit: str = "") -> float:
    """Validate a finite number in [lo, hi] and normalise away float noise (see module doc)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{field} must be a number from {_fmt(lo)}{unit} to {_fmt(hi)}{unit}")
    x = float(value)
    if math.isfinite(x):
        x = round(x, _DECIMALS) + 0.0  # "+ 0.0" turns -0.0 into 0.0
    if not (math.isfinite(x) and lo <= x <= hi):
        raise ValueError(
            f"{field} must be from {_fmt(lo)}{unit} to {_fmt(hi)}{unit}, got {value!r}"
        )
    return x


def _t_score(value: object, field: str = "T-score") -> float:
    return _number(value, field, T_SCORE_MIN, T_SCORE_MAX)


def _fmt(x: float) -> str:
    """Show a number as compared: up to 6 decimals, no trailing zeros, at least one decimal."""
    s = f"{x:.{_DECIMALS}f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def _pct(x: float) -> str:
    return f"{_fmt(x)}%"


def _canonical_risk_factors(names: Iterable[str]) -> tuple[str, ...]:
    """Check names against RISK_FACTORS; return them deduplicated in the statement's order."""
    if isinstance(names, str):
        raise ValueError(
            f"risk_factors must be a collection of names, not the single string {names!r}; "
            f"allowed names: {', '.join(RISK_FACTORS)}"
        )
    given = set()
    for name in names:
        if name not in RISK_FACTORS:
            raise ValueError(
                f"unknown risk factor {name!r}; allowed names: {', '.join(RISK_FACTORS)}"
            )
        given.add(name)
    return tuple(name for name in RISK_FACTORS if name in given)


def _labels(names: Iterable[str]) -> str:
    return ", ".join(RISK_FACTORS[n] for n in names)


def _count(n: int) -> str:
    return f"{n} risk factor" if n == 1 else f"{n} risk factors"


# --- Public helpers --------------------------------------------------------------------------
def risk_factors_from(age: int | None, bmi: float | None, smoker: str | None) -> set[str]:
    """The risk factors age, BMI and smoking already show (None or "unknown": not counted).

    Age over 65 and BMI under 20 are strict (`[check]` values in coach.thresholds); smoker "yes"
    or "former" counts as current or past smoking. The clinical picture (coach.picture) uses this
    and also says which factors are still unknown.
    """
    found: set[str] = set()
    if age is not None:
        if isinstance(age, bool) or not isinstance(age, int):
            raise ValueError(f"age must be a whole number of years from {AGE_MIN} to {AGE_MAX}")
        if not AGE_MIN <= age <= AGE_MAX:
            raise ValueError(f"age must be from {AGE_MIN} to {AGE_MAX} years, got {age!r}")
        if age > AIBL_AGE_RISK:
            found.add("age-over-65")
    if bmi is not None:
        b = _number(bmi, "BMI", BMI_MIN, BMI_MAX)
        if b < AIBL_BMI_RISK:
            found.add("low-bmi")
    if smoker is not None:
        if smoker not in SMOKER_VALUES:
            raise ValueError(
                f"smoker must be one of {', '.join(SMOKER_VALUES)} (or unknown), got {smoker!r}"
            )
        if smoker in _SMOKER_RISK:
            found.add("smoking")
    return found


def lowest_t_score(scans: Iterable[tuple[str, float]]) -> float | None:
    """Lowest T-score across lumbar spine, total hip and femoral neck: the one both rules use.

    Returns None for no scans. Unknown sites and out-of-range values raise ValueError.
    """
    lowest: float | None = None
    for item in scans:
        if isinstance(item, str) or not isinstance(item, tuple | list) or len(item) != 2:
            raise ValueError(f"each scan must be a (site, T-score) pair, got {item!r}")
        site, value = item
        if site not in SITES:
            raise ValueError(f"unknown scan site {site!r}; allowed sites: {', '.join(SITES)}")
        t = _t_score(value, f"T-score at {site}")
        if lowest is None or t < lowest:
            lowest = t
    return lowest


# --- The two rules ---------------------------------------------------------------------------
def _t_phrase(t: TScoreBounds) -> str:
    return t.text or "The T-score"


def _aibl(inputs: GuidelineInputs) -> AiblResult:
    """AIBL 2017, strict comparisons, three-valued (FACTS §C item 11)."""
    t, factors, unknown = inputs.t, inputs.factors, inputs.unknown
    n, u = len(factors), len(unknown)
    have_factor: Answer = True if n >= 1 else (None if u else False)
    enough_factors: Answer = (
        True
        if n >= AIBL_RISK_FACTORS_ALONE
        else (None if n + u >= AIBL_RISK_FACTORS_ALONE else False)
    )
    alone = t.below(AIBL_T_ALONE)
    below_risk = t.below(AIBL_T_WITH_RISK)
    with_risk = _and(below_risk, have_factor)
    answer = _or(alone, with_risk, enough_factors)

    met: list[str] = []
    missed: list[str] = []
    open_: list[str] = []
    subject = _t_phrase(t)
    if alone is True:
        met.append(f"{subject} is below {_fmt(AIBL_T_ALONE)} (AIBL 2017)")
    elif alone is False:
        missed.append(f"{subject} is not below {_fmt(AIBL_T_ALONE)}")
    else:
        open_.append(f"whether the T-score is below {_fmt(AIBL_T_ALONE)}")
    if with_risk is True:
        verb = "is" if n == 1 else "are"
        met.append(
            f"{subject} is below {_fmt(AIBL_T_WITH_RISK)} and there {verb} "
            f"{_count(n)}: {_labels(factors)} (AIBL 2017)"
        )
    elif below_risk is False:
        missed.append(f"{subject} is not below {_fmt(AIBL_T_WITH_RISK)}")
    elif below_risk is True and have_factor is False:
        missed.append(f"{subject} is below {_fmt(AIBL_T_WITH_RISK)} but there are no risk factors")
    elif below_risk is None:
        open_.append(f"whether the T-score is below {_fmt(AIBL_T_WITH_RISK)} with a risk factor")
    else:
        open_.append(
            f"whether there is a risk factor (the T-score is below {_fmt(AIBL_T_WITH_RISK)})"
        )
    if enough_factors is True:
        met.append(f"{_count(n)}, enough even without a scan: {_labels(factors)} (AIBL 2017)")
    else:
        listed = f": {_labels(factors)}" if factors else ""
        text = f"{_count(n)}{listed} ({AIBL_RISK_FACTORS_ALONE} or more are needed without a scan)"
        (missed if enough_factors is False else open_).append(text)

    if answer is True:
        met.append(
            "The AIBL position statement advises bone-directed therapy (denosumab or a "
            "bisphosphonate) for as long as aromatase inhibitor treatment lasts; a decision to "
            "discuss with the care team."
        )
        return AiblResult(True, tuple(met))
    if answer is False:
        return AiblResult(
            False,
            (
                "None of the conditions is met: " + "; ".join(missed) + ".",
                "Otherwise the AIBL position statement advises exercise, calcium and vitamin D, "
                "and re-measuring bone density in 1-2 years, judged by the loss in the first year.",
            ),
        )
    factors_open = bool(unknown) and (
        enough_factors is None or (have_factor is None and below_risk is not False)
    )
    missing = _missing_for(
        inputs, t_open=alone is None or below_risk is None, factors_open=factors_open
    )
    reasons = ["Cannot say yet, not known: " + "; ".join(open_) + "."]
    if missed:
        reasons.append("Not met: " + "; ".join(missed) + ".")
    reasons += _todo(missing)
    return AiblResult(None, tuple(reasons), missing)


def _missing_for(inputs: GuidelineInputs, *, t_open: bool, factors_open: bool) -> tuple[str, ...]:
    out: list[str] = []
    if t_open:
        out.append(MISSING_SCAN)
    if factors_open:
        out += [f.missing for f in inputs.unknown]
    return tuple(dict.fromkeys(out))


def _todo(missing: Iterable[str]) -> list[str]:
    out = []
    for item in missing:
        if item == MISSING_SCAN:
            out.append(TODO_SCAN)
        elif item == MISSING_FRAX:
            out.append(TODO_FRAX)
    others = [m for m in missing if m not in (MISSING_SCAN, MISSING_FRAX)]
    if others:
        out.append(
            "To answer: add " + "; ".join(others) + " to the profile "
            "(bonecoach profile --set, or the profile screen)."
        )
    return out


def _asco(inputs: GuidelineInputs) -> AscoResult:
    """ASCO 2019, inclusive comparisons, three-valued (FACTS §C item 12)."""
    t, major, hip = inputs.t, inputs.frax_major, inputs.frax_hip
    by_t = t.at_or_below(ASCO_T)
    by_major: Answer = None if major is None else major >= ASCO_FRAX_MAJOR
    by_hip: Answer = None if hip is None else hip >= ASCO_FRAX_HIP
    by_fracture = inputs.vertebral_fracture
    answer = _or(by_t, by_major, by_hip, by_fracture)

    met: list[str] = []
    missed: list[str] = []
    subject = _t_phrase(t)
    if by_t is True:
        met.append(f"{subject} is at or below {_fmt(ASCO_T)} (ASCO 2019)")
    elif by_t is False:
        missed.append(f"{subject} is above {_fmt(ASCO_T)}")
    if major is not None:
        if by_major:
            met.append(
                f"FRAX 10-year major osteoporotic fracture risk {_pct(major)} is at or above "
                f"{_pct(ASCO_FRAX_MAJOR)} (ASCO 2019)"
            )
        else:
            missed.append(
                f"FRAX major osteoporotic fracture risk {_pct(major)} is below "
                f"{_pct(ASCO_FRAX_MAJOR)}"
            )
    if hip is not None:
        if by_hip:
            met.append(
                f"FRAX 10-year hip fracture risk {_pct(hip)} is at or above "
                f"{_pct(ASCO_FRAX_HIP)} (ASCO 2019)"
            )
        else:
            missed.append(f"FRAX hip fracture risk {_pct(hip)} is below {_pct(ASCO_FRAX_HIP)}")
    if by_fracture:
        met.append(
            "A spine (vertebral) fracture: osteoporosis clinically, whatever the T-score; ASCO "
            "2019 counts clinical assessment of fracture risk"
        )

    no_scan = (
        "No DXA scan on record: being postmenopausal on an aromatase inhibitor already counts "
        "as a risk factor, so the ASCO guideline indicates a baseline central DXA scan now."
    )
    if answer is True:
        reasons = [
            *met,
            "Under the ASCO guideline a bone-modifying agent may be offered; how often to repeat "
            "DXA while on it is for the care team to decide.",
        ]
        if not inputs.scan_on_record:
            reasons.append(no_scan)
        return AscoResult(True, None, tuple(reasons))
    interval = ASCO_REPEAT_DXA_MONTHS if inputs.scan_on_record else None
    repeat = (
        f"The ASCO guideline says to repeat DXA in 2 years ({ASCO_REPEAT_DXA_MONTHS} months), "
        f"or in 1 year ({ASCO_REPEAT_DXA_MONTHS_IF_INDICATED} months) if clinically indicated."
    )
    if answer is False:
        reasons = ["None of the conditions is met: " + "; ".join(missed) + ".", repeat]
        return AscoResult(False, interval, tuple(reasons))
    missing: list[str] = []
    if by_t is None:
        missing.append(MISSING_SCAN)
    if major is None or hip is None:
        missing.append(MISSING_FRAX)
    unknown_parts = ([] if by_t is not None else ["the T-score"]) + (
        [] if major is not None and hip is not None else ["FRAX"]
    )
    verb = "is" if len(unknown_parts) == 1 else "are"
    reasons = [
        "Cannot say yet: the ASCO guideline decides by the T-score and FRAX, and "
        + " and ".join(unknown_parts)
        + f" {verb} not known."
    ]
    if missed:
        reasons.append("Not met: " + "; ".join(missed) + ".")
    reasons += _todo(missing)
    if not inputs.scan_on_record:
        reasons.append(no_scan)
    elif interval:
        reasons.append(repeat.replace("The ASCO guideline says", "Without an agent, ASCO says"))
    return AscoResult(None, interval, tuple(reasons), tuple(missing))


def evaluate(inputs: GuidelineInputs) -> Assessment:
    """Apply AIBL 2017 and ASCO 2019 to what is known; unknowns make an answer None only when
    they could change it."""
    factors = _canonical_risk_factors(inputs.factors)
    unknown = tuple(f for f in inputs.unknown if f.name not in factors)
    inputs = GuidelineInputs(
        inputs.t,
        factors,
        unknown,
        None if inputs.frax_major is None else _frax(inputs.frax_major, "major osteoporotic"),
        None if inputs.frax_hip is None else _frax(inputs.frax_hip, "hip"),
        inputs.vertebral_fracture,
        inputs.scan_on_record,
        inputs.notes,
    )
    aibl = _aibl(inputs)
    if inputs.notes:
        aibl = AiblResult(aibl.bone_therapy_advised, (*aibl.reasons, *inputs.notes), aibl.missing)
    return Assessment(
        lowest_t_score=inputs.t.value if inputs.scan_on_record else None,
        risk_factors=factors,
        aibl_2017=aibl,
        asco_2019=_asco(inputs),
        advice_for_everyone=ADVICE_FOR_EVERYONE,
        disclaimer=DISCLAIMER,
    )


def _frax(value: float, what: str) -> float:
    return _number(value, f"FRAX {what} fracture risk", FRAX_MIN, FRAX_MAX, "%")


def assess(
    t_score: float | Iterable[tuple[str, float]] | None = None,
    risk_factors: Iterable[str] = (),
    frax_major: float | None = None,
    frax_hip: float | None = None,
    *,
    vertebral_fracture: bool = False,
) -> Assessment:
    """Apply AIBL 2017 and ASCO 2019 to explicit numbers (``bonecoach assess``).

    `t_score` is either the lowest T-score or (site, T-score) pairs, of which the lowest is used;
    None or no pairs means no scan (the T-score is unknown, never "fine"). `risk_factors` are the
    factors present; the rest count as absent. FRAX values are 10-year risks in percent; a FRAX
    not given is unknown. Raises ValueError naming the field and its allowed range for bad input.
    """
    if t_score is None:
        t: float | None = None
    elif isinstance(t_score, Real) and not isinstance(t_score, bool):
        t = _t_score(t_score)
    elif isinstance(t_score, Iterable) and not isinstance(t_score, str):
        t = lowest_t_score(t_score)
    else:
        raise ValueError(
            f"T-score must be a number from {_fmt(T_SCORE_MIN)} to {_fmt(T_SCORE_MAX)} "
            f"or a list of (site, T-score) pairs, got {t_score!r}"
        )
    return evaluate(
        GuidelineInputs(
            t=TScoreBounds() if t is None else TScoreBounds.exact(t),
            factors=_canonical_risk_factors(risk_factors),
            frax_major=frax_major,
            frax_hip=frax_hip,
            vertebral_fracture=bool(vertebral_fracture),
            scan_on_record=t is not None,
        )
    )


# --- Scheduling and display ------------------------------------------------------------------
# Each guideline's answer in a few words (clinician detail follows in the reasons).
AIBL_VERDICTS: Mapping[Answer, str] = MappingProxyType(
    {
        True: "bone-directed therapy advised for the length of aromatase inhibitor treatment",
        False: "bone-directed therapy not advised at this point",
        None: "cannot say yet: information is missing",
    }
)
ASCO_VERDICTS: Mapping[Answer, str] = MappingProxyType(
    {
        True: "a bone-modifying agent may be offered",
        False: "a bone-modifying agent is not indicated at this point",
        None: "cannot say yet: information is missing",
    }
)


def _add_months(d: date, months: int) -> date:
    """Calendar month arithmetic; a day past the target month's end clamps to its last day."""
    years, month0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + years, month0 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def next_dxa_due(last_scan: date | None, assessment: Assessment, today: date) -> date | None:
    """When the next DXA falls due by ASCO 2019, so the app can remind without deciding care.

    No scan on record (no date, or an assessment without a T-score) -> `today`: a baseline scan is
    due now. Otherwise last scan + `dxa_interval_months` (day clamped to month end), which may lie
    in the past when a scan is overdue. None when there is no fixed interval (an agent may be
    offered: monitoring per care team). A last scan after `today` raises ValueError.
    """
    if last_scan is None or assessment.lowest_t_score is None:
        return today
    if last_scan > today:
        raise ValueError(
            f"last scan date {last_scan.isoformat()} is after today {today.isoformat()}"
        )
    months = assessment.asco_2019.dxa_interval_months
    if months is None:
        return None
    return _add_months(last_scan, months)


def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first]


def format_assessment(a: Assessment, width: int = 78) -> str:
    """Plain-text summary for the terminal or CLI: no colour, meaning carried by words."""
    lines: list[str] = [HEADING, "=" * min(len(HEADING), width), ""]
    t_text = _fmt(a.lowest_t_score) if a.lowest_t_score is not None else "no scan on record"
    lines += _wrapped(f"Lowest T-score: {t_text}", width, "", "  ")
    rf_text = _labels(a.risk_factors) if a.risk_factors else "none recorded"
    lines += _wrapped(f"Risk factors: {rf_text}", width, "", "  ")
    lines.append("")

    lines += _wrapped(f"In short: {a.patient_summary()}", width, "", "  ")
    lines.append("")
    aibl = AIBL_VERDICTS[a.aibl_2017.bone_therapy_advised]
    lines += _wrapped(f"AIBL position statement 2017 (Hadji et al.): {aibl}", width, "", "  ")
    for item in a.aibl_2017.missing:
        lines += _wrapped(f"Missing: {item}", width, "  - ", "    ")
    for reason in a.aibl_2017.reasons:
        lines += _wrapped(reason, width, "  - ", "    ")
    lines.append("")

    asco = ASCO_VERDICTS[a.asco_2019.offer_bone_agent]
    lines += _wrapped(f"ASCO guideline 2019 (Shapiro et al.): {asco}", width, "", "  ")
    for item in a.asco_2019.missing:
        lines += _wrapped(f"Missing: {item}", width, "  - ", "    ")
    for reason in a.asco_2019.reasons:
        lines += _wrapped(reason, width, "  - ", "    ")
    lines.append("")

    lines.append("For everyone on an aromatase inhibitor (both guidelines):")
    for item in a.advice_for_everyone:
        lines += _wrapped(item, width, "  - ", "    ")
    lines.append("")
    lines += _wrapped(a.disclaimer, width, "", "")
    return "\n".join(lines)
