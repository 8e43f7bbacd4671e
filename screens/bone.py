"""Bone health: DXA results, risk factors, FRAX, and what the guidelines say about them.

Everything from the keyboard at 80x24: type a scan's date, pick the site (←/→ or 1-3), type the
T-score, Enter or ctrl+s saves; the list of scans groups them by visit with the lowest marked in
words; d deletes the highlighted scan after a question. Space ticks a risk factor and saves it to
the profile at once; factors the profile or the check-ins already show (age, a spine fracture,
smoking, BMI) are shown ticked "from your profile". FRAX percentages (optional) are kept in
settings. Everything clinical comes from the clinical picture (``coach.picture``, via
``CoachApp.picture``) and is worded by ``coach.bone_text``, so this screen, ``bonecoach bone`` and
the clinician's report always say the same thing.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from coach.bone_text import BoneSection, bone_section, picture_as_text
from coach.models import (
    DXA_SITE_LABELS,
    DXA_SITES,
    DXA_T_SCORE,
    RISK_FACTORS,
    DxaScan,
    NumberRange,
    Profile,
    ValidationError,
)
from coach.parsing import parse_date
from coach.picture import (
    FRAX_SETTING,
    SOURCE_DATA,
    SOURCE_STATED,
    ClinicalPicture,
    frax_from_settings,
    frax_to_setting,
)
from coach.risk import HEADING
from screens.app import CoachApp
from screens.widgets.fields import FieldRow, NumberInput, Section, TextInput, TickBox, read_number
from screens.widgets.footer import KeysFooter
from screens.widgets.form import NEXT_FIELD, Form, FormField
from screens.widgets.lists import ChoiceList

FRAX_RANGES = {
    "frax-major": NumberRange("FRAX major osteoporotic fracture risk", 0, 100, False, "%"),
    "frax-hip": NumberRange("FRAX hip fracture risk", 0, 100, False, "%"),
}
ASSESSMENT_WIDTH = 72  # fits 80 columns with the scroll bar and padding
LOWEST_MARK = "◀ lowest"


class SiteChoice(FormField, Widget, can_focus=True):
    """One of the DXA sites: ←/→ or Space to move, 1-3 to pick; shown in brackets and words."""

    DEFAULT_CSS = """
    SiteChoice { width: 44; height: 1; background: $boost; }
    SiteChoice:focus { text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "move(-1)", "Previous site", show=False),
        Binding("right,space", "move(1)", "Next site", show=False),
        Binding("1", "pick(0)", show=False),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        NEXT_FIELD,
    ]

    value: reactive[str] = reactive(DXA_SITES[0])

    class Changed(Message):
        def __init__(self, choice: SiteChoice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def render(self) -> Text:
        text = Text()
        for site in DXA_SITES:
            label = DXA_SITE_LABELS[site]
            if site == self.value:
                text.append(f"[{label}]", style="reverse" if self.has_focus else "bold")
            else:
                text.append(f" {label} ")
            text.append(" ")
        return text

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    def action_move(self, step: int) -> None:
        index = DXA_SITES.index(self.value)
        self.value = DXA_SITES[(index + step) % len(DXA_SITES)]

    def action_pick(self, index: int) -> None:
        self.value = DXA_SITES[index]

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class TScoreInput(FormField, Input):
    """A signed number (the minus sign types; ↑/↓ step by 0.1 within -6.0 to 4.0)."""

    BINDINGS = [NEXT_FIELD]

    DEFAULT_CSS = """
    TScoreInput { width: 10; background: $boost; }
    TScoreInput:focus { background: $boost; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            restrict=r"-?[0-9]*[.,]?[0-9]*",
            placeholder="e.g. -1.8",
            max_length=5,
            id=id,
            compact=True,
        )

    def on_key(self, event: events.Key) -> None:
        step = {"up": 0.1, "down": -0.1}.get(event.key)
        if step is None:
            return
        event.stop()
        event.prevent_default()
        try:
            current = DXA_T_SCORE.parse("t_score", self.value) if self.value else None
        except ValidationError:
            current = None
        new = -1.0 if current is None else current + step
        new = min(DXA_T_SCORE.high, max(DXA_T_SCORE.low, round(new, 1)))
        self.value = f"{new:.1f}"
        self.cursor_position = len(self.value)


def scan_options(section: BoneSection) -> list[Option | None]:
    """Visits newest first: a heading line per visit, then each site, the lowest marked."""
    options: list[Option | None] = []
    for visit in reversed(section.visits):
        low_site, low_t = visit.lowest
        if options:
            options.append(None)
        options.append(
            Option(
                f"{visit.day.isoformat()}  lowest {low_t:+.1f} ({DXA_SITE_LABELS[low_site]})",
                disabled=True,
            )
        )
        for site, t in visit.t_scores:
            mark = f"  {LOWEST_MARK}" if site == low_site else ""
            options.append(
                Option(
                    f"  {DXA_SITE_LABELS[site]:<13} {t:+.1f}{mark}",
                    id=f"{visit.day.isoformat()}/{site}",
                )
            )
    return options


def next_due_short(section: BoneSection, today: date) -> str:
    """When the next scan is due, in a few words (the full sentence is further down)."""
    due = section.next_due
    if not section.visits:
        return "baseline DXA due now"
    if due is None:
        return "next DXA: care team decides"
    if due < today:
        return f"next DXA overdue since {due.isoformat()}"
    return f"next DXA due {due.isoformat()}"


SHORT_ANSWERS = {True: "advised", False: "not advised", None: "cannot say yet"}


def verdict_line(section: BoneSection, today: date) -> str:
    """Two short lines: the lowest T-score and next scan, then the answer in plain words."""
    a = section.assessment
    if not section.visits:
        low = "No DXA result yet"
    else:
        visit = section.visits[-1]
        site, t = visit.lowest
        low = f"Lowest T-score {t:+.1f} ({DXA_SITE_LABELS[site]}, {visit.day.isoformat()})"
    if a.advised is True:
        short = "Guidelines advise discussing a bone medicine with your care team"
    elif a.advised is False:
        short = "No bone medicine advised by the guidelines at this point"
    else:
        short = "Guidelines cannot say yet: " + "; ".join(m.split(" (")[0] for m in a.missing)
    return f"[b]{low}[/b] · {next_due_short(section, today)}\n{short}"


class BoneHealthScreen(Form, Screen[None]):
    """DXA results, risk factors and the guideline assessment (key b from home)."""

    CSS_PATH = "bone.tcss"
    AUTO_FOCUS = "#dxa-date"
    BINDINGS = [
        Binding("ctrl+s", "save_scan", "Save scan", id="bone-save", priority=True),
        Binding("d,delete", "delete_scan", "Delete scan", id="bone-delete"),
        Binding("escape", "leave", "Back", id="bone-back"),
    ]
    # Enter moves on; on the T-score it saves the scan, on a FRAX field it saves FRAX
    ENTER_ACTIONS = {"dxa-t": "save_scan", "frax-major": "save_frax", "frax-hip": "save_frax"}

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    # ----------------------------------------------------------------- building

    def compose(self) -> ComposeResult:
        store = self.coach.store
        profile = store.get_profile()
        self.ticked: set[str] = set(profile.risk_factors) if profile else set()
        picture = self.coach.picture()
        derived = {
            f.name: f.source
            for f in picture.risk_factors
            if f.status == "yes" and f.source != SOURCE_STATED
        }
        major, hip = frax_from_settings(store.settings())
        yield Header()
        yield Static(id="bone-summary")
        with VerticalScroll(id="bone-body"):
            yield Section(
                "Add a DXA result (Enter: next field · ctrl+s: save · PgDn: why)",
                FieldRow(
                    "Scan date",
                    TextInput(placeholder="YYYY-MM-DD", max_length=10, id="dxa-date"),
                    "as on the report",
                    id="row-dxa-date",
                ),
                FieldRow("Site", SiteChoice(id="dxa-site"), id="row-dxa-site"),
                FieldRow(
                    "T-score",
                    TScoreInput(id="dxa-t"),
                    "-6.0 to 4.0 (minus sign first)",
                    id="row-dxa-t",
                ),
                id="dxa-form",
            )
            yield Section(
                "Your DXA results (d deletes the highlighted one)",
                Static("No DXA results yet.", id="scan-empty"),
                ChoiceList(id="scan-list"),
                id="scans",
            )
            boxes = []
            for name, label in RISK_FACTORS.items():
                if name in derived:
                    where = "check-ins" if derived[name] == SOURCE_DATA else "profile"
                    box = TickBox(f"{label} (from your {where})", True, id=f"risk-{name}")
                    box.disabled = True
                else:
                    box = TickBox(label, name in self.ticked, id=f"risk-{name}")
                boxes.append(box)
            yield Section("Risk factors besides bone density (Space ticks; saved at once)", *boxes)
            yield Section(
                "FRAX 10-year risk, % (optional; Enter saves)",
                FieldRow(
                    "FRAX major",
                    NumberInput(FRAX_RANGES["frax-major"], major, id="frax-major"),
                    "major osteoporotic fracture",
                    id="row-frax-major",
                ),
                FieldRow(
                    "FRAX hip",
                    NumberInput(FRAX_RANGES["frax-hip"], hip, id="frax-hip"),
                    "hip fracture",
                    id="row-frax-hip",
                ),
                id="frax",
            )
            yield Section(
                HEADING,
                Static(id="assessment"),
                id="guidelines",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_view()

    # ----------------------------------------------------------------- reading

    def _frax(self) -> tuple[float | None, float | None]:
        """FRAX as typed when valid (so the assessment follows the typing), else as saved."""
        saved = frax_from_settings(self.coach.store.settings())
        values: list[float | None] = []
        for i, name in enumerate(("frax-major", "frax-hip")):
            try:
                values.append(read_number(self.query_one(f"#{name}", NumberInput), name))
            except ValidationError:
                values.append(saved[i])
        return values[0], values[1]

    def picture(self) -> ClinicalPicture:
        """The clinical picture with the risk factors as ticked on screen and FRAX as typed."""
        return self.coach.picture(ticked=self.ticked, frax=self._frax())

    def section(self) -> BoneSection:
        """Scans from the store, and the picture's answers."""
        return bone_section(self.picture(), self.coach.store.dxa_scans())

    def refresh_view(self) -> None:
        """Re-read the store and redraw the list, the summary and the assessment."""
        section = self.section()
        listing = self.query_one("#scan-list", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        listing.clear_options()
        listing.add_options(scan_options(section))
        listing.display = bool(section.visits)
        self.query_one("#scan-empty", Static).display = not section.visits
        if highlighted is not None:
            with suppress(OptionDoesNotExist):  # deleted: the highlight stays where it falls
                listing.highlighted = listing.get_option_index(highlighted)
        self.query_one("#bone-summary", Static).update(verdict_line(section, self.coach.today()))
        text = picture_as_text(section.picture, width=ASSESSMENT_WIDTH)
        text = text.split("\n", 2)[2].lstrip("\n")  # the section title already says HEADING
        self.query_one("#assessment", Static).update(
            Text(f"{text}\n\nNext DXA: {section.next_due_text}")
        )

    # ----------------------------------------------------------------- adding a scan

    def _read_scan(self) -> DxaScan | None:
        """Validate the three fields; a message beside each bad one; None if any is bad."""
        today = self.coach.today()
        date_row = self.query_one("#row-dxa-date", FieldRow)
        t_row = self.query_one("#row-dxa-t", FieldRow)
        text = self.query_one("#dxa-date", TextInput).value.strip()
        day: date | None = None
        if not text:
            date_row.show_error("scan date: type the date of the scan as YYYY-MM-DD")
        else:
            try:
                day = parse_date(text)
            except ValueError:
                date_row.show_error(f"scan date: must be a date as YYYY-MM-DD (got {text!r})")
            else:
                if day > today:
                    date_row.show_error(f"scan date: must not be after today ({today.isoformat()})")
                    day = None
                else:
                    date_row.show_error(None)
        t_text = self.query_one("#dxa-t", TScoreInput).value.strip()
        t: float | None = None
        if not t_text:
            t_row.show_error(f"T-score: must be {DXA_T_SCORE.describe()}")
        else:
            try:
                t = float(DXA_T_SCORE.parse("t_score", t_text))
                t_row.show_error(None)
            except ValidationError as error:
                t_row.show_error(f"T-score: {error.message}")
        if day is None or t is None:
            return None
        return DxaScan(day, self.query_one("#dxa-site", SiteChoice).value, t)

    def action_save_scan(self) -> None:
        scan = self._read_scan()
        if scan is None:
            invalid = self.query(".-invalid TextInput, .-invalid TScoreInput")
            if invalid:
                self.focus_field(invalid.first())
            self.notify("Not saved: fix the fields marked ⚠.", severity="error")
            return
        store = self.coach.store
        replaced = any(s.key == scan.key for s in store.dxa_scans())
        if not self.coach.save(lambda: store.put_dxa(scan), "The DXA result"):
            return
        site = DXA_SITE_LABELS[scan.site]
        verb = "Replaced" if replaced else "Saved"
        from screens.plan import rebuild_hint

        hint = rebuild_hint(self.coach)
        self.notify(f"{verb}: {site} {scan.t_score:+.1f} on {scan.day.isoformat()}.{hint}")
        self.query_one("#dxa-t", TScoreInput).value = ""
        choice = self.query_one("#dxa-site", SiteChoice)
        choice.action_move(1)  # the next site of the same visit is the likely next entry
        self.focus_field(self.query_one("#dxa-t", TScoreInput))
        self.refresh_view()

    @on(FieldRow.Changed)
    def _typed(self, event: FieldRow.Changed) -> None:
        """Check a FRAX value as it is typed and let the assessment follow it."""
        control = event.row.control
        if isinstance(control, NumberInput):  # FieldRow has checked it already
            self.refresh_view()
        elif event.row.has_class("-invalid") and self._fixed(control):
            event.row.show_error(None)  # the message goes as soon as the value is fixed

    def _fixed(self, control: Widget) -> bool:
        """Whether a DXA field now holds an acceptable value (messages only go away live)."""
        text = getattr(control, "value", "").strip()
        if control.id == "dxa-t":
            try:
                DXA_T_SCORE.parse("t_score", text)
            except ValidationError:
                return False
            return True
        try:
            return parse_date(text) <= self.coach.today()
        except ValueError:
            return False

    # ----------------------------------------------------------------- deleting a scan

    def _highlighted_scan(self) -> DxaScan | None:
        listing = self.query_one("#scan-list", OptionList)
        option = listing.highlighted_option
        if option is None or option.id is None:
            return None
        key = option.id
        return next((s for s in self.coach.store.dxa_scans() if s.key == key), None)

    def action_delete_scan(self) -> None:
        listing = self.query_one("#scan-list", OptionList)
        scan = self._highlighted_scan() if listing.has_focus else None
        if scan is None:
            self.notify("Highlight a scan in the list first (Tab to the list, ↑/↓).")
            return
        if self.coach.notify_read_only():
            return
        from screens.confirm import ConfirmScreen

        site = DXA_SITE_LABELS[scan.site]

        def answered(yes: bool | None) -> None:
            if yes and self.coach.save(lambda: self.coach.store.delete_dxa(scan), "The deletion"):
                self.notify(f"Deleted: {site} {scan.t_score:+.1f} on {scan.day.isoformat()}.")
                self.refresh_view()

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the {site} result {scan.t_score:+.1f} of {scan.day.isoformat()}?",
                "delete",
                "keep it",
            ),
            answered,
        )

    # ----------------------------------------------------------------- risk factors, FRAX

    @on(Checkbox.Changed)
    def _risk_ticked(self, event: Checkbox.Changed) -> None:
        box_id = event.checkbox.id or ""
        if not box_id.startswith("risk-"):
            return
        event.stop()
        name = box_id.removeprefix("risk-")
        if event.value:
            self.ticked.add(name)
        else:
            self.ticked.discard(name)
        self.refresh_view()
        store = self.coach.store
        profile: Profile | None = store.get_profile()
        if profile is None:
            self.notify(
                "Not saved: set up your profile first (from the home screen). "
                "The assessment below uses the boxes as ticked.",
                severity="warning",
            )
            return
        changed = replace(profile, risk_factors=tuple(sorted(self.ticked)))
        self.coach.save(lambda: store.put_profile(changed), "The risk factor")

    def action_save_frax(self) -> None:
        values: list[float | None] = []
        for name in FRAX_RANGES:
            row = self.query_one(f"#row-{name}", FieldRow)
            try:
                values.append(read_number(self.query_one(f"#{name}", NumberInput), name))
                row.show_error(None)
            except ValidationError as error:
                row.show_error(error.message)
                self.notify("FRAX not saved: fix the field marked ⚠.", severity="error")
                return
        setting = frax_to_setting(values[0], values[1])
        if not self.coach.save(lambda: self.coach.store.set_setting(FRAX_SETTING, setting), "FRAX"):
            return
        self.notify("FRAX saved." if any(v is not None for v in values) else "FRAX cleared.")
        self.refresh_view()

    # ----------------------------------------------------------------- leaving

    def action_leave(self) -> None:
        from screens.confirm import leave_or_confirm

        typed = self.query_one("#dxa-t", TScoreInput).value.strip()
        leave_or_confirm(
            self, bool(typed), "Leave without saving the DXA result you typed?", yes="leave"
        )
