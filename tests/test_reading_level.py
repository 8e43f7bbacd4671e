"""Patient text stays at about grade 8 or below (Flesch-Kincaid), page by page."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from coach.topics import Topic

_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "reading_level.py"
_spec = importlib.util.spec_from_file_location("reading_level", _SCRIPT)
assert _spec is not None and _spec.loader is not None
reading_level = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reading_level)


@pytest.mark.parametrize("page", reading_level.measured_pages(), ids=lambda p: p.id)
def test_page_reads_at_about_grade_8_or_below(page: Topic) -> None:
    grade, ease, _ = reading_level.grades(page)
    assert grade <= reading_level.TARGET_GRADE, (page.id, grade)
    assert ease >= 60, (page.id, ease)


def test_the_measure_tells_hard_text_from_plain_text() -> None:
    plain = "Bone is living tissue. It is taken apart and built again all the time."
    hard = (
        "Osteoclastic resorption of mineralised matrix, mediated through acidification and "
        "proteolytic degradation, is counterbalanced by osteoblastic synthesis of osteoid."
    )
    import textstat

    assert textstat.flesch_kincaid_grade(plain) < 8 < textstat.flesch_kincaid_grade(hard)


def test_prose_leaves_out_tables_and_sources() -> None:
    page = next(p for p in reading_level.measured_pages() if p.id == "calcium-vitamin-d-nutrition")
    text = reading_level.prose(page)
    assert "Plain low-fat yogurt" not in text  # a table row
    assert "Dietary Reference Intakes" not in text  # a source
    assert "Food first." in text
