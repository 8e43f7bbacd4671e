"""Command line: the composition root. Parses arguments, opens the store, runs a command or the TUI.

This is the one module of coach/ allowed to import store/ and screens/, and it does so inside
functions so that ``bonecoach status`` in a login script stays quick. User errors print one
readable line on stderr (exit 2 for bad input, 1 for a store problem), never a traceback.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from coach import __version__
from coach.models import (
    ACTIVITY_LEVELS,
    AI_DRUGS,
    AI_MISSED_REASONS,
    BONE_STATUSES,
    CHECKIN_RANGES,
    DXA_SITE_LABELS,
    DXA_T_SCORE,
    EQUIPMENT,
    PROFILE_RANGES,
    RED_FLAGS,
    RISK_FACTORS,
    SMOKER_CHOICES,
    CheckIn,
    DxaScan,
    NumberRange,
    Profile,
    ValidationError,
    check_against_today,
    check_profile_against_today,
    parse_yes_no,
)
from coach.parsing import ParseError, parse_date, parse_number, shown

if TYPE_CHECKING:
    from coach.picture import ClinicalPicture
    from store.db import Store

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the person at the keyboard: one line, exit status 2, nothing written."""


class Parser(argparse.ArgumentParser):
    """argparse, but errors are one line (no usage dump) as the CLI promises."""

    def error(self, message: str) -> NoReturn:
        from coach.textsafe import printable

        self.exit(EXIT_USAGE, printable(f"{self.prog}: {message}", one_line=True) + "\n")


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
    """A whole-number option read by the one number parser (coach/parsing.py)."""
    spec = NumberRange(name, low, high)

    def parse(text: str) -> int:
        try:
            return int(spec.parse(name, text))
        except ValidationError as error:
            raise argparse.ArgumentTypeError(error.message) from None

    parse.__name__ = name
    return parse


def _float_range(low: float, high: float, name: str) -> Callable[[str], float]:
    """A decimal option read by the one number parser (``1.5`` and ``1,5`` alike)."""
    spec = NumberRange(name, low, high, whole=False)

    def parse(text: str) -> float:
        try:
            spec.check(name, _decimal(text))
        except (ValidationError, ParseError):
            raise argparse.ArgumentTypeError(
                f"must be a number from {low:g} to {high:g} (got {shown(text)})"
            ) from None
        return _decimal(text)

    parse.__name__ = name
    return parse


def _decimal(text: str) -> float:
    return float(parse_number(text, whole=False))


def _yes_no(text: str) -> bool:
    try:
        return parse_yes_no("value", text)
    except ValidationError:
        raise argparse.ArgumentTypeError(f"must be yes or no (got {text!r})") from None


def _iso_date(text: str) -> date:
    """A date option, read by the one date parser (coach/parsing.py)."""
    try:
        return parse_date(text)
    except ParseError as error:
        raise argparse.ArgumentTypeError(f"{error} (got {shown(text)})") from None


def _t_score_arg(text: str) -> float:
    """A T-score as typed on the bone-health screen (same range, same words)."""
    try:
        return float(DXA_T_SCORE.parse("t_score", text))
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def _red_flag(text: str) -> str:
    if text not in RED_FLAGS:
        raise argparse.ArgumentTypeError(
            f"must be one of {', '.join(RED_FLAGS)} (got {shown(text)})"
        )
    return text


