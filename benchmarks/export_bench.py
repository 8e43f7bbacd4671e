"""Export (json, csv, fhir) and import: time and peak memory at 1, 10 and 30 years.

Each figure is a whole process (``bonecoach export --format F --out FILE`` and ``bonecoach
import FILE`` into an empty data file), its wall time and its own peak RSS (``ru_maxrss`` from
wait4: the high-water mark, not a sample). Rounds run every command on every size, the order
reversed every other round; medians are compared.

Baselines and targets (issue 15):

- linear in size: the cost of each extra day from 10 to 30 years is at most 1.3x the cost of
  each extra day from 1 to 10 years (a fixed start-up cost is allowed; growth faster than the
  data is not);
- flat memory: the peak at 30 years is at most 1.5x the 1-year peak plus the output (for
  import: the input file), i.e. at most one copy of the text is held beside a small working set;
- FHIR: the whole export at most 2x a process that encodes the same bundle with the C JSON
  encoder and writes it (``json.dumps`` without indent; the child's time to load the bundle
  from disk is measured by the child and taken out of its wall time).

Run: python benchmarks/export_bench.py [--repeats 3] [--years 1 10 30] [--quick]
Takes about 2 minutes with 3 repeats (a 30-year FHIR export takes seconds each).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from _common import (
    ChildRun,
    Row,
    bench_args,
    bench_parser,
    bonecoach_argv,
    compile_project,
    days_of,
    diaries,
    empty_folder,
    finish,
    fresh_copy,
    interleaved,
    median,
    mib,
    ms,
    ratio_row,
    run_child,
    size_label,
)

FORMATS = ("json", "csv", "fhir")
LINEAR_LIMIT, MEMORY_FACTOR, FHIR_LIMIT = 1.3, 1.5, 2.0
# The FHIR baseline: load the bundle (timed by the child and subtracted), encode it with the
# C encoder (indent=None is what selects it), write it.
ENCODE_BASELINE = """
import json, sys, time
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    bundle = json.load(f)
loaded = time.perf_counter() - start
text = json.dumps(bundle, ensure_ascii=False) + "\\n"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text)
print(loaded)
"""


def export_argv(data: Path, fmt: str, out: Path) -> list[str]:
    """Each run writes over the last one's output (``--force``: the command refuses to replace
    a file without it)."""
    argv = [*bonecoach_argv(), "export", "--format", fmt, "--out", str(out), "--data", str(data)]
    return [*argv, "--force"]


def import_job(source: Path, folder: Path) -> Callable[[], ChildRun]:
    """Import an export into a new, empty data file (made afresh for every run)."""

    def run() -> ChildRun:
        target = empty_folder(folder) / "bonecoach.json"
        return run_child([*bonecoach_argv(), "import", str(source), "--data", str(target)])

    return run


def encode_job(bundle: Path, out: Path, folder: Path) -> Callable[[], ChildRun]:
    said = folder / "loaded.txt"

    def run() -> ChildRun:
        child = run_child(
            [sys.executable, "-c", ENCODE_BASELINE, str(bundle), str(out)], stdout=said
        )
        loaded = float(said.read_text())
        return ChildRun(child.seconds - loaded, child.peak_rss_kib, child.returncode)

    return run


def main(argv: Sequence[str] | None = None) -> int:
    args = bench_args(bench_parser(__doc__, repeats=3), argv)
    compile_project()
    jobs: dict[str, Callable[[], ChildRun]] = {}
    out_size: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, diaries(args.diaries, args.years) as made:
        base = Path(tmp)
        for years, diary in made.items():
            data = fresh_copy(diary, base / f"{years}y")
            for fmt in FORMATS:
                out = base / f"{years}y-out" / f"export.{fmt}"
                out.parent.mkdir(exist_ok=True)
                jobs[f"{fmt}|{years}"] = partial(run_child, export_argv(data, fmt, out))
            exported = base / f"{years}y-in" / "export.json"
            fhir = base / f"{years}y-in" / "bundle.json"
            exported.parent.mkdir()
            run_child(export_argv(data, "json", exported))  # inputs for import and the baseline
            run_child(export_argv(data, "fhir", fhir))
            jobs[f"import|{years}"] = import_job(exported, base / f"{years}y-import")
            jobs[f"C encoder|{years}"] = encode_job(fhir, base / f"{years}y-c.json", base)
        samples = interleaved(jobs, args.repeats, warmup=0 if args.quick else 1)
        for years in made:
            for fmt in FORMATS:
                out_size[f"{fmt}|{years}"] = (
                    (base / f"{years}y-out" / f"export.{fmt}").stat().st_size
                )
            out_size[f"import|{years}"] = (base / f"{years}y-in" / "export.json").stat().st_size
    time = {key: median([r.seconds for r in runs]) for key, runs in samples.items()}
    peak = {key: median([r.peak_rss_kib for r in runs]) for key, runs in samples.items()}
    rows: list[Row] = []
    for what in (*FORMATS, "import"):
        label = f"export {what}" if what in FORMATS else "import (a JSON export)"
        for years in args.years:
            key = f"{what}|{years}"
            figure = f"{ms(time[key])} ({mib(peak[key])})"
            if what == "fhir":
                base_key = f"C encoder|{years}"
                row = ratio_row(
                    "export fhir vs C JSON encoder (peak)",
                    size_label(years),
                    time[key],
                    time[base_key],
                    fmt=lambda s: ms(s),
                    base_name=f"C encoder, peak {mib(peak[base_key])}",
                    limit=FHIR_LIMIT,
                    key=True,
                )
                rows.append(Row(**{**row.__dict__, "figure": figure}))
            else:
                rows.append(Row(f"{label}: time (peak RSS)", size_label(years), figure, "—", None))
        rows += growth_rows(label, args.years, time, peak, out_size, what)
    how = f"whole processes, medians of {args.repeats} interleaved runs"
    return finish("export", how, rows, args.json)


def growth_rows(
    label: str,
    years: Sequence[int],
    time: dict[str, float],
    peak: dict[str, float],
    out_size: dict[str, int],
    what: str,
) -> list[Row]:
    """Linear time (cost per extra day stays flat) and flat memory, if the sizes allow."""
    rows = []
    low, high = years[0], years[-1]
    if low != high:
        limit_kib = MEMORY_FACTOR * peak[f"{what}|{low}"] + out_size[f"{what}|{high}"] / 1024
        top = peak[f"{what}|{high}"]
        rows.append(
            Row(
                f"{label}: peak RSS",
                f"{high} y",
                mib(top),
                f"{mib(peak[f'{what}|{low}'])} at {low} y",
                top / peak[f"{what}|{low}"],
                f"<= 1.5x {low} y + output = {mib(limit_kib)}",
                top <= limit_kib,
                key=what == "fhir",
            )
        )
    if len(years) == 3:
        a, b, c = years
        early = (time[f"{what}|{b}"] - time[f"{what}|{a}"]) / (days_of(b) - days_of(a))
        late = (time[f"{what}|{c}"] - time[f"{what}|{b}"]) / (days_of(c) - days_of(b))
        rows.append(
            ratio_row(
                f"{label}: time per extra 1,000 days",
                f"{b}-{c} y",
                late * 1000,
                early * 1000,
                base_name=f"{a}-{b} y",
                limit=LINEAR_LIMIT,
            )
        )
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
