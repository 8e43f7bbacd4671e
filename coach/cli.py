"""Command line: the composition root. Parses arguments, opens the store, runs a command or the TUI.

This is the one module of coach/ allowed to import store/ and screens/, and it does so inside
functions so that ``bonecoach status`` in a login script stays quick. User errors print one
readable line on stderr (exit 2 for bad input, 1 for a store problem), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from coach import __version__
from coach.models import (
    ACTIVITY_LEVELS,
    AI_DRUGS,
    BONE_STATUSES,
    CHECKIN_RANGES,
    EQUIPMENT,
    PROFILE_RANGES,
    RED_FLAGS,
    RISK_FACTORS,
    SMOKER_CHOICES,
    CheckIn,
    Profile,
    ValidationError,
    check_profile_against_today,
    parse_yes_no,
)

if TYPE_CHECKING:
    from store.db import Store

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the person at the keyboard: one line, exit status 2, nothing written."""


class Parser(argparse.ArgumentParser):
    """argparse, but errors are one line (no usage dump) as the CLI promises."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _today() -> date:
    return date.today()


# --------------------------------------------------------------------------- argument types


def _ranged(field: str, ranges: dict) -> Callable[[str], int | float]:
    spec = ranges[field]

    def parse(text: str) -> int | float:
        try:
            return spec.parse(field, text)
        except ValidationError as error:
            raise argparse.ArgumentTypeError(error.message) from None

    parse.__name__ = field  # argparse names the type in some messages
    return parse


def _ranged_int(low: int, high: int, name: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high} (got {text!r})"
            )
        return value

    parse.__name__ = name
    return parse


def _float_range(low: float, high: float, name: str) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not low <= value <= high:  # NaN fails too
            raise argparse.ArgumentTypeError(
                f"must be a number from {low:g} to {high:g} (got {text!r})"
            )
        return value

    parse.__name__ = name
    return parse


def _yes_no(text: str) -> bool:
    try:
        return parse_yes_no("value", text)
    except ValidationError:
        raise argparse.ArgumentTypeError(f"must be yes or no (got {text!r})") from None


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD (got {text!r})") from None


def _red_flag(text: str) -> str:
    if text not in RED_FLAGS:
        raise argparse.ArgumentTypeError(f"must be one of {', '.join(RED_FLAGS)} (got {text!r})")
    return text


# --------------------------------------------------------------------------- parser


def build_parser() -> Parser:
    """All commands; every one accepts ``--data PATH``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="PATH",
        default=argparse.SUPPRESS,  # so "bonecoach --data X cmd" is not reset by cmd's default
        help="data file to use (default: $BONECOACH_DATA, else the user data folder)",
    )
    parser = Parser(
        prog="bonecoach",
        parents=[common],
        description="A terminal coach for bone health on aromatase inhibitors. "
        "Education and self-tracking, not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"bonecoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    checkin = sub.add_parser(
        "checkin",
        parents=[common],
        help="record a check-in without the TUI",
        description="Record (or add to) a day's check-in. Only the fields given are changed.",
    )
    checkin.add_argument("--date", type=_iso_date, help="YYYY-MM-DD (default: today)")
    option_fields = {
        "--pain": "pain",
        "--interference": "interference",
        "--aerobic-min": "aerobic_min",
        "--resistance-min": "resistance_min",
        "--balance-min": "balance_min",
        "--calcium-mg": "calcium_food_mg",
        "--calcium-supplement-mg": "calcium_supplement_mg",
        "--vitamin-d-iu": "vitamin_d_iu",
        "--fatigue": "fatigue",
        "--mood": "mood",
        "--alcohol-units": "alcohol_units",
        "--caffeine-drinks": "caffeine_drinks",
    }
    for flag, field in option_fields.items():
        spec = CHECKIN_RANGES[field]
        checkin.add_argument(
            flag,
            dest=field,
            type=_ranged(field, CHECKIN_RANGES),
            metavar="N",
            help=f"{spec.label}: {spec.describe()}",
        )
    for flag, field, text in (
        ("--ai-taken", "ai_taken", "took the aromatase inhibitor today"),
        ("--smoked", "smoked", "smoked today"),
        ("--fall", "fall", "had a fall today"),
        ("--fall-injured", "fall_injured", "the fall caused an injury"),
    ):
        checkin.add_argument(flag, dest=field, type=_yes_no, metavar="yes|no", help=text)
    checkin.add_argument(
        "--red-flag",
        dest="red_flags",
        action="append",
        type=_red_flag,
        metavar="NAME",
        help=f"a symptom that needs care (repeatable): {', '.join(RED_FLAGS)}",
    )
    checkin.add_argument("--note", help="free text, up to 500 characters")
    checkin.set_defaults(handler=cmd_checkin)

    export = sub.add_parser("export", parents=[common], help="export your data")
    export.add_argument("--format", choices=("json", "csv", "fhir"), default="json")
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    export.set_defaults(handler=cmd_export)

    importer = sub.add_parser("import", parents=[common], help="import a JSON export")
    importer.add_argument("file", metavar="FILE")
    importer.set_defaults(handler=cmd_import)

    status = sub.add_parser(
        "status",
        parents=[common],
        help="one line for a login script; exit 0 if checked in today, else 1",
    )
    status.set_defaults(handler=cmd_status)

    doctor = sub.add_parser("doctor", parents=[common], help="check the data file or restore")
    doctor.add_argument("--restore", metavar="BACKUP", help="restore this backup file")
    doctor.set_defaults(handler=cmd_doctor)

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help="a synthetic patient: open the coach on it, or write it to --data PATH",
        description="Without --data: opens the coach on a synthetic patient in a temporary "
        "file that is deleted on exit (your own data is never opened). With --data PATH: writes "
        "the synthetic patient's data file to PATH (refusing to overwrite a file) and exits.",
    )
    demo.add_argument(
        "--days",
        type=_ranged_int(1, 3650, "days"),
        default=365,
        metavar="N",
        help="days of history, 1-3650 (default 365)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="random seed; the same seed gives the same patient (default 1)",
    )
    demo.set_defaults(handler=cmd_demo)

    report = sub.add_parser(
        "report",
        parents=[common],
        help="a visit summary for your care team (Markdown or a printable HTML page)",
    )
    report.add_argument(
        "--days",
        type=_ranged_int(1, 3650, "days"),
        default=90,
        metavar="N",
        help="the period: the last N days (default 90)",
    )
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    report.set_defaults(handler=cmd_report)

    assess = sub.add_parser(
        "assess",
        parents=[common],
        help="what the AIBL 2017 and ASCO 2019 guidelines say for a T-score and risk factors",
        description="A quick guideline check for a clinician; touches no data file. "
        "Without --t-score it means no DXA scan yet.",
    )
    assess.add_argument(
        "--t-score",
        type=_float_range(-6.0, 4.0, "T-score"),
        metavar="X",
        help="lowest T-score of lumbar spine, total hip, femoral neck (-6 to 4)",
    )
    assess.add_argument(
        "--risk",
        nargs="+",
        action="extend",
        default=[],
        metavar="NAME",
        choices=tuple(RISK_FACTORS),
        help="risk factors: " + ", ".join(RISK_FACTORS),
    )
    assess.add_argument(
        "--frax-major",
        type=_float_range(0, 100, "FRAX"),
        metavar="P",
        help="FRAX 10-year major osteoporotic fracture risk, %%",
    )
    assess.add_argument(
        "--frax-hip",
        type=_float_range(0, 100, "FRAX"),
        metavar="P",
        help="FRAX 10-year hip fracture risk, %%",
    )
    assess.add_argument("--json", action="store_true", help="print as JSON")
    assess.set_defaults(handler=cmd_assess)

    plan = sub.add_parser(
        "plan",
        parents=[common],
        help="print the exercise plan (made if there is none; adapted to recent check-ins)",
    )
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.add_argument(
        "--week", type=_ranged_int(1, 12, "week"), metavar="N", help="only week N (1-12)"
    )
    plan.add_argument(
        "--regenerate",
        action="store_true",
        help="make a new plan from today (e.g. after changing the profile)",
    )
    plan.set_defaults(handler=cmd_plan)

    profile = sub.add_parser(
        "profile",
        parents=[common],
        help="show or change the profile",
        description="Keys: " + "; ".join(f"{k} ({v[1]})" for k, v in PROFILE_KEYS.items()),
    )
    profile.add_argument("--set", dest="assignments", nargs="+", metavar="KEY=VALUE", default=[])
    profile.add_argument("--json", action="store_true", help="print as JSON")
    profile.set_defaults(handler=cmd_profile)
    return parser


