"""Education topics: load the Markdown files in ``coach/content`` and search them.

The topics are package data, read with :mod:`importlib.resources`, and parsed with the standard
library only, so the Learn screen, the CLI and tests all see the same text.

Every topic file looks like this (see ``coach/content/joint-pain.md``)::

    ---
    id: joint-pain
    title: Joint pain on aromatase inhibitors
    summary: One to three short sentences on one line.
    ---

    ## Key points
    - point

    ## Body sections ...

    ## Sources
    - Irwin ML, et al. J Clin Oncol. 2015;33:1104-11.

Two special pages, ``glossary.md`` (``### Term`` entries) and ``references.md`` (the full reference
list), have the front matter only. What is where:

* :func:`load_topics` returns the numbered education topics, in reading order (:data:`TOPIC_ORDER`).
* :func:`load_pages` returns those topics followed by the glossary and references pages, so a
  screen can list everything; those two pages are :class:`Topic` objects with no key points and no
  sources.
* :func:`get_topic` finds any of them by id, including ``"glossary"`` and ``"references"``, so a
  :class:`SearchHit` can always be opened with ``get_topic(hit.topic_id)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from coach.topic_ids import (
    AFTER_AI_TOPIC,
    BONE_MEDICINES_TOPIC,
    FALLS_TOPIC,
    GLOSSARY_ID,
    JOINT_PAIN_TOPIC,
    NUTRITION_TOPIC,
    OSTEOPOROSIS_TOPIC,
    RED_FLAGS_TOPIC,
    REFERENCES_ID,
)

__all__ = [
    "TOPIC_ORDER",
    "GlossaryEntry",
    "SearchHit",
    "Topic",
    "TopicFormatError",
    "get_topic",
    "glossary_terms_in",
    "load_glossary",
    "load_pages",
    "load_topics",
    "lookup_term",
    "parse_glossary",
    "parse_topic",
    "search",
]


# Reading order of the education topics. A file in coach/content that is not listed here is still
# loaded, after these, in alphabetical order.
TOPIC_ORDER: tuple[str, ...] = (
    AFTER_AI_TOPIC,
    "bone-remodelling",
    "fracture-risk-and-dxa",
    BONE_MEDICINES_TOPIC,
    "exercise-for-bone",
    OSTEOPOROSIS_TOPIC,
    FALLS_TOPIC,
    JOINT_PAIN_TOPIC,
    NUTRITION_TOPIC,
    "smoking-alcohol-caffeine",
    "endocrine-picture",
    RED_FLAGS_TOPIC,
    "making-it-yours",
)

_CONTENT_PACKAGE = "coach.content"
_SPECIAL = (GLOSSARY_ID, REFERENCES_ID)
_REQUIRED_KEYS = ("id", "title", "summary")


class TopicFormatError(ValueError):
    """A content file does not follow the topic format; the message names the file and the gap."""


@dataclass(frozen=True)
class Topic:
    """One education page, parsed. ``markdown`` is the full text a screen displays."""

    id: str
    title: str
    summary: str
    key_points: tuple[str, ...]
    body: str
    sources: tuple[str, ...]
    markdown: str
    order: int


@dataclass(frozen=True)
class GlossaryEntry:
    """A glossary term and its plain-language definition."""

    term: str
    definition: str


@dataclass(frozen=True)
class SearchHit:
    """One search result: which page, the best matching line, and why it ranked where it did.

    For glossary hits ``topic_id`` is ``"glossary"`` and ``title`` is the term.
    """

    topic_id: str
    title: str
    line: str
    score: float
    kind: Literal["title", "glossary", "body"]


# --- parsing -------------------------------------------------------------------------------------

_SECTION = re.compile(r"^## +(?P<name>.+?)\s*$")
_BULLET = re.compile(r"^\s*[-*+] +(?P<text>.*)$")


def _split_front_matter(text: str, name: str) -> tuple[dict[str, str], list[str]]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise TopicFormatError(f"{name}: missing front matter (the file must start with '---')")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise TopicFormatError(f"{name}: front matter is not closed with '---'") from None
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise TopicFormatError(f"{name}: line {number}: expected 'key: value' in front matter")
        meta[key.strip()] = value.strip()
    for key in _REQUIRED_KEYS:
        if not meta.get(key):
            raise TopicFormatError(f"{name}: missing front matter key '{key}'")
    stem = name.rsplit("/", 1)[-1].removesuffix(".md")
    if name.endswith(".md") and meta["id"] != stem:
        raise TopicFormatError(f"{name}: front matter id '{meta['id']}' does not match file name")
    return meta, lines[end + 1 :]


def _sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Split body lines into ('## name', lines) pairs; text before the first section is ''."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        m = _SECTION.match(line)
        if m:
            out.append((m.group("name"), []))
        else:
            out[-1][1].append(line)
    return out


def _bullets(lines: list[str]) -> tuple[str, ...]:
    """Bullet items, with wrapped continuation lines joined into one string."""
    items: list[str] = []
    for line in lines:
        m = _BULLET.match(line)
        if m:
            items.append(m.group("text").strip())
        elif line.strip() and items:
            items[-1] = f"{items[-1]} {line.strip()}"
    return tuple(item for item in items if item)


def _compose(
    title: str, summary: str, key_points: tuple[str, ...], body: str, sources: tuple[str, ...]
) -> str:
    parts = [f"# {title}", summary]
    if key_points:
        parts.append("## Key points\n\n" + "\n".join(f"- {p}" for p in key_points))
    if body:
        parts.append(body)
    if sources:
        parts.append("## Sources\n\n" + "\n".join(f"- {s}" for s in sources))
    return "\n\n".join(parts) + "\n"


def parse_topic(text: str, name: str, order: int = 0) -> Topic:
    """Parse one topic file; raise :class:`TopicFormatError` naming ``name`` if it is malformed."""
    meta, rest = _split_front_matter(text, name)
    sections = _sections(rest)
    names = [section for section, _ in sections]
    if "Key points" not in names:
        raise TopicFormatError(f"{name}: no '## Key points' section")
    if "Sources" not in names:
        raise TopicFormatError(f"{name}: no '## Sources' section")
    if names[-1] != "Sources":
        raise TopicFormatError(f"{name}: '## Sources' must be the last section")
    key_index = names.index("Key points")
    key_points = _bullets(sections[key_index][1])
    if not key_points:
        raise TopicFormatError(f"{name}: '## Key points' has no bullet points")
    sources = _bullets(sections[-1][1])
    if not sources:
        raise TopicFormatError(f"{name}: '## Sources' lists no sources")
    body_parts = []
    for section, lines in sections[key_index + 1 : -1]:
        content = "\n".join(lines).strip()
        body_parts.append(f"## {section}\n\n{content}" if content else f"## {section}")
    body = "\n\n".join(body_parts)
    markdown = _compose(meta["title"], meta["summary"], key_points, body, sources)
    return Topic(
        id=meta["id"],
        title=meta["title"],
        summary=meta["summary"],
        key_points=key_points,
        body=body,
        sources=sources,
        markdown=markdown,
        order=order,
    )


def _parse_page(text: str, name: str, order: int) -> Topic:
    """Parse a special page (glossary, references): front matter plus free Markdown."""
    meta, rest = _split_front_matter(text, name)
    body = "\n".join(rest).strip()
    markdown = _compose(meta["title"], meta["summary"], (), body, ())
    return Topic(meta["id"], meta["title"], meta["summary"], (), body, (), markdown, order)


def parse_glossary(text: str, name: str = "glossary.md") -> tuple[GlossaryEntry, ...]:
    """Parse ``### Term`` entries, each followed by its definition paragraph(s)."""
    _, rest = _split_front_matter(text, name)
    entries: list[GlossaryEntry] = []
    term: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if term is None:
            return
        definition = " ".join(" ".join(lines).split())
        if not definition:
            raise TopicFormatError(f"{name}: glossary term '{term}' has no definition")
        entries.append(GlossaryEntry(term, definition))

    for line in rest:
        if line.startswith("### "):
            flush()
            term, lines = line[4:].strip(), []
        elif term is not None:
            lines.append(line.strip())
    flush()
    if not entries:
        raise TopicFormatError(f"{name}: no '### Term' entries found")
    return tuple(entries)


