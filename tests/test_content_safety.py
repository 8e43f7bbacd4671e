"""The safety lint catches unsafe advice, lets safe negations through, and passes all content."""

from __future__ import annotations

from importlib import resources

import pytest

from coach.safety import RULES, lint, rule_names
from coach.topics import Topic, load_pages


def _content_files() -> list[str]:
    root = resources.files("coach.content")
    return sorted(entry.name for entry in root.iterdir() if entry.name.endswith(".md"))


@pytest.mark.parametrize("name", _content_files())
def test_content_file_is_clean(name: str) -> None:
    text = resources.files("coach.content").joinpath(name).read_text(encoding="utf-8")
    assert lint(text) == []


@pytest.mark.parametrize("page", load_pages(), ids=lambda p: p.id)
def test_displayed_markdown_is_clean(page: Topic) -> None:
    assert lint(page.markdown) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Ask your doctor about HRT.", "hormone-therapy"),
        ("Hormone replacement can protect your bones.", "hormone-therapy"),
        ("Estrogen cream may help with dryness and bone.", "hormone-therapy"),
        ("Try to boost your estrogen naturally.", "hormone-therapy"),
        ("Ask about testosterone.", "hormone-therapy"),
        ("Tibolone can help.", "hormone-therapy"),
        ("Peptide protocols rebuild bone.", "peptide-or-secretagogue"),
        ("Stop taking your letrozole.", "stop-or-switch-ai"),
        ("Switch to exemestane.", "stop-or-switch-ai"),
        ("You could switch to another AI.", "stop-or-switch-ai"),
        ("Take a break from letrozole for a month.", "stop-or-switch-ai"),
        ("If it hurts, pause your aromatase inhibitor.", "stop-or-switch-ai"),
        ("Don't worry, stop your anastrozole.", "stop-or-switch-ai"),
        ("Stop your letrozole and talk to your doctor.", "stop-or-switch-ai"),
        ("Your AI can be stopped for a while.", "stop-or-switch-ai"),
        ("Take 5,000 IU of vitamin D daily.", "dose-above-limit"),
        ("10000 IU/day", "dose-above-limit"),
        ("Take 10 000 IU of vitamin D a day.", "dose-above-limit"),
        ("Take 150 mcg of vitamin D each morning.", "dose-above-limit"),
        ("Take 2500 mg of calcium every day.", "dose-above-limit"),
        ("Take a 500 mg magnesium supplement.", "dose-above-limit"),
        ("Vitamin D prevents fractures.", "supplement-claim"),
        ("Vitamin K2 protects you against fractures.", "supplement-claim"),
        ("Take 50,000 IU a week.", "dose-above-limit"),
        ("Don't forget your 10,000 IU a day.", "dose-above-limit"),
        ("Do not exceed 10,000 IU a day.", "dose-above-limit"),
        ("Stop and switch your AI.", "stop-or-switch-ai"),
        ("Come off your anastrozole for a few weeks.", "stop-or-switch-ai"),
    ],
)
def test_unsafe_sentence_is_caught(text: str, rule: str) -> None:
    assert rule in [f.rule for f in lint(text)], lint(text)


@pytest.mark.parametrize(
    "text",
    [
        "Estrogen therapy is avoided in hormone-responsive cancers.",
        "never stop your aromatase inhibitor on your own — talk to your care team",
        "the upper limit is 4000 IU a day",
        "Do not stop or switch your AI on your own.",
        "Switching agent is a clinician's call.",
        "Decisions about your medicine belong with your care team.",
        "A trial prescribed 50,000 IU a week for 24 weeks to women low in vitamin D.",
        "High-dose vitamin D did not prevent joint pain.",
        "There is little evidence that vitamin K2 lowers fracture risk.",
        "Stop exercising and contact your care team.",
        "Women who stopped early had lower survival.",
        "Of those who switched to another AI, 39% could carry on.",
        "Estrogen falls very low on an aromatase inhibitor.",
        "Cancer cells can use estrogen to grow.",
        "Calcium: 1200 mg a day; the upper limit is 2000 mg.",
        "Vitamin D: 800 to 1000 IU a day.",
        "Take a break from exercise during a flare.",
        "Tibolone and testosterone are not an option after this cancer.",
        "Skip jumps on days when AI joint pain flares.",
        "Switch to the other leg and repeat.",
        "Your vitamin D this week: 7,000 IU a week.",
        "Never take 10,000 IU a day.",
        "10,000 IU a day is too much.",
    ],
)
def test_safe_sentence_passes(text: str) -> None:
    assert lint(text) == []


def test_rule_table_is_well_formed() -> None:
    names = rule_names()
    assert len(names) == len(set(names)) == len(RULES)
    for name in names:
        assert len(RULES[name]) > 20, name