# --------------------------------------------------------------------------- profile keys


def _choice_parser(allowed: Sequence[str]) -> Callable[[str, str], str]:
    def parse(key: str, text: str) -> str:
        value = text.strip().lower()
        if value not in allowed:
            raise ValidationError(key, f"must be one of {', '.join(allowed)} (got {text!r})")
        return value

    return parse


def _list_parser(allowed: Sequence[str]) -> Callable[[str, str], tuple[str, ...]]:
    def parse(key: str, text: str) -> tuple[str, ...]:
        items = tuple(i.strip().lower() for i in text.split(",") if i.strip())
        bad = [i for i in items if i not in allowed]
        if bad:
            raise ValidationError(
                key, f"must be a comma list of {', '.join(allowed)} (got {bad[0]!r})"
            )
        return items

    return parse


def _range_parser(key: str, text: str) -> int | float:
    return PROFILE_RANGES[key].parse(key, text)


def _date_parser(key: str, text: str) -> date | None:
    if text.strip().lower() in ("", "none"):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(key, f"must be a date as YYYY-MM-DD (got {text!r})") from None


PROFILE_KEYS: dict[str, tuple[Callable[[str, str], Any], str]] = {
    "name": (lambda k, t: t.strip(), "text, up to 40 characters"),
    "birth_year": (_range_parser, PROFILE_RANGES["birth_year"].describe()),
    "ai_drug": (_choice_parser(AI_DRUGS), "|".join(AI_DRUGS)),
    "ai_start": (_date_parser, "YYYY-MM-DD"),
    "smoker": (_choice_parser(SMOKER_CHOICES), "|".join(SMOKER_CHOICES)),
    "activity": (_choice_parser(ACTIVITY_LEVELS), "|".join(ACTIVITY_LEVELS)),
    "days_per_week": (_range_parser, "1-7"),
    "minutes_per_session": (_range_parser, "10-90"),
    "equipment": (_list_parser(EQUIPMENT), "comma list of " + ",".join(EQUIPMENT)),
    "bone_status": (_choice_parser(BONE_STATUSES), "|".join(BONE_STATUSES)),
    "vertebral_fracture": (parse_yes_no, "yes|no"),
    "falls_last_year": (_range_parser, "0-20"),
    "supervised": (parse_yes_no, "yes|no"),
    "risk_factors": (_list_parser(tuple(RISK_FACTORS)), "comma list of " + ",".join(RISK_FACTORS)),
    "weight_kg": (_range_parser, PROFILE_RANGES["weight_kg"].describe()),
}