def _missed_reason(text: str) -> str:
    """Why the tablet was not taken: the stored word, typed with - or _ or a space."""
    reason = "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    if reason not in AI_MISSED_REASONS:
        raise argparse.ArgumentTypeError(
            f"must be one of {', '.join(AI_MISSED_REASONS)} (got {shown(text)})"
        )
    return reason


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
        "--ai-missed-reason",
        dest="ai_missed_reason",
        type=_missed_reason,
        metavar="REASON",
        help="why the tablet was not taken (with --ai-taken no, or a day already recorded "
        f"as not taken; optional): {', '.join(AI_MISSED_REASONS)}",
    )
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
    _add_out_options(export)
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
    doctor.add_argument(
        "--repair",
        action="store_true",
        help="move damaged records to a side file (asks first)",
    )
    doctor.add_argument(
        "--keep-weeks",
        action="store_true",
        help='sum the weekly totals Trends\' "all time" reads, kept beside the data file '
        "(the app does it in the background for a diary of years)",
    )
    doctor.add_argument(
        "--yes",
        action="store_true",
        help="with --repair: do not ask; with --restore: restore a backup of another profile",
    )
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
        type=_ranged_int(1, 10950, "days"),
        default=365,
        metavar="N",
        help="days of history, 1-10950 (default 365; 10950 is 30 years, for benchmarks)",
    )
    demo.add_argument(
        "--seed",
        type=_ranged_int(0, 10**9, "seed"),
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
    _add_out_options(report)
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
    assess.add_argument(
        "--vertebral-fracture",
        action="store_true",
        help="a spine (vertebral) fracture: osteoporosis clinically (ASCO 2019 counts it)",
    )
    assess.add_argument("--json", action="store_true", help="print as JSON")
    assess.set_defaults(handler=cmd_assess)

    scan = sub.add_parser(
        "scan", parents=[common], help="record or list DXA scan results (T-scores)"
    )
    scan_sub = scan.add_subparsers(dest="scan_command", metavar="ACTION", parser_class=Parser)
    scan_sub.required = True
    scan_add = scan_sub.add_parser(
        "add",
        parents=[common],
        help="record a DXA result: the T-score of one or more sites on one day",
        description="Record a DXA result as on the report. Saving the same day and site again "
        "replaces it. Checked as on the bone-health screen.",
    )
    scan_add.add_argument("--date", type=_iso_date, required=True, help="scan date, YYYY-MM-DD")
    for site, label in DXA_SITE_LABELS.items():
        scan_add.add_argument(
            "--" + site.replace("_", "-"),
            dest=site,
            type=_t_score_arg,
            metavar="T",
            help=f"T-score at the {label}: {DXA_T_SCORE.describe()}",
        )
    scan_add.set_defaults(handler=cmd_scan_add)
    scan_list = scan_sub.add_parser("list", parents=[common], help="list the DXA results")
    scan_list.add_argument("--json", action="store_true", help="print as JSON")
    scan_list.set_defaults(handler=cmd_scan_list)

    bone = sub.add_parser(
        "bone",
        parents=[common],
        help="your bone health: the clinical picture and what the guidelines say",
        description="Age, bone status and its source, risk factors with their sources, falls, "
        "and the AIBL 2017 and ASCO 2019 answers (true, false, or null = cannot say yet).",
    )
    bone.add_argument("--json", action="store_true", help="print as JSON")
    bone.set_defaults(handler=cmd_bone)

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

    _add_remind_parser(sub, common)

    profile = sub.add_parser(
        "profile",
        parents=[common],
        help="show or change the profile",
        description="Keys: " + "; ".join(f"{k} ({v[1]})" for k, v in PROFILE_KEYS.items()),
    )
    profile.add_argument(
        "--set",
        dest="assignments",
        nargs="+",
        action="extend",  # "--set A=1 --set B=2" and "--set A=1 B=2" both keep every pair
        metavar="KEY=VALUE",
        default=[],
    )
    profile.add_argument("--json", action="store_true", help="print as JSON")
    profile.set_defaults(handler=cmd_profile)
    return parser


def _add_remind_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    from coach.models import REFILL_DAYS

    remind = sub.add_parser(
        "remind",
        parents=[common],
        help="write reminders for your phone's calendar (an .ics file)",
        description="Write an iCalendar file: a daily check-in reminder, your plan's sessions, "
        "the next bone density scan and, if asked, tablet refills. Import it on your phone; "
        "writing it again updates the same events. Times are local (floating).",
    )
    remind.add_argument(
        "--ics", required=True, metavar="FILE", help="the calendar file to write (- prints it)"
    )
    remind.add_argument(
        "--at", type=_clock, metavar="HH:MM", help="time of the daily reminder (default 19:00)"
    )
    remind.add_argument(
        "--refill-every",
        type=_ranged_int(*REFILL_DAYS, "refill-every"),
        metavar="DAYS",
        help=f"a tablet refill reminder every DAYS days ({REFILL_DAYS[0]}-{REFILL_DAYS[1]})",
    )
    remind.add_argument(
        "--refill-from", type=_iso_date, metavar="DATE", help="the first refill day, YYYY-MM-DD"
    )
    remind.add_argument("--force", action="store_true", help="replace FILE if it exists")
    remind.set_defaults(handler=cmd_remind)


def _clock(text: str) -> Any:
    from coach.reminders import parse_clock

    try:
        return parse_clock(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _add_out_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE (default, or -: standard output); never over the data file",
    )
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")


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
        return parse_date(text)
    except ParseError as error:
        raise ValidationError(key, f"{error} (got {shown(text)})") from None


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
    "height_cm": (_range_parser, PROFILE_RANGES["height_cm"].describe()),
    "birth_date": (_date_parser, "YYYY-MM-DD, optional: makes the age exact"),
    "ai_end": (_date_parser, "YYYY-MM-DD, optional: the planned or actual end of the AI course"),
}


def apply_profile_assignments(profile: Profile, assignments: Sequence[str], today: date) -> Profile:
    """``KEY=VALUE`` pairs applied to a profile; any bad pair raises before anything changes."""
    changes: dict[str, Any] = {}
    for item in assignments:
        key, sep, text = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep:
            raise UsageError(f"--set {shown(item, 40)}: expected KEY=VALUE")
        if key not in PROFILE_KEYS:
            raise UsageError(f"--set: unknown key {shown(key)}; keys: {', '.join(PROFILE_KEYS)}")
        changes[key] = PROFILE_KEYS[key][0](key, text)
    birth = changes.get("birth_date")
    if birth is not None and "birth_year" not in changes:
        changes["birth_year"] = birth.year  # the date says the year too
    elif (
        "birth_year" in changes
        and "birth_date" not in changes
        and profile.birth_date
        and changes["birth_year"] != profile.birth_date.year
    ):
        raise UsageError(
            f"--set birth_year: differs from birth_date {profile.birth_date}; "
            "set birth_date too (or birth_date=none)"
        )
    updated = replace(profile, **changes)
    check_profile_against_today(updated, today)
    return updated