def _read(filename: str) -> str:
    return resources.files(_CONTENT_PACKAGE).joinpath(filename).read_text(encoding="utf-8")


def _topic_files() -> list[str]:
    names = [
        entry.name
        for entry in resources.files(_CONTENT_PACKAGE).iterdir()
        if entry.name.endswith(".md") and entry.name.removesuffix(".md") not in _SPECIAL
    ]
    rank = {topic_id: i for i, topic_id in enumerate(TOPIC_ORDER)}
    return sorted(names, key=lambda n: (rank.get(n.removesuffix(".md"), len(rank)), n))


@cache
def load_topics() -> tuple[Topic, ...]:
    """The education topics in reading order (``order`` counts from 1). Cached."""
    return tuple(
        parse_topic(_read(filename), filename, order)
        for order, filename in enumerate(_topic_files(), start=1)
    )


@cache
def load_pages() -> tuple[Topic, ...]:
    """Every displayable page: the topics, then the glossary and references pages. Cached."""
    topics = load_topics()
    extra = tuple(
        _parse_page(_read(f"{page_id}.md"), f"{page_id}.md", len(topics) + i)
        for i, page_id in enumerate(_SPECIAL, start=1)
    )
    return topics + extra


@cache
def _pages_by_id() -> dict[str, Topic]:
    return {page.id: page for page in load_pages()}