def apply_profile_assignments(profile: Profile, assignments: Sequence[str], today: date) -> Profile:
    """``KEY=VALUE`` pairs applied to a profile; any bad pair raises before anything changes."""
    changes: dict[str, Any] = {}
    for item in assignments:
        key, sep, text = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep:
            raise UsageError(f"--set {item!r}: expected KEY=VALUE")
        if key not in PROFILE_KEYS:
            raise UsageError(f"--set: unknown key {key!r}; keys: {', '.join(PROFILE_KEYS)}")
        changes[key] = PROFILE_KEYS[key][0](key, text)
    updated = replace(profile, **changes)
    check_profile_against_today(updated, today)
    return updated


# --------------------------------------------------------------------------- store helpers


def data_path(args: argparse.Namespace) -> Path:
    from store.paths import resolve_data_path

    return resolve_data_path(getattr(args, "data", None))


def open_store(args: argparse.Namespace, *, write: bool) -> Store:
    """Open the person's store; a write command on a read-only store is refused up front."""
    from store.db import ReadOnlyError, Store

    store = Store.open(data_path(args), read_only=False)
    if write and store.read_only:
        path, reason = store.path, store.read_only_reason
        store.close()
        raise ReadOnlyError(path, reason or "read-only")
    return store


# --------------------------------------------------------------------------- commands


def cmd_checkin(args: argparse.Namespace) -> int:
    today = _today()
    day = args.date or today
    if day > today:
        raise UsageError(f"--date: {day} is in the future; check-ins are for today or earlier")
    fields = {
        name: getattr(args, name)
        for name in (*CHECKIN_RANGES, "ai_taken", "smoked", "fall", "fall_injured", "note")
        if getattr(args, name, None) is not None
    }
    if args.red_flags:
        fields["red_flags"] = tuple(args.red_flags)
    if not fields:
        raise UsageError("checkin: give at least one field, e.g. --pain 3 (see --help)")
    partial = CheckIn(day=day, **fields)
    with open_store(args, write=True) as store:
        store.merge_checkin(partial)
    print(f"Saved check-in for {day.isoformat()} ({', '.join(partial.recorded_fields())}).")
    return EXIT_OK


