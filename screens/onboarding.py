"""First run: a few profile basics and the disclaimer. Everything else can be set later.

Enter moves to the next field; Enter on "Save and start" or ctrl+s saves. A failed save shows
every problem beside its field and puts the cursor on the first; each message goes as soon as
it is fixed (the "please tick" line too), and saving works again at once.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Static

from coach.models import (
    AI_DRUGS,
    NAME_MAX_CHARS,
    PROFILE_RANGES,
    SMOKER_CHOICES,
    Profile,
    ValidationError,
    check_profile_against_today,
)
from coach.texts import DISCLAIMER, PRIVACY
from screens.app import CoachApp
from screens.widgets.choice import OneOf
from screens.widgets.fields import FieldRow, NumberInput, TextInput, TickBox, read_number
from screens.widgets.footer import KeysFooter
from screens.widgets.form import Form

EQUIPMENT_CHOICES = (
    ("a sturdy chair", "chair"),
    ("resistance bands", "band"),
    ("dumbbells", "dumbbells"),
    ("a gym", "gym"),
)


class OnboardingScreen(Form, Screen[None]):
    """Welcome, the basics the plan needs, and the disclaimer (it must be acknowledged)."""

    CSS_PATH = "onboarding.tcss"
    AUTO_FOCUS = "#name"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "skip", "Later", id="skip"),
    ]

    def compose(self) -> ComposeResult:
        current = Profile()
        yield Header()
        with VerticalScroll(id="onboarding"):
            yield Static(
                "[b]Welcome to bonecoach.[/b] A few basics shape your exercise plan; you can "
                "change them any time. Enter or Tab: next field · ←/→: change a choice.",
                id="welcome",
            )
            yield FieldRow(
                "Your first name (optional)",
                TextInput(placeholder="e.g. Ann", max_length=NAME_MAX_CHARS, id="name"),
                id="row-name",
            )
            yield FieldRow(
                "Year of birth",
                NumberInput(PROFILE_RANGES["birth_year"], id="birth_year", start=1960),
                "e.g. 1958",
                id="row-birth_year",
            )
            yield FieldRow(
                "Aromatase inhibitor",
                OneOf(AI_DRUGS, "anastrozole", id="ai_drug"),  # ←/→ or Space: no drop-down
            )
            yield FieldRow(
                "Smoking",
                OneOf(SMOKER_CHOICES, "unknown", id="smoker"),  # asked, never assumed "no"
                "no: never smoked · former: used to",
            )
            yield FieldRow(
                "Exercise days a week",
                NumberInput(
                    PROFILE_RANGES["days_per_week"], current.days_per_week, id="days_per_week"
                ),
                "1-7",
                id="row-days_per_week",
            )
            yield FieldRow(
                "Minutes per session",
                NumberInput(
                    PROFILE_RANGES["minutes_per_session"],
                    current.minutes_per_session,
                    step=5,
                    id="minutes_per_session",
                ),
                "10-90",
                id="row-minutes_per_session",
            )
            yield Static("Equipment you have (Space ticks a box):", classes="muted")
            for label, value in EQUIPMENT_CHOICES:
                yield TickBox(label, id=f"equipment-{value}", classes="equipment")
            yield Static(f"[b]Please read.[/b] {DISCLAIMER}\n{PRIVACY}", id="disclaimer")
            yield TickBox("I understand: education and self-tracking, not advice", id="agree")
            yield Static("", id="agree-error")
            save = Button("Save and start (ctrl+s)", id="save", variant="primary")
            save.active_effect_duration = 0  # no 0.2 s "pressed" look that ignores a quick Enter
            yield save
        yield KeysFooter()

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    def _profile_from_form(self) -> Profile | None:
        """Build the profile; on bad input show every message and return None."""
        values: dict[str, object] = {}
        ok = True
        for name in ("birth_year", "days_per_week", "minutes_per_session"):
            row = self.query_one(f"#row-{name}", FieldRow)
            try:
                value = read_number(self.query_one(f"#{name}", NumberInput), name)
                if value is None and name != "birth_year":
                    raise ValidationError(name, f"is needed: {PROFILE_RANGES[name].describe()}")
                values[name] = value
                row.show_error(None)
            except ValidationError as error:
                row.show_error(error.message)
                ok = False
        profile = None
        if ok:
            equipment = (
                "none",
                *(v for _, v in EQUIPMENT_CHOICES if self._ticked(f"equipment-{v}")),
            )
            try:
                profile = Profile(
                    name=self.query_one("#name", Input).value.strip(),
                    ai_drug=self.query_one("#ai_drug", OneOf).value,
                    smoker=self.query_one("#smoker", OneOf).value,
                    equipment=equipment,
                    **values,  # type: ignore[arg-type]
                )
                check_profile_against_today(profile, self.coach.today())
            except ValidationError as error:
                self.query_one(f"#row-{error.field}", FieldRow).show_error(error.message)
                profile = None
        agreed = self._ticked("agree")
        self._show_agree_error(not agreed)
        return profile if agreed else None

    def _show_agree_error(self, show: bool) -> None:
        self.query_one("#agree-error", Static).update(
            "⚠ Please tick the box above to say you have read this." if show else ""
        )

    @on(Checkbox.Changed, "#agree")
    def _agreed(self, event: Checkbox.Changed) -> None:
        if event.value:
            self._show_agree_error(False)  # the message goes as soon as the box is ticked

    def _ticked(self, widget_id: str) -> bool:
        return self.query_one(f"#{widget_id}", TickBox).value

    def action_save(self) -> None:
        profile = self._profile_from_form()
        if profile is None:
            if not self.focus_first_invalid():
                self.focus_field(self.query_one("#agree", TickBox))
            self.notify("Not saved yet: see the messages marked ⚠.", severity="error")
            return
        if not self.coach.save(lambda: self.coach.store.put_profile(profile), "Your profile"):
            return
        self.dismiss()

    def action_skip(self) -> None:
        """Leave set-up for later; it comes back next time until a profile is saved."""
        self.dismiss()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()
