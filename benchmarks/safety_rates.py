"""Catch and false-positive rates of the safety lint on the sentence sets in tests/safety_sets.

Run: ``.venv/bin/python benchmarks/safety_rates.py`` (add ``-v`` to list every miss and every
wrongly flagged sentence).

Each set pairs an unsafe file (every sentence should be flagged) with a safe file (none should
be). "catch" is flagged unsafe sentences / unsafe sentences; "false positives" is flagged safe
sentences / safe sentences. The held-out sets were written before the rounds of tuning named in
their headers and were never edited to pass. ``--baseline REV`` also measures the lint of a git
revision (e.g. the one before the redesign) on the same sets. Exit code is always 0: this is a
report; tests/test_safety_lint.py asserts the bars (catch >= 95%, false positives
<= 5%).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.safety import lint as current_lint  # noqa: E402

SETS = ROOT / "tests" / "safety_sets"
PAIRS = (
    ("main", "unsafe.txt", "safe.txt"),
    ("targeted (one entry each)", "targeted_unsafe.txt", "targeted_safe.txt"),
    ("held out, before tuning", "holdout_unsafe.txt", "holdout_safe.txt"),
    ("held out, round 2", "round2_unsafe.txt", "round2_safe.txt"),
    ("held out, round 3", "round3_unsafe.txt", "round3_safe.txt"),
    ("held out, round 4", "round4_unsafe.txt", "round4_safe.txt"),
    ("held out, round 5", "round5_unsafe.txt", "round5_safe.txt"),
    ("review paraphrases (tuned)", "round6_unsafe.txt", "round6_safe.txt"),
    ("held out, round 7", "round7_unsafe.txt", "round7_safe.txt"),
    ("held out, round 8", "round8_unsafe.txt", "round8_safe.txt"),
    ("held out, round 9", "round9_unsafe.txt", "round9_safe.txt"),
    ("held out, round 10", "round10_unsafe.txt", "round10_safe.txt"),
    ("held out, round 11", "round11_unsafe.txt", "round11_safe.txt"),
    ("held out, round 12", "round12_unsafe.txt", "round12_safe.txt"),
    ("review paraphrases 2 (tuned)", "round13_unsafe.txt", "round13_safe.txt"),
    ("held out, round 14", "round14_unsafe.txt", "round14_safe.txt"),
    ("held out, round 15", "round15_unsafe.txt", "round15_safe.txt"),
    ("class enumeration (tuned)", "round16_unsafe.txt", "round16_safe.txt"),
    ("review paraphrases 3 (tuned)", "round17_unsafe.txt", "round17_safe.txt"),
    ("class enumeration 2 (tuned)", "round18_unsafe.txt", "round18_safe.txt"),
    ("held out, round 19", "round19_unsafe.txt", "round19_safe.txt"),
    ("review paraphrases 4 (tuned)", "round20_unsafe.txt", "round20_safe.txt"),
    ("class enumeration 3 (tuned)", "round21_unsafe.txt", "round21_safe.txt"),
    ("class enumeration 4 (tuned)", "round22_unsafe.txt", "round22_safe.txt"),
    ("held out, round 23", "round23_unsafe.txt", "round23_safe.txt"),
    ("review paraphrases 5 (tuned)", "round24_unsafe.txt", "round24_safe.txt"),
    ("class enumeration 5 (tuned)", "round25_unsafe.txt", "round25_safe.txt"),
    ("class enumeration 6 (tuned)", "round26_unsafe.txt", "round26_safe.txt"),
    ("class enumeration 7 (tuned)", "round27_unsafe.txt", "round27_safe.txt"),
    ("stress lines (tuned)", "round28_unsafe.txt", "round28_safe.txt"),
    ("held out, round 29", "round29_unsafe.txt", "round29_safe.txt"),
    ("review paraphrases 6 (tuned)", "round30_unsafe.txt", "round30_safe.txt"),
    ("review classes 7 (tuned)", "round31_unsafe.txt", "round31_safe.txt"),
    ("fresh round 32, then tuned", "round32_unsafe.txt", "round32_safe.txt"),
    ("fresh round 33, then tuned", "round33_unsafe.txt", "round33_safe.txt"),
    ("review classes 8 (tuned)", "round34_unsafe.txt", "round34_safe.txt"),
    ("fresh round 35, then tuned", "round35_unsafe.txt", "round35_safe.txt"),
    ("told afterwards 36 (tuned)", "round36_unsafe.txt", "round36_safe.txt"),
    ("review classes 9 (tuned)", "round37_unsafe.txt", "round37_safe.txt"),
    ("fresh round 38, then tuned", "round38_unsafe.txt", "round38_safe.txt"),
    ("held-out classes 39 (tuned)", "round39_unsafe.txt", "round39_safe.txt"),
)


def load(name: str) -> list[str]:
    lines = (SETS / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def baseline_lint(rev: str):
    """The lint() of coach/safety.py at git revision ``rev``, loaded from git show."""
    import subprocess
    import types

    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:coach/safety.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("baseline_safety")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{rev}:coach/safety.py", "exec"), module.__dict__)
    return module.lint


def main(lint=current_lint, verbose: bool = False) -> None:
    total_unsafe = total_caught = total_safe = total_flagged = 0
    print(f"{'set':<28} {'catch':>16} {'false positives':>18}")
    for label, unsafe_file, safe_file in PAIRS:
        unsafe, safe = load(unsafe_file), load(safe_file)
        missed = [s for s in unsafe if not lint(s)]
        flagged = [s for s in safe if lint(s)]
        caught = len(unsafe) - len(missed)
        print(
            f"{label:<28} {caught:>4}/{len(unsafe):<4} {caught / len(unsafe):6.1%}"
            f" {len(flagged):>6}/{len(safe):<4} {len(flagged) / len(safe):6.1%}"
        )
        if verbose:
            for s in missed:
                print(f"    missed:  {s}")
            for s in flagged:
                print(f"    flagged: {s}  {[f.rule for f in lint(s)]}")
        total_unsafe += len(unsafe)
        total_caught += caught
        total_safe += len(safe)
        total_flagged += len(flagged)
    print(
        f"{'all':<28} {total_caught:>4}/{total_unsafe:<4} {total_caught / total_unsafe:6.1%}"
        f" {total_flagged:>6}/{total_safe:<4} {total_flagged / total_safe:6.1%}"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    print("current lint")
    main(verbose="-v" in args)
    if "--baseline" in args:
        rev = args[args.index("--baseline") + 1]
        print(f"\nbaseline: coach/safety.py at {rev}")
        main(baseline_lint(rev), verbose="-v" in args)