def _write_output(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from store.storage import atomic_write_bytes

    target = Path(out).expanduser()
    if not target.parent.is_dir():
        raise UsageError(f"--out: folder {target.parent} does not exist")
    atomic_write_bytes(target, text.encode("utf-8"))  # 0600: exports hold health data
    print(f"Wrote {target}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from store.db import Store

    with Store.open(data_path(args), read_only=True) as store:
        if args.format == "json":
            text = json.dumps(store.export_dict(), indent=2, ensure_ascii=False) + "\n"
        elif args.format == "csv":
            from coach.export import checkins_to_csv

            text = checkins_to_csv(store.checkins())
        else:
            from coach.fhir import fhir_bundle

            bundle = fhir_bundle(
                store.get_profile(),
                store.checkins(),
                store.session_logs(),
                store.dxa_scans(),
                _today(),
            )
            text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    _write_output(text, args.out)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"import: {source} does not exist") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"import: {source} is not a readable JSON file ({error})") from None
    from store.db import StoreError

    with open_store(args, write=True) as store:
        try:
            counts = store.import_dict(data)
        except StoreError as error:
            raise UsageError(f"import: {source}: {error}; nothing was imported") from None
    if not counts.changed:
        print(f"Imported {source}: nothing new.")
    else:
        parts = [f"{n} {k} added" for k, n in counts.added.items()]
        parts += [f"{n} {k} updated" for k, n in counts.updated.items()]
        print(f"Imported {source}: {', '.join(parts)}.")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from coach.checkin import status_line, streaks
    from store.db import Store

    with Store.open(data_path(args), read_only=True) as store:
        figures = streaks(store.checkin_days(), _today())
    print(status_line(figures))
    return EXIT_OK if figures.checked_in_today else EXIT_PROBLEM


def cmd_doctor(args: argparse.Namespace) -> int:
    from store.doctor import check_file, restore_backup

    path = data_path(args)
    if args.restore:
        kept = restore_backup(path, Path(args.restore).expanduser(), datetime.now())
        if kept:
            print(f"Restored {args.restore} to {path}; the previous file is kept as {kept}.")
        else:
            print(f"Restored {args.restore} to {path}.")
        return EXIT_OK
    report = check_file(path)
    print(f"Data file: {path}")
    if not report.exists:
        print("No data file yet (it is created at the first save).")
    elif report.ok:
        counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
        print(f"OK: schema {report.schema}; {counts}.")
    else:
        print("PROBLEMS:")
        for problem in report.problems:
            print(f"  - {problem}")
    if report.backups:
        print("Backups (newest first):")
        for backup in report.backups:
            print(f"  {backup}")
    else:
        print("No backups yet (one is made before the first save of each day).")
    return EXIT_OK if report.ok else EXIT_PROBLEM


def cmd_demo(args: argparse.Namespace) -> int:
    from coach.demo import demo_summary, filler, make_demo
    from store.db import Store, StoreError, write_new_store

    demo = make_demo(args.days, args.seed, today=_today())
    target = getattr(args, "data", None)  # BONECOACH_DATA is ignored: a demo never goes there
    if target:
        path = Path(target).expanduser()
        try:
            write_new_store(path, filler(demo))
        except StoreError as error:
            raise UsageError(str(error)) from None
        print(f"Wrote a synthetic patient to {path}: {demo_summary(demo)}")
        return EXIT_OK
    require_terminal()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bonecoach-demo-") as folder:
        path = Path(folder) / "demo.json"
        write_new_store(path, filler(demo))
        store = Store.open(path)
        try:
            from screens.app import CoachApp

            status = _run_app(CoachApp(store=store, today=_today, demo=True), path)
        finally:
            store.close()
    return status


def cmd_report(args: argparse.Namespace) -> int:
    from coach.report import build_report, frax_from_settings, render_html, render_markdown
    from store.db import Store

    with Store.open(data_path(args), read_only=True) as store:
        major, hip = frax_from_settings(store.settings())
        report = build_report(
            store.get_profile(),
            store.checkins(),
            store.session_logs(),
            store.dxa_scans(),
            store.get_plan(),
            _today(),
            args.days,
            frax_major=major,
            frax_hip=hip,
        )
    text = render_html(report) if args.format == "html" else render_markdown(report)
    _write_output(text, args.out)
    return EXIT_OK


