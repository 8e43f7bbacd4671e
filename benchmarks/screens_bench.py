"""Every screen opening and every key on a screen, until the screen settles, at 1, 10 and 30 years.

Each run is one process on a real 80x24 pseudo-terminal running ``screens_walk.py``: the coach
on a fresh copy of a demo diary, or the framework's floor (the bare Textual app pushing a screen
of similar widgets: ``bare_app.FloorApp``, a screen of panels, alone in its process; and
``bare_app.KindFloorApp``, a form as big as the check-in and Textual's Markdown showing the
walk's topics, in another, so neither floor carries the other's styles). Inside, the walk
opens every place from home (Check-in, History, Learn, Plan, Trends, Bone health, Profile,
Help), presses the screen's keys, and goes back home, ``--walks`` times; each key is timed from
posting its event until the screen has settled (messages handled, workers done, animations
over, painted: see screens_walk.py).
The first walk of a process opens each screen for the first time in a session (modules imported,
CSS parsed): "first open" figures, and each key's "first press" (Trends' "all time" reads the
weeks kept beside the file and the records after them; in a first session on the file, with
none kept, the whole history, in steps on a long diary: the step ends when the read does, and
a walk a round measures that too; how long a key typed meanwhile waits is typing_bench.py's);
later walks give the "again" figures. One round
runs the floor and every size, the order reversed every other round; medians over rounds and
walks.

Targets (issue 15): at 30 years every opening and key within 1.3x its 1-year time; at 10 years
within 100 ms, or within the floor where Textual itself needs more (floor of the same kind:
opening a screen, a key, going back; a key whose work is to open a screen, such as ctrl+s
opening the check-in's summary, is beside opening one).

Keys come back to back (each as soon as the last has settled), so the app is never idle. Each
closed screen is collected by the key that closed it, once Textual has removed it
(screens/long_lived.py: 1 to 25 ms at 10 years, the same at every size). Before, Python's own
full passes (60-240 ms each, freeing every screen closed since the last one) landed inside
whichever key crossed the collector's allocation threshold, which depended on how much every
step before it allocated, not on the key's own work: Trends' first opening and History: enter
read up to 2x their time without a pass.

Run: python benchmarks/screens_bench.py [--repeats 5] [--walks 3] [--years 1 10 30] [--quick]
Takes about 7 minutes with the defaults (a walk takes 5-10 s). Single steps vary by +-30 %
between runs on a shared machine; more --repeats narrow that.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _common import (
    HERE,
    Row,
    bench_args,
    bench_parser,
    compile_project,
    diaries,
    finish,
    growth_row,
    interleaved,
    median,
    ms,
    pty_json_job,
    ratio_row,
    size_label,
)

TEN_YEAR_MS = 100
HEADLINE = ("Trends: open (t)", "Plan: open (p)")
PANEL_FLOOR = "Floor screen"
# Steps whose work is Textual building a form or a document: beside the floor of that kind (the
# bare app opening a form of as many stock widgets, or Textual's Markdown showing the same
# topic). Every other step is beside the panel floor of its kind (open, key, back).
FLOOR_OF = {
    "Check-in: open (c)": "Form floor: open (f)",
    "Profile: open (e)": "Form floor: open (f)",
    "Bone health: open (b)": "Form floor: open (f)",
    "History: enter": "Form floor: open (f)",  # opens that day's check-in form
    "Check-in: back (escape)": "Form floor: back (escape)",
    "Profile: back (escape)": "Form floor: back (escape)",
    "Bone health: back (escape)": "Form floor: back (escape)",
    "Check-in: enter": "Form floor: tab",  # Enter moves to the next field, as tab does
    "Profile: tab": "Form floor: tab",
    "Profile: tab #2": "Form floor: tab",
    "Profile: shift+tab": "Form floor: tab",
    "Learn: enter": "Document floor: enter",
    "Learn: n": "Document floor: n",
    # keys whose work is pushing a screen of panels: beside the bare app pushing one
    "Check-in: ctrl+s": f"{PANEL_FLOOR}: open (t)",  # saves, then the summary screen opens
    "Plan: w": f"{PANEL_FLOOR}: open (t)",  # the "why this plan" dialog
    "Trends: m": f"{PANEL_FLOOR}: open (t)",  # the metric picker
}
Steps = list[dict[str, Any]]
# Trends' "all time" of a diary of years reads the weeks kept beside the file (store/weeks.py:
# the demo keeps them, as any earlier session that showed "all time" would) and the records
# after them. A first session on the file, with none kept, reads every record: measured too,
# by one walk a round on a copy without them, from this size on (a year is read whole anyway).
FIRST_SESSION_FROM = 10
FIRST = "-first"
FIRST_SESSION_STEPS = ("Trends: 4",)


def walk_job(
    folder: Path, extra: list[str], walks: int, diary: Path | None, *, kept_weeks: bool = True
) -> Callable[[], Steps]:
    argv = [sys.executable, str(HERE / "screens_walk.py"), *extra, "--walks", str(walks)]
    walk = pty_json_job(folder, argv, diary, timeout=900, kept_weeks=kept_weeks)

    def run() -> Steps:
        result = walk()
        if result["timeouts"]:
            print(f"warning: {result['timeouts']} settle timeouts in {argv}", file=sys.stderr)
        return result["steps"]

    return run


def medians(runs: list[Steps], first: bool) -> dict[str, float]:
    """Label -> median seconds, over the first walks (``first``) or all later ones."""
    values: dict[str, list[float]] = defaultdict(list)
    for steps in runs:
        for step in steps:
            if (step["walk"] == 0) == first:
                values[step["label"]].append(step["seconds"])
    return {label: median(v) for label, v in values.items()}


def kinds(runs: list[Steps]) -> dict[str, str]:
    return {s["label"]: s["kind"] for steps in runs for s in steps}


def main(argv: Sequence[str] | None = None) -> int:
    parser = bench_parser(__doc__, repeats=5)
    parser.add_argument("--walks", type=int, help="walks per process (default 3; --quick 2)")
    args = bench_args(parser, argv)
    walks = max(2, args.walks or (2 if args.quick else 3))  # walk 1 is first opens only
    compile_project()
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        jobs = {
            "floor": walk_job(Path(tmp) / "floor", ["--floor"], walks, None),
            "kinds": walk_job(Path(tmp) / "kinds", ["--kind-floors"], walks, None),
        }
        for years, diary in made.items():
            jobs[str(years)] = walk_job(Path(tmp) / f"{years}y", [], walks, diary)
            if years >= FIRST_SESSION_FROM:  # no weeks kept: what the first session reads
                folder = Path(tmp) / f"{years}y-first"
                jobs[f"{years}{FIRST}"] = walk_job(folder, [], 1, diary, kept_weeks=False)
        samples = interleaved(jobs, args.repeats, warmup=0)
    first_session = {
        int(y.removesuffix(FIRST)): medians(samples.pop(y), first=True)
        for y in list(samples)
        if y.endswith(FIRST)
    }
    kind = kinds(samples["1" if 1 in args.years else str(args.years[0])])
    floor_runs, kind_runs = samples.pop("floor"), samples.pop("kinds")
    floor_kind, by_kind = kinds(floor_runs), defaultdict(list)
    floor_again = {**medians(floor_runs, first=False), **medians(kind_runs, first=False)}
    floor_first = {**medians(floor_runs, first=True), **medians(kind_runs, first=True)}
    for label, seconds in floor_again.items():
        if label.startswith(PANEL_FLOOR):
            by_kind[floor_kind[label]].append(seconds)
    floor = {k: median(v) for k, v in by_kind.items()}
    first_keys = [
        v for k, v in floor_first.items() if k.startswith(PANEL_FLOOR) and floor_kind[k] == "key"
    ]
    floor_first_key = median(first_keys)  # the floor walk presses keys on its screen
    again = {int(y): medians(runs, first=False) for y, runs in samples.items()}
    first = {int(y): medians(runs, first=True) for y, runs in samples.items()}
    labels = [label for label in kind if all(label in again[y] for y in again)]
    rows: list[Row] = []
    for label in labels:
        own = FLOOR_OF.get(label)
        if kind[label] == "open":
            first_label = label.replace(": open", ": first open in a session")
            first_floor = floor_first[own or f"{PANEL_FLOOR}: open (t)"]
            rows += step_rows(first_label, first, label, first_floor, own)
        step_floor = floor_again[own] if own else floor.get(kind[label], 0.0)
        if kind[label] == "key":  # its first press may do work later ones find done
            first_floor = floor_first[own] if own else floor_first_key
            rows += step_rows(f"{label} (first press)", first, label, first_floor, own)
        rows += step_rows(label, again, label, step_floor, own)
    if first_session and 1 in first:
        for label in FIRST_SESSION_STEPS:
            figures = {1: first[1], **first_session}
            rows += step_rows(
                f"{label} (first press, first session: no kept weeks)",
                figures,
                label,
                floor_first_key,
            )
    others = {k: v for k, v in floor_again.items() if not k.startswith(PANEL_FLOOR)}
    how = (
        f"{args.repeats} processes per size x {walks} walks (the first walk = first opens); "
        "medians; 80x24 pty; floor (bare Textual app): panels "
        + ", ".join(f"{k} {ms(v)}" for k, v in floor.items())
        + f", first open {ms(floor_first[f'{PANEL_FLOOR}: open (t)'])}; "
        + ", ".join(f"{k} {ms(v)}" for k, v in others.items())
    )
    return finish("screens", how, rows, args.json, show=print_overview)


def step_rows(
    what: str,
    figures: dict[int, dict[str, float]],
    label: str,
    floor: float,
    floor_name: str | None = None,
) -> list[Row]:
    """One step at every size beside the floor (the 10-year row carries its target), and its
    30-year time beside its 1-year time."""
    rows = []
    headline = label in HEADLINE
    base = f"floor: {floor_name.split(':')[0].lower()}" if floor_name else "floor"
    for years, by_label in figures.items():
        t = by_label[label]
        row = ratio_row(what, size_label(years), t, floor, base_name=base, key=headline)
        if years == 10:
            limit = max(TEN_YEAR_MS / 1000, floor)
            row = Row(**{**row.__dict__, "target": f"<= {ms(limit)}", "ok": t <= limit})
        rows.append(row)
    return rows + growth_row(what, {y: by[label] for y, by in figures.items()}, key=headline)


def print_overview(rows: Sequence[Row]) -> None:
    """One line a step: its time at each size, the floor, and the two verdicts."""
    table: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in rows:
        table[row.what][row.size] = row
    sizes = [s for s in ("1 y", "10 y", "30 y") if any(s in by_size for by_size in table.values())]
    head = ["step", *sizes, "floor", "30 y / 1 y", "10 y target", "growth"]
    lines = []
    for what, by_size in table.items():
        some = next(iter(by_size.values()))
        ten, growth = by_size.get("10 y"), by_size.get("30 y / 1 y")
        lines.append(
            [
                what,
                *(by_size[s].figure if s in by_size else "" for s in sizes),
                some.baseline.split(" (")[0] + ("" if "(floor)" in some.baseline else " *"),
                f"{growth.ratio:.2f}x" if growth else "",
                ten.verdict if ten else "",
                growth.verdict if growth else "",
            ]
        )
    widths = [max(len(str(c)) for c in column) for column in zip(head, *lines, strict=True)]
    for cells in (head, *lines):
        print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
    verdicts = [r.ok for r in rows if r.ok is not None]
    print(
        "* beside the floor of its kind: a form of as many stock widgets, Textual's Markdown, "
        "or the bare app opening its screen (a key that opens a screen)"
    )
    print(f"targets met: {sum(verdicts)} of {len(verdicts)}")


if __name__ == "__main__":
    raise SystemExit(main())
