"""Education topics: every file parses, covers the seed outline, and search ranks sensibly."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from importlib import resources

import pytest

from coach import topic_ids, topics
from coach.topic_ids import (
    BONE_MEDICINES_TOPIC,
    FALLS_TOPIC,
    GLOSSARY_ID,
    JOINT_PAIN_TOPIC,
    NUTRITION_TOPIC,
    OSTEOPOROSIS_TOPIC,
    REFERENCES_ID,
)
from coach.topics import (
    TopicFormatError,
    get_topic,
    glossary_terms_in,
    load_glossary,
    load_pages,
    load_topics,
    lookup_term,
    parse_topic,
    search,
)

SEED_TOPIC_IDS = (
    "why-bones-change",
    "bone-remodelling",
    "fracture-risk-and-dxa",
    "exercise-for-bone",
    "exercise-with-osteoporosis",
    "joint-pain",
    "calcium-vitamin-d-nutrition",
    "smoking-alcohol-caffeine",
    "endocrine-picture",
    "when-to-call",
    "making-it-yours",
)

SEED_GLOSSARY_TERMS = (
    "breast cancer",
    "aromatase inhibitors",
    "bone mineral density",
    "bone health",
    "resistance training",
    "bone formation",
    "mineral density",
    "bone density",
    "vitamin D supplementation",
    "calcium intake",
    "osteocalcin",
    "bone loss",
    "HPG axis",
    "bone remodeling",
    "insulin sensitivity",
)

TOPICS = load_topics()
YEAR = re.compile(r"\b(19|20)\d\d\b")


def _content_files() -> list[str]:
    root = resources.files("coach.content")
    return sorted(entry.name for entry in root.iterdir() if entry.name.endswith(".md"))


def _read(name: str) -> str:
    return resources.files("coach.content").joinpath(name).read_text(encoding="utf-8")


GOOD = """---
id: sample
title: A sample topic
summary: One sentence.
---

## Key points
- First point,
  wrapped.
- Second point.

## Body

Some text.