def cmd_assess(args: argparse.Namespace) -> int:
    from coach.risk import assess, format_assessment

    assessment = assess(
        t_score=args.t_score,
        risk_factors=args.risk,
        frax_major=args.frax_major,
        frax_hip=args.frax_hip,
    )
    if args.json:
        print(json.dumps(assessment.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_assessment(assessment))
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from coach.coaching import history_window, refresh_plan, regenerate
    from coach.plan_text import plan_as_text
    from coach.plan_view import plan_to_json

    today = _today()
    with open_store(args, write=args.regenerate) as store:
        profile = store.get_profile()
        if profile is None:
            raise UsageError("no profile yet; set one with bonecoach profile --set KEY=VALUE")
        start, end = history_window(today)
        checkins, logs = store.checkins(start, end), store.session_logs(start, end)
        scans = store.dxa_scans()
        if args.regenerate:
            plan = regenerate(profile, checkins, logs, scans, today)
            store.put_plan(plan)
            notes = ["A new plan was made from today."]
        else:
            state = refresh_plan(store.get_plan(), profile, checkins, logs, scans, today)
            plan = state.plan
            notes = []
            if state.changed and not store.read_only:
                store.put_plan(plan)
            if state.profile_changed:
                notes.append(
                    "Your profile changed since this plan was made: "
                    "bonecoach plan --regenerate makes a new one."
                )
            if state.finished:
                notes.append("This plan is finished: bonecoach plan --regenerate starts a new one.")
    if args.json:
        data = plan_to_json(plan)
        if args.week:
            data["weeks"] = [w for w in data["weeks"] if w["week"] == args.week]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(plan_as_text(plan, today, week=args.week))
    for note in notes:
        print(note, file=sys.stderr)
    return EXIT_OK


def cmd_profile(args: argparse.Namespace) -> int:
    if args.assignments:
        with open_store(args, write=True) as store:
            profile = apply_profile_assignments(
                store.get_profile() or Profile(), args.assignments, _today()
            )
            store.put_profile(profile)
    else:
        from store.db import Store

        with Store.open(data_path(args), read_only=True) as store:
            profile = store.get_profile()
        if profile is None:
            raise UsageError(
                "profile: no profile yet; set one with --set KEY=VALUE or run bonecoach"
            )
    if args.json:
        print(json.dumps(profile.to_dict(), indent=2, ensure_ascii=False))
    else:
        for key in PROFILE_KEYS:
            value = getattr(profile, key)
            if isinstance(value, tuple):
                value = ",".join(value) or "-"
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            print(f"{key:20} {'-' if value in (None, '') else value}")
    return EXIT_OK


def require_terminal() -> None:
    """The app draws a full screen: without a terminal (a pipe, ``ssh`` without -t) say so."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the coach needs a terminal (over SSH: ssh -t ...); "
            "for commands without one, see bonecoach --help"
        )


def run_tui(args: argparse.Namespace) -> int:
    """Open the store and run the Textual app (imported here: it is the slow import)."""
    from store.db import Store

    require_terminal()
    store = Store.open(data_path(args), defer_lock=True)  # the app takes it after 1st frame
    try:
        from screens.app import CoachApp

        status = _run_app(CoachApp(store=store, today=_today), store.path)
    finally:
        store.close()
    return status


def _run_app(app: Any, data: Path) -> int:
    """Run the TUI. A crash exits 1 with a short message and a private crash report: the app
    reports errors inside it (screens/crash.py); this catches any that escape it."""
    try:
        app.run()
    except Exception as error:
        from screens.crash import crash_message, write_crash_report

        print(crash_message(error, write_crash_report(error, data)), file=sys.stderr)
        return EXIT_PROBLEM
    if app.crash_message:  # printed here, once the terminal is back to normal
        print(app.crash_message, file=sys.stderr)
    return EXIT_PROBLEM if app.return_code else EXIT_OK


# --------------------------------------------------------------------------- entry point


def opens_tui(argv: Sequence[str]) -> bool:
    """Plain ``bonecoach`` (optionally ``--data PATH``): no subcommand, no help or version."""
    if not argv:
        return True
    if len(argv) == 1:
        return argv[0].startswith("--data=")
    return len(argv) == 2 and argv[0] == "--data"


def tui_parser() -> Parser:
    """Just ``--data``: opening the app should not pay for building every subcommand's parser."""
    parser = Parser(prog="bonecoach")
    parser.add_argument("--data", metavar="PATH", default=argparse.SUPPRESS)
    parser.set_defaults(command=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; map every user-facing error to one line on stderr and an exit status."""
    from store.db import StoreError

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = tui_parser() if opens_tui(argv) else build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a one-line usage error (exit 2)
        return int(done.code or 0)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", run_tui)
    prog = f"bonecoach {args.command}" if args.command else "bonecoach"
    try:
        return handler(args)
    except (UsageError, ValidationError) as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    except BrokenPipeError:  # e.g. piped into head: not an error worth a message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        print(f"{prog}: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