# --------------------------------------------------------------------------- store helpers


def data_path(args: argparse.Namespace) -> Path:
    from store.errors import PathError
    from store.paths import resolve_data_path

    try:
        return resolve_data_path(getattr(args, "data", None))
    except PathError as error:
        raise UsageError(str(error)) from None


_OPENED: list[Store] = []  # stores this command opened: their notices are printed at the end


def open_store(args: argparse.Namespace, *, write: bool) -> Store:
    """Open the person's store; a write command on a read-only store is refused up front.

    A write waits a moment (``CLI_LOCK_WAIT``) for another one-shot command to finish before
    calling the file busy; a read-only file system makes the store read-only, which is fine for
    commands that only show.
    """
    from store.db import CLI_LOCK_WAIT, ReadOnlyError, Store

    store = Store.open(data_path(args), clock=_today, lock_timeout=CLI_LOCK_WAIT if write else 0.0)
    _OPENED.append(store)
    if write and store.read_only:
        path, reason = store.path, store.read_only_reason
        store.close()
        raise ReadOnlyError(path, reason or "read-only")
    return store


def open_reader(args: argparse.Namespace) -> Store:
    """Open the store read-only (no lock, nothing written: works on a read-only file system)."""
    from store.db import Store

    store = Store.open(data_path(args), read_only=True, clock=_today)
    _OPENED.append(store)
    return store


def store_notices() -> list[str]:
    """What the command's stores want said: damaged records skipped, records moved aside."""
    lines: list[str] = []
    for store in _OPENED:
        lines += store.notices
        notice = store.problems_notice()
        if notice:
            lines.append(notice)
    _OPENED.clear()
    return lines


# --------------------------------------------------------------------------- commands


def cmd_checkin(args: argparse.Namespace) -> int:
    today = _today()
    day = args.date or today
    try:
        check_against_today(CheckIn(day=day), today)
    except ValidationError:
        raise UsageError(
            f"--date: {day} is in the future; check-ins are for today or earlier"
        ) from None
    fields = {
        name: getattr(args, name)
        for name in (*CHECKIN_RANGES, "ai_taken", "smoked", "fall", "fall_injured", "note")
        if getattr(args, name, None) is not None
    }
    if args.red_flags:
        fields["red_flags"] = tuple(args.red_flags)
    if not fields and args.ai_missed_reason is None:
        raise UsageError("give at least one field, e.g. --pain 3 (see --help)")
    if args.ai_taken is True and args.ai_missed_reason is not None:
        raise UsageError("--ai-missed-reason: only for a tablet not taken, and --ai-taken says yes")
    if args.ai_missed_reason is None:
        partial = CheckIn(day=day, **fields)
        if not partial.recorded_fields():  # e.g. a note of control characters only
            raise UsageError("give at least one field, e.g. --pain 3 (see --help)")

    from coach.checkin import summary_prompts

    with open_store(args, write=True) as store:
        store.save_behind()  # the disk finishes the save while the picture is worked out
        if args.ai_missed_reason is not None:
            partial = _with_missed_reason(store.get_checkin(day), day, fields, args)
        merged = store.merge_checkin(partial)
        picture = read_picture(store, today)
        profile = store.get_profile()
    # (closed: the save is on disk, or its error was raised; only now is it reported)
    for prompt in summary_prompts(merged, picture):  # the TUI summary's words, most urgent first
        print(f"{PROMPT_MARKERS[prompt.level]}{prompt.text}")
    print(f"Saved check-in for {day.isoformat()} ({', '.join(partial.recorded_fields())}).")
    if partial.ai_taken is not None and profile is not None and not profile.on_ai(day):
        print(_off_course_note(profile, day))
    return EXIT_OK


def _with_missed_reason(
    stored: CheckIn | None, day: date, fields: dict[str, Any], args: argparse.Namespace
) -> CheckIn:
    """The check-in to merge when a reason is given: the "no" comes from ``--ai-taken no`` or
    from the day as stored; a reason for a tablet taken (or not answered) is refused."""
    if args.ai_taken is None:
        if stored is None or stored.ai_taken is None:
            raise UsageError(
                f"--ai-missed-reason: no tablet answer for {day.isoformat()} yet; "
                "give --ai-taken no with it"
            )
        if stored.ai_taken:
            raise UsageError(
                f"--ai-missed-reason: {day.isoformat()} is recorded as taken; "
                "give --ai-taken no if it was not"
            )
    return CheckIn(day=day, **{**fields, "ai_taken": False}, ai_missed_reason=args.ai_missed_reason)


