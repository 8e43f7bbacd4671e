"""Plan records: a 12-week plan of weekly sessions, each a list of prescriptions.

Validated and frozen like every record (see coach/models.py, which re-exports these names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from coach.models import (
    NumberRange,
    Record,
    ValidationError,
    _choice,
    _date,
    _set,
    _text,
    _texts,
    shown,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PLAN_STATUSES = ("active", "paused")
MAX_WEEKS = 52
TEXT_MAX = 1000  # reasons and notes the planner writes are a sentence or two
_EFFORT = NumberRange("effort", 0, 10)
_SETS = NumberRange("sets", 1, 20)
_REPS = NumberRange("reps", 1, 200)
_MINUTES = NumberRange("minutes", 1, 240)
_REST = NumberRange("rest", 0, 3600, unit="seconds")
_WEEK = NumberRange("week", 1, MAX_WEEKS)


def _records(name: str, value: object, kind: type, most: int) -> tuple[Any, ...]:
    """A list of nested records (weeks, sessions, ...), each validated as its kind."""
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise ValidationError(name, f"must be a list (got {shown(value)})")
    if len(value) > most:
        raise ValidationError(name, f"must hold at most {most} items (got {len(value)})")
    return tuple(v if isinstance(v, kind) else kind.from_dict(v) for v in value)


def _plain_mapping(name: str, value: object, most: int = 50) -> dict[str, Any]:
    """Extra plan facts: a small object of texts, numbers, yes/no, and lists or one level of
    text-keyed objects of those (e.g. ``step_ups``: exercise id -> the next harder one)."""
    if not isinstance(value, dict) or len(value) > most:
        raise ValidationError(name, f"must be an object of at most {most} entries")
    scalar = str | int | float | bool | None
    for key, item in value.items():
        if isinstance(item, dict):
            if not all(isinstance(k, str) and len(k) <= 200 for k in item):
                raise ValidationError(name, f"has an unexpected value for {shown(key)}")
            items = list(item.values())
        else:
            items = item if isinstance(item, list) else [item]
        if (
            not isinstance(key, str)
            or len(items) > 100
            or not all(
                isinstance(i, scalar) and (not isinstance(i, str) or len(i) <= 200) for i in items
            )
        ):
            raise ValidationError(name, f"has an unexpected value for {shown(key)}")
    return value


@dataclass(frozen=True)
class Prescription(Record):
    """One exercise in a session: sets x reps, or minutes, at an effort on a 0-10 scale."""

    exercise_id: str
    sets: int | None = None
    reps: int | None = None
    minutes: int | None = None
    effort: int = 5
    rest_s: int = 60

    def __post_init__(self) -> None:
        from coach.exercises import get_exercise

        _text("exercise_id", self.exercise_id, 60)
        try:
            get_exercise(self.exercise_id)
        except KeyError:
            raise ValidationError(
                "exercise_id", f"is not in the library ({shown(self.exercise_id)})"
            ) from None
        if (self.reps is None) == (self.minutes is None):
            raise ValidationError("prescription", "needs either reps or minutes")
        for key, spec in (("sets", _SETS), ("reps", _REPS), ("minutes", _MINUTES)):
            if getattr(self, key) is not None:
                _set(self, key, spec.check(key, getattr(self, key)))
        _set(self, "effort", _EFFORT.check("effort", self.effort))
        _set(self, "rest_s", _REST.check("rest_s", self.rest_s))


@dataclass(frozen=True)
class PlanSession(Record):
    """One day's session of a plan week."""

    day: str
    kind: str
    prescriptions: tuple[Prescription, ...] = ()

    def __post_init__(self) -> None:
        _choice("day", self.day, WEEKDAYS)
        _set(self, "kind", _text("kind", self.kind, 60))
        _set(self, "prescriptions", _records("prescriptions", self.prescriptions, Prescription, 40))


@dataclass(frozen=True)
class PlanWeek(Record):
    """A week of the plan: its phase, sessions, and notes shown to the patient."""

    week: int
    phase: str
    sessions: tuple[PlanSession, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _set(self, "week", _WEEK.check("week", self.week))
        _set(self, "phase", _text("phase", self.phase, 60))
        _set(self, "sessions", _records("sessions", self.sessions, PlanSession, 7))
        _set(self, "notes", _texts("notes", self.notes, TEXT_MAX, 50))


@dataclass(frozen=True)
class Adaptation(Record):
    """A change the coach made to the plan, with when and why (for patient and clinician)."""

    day: date
    kind: str
    reason: str
    week: int
    detail: str = ""  # the same change in a clinician's words (the visit report)

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("day",)

    def __post_init__(self) -> None:
        _set(self, "day", _date("day", self.day))
        _set(self, "kind", _text("kind", self.kind, 60))
        _set(self, "reason", _text("reason", self.reason, TEXT_MAX))
        _set(self, "week", _WEEK.check("week", self.week))


@dataclass(frozen=True)
class Plan(Record):
    """A 12-week exercise plan: schedules, reasons, safety notes and the adaptations made since."""

    created: date
    start: date
    weeks: tuple[PlanWeek, ...]
    reasons: tuple[str, ...] = ()
    safety_notes: tuple[str, ...] = ()
    adaptations: tuple[Adaptation, ...] = ()
    status: str = "active"
    profile_key: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("created", "start")

    def __post_init__(self) -> None:
        _set(self, "created", _date("created", self.created))
        _set(self, "start", _date("start", self.start))
        _set(self, "weeks", _records("weeks", self.weeks, PlanWeek, MAX_WEEKS))
        if not self.weeks:
            raise ValidationError("weeks", "must hold at least one week")
        _set(self, "adaptations", _records("adaptations", self.adaptations, Adaptation, 2000))
        _set(self, "reasons", _texts("reasons", self.reasons, TEXT_MAX, 100))
        _set(self, "safety_notes", _texts("safety_notes", self.safety_notes, TEXT_MAX, 100))
        _set(self, "status", _choice("status", self.status, PLAN_STATUSES))
        _set(self, "profile_key", _text("profile_key", self.profile_key, 2000))
        _set(self, "extra", _plain_mapping("extra", self.extra))