def get_topic(topic_id: str) -> Topic:
    """The page with this id (a topic, ``"glossary"`` or ``"references"``)."""
    try:
        return _pages_by_id()[topic_id]
    except KeyError:
        known = ", ".join(_pages_by_id())
        raise KeyError(f"unknown topic id {topic_id!r}; known ids: {known}") from None


@cache
def load_glossary() -> tuple[GlossaryEntry, ...]:
    """The glossary entries, in the order of the file (alphabetical). Cached."""
    return parse_glossary(_read(f"{GLOSSARY_ID}.md"), f"{GLOSSARY_ID}.md")


# --- normalising words ---------------------------------------------------------------------------

_SPELLINGS = (("remodell", "remodel"), ("oestrogen", "estrogen"), ("haemat", "hemat"))
_WORD = re.compile(r"[a-z0-9]+")


def _spell(text: str) -> str:
    text = text.lower()
    for british, american in _SPELLINGS:
        text = text.replace(british, american)
    return text


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _tokens(text: str) -> list[str]:
    """Lower-case words, British spellings made American, plurals made singular."""
    return [_singular(w) for w in _WORD.findall(_spell(text.replace("’", "'").replace("'", "")))]


def _key(text: str) -> str:
    words = _tokens(text)
    while words and words[0] in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words)


@cache
def _glossary_keys() -> tuple[tuple[str, GlossaryEntry], ...]:
    """(normalised key, entry) pairs: the term, and its abbreviation in brackets if any."""
    pairs: list[tuple[str, GlossaryEntry]] = []
    for entry in load_glossary():
        full = entry.term
        pairs.append((_key(full), entry))
        m = re.match(r"^(?P<name>.+?)\s*\((?P<alias>[^)]+)\)\s*$", full)
        if m:
            pairs.append((_key(m.group("name")), entry))
            pairs.append((_key(m.group("alias")), entry))
    return tuple(pairs)


def lookup_term(text: str) -> GlossaryEntry | None:
    """Find a glossary entry by term: case-insensitive, plural- and spelling-tolerant."""
    key = _key(text)
    if not key:
        return None
    for entry_key, entry in _glossary_keys():
        if entry_key == key:
            return entry
    return None


def glossary_terms_in(topic: Topic) -> tuple[GlossaryEntry, ...]:
    """Glossary entries whose term appears in the topic, in order of first appearance."""
    text = f" {' '.join(_tokens(topic.markdown))} "
    found: dict[str, tuple[int, GlossaryEntry]] = {}
    for key, entry in _glossary_keys():
        position = text.find(f" {key} ")
        if position < 0:
            continue
        best = found.get(entry.term)
        if best is None or position < best[0]:
            found[entry.term] = (position, entry)
    return tuple(entry for _, entry in sorted(found.values(), key=lambda p: (p[0], p[1].term)))


# --- search --------------------------------------------------------------------------------------