def _off_course_note(profile: Profile, day: date) -> str:
    """Said when a tablet answer is for a day the profile puts outside the AI course."""
    if profile.ai_end is not None and day > profile.ai_end:
        where = f"your profile says your AI course ended on {profile.ai_end.isoformat()}"
    else:
        start = profile.ai_start.isoformat() if profile.ai_start else "later"
        where = f"your profile says your AI course started on {start}"
    return (
        f"Note: {where}, so this day is left out of the tablet figures. If the dates have "
        "changed: bonecoach profile --set ai_start=YYYY-MM-DD ai_end=YYYY-MM-DD"
    )


PROMPT_MARKERS = {
    "emergency": "EMERGENCY: ",
    "stop": "STOP: ",
    "attention": "! ",
    "info": "- ",
    "good": "ok ",
}


def read_picture(store: Store, today: date) -> ClinicalPicture:
    """The stored person's clinical picture for ``today`` (the one derivation, coach.picture)."""
    from coach.picture import build_picture, frax_from_settings, picture_window

    start, end = picture_window(today)
    major, hip = frax_from_settings(store.settings())
    return build_picture(
        store.get_profile(),
        store.checkins(start, end),
        store.dxa_scans(),
        store.session_logs(start, end),
        today,
        frax_major=major,
        frax_hip=hip,
    )


def cmd_scan_add(args: argparse.Namespace) -> int:
    today = _today()
    if args.date > today:
        raise UsageError(f"--date: must not be after today ({today.isoformat()})")
    scans = [
        DxaScan(args.date, site, getattr(args, site))
        for site in DXA_SITE_LABELS
        if getattr(args, site) is not None
    ]
    if not scans:
        raise UsageError(
            "scan add: give at least one T-score: --lumbar-spine, --total-hip or --femoral-neck"
        )
    with open_store(args, write=True) as store:
        before = {s.key for s in store.dxa_scans()}
        with store.batch():
            for scan in scans:
                store.put_dxa(scan)
    for scan in scans:
        verb = "Replaced" if scan.key in before else "Saved"
        label = DXA_SITE_LABELS[scan.site]
        print(f"{verb}: {label} {scan.t_score:+.1f} on {scan.day.isoformat()}.")
    return EXIT_OK


def cmd_scan_list(args: argparse.Namespace) -> int:
    with open_reader(args) as store:
        scans = sorted(
            store.dxa_scans(), key=lambda s: (s.day, list(DXA_SITE_LABELS).index(s.site))
        )
    if args.json:
        print(json.dumps([s.to_dict() for s in scans], indent=2))
    elif not scans:
        print("No DXA results yet: bonecoach scan add --date YYYY-MM-DD --total-hip T ...")
    else:
        for scan in scans:
            print(f"{scan.day.isoformat()}  {DXA_SITE_LABELS[scan.site]:<13} {scan.t_score:+.1f}")
    return EXIT_OK


def cmd_bone(args: argparse.Namespace) -> int:
    from coach.bone_text import picture_as_text

    with open_reader(args) as store:
        picture = read_picture(store, _today())
    if args.json:
        print(json.dumps(picture.bone_json(), indent=2, ensure_ascii=False))
    else:
        print(picture_as_text(picture))
    return EXIT_OK


def _write_output(text: str, args: argparse.Namespace) -> None:
    """Standard output, or ``--out FILE`` checked by store/outputs.py and written atomically."""
    from coach.textsafe import printable
    from store.errors import PathError
    from store.outputs import output_target, write_output

    text = printable(text)  # no control character reaches a terminal or a report file
    try:
        target = output_target(args.out, data_path(args), force=args.force)
    except PathError as error:
        raise UsageError(str(error)) from None
    if target is None:
        sys.stdout.write(text)
        return
    write_output(target, text.encode("utf-8"))  # 0600: exports hold health data
    print(f"Wrote {printable(str(target), one_line=True)}", file=sys.stderr)


def _check_output(args: argparse.Namespace) -> Path | None:
    """Refuse a bad ``--out`` before any work is done; the file to write (None: stdout)."""
    from store.errors import PathError
    from store.outputs import output_target

    try:
        return output_target(args.out, data_path(args), force=args.force)
    except PathError as error:
        raise UsageError(str(error)) from None


def cmd_export(args: argparse.Namespace) -> int:
    """Write the export a record at a time (memory stays flat at any diary length), with a
    progress bar on a terminal when it takes more than a second."""
    from store.outputs import Progress

    target = _check_output(args)
    to_terminal = args.out in (None, "-") and sys.stdout.isatty()  # no bar across the text
    with open_reader(args) as store:
        label = f"Exporting {args.format.upper()}"
        progress = Progress(store.export_size(), label, quiet=to_terminal)
        if args.format == "json":
            chunks = store.export_chunks(progress.advance)
        elif args.format == "csv":
            chunks = _csv_chunks(store, progress)
        else:
            chunks = _fhir_chunks(store, _today(), progress)
        _stream_output(chunks, target)
        progress.finish()
    return EXIT_OK


