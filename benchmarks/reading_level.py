"""Reading grade of every education page, so patient text stays at about grade 8 or below.

Run: ``.venv/bin/python benchmarks/reading_level.py``

What is measured: the prose a person reads on each page - title, summary, key points and body
paragraphs and list items - with Markdown marks removed. Tables (cells are fragments, not
sentences) and the "Sources" list (citations) are left out; so is the references page, which is
a bibliography. Figures are from textstat (PyPI, pinned in the test extra): the Flesch-Kincaid
grade, and beside it the Flesch reading ease (60-70 is plain English) and, as a second opinion,
the average of textstat's grade formulas ("text_standard"). The target is Flesch-Kincaid grade
<= 8.5 ("about grade 8"); tests/test_reading_level.py asserts it per page. Exit code is always 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import textstat  # noqa: E402

from coach.safety import sentences  # noqa: E402
from coach.topic_ids import REFERENCES_ID  # noqa: E402
from coach.topics import Topic, load_pages  # noqa: E402

TARGET_GRADE = 8.5


def prose(page: Topic) -> str:
    """The page's readable prose as sentences, without tables or sources.

    Sentences are cut as the safety lint cuts them (coach.safety.sentences: wrapped lines
    joined, Markdown marks removed); a heading or list item without a full stop ends a sentence.
    """
    body = "\n".join(line for line in page.body.splitlines() if not line.lstrip().startswith("|"))
    text = "\n\n".join(
        [f"# {page.title}", page.summary, *(f"- {p}" for p in page.key_points), body]
    )
    parts = [s for _, s in sentences(text)]
    return " ".join(s if s[-1] in ".!?:" else s + "." for s in parts)


def grades(page: Topic) -> tuple[float, float, str]:
    text = prose(page)
    return (
        textstat.flesch_kincaid_grade(text),
        textstat.flesch_reading_ease(text),
        textstat.text_standard(text),
    )


def measured_pages() -> list[Topic]:
    return [page for page in load_pages() if page.id != REFERENCES_ID]


def main() -> None:
    print(f"{'page':<30} {'FK grade':>9} {'ease':>6}  {'consensus':<22} words")
    worst = 0.0
    for page in measured_pages():
        fk, ease, consensus = grades(page)
        worst = max(worst, fk)
        words = textstat.lexicon_count(prose(page))
        flag = "" if fk <= TARGET_GRADE else "  <- above target"
        print(f"{page.id:<30} {fk:>9.1f} {ease:>6.1f}  {consensus:<22} {words}{flag}")
    print(f"\nhighest Flesch-Kincaid grade: {worst:.1f} (target <= {TARGET_GRADE})")


if __name__ == "__main__":
    main()
