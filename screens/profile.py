"""The profile: every field the plan and the bone-health checks use, editable from the keyboard.

Open it with ``ProfileScreen()`` (``app.push_screen(ProfileScreen(), callback)``); it dismisses
True when a changed profile was saved, False otherwise. Nothing is saved until every field is
valid; a bad value shows a message beside its field and what was typed stays. Choices show the
chosen word in brackets, so the answer is readable without colour (NO_COLOR).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from coach.models import (
    ACTIVITY_LEVELS,
    AI_DRUGS,
    BONE_STATUSES,
    NAME_MAX_CHARS,
    PROFILE_RANGES,
    RISK_FACTORS,
    SMOKER_CHOICES,
    Profile,
    ValidationError,
    check_profile_against_today,
)
from coach.parsing import parse_date
from screens.app import CoachApp
from screens.widgets.choice import OneOf, YesNo
from screens.widgets.fields import (
    FieldRow,
    NumberInput,
    Section,
    TextInput,
    TickBox,
    read_number,
)
from screens.widgets.footer import KeysFooter
from screens.widgets.form import Form

EQUIPMENT_LABELS = {
    "chair": "a sturdy chair",
    "band": "resistance bands",
    "dumbbells": "dumbbells",
    "gym": "a gym",
}
# name -> (label, hint, step); numbers the profile needs (None is refused) are in REQUIRED
NUMBER_FIELDS: dict[str, tuple[str, str, float]] = {
    "birth_year": ("Year of birth", "optional, e.g. 1958", 1),
    "weight_kg": ("Weight, kg", "optional", 0.5),
    "height_cm": ("Height, cm", "optional, for BMI", 0.5),
    "days_per_week": ("Exercise days a week", "1-7", 1),
    "minutes_per_session": ("Minutes per session", "10-90", 5),
    "falls_last_year": ("Falls in the last year", "0 if none", 1),
}
DATE_FIELDS = ("ai_start", "ai_end", "birth_date")
REQUIRED = ("days_per_week", "minutes_per_session", "falls_last_year")
CHOICE_FIELDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "smoker": ("Smoking", SMOKER_CHOICES, ""),
    "ai_drug": ("Aromatase inhibitor", AI_DRUGS, ""),
    "activity": ("Active now", ACTIVITY_LEVELS, ""),
    "bone_status": ("Bone density (DXA)", BONE_STATUSES, ""),
}
YES_NO_FIELDS = {
    "vertebral_fracture": ("Spine (vertebral) fracture", "ever"),
    "supervised": ("Supervised exercise", "with a physio or trainer"),
}


def _parse_day(name: str, text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise ValidationError(
            name, f"must be a date as YYYY-MM-DD, e.g. 2024-03-01 (got {text!r})"
        ) from None


class ProfileScreen(Form, Screen[bool]):
    """Every profile field. ctrl+s saves and dismisses True; Esc asks before discarding."""

    CSS_PATH = "profile.tcss"
    AUTO_FOCUS = "#name"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="profile-save", priority=True),
        Binding("escape", "leave", "Back", id="profile-back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._stored: Profile | None = None

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    # ----------------------------------------------------------------- building the form

    def compose(self) -> ComposeResult:
        self._stored = self.coach.store.get_profile()
        p = self._stored or Profile()
        yield Header()
        yield Static(
            "[b]Your profile[/b] shapes your exercise plan and the bone-health checks.\n"
            "Tab next field · ←/→ change a choice · Space ticks · ctrl+s save · Esc back",
            id="profile-title",
        )
        with VerticalScroll(id="profile-form"):
            yield Section(
                "About you",
                FieldRow(
                    "First name",
                    TextInput(p.name, placeholder="optional", max_length=NAME_MAX_CHARS, id="name"),
                    id="row-name",
                ),
                self._number("birth_year", p),
                self._date("birth_date", "Date of birth", p),
                self._number("weight_kg", p),
                self._number("height_cm", p),
                self._choice("smoker", p),
            )
            yield Section(
                "Your aromatase inhibitor",
                self._choice("ai_drug", p),
                self._date("ai_start", "Started on", p),
                self._date("ai_end", "Ends (or ended) on", p, "optional"),
            )
            yield Section(
                "Exercise",
                self._choice("activity", p),
                self._number("days_per_week", p),
                self._number("minutes_per_session", p),
                self._yes_no("supervised", p),
                Static("Equipment you have (Space ticks; body weight always counts)"),
                *[
                    TickBox(label, name in p.equipment, id=f"equipment-{name}", classes="tick")
                    for name, label in EQUIPMENT_LABELS.items()
                ],
            )
            yield Section(
                "Bones and falls",
                self._choice("bone_status", p),
                self._yes_no("vertebral_fracture", p),
                self._number("falls_last_year", p),
                Static("Other risk factors (Space ticks)"),
                *[
                    TickBox(label, name in p.risk_factors, id=f"risk-{name}", classes="tick")
                    for name, label in RISK_FACTORS.items()
                ],
            )
        yield KeysFooter()

    def _number(self, name: str, p: Profile) -> FieldRow:
        label, hint, step = NUMBER_FIELDS[name]
        spec = PROFILE_RANGES[name]
        start = {"birth_year": 1960, "weight_kg": 70, "height_cm": 165}.get(name)
        control = NumberInput(spec, getattr(p, name), step=step, start=start, id=name)
        return FieldRow(label, control, hint, id=f"row-{name}")

    def _date(self, name: str, label: str, p: Profile, hint: str = "") -> FieldRow:
        """An optional date, typed as YYYY-MM-DD."""
        value = getattr(p, name)
        control = TextInput(
            value.isoformat() if value else "",
            placeholder="YYYY-MM-DD, optional",
            max_length=10,
            id=name,
        )
        return FieldRow(label, control, hint, id=f"row-{name}")

    def _choice(self, name: str, p: Profile) -> FieldRow:
        label, options, hint = CHOICE_FIELDS[name]
        return FieldRow(label, OneOf(options, getattr(p, name), id=name), hint, id=f"row-{name}")

    def _yes_no(self, name: str, p: Profile) -> FieldRow:
        label, hint = YES_NO_FIELDS[name]
        return FieldRow(label, YesNo(getattr(p, name), id=name), hint, id=f"row-{name}")

    def on_mount(self) -> None:
        self.remember_typed()

    # ----------------------------------------------------------------- reading the form

    def _show(self, name: str, message: str | None) -> None:
        if row := self.query_one_optional(f"#row-{name}", FieldRow):
            row.show_error(message)
        elif message:
            self.notify(f"{name}: {message}", severity="error")

    def _collect(self) -> Profile | None:
        """Validate every field; show each problem beside its field; None if any is bad."""
        fields: dict[str, Any] = {}
        ok = True
        today = self.coach.today()
        for name in NUMBER_FIELDS:
            try:
                value = read_number(self.query_one(f"#{name}", NumberInput), name)
                if value is None and name in REQUIRED:
                    raise ValidationError(name, f"is needed: {PROFILE_RANGES[name].describe()}")
                fields[name] = value
                self._show(name, None)
            except ValidationError as error:
                self._show(name, error.message)
                ok = False
        for name in DATE_FIELDS:
            try:
                fields[name] = _parse_day(name, self.query_one(f"#{name}", Input).value)
                self._show(name, None)
            except ValidationError as error:
                self._show(name, error.message)
                ok = False
        if fields.get("birth_date") is not None and fields.get("birth_year") is None:
            fields["birth_year"] = fields["birth_date"].year  # the date says the year too
        for name in ("birth_year", "ai_start", "birth_date"):  # rules that need today
            if fields.get(name) is not None:
                try:
                    check_profile_against_today(Profile(**{name: fields[name]}), today)
                except ValidationError as error:
                    self._show(name, error.message)
                    ok = False
        for name in YES_NO_FIELDS:
            answer = self.query_one(f"#{name}", YesNo).value
            if answer is None:
                self._show(name, "is needed: yes or no (press y or n)")
                ok = False
            else:
                fields[name] = answer
                self._show(name, None)
        for name in CHOICE_FIELDS:
            fields[name] = self.query_one(f"#{name}", OneOf).value
        fields["name"] = self.query_one("#name", Input).value.strip()
        fields["equipment"] = (
            "none",
            *(n for n in EQUIPMENT_LABELS if self.query_one(f"#equipment-{n}", TickBox).value),
        )
        fields["risk_factors"] = tuple(
            n for n in RISK_FACTORS if self.query_one(f"#risk-{n}", TickBox).value
        )
        if not ok:
            return None
        try:
            profile = Profile(**fields)
            check_profile_against_today(profile, today)
        except ValidationError as error:
            self._show(error.field, error.message)
            return None
        return profile

    # ----------------------------------------------------------------- events

    @on(FieldRow.Changed)
    def _validate_one(self, event: FieldRow.Changed) -> None:
        """Check a number or date as it is typed; the message goes as soon as it is fixed."""
        control = event.row.control
        if control.id not in DATE_FIELDS or not isinstance(control, Input):
            return  # numbers are checked by FieldRow itself
        try:
            _parse_day(control.id, control.value)
            event.row.show_error(None)
        except ValidationError as error:
            event.row.show_error(error.message)

    @on(YesNo.Changed)
    def _answered(self, event: YesNo.Changed) -> None:
        if event.value is not None and event.yes_no.id:
            self._show(event.yes_no.id, None)

    # ----------------------------------------------------------------- actions

    def action_save(self) -> None:
        profile = self._collect()
        if profile is None:
            self.focus_first_invalid()
            self.notify("Not saved yet: fix the fields marked ⚠.", severity="error")
            return
        if profile == self._stored:
            self.notify("No changes to save.")
            self.dismiss(False)
            return
        if not self.coach.save(lambda: self.coach.store.put_profile(profile), "Your profile"):
            return
        from screens.plan import rebuild_hint

        self.notify(f"Profile saved.{rebuild_hint(self.coach)}")
        self.dismiss(True)

    def action_leave(self) -> None:
        from screens.confirm import leave_or_confirm

        leave_or_confirm(
            self,
            self.is_dirty(),
            "Discard the changes to your profile? Nothing has been saved.",
            result=False,
        )
