"""The safety lint generalises: measured catch and false-positive rates; every rule entry needed.

The sentence sets live in ``tests/safety_sets`` (one sentence a line):

* ``unsafe.txt`` / ``safe.txt``: the main sets, across every category;
* ``targeted_*.txt``: one sentence per table entry that only that entry decides;
* ``holdout_*.txt``: written before any tuning and never edited to pass (first check);
* ``round2_*.txt`` to ``round5_*.txt``: written after one tuning round, before the next (each
  file's header records its first measurement, before it was tuned on);
* ``round6_*.txt`` and ``round13_*.txt``: the project's own paraphrases of what outside reviewers'
  sets showed missing or wrongly flagged, written while tuning, so counted with the main sets;
* ``round16_*.txt``: the project's own enumeration of every hazard class and safe shape, written
  from domain knowledge and tuned on, so counted with the main sets; ``round17_*.txt``: its own
  paraphrases of what an outside set still showed after that, ``round18_*.txt``, a second
  pass of the enumeration, ``round20_*.txt``, paraphrases of what ``round19`` showed,
  ``round21_*.txt``, ``round22_*.txt`` and ``round25_*.txt`` to ``round28_*.txt``, further
  passes of the enumeration, and ``round24_*.txt`` and ``round30_*.txt``, paraphrases of what
  ``round23`` and ``round29`` showed, and ``round31_*.txt``, the classes an outside set showed
  next (changing the dose of any prescribed medicine, "the more calcium the better", weak
  estrogens and progestogens beside an AI, a question answered with a refusal), also counted
  with the main sets; ``round32_*.txt`` and ``round33_*.txt``, fresh sets in new wordings, each
  written after the tuning round before it (headers record the first measurement), then tuned
  on, so counted with the main sets; ``round34_*.txt``, the classes a newer outside set showed
  missing (how an oral bisphosphonate is taken, alcohol and smoking played down, the AI made to
  sound unnecessary, help put off after a fall, counted tablets over a limit, medicines known by
  the shape of their name), and ``round35_*.txt``, a fresh set written after that tuning (header
  records its first measurement), then tuned on: both counted with the main sets;
  ``round36_*.txt``, stopping first and telling the care team afterwards; ``round37_*.txt``, the
  classes a newer held-out set showed missing (a tablet, pill or dose named by no drug name with
  its schedule thinned out, a bone or cancer medicine taken by feel, flexion and impact beside a
  fragile spine in rarer words, smoking and alcohol played down and falls kept from the care team
  in other words, the care team named by a pronoun, questions kept for a visit), and
  ``round38_*.txt``, a fresh set written after that tuning (header records its first
  measurement), then tuned on; ``round39_*.txt``, a bone medicine's injection left late or with a
  gap, and something else taken together with an oral bisphosphonate: all counted with the
  main sets;
* ``round7_*.txt`` to ``round12_*.txt``, ``round14_*.txt``, ``round15_*.txt``, ``round19_*.txt``,
  ``round23_*.txt`` and ``round29_*.txt``: held out again, each written after the tuning round
  before it (headers record their first measurement).

``benchmarks/safety_rates.py`` prints the same rates per set.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.safety import (
    Linter,
    SafetyFinding,
    lint,
    normalise,
    rule_names,
    sentences,
    table_entries,
)

SETS = Path(__file__).parent / "safety_sets"


def _load(name: str) -> list[str]:
    lines = (SETS / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


UNSAFE = (
    _load("unsafe.txt")
    + _load("targeted_unsafe.txt")
    + _load("round6_unsafe.txt")
    + _load("round13_unsafe.txt")
    + _load("round16_unsafe.txt")
    + _load("round17_unsafe.txt")
    + _load("round18_unsafe.txt")
    + _load("round20_unsafe.txt")
    + _load("round21_unsafe.txt")
    + _load("round22_unsafe.txt")
    + _load("round24_unsafe.txt")
    + _load("round25_unsafe.txt")
    + _load("round26_unsafe.txt")
    + _load("round27_unsafe.txt")
    + _load("round28_unsafe.txt")
    + _load("round30_unsafe.txt")
    + _load("round31_unsafe.txt")
    + _load("round32_unsafe.txt")
    + _load("round33_unsafe.txt")
    + _load("round34_unsafe.txt")
    + _load("round35_unsafe.txt")
    + _load("round36_unsafe.txt")
    + _load("round37_unsafe.txt")
    + _load("round38_unsafe.txt")
    + _load("round39_unsafe.txt")
)
SAFE = (
    _load("safe.txt")
    + _load("targeted_safe.txt")
    + _load("round6_safe.txt")
    + _load("round13_safe.txt")
    + _load("round16_safe.txt")
    + _load("round17_safe.txt")
    + _load("round18_safe.txt")
    + _load("round20_safe.txt")
    + _load("round21_safe.txt")
    + _load("round22_safe.txt")
    + _load("round24_safe.txt")
    + _load("round25_safe.txt")
    + _load("round26_safe.txt")
    + _load("round27_safe.txt")
    + _load("round28_safe.txt")
    + _load("round30_safe.txt")
    + _load("round31_safe.txt")
    + _load("round32_safe.txt")
    + _load("round33_safe.txt")
    + _load("round34_safe.txt")
    + _load("round35_safe.txt")
    + _load("round36_safe.txt")
    + _load("round37_safe.txt")
    + _load("round38_safe.txt")
    + _load("round39_safe.txt")
)
HELD_OUT = (
    "holdout",
    *(f"round{n}" for n in (2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 14, 15, 19, 23, 29)),
)
HOLDOUT_UNSAFE = [_load(f"{name}_unsafe.txt") for name in HELD_OUT]
HOLDOUT_SAFE = [_load(f"{name}_safe.txt") for name in HELD_OUT]
HOLDOUT_UNSAFE = [s for part in HOLDOUT_UNSAFE for s in part]
HOLDOUT_SAFE = [s for part in HOLDOUT_SAFE for s in part]


def _rates(unsafe: list[str], safe: list[str]) -> tuple[float, float]:
    caught = sum(1 for s in unsafe if lint(s))
    flagged = sum(1 for s in safe if lint(s))
    return caught / len(unsafe), flagged / len(safe)


def test_sets_are_large_and_distinct() -> None:
    assert len(UNSAFE) >= 100 and len(SAFE) >= 100
    assert len(HOLDOUT_UNSAFE) >= 100 and len(HOLDOUT_SAFE) >= 100
    every = UNSAFE + SAFE + HOLDOUT_UNSAFE + HOLDOUT_SAFE
    assert len({normalise(s) for s in every}) >= 0.98 * len(every)


def test_main_sets_catch_at_least_95_percent_with_at_most_5_percent_false_positives() -> None:
    catch, false_positive = _rates(UNSAFE, SAFE)
    missed = [s for s in UNSAFE if not lint(s)]
    wrongly = [s for s in SAFE if lint(s)]
    assert catch >= 0.95, missed
    assert false_positive <= 0.05, wrongly


def test_held_out_sets_meet_the_same_bar() -> None:
    catch, false_positive = _rates(HOLDOUT_UNSAFE, HOLDOUT_SAFE)
    assert catch >= 0.95, [s for s in HOLDOUT_UNSAFE if not lint(s)]
    assert false_positive <= 0.05, [s for s in HOLDOUT_SAFE if lint(s)]


def test_every_rule_is_exercised_by_the_unsafe_set() -> None:
    fired = {f.rule for s in UNSAFE for f in lint(s)}
    assert fired == set(rule_names())


@pytest.mark.parametrize(
    "sentence",
    [
        "Try BPC-157 to speed up bone repair",
        "Oestradiol implants are an option to discuss",
        "Premarin tablets help keep bones strong",
        "There's no harm in pausing your anastrozole",
        "Taking letrozole every other day is a gentler option",
        "Take 6000 units of vitamin D",
        "0.25 mg of vitamin D3 a day",
        "Ask your doctor, then take 50,000 IU every week on your own",
        "Jumping jacks are fine after a spine fracture",
    ],
)
def test_the_issues_examples_are_caught(sentence: str) -> None:
    assert lint(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Estradiol levels fall very low on an AI", "Aromatase converts testosterone into estrogen"],
)
def test_the_issues_false_positives_pass(sentence: str) -> None:
    assert lint(sentence) == []


# --- every entry of the rule table is needed ---------------------------------------------------


def _corpus() -> list[str]:
    corpus = UNSAFE + SAFE + HOLDOUT_UNSAFE + HOLDOUT_SAFE
    root = resources.files("coach.content")
    for entry in root.iterdir():
        if entry.name.endswith(".md"):
            corpus += [s for _, s in sentences(entry.read_text(encoding="utf-8"))]
    return corpus


def test_deleting_any_table_entry_changes_some_verdict() -> None:
    """Mutate the table one entry at a time: some test sentence must then change verdict."""
    base = Linter()
    corpus = _corpus()
    folded = [base.normalised(s) for s in corpus]
    verdicts = [bool(base.check_sentence(s)) for s in corpus]
    unneeded = []
    for field, entry in table_entries(base.table):
        pattern = re.compile(rf"(?<![\w])(?:{entry})(?![\w])")
        touched = [i for i, text in enumerate(folded) if pattern.search(text)]
        mutant = base.without(field, entry)
        if not any(bool(mutant.check_sentence(corpus[i])) != verdicts[i] for i in touched):
            unneeded.append((field, entry))
    assert unneeded == []


def test_allow_list_entries_are_needed_and_give_reasons() -> None:
    base = Linter()
    for sentence, reason in base.allowed.items():
        assert len(reason) > 20, sentence
        assert Linter(allowed={}).check_sentence(sentence), (
            f"allow-list entry not needed: {sentence}"
        )


# --- sentence splitting ----------------------------------------------------------------------


def test_markdown_is_taken_apart_into_sentences() -> None:
    text = (
        "# Heading\n\n"
        "Para one wraps\nover two lines. Second sentence, e.g. with 0.25 mg in it.\n\n"
        "- **Bold** bullet\n  continued here\n"
        "* [link](http://x) item\n"
        "1. Numbered item\n\n"
        "| Avoid | Why |\n|---|---|\n| Sit-ups | Bends the spine |\n"
    )
    got = [s for _, s in sentences(text)]
    assert got == [
        "Heading",
        "Para one wraps over two lines.",
        "Second sentence, e.g. with 0.25 mg in it.",
        "Bold bullet continued here",
        "link item",
        "Numbered item",
        "Avoid: Sit-ups, Why: Bends the spine",
    ]


def test_a_block_quote_wrapped_over_lines_is_one_paragraph() -> None:
    text = "> Decisions belong with your team.\n> If you feel faint, stop\n> exercising and call.\n"
    assert [s for _, s in sentences(text)] == [
        "Decisions belong with your team.",
        "If you feel faint, stop exercising and call.",
    ]


def test_table_header_gives_each_row_its_context() -> None:
    assert lint("| Avoid | Why |\n|---|---|\n| Crunches | Loaded bending |\n") == []
    assert lint("| Try | Why |\n|---|---|\n| Crunches | A strong core |\n")


def test_findings_name_the_line_where_the_sentence_starts() -> None:
    text = "Fine.\n\nTry tibolone.\n\nAlso fine.\n\n- Take 6000 IU a day.\n"
    findings = lint(text)
    assert [(f.line, f.rule) for f in findings] == [(3, "hormone-therapy"), (7, "dose-above-limit")]
    assert findings[1].text == "- Take 6000 IU a day."
    assert isinstance(findings[0], SafetyFinding) and findings[0].match == "tibolone"


def test_a_sentence_wrapped_over_lines_is_judged_whole() -> None:
    assert lint("Estrogen therapy is\navoided in hormone-responsive cancers.\n") == []
    found = lint("Line one is fine.\nYou could take a\nbreak from your letrozole now.\n")
    assert [(f.line, f.rule) for f in found] == [(2, "stop-or-switch-ai")]


@pytest.mark.parametrize(
    ("text", "daily"),
    [
        ("Take 4000 IU of vitamin D a day.", False),
        ("Take 4001 IU of vitamin D a day.", True),
        ("Take 100 mcg of vitamin D a day.", False),
        ("Take 101 mcg of vitamin D a day.", True),
        ("Take 0.1 mg of vitamin D3 a day.", False),
        ("Take 0.11 mg of vitamin D3 a day.", True),
        ("Take 28,000 IU of vitamin D a week.", False),
        ("Take 28,700 IU of vitamin D a week.", True),
        ("Take 2000 mg of calcium a day.", False),
        ("Take 2.1 g of calcium a day.", True),
        ("Take a 350 mg magnesium tablet.", False),
        ("Take a 351 mg magnesium tablet.", True),
        ("Take 60,000 IU of vitamin D a month.", True),
        ("Take 2000 mg of calcium a day plus dairy.", True),
        ("Take 1,000 IU of vitamin D five times a day.", True),
        ("Take 1,000 IU of vitamin D three times a day.", False),
    ],
)
def test_amounts_are_judged_per_day_in_any_unit(text: str, daily: bool) -> None:
    assert bool(lint(text)) is daily


@pytest.mark.parametrize(
    ("text", "over"),
    [
        ("Take a 1,500 mg calcium tablet plus a litre of milk a day.", True),
        ("Take a 500 mg calcium tablet plus a litre of milk a day.", False),
        ("Take 1,000 mg of calcium on top of the 1,200 mg you get from food.", True),
        ("Take 500 mg of calcium on top of the 1,200 mg you get from food.", False),
        ("Take 800 to 1,000 mg of calcium a day.", False),
        ("About 700 mg from food plus a 500 mg tablet gives 1,200 mg of calcium.", False),
        ("The vitamin D drops are 1,000 IU each, so take five a day.", True),
        ("The vitamin D drops are 1,000 IU each, so take two a day.", False),
        ("Your calcium tablets are 600 mg each; take four a day.", True),
        ("Double up on your 4,000 IU of vitamin D in winter.", True),
        ("Double your 1,000 IU of vitamin D in winter.", True),  # any doubling word is a dose-up
        ("You are on vitamin D, so 8,000 a day is fine.", True),
        ("Take half a gram of magnesium at night.", True),
        ("Take a quarter of a gram of magnesium at night.", False),
        ("Take 3,000 IU of vitamin D as well as the 2,000 IU in your calcium tablet.", True),
        ("A 1,000 mg calcium tablet on top of three glasses of milk is too much.", False),
        ("Take 2,000 IU of vitamin D in the morning and 3,000 IU at night.", True),
        ("Take 1,000 IU of vitamin D in the morning and 1,000 IU at night.", False),
        ("Women need 1,200 mg of calcium a day and men 1,000 mg.", False),
        ("Take a 1,000 mg calcium tablet with each meal.", True),
        ("Take vitamin D 1,000 IU x 5 every day.", True),
        ("Take 20,000 IU of vitamin D once a week.", False),
        ("Take 20,000 IU of vitamin D twice a week.", True),
        ("Our gummies have 2,500 IU of vitamin D each, so have three with breakfast.", True),
    ],
)
def test_a_days_amount_told_in_parts_is_added_up(text: str, over: bool) -> None:
    assert bool(lint(text)) is over


# --- warning signs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Chest pain on a walk? That's normal.", True),
        ("Chest pain on a walk? Stop and call 999.", False),
        ("Jaw pain on denosumab is normal; no need to call your doctor.", True),
        ("Jaw pain on denosumab is not normal; call your doctor.", False),
        ("If you have no chest pain or dizziness, keep going.", False),
        ("Muscle soreness is normal, but chest pain is not.", False),
        ("Feeling dizzy on a run; keep going.", True),
        ("Thigh ache is normal after squats.", False),
        ("Thigh ache on alendronate is normal.", True),
    ],
)
def test_a_warning_sign_passes_only_with_a_call_to_the_team(text: str, flagged: bool) -> None:
    assert bool(lint(text)) is flagged


# --- robustness --------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_lint_never_crashes_on_any_text(text: str) -> None:
    for finding in lint(text):
        assert finding.rule in rule_names()
        assert 1 <= finding.line <= max(1, len(text.splitlines()))


_DECORATIONS = st.sampled_from(
    ["{}", "- {}", "* {}", "## {}", "**{}**", "> {}", "1. {}", "Note: {}", "{}  ", "_{}_"]
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(UNSAFE), _DECORATIONS, st.sampled_from(["", "Fine. ", "Walk daily.\n\n"]))
def test_markdown_decoration_does_not_hide_an_unsafe_sentence(
    sentence: str, decoration: str, before: str
) -> None:
    assert lint(before + decoration.format(sentence))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SAFE), _DECORATIONS)
def test_markdown_decoration_does_not_flag_a_safe_sentence(sentence: str, decoration: str) -> None:
    assert lint(decoration.format(sentence)) == []
