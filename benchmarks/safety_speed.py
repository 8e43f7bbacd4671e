"""How long the safety lint takes over everything the coach shows, beside a baseline revision.

Run: ``.venv/bin/python benchmarks/safety_speed.py [--baseline REV] [--repeat N]``

The tests lint every topic, the glossary, the README, every exercise how-to and every sentence
set, so a slower lint makes the whole suite slower. This script lints that same text with the
current ``coach/safety.py`` and with the one at ``REV`` (default ``HEAD``; both modules of the
lint, ``safety.py`` and ``safety_rules.py``, are loaded from git), alternating runs so that
machine noise hits both alike, and prints the median time of each and their ratio.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.exercises import EXERCISES  # noqa: E402
from coach.safety import lint as current_lint  # noqa: E402


def corpus() -> list[str]:
    """Texts the tests lint: topics, README, how-tos, and every sentence of the sets."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "coach/content").glob("*.md"))]
    texts.append((ROOT / "README.md").read_text(encoding="utf-8"))
    texts += [e.name + "\n" + e.how_to for e in EXERCISES]
    for path in sorted((ROOT / "tests/safety_sets").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [line for line in lines if line.strip() and not line.startswith("#")]
    return texts


def _git_show(rev: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def baseline_lint(rev: str) -> Callable[[str], list]:
    """lint() of the safety modules at git revision ``rev``."""
    rules = types.ModuleType("baseline_safety_rules")
    sys.modules[rules.__name__] = rules
    exec(compile(_git_show(rev, "coach/safety_rules.py"), "baseline rules", "exec"), rules.__dict__)
    source = _git_show(rev, "coach/safety.py").replace(
        "from coach.safety_rules import", "from baseline_safety_rules import"
    )
    module = types.ModuleType("baseline_safety")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{rev}:coach/safety.py", "exec"), module.__dict__)
    return module.lint


def _time(lint: Callable[[str], list], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        lint(text)
    return time.perf_counter() - start


def main() -> None:
    args = sys.argv[1:]
    rev = args[args.index("--baseline") + 1] if "--baseline" in args else "HEAD"
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 5
    texts = corpus()
    base = baseline_lint(rev)
    current_lint("warm up")
    base("warm up")
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(_time(current_lint, texts))
        theirs.append(_time(base, texts))
    mine, baseline = statistics.median(ours), statistics.median(theirs)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} texts, {chars} characters, median of {repeat} runs")
    print(f"current lint        {mine * 1000:8.0f} ms")
    print(f"baseline ({rev[:12]:<10}) {baseline * 1000:8.0f} ms")
    print(f"ratio current/baseline {mine / baseline:.2f}")


if __name__ == "__main__":
    main()
