"""The daily check-in: every field from the keyboard, checked as you type, saved in one go.

Nothing is saved until every field is valid; a bad value shows a message beside its field and
what was typed stays. ctrl+s (or Enter on the note) saves; Esc asks before discarding changes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from coach.checkin import same_as_yesterday
from coach.models import (
    AI_MISSED_REASONS,
    CHECKIN_RANGES,
    NOTE_MAX_CHARS,
    RED_FLAGS,
    CheckIn,
    ValidationError,
)
from screens.app import CoachApp
from screens.widgets.choice import OneOf, YesNo
from screens.widgets.fields import (
    FieldRow,
    NumberInput,
    Section,
    TextInput,
    TickBox,
    format_number,
    read_number,
)
from screens.widgets.footer import KeysFooter
from screens.widgets.form import Form

# field -> (label, hint, step); the order is the order of the form
NUMBER_FIELDS: dict[str, tuple[str, str, float]] = {
    "pain": ("Worst joint pain, last 24 h", "1-4 mild · 5-6 moderate · 7+ severe", 1),
    "interference": ("Pain got in the way", "0 not at all … 4 very much", 1),
    "aerobic_min": ("Walking, weight-bearing min", "brisk walk, stairs, dancing", 5),
    "resistance_min": ("Strength (resistance) min", "weights, bands, body weight", 5),
    "balance_min": ("Balance min", "one-leg stands, tai chi", 5),
    "calcium_food_mg": ("Calcium from food, mg", "ctrl+f adds up foods", 50),
    "calcium_supplement_mg": ("Calcium supplement, mg", "0 if none", 100),
    "vitamin_d_iu": ("Vitamin D supplement, IU", "0 if none", 100),
    "fatigue": ("Tiredness (fatigue)", "0 none … 10 worst", 1),
    "mood": ("Mood", "1 very low … 5 very good", 1),
    "alcohol_units": ("Alcohol, units", "1 unit ≈ small glass of wine", 0.5),
    "caffeine_drinks": ("Caffeinated drinks", "coffee, tea, cola", 1),
}
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Joints", ("pain", "interference", "ai_taken", "ai_missed_reason")),
    ("Movement today", ("aerobic_min", "resistance_min", "balance_min")),
    ("Calcium and vitamin D", ("calcium_food_mg", "calcium_supplement_mg", "vitamin_d_iu")),
    ("How you feel", ("fatigue", "mood")),
    ("Habits", ("alcohol_units", "caffeine_drinks", "smoked")),
    ("Falls", ("fall", "fall_injured")),
)
YES_NO_FIELDS = {
    "ai_taken": "Took your aromatase inhibitor",
    "smoked": "Smoked today",
    "fall": "Had a fall today",
    "fall_injured": "The fall caused an injury",
}
# Why the tablet was not taken: asked only after a "no", and optional ("not said" saves nothing).
REASON_NOT_SAID = "not said"
REASON_CHOICES = (REASON_NOT_SAID, *AI_MISSED_REASONS.values())
REASON_IDS = {label: reason for reason, label in AI_MISSED_REASONS.items()}
# supplements are usually the same every day: offered from the last check-in that has them
CARRIED_FORWARD = ("calcium_supplement_mg", "vitamin_d_iu")


class CheckInScreen(Form, Screen[bool]):
    """One day's check-in (today, or a past day from History). Dismisses True if saved."""

    CSS_PATH = "checkin.tcss"
    AUTO_FOCUS = "#pain"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("ctrl+y", "same_as_yesterday", "Same as yesterday", id="same"),
        Binding("ctrl+f", "food_picker", "Foods", id="foods"),
        Binding("escape", "leave", "Back", id="back"),
    ]
    ENTER_ACTIONS = {"note": "save"}  # Enter moves on; on the last field (the note) it saves

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    # ----------------------------------------------------------------- building the form

    def compose(self) -> ComposeResult:
        store = self.coach.store
        existing = store.get_checkin(self.day)
        self.yesterday = store.get_checkin(self.day - timedelta(days=1))
        profile = store.get_profile()
        self.show_smoked = bool(profile and profile.smoker == "yes") or bool(
            existing and existing.smoked is not None
        )
        # the tablet is asked on the days of the course (not after ai_end), or to edit an answer
        self.ask_tablet = profile is None or profile.on_ai(self.day)
        self.ask_tablet = self.ask_tablet or bool(existing and existing.ai_taken is not None)
        self.course_ended = profile.ai_end if profile and profile.ai_end else None
        start = existing or self._offered_defaults()
        yield Header()
        self._verb = "Editing" if existing else "Check-in for"
        self._heading_written_on = self.coach.today()
        yield Static(self._title_words(self._heading_written_on), id="checkin-title")
        with VerticalScroll(id="checkin-form"):
            for title_text, names in SECTIONS:
                rows = [self._row(name, start) for name in names]
                yield Section(title_text, *[r for r in rows if r is not None])
            yield Section(
                "Symptoms that need care (Space ticks)",
                *[
                    TickBox(label, name in start.red_flags, id=f"flag-{name}", classes="red-flag")
                    for name, label in RED_FLAGS.items()
                ],
            )
            yield Section(
                "Note",
                FieldRow(
                    "Anything else (Enter saves)",
                    TextInput(
                        start.note,
                        placeholder=f"up to {NOTE_MAX_CHARS} characters",
                        max_length=NOTE_MAX_CHARS,
                        id="note",
                    ),
                    id="row-note",
                ),
            )
        yield KeysFooter()

    def _row(self, name: str, start: CheckIn) -> Widget | None:
        if name in ("ai_taken", "ai_missed_reason") and not self.ask_tablet:
            if name == "ai_missed_reason" or self.course_ended is None:
                return None
            return Static(
                f"Tablet: not asked after your AI course ended ({self.course_ended:%d %b %Y}).",
                id="tablet-not-asked",
            )
        if name == "ai_missed_reason":
            chosen = AI_MISSED_REASONS.get(start.ai_missed_reason or "", REASON_NOT_SAID)
            row = FieldRow(
                "Why not? (optional; ←/→ or Space to choose)",
                OneOf(REASON_CHOICES, chosen, id="ai_missed_reason"),
                id="row-ai_missed_reason",
            )
            row.display = start.ai_taken is False
            return row
        if name in YES_NO_FIELDS:
            if name == "smoked" and not self.show_smoked:
                return None
            row = FieldRow(
                YES_NO_FIELDS[name],
                YesNo(getattr(start, name), id=name),
                id=f"row-{name}",
            )
            if name == "fall_injured":
                row.display = bool(start.fall)
            return row
        label, hint, step = NUMBER_FIELDS[name]
        spec = CHECKIN_RANGES[name]
        control = NumberInput(spec, getattr(start, name), step=step, id=name)
        return FieldRow(label, control, hint, id=f"row-{name}")

    def _title_words(self, today: date) -> str:
        """The heading: "Today" only while the form's day is today's date."""
        day = "Today" if self.day == today else self.day.strftime("%A %d %B %Y")
        return (
            f"[b]{self._verb} {day}[/b]  Enter: next field · ctrl+s: save\n"
            f"{self._yesterday_words()}"
        )

    def look_at_the_day(self) -> None:
        """Left open past midnight, the form still saves for the day it was opened for (what
        the person was answering about), and its heading now names that day by its date.
        (Called by the app's clock.)"""
        today = self.coach.today()
        if today != self._heading_written_on:
            self._heading_written_on = today
            self.query_one("#checkin-title", Static).update(self._title_words(today))

    def _yesterday_words(self) -> str:
        """Yesterday in a few words, so "same as yesterday" is an informed choice."""
        y = self.yesterday
        if y is None:
            return "No check-in yesterday."
        parts = []
        if y.pain is not None:
            parts.append(f"pain {y.pain}")
        if y.exercise_min is not None:
            parts.append(f"moved {y.exercise_min} min")
        if y.calcium_total_mg is not None:
            parts.append(f"calcium {y.calcium_total_mg} mg")
        if y.ai_taken is not None:
            parts.append("tablet taken" if y.ai_taken else "tablet not taken")
        return "ctrl+y copies yesterday: " + (", ".join(parts) or "a check-in") + "."

    def _offered_defaults(self) -> CheckIn:
        """A new day starts empty, except supplements, offered from the latest check-in."""
        recent = self.coach.store.checkins(self.day - timedelta(days=14), self.day)
        offered: dict[str, Any] = {}
        for name in CARRIED_FORWARD:
            values = [getattr(c, name) for c in recent if getattr(c, name) is not None]
            if values:
                offered[name] = values[-1]
        return CheckIn(self.day, **offered)

    def on_mount(self) -> None:
        self.remember_typed()

    # ----------------------------------------------------------------- reading the form

    def _collect(self) -> CheckIn | None:
        """Validate every field; show each problem beside its field; None if any is bad."""
        fields: dict[str, Any] = {}
        ok = True
        for name in NUMBER_FIELDS:
            row = self.query_one(f"#row-{name}", FieldRow)
            try:
                fields[name] = read_number(self.query_one(f"#{name}", NumberInput), name)
                row.show_error(None)
            except ValidationError as error:
                row.show_error(error.message)
                ok = False
        for name in YES_NO_FIELDS:
            if answer := self.query_one_optional(f"#{name}", YesNo):  # smoked may be absent
                fields[name] = answer.value
        if not fields.get("fall"):
            fields["fall_injured"] = None
        if fields.get("ai_taken") is False:  # the why is kept only with a "no"
            reason = self.query_one("#ai_missed_reason", OneOf).value
            fields["ai_missed_reason"] = REASON_IDS.get(reason)
        fields["red_flags"] = tuple(
            name for name in RED_FLAGS if self.query_one(f"#flag-{name}", TickBox).value
        )
        fields["note"] = self.query_one("#note", TextInput).value.strip()
        if not ok:
            return None
        try:
            return CheckIn(self.day, **fields)
        except ValidationError as error:
            if row := self.query_one_optional(f"#row-{error.field}", FieldRow):
                row.show_error(error.message)
            else:
                self.notify(str(error), severity="error")
            return None

    # ----------------------------------------------------------------- events

    @on(YesNo.Changed, "#ai_taken")
    def _tablet_changed(self, event: YesNo.Changed) -> None:
        """A "no" asks why (optional); "yes" or no answer hides the question."""
        self.query_one("#row-ai_missed_reason", FieldRow).display = event.value is False

    @on(YesNo.Changed, "#fall")
    def _fall_changed(self, event: YesNo.Changed) -> None:
        injured = self.query_one("#row-fall_injured", FieldRow)
        injured.display = bool(event.value)

    # ----------------------------------------------------------------- actions

    def action_save(self) -> None:
        checkin = self._collect()
        if checkin is None:
            self.focus_first_invalid()
            self.notify("Not saved yet: fix the fields marked ⚠.", severity="error")
            return
        if not checkin.recorded_fields():
            self.notify("Nothing to save yet: fill in at least one field.", severity="warning")
            return
        if not self.coach.save(lambda: self.coach.store.put_checkin(checkin), "The check-in"):
            return
        from screens.checkin_summary import CheckInSummaryScreen

        def closed(topic: str | None) -> None:
            self.dismiss(True)
            if topic:
                self.coach.call_later(self.coach.open_topic, topic)

        self.app.push_screen(CheckInSummaryScreen(checkin, self.coach.picture()), closed)

    def action_same_as_yesterday(self) -> None:
        """Fill the habits from yesterday (falls, symptoms and the note stay as they are)."""
        if self.yesterday is None:
            self.notify("No check-in yesterday to copy.", severity="warning")
            return
        copied = same_as_yesterday(self.yesterday, self.day)
        for name in NUMBER_FIELDS:
            self.query_one(f"#{name}", NumberInput).value = format_number(getattr(copied, name))
        for name in ("ai_taken", "smoked"):
            if answer := self.query_one_optional(f"#{name}", YesNo):
                answer.value = getattr(copied, name)
        self.notify("Filled from yesterday. Change anything that differs, then ctrl+s.")

    def action_food_picker(self) -> None:
        from screens.food_picker import FoodPickerScreen

        def apply(total: int | None) -> None:
            if total is not None:
                field = self.query_one("#calcium_food_mg", NumberInput)
                field.value = str(total)
                self.focus_field(field)

        self.app.push_screen(FoodPickerScreen(), apply)

    def action_leave(self) -> None:
        from screens.confirm import leave_or_confirm

        leave_or_confirm(
            self, self.is_dirty(), "Discard what you typed? Nothing has been saved.", result=False
        )
