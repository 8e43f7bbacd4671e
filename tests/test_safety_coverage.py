"""The safety lint runs on everything the coach shows a person, not only the education topics.

Topics, the glossary and the references are linted in ``test_content_safety.py``; exercise how-tos
in ``test_exercises.py``; check-in prompts in ``test_checkin_rules.py``; plans made from random
profiles in ``test_planner.py``. This file covers the rest: rendered plans (with reasons, safety
notes and adaptations), guideline assessments, the clinician report, every prose string literal of
coach/ and the bone screen, and the README's medical lines.
"""

from __future__ import annotations

import ast
import itertools
from datetime import date
from pathlib import Path

import pytest

from coach import risk
from coach.checkin import summary_prompts
from coach.demo import make_demo
from coach.models import CheckIn
from coach.plan_text import plan_as_text
from coach.plan_view import plan_to_json
from coach.report import build_report, render_markdown
from coach.safety import lint

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 26)
# Modules whose text is checked as rendered elsewhere, or that hold the lint itself.
_RENDERED_ELSEWHERE = {"safety.py", "safety_rules.py", "exercises.py"}


def _prose_literals(path: Path) -> list[tuple[int, str]]:
    """String literals (and f-string parts) of three words or more, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and len(node.value.split()) >= 3
    ]


_SOURCES = sorted(
    [p for p in (ROOT / "coach").glob("*.py") if p.name not in _RENDERED_ELSEWHERE]
    + [ROOT / "screens" / "bone.py"]
)


@pytest.mark.parametrize("path", _SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_prose_string_literals_are_clean(path: Path) -> None:
    bad = [(line, text, lint(text)) for line, text in _prose_literals(path) if lint(text)]
    assert bad == []


def test_readme_medical_lines_are_clean() -> None:
    assert lint((ROOT / "README.md").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_demo_report_and_plan_are_clean(seed: int) -> None:
    demo = make_demo(365, seed, today=TODAY)
    report = build_report(
        demo.profile, demo.checkins, demo.session_logs, demo.dxa_scans, demo.plan, TODAY, 365
    )
    assert lint(render_markdown(report)) == []
    for plan in (demo.plan, *demo.past_plans):
        assert lint(plan_as_text(plan, TODAY)) == []
        data = plan_to_json(plan)
        assert lint("\n".join(data["reasons"] + data["safety_notes"])) == []


_T_SCORES = (None, 0.5, -1.0, -1.6, -2.0, -2.1, -2.5, -3.4)
_FACTORS = ((), ("smoking",), ("smoking", "steroids"))
_FRAX = ((None, None), (25.0, 1.0), (10.0, 4.0))


@pytest.mark.parametrize(
    ("t_score", "factors", "frax"), list(itertools.product(_T_SCORES, _FACTORS, _FRAX))
)
def test_every_guideline_assessment_reads_clean(
    t_score: float | None, factors: tuple[str, ...], frax: tuple[float | None, float | None]
) -> None:
    known = tuple(f for f in factors if f in risk.RISK_FACTORS)
    assessment = risk.assess(t_score, known, *frax)
    assert lint(risk.format_assessment(assessment)) == []


@pytest.mark.parametrize(
    "checkin",
    [
        CheckIn(TODAY, pain=9, ai_taken=False, vitamin_d_iu=45000, calcium_food_mg=2600),
        CheckIn(TODAY, pain=2, fall=True, fall_injured=False, alcohol_units=5),
        CheckIn(TODAY, pain=0, red_flags=("height_loss",)),
    ],
)
def test_check_in_messages_are_clean(checkin: CheckIn) -> None:
    for prompt in summary_prompts(checkin):
        assert lint(prompt.text) == [], prompt.text