def _csv_chunks(store: Store, progress: Any) -> Any:
    from coach.export import csv_lines

    for line in csv_lines(store.stream_checkins()):
        yield line
        progress.advance()


def _fhir_chunks(store: Store, today: date, progress: Any) -> Any:
    """The FHIR Bundle as text: its head, then each entry as it is built (coach.fhir)."""
    from coach.fhir import bundle_head, fhir_entries
    from store.outputs import dumps, dumps_many_bytes

    picture = read_picture(store, today)
    logs = store.stream_session_logs()
    progress.advance(len(logs))
    checkins = store.stream_checkins()

    def counted() -> Any:
        for checkin in checkins:
            progress.advance()
            yield checkin

    entries = fhir_entries(store.get_profile(), counted(), logs, store.dxa_scans(), picture, today)
    yield dumps(bundle_head())[:-1] + ',"entry":[\n'
    separator = b""
    while batch := list(itertools.islice(entries, 256)):
        # one encoder call a batch; an entry a line (every entry starts {"fullUrl":)
        yield separator + dumps_many_bytes(batch).replace(b'},{"fullUrl":', b'},\n{"fullUrl":')
        separator = b",\n"
    yield "\n]}\n"


def _stream_output(chunks: Any, target: Path | None) -> None:
    """Standard output (``target`` None), or ``--out FILE`` as ``_check_output`` gave it
    (checked once: an earlier 60 MB export replaced with --force is not read twice), written
    atomically; each piece of text is made printable on its way (no control character gets
    out), except pieces given as bytes: those were made printable where they were encoded
    (``store.outputs.dumps_many_bytes``)."""
    from coach.textsafe import printable
    from store.outputs import open_output

    if target is None:
        out = getattr(sys.stdout, "_stream", sys.stdout)  # pieces are made printable here
        for chunk in chunks:
            out.write(chunk.decode("utf-8") if isinstance(chunk, bytes) else printable(chunk))
        return
    with open_output(target) as handle:  # 0600: exports hold health data
        for chunk in chunks:
            handle.write(chunk if isinstance(chunk, bytes) else printable(chunk).encode("utf-8"))
    print(f"Wrote {printable(str(target), one_line=True)}", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    """Our own exports are read a piece at a time, a record at a time (memory stays flat at
    any length); any other JSON export is read whole, with the same checks."""
    import io

    from store.db import StoreError
    from store.errors import UnreadableFileError
    from store.outputs import Progress
    from store.storage import open_bounded, parse_json, read_bounded
    from store.transfer import NotStreamable

    source = Path(args.file).expanduser()

    def read_whole() -> Any:
        try:
            raw = read_bounded(source)
            if raw is None:
                raise UsageError(f"{source} does not exist")
            return parse_json(raw, source)
        except UnreadableFileError as error:
            raise UsageError(f"{source} {error.reason}; nothing was imported") from None

    try:
        handle = open_bounded(source)
    except UnreadableFileError as error:
        raise UsageError(f"{source} {error.reason}; nothing was imported") from None
    if handle is None:
        raise UsageError(f"{source} does not exist")
    with handle, open_store(args, write=True) as store:
        try:
            try:
                progress = Progress(os.fstat(handle.fileno()).st_size, f"Importing {source.name}")
                text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
                counts = store.import_stream(text, _today(), progress.reach)
                progress.finish()
            except NotStreamable:
                counts = store.import_dict(read_whole(), _today())
        except StoreError as error:
            raise UsageError(f"{source}: {error}; nothing was imported") from None
        if counts.changed:
            sum_and_keep_weeks(store)  # an import of years: its first "all time" is quick too
    if not counts.changed:
        print(f"Imported {source}: nothing new.")
    else:
        parts = [f"{n} {k} added" for k, n in counts.added.items()]
        parts += [f"{n} {k} updated" for k, n in counts.updated.items()]
        print(f"Imported {source}: {', '.join(parts)}.")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from coach.checkin import current_streak, status_line

    with open_reader(args) as store:
        days, today = store.checkin_days_looked_up(), _today()
        current, checked_in_today = current_streak(days, today), today in days
    print(status_line(current, checked_in_today))
    return EXIT_OK if checked_in_today else EXIT_PROBLEM


def cmd_doctor(args: argparse.Namespace) -> int:
    from store.doctor import check_file, restore_backup

    path = data_path(args)
    if args.restore is not None:
        if not args.restore.strip():
            raise UsageError("--restore: give the backup file to restore")
        kept = restore_backup(
            path, Path(args.restore).expanduser(), datetime.now(), other_person_ok=args.yes
        )
        _keep_weeks_of(path)  # a restored file is written anew: no kept weeks hold for it
        if kept:
            print(f"Restored {args.restore} to {path}; the previous file is kept as {kept}.")
        else:
            print(f"Restored {args.restore} to {path}.")
        return EXIT_OK
    if args.repair:
        return _doctor_repair(args, path)
    if args.keep_weeks:
        return _doctor_keep_weeks(path)
    report = check_file(path)
    print(f"Data file: {report.path}")
    if not report.exists:
        print("No data file yet (it is created at the first save).")
    elif report.ok:
        counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
        print(f"OK: schema {report.schema}; {counts}.")
    else:
        print("PROBLEMS:")
        for problem in report.problems:
            print(f"  - {problem}")
        if report.records:
            count = len(report.records)
            print(
                f"  {count} damaged record{'s' if count > 1 else ''} (kept in the file as they "
                "are, and skipped by every screen and command):"
            )
            for record in report.records:
                print(f"  - {record}")
            print("  To move them to a side file: bonecoach doctor --repair")
    for name in report.unknown_tables:
        print(f"Note: table {shown(name, 40)} is not bonecoach's; it is left as it is.")
    for side in report.side_files:
        print(f"Damaged records moved out earlier are kept in: {side}")
    if report.backups:
        print("Backups (newest first):")
        for backup in report.backups:
            print(f"  {backup}")
    else:
        print("No backups yet (one is made before the first save of each day).")
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _doctor_repair(args: argparse.Namespace, path: Path) -> int:
    """Move damaged records to a side file after asking (``--yes`` for scripts)."""
    from store.doctor import repair_file
    from store.loader import Problem

    if not args.yes and not sys.stdin.isatty():
        raise UsageError("--repair asks before moving records; without a terminal, add --yes")

    def confirm(problems: list[Problem]) -> bool:
        for problem in problems:
            print(f"  - {problem}")
        question = f"Move {len(problems)} damaged record(s) out of {path} to a side file?"
        if args.yes:
            return True
        answer = input(f"{question} [y/N] ").strip().lower()
        return answer in ("y", "yes")

    side, moved = repair_file(path, confirm, _today)
    if side is None:
        print("Nothing was changed." if moved == 0 else "")
        return EXIT_OK
    _keep_weeks_of(path)
    print(f"Moved {moved} damaged record(s) to {side}; {path} is clean now.")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from coach.demo import demo_summary, filler, make_demo
    from store.db import Store, StoreError, write_new_store

    demo = make_demo(args.days, args.seed, today=_today())
    target = getattr(args, "data", None)  # BONECOACH_DATA is ignored: a demo never goes there
    if target is not None and not target.strip():
        raise UsageError("--data: give a file name (it is empty)")
    if target:
        path = Path(target).expanduser()
        try:
            write_new_store(path, filler(demo))
        except StoreError as error:
            raise UsageError(str(error)) from None
        _keep_weeks_of(path)
        print(f"Wrote a synthetic patient to {path}: {demo_summary(demo)}")
        return EXIT_OK
    require_terminal()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bonecoach-demo-") as folder:
        path = Path(folder) / "demo.json"
        write_new_store(path, filler(demo))
        store = Store.open(path)
        sum_and_keep_weeks(store)
        try:
            from screens.app import CoachApp

            status = _run_app(CoachApp(store=store, today=_today, demo=True), path)
        finally:
            store.close()
    return status


def sum_and_keep_weeks(store: Store, *, beside_writer: bool = False, whole: bool = False) -> str:
    """The weeks of a long diary just written whole (a demo patient of years, an import) kept
    as its first session's "all time" would keep them (store/weeks.py), so that first look is
    quick too. The records are streamed: an import's memory stays flat; ``whole`` reads them
    all at once instead, as Trends does, in three quarters of the time and twice the memory
    (the app's helper, which a person may be waiting for). ``beside_writer``: a store opened
    read-only beside the session that holds the file (``Store.keep_weeks``). What happened,
    in a few words (``doctor --keep-weeks`` says it)."""
    from coach.kept_weeks import KEEP_WEEKS_FROM, kept_weeks_cut
    from coach.trends import all_time_start, kept_rows, rows_to_keep

    today = _today()
    if store.history_size() < KEEP_WEEKS_FROM:
        return "short"
    kept = store.kept_weeks()
    if kept is not None and kept.cut == kept_weeks_cut(today):
        return "held"  # still the ones a session would keep today (an import of recent days)
    if not store.can_keep_weeks(beside_writer=beside_writer):
        return "not kept"  # asked before reading every record for nothing
    if whole:
        checkins, logs = store.checkins(), store.session_logs()
        start, cut = all_time_start(checkins, logs, today), kept_weeks_cut(today)
        made = (start, cut, dict(kept_rows(checkins, logs, start, cut))) if start < cut else None
    else:
        made = rows_to_keep(store.stream_checkins(), store.iter_session_logs(), today)
    if made is None:
        return "none before the cut"
    start, cut, rows = made
    return "kept" if store.keep_weeks(cut, start, rows, beside_writer=beside_writer) else "not kept"


def _keep_weeks_of(path: Path) -> None:
    """``sum_and_keep_weeks`` for a data file just written whole by a command (a demo, a restored
    backup, a repair: no file sealed in its kept weeks); a file that cannot be opened now is
    left without them (they are a copy)."""
    from store.db import Store, StoreError

    try:
        with Store.open(path) as store:
            sum_and_keep_weeks(store)
    except StoreError:
        return


def _doctor_keep_weeks(path: Path) -> int:
    """``doctor --keep-weeks``: sum the weeks Trends' "all time" reads (store/weeks.py) from the
    file as it is, opened read-only, so a session using it meanwhile goes on (as the app's
    helper does for a long diary with none kept: screens/weeks_helper.py)."""
    from coach.kept_weeks import KEEP_WEEKS_FROM
    from store.db import Store
    from store.weeks import kept_path

    with Store.open(path, read_only=True) as store:
        outcome = sum_and_keep_weeks(store, beside_writer=True)
        size = store.history_size()
    message = {
        "kept": f'Kept the weekly totals for Trends\' "all time" in {kept_path(path)}.',
        "held": f"The weekly totals kept in {kept_path(path)} hold already.",
        "short": f"Nothing to keep: {size:,} records (weeks are kept from {KEEP_WEEKS_FROM:,}).",
        "none before the cut": "Nothing to keep: no records before the last few weeks.",
        "not kept": f"Could not keep the weekly totals now: {path} is not in this version's "
        f"layout until its next save, or {kept_path(path)} cannot be written.",
    }[outcome]
    print(message)
    return EXIT_PROBLEM if outcome == "not kept" else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from coach.picture import picture_window
    from coach.report import build_report, frax_from_settings, render_html, render_markdown

    _check_output(args)
    today = _today()
    with open_reader(args) as store:
        major, hip = frax_from_settings(store.settings())
        # what the report reads: its period and the clinical picture's window, and the first
        # check-in (a period starts no earlier): not the whole diary
        since = min(today - timedelta(days=args.days - 1), picture_window(today)[0])
        checkins, logs = store.checkins(since, today), store.session_logs(since, today)
        first = store.first_checkin()
        if first is not None and first.day < since:
            checkins = [first, *checkins]
        report = build_report(
            store.get_profile(),
            checkins,
            logs,
            store.dxa_scans(),
            store.get_plan(),
            today,
            args.days,
            frax_major=major,
            frax_hip=hip,
        )
    text = render_html(report) if args.format == "html" else render_markdown(report)
    _write_output(text, args)
    return EXIT_OK


def cmd_assess(args: argparse.Namespace) -> int:
    from coach.risk import assess, format_assessment

    assessment = assess(
        t_score=args.t_score,
        risk_factors=args.risk,
        frax_major=args.frax_major,
        frax_hip=args.frax_hip,
        vertebral_fracture=args.vertebral_fracture,
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
        profile = store.profile_for_update()  # a damaged profile: say so, not "no profile"
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


def cmd_remind(args: argparse.Namespace) -> int:
    """The calendar file (coach/reminders.py), written like an export (store/outputs.py)."""
    from coach.coaching import history_window, refresh_plan
    from coach.reminders import DEFAULT_AT, Refill, build_calendar, new_calendar_id
    from store.errors import PathError
    from store.outputs import output_target, write_output

    today = _today()
    if (args.refill_every is None) != (args.refill_from is None):
        raise UsageError("--refill-every and --refill-from go together: give both, or neither")
    try:
        target = output_target(args.ics, data_path(args), force=args.force, option="--ics")
    except PathError as error:
        raise UsageError(str(error)) from None
    notes: list[str] = []
    with open_store(args, write=True) as store:
        profile = store.get_profile()
        ended = profile.ai_end if profile is not None else None
        refill = None
        if args.refill_every is not None:
            if ended is not None and ended < today:
                raise UsageError(
                    f"--refill-every: your AI course ended on {ended.isoformat()} (profile "
                    "ai_end), so there are no refills to remind you of; leave out --refill-every"
                )
            if ended is not None and args.refill_from > ended:
                raise UsageError(
                    f"--refill-from: {args.refill_from.isoformat()} is after the end of your AI "
                    f"course, {ended.isoformat()} (profile ai_end)"
                )
            refill = Refill(args.refill_every, args.refill_from, ended)
        plan = store.get_plan()
        if plan is None or profile is None:
            notes.append(
                "No exercise plan yet: open the plan (p) or run bonecoach plan, then "
                "write the calendar again to add its sessions."
            )
            plan = None
        else:
            start, end = history_window(today)
            state = refresh_plan(
                plan,
                profile,
                store.checkins(start, end),
                store.session_logs(start, end),
                store.dxa_scans(),
                today,
            )
            plan = state.plan
            if state.changed:
                store.put_plan(plan)
            if plan.status == "paused":
                notes.append("Your plan is paused, so no sessions are in the calendar.")
            elif state.finished:
                notes.append("Your plan is finished: bonecoach plan --regenerate starts a new one.")
        picture = read_picture(store, today)
        calendar_id = store.get_setting("calendar_id")
        if calendar_id is None:
            calendar_id = new_calendar_id()
            store.set_setting("calendar_id", calendar_id)
    payload, summary = build_calendar(
        calendar_id=calendar_id,
        today=today,
        stamp=datetime.now(UTC).replace(microsecond=0),
        at=args.at or DEFAULT_AT,
        plan=plan,
        dxa_due=picture.next_dxa_due,
        refill=refill,
        asks_tablet=profile is None or profile.on_ai(today),
    )
    if target is None:  # the bytes as they are: RFC 5545 lines end in CR LF, all text is ours
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        write_output(target, payload)  # 0600, atomic: the file says when scans and pills are due
    told = sys.stderr if target is None else sys.stdout
    where = "standard output" if target is None else str(target)
    print(f"Wrote {where}: {summary.words(today)}.", file=told)
    for note in notes:
        print(note, file=told)
    if target is not None:
        print("Import it in your phone's calendar (README: Reminders in your calendar).", file=told)
    return EXIT_OK


def cmd_profile(args: argparse.Namespace) -> int:
    if args.assignments:
        with open_store(args, write=True) as store:
            profile = apply_profile_assignments(
                store.profile_for_update() or Profile(), args.assignments, _today()
            )
            store.put_profile(profile)
    else:
        with open_reader(args) as store:
            profile = store.profile_for_update()  # a damaged profile: say so and point to doctor
        if profile is None:
            raise UsageError("no profile yet; set one with --set KEY=VALUE or run bonecoach")
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
    from screens.weeks_helper import WeeksHelper
    from store.db import Store

    require_terminal()
    store = Store.open(data_path(args), defer_lock=True)  # the app takes it after 1st frame
    helper = WeeksHelper.for_store(store, _today())  # (before the app's slow import)
    try:
        from screens.app import CoachApp

        status = _run_app(CoachApp(store=store, today=_today, weeks_helper=helper), store.path)
    finally:
        helper.stop()
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


class _SafeStream:
    """A text stream that shows control characters as � (coach.textsafe): whatever a data file,
    an import or a path holds, a command's output cannot retitle or clear the terminal."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from coach.textsafe import printable

        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; map every user-facing error to one line on stderr and an exit status."""
    if argv is None:  # the process's own command line: the process ends with it
        if not opens_tui(sys.argv[1:]):
            _one_shot_collector()
        try:
            return main(sys.argv[1:])
        finally:
            _before_exit()
    argv = list(argv)
    if opens_tui(argv):
        try:
            args = tui_parser().parse_args(argv)
        except SystemExit as done:
            return int(done.code or 0)
        return _run(run_tui, args)  # the app draws the screen itself
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(out), _SafeStream(err)  # type: ignore[assignment]
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help, --version, or a one-line usage error (exit 2)
            return int(done.code or 0)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", run_tui)
        if handler is run_tui or (handler is cmd_demo and not getattr(args, "data", None)):
            sys.stdout, sys.stderr = out, err  # the app draws the screen itself
        return _run(handler, args)
    finally:
        sys.stdout, sys.stderr = out, err


def _one_shot_collector() -> None:
    """A one-shot command makes its objects and exits: the garbage collector looks at the
    young ones every 10,000 new containers instead of every 700 (importing the modules a
    command needs made it run about 80 times for nothing; cycles are still collected)."""
    import gc

    gc.set_threshold(10_000, 20, 20)


def _before_exit() -> None:
    """The command is done and the process exits next: spare it the garbage collector's last
    pass over every object it made (about 10 ms of a one-shot command). Nothing waits on it:
    every file was written and closed by its own ``with``, and memory goes back as it is
    freed or with the process."""
    import gc

    gc.freeze()


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    from store.db import StoreError
    from store.errors import PathError

    prog = f"bonecoach {args.command}" if args.command else "bonecoach"
    _OPENED.clear()
    if getattr(args, "scan_command", None):
        prog += f" {args.scan_command}"
    try:
        code = handler(args)
    except (UsageError, ValidationError, PathError) as error:
        _say_error(prog, str(error))
        return EXIT_USAGE
    except StoreError as error:
        _say_error(prog, str(error))
        return EXIT_PROBLEM
    except BrokenPipeError:  # e.g. piped into head: not an error worth a message
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        _say_error(prog, f"{error.strerror or error}{where}")
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    finally:
        notices = store_notices()
    for notice in notices:
        print(f"{prog}: note: {notice}", file=sys.stderr)
    return code


def _say_error(prog: str, message: str) -> None:
    """One line on stderr, whatever the message holds."""
    from coach.textsafe import printable

    print(printable(f"{prog}: {message}", one_line=True), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
