"""The clinical picture in words for the person: ``bonecoach bone`` and the bone-health screen.

Plain language first (one sentence on what the guidelines mean for you), then the facts the
answer rests on, each with where it comes from, then each guideline's answer with its detail.
Only formatting: every fact and answer comes from ``coach.picture`` (and ``coach.risk``).
``bone_section`` (DXA visits by day, the next scan due) is shared with the visit report, which
imports it from here, so the bone-health screen does not load the whole report.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coach.checkin import FALL_WATCH_TEXT, FALLS_ASSESSMENT_TEXT
from coach.models import DXA_SITE_LABELS, DXA_SITES, DxaScan
from coach.picture import ClinicalPicture
from coach.risk import AIBL_VERDICTS, ASCO_VERDICTS, HEADING, Assessment

__all__ = [
    "FALLS_ASSESSMENT_TEXT",
    "FALL_WATCH_TEXT",
    "BoneSection",
    "DxaVisit",
    "bone_section",
    "fact_lines",
    "falls_text",
    "next_dxa_text",
    "picture_as_text",
    "risk_factor_lines",
    "verdict_lines",
]


ASCO_INTERVAL_WORDS = "ASCO 2019: every 2 years, or 1 year if clinically indicated"


@dataclass(frozen=True)
class DxaVisit:
    """One scan day: each site's T-score and which site is lowest (what guidelines use)."""

    day: date
    t_scores: tuple[tuple[str, float], ...]

    @property
    def lowest(self) -> tuple[str, float]:
        return min(self.t_scores, key=lambda item: (item[1], DXA_SITES.index(item[0])))


@dataclass(frozen=True)
class BoneSection:
    """DXA history, the guideline assessment and when the next scan is due."""

    visits: tuple[DxaVisit, ...]
    assessment: Assessment
    picture: ClinicalPicture
    frax_major: float | None
    frax_hip: float | None
    next_due: date | None
    next_due_text: str


def bone_section(picture: ClinicalPicture, dxa_scans: Iterable[DxaScan]) -> BoneSection:
    """DXA visits up to the picture's day, and what the picture says about bone (its guideline
    answers and the next scan due): the report and the bone-health screen share this."""
    today = picture.today
    by_day: dict[date, dict[str, float]] = {}
    for scan in dxa_scans:
        if scan.day <= today:
            by_day.setdefault(scan.day, {})[scan.site] = scan.t_score
    visits = tuple(
        DxaVisit(day, tuple((s, by_day[day][s]) for s in DXA_SITES if s in by_day[day]))
        for day in sorted(by_day)
    )
    due = picture.next_dxa_due
    if picture.latest_scan_day is None:
        text = "No DXA scan on record: a baseline central DXA scan is indicated now (ASCO 2019)."
    elif due is None:
        text = (
            "No fixed interval: with a bone-modifying agent, how often to repeat DXA is for the "
            "care team to decide (ASCO 2019)."
        )
    elif due < today:
        text = f"Overdue since {due.isoformat()} ({ASCO_INTERVAL_WORDS})."
    elif due == today:
        text = f"Due now, {due.isoformat()} ({ASCO_INTERVAL_WORDS})."
    else:
        text = f"Due {due.isoformat()} ({ASCO_INTERVAL_WORDS})."
    return BoneSection(
        visits=visits,
        assessment=picture.assessment,
        picture=picture,
        frax_major=picture.frax_major,
        frax_hip=picture.frax_hip,
        next_due=due,
        next_due_text=text,
    )


def _wrap(text: str, width: int, first: str = "", rest: str = "  ") -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first]


def falls_text(p: ClinicalPicture) -> str:
    """Falls in the last 12 months in a few words (stated and logged)."""
    f = p.falls
    if not f.count_12m:
        return "none in the last 12 months"
    parts = [f"{f.count_12m} in the last 12 months"]
    if f.logged:
        parts.append(f"{len(f.logged)} logged in check-ins, latest {f.logged[-1].isoformat()}")
    if f.injured:
        parts.append(f"with injury on {', '.join(d.isoformat() for d in f.injured)}")
    return "; ".join(parts)


def next_dxa_text(p: ClinicalPicture) -> str:
    """When the next DXA scan is due (ASCO 2019), in words."""
    due = p.next_dxa_due
    if p.latest_scan_day is None:
        return "a baseline central DXA scan is indicated now (ASCO 2019)"
    if due is None:
        return "no fixed interval: with a bone medicine, the care team decides (ASCO 2019)"
    if due < p.today:
        return f"overdue since {due.isoformat()} (ASCO 2019: every 2 years, or 1 if indicated)"
    return f"due {due.isoformat()} (ASCO 2019: every 2 years, or 1 year if clinically indicated)"


