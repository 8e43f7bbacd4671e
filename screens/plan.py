"""The exercise plan: this week at a glance, a day's session with how-tos, mark done, why.

Every time it is shown, the screen asks ``coach.coaching.refresh_plan`` for the current plan (a
new one when there is none, else the stored one adapted to the recent days) and saves it when it
changed, so the CLI and the screen always agree. Rules live in coach/; this screen only formats
and dispatches. Keys: ←/→ day, ↓/↑ exercises (the focused one shows how to do it), d mark done,
s today's session guided (screens/session_player.py), w why this plan, e profile, g new plan,
r resume a paused plan, o / j topics, Esc back.

At 80x24 the whole screen scrolls (PgUp/PgDn), and moving the focus keeps it in view.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from coach.coaching import (
    PlanState,
    changed_since_made,
    history_window,
    refresh_plan,
    regenerate,
)
from coach.exercises import get_exercise
from coach.models import Adaptation, Plan, Prescription, Profile
from coach.plan_text import dose
from coach.plan_view import session_id, session_total_minutes, week_index
from coach.planner import resume
from coach.sessions import (
    DayStatus,
    find_log,
    log_for,
    session_on,
    week_days,
)
from coach.tablet_text import after_ai_plan_note, ai_ended
from coach.topic_ids import JOINT_PAIN_TOPIC, OSTEOPOROSIS_TOPIC
from screens.app import CoachApp
from screens.widgets.footer import KeysFooter
from store.db import StoreError

TODAY_MARK = "▶"
STATE_WORDS = {
    "done": "✓ done",
    "to do": "○ to do",
    "not done": "– not done",
    "before": "· before",  # the plan was made later: nothing to catch up
    "rest": "",
}
PARTLY_WORDS = "◐ partly"
KIND_WORDS = {
    "pause": "paused",
    "resume": "resumed",
    "ease": "eased",
    "repeat": "repeated a week",
    "progress": "went ahead",
    "easier": "an easier version",
}


def _day_label(day: date) -> str:
    return day.strftime("%a %d")


def _long_day(day: date) -> str:
    return day.strftime("%A %d %B").replace(" 0", " ")


def _latest(plan: Plan) -> Adaptation | None:
    return plan.adaptations[-1] if plan.adaptations else None


def _pause_reason(plan: Plan) -> str:
    pauses = [a for a in plan.adaptations if a.kind == "pause"]
    return pauses[-1].reason if pauses else "A symptom or a fall was reported."


def rebuild_hint(app: CoachApp) -> str:
    """After a profile or DXA change: a sentence saying the plan can be remade, or ""."""
    store = app.store
    plan, profile = store.get_plan(), store.get_profile()
    if plan is None or profile is None:
        return ""
    changed = changed_since_made(plan, profile, store.dxa_scans(), app.today())
    if not changed:
        return ""
    if changed == ("your bone density results",):  # refit when the plan next opens (coaching)
        return (
            " Your exercise plan follows this result from this week: Plan (p) shows what changed."
        )
    return " Your exercise plan was made before this change: in Plan (p), g makes a new one."


PHASE_WORDS = {  # the planner's phase names, in words a patient reads without a glossary
    "learn": "learning the moves",
    "build": "building up",
    "build 2": "building further",
    "lighter week": "a lighter week",
    "review": "review week",
}
GLANCE_COLUMN = 10  # one day's column in the week glance
GLANCE_WIDE = 7 * GLANCE_COLUMN + 6  # narrower than this, the week is a list of days


def phase_words(phase: str) -> str:
    return PHASE_WORDS.get(phase, phase)


def week_glance(
    days: list[DayStatus], selected: date, today: date, *, paused: bool, width: int = 80
) -> Table:
    """Monday to Sunday in seven columns: day, session kind, about-minutes, done or not; in a
    narrow terminal, one line a day instead (so Saturday and Sunday are never cut off).

    Today carries ▶ and the selected day [brackets], so neither needs colour to be seen.
    """
    table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), pad_edge=False, expand=False)
    narrow = width < GLANCE_WIDE
    for _ in range(4 if narrow else len(days)):
        table.add_column(width=GLANCE_COLUMN, no_wrap=True)
    rows: list[list[Text]] = [[], [], [], []]
    for d in days:
        label = (TODAY_MARK if d.day == today else "") + _day_label(d.day)
        label = f"[{label}]" if d.day == selected else label
        style = "bold reverse" if d.day == selected else ""
        kind = d.session.kind if d.session else "rest day"
        minutes = f"~{d.minutes} min" if d.session else ""
        state = STATE_WORDS[d.state]
        if d.log is not None and d.log.partial:  # a guided session stopped before the end
            state = PARTLY_WORDS
        if paused and d.state == "to do":
            state = "paused"
        cells = (label, kind, minutes, state)
        if narrow:
            table.add_row(*(Text(c, style=style if i == 0 else "") for i, c in enumerate(cells)))
            continue
        for row, text in zip(rows, cells, strict=True):
            row.append(Text(text, style=style if row is rows[0] else ""))
    if not narrow:
        for row in rows:
            table.add_row(*row)
    return table


def bullets(lines: tuple[str, ...] | list[str]) -> Table:
    """Lines as bullets with a hanging indent, so long reasons stay easy to scan."""
    table = Table.grid(padding=(0, 1, 0, 0), expand=True)
    table.add_column(width=1)
    table.add_column(ratio=1)
    for line in lines:
        table.add_row("•", line)
    return table


def exercise_text(p: Prescription, *, open_: bool) -> RenderableType:
    """One exercise and its dose; when open, how to do it and what it needs."""
    ex = get_exercise(p.exercise_id)
    head = Text()
    head.append("› " if open_ else "  ")
    head.append(f"{ex.name:<34} ", style="reverse" if open_ else "bold")
    head.append(dose(p))
    if not open_:
        return head
    needs = ", ".join(e for e in ex.equipment if e != "none") or "body weight"
    how = Text(f"{ex.category} · needs {needs}", style="italic")
    how.append("\n" + ex.how_to, style="not italic")
    return Group(head, Padding(how, (0, 0, 0, 4)))


class PlanBody(VerticalScroll, inherit_bindings=False):
    """The scrolling column. Its keys have no description, so help lists the plan's own keys,
    and ←/→ are left to the screen (day), not horizontal scrolling."""

    BINDINGS = [
        Binding("up", "scroll_up", show=False),
        Binding("down", "scroll_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
    ]


class WeekStrip(Static, can_focus=True):
    """The week glance; focusable so ←/→ and ↓ start here."""

    BINDINGS = [
        Binding("down", "screen.exercise(0)", "Exercises", show=False),
    ]


class ExerciseItem(Static, can_focus=True):
    """One exercise of the shown session; it opens (how-to) while it has the focus."""

    BINDINGS = [
        Binding("up", "screen.exercise_step(-1)", "Previous exercise", show=False),
        Binding("down", "screen.exercise_step(1)", "Next exercise", show=False),
    ]

    def __init__(self, prescription: Prescription) -> None:
        super().__init__(exercise_text(prescription, open_=False), classes="exercise")
        self.prescription = prescription

    def on_focus(self) -> None:
        self.update(exercise_text(self.prescription, open_=True))
        self.call_after_refresh(self.scroll_visible)

    def on_blur(self) -> None:
        self.update(exercise_text(self.prescription, open_=False))


@dataclass
class _Loaded:
    """What the screen shows: the profile and the plan state (or why there is none)."""

    profile: Profile | None = None
    state: PlanState | None = None
    error: str = ""
    unsaved: bool = False


class WhyPlanScreen(ModalScreen[None]):
    """Why this plan: its reasons, the safety notes, and every change made to it, with dates."""

    CSS_PATH = "plan.tcss"
    BINDINGS = [Binding("escape,w,q", "dismiss", "Close", id="why-close")]

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        plan = self.plan
        with VerticalScroll(id="why"):
            yield Static(
                f"[b]Why this plan[/b] (made {plan.created.isoformat()}, "
                f"from {plan.start.isoformat()}) · Esc closes · PgUp/PgDn scroll",
                markup=True,
            )
            yield Static("Changes made", classes="why-title")
            if plan.adaptations:
                lines = [
                    f"{a.day.isoformat()}, for week {a.week}, {KIND_WORDS.get(a.kind, a.kind)}: "
                    f"{a.reason}"
                    for a in reversed(plan.adaptations)
                ]
                yield Static(bullets(lines), id="why-changes")
            else:
                yield Static("None yet: the plan runs as it was made.", id="why-changes")
            yield Static("Why", classes="why-title")
            yield Static(bullets(plan.reasons), id="why-reasons")
            yield Static("Safety", classes="why-title")
            yield Static(bullets(plan.safety_notes), id="why-safety")


class PlanScreen(Screen[None]):
    """The exercise plan. Re-reads (and adapts) the plan every time it is shown."""

    CSS_PATH = "plan.tcss"
    AUTO_FOCUS = "#week"
    BINDINGS = [
        Binding("d", "mark_done", "Mark done", id="plan-done"),
        Binding("s", "guided", "Guided", id="plan-guided"),
        Binding("w", "why", "Why", id="plan-why"),
        Binding("e", "profile", "Profile", show=False, id="plan-profile"),  # room for s
        Binding("r", "resume", "Resume", id="plan-resume"),
        Binding("escape", "back", "Back", id="plan-back"),
        Binding("left", "day(-1)", "Previous day", show=False, id="plan-prev-day"),
        Binding("right", "day(1)", "Next day", show=False, id="plan-next-day"),
        Binding("g", "regenerate", "New plan", id="plan-regenerate"),
        Binding(
            "o",
            "topic('osteoporosis')",
            "Exercising with osteoporosis",
            show=False,
            id="plan-osteoporosis",
        ),
        Binding("j", "topic('joint-pain')", "About joint pain", show=False, id="plan-joint-pain"),
    ]

    def __init__(self, *, guide_today: bool = False) -> None:
        super().__init__()
        self.guide_today = guide_today  # from home: start today's guided session at once
        self.loaded = _Loaded()
        self.selected: date | None = None
        self._glance: tuple[list[DayStatus], date, date, bool] | None = None
        # a dialog's result and the screen's resume both redraw: one at a time, never mixed
        self._drawing = asyncio.Lock()

    @property
    def coach(self) -> CoachApp:
        assert isinstance(self.app, CoachApp)
        return self.app

    @property
    def plan(self) -> Plan | None:
        return self.loaded.state.plan if self.loaded.state else None

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with PlanBody(id="plan-body"):
            yield Static(id="plan-empty")
            yield Static(id="plan-status")
            yield Static(id="plan-paused")
            yield Static(id="plan-change")
            yield Static(id="plan-notes")
            yield Static(id="glance-title", classes="panel-title")
            yield WeekStrip(id="week")
            yield Static(id="week-notes")
            yield Static(id="session-title", classes="panel-title")
            yield Vertical(id="exercises")
            yield Static("Safety", id="safety-title", classes="panel-title")
            yield Static(id="safety")
        yield KeysFooter()

    async def on_mount(self) -> None:
        await self.reload()
        self.query_one("#plan-body", VerticalScroll).scroll_home(animate=False)
        if self.guide_today:
            self.action_guided()

    async def on_screen_resume(self) -> None:
        """Read again only if something was saved (or the day turned) since the last read: a
        screen just pushed is mounted and then resumed, and was read once already."""
        if getattr(self, "_read_at", None) != self._now():
            await self.reload()

    def _now(self) -> tuple[object, date]:
        return self.coach.store.changes, self.coach.today()

    # ----------------------------------------------------------------- reading

    def _load(self) -> _Loaded:
        """Read the store, bring the plan up to date, and save it if it changed."""
        store = self.coach.store
        today = self.coach.today()
        try:
            profile = store.get_profile()
        except StoreError as error:
            return _Loaded(error=str(error))
        if profile is None:
            return _Loaded()
        start, end = history_window(today)
        try:
            state = refresh_plan(
                store.get_plan(),
                profile,
                store.checkins(start, end),
                store.session_logs(start, end),
                store.dxa_scans(),
                today,
            )
        except StoreError as error:
            return _Loaded(profile, error=str(error))
        unsaved = state.changed and store.read_only
        if state.changed and not store.read_only:
            try:
                store.put_plan(state.plan)
            except (OSError, StoreError) as error:  # shown, not saved: said on screen
                from screens.saving import save_problem

                self.notify(f"The plan update was not saved: {save_problem(error)}.")
                unsaved = True
        return _Loaded(profile, state, unsaved=unsaved)

    def _clamp(self, day: date, plan: Plan) -> date:
        last = plan.start + timedelta(days=7 * len(plan.weeks) - 1)
        return min(max(day, plan.start), last)

    async def reload(self) -> None:
        """Re-read everything and redraw (after a save, a regeneration, or coming back)."""
        self.loaded = self._load()
        self._read_at = self._now()  # after _load, whose own save of the plan counts as read
        plan = self.plan
        if plan is not None:
            self.selected = self._clamp(self.selected or self.coach.today(), plan)
        self._show_header()
        await self._show_day()
        self.refresh_bindings()

    # ----------------------------------------------------------------- drawing

    def _osteoporosis(self) -> bool:
        profile, plan = self.loaded.profile, self.plan
        return bool(
            (profile and (profile.bone_status == "osteoporosis" or profile.vertebral_fracture))
            or (plan and plan.extra.get("bone_status") == "osteoporosis")
        )

    def _eased_for_pain(self) -> bool:
        latest = _latest(self.plan) if self.plan else None
        return latest is not None and latest.kind == "ease"

    def _show_header(self) -> None:
        loaded, plan = self.loaded, self.plan
        empty = self.query_one("#plan-empty", Static)
        has_plan = plan is not None
        for widget in self.query("#plan-body > *"):
            widget.display = has_plan
        empty.display = not has_plan
        if not has_plan:
            if loaded.error:
                again = " g makes a new plan." if loaded.profile else ""
                empty.update(
                    Text(
                        f"⚠ The plan could not be read: {loaded.error}\n"
                        f"Nothing was changed.{again} `bonecoach doctor` checks the file."
                    )
                )
            else:
                empty.update(
                    "[b]Set up your profile first.[/b]\nThe plan is made from your profile: "
                    "how many days a week, how long, what equipment you have and your bones.\n\n"
                    "Press [b]e[/b] to open your profile."
                )
            return
        assert plan is not None and loaded.state is not None
        today = self.coach.today()
        index = week_index(plan, today)
        paused = plan.status == "paused"
        state_word = " · PAUSED" if paused else ""
        if index is not None:
            status = (
                f"[b]Week {index} of {len(plan.weeks)}[/b] · "
                f"{phase_words(plan.weeks[index - 1].phase)}{state_word}"
            )
        elif loaded.state.finished:
            status = f"[b]Plan finished[/b] · all {len(plan.weeks)} weeks are over"
        else:
            status = f"[b]Plan starts {plan.start.isoformat()}[/b]{state_word}"
        self.query_one("#plan-status", Static).update(status)

        panel = self.query_one("#plan-paused", Static)
        panel.display = paused
        if paused:
            panel.update(
                Text.assemble(
                    ("⚠ Plan paused: stop exercising and contact your care team.", "bold"),
                    f"\n{_pause_reason(plan)}\n",
                    ("Press r to resume, only once your care team has said it is safe.", "bold"),
                )
            )
        latest = _latest(plan)
        change = self.query_one("#plan-change", Static)
        change.display = latest is not None and not (paused and latest.kind == "pause")
        if latest is not None:
            more = " Press j to read about joint pain." if latest.kind == "ease" else ""
            change.update(
                Text(
                    f"Changed on {latest.day.isoformat()}: {latest.reason}{more} "
                    "(w: every change and why)"
                )
            )
        notes = []
        assert loaded.profile is not None
        changed = changed_since_made(plan, loaded.profile, self.coach.store.dxa_scans(), today)
        if changed:
            what = " and ".join(changed)
            notes.append(
                f"{what[0].upper()}{what[1:]} changed since this plan was made — "
                "g makes a new plan from them."
            )
        if loaded.state.finished:
            notes.append("This plan is finished — g makes a new 12-week plan from today.")
        if self._osteoporosis():
            notes.append("Exercising safely with osteoporosis: press o to read.")
        ended = ai_ended(loaded.profile, today)
        if ended is not None:
            notes.append(after_ai_plan_note(ended))
        if loaded.unsaved:
            notes.append(
                "Read-only file: this update of the plan is shown but not saved."
                if self.coach.store.read_only
                else "This update of the plan could not be saved; it is shown all the same."
            )
        notes_widget = self.query_one("#plan-notes", Static)
        notes_widget.display = bool(notes)
        notes_widget.update(bullets(notes))
        self.query_one("#safety", Static).update(bullets(plan.safety_notes))

    async def _show_day(self) -> None:
        """The week of the selected day, and that day's session."""
        async with self._drawing:
            await self._draw_day()

    async def _draw_day(self) -> None:
        plan, day = self.plan, self.selected
        box = self.query_one("#exercises", Vertical)
        had_focus = isinstance(self.focused, ExerciseItem)
        await box.remove_children()
        if plan is None or day is None:
            return
        today = self.coach.today()
        paused = plan.status == "paused"
        week = week_index(plan, day)
        assert week is not None
        monday = day - timedelta(days=day.weekday())
        logs = self.coach.store.session_logs(monday, monday + timedelta(days=6))
        days = week_days(plan, week, logs, today)
        current = week_index(plan, today)
        if week == current:
            title = f"This week at a glance (week {week})"
        elif current is not None and week == current + 1:
            title = f"Next week at a glance (week {week})"
        elif current is not None and week == current - 1:
            title = f"Last week (week {week})"
        else:
            title = f"Week {week} of {len(plan.weeks)}"
        title += f" · {phase_words(plan.weeks[week - 1].phase)} · ←/→ day, ↓ exercises"
        self.query_one("#glance-title", Static).update(title)
        self._glance = (days, day, today, paused)
        self._show_glance()
        week_notes = self.query_one("#week-notes", Static)
        notes = plan.weeks[week - 1].notes
        week_notes.display = bool(notes)
        week_notes.update(Text("\n".join(f"Note: {n}" for n in notes)))
        self.query_one("#session-title", Static).update(self._session_title(days, day, today))
        found = session_on(plan, day)
        if found is not None:
            await box.mount_all(ExerciseItem(p) for p in found[1].prescriptions)
        if had_focus:
            self.set_focus(self.query_one("#week", WeekStrip))

    def _show_glance(self) -> None:
        if self._glance is None:
            return
        days, day, today, paused = self._glance
        width = self.size.width - 4  # padding and the scroll bar
        self.query_one("#week", WeekStrip).update(
            week_glance(days, day, today, paused=paused, width=width)
        )

    def on_resize(self) -> None:
        self._show_glance()

    def _session_title(self, days: list[DayStatus], day: date, today: date) -> RenderableType:
        status = next(d for d in days if d.day == day)
        when = "Today" if day == today else _long_day(day)
        if day == today:
            when += f", {_long_day(day)}"
        if status.session is None:
            return Group(
                Text(f"{when} · rest day", style="bold"),
                Text("No session planned. A walk still counts toward your week."),
            )
        head = Text(
            f"{when} · {status.session.kind} · about {session_total_minutes(status.session)} min",
            style="bold",
        )
        if self.plan and self.plan.status == "paused":
            tail = "Plan paused: no exercise until your care team says it is safe."
        elif status.log is not None:
            log = status.log
            done = "◐ Partly done" if log.partial else "✓ Done"
            tail = (
                f"{done} (effort {log.effort if log.effort is not None else '–'}/10, pain during "
                f"{log.pain_during if log.pain_during is not None else '–'}/10). "
                "d changes it."
            )
        elif day > today:
            tail = "Coming up. ↓ shows how to do each exercise."
        elif status.state == "before":
            tail = (
                f"Before this plan was made ({self.plan.created.isoformat() if self.plan else ''})"
                ": nothing to catch up. d marks it done if you did it."
            )
        else:
            tail = "Not marked done yet: d marks it done. ↓ shows how to do each exercise."
        return Group(head, Text(tail))

    # ----------------------------------------------------------------- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        plan = self.plan
        if action in ("mark_done", "why", "day", "regenerate", "guided"):
            if action == "regenerate" and self.loaded.profile is not None:
                return True
            if plan is None:
                return False
            if action == "guided":  # shown on a day with a session today, not paused
                return plan.status != "paused" and session_on(plan, self.coach.today()) is not None
            return not (action == "mark_done" and plan.status == "paused")
        if action == "resume":
            return plan is not None and plan.status == "paused"
        if action == "topic":
            if parameters and parameters[0] == "osteoporosis":
                return plan is not None and self._osteoporosis()
            return plan is not None and self._eased_for_pain()
        return True

    async def action_day(self, step: int) -> None:
        plan = self.plan
        if plan is None or self.selected is None:
            return
        self.selected = self._clamp(self.selected + timedelta(days=step), plan)
        await self._show_day()

    def action_exercise(self, index: int) -> None:
        items = list(self.query(ExerciseItem))
        if not items:
            raise SkipAction()
        self.set_focus(items[index])

    def action_exercise_step(self, step: int) -> None:
        items = list(self.query(ExerciseItem))
        focused = self.focused
        if not isinstance(focused, ExerciseItem) or focused not in items:
            raise SkipAction()
        position = items.index(focused) + step
        if position < 0:
            strip = self.query_one("#week", WeekStrip)
            self.set_focus(strip)
            self.query_one("#plan-body", VerticalScroll).scroll_home(animate=False)
        elif position >= len(items):
            raise SkipAction()  # the last exercise: ↓ scrolls on to the safety notes
        else:
            self.set_focus(items[position])

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_why(self) -> None:
        if self.plan is not None:
            self.app.push_screen(WhyPlanScreen(self.plan))

    def action_topic(self, which: str) -> None:
        topic = OSTEOPOROSIS_TOPIC if which == "osteoporosis" else JOINT_PAIN_TOPIC
        self.coach.open_topic(topic)

    def action_profile(self) -> None:
        from screens.profile import ProfileScreen

        async def closed(changed: bool | None) -> None:
            if changed:
                await self.reload()

        self.app.push_screen(ProfileScreen(), closed)

    def action_mark_done(self) -> None:
        plan, day = self.plan, self.selected
        if plan is None or day is None:
            return
        today = self.coach.today()
        if plan.status == "paused":
            self.notify("The plan is paused: resume it (r) once your care team says it is safe.")
            return
        found = session_on(plan, day)
        if found is None:
            self.notify(f"{_long_day(day)} is a rest day: there is no session to mark done.")
            return
        if day > today:
            self.notify(
                f"That session is on {_long_day(day)}: mark it done on the day or later.",
                severity="warning",
            )
            return
        if self.coach.notify_read_only():
            return
        week, session = found
        sid = session_id(week, session)
        store = self.coach.store
        previous = find_log(store.session_logs(day, day), day, sid)
        title = f"{_long_day(day)} · {session.kind} · about {session_total_minutes(session)} min"

        from screens.session_done import SessionAnswers, SessionDoneScreen, save_session_log

        def save(answers: SessionAnswers) -> bool:
            log = log_for(
                plan,
                week,
                session,
                day,
                answers.effort,
                answers.pain_during,
                answers.note,
                answers.steady,
            )
            counted = save_session_log(self.coach, log)
            if counted is None:
                return False
            verb = "Updated" if previous is not None else "Marked done"
            self.notify(f"{verb}: {_long_day(day)}, {counted}.")
            return True

        async def closed(answers: SessionAnswers | None) -> None:
            if answers is not None:
                await self.reload()

        self.app.push_screen(SessionDoneScreen(title, previous, save), closed)

    def action_guided(self) -> None:
        """Today's session, one exercise at a time (screens/session_player.py)."""
        plan, today = self.plan, self.coach.today()
        if plan is None or plan.status == "paused":
            return
        found = session_on(plan, today)
        if found is None:
            self.notify("No session today: a rest day. A walk still counts toward your week.")
            return
        if self.selected != today:
            self.notify("The guided session is today's: it opens on today.")
        if self.coach.notify_read_only():
            return
        from coach.guided import GuidedSession
        from screens.session_player import SessionPlayerScreen

        week, session = found
        self.selected = today
        previous = find_log(self.coach.store.session_logs(today, today), today, session_id(*found))
        self.app.push_screen(
            SessionPlayerScreen(GuidedSession(plan, week, session, today), previous)
        )

    def action_regenerate(self) -> None:
        profile = self.loaded.profile
        if profile is None or self.coach.notify_read_only():
            return
        from screens.confirm import ConfirmScreen

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            store, today = self.coach.store, self.coach.today()
            start, end = history_window(today)
            plan = regenerate(
                profile,
                store.checkins(start, end),
                store.session_logs(start, end),
                store.dxa_scans(),
                today,
            )
            if not self.coach.save(lambda: store.put_plan(plan), "The new plan"):
                return
            self.selected = today
            self.notify("A new 12-week plan starts this week.")
            await self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Make a new 12-week plan from today? It replaces the current plan and its "
                "changes; your check-ins and the sessions you marked done are kept.",
                "make a new plan",
                "keep this plan",
            ),
            answered,
        )

    def action_resume(self) -> None:
        plan = self.plan
        if plan is None or plan.status != "paused" or self.coach.notify_read_only():
            return
        from screens.confirm import ConfirmScreen

        async def answered(yes: bool | None) -> None:
            if not yes or self.plan is None:
                return
            resumed = resume(self.plan, self.coach.today())
            if not self.coach.save(lambda: self.coach.store.put_plan(resumed), "Resuming"):
                return
            self.notify("Plan resumed: start again gently.")
            await self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Has your care team said it is safe to exercise again? Only resume once they "
                "have; if symptoms come back, stop and contact them.",
                "yes, they said it is safe",
                "not yet",
            ),
            answered,
        )