## Sources
- Irwin ML, et al. J Clin Oncol. 2015;33:1104-11.
"""


# --- the topics as a whole -------------------------------------------------------------------


def test_at_least_ten_topics() -> None:
    assert len(TOPICS) >= 10


def test_every_seed_area_is_present_in_reading_order() -> None:
    ids = [t.id for t in TOPICS]
    assert [i for i in ids if i in SEED_TOPIC_IDS] == list(SEED_TOPIC_IDS)
    assert ids[0] == SEED_TOPIC_IDS[0] and ids[-1] == SEED_TOPIC_IDS[-1]
    assert [t.order for t in TOPICS] == list(range(1, len(TOPICS) + 1))


def test_added_topics_sit_next_to_their_neighbours() -> None:
    ids = [t.id for t in TOPICS]
    assert ids.index(BONE_MEDICINES_TOPIC) == ids.index("fracture-risk-and-dxa") + 1
    assert ids.index(FALLS_TOPIC) == ids.index(OSTEOPOROSIS_TOPIC) + 1


@pytest.mark.parametrize(
    "name", [name for name in vars(topic_ids) if name.endswith(("_TOPIC", "_ID"))]
)
def test_constants_name_real_topics(name: str) -> None:
    topic_id = getattr(topic_ids, name)
    assert get_topic(topic_id).id == topic_id


def test_pages_end_with_glossary_and_references() -> None:
    pages = load_pages()
    assert [p.id for p in pages[-2:]] == [GLOSSARY_ID, REFERENCES_ID]
    assert pages[: len(TOPICS)] == TOPICS
    assert get_topic(GLOSSARY_ID).markdown.startswith("# Glossary")
    assert get_topic(REFERENCES_ID).markdown.startswith("# References")


def test_unknown_topic_raises_clear_key_error() -> None:
    with pytest.raises(KeyError, match="no-such-topic"):
        get_topic("no-such-topic")


def test_loading_is_cached() -> None:
    assert load_topics() is load_topics()


# --- each topic ------------------------------------------------------------------------------


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_topic_has_required_parts(topic: topics.Topic) -> None:
    assert topic.title and topic.summary
    assert 3 <= len(topic.key_points) <= 6
    assert topic.body.startswith("## ")
    assert topic.sources
    for source in topic.sources:
        assert YEAR.search(source), f"{topic.id}: source without a year: {source}"
    assert topic.markdown.startswith(f"# {topic.title}\n")
    assert "## Key points" in topic.markdown and "## Sources" in topic.markdown


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_summary_is_one_to_three_sentences(topic: topics.Topic) -> None:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", topic.summary.strip()) if s]
    assert 1 <= len(sentences) <= 3, topic.summary


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_key_points_and_body_stay_out_of_each_other(topic: topics.Topic) -> None:
    assert "## Key points" not in topic.body
    assert "## Sources" not in topic.body


@pytest.mark.parametrize("name", _content_files())
def test_lines_fit_80_columns(name: str) -> None:
    for number, line in enumerate(_read(name).splitlines(), start=1):
        if line.startswith("summary:"):
            continue  # front matter: one line by design, the screen wraps it
        assert len(line) <= 78, f"{name}:{number} is {len(line)} characters"


@pytest.mark.parametrize("name", _content_files())
def test_tables_have_at_most_four_columns(name: str) -> None:
    for line in _read(name).splitlines():
        if line.startswith("|"):
            assert line.count("|") - 1 <= 4, line


def test_calcium_target_is_visible_without_scrolling() -> None:
    markdown = get_topic(NUTRITION_TOPIC).markdown.splitlines()
    assert markdown[0].startswith("# ")
    first_lines = "\n".join(markdown[1:9])
    assert "1200 mg" in first_lines
    assert "calcium" in first_lines.lower()


def test_nutrition_topic_states_upper_limits_and_spinach() -> None:
    text = get_topic(NUTRITION_TOPIC).markdown
    for fact in ("2000 mg", "4000 IU", "350 mg", "800 to 1000 IU", "1.0 to 1.2 g", "Spinach"):
        assert fact in text
    assert "did not prevent AI joint pain" in text


def test_hormone_table_says_estrogen_therapy_is_avoided() -> None:
    text = get_topic("endocrine-picture").markdown
    row = next(line for line in text.splitlines() if line.startswith("| Estrogen"))
    assert "avoided" in row
    assert "Estrogen therapy is avoided in hormone-responsive cancers" in text


def test_vitamin_d_trial_is_credited_to_peppone() -> None:
    for name in _content_files():
        assert "Antonini" not in _read(name)
    assert any("Peppone" in s for s in get_topic(NUTRITION_TOPIC).sources)


def test_topics_module_needs_only_the_standard_library() -> None:
    code = (
        "import sys, coach.topics, coach.safety; coach.topics.load_pages(); "
        "bad = [m for m in ('textual', 'tinydb', 'plotext') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- glossary --------------------------------------------------------------------------------


@pytest.mark.parametrize("term", SEED_GLOSSARY_TERMS)
def test_seed_glossary_terms_are_defined(term: str) -> None:
    entry = lookup_term(term)
    assert entry is not None, term
    assert entry.term.casefold() == term.casefold()
    assert len(entry.definition) > 20


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("Bone remodelling", "Bone remodeling"),
        ("aromatase inhibitor", "Aromatase inhibitors"),
        ("  OSTEOCALCIN ", "Osteocalcin"),
        ("bisphosphonates", "Bisphosphonate"),
        ("T score", "T-score"),
        ("PTH", "Parathyroid hormone (PTH)"),
        ("parathyroid hormone", "Parathyroid hormone (PTH)"),
        ("the HPG axis", "HPG axis"),
        ("bone densities", "Bone density"),
    ],
)
def test_lookup_term_is_tolerant(query: str, term: str) -> None:
    entry = lookup_term(query)
    assert entry is not None and entry.term == term


@pytest.mark.parametrize("query", ["", "   ", "unicorn", "bone"])
def test_lookup_term_returns_none_for_unknown(query: str) -> None:
    assert lookup_term(query) is None


def test_glossary_is_alphabetical_and_has_extras() -> None:
    terms = [e.term for e in load_glossary()]
    assert terms == sorted(terms, key=str.casefold)
    assert len(terms) >= 25
    for extra in ("T-score", "DXA", "Osteopenia", "Osteoporosis", "Sclerostin", "Denosumab"):
        assert extra in terms


def test_glossary_terms_in_topic() -> None:
    found = [e.term for e in glossary_terms_in(get_topic("endocrine-picture"))]
    assert "HPG axis" in found and "Osteocalcin" in found and "Insulin sensitivity" in found
    assert len(found) == len(set(found))
    remodelling = [e.term for e in glossary_terms_in(get_topic("bone-remodelling"))]
    assert "Bone remodeling" in remodelling
    assert "Osteoclast" in remodelling


# --- search ----------------------------------------------------------------------------------


def _ids(query: str) -> list[str]:
    return [hit.topic_id for hit in search(query)]


def test_search_ranks_the_nutrition_topic_first_for_vitamin() -> None:
    ids = _ids("vitamin")
    assert ids[0] == NUTRITION_TOPIC
    assert ids.index(NUTRITION_TOPIC) < ids.index("endocrine-picture")


def test_title_match_outranks_body_match() -> None:
    hits = search("joint pain")
    assert hits[0].topic_id == JOINT_PAIN_TOPIC and hits[0].kind == "title"
    assert all(hit.kind != "title" for hit in hits[1:])
    assert hits[0].score > hits[1].score


def test_search_needs_every_word() -> None:
    hits = search("calcium tofu")
    assert [h.topic_id for h in hits] == [NUTRITION_TOPIC]
    assert search("tofu testosterone") == []


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_finds_nothing(query: str) -> None:
    assert search(query) == []


def test_glossary_hit() -> None:
    hits = search("osteocalcin")
    first = hits[0]
    assert (first.topic_id, first.kind, first.title) == (GLOSSARY_ID, "glossary", "Osteocalcin")
    assert all(hit.score <= first.score for hit in hits)


@pytest.mark.parametrize("query", ["vitamin", "sclerostin", "DXA", "falls", "tofu", "fracture"])
def test_hit_line_contains_the_query_word(query: str) -> None:
    hits = search(query)
    assert hits
    for hit in hits:
        assert query.lower() in hit.line.lower(), hit
        assert len(hit.line) <= 102
        assert "**" not in hit.line and not hit.line.startswith(("-", "#", "|"))


def test_one_hit_per_topic_and_hits_open() -> None:
    hits = search("bone", limit=100)
    keys = [(h.topic_id, h.title) for h in hits]
    assert len(keys) == len(set(keys))
    page_ids = [h.topic_id for h in hits if h.topic_id != GLOSSARY_ID]
    assert len(page_ids) == len(set(page_ids))
    for hit in hits:
        get_topic(hit.topic_id)


def test_search_is_deterministic_and_limited() -> None:
    assert search("bone density") == search("bone density")
    assert len(search("bone", limit=3)) == 3
    scores = [h.score for h in search("bone", limit=100)]
    assert scores == sorted(scores, reverse=True)


def test_search_ties_follow_reading_order() -> None:
    order = {t.id: t.order for t in load_pages()}
    hits = [h for h in search("exercise", limit=100) if h.topic_id != GLOSSARY_ID]
    for a, b in itertools.pairwise(hits):
        if a.score == b.score:
            assert order[a.topic_id] < order[b.topic_id]


def test_search_tolerates_spelling_and_short_words() -> None:
    assert "bone-remodelling" in _ids("remodeling")
    for hit in search("ai"):
        assert re.search(r"\bAIs?\b", hit.line), hit.line


# --- parse errors ----------------------------------------------------------------------------


def test_parse_topic_minimal() -> None:
    topic = parse_topic(GOOD, "sample.md")
    assert topic.key_points == ("First point, wrapped.", "Second point.")
    assert topic.body == "## Body\n\nSome text."
    assert topic.sources == ("Irwin ML, et al. J Clin Oncol. 2015;33:1104-11.",)
    assert topic.markdown.startswith("# A sample topic\n\nOne sentence.\n\n## Key points")


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            GOOD.replace("## Sources\n- Irwin ML, et al. J Clin Oncol. 2015;33:1104-11.\n", ""),
            "Sources",
        ),
        (GOOD.replace("- Irwin ML, et al. J Clin Oncol. 2015;33:1104-11.\n", ""), "no sources"),
        (GOOD.split("---\n", 2)[2], "front matter"),
        (GOOD.replace("summary: One sentence.\n", ""), "summary"),
        (GOOD.replace("title: A sample topic\n", "title:\n"), "title"),
        (GOOD.replace("## Key points\n", "## Points\n"), "Key points"),
        (GOOD.replace("- First point,\n  wrapped.\n- Second point.\n", "Text.\n"), "bullet"),
        (GOOD.replace("\n---\n\n## Key", "\n\n## Key"), "not closed"),
        (GOOD.replace("id: sample", "id: other"), "does not match"),
        (GOOD + "\n## After sources\n\nText.\n", "last"),
    ],
)
def test_parse_topic_errors_name_the_file(broken: str, message: str) -> None:
    with pytest.raises(TopicFormatError, match=message) as info:
        parse_topic(broken, "sample.md")
    assert "sample.md" in str(info.value)