_TIER_TITLE = 3.0  # all query words in the page title
_TIER_TERM = 2.0  # all query words in a glossary term
_TIER_SUMMARY = 1.0  # all query words in the summary or key points
_TIER_BODY = 0.0  # the words are somewhere in the page
_TIER_WEIGHT = 1000.0
_MAX_COUNT = 999
_LINE_WIDTH = 100

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_LIST_MARK = re.compile(r"^\s*(?:#+|[-*+>]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def _plain(line: str) -> str:
    """A Markdown line as plain text: no heading or list marks, emphasis, links or table bars."""
    line = _LINK.sub(r"\1", line.strip())
    line = _EMPHASIS.sub("", line)
    if line.startswith("|"):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        line = " · ".join(cell for cell in cells if cell)
    return _LIST_MARK.sub("", line).strip()


def _logical_lines(markdown: str) -> list[str]:
    """Paragraphs and list items joined into single lines; headings and table rows kept apart."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            out.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        stripped = raw.strip()
        if not stripped:
            flush()
        elif stripped.startswith(("#", "|")):
            flush()
            if not _TABLE_RULE.match(stripped):
                out.append(_plain(stripped))
        elif _LIST_MARK.match(raw):
            flush()
            current.append(_plain(stripped))
        else:
            current.append(_plain(stripped))
    flush()
    return [line for line in out if line]


@dataclass(frozen=True)
class _Doc:
    topic_id: str
    title: str
    kind: Literal["title", "glossary", "body"]
    order: float
    head: str  # title for pages, term for glossary entries
    upper: tuple[str, ...]  # summary + key points (pages) or nothing (glossary)
    lines: tuple[str, ...]  # every other line, in reading order
    text: str  # all of it, normalised, for AND matching and counting


def _norm(text: str) -> str:
    return _spell(text)


@cache
def _documents() -> tuple[_Doc, ...]:
    docs: list[_Doc] = []
    for page in load_pages():
        if page.id == GLOSSARY_ID:
            continue
        upper = (page.summary, *page.key_points)
        lines = tuple(_logical_lines(page.body)) + page.sources
        text = _norm("\n".join((page.title, *upper, *lines)))
        docs.append(_Doc(page.id, page.title, "body", page.order, page.title, upper, lines, text))
    glossary_order = get_topic(GLOSSARY_ID).order
    for i, entry in enumerate(load_glossary()):
        text = _norm(f"{entry.term}\n{entry.definition}")
        docs.append(
            _Doc(
                GLOSSARY_ID,
                entry.term,
                "glossary",
                glossary_order + i / 1000,
                entry.term,
                (),
                (f"{entry.term}: {entry.definition}",),
                text,
            )
        )
    return tuple(docs)


def _patterns(query: str) -> list[re.Pattern[str]]:
    words = [w.strip(".,;:!?\"'()[]") for w in _norm(query).split()]
    unique = list(dict.fromkeys(w for w in words if w))
    # Longer words match as a prefix ("bone" finds "bones"); short ones ("ai", "d") must be the
    # whole word, plural allowed, so that "ai" does not find "aim".
    return [
        re.compile(r"(?<![a-z0-9])" + re.escape(w) + (r"s?(?![a-z0-9])" if len(w) <= 3 else ""))
        for w in unique
    ]


def _all_in(patterns: list[re.Pattern[str]], text: str) -> bool:
    return all(p.search(text) for p in patterns)


def _trim(line: str, patterns: list[re.Pattern[str]]) -> str:
    """Cut a long line to about 100 characters around the first match."""
    if len(line) <= _LINE_WIDTH:
        return line
    starts = [m.start() for p in patterns if (m := p.search(_norm(line)))]
    first = min(starts) if starts else 0
    # keep the start of the sentence when the match already fits in the window
    start = 0 if first < _LINE_WIDTH - 30 else max(0, first - 30)
    if start:
        space = line.rfind(" ", 0, start + 1)
        start = space + 1 if space > 0 else start
    end = start + _LINE_WIDTH
    if end >= len(line):
        return ("…" if start else "") + line[start:]
    space = line.rfind(" ", start, end)
    end = space if space > start + 40 else end
    return ("…" if start else "") + line[start:end].rstrip() + "…"


def _best_line(doc: _Doc, patterns: list[re.Pattern[str]]) -> str:
    """The line matching the most query words; summary and key points win ties, then the first."""
    candidates = [(2, line) for line in doc.upper] + [(1, line) for line in doc.lines]
    best: tuple[int, int, int, int] | None = None
    chosen = doc.head
    for index, (region, line) in enumerate(candidates):
        normal = _norm(line)
        distinct = sum(1 for p in patterns if p.search(normal))
        if not distinct:
            continue
        count = sum(len(p.findall(normal)) for p in patterns)
        rank = (distinct, region, count, -index)
        if best is None or rank > best:
            best, chosen = rank, line
    return _trim(chosen, patterns)


def search(query: str, limit: int = 20) -> list[SearchHit]:
    """Find pages and glossary entries containing every word of ``query``, best first.

    Words match at the start of a word, case-insensitively ("bone" finds "bones", British and
    American spellings are treated alike). Ranking: all words in a page title, then in a glossary
    term, then in a summary or key point, then anywhere; within a tier, more occurrences rank
    higher; ties go to reading order. One hit per page or glossary entry.
    """
    patterns = _patterns(query)
    if not patterns or limit <= 0:
        return []
    ranked: list[tuple[float, float, SearchHit]] = []
    for doc in _documents():
        if not _all_in(patterns, doc.text):
            continue
        if doc.kind != "glossary" and _all_in(patterns, _norm(doc.head)):
            tier, kind = _TIER_TITLE, "title"
        elif doc.kind == "glossary":
            tier = _TIER_TERM if _all_in(patterns, _norm(doc.head)) else _TIER_BODY
            kind = "glossary"
        elif _all_in(patterns, _norm("\n".join(doc.upper))):
            tier, kind = _TIER_SUMMARY, "body"
        else:
            tier, kind = _TIER_BODY, "body"
        count = sum(len(p.findall(doc.text)) for p in patterns)
        score = tier * _TIER_WEIGHT + min(count, _MAX_COUNT)
        hit = SearchHit(doc.topic_id, doc.title, _best_line(doc, patterns), score, kind)
        ranked.append((-score, doc.order, hit))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in ranked[:limit]]
