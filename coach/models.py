"""Validated, frozen records: the shapes every other part of the coach agrees on.

Every field has a documented allowed range (see the ``*_RANGES`` tables) so that the CLI, the
screens and the store can all give the same message for the same bad value. Records are
immutable; a change is a new record (``dataclasses.replace``) that is validated again.
Serialisation (``to_dict`` / ``from_dict``) uses JSON-safe types only: ISO dates, lists, numbers.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, ClassVar, NamedTuple, Self

from coach.parsing import ParseError, check_day, parse_date, parse_number, shown
from coach.textsafe import clean_text, is_plain


class ValidationError(ValueError):
    """A value outside its allowed range. ``field`` names it; the message says what is allowed."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


# --------------------------------------------------------------------------- choices

AI_DRUGS = ("anastrozole", "letrozole", "exemestane", "other")
SMOKER_CHOICES = ("unknown", "no", "former", "yes")  # "unknown" until the person answers
ACTIVITY_LEVELS = ("sedentary", "light", "active")
EQUIPMENT = ("none", "chair", "band", "dumbbells", "gym")
BONE_STATUSES = ("unknown", "normal", "osteopenia", "osteoporosis")
DXA_SITES = ("lumbar_spine", "total_hip", "femoral_neck")
DXA_SITE_LABELS = {
    "lumbar_spine": "lumbar spine",
    "total_hip": "total hip",
    "femoral_neck": "femoral neck",
}
# Risk factors other than bone density (AIBL 2017; FACTS.md item 11).
RISK_FACTORS = {
    "family-hip-fracture": "family history of hip fracture",
    "fragility-fracture": "own fragility fracture after age 50",
    "steroids": "oral corticosteroids for more than 6 months",
    "smoking": "current or past smoking",
    "age-over-65": "age over 65",
    "low-bmi": "BMI under 20",
}
# Why a tablet was not taken (asked only after a "no"): stored word -> the words a person reads.
AI_MISSED_REASONS = {
    "forgot": "forgot",
    "side-effects": "side effects",
    "ran-out": "ran out",
    "care-team-paused": "my care team paused it",
    "other": "other",
}
# Why an exercise of a guided session was skipped: stored word -> the words a person reads.
SKIP_REASONS = {
    "hurt": "it hurt",
    "too-hard": "too hard",
    "no-equipment": "no equipment",
    "no-time": "no time",
}
# Stop-and-seek-care symptoms (FACTS.md item 21), as a checklist.
RED_FLAGS = {
    "chest_pain": "chest pain",
    "faint_dizzy": "fainting or dizziness",
    "breathless": "breathlessness out of proportion",
    "new_bone_pain": "new sharp or bone pain",
    "new_swelling": "new swelling",
    "sudden_back_pain": "sudden severe back pain, worse standing",
    "height_loss": "loss of height",
}

# --------------------------------------------------------------------------- ranges


class NumberRange(NamedTuple):
    """An inclusive range for one numeric field, with the words used in messages.

    A NamedTuple rather than a dataclass: it is built at import, and start-up time counts.
    """

    label: str
    low: float
    high: float
    whole: bool = True
    unit: str = ""

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        kind = "a whole number" if self.whole else "a number"
        return f"{kind} from {_fmt(self.low)} to {_fmt(self.high)}{unit}"

    def check(self, name: str, value: object) -> int | float:
        """Return the value as int/float, or raise ValidationError naming field and range.

        Exact for any size of int (a 400-digit number from a file is out of range, not an
        overflow), and NaN or infinity are refused.
        """
        kind = type(value)
        if kind is not int and kind is not float:  # (the usual cases first: start-up counts)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValidationError(name, f"must be {self.describe()} (got {shown(value)})")
            kind = float if isinstance(value, float) else int
        if kind is float and (
            not math.isfinite(value)  # type: ignore[arg-type]
            or (self.whole and not value.is_integer())  # type: ignore[union-attr]
        ):
            raise ValidationError(name, f"must be {self.describe()} (got {value})")
        if not self.low <= value <= self.high:
            raise ValidationError(name, f"must be {self.describe()} (got {_fmt(value)})")
        return int(value) if self.whole else round(float(value), 1)

    def parse(self, name: str, text: str) -> int | float:
        """Parse typed text (CLI argument, form field, ``--set`` value) and check the range.

        The rules are coach.parsing's: ASCII digits, one decimal mark (``.`` or ``,``) only
        where the field is not whole, at most 12 characters.
        """
        try:
            number = parse_number(text, whole=self.whole)
        except ParseError:
            raise ValidationError(name, f"must be {self.describe()} (got {shown(text)})") from None
        return self.check(name, number)


