"""Guideline rules for bone health on an aromatase inhibitor -> an `Assessment`.

Encodes two published rules exactly (shared/clinical/FACTS.md §C items 11-12):

- AIBL joint position statement: Hadji P et al., J Bone Oncol 2017;7:1-12
  (doi 10.1016/j.jbo.2017.03.001). Strict comparisons.
- ASCO guideline: Shapiro CL et al., J Clin Oncol 2019;37:2916-46
  (doi 10.1200/JCO.19.01696). Inclusive comparisons.

Everything here is phrased as "what the guidelines say — discuss with your care team"
(FACTS §C item 14), never as a prescription. Pure, standard library only, deterministic:
no clock is read; callers pass `today`.

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
- AIBL "at least 2 risk factors (even without a scan)" applies whether or not there is a scan.
- All met branches are listed, not only the first, so a reader sees every reason.
"""

from __future__ import annotations

import calendar
import math
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from numbers import Real
from types import MappingProxyType

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
    "RISK_FACTORS",
    "SITES",
    "SMOKER_VALUES",
    "T_SCORE_MAX",
    "T_SCORE_MIN",
    "AiblResult",
    "AscoResult",
    "Assessment",
    "assess",
    "format_assessment",
    "lowest_t_score",
    "next_dxa_due",
    "risk_factors_from",
]

# --- AIBL joint position statement (Hadji et al., J Bone Oncol 2017;7:1-12) ------------------
AIBL_T_ALONE = -2.0  # bone-directed therapy advised when lowest T-score < -2.0 (strict)
AIBL_T_WITH_RISK = -1.5  # ... or T-score < -1.5 (strict) with at least 1 risk factor
AIBL_RISK_FACTORS_ALONE = 2  # ... or at least 2 risk factors, even without a scan
# [check] FACTS.md marks these two risk-factor cut-offs as seen only in secondary summaries.
AIBL_AGE_RISK = 65  # risk factor: age over 65 (strict: 66 counts, 65 does not)
AIBL_BMI_RISK = 20  # risk factor: BMI under 20 (strict: 19.9 counts, 20 does not)

# --- ASCO guideline (Shapiro et al., J Clin Oncol 2019;37:2916) -------------------------------
ASCO_T = -2.5  # offer a bone-modifying agent when T-score <= -2.5 (inclusive)
ASCO_FRAX_MAJOR = 20.0  # ... or FRAX 10-year major osteoporotic fracture risk >= 20% (inclusive)
ASCO_FRAX_HIP = 3.0  # ... or FRAX 10-year hip fracture risk >= 3% (inclusive)
ASCO_REPEAT_DXA_MONTHS = 24  # otherwise repeat DXA in 2 years ...
ASCO_REPEAT_DXA_MONTHS_IF_INDICATED = 12  # ... or 1 year if clinically indicated (words only)

# --- Input ranges (plausibility checks, not clinical thresholds) ------------------------------
T_SCORE_MIN = -6.0
T_SCORE_MAX = 4.0
FRAX_MIN = 0.0
FRAX_MAX = 100.0
AGE_MIN = 0
AGE_MAX = 130
BMI_MIN = 5.0
BMI_MAX = 100.0

# Sites whose lowest T-score both guidelines use.
SITES: tuple[str, ...] = ("lumbar_spine", "total_hip", "femoral_neck")

# AIBL risk factors other than BMD: name -> plain label (ordered as in the position statement).
RISK_FACTORS: Mapping[str, str] = MappingProxyType(
    {
        "family-hip-fracture": "family history of hip fracture",
        "fragility-fracture": "own fragility fracture after age 50",
        "steroids": "oral corticosteroids for more than 6 months",
        "smoking": "current or past smoking",
        "age-over-65": f"age over {AIBL_AGE_RISK}",
        "low-bmi": f"BMI under {AIBL_BMI_RISK}",
    }
)

# Smoking answers understood by `risk_factors_from`; "yes" and "former" count as a risk factor.
SMOKER_VALUES: tuple[str, ...] = ("yes", "former", "no", "never")
_SMOKER_RISK = frozenset({"yes", "former"})

HEADING = "What the guidelines say — discuss with your care team"
DISCLAIMER = (
    "Education and self-tracking, not medical advice. This shows what published guidelines "
    "say; decisions about medicines and scans are for you and your care team."
)

ADVICE_FOR_EVERYONE: tuple[str, ...] = (
    "Have your fracture risk assessed (both guidelines); the ASCO guideline indicates a "
    "central DXA scan for postmenopausal women on an aromatase inhibitor.",
    "Exercise regularly: balance, flexibility, endurance and progressive resistance training.",
    "Calcium 1000-1200 mg a day (1200 mg for women over 50), from food first, "
    "supplements only if food falls short.",
    "Vitamin D 800-1000 IU a day.",
    "Stop smoking and limit alcohol (more than about 2 units a day raises fracture risk).",
)

_DECIMALS = 6  # normalisation precision; see the module docstring


