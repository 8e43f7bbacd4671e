"""Plan records: a 12-week plan of weekly sessions, each a list of prescriptions.

Validated and frozen like every record (see coach/models.py, which re-exports these names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from coach.models import NumberRange, Record, ValidationError, _choice, _date, _set

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
        if (self.reps is None) == (self.minutes is None):
            raise ValidationError("prescription", "needs either reps or minutes")
        NumberRange("effort", 0, 10).check("effort", self.effort)


@dataclass(frozen=True)
class PlanSession(Record):
    """One day's session of a plan week."""

    day: str
    kind: str
    prescriptions: tuple[Prescription, ...] = ()

    def __post_init__(self) -> None:
        _choice("day", self.day, WEEKDAYS)
        _set(
            self,
            "prescriptions",
            tuple(
                p if isinstance(p, Prescription) else Prescription.from_dict(p)
                for p in self.prescriptions
            ),
        )


@dataclass(frozen=True)
class PlanWeek(Record):
    """A week of the plan: its phase, sessions, and notes shown to the patient."""

    week: int
    phase: str
    sessions: tuple[PlanSession, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _set(
            self,
            "sessions",
            tuple(
                s if isinstance(s, PlanSession) else PlanSession.from_dict(s) for s in self.sessions
            ),
        )
        _set(self, "notes", tuple(self.notes))


@dataclass(frozen=True)
class Adaptation(Record):
    """A change the coach made to the plan, with when and why (for patient and clinician)."""

    day: date
    kind: str
    reason: str
    week: int
    detail: str = ""  # the same change in a clinician's words (the visit report)

    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("day",)


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
        _set(
            self,
            "weeks",
            tuple(w if isinstance(w, PlanWeek) else PlanWeek.from_dict(w) for w in self.weeks),
        )
        _set(
            self,
            "adaptations",
            tuple(
                a if isinstance(a, Adaptation) else Adaptation.from_dict(a)
                for a in self.adaptations
            ),
        )
        _set(self, "reasons", tuple(self.reasons))
        _set(self, "safety_notes", tuple(self.safety_notes))