def fact_lines(p: ClinicalPicture) -> list[tuple[str, str]]:
    """(label, value) pairs: the facts the guideline answers rest on, each with its source."""
    lines = [("Age", p.age_text + ("" if p.age_exact or p.age is None else " (year of birth)"))]
    lines.append(("Bone status", f"{p.bone.value} — {p.bone.text}"))
    if p.latest_scan_day is not None and p.lowest_site is not None:
        lines.append(
            (
                "Latest DXA",
                f"{p.latest_scan_day.isoformat()}: lowest T-score {p.lowest_t_score:+.1f} "
                f"({DXA_SITE_LABELS[p.lowest_site]})",
            )
        )
    lines.append(("Fractures", "; ".join(p.fractures) or "none recorded"))
    lines.append(("Falls", falls_text(p)))
    if p.bmi is not None:
        bmi = f"{p.bmi:.1f} (height {p.height_cm:g} cm, weight {p.weight_kg:g} kg)"
    elif p.weight_kg is not None:
        bmi = f"not known: no height recorded (weight {p.weight_kg:g} kg)"
    else:
        bmi = "not known: no height or weight recorded"
    lines.append(("BMI", bmi))
    if p.frax_major is not None or p.frax_hip is not None:
        major = "—" if p.frax_major is None else f"{p.frax_major:g}%"
        hip = "—" if p.frax_hip is None else f"{p.frax_hip:g}%"
        lines.append(("FRAX", f"major osteoporotic {major}, hip {hip}"))
    return lines


def risk_factor_lines(p: ClinicalPicture) -> list[str]:
    """Each risk factor that counts or is unknown, with its source; then the conflicts."""
    out = []
    for f in p.risk_factors:
        if f.status == "yes":
            out.append(f"yes: {f.label} ({f.source}: {f.detail})")
        elif f.status == "unknown":
            out.append(f"not known: {f.label} — add {f.missing}")
    if not any(f.status == "yes" for f in p.risk_factors):
        out.insert(0, "none counted")
    out += [f"conflict: {c.text}" for c in p.conflicts]
    return out


def verdict_lines(p: ClinicalPicture) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(guideline, answer in words, missing, reasons) for AIBL 2017 and ASCO 2019."""
    a = p.assessment
    return [
        (
            "AIBL position statement 2017",
            AIBL_VERDICTS[a.aibl_2017.bone_therapy_advised],
            a.aibl_2017.missing,
            a.aibl_2017.reasons,
        ),
        (
            "ASCO guideline 2019",
            ASCO_VERDICTS[a.asco_2019.offer_bone_agent],
            a.asco_2019.missing,
            a.asco_2019.reasons,
        ),
    ]


def picture_as_text(p: ClinicalPicture, width: int = 78) -> str:
    """The whole picture for the terminal: plain words, no colour, meaning carried by words."""
    lines = [HEADING, "=" * min(len(HEADING), width), ""]
    lines += _wrap(p.assessment.patient_summary(), width, "", "")
    if p.falls.assessment_advised:
        why = " and ".join(p.falls.assessment_reasons)
        lines += ["", *_wrap(FALLS_ASSESSMENT_TEXT.format(why=why), width, "", "")]
    if p.falls.watch:
        lines += ["", *_wrap(FALL_WATCH_TEXT, width, "", "")]
    lines += ["", "What this rests on:"]
    for label, value in fact_lines(p):
        lines += _wrap(f"{label}: {value}", width, "  ", "    ")
    lines += _wrap("Next DXA: " + next_dxa_text(p), width, "  ", "    ")
    lines += ["", "Risk factors besides bone density (AIBL 2017):"]
    for line in risk_factor_lines(p):
        lines += _wrap(line, width, "  - ", "    ")
    for name, verdict, missing, reasons in verdict_lines(p):
        lines += ["", *_wrap(f"{name}: {verdict}", width, "", "  ")]
        for item in missing:
            lines += _wrap(f"Missing: {item}", width, "  - ", "    ")
        for reason in reasons:
            lines += _wrap(reason, width, "  - ", "    ")
    lines += ["", "For everyone on an aromatase inhibitor (both guidelines):"]
    for item in p.assessment.advice_for_everyone:
        lines += _wrap(item, width, "  - ", "    ")
    lines += ["", *_wrap(p.assessment.disclaimer, width, "", "")]
    return "\n".join(lines)
