"""A guided session: one exercise at a time, sets counted, holds and rests timed, then one log.

The state machine behind the session player (screens/session_player.py), kept here so it is
testable without a terminal. The screen only draws it and passes the time in.

Time: every countdown is measured from a monotonic clock the caller passes in (``now``, in
seconds): time left = length - (time banked before a pause + now - started). Nothing counts
ticks, so a slow or resized terminal, a missed redraw or a suspended laptop never makes a hold
longer or shorter than it was, and a paused countdown does not move at all.

What is stored: one SessionLog (coach.models) with the exercises done (as the variant done),
those skipped and why, those done as their easier variant, and whether the session was left
before the end (``partial``). Its minutes are the plan's estimate (coach.plan_view) for the
part actually done, so a whole session counts exactly what marking it done counts, and the
check-in's minutes are added once (coach.sessions.add_to_checkin). The answers feed the plan:
pain during or a skip because it hurt eases the coming week, "too hard" (or switching to the
easier variant) makes the coming weeks use the easier variant, and a "not steady" holds the
balance and impact step-ups (coach.adapt).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from coach.exercises import Exercise, get_exercise
from coach.models import (
    SESSION_RANGES,
    SKIP_REASONS,
    Plan,
    PlanSession,
    PlanWeek,
    Prescription,
    SessionLog,
)
from coach.plan_view import minute_field, prescription_minutes, session_id

__all__ = [
    "DEFAULT_HOLD_SECONDS",
    "DEFAULT_REST_SECONDS",
    "SKIP_REASONS",
    "Countdown",
    "ExerciseProgress",
    "GuidedSession",
    "hold_seconds",
    "progress_bar",
]

DEFAULT_HOLD_SECONDS = 30  # a balance stand "and hold" with no time given: the 30 s its
# harder variant names (coach.exercises)
DEFAULT_REST_SECONDS = 60  # a prescription with no rest written (rest_s 0) still gets a rest
_HOLD_FOR = re.compile(r"\bhold for (?:up to )?(\d{1,3}) seconds\b", re.IGNORECASE)
_AND_HOLD = re.compile(r"\band hold\b", re.IGNORECASE)
STEADY_CATEGORIES = ("balance", "impact")  # "did you feel steady?" is asked after these


def hold_seconds(exercise: Exercise) -> int | None:
    """The hold its how-to asks for ("hold for 30 seconds"), or None if it has no hold.

    Read from the how-to itself, so the timer and the words the person reads never disagree.
    """
    found = _HOLD_FOR.search(exercise.how_to)
    if found:
        return int(found.group(1))
    if exercise.category == "balance" and _AND_HOLD.search(exercise.how_to):
        return DEFAULT_HOLD_SECONDS
    return None


def progress_bar(fraction: float, width: int) -> str:
    """A bar of ``width`` cells, full ones █ and empty ones ░: readable without colour."""
    width = max(1, width)
    fraction = min(1.0, max(0.0, fraction))
    full = math.floor(fraction * width + 1e-9)
    return "█" * full + "░" * (width - full)


@dataclass
class Countdown:
    """A hold, a timed bout or a rest: its length, and the time it has run (pauses excluded)."""

    kind: str  # "hold", "timer" or "rest"
    length: float
    started: float
    banked: float = 0.0  # seconds run before the last pause
    paused: bool = False

    def elapsed(self, now: float) -> float:
        running = 0.0 if self.paused else max(0.0, now - self.started)
        return min(self.length, self.banked + running)

    def left(self, now: float) -> float:
        return max(0.0, self.length - self.elapsed(now))

    def seconds_left(self, now: float) -> int:
        """Whole seconds left, rounded up: "1" until the very end, "0" only when it is over."""
        return math.ceil(self.left(now) - 1e-9)

    def fraction(self, now: float) -> float:
        return self.elapsed(now) / self.length if self.length else 1.0

    def finished(self, now: float) -> bool:
        return self.left(now) <= 0

    def pause(self, now: float) -> None:
        if not self.paused:
            self.banked = self.elapsed(now)
            self.paused = True

    def resume(self, now: float) -> None:
        if self.paused:
            self.started = now
            self.paused = False


@dataclass
class ExerciseProgress:
    """One exercise of the session as it goes: the variant in use, sets done, skipped or not."""

    planned: Prescription
    exercise_id: str
    sets_done: int = 0
    holds_done: int = 0
    skipped: str | None = None  # a SKIP_REASONS word

    @property
    def exercise(self) -> Exercise:
        return get_exercise(self.exercise_id)

    @property
    def sets_target(self) -> int:
        """Sets to count: a timed exercise (minutes) is one bout."""
        if self.planned.minutes is not None:
            return 1
        return self.planned.sets or 1

    @property
    def done(self) -> bool:
        return self.skipped is None and self.sets_done >= self.sets_target

    @property
    def started(self) -> bool:
        return self.skipped is None and (self.sets_done > 0 or self.holds_done > 0)

    @property
    def switched(self) -> bool:
        return self.exercise_id != self.planned.exercise_id

    @property
    def state(self) -> str:
        """In words (never colour alone): "done", "skipped: too hard", "2 of 3 sets", "to do"."""
        if self.skipped is not None:
            return f"skipped: {SKIP_REASONS[self.skipped]}"
        if self.done:
            return "done"
        if self.sets_done:
            return f"{self.sets_done} of {self.sets_target} sets"
        if self.holds_done:
            return f"{self.holds_done} {'hold' if self.holds_done == 1 else 'holds'} done"
        return "to do"

    def fraction_done(self) -> float:
        if self.skipped is not None:
            return 0.0
        return min(self.sets_done, self.sets_target) / self.sets_target

    def dose(self) -> str:
        """What to do, in words: "2 sets x 10", "10 min", with the hold if it has one."""
        p = self.planned
        amount = f"{p.minutes} min" if p.minutes is not None else f"{p.sets} sets x {p.reps}"
        hold = hold_seconds(self.exercise)
        if hold is not None:
            amount += f" · hold {hold} s each time"
        return f"{amount} · effort {p.effort}/10"

    def hold_length(self) -> tuple[str, int] | None:
        """The countdown ``h`` starts: the exercise's hold, else a timed bout's minutes."""
        hold = hold_seconds(self.exercise)
        if hold is not None:
            return "hold", hold
        if self.planned.minutes is not None:
            return "timer", self.planned.minutes * 60
        return None

    def rest_length(self) -> int:
        return self.planned.rest_s or DEFAULT_REST_SECONDS


@dataclass
class GuidedSession:
    """A plan session walked through one exercise at a time (module docstring).

    Every method that involves time takes ``now`` (monotonic seconds) from the caller.
    """

    plan: Plan
    week: PlanWeek
    session: PlanSession
    day: date
    items: list[ExerciseProgress] = field(default_factory=list)
    index: int = 0
    countdown: Countdown | None = None

    def __post_init__(self) -> None:
        if self.week not in self.plan.weeks or self.session not in self.week.sessions:
            raise ValueError("the session is not part of this plan")
        if not self.items:
            self.items = [ExerciseProgress(p, p.exercise_id) for p in self.session.prescriptions]

    # ----------------------------------------------------------------- reading

    @property
    def session_id(self) -> str:
        return session_id(self.week, self.session)

    @property
    def current(self) -> ExerciseProgress:
        return self.items[self.index]

    @property
    def anything_done(self) -> bool:
        return any(item.started for item in self.items)

    @property
    def all_settled(self) -> bool:
        """Every exercise done or skipped: nothing left over."""
        return all(item.done or item.skipped is not None for item in self.items)

    def asks_steady(self) -> bool:
        """Whether "did you feel steady?" applies: balance or impact work was done."""
        return any(
            item.started and item.exercise.category in STEADY_CATEGORIES for item in self.items
        )

    def running(self, now: float) -> bool:
        """A countdown is on and not paused (the screen needs a timer only then)."""
        return (
            self.countdown is not None
            and not self.countdown.paused
            and not (self.countdown.finished(now))
        )

    # ----------------------------------------------------------------- sets and variants

    def count_set(self) -> bool:
        """One more set of the current exercise done (a skipped one is done after all); False
        if nothing changed (all its sets were already counted)."""
        item = self.current
        was_skipped = item.skipped is not None
        item.skipped = None
        if item.sets_done >= item.sets_target:
            return was_skipped
        item.sets_done += 1
        return True

    def uncount_set(self) -> bool:
        """Take back a set counted by mistake."""
        item = self.current
        if item.sets_done == 0:
            return False
        item.sets_done -= 1
        return True

    def use_easier(self) -> str | None:
        """Switch the current exercise to its easier variant; the new name, or None if none.

        Sets and holds already counted stay counted: they were done.
        """
        easier = self.current.exercise.easier
        if easier is None:
            return None
        self.current.exercise_id = easier
        self.countdown = None
        return get_exercise(easier).name

    def skip(self, reason: str) -> None:
        """Skip the current exercise for a SKIP_REASONS reason (it counts no minutes)."""
        if reason not in SKIP_REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        self.current.skipped = reason
        self.countdown = None

    def move(self, step: int) -> bool:
        """Next (+1) or previous (-1) exercise; False at either end. A running countdown
        stops: it belonged to the exercise being left."""
        position = self.index + step
        if not 0 <= position < len(self.items):
            return False
        self.index = position
        self.countdown = None
        return True

    # ----------------------------------------------------------------- countdowns

    def start_hold(self, now: float) -> Countdown | None:
        """Start the current exercise's hold (or timed bout); None if it has neither."""
        length = self.current.hold_length()
        if length is None:
            return None
        self.countdown = Countdown(length[0], float(length[1]), now)
        return self.countdown

    def start_rest(self, now: float) -> Countdown:
        self.countdown = Countdown("rest", float(self.current.rest_length()), now)
        return self.countdown

    def toggle_pause(self, now: float) -> bool | None:
        """Pause or resume the countdown; True when now paused, None if none is running."""
        countdown = self.countdown
        if countdown is None or countdown.finished(now):
            return None
        if countdown.paused:
            countdown.resume(now)
            return False
        countdown.pause(now)
        return True

    def tick(self, now: float) -> Countdown | None:
        """Look at the clock: the countdown that has just ended (and is now cleared), else None.

        A finished hold counts one hold; a finished timed bout counts the bout done.
        """
        countdown = self.countdown
        if countdown is None or countdown.paused or not countdown.finished(now):
            return None
        self.countdown = None
        item = self.current
        if countdown.kind == "hold":
            item.holds_done += 1
        elif countdown.kind == "timer" and not item.done:
            item.sets_done = item.sets_target
        return countdown

    # ----------------------------------------------------------------- the log

    def minutes(self) -> dict[str, int]:
        """Minutes by kind for the part done (the plan's estimate, scaled by sets done)."""
        out = {"aerobic_min": 0, "resistance_min": 0, "balance_min": 0}
        for item in self.items:
            key = minute_field(item.exercise_id)
            if key is None or item.fraction_done() == 0:
                continue
            out[key] += math.ceil(prescription_minutes(item.planned) * item.fraction_done())
        return {k: int(min(SESSION_RANGES[k].high, v)) for k, v in out.items()}

    def to_log(
        self,
        effort: int | None,
        pain_during: int | None,
        note: str = "",
        steady: bool | None = None,
    ) -> SessionLog:
        """The one log of this session: partial when any exercise is neither done nor skipped."""
        return SessionLog(
            day=self.day,
            session_id=self.session_id,
            effort=effort,
            pain_during=pain_during,
            exercises=tuple(item.exercise_id for item in self.items if item.started),
            note=note,
            steady=steady if self.asks_steady() else None,
            partial=not self.all_settled,
            skipped={
                item.planned.exercise_id: item.skipped
                for item in self.items
                if item.skipped is not None
            },
            easier={
                item.planned.exercise_id: item.exercise_id
                for item in self.items
                if item.switched and item.started
            },
            **self.minutes(),
        )

    def summary(self) -> str:
        """ "4 of 6 exercises done, 1 skipped" (for the end questions and the notice)."""
        done = sum(item.done for item in self.items)
        skipped = sum(item.skipped is not None for item in self.items)
        text = f"{done} of {len(self.items)} exercises done"
        return text + (f", {skipped} skipped" if skipped else "")