def _fmt(value: float) -> str:
    if isinstance(value, int) and value.bit_length() > 60:
        return "a number far too large" if value > 0 else "a number far too small"
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    return str(int(value)) if float(value).is_integer() else str(value)


PROFILE_RANGES: dict[str, NumberRange] = {
    "birth_year": NumberRange("year of birth", 1900, 2015),
    "days_per_week": NumberRange("exercise days per week", 1, 7),
    "minutes_per_session": NumberRange("minutes per session", 10, 90, unit="minutes"),
    "falls_last_year": NumberRange("falls in the last year", 0, 20),
    "weight_kg": NumberRange("weight", 30, 250, whole=False, unit="kg"),
    "height_cm": NumberRange("height", 100, 230, whole=False, unit="cm"),
}

CHECKIN_RANGES: dict[str, NumberRange] = {
    "pain": NumberRange("worst joint pain", 0, 10),
    "interference": NumberRange("pain interference", 0, 4),
    "aerobic_min": NumberRange("weight-bearing aerobic minutes", 0, 600, unit="minutes"),
    "resistance_min": NumberRange("resistance minutes", 0, 600, unit="minutes"),
    "balance_min": NumberRange("balance minutes", 0, 600, unit="minutes"),
    "calcium_food_mg": NumberRange("calcium from food", 0, 5000, unit="mg"),
    "calcium_supplement_mg": NumberRange("calcium supplement", 0, 3000, unit="mg"),
    "vitamin_d_iu": NumberRange("vitamin D supplement", 0, 50000, unit="IU"),
    "fatigue": NumberRange("fatigue", 0, 10),
    "mood": NumberRange("mood", 1, 5),
    "alcohol_units": NumberRange("alcohol", 0, 50, whole=False, unit="units"),
    "caffeine_drinks": NumberRange("caffeinated drinks", 0, 30),
}
NOTE_MAX_CHARS = 500
NAME_MAX_CHARS = 40

DXA_T_SCORE = NumberRange("T-score", -6.0, 4.0, whole=False)
# a tablet refill every 1 to 366 days (packs are usually 28, 30 or 90 days): here, not in
# coach/reminders.py, because the CLI's parser shows it for every command
REFILL_DAYS = (1, 366)

SESSION_RANGES: dict[str, NumberRange] = {
    "aerobic_min": CHECKIN_RANGES["aerobic_min"],
    "resistance_min": CHECKIN_RANGES["resistance_min"],
    "balance_min": CHECKIN_RANGES["balance_min"],
    "effort": NumberRange("effort", 0, 10),
    "pain_during": NumberRange("pain during the session", 0, 10),
}

# --------------------------------------------------------------------------- helpers