# --- Results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class AiblResult:
    """AIBL 2017 outcome: whether bone-directed therapy is advised, and why in plain words."""

    bone_therapy_advised: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AscoResult:
    """ASCO 2019 outcome; `dxa_interval_months` is None when no fixed repeat interval applies."""

    offer_bone_agent: bool
    dxa_interval_months: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Assessment:
    """Both guidelines' view of one person's numbers, ready for a screen, the CLI or export."""

    lowest_t_score: float | None
    risk_factors: tuple[str, ...]
    aibl_2017: AiblResult
    asco_2019: AscoResult
    advice_for_everyone: tuple[str, ...]
    disclaimer: str

    def to_json_dict(self) -> dict:
        """Plain JSON-ready dict; the `aibl_2017` / `asco_2019` shape is a stable contract."""
        return {
            "aibl_2017": {
                "bone_therapy_advised": self.aibl_2017.bone_therapy_advised,
                "reasons": list(self.aibl_2017.reasons),
            },
            "asco_2019": {
                "offer_bone_agent": self.asco_2019.offer_bone_agent,
                "dxa_interval_months": self.asco_2019.dxa_interval_months,
                "reasons": list(self.asco_2019.reasons),
            },
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


def _labels(names: tuple[str, ...]) -> str:
    return ", ".join(RISK_FACTORS[n] for n in names)


def _count(n: int) -> str:
    return f"{n} risk factor" if n == 1 else f"{n} risk factors"


# --- Public helpers --------------------------------------------------------------------------
def risk_factors_from(age: int | None, bmi: float | None, smoker: str | None) -> set[str]:
    """Derive the risk factors a profile already tells us, so the user need not tick them twice.

    Age over 65 and BMI under 20 are strict (`[check]` values, see AIBL_AGE_RISK/AIBL_BMI_RISK);
    smoker "yes" or "former" counts as current or past smoking. None means unknown: not counted.
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
def _aibl(t: float | None, factors: tuple[str, ...]) -> AiblResult:
    """AIBL 2017, strict comparisons (FACTS §C item 11)."""
    n = len(factors)
    met: list[str] = []
    missed: list[str] = []

    if t is None:
        missed.append("no T-score on record, so the T-score branches cannot be checked")
    else:
        if t < AIBL_T_ALONE:
            met.append(f"Lowest T-score {_fmt(t)} is below {_fmt(AIBL_T_ALONE)} (AIBL 2017)")
        else:
            missed.append(f"T-score {_fmt(t)} is not below {_fmt(AIBL_T_ALONE)}")
        if t < AIBL_T_WITH_RISK and n >= 1:
            verb = "is" if n == 1 else "are"
            met.append(
                f"T-score {_fmt(t)} is below {_fmt(AIBL_T_WITH_RISK)} and there {verb} "
                f"{_count(n)}: {_labels(factors)} (AIBL 2017)"
            )
        elif t < AIBL_T_WITH_RISK:
            missed.append(
                f"T-score {_fmt(t)} is below {_fmt(AIBL_T_WITH_RISK)} but there are no risk factors"
            )
        else:
            missed.append(f"T-score {_fmt(t)} is not below {_fmt(AIBL_T_WITH_RISK)}")

    if n >= AIBL_RISK_FACTORS_ALONE:
        met.append(f"{_count(n)}, enough even without a scan: {_labels(factors)} (AIBL 2017)")
    else:
        listed = f": {_labels(factors)}" if factors else ""
        missed.append(
            f"{_count(n)}{listed} ({AIBL_RISK_FACTORS_ALONE} or more are needed without a scan)"
        )

    if met:
        met.append(
            "The AIBL position statement advises bone-directed therapy (denosumab or a "
            "bisphosphonate) for as long as aromatase inhibitor treatment lasts; "
            "discuss this with your care team."
        )
        return AiblResult(True, tuple(met))
    return AiblResult(
        False,
        (
            "No branch met: " + "; ".join(missed) + ".",
            "Otherwise the AIBL position statement advises exercise, calcium and vitamin D, "
            "and re-measuring bone density in 1-2 years, judged by the loss in the first year.",
        ),
    )


def _asco(t: float | None, frax_major: float | None, frax_hip: float | None) -> AscoResult:
    """ASCO 2019, inclusive comparisons (FACTS §C item 12)."""
    met: list[str] = []
    missed: list[str] = []

    if t is None:
        missed.append("no T-score on record")
    elif t <= ASCO_T:
        met.append(f"Lowest T-score {_fmt(t)} is at or below {_fmt(ASCO_T)} (ASCO 2019)")
    else:
        missed.append(f"lowest T-score {_fmt(t)} is above {_fmt(ASCO_T)}")

    if frax_major is None:
        missed.append("FRAX major osteoporotic fracture risk not given")
    elif frax_major >= ASCO_FRAX_MAJOR:
        met.append(
            f"FRAX 10-year major osteoporotic fracture risk {_pct(frax_major)} is at or above "
            f"{_pct(ASCO_FRAX_MAJOR)} (ASCO 2019)"
        )
    else:
        missed.append(
            f"FRAX major osteoporotic fracture risk {_pct(frax_major)} is below "
            f"{_pct(ASCO_FRAX_MAJOR)}"
        )

    if frax_hip is None:
        missed.append("FRAX hip fracture risk not given")
    elif frax_hip >= ASCO_FRAX_HIP:
        met.append(
            f"FRAX 10-year hip fracture risk {_pct(frax_hip)} is at or above "
            f"{_pct(ASCO_FRAX_HIP)} (ASCO 2019)"
        )
    else:
        missed.append(f"FRAX hip fracture risk {_pct(frax_hip)} is below {_pct(ASCO_FRAX_HIP)}")

    no_scan = (
        "No DXA scan on record: being postmenopausal on an aromatase inhibitor already counts "
        "as a risk factor, so the ASCO guideline indicates a baseline central DXA scan now."
    )
    if met:
        reasons = [
            *met,
            "The ASCO guideline says a bone-modifying agent may be offered; how often to repeat "
            "DXA while on it is for your care team to decide.",
        ]
        if t is None:
            reasons.append(no_scan)
        return AscoResult(True, None, tuple(reasons))

    reasons = ["No branch met: " + "; ".join(missed) + "."]
    if t is None:
        reasons.append(no_scan)
        return AscoResult(False, None, tuple(reasons))
    reasons.append(
        f"The ASCO guideline says to repeat DXA in 2 years ({ASCO_REPEAT_DXA_MONTHS} months), "
        f"or in 1 year ({ASCO_REPEAT_DXA_MONTHS_IF_INDICATED} months) if clinically indicated."
    )
    return AscoResult(False, ASCO_REPEAT_DXA_MONTHS, tuple(reasons))


def assess(
    t_score: float | Iterable[tuple[str, float]] | None = None,
    risk_factors: Iterable[str] = (),
    frax_major: float | None = None,
    frax_hip: float | None = None,
) -> Assessment:
    """Apply AIBL 2017 and ASCO 2019 to one person's numbers.

    `t_score` is either the lowest T-score or (site, T-score) pairs, of which the lowest is used;
    None or no pairs means no scan. `risk_factors` are names from RISK_FACTORS (see
    `risk_factors_from` for the derivable ones). FRAX values are 10-year risks in percent.
    Raises ValueError naming the field and its allowed range for bad input.
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
    factors = _canonical_risk_factors(risk_factors)
    major = (
        None
        if frax_major is None
        else _number(frax_major, "FRAX major osteoporotic fracture risk", FRAX_MIN, FRAX_MAX, "%")
    )
    hip = (
        None
        if frax_hip is None
        else _number(frax_hip, "FRAX hip fracture risk", FRAX_MIN, FRAX_MAX, "%")
    )
    return Assessment(
        lowest_t_score=t,
        risk_factors=factors,
        aibl_2017=_aibl(t, factors),
        asco_2019=_asco(t, major, hip),
        advice_for_everyone=ADVICE_FOR_EVERYONE,
        disclaimer=DISCLAIMER,
    )


# --- Scheduling and display ------------------------------------------------------------------
def _add_months(d: date, months: int) -> date:
    """Calendar month arithmetic; a day past the target month's end clamps to its last day."""
    years, month0 = divmod(d.month - 1 + months, 12)
    year, month = d.year + years, month0 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def next_dxa_due(last_scan: date | None, assessment: Assessment, today: date) -> date | None:
    """When the next DXA falls due by ASCO 2019, so the app can remind without deciding care.

    No scan on record (no date, or an assessment without a T-score) -> `today`: a baseline scan is
    due now. Otherwise last scan + `dxa_interval_months` (day clamped to month end), which may lie
    in the past when a scan is overdue. None when there is no fixed interval (agent offered:
    monitoring per care team). A last scan after `today` raises ValueError.
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

    aibl = (
        "the guideline advises bone-directed therapy"
        if a.aibl_2017.bone_therapy_advised
        else "bone-directed therapy is not called for at this point"
    )
    lines += _wrapped(f"AIBL position statement 2017 (Hadji et al.): {aibl}", width, "", "  ")
    for reason in a.aibl_2017.reasons:
        lines += _wrapped(reason, width, "  - ", "    ")
    lines.append("")

    asco = (
        "the guideline says a bone-modifying agent may be offered"
        if a.asco_2019.offer_bone_agent
        else "a bone-modifying agent is not called for at this point"
    )
    lines += _wrapped(f"ASCO guideline 2019 (Shapiro et al.): {asco}", width, "", "  ")
    for reason in a.asco_2019.reasons:
        lines += _wrapped(reason, width, "  - ", "    ")
    lines.append("")

    lines.append("For everyone on an aromatase inhibitor (both guidelines):")
    for item in a.advice_for_everyone:
        lines += _wrapped(item, width, "  - ", "    ")
    lines.append("")
    lines += _wrapped(a.disclaimer, width, "", "")
    return "\n".join(lines)
