"""A small lint that keeps unsafe advice out of anything the coach shows.

People on an aromatase inhibitor (AI) after hormone-receptor-positive breast cancer must never be
nudged towards hormones, towards stopping or switching their AI, or towards doses above the upper
limits (shared/clinical/FACTS.md, section H). Education topics, exercise how-to text and plan
notes are all plain text written by people, so tests run :func:`lint` over them and fail on any
finding.

How it works, so that wording and rules can be designed together:

* Text is cut into *sentences*. Lines of one paragraph or one list item are joined first, so a
  sentence wrapped over two lines is judged as a whole; headings, table rows and front-matter lines
  stand alone. Sentences end at ``.``, ``!``, ``?`` or ``;``.
* Each rule in :data:`RULES` has a ``pattern``. A match is a finding unless one of the rule's
  escapes applies:

  - ``unless``: a regex searched in the whole sentence (for example "avoided", "not an option",
    "a clinician's call"). A sentence that clearly refuses or defers is safe.
  - ``unless_near``: a regex searched in the same clause just before the match plus the match
    itself (for example "never stop ...", "did not prevent ..."). Clauses end at ``, ; : ( —``.
  - ``max_value``: for dose rules, the number in the match's ``n`` group must exceed it. With
    ``per_week``, an amount written "a week" / "per week" / "weekly" is divided by 7 first, so a
    weekly total of 7000 IU (1000 IU a day) passes and 50,000 IU a week does not.
  - ``only_if``: the sentence must also contain this for the rule to apply at all.

* A finding reports the 1-based line number where the match starts and that whole line.

The rules in brief (the table is :data:`RULES`):

=====================  ==========================================================================
hormone-therapy        HRT, hormone replacement, estrogen therapy/pills/patches/creams, "boost
                       your estrogen"... unless the sentence refuses ("avoided", "not an option").
androgen-or-tibolone   testosterone, tibolone, DHEA, unless the sentence refuses.
peptide                anything "peptide"; no escape.
stop-or-switch-ai      stop / pause / quit / switch / skip / come off / take a break from + the AI
                       (by name or "your medicine") in the same clause; safe after a negator in
                       that clause ("never stop ...") or when the sentence defers the decision
                       ("a clinician's call", "decisions about your medicine belong with ...").
vitamin-d-dose         more than 4000 IU a day (5000 IU, 5,000 IU, 10 000 IU/day). Safe if the
                       sentence says week(ly) AND prescri/clinician/doctor (FACTS 24), or warns
                       ("too much", "above the upper limit", "never take", "avoid").
vitamin-d-micrograms   the same limit written as more than 100 micrograms of vitamin D.
calcium-dose           more than 2000 mg of calcium, unless the sentence warns.
magnesium-dose         a magnesium supplement above 350 mg, unless the sentence warns.
supplement-claim       vitamin D or K2 "prevents/reduces/protects against" fractures or joint
                       pain, unless negated or hedged ("did not prevent", "whether").
=====================  ==========================================================================

Known limits (kept on purpose, the rules stay readable): an escape word anywhere in the sentence
makes the sentence pass ("Never skip a walk, and ask about HRT" would pass the hormone rule), so
write one idea per sentence. Past tenses ("women who stopped", "those who switched") are not
flagged, so research can be reported; imperatives and suggestions ("stop", "switch to", "take a
break from") are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RULES", "SafetyFinding", "SafetyRule", "lint", "rule_names"]


@dataclass(frozen=True)
class SafetyFinding:
    """One unsafe passage: where it is, the line as written, and the rule it broke."""

    line: int  # 1-based line number in the text given to lint()
    text: str  # the offending line, stripped
    rule: str  # SafetyRule.name
    match: str = ""  # the words that triggered the rule


@dataclass(frozen=True)
class SafetyRule:
    """A named regex plus the escapes that make a match safe (see the module docstring)."""

    name: str
    why: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    unless_near: re.Pattern[str] | None = None
    only_if: re.Pattern[str] | None = None
    max_value: float | None = None
    per_week: bool = False


_I = re.IGNORECASE

# A number as people write it: 5000, 5,000, 10 000 (also with no-break or thin spaces), 2.5.
_NUM = r"(?<![\d.,])(?P<n>\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.\d+)?"

# What counts as "the aromatase inhibitor" in the stop/switch rule. "AI" is matched case-sensitively
# so that words like "said" or "again" never count.
_AI_TERM = (
    r"(?:aromatase[- ]inhibitors?|(?-i:\bAIs?\b)|\banastrozole|\bletrozole|\bexemestane"
    r"|\barimidex|\bfemara|\baromasin"
    r"|\b(?:your|the|this|my) (?:breast cancer |cancer |hormone |endocrine )?"
    r"(?:medicines?|medications?|tablets?|pills?|drugs?)\b"
    r"|\b(?:your|the|my) (?:breast cancer|cancer|hormone|endocrine|AI) (?:treatment|therapy)\b)"
)
_STOP_VERB = (
    r"\b(?:stop|stopping|pause|pausing|quit|quitting|discontinue|discontinuing|halt|halting"
    r"|drop|dropping|skip|skipping|switch|switching|swap|swapping"
    r"|change (?:to|from|over)|changing (?:to|from|over)"
    r"|come off|coming off|go off|going off|get off|getting off|give up|giving up"
    r"|(?:take|taking|have|having) a (?:break|holiday|rest) from|a (?:break|holiday) from)\b"
)
# Up to 30 characters inside one clause. Connectives end the clause, so "skip jumps on days when
# AI joint pain flares" is not read as "skip ... AI".
_CLAUSE_GAP = (
    r"(?:(?!\b(?:if|when|whenever|while|during|because|until|and|but|so|after|before)\b)"
    r"[^.!?;:\n]){0,30}?"
)

# Words that turn a mention into a refusal, for the hormone rules (whole sentence).
_REFUSAL = re.compile(
    r"\bavoid(?:ed|s|ing)?\b|\bnot (?:an? )?(?:option|options|recommended|safe|suitable|advised"
    r"|used|offered|for you)\b|\bnever\b|\bdo not\b|\bdon['’]t\b|\bmust not\b|\bshould not\b"
    r"|\bunsafe\b|\bcontraindicated\b|\bno guideline support\b",
    _I,
)
# Plain negators, searched just before a match in the same clause (and inside it).
_NEGATOR = re.compile(
    r"\b(?:never|not|no|cannot|without|little|unproven|unclear)\b|n['’]t\b"
    r"|\brather than\b|\binstead of\b|\bavoid",
    _I,
)
# A claim framed as a question or a test is not a claim ("tested whether vitamin D could prevent").
_HEDGE = re.compile(_NEGATOR.pattern + r"|\bwhether\b|\bif\b|\btest(?:ed|ing)?\b", _I)
# Deferring the medicine decision to the clinician makes a mention of switching safe.
_DEFERRAL = re.compile(
    r"\b(?:clinician|doctor|oncologist|prescriber|care team)['’]s (?:call|decision|job)\b"
    r"|\bdecisions? (?:about|on) [^.]{0,40}\b(?:belongs?|rests?|sits?|is made|are made)\b"
    r"|\b(?:decision|call|choice) for your (?:care team|doctor|oncologist|clinician)\b",
    _I,
)
# A dose above a limit may appear only in a sentence that warns against it. "Do not exceed
# 10,000 IU" or "no more than 2500 mg" are NOT warnings: they present an unsafe amount as fine.
_LIMIT_WARNING_TEXT = (
    r"too much|\b(?:above|over|more than) the upper limit|\b(?:never|do not|don['’]t) take\b"
    r"|\bavoid"
)
_LIMIT_WARNING = re.compile(_LIMIT_WARNING_TEXT, _I)
# A high vitamin D dose is also acceptable as a weekly dose that a clinician prescribes (FACTS 24).
_PRESCRIBED_WEEKLY = re.compile(
    r"^(?=.*\bweek(?:ly|s)?\b)(?=.*(?:prescri|clinician|doctor))|" + _LIMIT_WARNING_TEXT,
    _I | re.DOTALL,
)
_PER_WEEK = re.compile(r"\s*(?:(?:a|per|each|every|this|that|in a|/)\s*week\b|weekly\b)", _I)

RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        name="hormone-therapy",
        why="Estrogen/HRT raised recurrence (HABITS); never suggest it after HR+ breast cancer.",
        pattern=re.compile(
            r"\bHRT\b|\bMHT\b|\bhormone[- ]replacement|\bmenopausal hormone (?:therapy|treatment)"
            r"|\bbio-?identical hormones?|\bvaginal o?estrogen|\bestradiol\b"
            r"|\bo?estrogens? (?:therapy|treatment|replacement|supplements?|pills?|tablets?"
            r"|patch(?:es)?|creams?|gels?|injections?|products?)"
            r"|\b(?:take|taking|try|trying|boost|boosting|replace|replacing|top up|topping up)"
            r" (?:your |some |more |extra )?o?estrogen"
            r"|\b(?:raise|raising|increase|increasing) your o?estrogen",
            _I,
        ),
        unless=_REFUSAL,
    ),
    SafetyRule(
        name="androgen-or-tibolone",
        why="Tibolone raised recurrence (LIBERATE); testosterone, DHEA: no guideline support.",
        pattern=re.compile(
            r"\btestosterone\b|\btibolone\b|\bDHEA\b|\bandrogen (?:therapy|cream)", _I
        ),
        unless=_REFUSAL,
    ),
    SafetyRule(
        name="peptide",
        why="'Peptide protocols' came from the seed page's captions; unsupported, never shown.",
        pattern=re.compile(r"peptide", _I),
    ),
    SafetyRule(
        name="stop-or-switch-ai",
        why="Stopping, pausing or switching the AI is the clinician's decision (FACTS 10, 29).",
        pattern=re.compile(
            rf"{_STOP_VERB}{_CLAUSE_GAP}{_AI_TERM}"
            rf"|{_AI_TERM}{_CLAUSE_GAP}\b(?:be|being|get|getting) (?:stopped|paused|switched"
            r"|changed|swapped|dropped|discontinued|halted)\b",
            _I,
        ),
        unless=_DEFERRAL,
        unless_near=_NEGATOR,
    ),
    SafetyRule(
        name="vitamin-d-dose",
        why="Upper limit 4000 IU/day (IOM 2011); higher weekly doses are a clinician's call.",
        pattern=re.compile(rf"{_NUM}\s*(?:IU\b|I\.U\.|international units)", _I),
        unless=_PRESCRIBED_WEEKLY,
        max_value=4000,
        per_week=True,
    ),
    SafetyRule(
        name="vitamin-d-micrograms",
        why="4000 IU is 100 micrograms: the same upper limit written in micrograms.",
        pattern=re.compile(rf"{_NUM}\s*(?:mcg|µg|μg|micrograms?)\b", _I),
        only_if=re.compile(r"vitamin d", _I),
        unless=_PRESCRIBED_WEEKLY,
        max_value=100,
        per_week=True,
    ),
    SafetyRule(
        name="calcium-dose",
        why="Upper limit for calcium is 2000 mg/day from all sources (IOM 2011).",
        pattern=re.compile(
            rf"\bcalcium\b[^.;\d]{{0,30}}{_NUM}\s*(?:mg|milligrams)\b"
            rf"|{_NUM.replace('?P<n>', '?P<n2>')}\s*(?:mg|milligrams)\s+(?:of\s+)?calcium\b",
            _I,
        ),
        unless=_LIMIT_WARNING,
        max_value=2000,
    ),
    SafetyRule(
        name="magnesium-dose",
        why="Magnesium supplements: no more than 350 mg/day (FACTS 25).",
        pattern=re.compile(
            rf"\bmagnesium\b[^.;\d]{{0,30}}{_NUM}\s*(?:mg|milligrams)\b"
            rf"|{_NUM.replace('?P<n>', '?P<n2>')}\s*(?:mg|milligrams)\s+(?:of\s+)?magnesium\b",
            _I,
        ),
        only_if=re.compile(r"supplement|tablet|pill|capsule|\btake\b|\btaking\b", _I),
        unless=_LIMIT_WARNING,
        max_value=350,
    ),
    SafetyRule(
        name="supplement-claim",
        why="Vitamin D and K2 are not shown to prevent fractures or AI joint pain (FACTS 4, 24).",
        pattern=re.compile(
            r"\b(?:vitamin d|vitamin k2?|k2)\b[^.;]{0,60}?\b(?:prevents?|preventing|stops?"
            r"|cures?|protects? (?:you )?(?:against|from)|wards? off|reduces?|lowers?|cuts?)"
            r"\b[^.;]{0,40}?\b(?:fractures?|joint pain|arthralgia|aching joints)\b",
            _I,
        ),
        unless_near=_HEDGE,
    ),
)


def rule_names() -> tuple[str, ...]:
    """Names of all rules, so tests and reports can refer to them without typos."""
    return tuple(rule.name for rule in RULES)


# --- cutting text into sentences -----------------------------------------------------------------

_STANDALONE = re.compile(r"^\s*(?:#|\||---|(?:id|title|summary):\s)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_CLAUSE_BREAK = re.compile(r"[,;:(\u2014\u2013]| - ")


def _units(lines: list[str]) -> list[tuple[str, list[int]]]:
    """Join the lines of each paragraph or list item; return text plus a line number per char."""
    units: list[tuple[str, list[int]]] = []
    text = ""
    owners: list[int] = []

    def flush() -> None:
        nonlocal text, owners
        if text.strip():
            units.append((text, owners))
        text, owners = "", []

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if _STANDALONE.match(line):
            flush()
            units.append((line, [number] * len(line)))
            continue
        if _LIST_ITEM.match(line):
            flush()
        piece = line.strip()
        if text:
            text += " "
            owners.append(number)
        text += piece
        owners.extend([number] * len(piece))
    flush()
    return units


def _sentences(unit: str) -> list[tuple[int, str]]:
    """Split a unit into (start offset, sentence)."""
    out: list[tuple[int, str]] = []
    start = 0
    for gap in _SENTENCE_END.finditer(unit):
        out.append((start, unit[start : gap.start()]))
        start = gap.end()
    out.append((start, unit[start:]))
    return out


def _number(match: re.Match[str]) -> float | None:
    for name, value in match.groupdict().items():
        if name.startswith("n") and value is not None:
            return float(re.sub(r"[,\u00a0\u202f ]", "", value))
    return None


def _is_safe(rule: SafetyRule, sentence: str, match: re.Match[str]) -> bool:
    if rule.max_value is not None:
        value = _number(match)
        if value is not None and rule.per_week and _PER_WEEK.match(sentence, match.end()):
            value /= 7
        if value is None or value <= rule.max_value:
            return True
    if rule.unless is not None and rule.unless.search(sentence):
        return True
    if rule.unless_near is not None:
        before = sentence[max(0, match.start() - 40) : match.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
        if rule.unless_near.search(before + match.group(0)):
            return True
    return False


def lint(text: str) -> list[SafetyFinding]:
    """Return every unsafe passage in ``text``, in line order (empty list means safe)."""
    lines = text.splitlines()
    findings: dict[tuple[int, str], SafetyFinding] = {}
    for unit, owners in _units(lines):
        for offset, sentence in _sentences(unit):
            for rule in RULES:
                if rule.only_if is not None and not rule.only_if.search(sentence):
                    continue
                for match in rule.pattern.finditer(sentence):
                    if _is_safe(rule, sentence, match):
                        continue
                    line_no = owners[min(offset + match.start(), len(owners) - 1)]
                    key = (line_no, rule.name)
                    if key not in findings:
                        findings[key] = SafetyFinding(
                            line=line_no,
                            text=lines[line_no - 1].strip(),
                            rule=rule.name,
                            match=match.group(0),
                        )
    return sorted(findings.values(), key=lambda f: (f.line, rule_names().index(f.rule)))