def _choice(name: str, value: object, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if type(value) is not str or value not in allowed:
        raise ValidationError(name, f"must be one of {', '.join(allowed)} (got {shown(value)})")
    return value


def _optional_bool(name: str, value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValidationError(name, f"must be yes or no (got {shown(value)})")


def _date(name: str, value: object) -> date:
    """A date field: a ``date``, or ISO text read by the one date parser (coach.parsing)."""
    try:
        if isinstance(value, date):
            return check_day(value)
        if isinstance(value, str):
            return parse_date(value)
    except ParseError as error:
        raise ValidationError(name, f"{error} (got {shown(value)})") from None
    raise ValidationError(name, f"must be a date as YYYY-MM-DD (got {shown(value)})")


def _text(name: str, value: object, limit: int) -> str:
    """Free text: control characters removed (coach.textsafe), length bounded."""
    if not isinstance(value, str):
        raise ValidationError(name, f"must be text (got {shown(value)})")
    if len(value) > limit:
        raise ValidationError(name, f"must be at most {limit} characters (got {len(value)})")
    return clean_text(value)


def _names(name: str, value: object, allowed: Iterable[str]) -> tuple[str, ...]:
    """A list of choices (equipment, red flags, ...): a list of known words, no more."""
    if type(value) not in (list, tuple, set, frozenset):
        allowed = tuple(allowed)
        raise ValidationError(name, f"must be a list of {', '.join(allowed)} (got {shown(value)})")
    if not value:
        return ()
    allowed = tuple(allowed)
    for item in value:
        _choice(name, item, allowed)
    return tuple(value)


def _texts(name: str, value: object, limit: int, most: int = 200) -> tuple[str, ...]:
    """A list of short texts (exercise ids, plan notes): each text checked like ``_text``."""
    if type(value) not in (list, tuple):
        raise ValidationError(name, f"must be a list of texts (got {shown(value)})")
    if len(value) > most:
        raise ValidationError(name, f"must hold at most {most} items (got {len(value)})")
    items = tuple(value)
    if not items:
        return items
    plain = set(map(type, items)) == {str} and max(map(len, items)) <= limit
    if plain and is_plain("".join(items)):
        return items  # the usual case, checked in one go
    return tuple(_text(name, item, limit) for item in items)


def _id_map(name: str, value: object, allowed: Iterable[str] | None = None) -> dict[str, str]:
    """A small object of exercise id -> text (a reason from ``allowed``, or another id)."""
    if not isinstance(value, dict) or len(value) > 40:
        raise ValidationError(name, f"must be an object of at most 40 entries (got {shown(value)})")
    out = {}
    for key, item in value.items():
        key_text, item_text = _text(name, key, 60), _text(name, item, 60)
        if allowed is not None:
            _choice(name, item_text, allowed)
        out[key_text] = item_text
    return out


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _keep(obj: object, name: str, value: object) -> None:
    """``_set`` unless ``value`` is what the field holds already (the usual case once
    checked: a stored day, a plain note), which saves a write per field of every record read."""
    if obj.__dict__[name] is not value:
        object.__setattr__(obj, name, value)


NumberChecks = tuple[tuple[str, NumberRange, float, float], ...]


def _number_checks(ranges: Mapping[str, NumberRange]) -> NumberChecks:
    """(field, range, lowest and highest int passed as it is) for ``_check_numbers``, looked
    up once, not per record; a range that is not whole passes none (1 to 0)."""
    return tuple(
        (key, spec, *((spec.low, spec.high) if spec.whole else (1, 0)))
        for key, spec in ranges.items()
    )


def _check_numbers(record: object, checks: NumberChecks, required: frozenset[str]) -> None:
    """Every number field of ``record`` within its range (``NumberRange.check``); a whole
    number in range, the usual stored value, is passed as it is, without a call (30 years of
    check-ins are 130,000 numbers). A field in ``required`` must hold a number."""
    values = record.__dict__
    for key, spec, low, high in checks:
        value = values[key]
        if type(value) is int and low <= value <= high:
            continue  # what ``spec.check`` would give back
        if value is None and key not in required:
            continue
        checked = spec.check(key, value)
        if checked is not value:
            object.__setattr__(record, key, checked)


_CHECKIN_NUMBERS = _number_checks(CHECKIN_RANGES)
_SESSION_NUMBERS = _number_checks(SESSION_RANGES)
_SESSION_MINUTES = frozenset(key for key in SESSION_RANGES if key.endswith("_min"))


def parse_yes_no(name: str, text: str) -> bool:
    """Parse yes/no the way people type it at a prompt or on the command line."""
    answer = text.strip().lower()
    if answer in ("yes", "y", "true", "1"):
        return True
    if answer in ("no", "n", "false", "0"):
        return False
    raise ValidationError(name, f"must be yes or no (got {shown(text)})")


_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """Field names of a dataclass type, None for any other type (asked once per type)."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


def to_jsonable(value: Any) -> Any:
    """Dates to ISO strings, tuples to lists, records to dicts: what JSON (and TinyDB) holds."""
    kind = type(value)
    if kind in _SCALARS:  # most values: nothing to do (an import of 30 years meets 300,000)
        return value
    names = _dataclass_fields(kind)
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset | set):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]


class _Fields(NamedTuple):
    """What building a record from stored data needs to know of its class (asked once)."""

    required: frozenset[str]
    defaults: dict[str, Any]
    factories: tuple[tuple[str, Any], ...]


@cache
def _fields_of(cls: type) -> _Fields:
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    missing = dataclasses.MISSING
    return _Fields(
        frozenset(f.name for f in fields if f.default is missing and f.default_factory is missing),
        {f.name: f.default for f in fields if f.default is not missing},
        tuple((f.name, f.default_factory) for f in fields if f.default_factory is not missing),
    )


class Record:
    """Shared serialisation: ``to_dict`` for storage, ``from_dict`` validates on the way in."""

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from stored data; unknown keys are ignored so newer files stay readable."""
        if type(data) is not dict and not isinstance(data, Mapping):
            raise ValidationError(cls.__name__, f"must be an object (got {type(data).__name__})")
        names = _field_names(cls)
        kwargs = {k: v for k, v in data.items() if k in names}
        for key in cls.DATE_FIELDS:
            if kwargs.get(key) is not None:
                kwargs[key] = _date(key, kwargs[key])
        fields = _fields_of(cls)
        if not fields.required <= kwargs.keys():
            return cls(**kwargs)  # (raises TypeError, naming what is missing)
        # What the frozen dataclass's __init__ does (every field, then __post_init__), without
        # a call to object.__setattr__ per field: a third of reading a check-in, and 30 years
        # are 16,000 records (issue 15).
        record = object.__new__(cls)
        values = record.__dict__
        values.update(fields.defaults)
        values.update(kwargs)
        for name, factory in fields.factories:
            if name not in kwargs:
                values[name] = factory()
        record.__post_init__()  # type: ignore[attr-defined]
        return record


# --------------------------------------------------------------------------- Profile


@dataclass(frozen=True)
class Profile(Record):
    """Who the coach is for. Drives the plan, the prompts and the bone-health assessment."""

    name: str = ""
    birth_year: int | None = None
    ai_drug: str = "other"
    ai_start: date | None = None
    smoker: str = "unknown"
    activity: str = "light"
    days_per_week: int = 3
    minutes_per_session: int = 30
    equipment: tuple[str, ...] = ("none",)
    bone_status: str = "unknown"
    vertebral_fracture: bool = False
    falls_last_year: int = 0
    supervised: bool = False
    risk_factors: tuple[str, ...] = ()
    weight_kg: float | None = None
    height_cm: float | None = None
    birth_date: date | None = None  # optional; when known, age is exact (else "about")
    # The planned or actual last day of the aromatase inhibitor course (optional). After it the
    # check-in no longer asks about the tablet, and the coach says what changes after an AI.
    ai_end: date | None = None

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("ai_start", "birth_date", "ai_end")

    def __post_init__(self) -> None:
        _set(self, "name", _text("name", self.name, NAME_MAX_CHARS).strip())
        if self.birth_date is not None:
            _set(self, "birth_date", _date("birth_date", self.birth_date))
            if self.birth_year is None:
                _set(self, "birth_year", self.birth_date.year)
            elif self.birth_year != self.birth_date.year:
                raise ValidationError(
                    "birth_date",
                    f"must be in the year of birth {self.birth_year} (got {self.birth_date})",
                )
        for key in ("birth_year", "weight_kg", "height_cm"):
            if getattr(self, key) is not None:
                _set(self, key, PROFILE_RANGES[key].check(key, getattr(self, key)))
        _set(self, "ai_drug", _choice("ai_drug", self.ai_drug, AI_DRUGS))
        if self.ai_start is not None:
            _set(self, "ai_start", _date("ai_start", self.ai_start))
        if self.ai_end is not None:
            _set(self, "ai_end", _date("ai_end", self.ai_end))
            if self.ai_start is not None and self.ai_end <= self.ai_start:
                raise ValidationError(
                    "ai_end",
                    f"must be after the start {self.ai_start.isoformat()} "
                    f"(got {self.ai_end.isoformat()})",
                )
        _set(self, "smoker", _choice("smoker", self.smoker, SMOKER_CHOICES))
        _set(self, "activity", _choice("activity", self.activity, ACTIVITY_LEVELS))
        for key in ("days_per_week", "minutes_per_session", "falls_last_year"):
            _set(self, key, PROFILE_RANGES[key].check(key, getattr(self, key)))
        equipment = _names("equipment", self.equipment, EQUIPMENT)
        if not equipment:
            raise ValidationError("equipment", f"must be a list of {', '.join(EQUIPMENT)} (got [])")
        _set(self, "equipment", tuple(e for e in EQUIPMENT if e in equipment))
        _set(self, "bone_status", _choice("bone_status", self.bone_status, BONE_STATUSES))
        for key in ("vertebral_fracture", "supervised"):
            if not isinstance(getattr(self, key), bool):
                raise ValidationError(key, f"must be yes or no (got {shown(getattr(self, key))})")
        factors = _names("risk_factors", self.risk_factors, RISK_FACTORS)
        _set(self, "risk_factors", tuple(r for r in RISK_FACTORS if r in factors))

    def age(self, today: date) -> int | None:
        """Age in whole years: exact with a birth date, else the age reached this year."""
        if self.birth_date is not None:
            born = self.birth_date
            return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        return None if self.birth_year is None else today.year - self.birth_year

    def on_ai(self, day: date) -> bool:
        """Whether ``day`` falls in the aromatase inhibitor course as far as the profile says:
        not before a known start, not after a known end (unknown dates do not exclude a day)."""
        if self.ai_start is not None and day < self.ai_start:
            return False
        return self.ai_end is None or day <= self.ai_end


# --------------------------------------------------------------------------- CheckIn

CHECKIN_NUMBER_FIELDS = tuple(CHECKIN_RANGES)
CHECKIN_BOOL_FIELDS = ("ai_taken", "smoked", "fall", "fall_injured")


@dataclass(frozen=True)
class CheckIn(Record):
    """One day's check-in. ``None`` means "not recorded" (a gap), never zero."""

    day: date
    pain: int | None = None
    interference: int | None = None
    ai_taken: bool | None = None
    aerobic_min: int | None = None
    resistance_min: int | None = None
    balance_min: int | None = None
    calcium_food_mg: int | None = None
    calcium_supplement_mg: int | None = None
    vitamin_d_iu: int | None = None
    fatigue: int | None = None
    mood: int | None = None
    alcohol_units: float | None = None
    caffeine_drinks: int | None = None
    smoked: bool | None = None
    fall: bool | None = None
    fall_injured: bool | None = None
    red_flags: tuple[str, ...] = ()
    note: str = ""
    # Why the tablet was not taken (AI_MISSED_REASONS); only with ai_taken "no", and optional.
    ai_missed_reason: str | None = None

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("day",)

    def __post_init__(self) -> None:
        _keep(self, "day", _date("day", self.day))
        _check_numbers(self, _CHECKIN_NUMBERS, frozenset())
        values = self.__dict__
        for key in CHECKIN_BOOL_FIELDS:
            _optional_bool(key, values[key])
        if self.fall_injured and not self.fall:
            raise ValidationError("fall_injured", "can only be yes when there was a fall")
        if self.ai_missed_reason is not None:
            _choice("ai_missed_reason", self.ai_missed_reason, AI_MISSED_REASONS)
            if self.ai_taken is not False:
                raise ValidationError(
                    "ai_missed_reason", "can only be given when the tablet was not taken"
                )
        flags = _names("red_flags", self.red_flags, RED_FLAGS)
        _set(self, "red_flags", tuple(r for r in RED_FLAGS if r in flags) if flags else ())
        _keep(self, "note", _text("note", self.note, NOTE_MAX_CHARS))

    @property
    def calcium_total_mg(self) -> int | None:
        """Food plus supplement calcium, or None when neither was recorded."""
        parts = [self.calcium_food_mg, self.calcium_supplement_mg]
        return None if all(p is None for p in parts) else sum(p or 0 for p in parts)

    @property
    def exercise_min(self) -> int | None:
        """All exercise minutes of the day, or None when none was recorded."""
        parts = [self.aerobic_min, self.resistance_min, self.balance_min]
        return None if all(p is None for p in parts) else sum(p or 0 for p in parts)

    def recorded_fields(self) -> tuple[str, ...]:
        """Names of the fields that hold a value (what a partial check-in set)."""
        names = [*CHECKIN_NUMBER_FIELDS, *CHECKIN_BOOL_FIELDS]
        out = [n for n in names if getattr(self, n) is not None]
        if self.red_flags:
            out.append("red_flags")
        if self.note:
            out.append("note")
        if self.ai_missed_reason is not None:
            out.append("ai_missed_reason")
        return tuple(out)

    def merged(self, newer: CheckIn) -> CheckIn:
        """This day's entry with every field ``newer`` recorded taking its value."""
        if newer.day != self.day:
            raise ValidationError("day", "can only merge check-ins of the same day")
        changes = {name: getattr(newer, name) for name in newer.recorded_fields()}
        if newer.ai_taken is True:
            changes["ai_missed_reason"] = None  # taken after all: the reason it was not goes
        if newer.fall is False and "fall_injured" not in changes:
            changes["fall_injured"] = None  # no fall after all: nor an injury from one
        return dataclasses.replace(self, **changes)


# --------------------------------------------------------------------------- DXA


@dataclass(frozen=True)
class DxaScan(Record):
    """One DXA result at one site. The lowest T-score of a visit is what guidelines use."""

    day: date
    site: str
    t_score: float

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("day",)

    def __post_init__(self) -> None:
        _set(self, "day", _date("day", self.day))
        _set(self, "site", _choice("site", self.site, DXA_SITES))
        _set(self, "t_score", DXA_T_SCORE.check("t_score", self.t_score))

    @property
    def key(self) -> str:
        """One result per site per day: saving the same day and site again replaces it."""
        return f"{self.day.isoformat()}/{self.site}"


# --------------------------------------------------------------------------- sessions


@dataclass(frozen=True)
class SessionLog(Record):
    """A plan session marked done: what was done, how hard it felt, and pain during it."""

    day: date
    session_id: str
    aerobic_min: int = 0
    resistance_min: int = 0
    balance_min: int = 0
    effort: int | None = None
    pain_during: int | None = None
    exercises: tuple[str, ...] = ()
    note: str = ""
    # "Did you feel steady and manage the balance and impact work?" None: not asked (older logs).
    # Balance and impact step up only after sessions answered yes (coach.adapt).
    steady: bool | None = None
    # A guided session (coach.guided): stopped before the end, exercises skipped (id -> a
    # SKIP_REASONS word) and exercises done as their easier variant (planned id -> the one done).
    partial: bool = False
    skipped: dict[str, str] = field(default_factory=dict)
    easier: dict[str, str] = field(default_factory=dict)

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("day",)

    def __post_init__(self) -> None:
        _keep(self, "day", _date("day", self.day))
        _optional_bool("steady", self.steady)
        if not isinstance(self.partial, bool):
            raise ValidationError("partial", f"must be true or false (got {shown(self.partial)})")
        _set(self, "skipped", _id_map("skipped", self.skipped, SKIP_REASONS))
        _set(self, "easier", _id_map("easier", self.easier))
        _keep(self, "session_id", _text("session_id", self.session_id, 60))
        if not self.session_id:
            raise ValidationError("session_id", "must not be empty")
        _check_numbers(self, _SESSION_NUMBERS, _SESSION_MINUTES)  # minutes are always a number
        _keep(self, "exercises", _texts("exercises", self.exercises, 60))
        _keep(self, "note", _text("note", self.note, NOTE_MAX_CHARS))

    @property
    def key(self) -> str:
        return f"{self.day.isoformat()}/{self.session_id}"

    @property
    def minutes(self) -> int:
        return self.aerobic_min + self.resistance_min + self.balance_min


# --------------------------------------------------------------------------- plan records

# The plan records live in coach/plan_models.py and load on first use: the home screen never
# needs them, and every dataclass costs start-up time. ``from coach.models import Plan`` works.
_PLAN_NAMES = ("WEEKDAYS", "Prescription", "PlanSession", "PlanWeek", "Adaptation", "Plan")


def __getattr__(name: str) -> Any:
    if name in _PLAN_NAMES:
        from coach import plan_models

        return getattr(plan_models, name)
    raise AttributeError(f"module 'coach.models' has no attribute {name!r}")


def check_profile_against_today(profile: Profile, today: date) -> None:
    """Rules that need today's date (the record itself cannot know it): adults, no future."""
    if profile.birth_year is not None and profile.birth_year > today.year - 18:
        raise ValidationError("birth_year", f"must be {today.year - 18} or earlier (adults)")
    if profile.birth_date is not None and profile.birth_date > today:
        raise ValidationError("birth_date", "must not be in the future")
    if profile.ai_start is not None and profile.ai_start > today:
        raise ValidationError("ai_start", "must not be in the future")


def check_against_today(record: object, today: date) -> None:
    """Rules every way in applies (CLI, forms, import): nothing dated after ``today``.

    A record alone cannot know today's date, so these live apart from its validation; a stored
    record is not refused for them (the clock may have been wrong when it was saved).
    """
    if isinstance(record, Profile):
        check_profile_against_today(record, today)
        return
    day = getattr(record, "day", None)
    if isinstance(day, date) and day > today:
        raise ValidationError("day", f"{day.isoformat()} is in the future")
